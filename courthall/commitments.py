"""The service commitments (服务承诺, 舞钢规范第九条) and how each one is measured.

courthall imports no app, so each app registers the commitments it keeps, with the function that measures
them, from its AppConfig.ready(). The public page (no login) and the supervisors' panels call the same
function over the same period, so the figure a visitor reads is the figure a supervisor reads.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from courthall.supervision import Period

NOTHING_TO_MEASURE = "本期无此类事项"


@dataclass(frozen=True)
class Achievement:
    """Of `total` matters the commitment applied to in a period, `met` were handled as promised."""

    met: int
    total: int
    # The staff list behind the figure (a URL path with its query), "" when there is none.
    list_url: str = ""

    @property
    def rate(self) -> Decimal | None:
        if not self.total:
            return None
        return (Decimal(self.met) * 100 / self.total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def rate_text(self) -> str:
        return NOTHING_TO_MEASURE if self.rate is None else f"{self.rate}%"


@dataclass(frozen=True)
class Commitment:
    key: str  # stable, e.g. "filing.receipts"
    order: int  # place on the public page
    title: str  # 收到材料，当场出具收据
    promise: str  # the promise in plain words, as the public page states it
    source: str  # 舞钢规范第五条
    # measure(court_id=..., period=...) -> Achievement; reads only stored values (due dates, issue times).
    measure: Callable[..., Achievement]


_REGISTRY: dict[str, Commitment] = {}


def register(commitment: Commitment) -> None:
    """Call from an AppConfig.ready(); registering the same key again replaces it (autoreload)."""
    _REGISTRY[commitment.key] = commitment


def unregister(key: str) -> None:
    """Remove a commitment (a test that registered its own); an unknown key is no error."""
    _REGISTRY.pop(key, None)


def registered() -> list[Commitment]:
    return sorted(_REGISTRY.values(), key=lambda commitment: (commitment.order, commitment.key))


def achieved(*, court_id: int, period: Period) -> list[tuple[Commitment, Achievement]]:
    return [(c, c.measure(court_id=court_id, period=period)) for c in registered()]
