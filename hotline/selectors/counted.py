"""The hotline panel's period figures as maintained aggregates (issue 7: "figures come from indexed queries
or maintained aggregates, never from scanning all history per request").

A figure with `settles_after` (hotline.selectors.figures) is counted per day of its source's day field:
its settled days come from courthall.daily_counts (key "hotline.<figure key>", one read for all the
figures of a panel), its open days are counted live — one query per source and period, each figure's
count filtered to its own open days. calls.called_back is the missed calls less those still waiting on
the callback list (partial index call_callback_list: the open records only), since a callback may come
any day after the call. The open-ticket "now" figures stay live. Each total equals figure_rows().count().
"""

from datetime import date, timedelta

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate

from courthall import daily_counts
from courthall.models import DailyCount
from courthall.supervision import Period
from hotline.selectors.figures import FIGURES, Figure, Source, callbacks_waiting

KEY_PREFIX = "hotline."
CALLED_BACK = "calls.called_back"


def _since(source: Source, day: date) -> Q:
    """The rows of `source` whose day is `day` or later."""
    if source.day_is_datetime:
        return Q(**{f"{source.day}__gte": Period(day, day).span()[0]})
    return Q(**{f"{source.day}__gte": day})


def _day_of(source: Source):
    return TruncDate(source.day) if source.day_is_datetime else F(source.day)


def count_days(figure: Figure, *, court_id: int, today: date) -> daily_counts.CountDays:
    """The figure's rows over a span counted per day, in one GROUP BY over the source's indexed range."""
    source = figure.source

    def count(span: Period) -> dict[date, int]:
        return daily_counts.by_day(
            source.rows(court_id, span).filter(figure.condition(today)), _day_of(source)
        )

    return count


def period_counts(
    keys: list[str], *, court_id: int, periods: list[Period], today: date, by_day: tuple[str, ...] = ()
) -> tuple[list[dict[str, int]], list[dict[str, dict[date, int]]]]:
    """The period figures `keys` (maintained ones, and calls.called_back) over each of `periods`, and for
    the `by_day` ones among them their count on each day (a chart's lines, summing to the totals)."""
    wanted = list(keys)
    if CALLED_BACK in wanted and "calls.abandoned" not in wanted:
        wanted.append("calls.abandoned")
    figures = [FIGURES[key] for key in wanted if key != CALLED_BACK]
    settled: list[tuple[int, str, str, Period, daily_counts.CountDays]] = []
    live: dict[tuple[int, Source], list[tuple[Figure, date]]] = {}
    for index, period in enumerate(periods):
        for figure in figures:
            settled_span, live_span = daily_counts.split(
                period, today=today, settles_after=figure.settles_after
            )
            if settled_span is not None:
                counter = count_days(figure, court_id=court_id, today=today)
                settled.append((index, figure.key, KEY_PREFIX + figure.key, settled_span, counter))
            if live_span is not None:
                live.setdefault((index, figure.source), []).append((figure, live_span.start_on))
    totals: list[dict[str, int]] = [dict.fromkeys(wanted, 0) for _ in periods]
    days: list[dict[str, dict[date, int]]] = [
        {key: dict.fromkeys(_days(period), 0) for key in by_day} for period in periods
    ]
    stored = daily_counts.settled_totals(court_id=court_id, asked=[item[2:] for item in settled])
    for (index, key, *_), total in zip(settled, stored, strict=True):
        totals[index][key] += total
    _stored_days(court_id, [item for item in settled if item[1] in by_day], days)
    for (index, source), asked in live.items():
        # One query a source and period over its open days only, by day; each figure counts its own.
        start_on = min(live_start for _, live_start in asked)
        rows = (
            source.rows(court_id, Period(start_on, periods[index].end_on))
            .order_by()
            .annotate(figure_day=_day_of(source))
            .values("figure_day")
            .annotate(
                **{
                    f"n{n}": Count("pk", filter=figure.condition(today) & _since(source, live_start))
                    for n, (figure, live_start) in enumerate(asked)
                }
            )
        )
        for row in rows:
            for n, (figure, _) in enumerate(asked):
                totals[index][figure.key] += row[f"n{n}"]
                if figure.key in by_day and row["figure_day"] >= _live_start(asked, figure):
                    days[index][figure.key][row["figure_day"]] = row[f"n{n}"]
    if CALLED_BACK in wanted:
        for index, waiting in enumerate(_waiting(court_id, periods)):
            totals[index][CALLED_BACK] = totals[index]["calls.abandoned"] - waiting
    return [{key: counted[key] for key in keys} for counted in totals], days


def _live_start(asked: list[tuple[Figure, date]], figure: Figure) -> date:
    return next(start for asked_figure, start in asked if asked_figure is figure)


def _stored_days(court_id: int, settled: list, days: list[dict[str, dict[date, int]]]) -> None:
    """The stored days of the settled spans (stored by settled_totals just before) into `days`, one read."""
    if not settled:
        return
    first_on = min(item[3].start_on for item in settled)
    last_on = max(item[3].end_on for item in settled)
    stored = DailyCount.objects.filter(
        court_id=court_id, key__in={item[2] for item in settled}, on__gte=first_on, on__lte=last_on
    ).values_list("key", "on", "count")
    by_key: dict[str, dict[date, int]] = {}
    for key, on, count in stored.order_by():
        by_key.setdefault(key, {})[on] = count
    for index, key, stored_key, span, _ in settled:
        line = days[index][key]
        for day in _days(span):
            line[day] = by_key.get(stored_key, {}).get(day, 0)


def _days(span: Period) -> list[date]:
    return [span.start_on + timedelta(days=offset) for offset in range(span.days)]


def _waiting(court_id: int, periods: list[Period]) -> list[int]:
    """The missed calls of each period still waiting for a callback (the open records only), one query."""
    counted = callbacks_waiting(court_id).aggregate(
        **{
            f"n{index}": Count("pk", filter=Q(offered_on__range=(period.start_on, period.end_on)))
            for index, period in enumerate(periods)
        }
    )
    return [counted[f"n{index}"] for index in range(len(periods))]


def maintained_keys() -> list[str]:
    """The period figures the panel counts this way (those of CALLS, TICKETS and TRANSFERS it shows)."""
    return [key for key, figure in FIGURES.items() if figure.settles_after is not None or key == CALLED_BACK]
