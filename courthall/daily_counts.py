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

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from django.db.models import Count, Expression, QuerySet

from courthall.models import DailyCount
from courthall.supervision import Period

# count_days(span) -> {day: count}: the live count of the figure per day over `span` (days with no record
# may be left out); one GROUP BY query over an indexed date range.
CountDays = Callable[[Period], dict[date, int]]


def by_day(rows: QuerySet, day: Expression) -> dict[date, int]:
    """`rows` counted per `day` (a date expression, e.g. TruncDate of the indexed datetime the rows were
    selected by): the one GROUP BY every count_days is made of."""
    return dict(
        rows.order_by()
        .annotate(count_day=day)
        .values("count_day")
        .annotate(n=Count("pk"))
        .values_list("count_day", "n")
    )


def settled_before(today: date, settles_after: int) -> date:
    """The first day that is not settled yet: every day before it is."""
    return today - timedelta(days=settles_after)


def split(period: Period, *, today: date, settles_after: int) -> tuple[Period | None, Period | None]:
    """(the settled days, the days still open) of `period`, either None when it has none."""
    first_open = settled_before(today, settles_after)
    settled_end = min(period.end_on, first_open - timedelta(days=1))
    live_start = max(period.start_on, first_open)
    settled = Period(period.start_on, settled_end) if period.start_on <= settled_end else None
    live = Period(live_start, period.end_on) if live_start <= period.end_on else None
    return settled, live


def daily_counts(
    *, court_id: int, key: str, period: Period, today: date, settles_after: int, count_days: CountDays
) -> dict[date, int]:
    """The figure's count for every day of `period` (0 included): settled days from the stored table —
    counting and storing the missing ones once —, the others live."""
    counts: dict[date, int] = {}
    settled, live = split(period, today=today, settles_after=settles_after)
    if settled is not None:
        counts.update(_settled(court_id, key, settled, count_days))
    if live is not None:
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


# --- per group (a person): the same days, counted per group ---------------------------------------------

# count_days_by_group(span) -> {(day, group): count}: the live count of the figure per day and group (a
# person's pk, None for the records of no one) over `span`; one GROUP BY (day, group) query.
CountDaysByGroup = Callable[[Period], dict[tuple[date, object], int]]
NO_GROUP = "none"  # the key suffix of the records of no group


def group_key(key: str, group: object) -> str:
    """The stored key of one group's days of the figure `key`: "filing.people_received.12"."""
    return f"{key}.{NO_GROUP if group is None else group}"


def grouped_settled_totals(
    *,
    court_id: int,
    asked: list[tuple[str, Period, CountDaysByGroup]],
    groups: Iterable[object] = (),
) -> list[dict[object, int]]:
    """The total per group over each (key, settled span, count_days_by_group) asked: {group: total}, the
    groups with no record in the span left out (None: the records of no group).

    Each settled day is stored as a marker row under `key` (the day's total, as daily_counts() stores it)
    and one row per group under group_key(key, group) where that group has records that day: a day whose
    marker is stored is known, and a group with no row that day had none. The stored rows are read in one
    indexed query over the keys of `groups` (the groups a caller expects, e.g. the court's staff; None is
    always read); should the markers' totals show rows of some other group, that figure's rows are read
    again by key prefix. The missing days of a figure are counted in ONE GROUP BY (day, group) over the
    span from the first to the last of them, and stored."""
    if not asked:
        return []
    first_on = min(span.start_on for _, span, _ in asked)
    last_on = max(span.end_on for _, span, _ in asked)
    markers = {key for key, _, _ in asked}
    expected = [None, *(group for group in groups if group is not None)]
    keys = [*markers, *(group_key(key, group) for key in markers for group in expected)]
    stored = _grouped_rows(
        DailyCount.objects.filter(court_id=court_id, key__in=keys, on__gte=first_on, on__lte=last_on),
        markers,
        expected,
    )
    results = []
    for key, span, count_days_by_group in asked:
        marked, by_group = stored[key]
        days = _days(span)
        missing = [day for day in days if day not in marked]
        if missing:
            fresh = _count_and_store(
                court_id, key, Period(missing[0], missing[-1]), missing, count_days_by_group
            )
            for day, counts in fresh.items():
                marked[day] = sum(counts.values())
                for group, n in counts.items():
                    by_group.setdefault(group, {})[day] = n
        if _unexpected(marked, by_group, days):
            # A group the caller did not expect has rows: read this figure's rows whatever their group.
            again = DailyCount.objects.filter(
                court_id=court_id, key__startswith=f"{key}.", on__gte=span.start_on, on__lte=span.end_on
            )
            by_group = _grouped_rows(again, {key}, None)[key][1]
        totals: dict[object, int] = {}
        for group, per_day in by_group.items():
            total = sum(n for day, n in per_day.items() if day in span)
            if total:
                totals[group] = total
        results.append(totals)
    return results


def _grouped_rows(rows, markers: set[str], expected: list | None) -> dict[str, tuple[dict, dict]]:
    """{marker key: ({day: total}, {group: {day: count}})} of the DailyCount rows; groups parsed back from
    the key (an int where it is one)."""
    stored: dict[str, tuple[dict, dict]] = {key: ({}, {}) for key in markers}
    by_text = None if expected is None else {str(NO_GROUP if g is None else g): g for g in expected}
    for key, on, count in rows.order_by().values_list("key", "on", "count"):
        if key in stored:
            stored[key][0][on] = count
            continue
        marker, _, text = key.rpartition(".")
        if marker not in stored:
            continue
        if by_text is not None and text in by_text:
            group = by_text[text]
        else:
            group = None if text == NO_GROUP else int(text) if text.isdigit() else text
        stored[marker][1].setdefault(group, {})[on] = count
    return stored


def _unexpected(marked: dict, by_group: dict, days: list[date]) -> bool:
    for day in days:
        if marked.get(day, 0) != sum(per_day.get(day, 0) for per_day in by_group.values()):
            return True
    return False


def _count_and_store(
    court_id: int, key: str, span: Period, missing: list[date], count_days_by_group: CountDaysByGroup
) -> dict[date, dict[object, int]]:
    counted = count_days_by_group(span)
    fresh: dict[date, dict[object, int]] = {day: {} for day in missing}
    for (day, group), n in counted.items():
        if day in fresh and n:
            fresh[day][group] = fresh[day].get(group, 0) + n
    rows = []
    for day, counts in fresh.items():
        rows.append(DailyCount(court_id=court_id, key=key, on=day, count=sum(counts.values())))
        rows.extend(
            DailyCount(court_id=court_id, key=group_key(key, group), on=day, count=n)
            for group, n in counts.items()
        )
    # As in _settled(): two requests counting the same days store the same rows; the second is ignored.
    # The group rows go first so that a marker never stands for a day whose group rows are not stored.
    rows.sort(key=lambda row: row.key == key)
    DailyCount.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return fresh
