"""The registry of the filing figures a supervisor can open (the figures contract, issue 7).

Each figure on a panel is a count of rows; the same `rows()` queryset gives the number on the panel
(`.count()`), the drill-down list (filing:overview_list, 30 a page) and its export (courthall.exports),
so a number and the list behind it never disagree. Any app module may register figures; the filing
panel's are in filing.selectors.overview, imported by FilingConfig.ready().

A figure may take parameters of its own beyond the period (the people panel's `person`): it names them in
`carries`; the list reads them from its query string, hands them to rows() as `params` (a dict of those
names only) and keeps them in its page, export and date-form links. rows() of a figure without `carries`
is called without `params`. A parameter that makes no sense raises BadParameter: the list shows its
message over no rows.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Expression, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse

from courthall import daily_counts
from courthall.exports import Column
from courthall.supervision import Period, PeriodChoice

UNKNOWN_FIGURE = "没有这项统计数据，请从监督面板上的数字进入列表。"


@dataclass(frozen=True)
class Figure:
    key: str  # "overdue_statutory": stable, used in URLs
    title: str  # 超过七日法定期限未决
    source: str  # 登记立案规定第八条
    # rows(court_id=..., choice=PeriodChoice, today=date[, params=dict]) -> an ordered queryset, bounded by
    # an indexed date range or by the open records only. `params` only for a figure that `carries` some.
    rows: Callable[..., QuerySet]
    columns: list[Column]  # over the queryset's .values(*values) dicts
    values: tuple[str, ...]  # the .values(...) field names the columns read
    # Where a row of the list links to (the row's dict -> URL); None for no link. Optional, after the
    # contract's fields, so a figure that does not give it still registers as written.
    link: Callable[[dict], str] | None = None
    # The query parameters of its own the figure's rows read and its list's links keep (e.g. "person").
    carries: tuple[str, ...] = ()
    # Computed columns the list and the export read beside `values` (name -> expression), e.g. the
    # parties' names in one sub-select; the panel's counts never compute them.
    expressions: dict = field(default_factory=dict)
    # A maintained aggregate (courthall.daily_counts): the field (a DateTimeField path, read as the court's
    # local date) or the date expression (or a function making it, where it reads a setting) that puts
    # each row on one day — rows() over a period must be exactly the rows whose day is in it — and how
    # many days after that day no row joins or leaves it any more.
    # None: the figure is counted live (the open records, or rows that may change at any time).
    day_field: str | Expression | Callable[[], Expression] | None = None
    settles_after: int | None = None


class BadParameter(ValueError):
    """A figure's own parameter that makes no sense; the message (Chinese) is shown above an empty list."""


def carried(figure: Figure, query: Mapping[str, str]) -> dict[str, str]:
    """The figure's own parameters present in `query` (a request's QueryDict or a dict)."""
    return {name: query[name] for name in figure.carries if query.get(name)}


def _rows(figure: Figure, court_id: int, choice: PeriodChoice, today: date, params) -> QuerySet:
    if not figure.carries:
        return figure.rows(court_id=court_id, choice=choice, today=today)
    return figure.rows(court_id=court_id, choice=choice, today=today, params=carried(figure, params or {}))


_REGISTRY: dict[str, Figure] = {}


def register(figure: Figure) -> Figure:
    """Register (or, under autoreload, replace) a figure; returns it so a module can keep a name for it."""
    _REGISTRY[figure.key] = figure
    return figure


def get(key: str) -> Figure | None:
    return _REGISTRY.get(key)


def registered() -> list[Figure]:
    return list(_REGISTRY.values())


def figure_rows(
    figure: Figure,
    *,
    court_id: int,
    choice: PeriodChoice,
    today: date,
    params: Mapping[str, str] | None = None,
) -> QuerySet:
    """The figure's rows as the list and the export read them: the .values(...) dicts. Raises BadParameter
    for a nonsensical parameter of the figure's own."""
    return _rows(figure, court_id, choice, today, params).values(*figure.values, **figure.expressions)


