"""A supervisors' period as the datetimes an indexed `*_at` column is compared with.

`received_at__date__range` would wrap the column in a time-zone conversion and read every row; a
half-open range of aware datetimes (the first day's midnight to the midnight after the last day, in the
court's time zone) reads the index.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from courthall.supervision import Period


def day_start(day: date) -> datetime:
    """Midnight at the start of `day` in the current (the court's) time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def span(period: Period) -> tuple[datetime, datetime]:
    """[start, end) covering every day of the period."""
    return day_start(period.start_on), day_start(period.end_on + timedelta(days=1))


def within(field: str, period: Period) -> Q:
    """`field` (a DateTimeField, or a lookup path to one) falls on a day of the period."""
    start, end = span(period)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def within_any(field: str, *periods: Period | None) -> Q:
    """`field` falls in one of the periods (None ones are left out): the rows of a period and of its
    comparison period read by one query, counted apart with within()."""
    q = Q(pk__in=[])
    for period in periods:
        if period is not None:
            q |= within(field, period)
    return q


def counts_in(queryset, field: str, period: Period, comparison: Period | None) -> tuple[int, int | None]:
    """How many rows of `queryset` fall in the period and in the comparison period (None without one),
    in one query over the two ranges."""
    counts = {"now": Count("pk", filter=within(field, period))}
    if comparison is not None:
        counts["earlier"] = Count("pk", filter=within(field, comparison))
    result = queryset.filter(within_any(field, period, comparison)).aggregate(**counts)
    return result["now"], result.get("earlier")
