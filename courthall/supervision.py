"""What every supervisors' panel shares: the court it is about and the period it covers.

The overview page and each app's panel read the same query string — `from`, `to` (ISO dates, both
included), `compare` (`previous`, `last_year` or `none`) and `by` (`day`, `week`, `month`, for charts) —
through `period_choice_from_query`, so a date range chosen at the top of the page applies to every panel.
Bad values never raise: the choice falls back to the default and carries the message to show.

A period is compared with an indexed `*_at` column as a half-open range of aware datetimes (Period.span(),
within(), within_any()): `received_at__date__range` would wrap the column in a time-zone conversion and
read every row; the first day's midnight to the midnight after the last day, in the court's time zone,
reads the index. (A DateField such as `offered_on` takes `__range=(start_on, end_on)` directly.)
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode

DEFAULT_DAYS = 30
# A court's records start long after this; a range reaching before it is a typing error.
EARLIEST_ON = date(2000, 1, 1)
MAX_DAYS = 3660  # ten years on one page is the most a supervisor asks for

BAD_DATE = "日期格式不正确，请按“2026-12-01”的格式填写。"
REVERSED_RANGE = "开始日期不能晚于结束日期，已恢复为默认的最近 30 天。"
ABSURD_RANGE = "日期超出可查询的范围（2000年1月1日至今天），已恢复为默认的最近 30 天。"
TOO_LONG_RANGE = "一次最多查询十年，请缩小日期范围。已恢复为默认的最近 30 天。"
OTHER_COURT = "只能查看本院的监督数据。"

COMPARISONS = {"previous": "上一周期", "last_year": "去年同期", "none": "不对比"}
BUCKETS = {"day": "按日", "week": "按周", "month": "按月"}


@dataclass(frozen=True)
class Period:
    """A span of whole days, both ends included."""

    start_on: date
    end_on: date

    @property
    def days(self) -> int:
        return (self.end_on - self.start_on).days + 1

    def __contains__(self, day: date) -> bool:
        return self.start_on <= day <= self.end_on

    def previous(self) -> "Period":
        """The span of the same length that ends the day before this one starts."""
        end_on = self.start_on - timedelta(days=1)
        return Period(end_on - timedelta(days=self.days - 1), end_on)

    def last_year(self) -> "Period":
        """The same dates a year earlier (29 February becomes the 28th)."""
        return Period(_year_earlier(self.start_on), _year_earlier(self.end_on))

    def label(self) -> str:
        if self.start_on == self.end_on:
            return f"{self.start_on:%Y年%-m月%-d日}"
        return f"{self.start_on:%Y年%-m月%-d日}至{self.end_on:%Y年%-m月%-d日}"

    def span(self) -> tuple[datetime, datetime]:
        """[start, end) covering every day of the period: local midnight of the first day to local
        midnight after the last — the bounds an index on a DateTimeField serves (not `__date__range`)."""
        return day_start(self.start_on), day_start(self.end_on + timedelta(days=1))


def local_at(day: date, at: time) -> datetime:
    """`at` o'clock on `day` in the current (the court's) time zone, aware."""
    return timezone.make_aware(datetime.combine(day, at))


def day_start(day: date) -> datetime:
    """Midnight at the start of `day` in the current (the court's) time zone, aware."""
    return local_at(day, time.min)


def within(field: str, period: Period) -> Q:
    """`field` (a DateTimeField, or a lookup path to one) falls on a day of the period: an indexed range."""
    start, end = period.span()
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def within_any(field: str, *periods: Period | None) -> Q:
    """`field` falls in one of the periods (None ones are left out): the rows of a period and of its
    comparison period read by one query, counted apart with within()."""
    q = Q(pk__in=[])
    for period in periods:
        if period is not None:
            q |= within(field, period)
    return q


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def last_days(today: date, days: int = DEFAULT_DAYS) -> Period:
    """The `days` days ending today: the default period, and the public page's "last 30 days"."""
    return Period(today - timedelta(days=days - 1), today)


@dataclass(frozen=True)
class PeriodChoice:
    period: Period
    compare: str  # a key of COMPARISONS
    bucket: str  # a key of BUCKETS
    errors: tuple[str, ...] = field(default=())

    @property
    def comparison(self) -> Period | None:
        if self.compare == "previous":
            return self.period.previous()
        if self.compare == "last_year":
            return self.period.last_year()
        return None

    def query(self, **extra) -> str:
        """The query string that carries this choice to a panel or a list ("from=…&to=…&compare=…&by=…")."""
        params = {
            "from": self.period.start_on.isoformat(),
            "to": self.period.end_on.isoformat(),
            "compare": self.compare,
            "by": self.bucket,
        }
        params.update({key: value for key, value in extra.items() if value not in (None, "")})
        return urlencode(params)


def quick_ranges(today: date) -> list[tuple[str, Period]]:
    """The ranges a period form offers in one click: 今天 … 本年."""
    return [
        ("今天", Period(today, today)),
        ("最近7天", last_days(today, 7)),
        ("最近30天", last_days(today, 30)),
        ("本月", Period(today.replace(day=1), today)),
        ("本年", Period(today.replace(month=1, day=1), today)),
    ]


def default_bucket(period: Period) -> str:
    if period.days <= 62:
        return "day"
    if period.days <= 366:
        return "week"
    return "month"


def period_choice_from_query(query: QueryDict, *, today: date) -> PeriodChoice:
    """Read from/to/compare/by; anything wrong falls back to the default with a message, never an error."""
    errors: list[str] = []
    default = last_days(today)
    start_on = _parse_day(query.get("from", ""), errors)
    end_on = _parse_day(query.get("to", ""), errors)
    period = Period(start_on or default.start_on, end_on or default.end_on)
    if errors:
        period = default
    elif period.start_on > period.end_on:
        errors.append(REVERSED_RANGE)
        period = default
    elif period.start_on < EARLIEST_ON or period.end_on > today:
        errors.append(ABSURD_RANGE)
        period = default
    elif period.days > MAX_DAYS:
        errors.append(TOO_LONG_RANGE)
        period = default
    compare = query.get("compare", "previous")
    if compare not in COMPARISONS:
        compare = "previous"
    bucket = query.get("by", "")
    if bucket not in BUCKETS:
        bucket = default_bucket(period)
    # A message once, however many fields were wrong.
    return PeriodChoice(period, compare, bucket, tuple(dict.fromkeys(errors)))


def _parse_day(text: str, errors: list[str]) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(BAD_DATE)
        return None


def supervised_court_id(request) -> int:
    """The court a panel is about: the supervisor's own. Asking for another court (`?court=`) is refused
    with the same answer whether or not that court exists."""
    asked = request.GET.get("court", "")
    own = request.user.court_id
    if asked and asked != str(own):
        raise PermissionDenied(OTHER_COURT)
    return own


def change_class(change: float | None, better: str) -> str:
    """The colour of a change beside a number: green when it went the better way, red when the worse way,
    grey when there is none or when neither way is better (workload). `better`: "up", "down" or ""."""
    if not change or not better:
        return "text-body-secondary"
    return "text-success" if (change > 0) == (better == "up") else "text-danger"


def buckets(period: Period, bucket: str) -> list[tuple[str, Period]]:
    """The period cut into days, weeks (Monday to Sunday) or calendar months, each clipped to the period,
    with the label a chart's axis shows."""
    spans: list[tuple[str, Period]] = []
    start_on = period.start_on
    while start_on <= period.end_on:
        if bucket == "month":
            next_on = (start_on.replace(day=1) + timedelta(days=32)).replace(day=1)
            label = f"{start_on:%Y年%-m月}"
        elif bucket == "week":
            next_on = start_on + timedelta(days=7 - start_on.weekday())
            label = f"{start_on:%-m月%-d日}起"
        else:
            next_on = start_on + timedelta(days=1)
            label = f"{start_on:%-m月%-d日}"
        end_on = min(next_on - timedelta(days=1), period.end_on)
        spans.append((label, Period(start_on, end_on)))
        start_on = next_on
    return spans


def series(period: Period, bucket: str, counts_by_day: dict[date, int]) -> list[int]:
    """Daily counts (as a selector's GROUP BY day returns them) summed into the period's buckets."""
    return [
        sum(count for day, count in counts_by_day.items() if day in span)
        for _, span in buckets(period, bucket)
    ]


def chart(
    *,
    title: str,
    choice: PeriodChoice,
    lines: dict[str, dict[date, int]],
    comparison_lines: dict[str, dict[date, int]] | None = None,
    kind: str = "line",
) -> dict:
    """What templates/_chart.html draws: one series per line over the chosen period's buckets, and the
    comparison period's series laid over the same positions (its first bucket beside the period's first)."""
    spans = buckets(choice.period, choice.bucket)
    drawn = [
        {"name": name, "data": series(choice.period, choice.bucket, counts)} for name, counts in lines.items()
    ]
    comparison = choice.comparison
    if comparison is not None and comparison_lines:
        for name, counts in comparison_lines.items():
            values = series(comparison, choice.bucket, counts)[: len(spans)]
            drawn.append({"name": f"{name}（{COMPARISONS[choice.compare]}）", "data": values, "dashed": True})
    labels = [label for label, _ in spans]
    rows = [
        (label, [line["data"][index] if index < len(line["data"]) else None for line in drawn])
        for index, label in enumerate(labels)
    ]
    return {"title": title, "kind": kind, "labels": labels, "series": drawn, "rows": rows}