def figure_count(
    figure: Figure,
    *,
    court_id: int,
    choice: PeriodChoice,
    today: date,
    params: Mapping[str, str] | None = None,
) -> int:
    """The number a panel shows: the count of the very rows its list shows."""
    return _rows(figure, court_id, choice, today, params).count()


def day_of(figure: Figure) -> Expression:
    day = figure.day_field
    if isinstance(day, str):
        return TruncDate(day)
    return day() if callable(day) else day


def count_days(figure: Figure, *, court_id: int, today: date) -> daily_counts.CountDays:
    """The figure's rows over a span counted per day, in one GROUP BY."""

    def count(span: Period) -> dict[date, int]:
        rows = figure.rows(court_id=court_id, choice=PeriodChoice(span, "none", "day"), today=today)
        return daily_counts.by_day(rows, day_of(figure))

    return count


def figure_days(figure: Figure, *, court_id: int, period: Period, today: date) -> dict[date, int]:
    """A maintained figure's count for each day of `period` (a chart's line)."""
    return daily_counts.daily_counts(
        court_id=court_id,
        key=f"filing.{figure.key}",
        period=period,
        today=today,
        settles_after=figure.settles_after,
        count_days=count_days(figure, court_id=court_id, today=today),
    )


def figure_counts(asked: list[tuple[Figure, PeriodChoice]], *, court_id: int, today: date) -> list[int]:
    """The counts of many figures (each over its own period), equal to each rows().count().

    A maintained figure's settled days come from courthall.daily_counts (one read for all of them); what
    is left — its days still open, and every figure counted live — goes in ONE query where each rows() is
    a sub-select counted on its own, the very query .count() would send. A panel of thirty figures costs
    two round trips, and its past does not cost again on every request."""
    settled: list[tuple[int, str, Period, daily_counts.CountDays]] = []
    live: list[tuple[int, Figure, PeriodChoice]] = []
    for index, (figure, choice) in enumerate(asked):
        if figure.settles_after is None or figure.day_field is None:
            live.append((index, figure, choice))
            continue
        settled_span, live_span = daily_counts.split(
            choice.period, today=today, settles_after=figure.settles_after
        )
        if settled_span is not None:
            counter = count_days(figure, court_id=court_id, today=today)
            settled.append((index, f"filing.{figure.key}", settled_span, counter))
        if live_span is not None:
            live.append((index, figure, replace(choice, period=live_span)))
    totals = [0] * len(asked)
    stored = daily_counts.settled_totals(court_id=court_id, asked=[item[1:] for item in settled])
    for (index, *_), total in zip(settled, stored, strict=True):
        totals[index] += total
    live_counts = _live_counts(
        [(figure, choice) for _, figure, choice in live], court_id=court_id, today=today
    )
    for (index, *_), total in zip(live, live_counts, strict=True):
        totals[index] += total
    return totals


def _live_counts(asked: list[tuple[Figure, PeriodChoice]], *, court_id: int, today: date) -> list[int]:
    parts, params = [], []
    for figure, choice in asked:
        # Only the key is selected: a count needs no columns, and compiling forty sub-selects of every
        # column was most of the panel's time.
        queryset = figure.rows(court_id=court_id, choice=choice, today=today).order_by().values("pk")
        try:
            sql, sql_params = queryset.query.get_compiler(using=queryset.db).as_sql()
        except EmptyResultSet:
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS figure_{len(parts)})")
        params.extend(sql_params)
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        return [int(value) for value in cursor.fetchone()]


def list_url(key: str, choice: PeriodChoice, **params) -> str:
    """The drill-down list of a figure over a period (with the figure's own parameters, None ones left
    out): what a panel's number links to."""
    return f"{reverse('filing:overview_list')}?{choice.query(figure=key, **params)}"


def filing_link(field: str = "pk") -> Callable[[dict], str]:
    """A row link to the filing's page, reading the filing's id from `field` of the row."""
    return lambda row: reverse("filing:filing_detail", args=[row[field]])
