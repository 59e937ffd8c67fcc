"""Counts per day that panels read over any period without counting all of it again (issue 7: "figures
come from indexed queries or maintained aggregates, never from scanning all history per request").

A figure counts records that each fall on one day (the day a filing was received, a notice issued …).
Once a day is *settled* — no record can join or leave it any more — its count is stored (DailyCount) the
first time a panel asks for it, and read from there ever after; the days still open (today, and for a
figure whose records change for a while, the last few days) are counted live. A period of a year thus
costs one indexed read of at most 366 small rows plus the live days, whatever the history behind it.

What settles when is the figure's own knowledge: `settles_after` days after the day itself. A record
entered later with an earlier date (a correction by an administrator) is not seen by a stored day:
`manage.py daily_counts --forget` drops the stored days so that they are counted again.
"""

from collections.abc import Callable
from datetime import date, timedelta

from courthall.models import DailyCount
from courthall.supervision import Period

# count_days(span) -> {day: count}: the live count of the figure per day over `span` (days with no record
# may be left out); one GROUP BY query over an indexed date range.
CountDays = Callable[[Period], dict[date, int]]


def settled_before(today: date, settles_after: int) -> date:
    """The first day that is not settled yet: every day before it is."""
    return today - timedelta(days=settles_after)


def daily_counts(
    *, court_id: int, key: str, period: Period, today: date, settles_after: int, count_days: CountDays
) -> dict[date, int]:
    """The figure's count for every day of `period` (0 included): settled days from the stored table —
    counting and storing the missing ones once —, the others live."""
    first_open = settled_before(today, settles_after)
    counts: dict[date, int] = {}
    settled_end = min(period.end_on, first_open - timedelta(days=1))
    if period.start_on <= settled_end:
        counts.update(_settled(court_id, key, Period(period.start_on, settled_end), count_days))
    live_start = max(period.start_on, first_open)
    if live_start <= period.end_on:
        live = Period(live_start, period.end_on)
        counted = count_days(live)
        counts.update({day: counted.get(day, 0) for day in _days(live)})
    return counts


def settled_totals(*, court_id: int, asked: list[tuple[str, Period, CountDays]]) -> list[int]:
    """The total over each (key, settled span, count_days) asked: the stored days of all of them read in
    one query, any missing days counted (once) and stored."""
    if not asked:
        return []
    first_on = min(span.start_on for _, span, _ in asked)
    last_on = max(span.end_on for _, span, _ in asked)
    stored: dict[str, dict[date, int]] = {key: {} for key, _, _ in asked}
    for key, on, count in (
        DailyCount.objects.filter(court_id=court_id, key__in=list(stored), on__gte=first_on, on__lte=last_on)
        .order_by()
        .values_list("key", "on", "count")
    ):
        stored[key][on] = count
    totals = []
    for key, span, count_days in asked:
        days = _settled(court_id, key, span, count_days, stored=stored[key])
        totals.append(sum(days[day] for day in _days(span)))
    return totals


def _settled(
    court_id: int, key: str, span: Period, count_days: CountDays, *, stored: dict[date, int] | None = None
) -> dict[date, int]:
    if stored is None:
        stored = dict(
            DailyCount.objects.filter(court_id=court_id, key=key, on__gte=span.start_on, on__lte=span.end_on)
            .order_by()
            .values_list("on", "count")
        )
    missing = [day for day in _days(span) if day not in stored]
    if missing:
        counted = count_days(Period(missing[0], missing[-1]))
        fresh = {day: counted.get(day, 0) for day in missing}
        # Two requests may count the same days at once: both counted the same settled records, and the
        # second insert is ignored.
        DailyCount.objects.bulk_create(
            [DailyCount(court_id=court_id, key=key, on=day, count=n) for day, n in fresh.items()],
            ignore_conflicts=True,
            batch_size=500,
        )
        stored.update(fresh)
    return stored


def _days(span: Period) -> list[date]:
    return [span.start_on + timedelta(days=offset) for offset in range(span.days)]


def forget(*, court_id: int | None = None, key_prefix: str = "") -> int:
    """Drop stored days (of one court, of keys starting with `key_prefix`) so they are counted again."""
    stored = DailyCount.objects.all()
    if court_id is not None:
        stored = stored.filter(court_id=court_id)
    if key_prefix:
        stored = stored.filter(key__startswith=key_prefix)
    deleted, _ = stored.delete()
    return deleted
