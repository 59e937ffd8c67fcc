"""What the filing panel shows, read in a constant handful of queries whatever the court's size:
every figure's count (now, the period, the comparison period, the commitments) in two queries
(figures.figure_counts), and the chart's daily counts from the same maintained days."""

from dataclasses import dataclass, replace
from datetime import date

from courthall.supervision import COMPARISONS, PeriodChoice, change_class, chart
from filing.models import Channel
from filing.selectors import figures
from filing.selectors.figures import Figure
from filing.selectors.overview import (
    OVERDUE,
    RECEIVED,
    RECEIVED_TODAY,
    REFUSALS,
    REGISTERED,
    REGISTERED_FIRST,
    REGISTERED_ON_SPOT,
    WAITING,
    WAITING_BY_DAYS_LEFT,
)
from filing.selectors.overview_commitments import (
    COMMITMENTS,
    MEASURED,
    achievement,
    measuring_figures,
    period_only,
)
from filing.selectors.overview_flow import (
    CORRECTIONS_CORRECTED,
    CORRECTIONS_ISSUED,
    CORRECTIONS_LAPSED,
    LATE_ASSIGNMENTS,
    SECOND_NOTICES,
    UNPAID_AT_LIMIT,
)

FLOW = [
    RECEIVED,
    REGISTERED,
    REGISTERED_ON_SPOT,
    REGISTERED_FIRST,
    CORRECTIONS_ISSUED,
    CORRECTIONS_CORRECTED,
    CORRECTIONS_LAPSED,
    SECOND_NOTICES,
    REFUSALS,
    LATE_ASSIGNMENTS,
    UNPAID_AT_LIMIT,
]
# Flow figures where more is better (a rise in green) and where more is worse (a rise in red); the rest
# (receipts, notices issued) are workload, their change shown without colour.
BETTER_WHEN_MORE = {REGISTERED.key, REGISTERED_ON_SPOT.key, CORRECTIONS_CORRECTED.key}
WORSE_WHEN_MORE = {
    REGISTERED_FIRST.key,
    CORRECTIONS_LAPSED.key,
    SECOND_NOTICES.key,
    REFUSALS.key,
    LATE_ASSIGNMENTS.key,
    UNPAID_AT_LIMIT.key,
}


@dataclass(frozen=True)
class Shown:
    """A figure on the panel: its count and list, and (flow figures) the comparison period's."""

    figure: Figure
    label: str
    count: int
    url: str
    compare_count: int | None = None
    compare_url: str = ""

    @property
    def difference(self) -> int | None:
        return None if self.compare_count is None else self.count - self.compare_count

    @property
    def trend(self) -> str:
        """▲ / ▼ / "" (no change or no comparison)."""
        if not self.difference:
            return ""
        return "▲" if self.difference > 0 else "▼"

    @property
    def trend_class(self) -> str:
        key = self.figure.key
        better = "up" if key in BETTER_WHEN_MORE else "down" if key in WORSE_WHEN_MORE else ""
        return change_class(self.difference, better)


def comparison_choice(choice: PeriodChoice) -> PeriodChoice | None:
    comparison = choice.comparison
    return None if comparison is None else replace(choice, period=comparison, errors=())


def filing_panel(*, court_id: int, choice: PeriodChoice, today: date) -> dict:
    compare = comparison_choice(choice)
    measured_choice = period_only(choice.period)
    now = [*RECEIVED_TODAY.values(), WAITING, *(f for f, _ in WAITING_BY_DAYS_LEFT), *OVERDUE]
    measuring = measuring_figures()
    asked = [(figure, choice) for figure in (*now, *FLOW)]
    asked += [(figure, compare) for figure in FLOW] if compare else []
    asked += [(figure, measured_choice) for figure in measuring]
    values = iter(figures.figure_counts(asked, court_id=court_id, today=today))
    counts = {figure.key: next(values) for figure in (*now, *FLOW)}
    compare_counts = {figure.key: next(values) for figure in FLOW} if compare else {}
    measured_counts = {figure.key: next(values) for figure in measuring}

    def shown(figure: Figure, label: str | None = None) -> Shown:
        return Shown(figure, label or figure.title, counts[figure.key], figures.list_url(figure.key, choice))

    labels = dict(Channel.choices)
    flow = [
        replace(
            shown(figure),
            compare_count=compare_counts.get(figure.key),
            compare_url=figures.list_url(figure.key, compare) if compare else "",
        )
        for figure in FLOW
    ]
    commitments = [
        (commitment, achievement(commitment.key, measured_counts, measured_choice))
        for commitment in COMMITMENTS
        if commitment.key in MEASURED
    ]
    return {
        "received_today": [shown(figure, labels[channel]) for channel, figure in RECEIVED_TODAY.items()],
        "received_today_total": sum(counts[figure.key] for figure in RECEIVED_TODAY.values()),
        "waiting": shown(WAITING),
        "waiting_by_days_left": [shown(figure, label) for figure, label in WAITING_BY_DAYS_LEFT],
        "overdue": [shown(figure) for figure in OVERDUE],
        "flow": flow,
        "compare_label": COMPARISONS[choice.compare] if compare else "",
        "compare_period": compare.period if compare else None,
        "commitments": commitments,
        "chart": received_registered_chart(court_id=court_id, choice=choice, compare=compare, today=today),
    }


def _daily(figure: Figure, *, court_id: int, choice: PeriodChoice, compare: PeriodChoice | None, today: date):
    """The figure's count per day over the period and the comparison period: its maintained days."""
    days = figures.figure_days(figure, court_id=court_id, period=choice.period, today=today)
    if compare is not None:
        days.update(figures.figure_days(figure, court_id=court_id, period=compare.period, today=today))
    return days


def received_registered_chart(
    *, court_id: int, choice: PeriodChoice, compare: PeriodChoice | None, today: date
) -> dict:
    """收件 and 立案 by day, week or month: the RECEIVED and REGISTERED figures' own days."""
    lines = {
        "收件": _daily(RECEIVED, court_id=court_id, choice=choice, compare=compare, today=today),
        "立案": _daily(REGISTERED, court_id=court_id, choice=choice, compare=compare, today=today),
    }
    return chart(title="收件与立案", choice=choice, lines=lines, comparison_lines=lines if compare else None)


def commitment_achievements(*, court_id: int, choice: PeriodChoice, today: date) -> list[tuple]:
    """(commitment, Achievement) as the panel shows them — for tests that compare with measure()."""
    return filing_panel(court_id=court_id, choice=choice, today=today)["commitments"]
