"""The line's panel on the supervisors' overview (issue 7): calls, callbacks, tickets, same-day transfers,
replies, satisfaction and overdue tickets over a chosen period, each beside the comparison period's value,
each opening the list behind it (hotline:overview_list). Also the measure of the line's service commitment.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from courthall.commitments import Achievement
from courthall.supervision import COMPARISONS, Period, PeriodChoice, change_class, chart, default_bucket
from hotline.models import Satisfaction, TicketKind
from hotline.selectors.counted import maintained_keys, period_counts
from hotline.selectors.figures import (
    CALLBACKS_NOW,
    FIGURES,
    OPEN_TICKETS,
    OVERDUE_CLOCK_LABELS,
    Figure,
    floor_percent,
    list_url,
    source_counts,
)

CHART_KEYS = ("calls.offered", "calls.answered")

# --- The panel -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A figure's number over the period beside the comparison period's (None: no comparison, or `now`)."""

    figure: Figure
    value: int
    compared: int | None
    url: str

    @property
    def change(self) -> int | None:
        return None if self.compared is None else self.value - self.compared

    @property
    def change_text(self) -> str:
        return _change_text(self.change)

    @property
    def change_class(self) -> str:
        return change_class(self.change, self.figure.better)


@dataclass(frozen=True)
class Rate:
    """`met` of `total` as a percentage rounded down, beside the comparison period's; the change in points."""

    label: str
    met: int
    total: int
    compared: tuple[int, int] | None
    url: str  # the list of the ones that were met
    better: str = "up"
    is_rate = True

    @property
    def text(self) -> str:
        return floor_percent(self.met, self.total)

    @property
    def compared_text(self) -> str:
        return floor_percent(*self.compared) if self.compared else ""

    @property
    def change(self) -> float | None:
        if not (self.total and self.compared and self.compared[1]):
            return None
        return round(_floor_rate(self.met, self.total) - _floor_rate(*self.compared), 1)

    @property
    def change_text(self) -> str:
        return _change_text(self.change, unit=" 个百分点")

    @property
    def change_class(self) -> str:
        return change_class(self.change, self.better)


def _floor_rate(part: int, whole: int) -> float:
    return float(floor_percent(part, whole).rstrip("%"))


def _change_text(change, unit: str = "") -> str:
    if change is None:
        return ""
    if change == 0:
        return "持平"
    return f"{'▲' if change > 0 else '▼'} {abs(change):g}{unit}"


@dataclass(frozen=True)
class Group:
    title: str
    basis: str  # the rule the figures answer to
    rows: list  # Shown and Rate, in the order shown
    now: bool = False  # a snapshot of today: no comparison column


@dataclass(frozen=True)
class HotlineOverview:
    choice: PeriodChoice
    today: date
    groups: list[Group]
    chart: dict
    shown: dict[str, Shown]

    @property
    def comparison_name(self) -> str:
        return COMPARISONS[self.choice.compare]

    @property
    def comparison_label(self) -> str:
        comparison = self.choice.comparison
        return f"{self.comparison_name}（{comparison.label()}）" if comparison else ""


def hotline_overview(*, court_id: int, choice: PeriodChoice, today: date) -> HotlineOverview:
    """The line's panel over `choice`: a handful of queries whatever the amount of data — the stored days
    read, the open days counted live (each source over its last days only), the open records now."""
    periods = [choice.period] + ([choice.comparison] if choice.comparison else [])
    # The chart's two lines day by day, and every other period figure's total: settled days from the
    # maintained counts (courthall.daily_counts), open days live (hotline.selectors.counted).
    counts, days = period_counts(
        maintained_keys(), court_id=court_id, periods=periods, today=today, by_day=CHART_KEYS
    )
    now = {}
    for source in (CALLBACKS_NOW, OPEN_TICKETS):
        now.update(source_counts(source, court_id=court_id, period=choice.period, today=today))

    def shown(key: str) -> Shown:
        if key in now:
            return Shown(FIGURES[key], now[key], None, list_url(key, choice))
        compared = counts[1][key] if len(counts) > 1 else None
        return Shown(FIGURES[key], counts[0][key], compared, list_url(key, choice))

    def rate(label: str, met: str, total: tuple[str, ...]) -> Rate:
        def of(counted):
            return counted[met], sum(counted[key] for key in total)

        return Rate(label, *of(counts[0]), of(counts[1]) if len(counts) > 1 else None, list_url(met, choice))

    # The figures this panel counts (the week's page has one of its own, tickets.closed).
    all_shown = {key: shown(key) for key in FIGURES if key in now or key in counts[0]}
    groups = [
        Group(
            "来电接听",
            "钢城承诺三：热线服务接通率 100%",
            [
                *(all_shown[key] for key in ("calls.offered", "calls.answered", "calls.abandoned")),
                rate("接通率", "calls.answered", ("calls.offered",)),
            ],
        ),
        Group(
            "未接来电回拨",
            "钢城承诺三：未接来电当日回拨",
            [all_shown["calls.called_back"], rate("回拨率", "calls.called_back", ("calls.abandoned",))],
        ),
        Group(
            "联系、投诉、建议事项转交",
            "钢城承诺三：当日转交相关人员、部门办理",
            [
                all_shown["transfer.same_day"],
                all_shown["transfer.late"],
                rate("当日转交率", "transfer.same_day", ("transfer.same_day", "transfer.late")),
            ],
        ),
        Group(
            "转办答复",
            "承办部门 2 个工作日内答复（期限可设置）",
            [
                all_shown["reply.in_time"],
                all_shown["reply.late"],
                rate("按期答复率", "reply.in_time", ("reply.in_time", "reply.late")),
            ],
        ),
        Group(
            "收到工单（按类别）",
            "收、转、办、督、复、评",
            [all_shown["tickets.received"], *(all_shown[f"tickets.{value}"] for value in TicketKind.values)],
        ),
        Group(
            "回访满意度",
            "本期受理的工单的回访结果",
            [all_shown[f"satisfaction.{value}"] for value in Satisfaction.values],
        ),
        Group(
            "当前超期未办",
            f"截至 {today:%Y年%-m月%-d日}，不随所选期间变化",
            [
                all_shown["callbacks.overdue"],
                *(all_shown[f"overdue.{clock}"] for clock in OVERDUE_CLOCK_LABELS),
            ],
            now=True,
        ),
    ]
    lines = {"来电": days[0]["calls.offered"], "已接听": days[0]["calls.answered"]}
    comparison_lines = (
        {"来电": days[1]["calls.offered"], "已接听": days[1]["calls.answered"]} if len(days) > 1 else None
    )
    drawn = chart(title="来电与接听", choice=choice, lines=lines, comparison_lines=comparison_lines)
    return HotlineOverview(choice, today, groups, drawn, all_shown)


# --- The service commitment (舞钢规范第九条: published commitments) --------------------------------------


def same_day_transfer_achievement(*, court_id: int, period: Period) -> Achievement:
    """同日转办 (钢城承诺三): of the contact, complaint and suggestion tickets taken in `period` whose
    transfer day has come, how many were transferred by it. The same counts as the panel's figures."""
    today = timezone.localdate()
    (counts,), _ = period_counts(
        ["transfer.same_day", "transfer.late"], court_id=court_id, periods=[period], today=today
    )
    met = counts["transfer.same_day"]
    choice = PeriodChoice(period, "previous", default_bucket(period))
    return Achievement(met, met + counts["transfer.late"], list_url("transfer.same_day", choice))
