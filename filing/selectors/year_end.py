"""The year-end watch (钢城承诺六：严禁年底不立案): does registration slow down in December?

Which December: the one of the period's end year when the period ends in December, otherwise the one
before it — shown when the period reaches into it or ends in the January right after (when the filings
left undecided across the new year matter most). Whatever the period's start, the watch covers the whole
of that December up to today: the question is about the month, the period only chooses which one.

Per ISO week (Monday to Sunday, the first and last clipped to December): filings received, filings
registered (whenever received) and their ratio, against the weekly average of January to November of
the same year. A week from the third on whose ratio falls below DROP_SHARE of the January–November ratio
is flagged. Beside them, when a comparison is chosen, the same dates of the December a year earlier.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from courthall import daily_counts
from courthall.exports import Column
from courthall.supervision import Period, PeriodChoice, buckets, day_start, within
from filing.models import OPEN_STATES, Filing
from filing.selectors import figures, overview

SOURCE = "钢城承诺六（严禁年底不立案）"
# A later week whose registered/received ratio is under 80% of January–November's is flagged: a court
# registering at its usual pace stays near its own ratio; a fifth less is more than the weekly noise of a
# basic court and less than a real stop. A court may tighten it; it is a reading aid, not a rule.
DROP_SHARE = 0.8
FIRST_LATER_WEEK = 3  # "the later weeks": the third week of December (the one after 8–14 Dec) on

NOT_DECEMBER = "年底立案监测在每年12月进行（钢城承诺六：严禁年底不立案）。"
SHOWING_LAST_DECEMBER = "下面是所选期间所及的{year}年12月的数字。"
NO_DECEMBER = "所选期间不含12月，也不在紧接12月的1月：请选择包含12月的期间查看。"
DROP_FLAG = "立案与收案之比低于1至11月的{share:.0%}"


# The filing panel's row (number, parties, channel, type, received, state, first receiver) and the dates the
# watch is about.
FILING_VALUES = (*overview.FILING_VALUES, "decision_due_on", "registered_at", "decided_at")
FILING_COLUMNS = [
    *overview.FILING_COLUMNS,
    Column("审查期限届满日", lambda row: row["decision_due_on"]),
    Column("立案时间", lambda row: row["registered_at"]),
    Column("处理时间", lambda row: row["decided_at"]),
]


def watched_year(period: Period) -> int | None:
    """The year whose December the watch shows for `period`, or None (see the module docstring)."""
    end_on = period.end_on
    year = end_on.year if end_on.month == 12 else end_on.year - 1
    if period.start_on <= date(year, 12, 31) or (end_on.month == 1 and end_on.year == year + 1):
        return year
    return None


def december(year: int, today: date) -> Period:
    """December of `year`, up to today."""
    return Period(date(year, 12, 1), min(date(year, 12, 31), today))


# --- the figures behind the numbers ------------------------------------------------------------------


def _court_filings(court_id: int) -> QuerySet:
    return Filing.objects.filter(court_id=court_id)


def received_rows(*, court_id: int, choice: PeriodChoice, today: date, **_) -> QuerySet:
    """Filings received in the period (a week of December when a week's number links here)."""
    return _court_filings(court_id).filter(within("received_at", choice.period)).order_by("received_at", "pk")


def registered_rows(*, court_id: int, choice: PeriodChoice, today: date, **_) -> QuerySet:
    """Filings registered in the period, whenever they were received."""
    return (
        _court_filings(court_id)
        .filter(within("registered_at", choice.period))
        .order_by("registered_at", "pk")
    )


def undecided_across(year: int) -> Q:
    """Received in `year` and still open, or decided only in the new year (on or after 1 January)."""
    return within("received_at", Period(date(year, 1, 1), date(year, 12, 31))) & (
        Q(state__in=OPEN_STATES) | Q(decided_at__gte=day_start(date(year + 1, 1, 1)))
    )


def undecided_rows(*, court_id: int, choice: PeriodChoice, today: date, **_) -> QuerySet:
    year = watched_year(choice.period)
    if year is None:
        return Filing.objects.none()
    return _court_filings(court_id).filter(undecided_across(year)).order_by("received_at", "pk")


RECEIVED = figures.register(
    figures.Figure(
        "year_end_received",
        "收到的立案材料",
        SOURCE,
        received_rows,
        FILING_COLUMNS,
        FILING_VALUES,
        figures.filing_link(),
        expressions=overview.FILING_EXPRESSIONS,
        day_field="received_at",
        settles_after=0,
    )
)
REGISTERED = figures.register(
    figures.Figure(
        "year_end_registered",
        "登记立案",
        SOURCE,
        registered_rows,
        FILING_COLUMNS,
        FILING_VALUES,
        figures.filing_link(),
        expressions=overview.FILING_EXPRESSIONS,
        day_field="registered_at",
        settles_after=0,
    )
)
UNDECIDED = figures.register(
    figures.Figure(
        "year_end_undecided",
        "跨年未决的立案申请（当年收到，仍未决定或次年1月1日后才决定）",
        SOURCE,
        undecided_rows,
        FILING_COLUMNS,
        FILING_VALUES,
        figures.filing_link(),
        expressions=overview.FILING_EXPRESSIONS,
    )
)


# --- the panel ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    label: str
    period: Period
    received: int
    registered: int
    baseline_received: float  # January–November's daily average × the week's days
    baseline_registered: float
    received_url: str
    registered_url: str
    later: bool
    flagged: bool
    earlier_received: int | None  # the same dates a year earlier (with a comparison)
    earlier_registered: int | None

    @property
    def ratio(self) -> float | None:
        return self.registered / self.received if self.received else None

    @property
    def ratio_percent(self) -> int | None:
        return None if self.ratio is None else round(self.ratio * 100)


@dataclass(frozen=True)
class YearEndWatch:
    today: date
    year: int | None
    notes: tuple[str, ...]
    weeks: tuple[Week, ...] = ()
    baseline_received_per_week: float = 0.0
    baseline_registered_per_week: float = 0.0
    baseline_ratio: float | None = None
    undecided: int = 0
    undecided_open: int = 0
    undecided_url: str = ""
    earlier_undecided: int | None = None
    comparison_label: str = ""
    chart: dict | None = None

    @property
    def flagged(self) -> tuple[Week, ...]:
        return tuple(week for week in self.weeks if week.flagged)

    @property
    def baseline_ratio_percent(self) -> int | None:
        return None if self.baseline_ratio is None else round(self.baseline_ratio * 100)

    @property
    def drop_flag(self) -> str:
        return DROP_FLAG.format(share=DROP_SHARE)

    @property
    def undecided_change(self) -> int | None:
        return None if self.earlier_undecided is None else self.undecided - self.earlier_undecided


def _counts_by_day(court_id: int, figure: figures.Figure, period: Period, today: date) -> Counter:
    """The figure's maintained days (courthall.daily_counts): thirteen months cost a read of ~400 rows."""
    return Counter(figures.figure_days(figure, court_id=court_id, period=period, today=today))


def _earlier_undecided(court_id: int, year: int, today: date) -> int:
    """Last year's carry-over: once that year is over no filing can join it (a decision only moves one
    from open to decided after 1 January, both counted), so it is counted once and stored as the count
    of its 31 December."""
    last_day = date(year, 12, 31)

    def count(span: Period) -> dict[date, int]:
        return {last_day: Filing.objects.filter(Q(court_id=court_id) & undecided_across(year)).count()}

    (total,) = daily_counts.settled_totals(
        court_id=court_id, asked=[("filing.year_end_undecided", Period(last_day, last_day), count)]
    )
    return total


def _sum(counts: Counter, period: Period) -> int:
    return sum(n for day, n in counts.items() if day in period)


def year_end_watch(*, court_id: int, choice: PeriodChoice, today: date) -> YearEndWatch:
    """The panel: two GROUP BY day queries over thirteen months (received_at, registered_at, both
    indexed with the court), one count of the undecided, and one more for a year earlier."""
    year = watched_year(choice.period)
    if year is None:
        return YearEndWatch(today=today, year=None, notes=(NOT_DECEMBER, NO_DECEMBER))
    in_december = today.month == 12 and today.year == year
    notes = () if in_december else (NOT_DECEMBER, SHOWING_LAST_DECEMBER.format(year=year))
    compare = choice.comparison is not None
    # One read per column: last December (for the comparison), this January–November and December.
    reach = Period(date(year - 1, 12, 1) if compare else date(year, 1, 1), december(year, today).end_on)
    received = _counts_by_day(court_id, RECEIVED, reach, today)
    registered = _counts_by_day(court_id, REGISTERED, reach, today)

    base = Period(date(year, 1, 1), date(year, 11, 30))
    base_received, base_registered = _sum(received, base), _sum(registered, base)
    per_day = (base_received / base.days, base_registered / base.days)
    baseline_ratio = base_registered / base_received if base_received else None

    weeks = []
    for index, (_, week) in enumerate(buckets(december(year, today), "week"), 1):
        week_choice = PeriodChoice(week, choice.compare, "day")
        n_received, n_registered = _sum(received, week), _sum(registered, week)
        later = index >= FIRST_LATER_WEEK
        flagged = (
            later
            and baseline_ratio is not None
            and n_received > 0
            and n_registered / n_received < baseline_ratio * DROP_SHARE
        )
        # The same dates a year earlier (a partial week against the same days, not a whole week).
        earlier = week.last_year() if compare else None
        weeks.append(
            Week(
                label=f"{week.start_on:%-m月%-d日}–{week.end_on:%-d日}",
                period=week,
                received=n_received,
                registered=n_registered,
                baseline_received=per_day[0] * week.days,
                baseline_registered=per_day[1] * week.days,
                received_url=figures.list_url(RECEIVED.key, week_choice),
                registered_url=figures.list_url(REGISTERED.key, week_choice),
                later=later,
                flagged=flagged,
                earlier_received=_sum(received, earlier) if earlier else None,
                earlier_registered=_sum(registered, earlier) if earlier else None,
            )
        )

    undecided = undecided_rows(court_id=court_id, choice=choice, today=today).aggregate(
        total=Count("pk"), still_open=Count("pk", filter=Q(state__in=OPEN_STATES))
    )
    earlier_undecided = _earlier_undecided(court_id, year - 1, today) if compare else None
    return YearEndWatch(
        today=today,
        year=year,
        notes=notes,
        weeks=tuple(weeks),
        baseline_received_per_week=per_day[0] * 7,
        baseline_registered_per_week=per_day[1] * 7,
        baseline_ratio=baseline_ratio,
        undecided=undecided["total"],
        undecided_open=undecided["still_open"],
        undecided_url=figures.list_url(UNDECIDED.key, choice),
        earlier_undecided=earlier_undecided,
        comparison_label=f"{year - 1}年12月" if compare else "",
        chart=_chart(year, weeks),
    )


def _chart(year: int, weeks: list[Week]) -> dict:
    """templates/_chart.html's dict (as courthall.supervision.chart builds it): bars for December's weeks,
    dashed lines for January–November's weekly average over the same number of days."""
    series = [
        {"name": "收案", "data": [week.received for week in weeks]},
        {"name": "立案", "data": [week.registered for week in weeks]},
        {
            "name": "1–11月周均收案",
            "data": [round(week.baseline_received, 1) for week in weeks],
            "dashed": True,
        },
        {
            "name": "1–11月周均立案",
            "data": [round(week.baseline_registered, 1) for week in weeks],
            "dashed": True,
        },
    ]
    labels = [week.label for week in weeks]
    rows = [(label, [line["data"][index] for line in series]) for index, label in enumerate(labels)]
    return {
        "title": f"{year}年12月按周收案与立案",
        "kind": "bar",
        "labels": labels,
        "series": series,
        "rows": rows,
    }
