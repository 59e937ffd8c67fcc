"""Every time limit of the service hall is computed here, and only here (DESIGN.md, decision 4).

Pure functions over dates and the court-editable holiday table (courthall.models.Holiday); callers store
the result on their record. Two ways of counting (DOMAIN.md §4):

- statutory periods in days (日), e.g. 登记立案规定 art. 8's 7 days: calendar days, `statutory_deadline`;
- service commitments in working days (工作日), e.g. seed 002's 3-day online review: `working_deadline`.

What is assumed:

- Dates are local court dates (Asia/Shanghai). Datetimes are refused: turn them into the local date with
  `timezone.localdate(moment)` first, because a UTC datetime's `.date()` is the previous day for everything
  that happens before 08:00 in Beijing.
- A working day is Monday–Friday plus the make-up working days (调休), minus public holidays.
- A year with no row in the table is "no data": it counts as weekends-only and nothing fails. Warn with
  `years_without_data` (the admin's holiday list does so for this year and the next).
- The table is read on every call (one query in every realistic case), never cached, so an
  administrator's edit takes effect on the next computation.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings

from courthall.holidays import years_with_data
from courthall.models import Holiday, HolidayKind

DATETIME_GIVEN = (
    "期限计算只接受日期，不接受带时刻的日期时间：请先用 timezone.localdate(…) 换算为北京时间的日期后再计算。"
)
NOT_A_DATE = "期限的起算日必须是日期（如 2026-03-05）。"
DAYS_NOT_AN_INTEGER = "期限的天数必须是整数。"
DAYS_NEGATIVE = "期限的天数不能为负数。"
BEYOND_CALENDAR = "期限的届满日超出了可计算的日期范围（公元 9999 年 12 月 31 日），请检查起算日和天数。"
RANGE_REVERSED = "查询范围的结束日早于开始日。"

# How far ahead to read the table. A working-day limit of N days reaches at most about N*3+30 calendar
# days (two rest days a week, plus the longest holiday run in the package's data: 10 days, the extended
# 2020 Spring Festival); moving a statutory period off a rest day needs at most a few weeks. A walk that
# still runs past what was read (only with an implausible table, e.g. a month of holidays entered by
# mistake) reads the next stretch with one more query: the answer stays right either way.
_WORKING_DAYS_FACTOR = 3
_READ_AHEAD = timedelta(days=30)


def _plus(day: date, days: int | timedelta) -> date:
    try:
        return day + (days if isinstance(days, timedelta) else timedelta(days=days))
    except OverflowError:
        raise ValueError(BEYOND_CALENDAR) from None


def _plus_clamped(day: date, days: int | timedelta) -> date:
    try:
        return _plus(day, days)
    except ValueError:
        return date.max


def _check_date(day: object) -> None:
    # datetime is a subclass of date: test it first.
    if isinstance(day, datetime):
        raise ValueError(DATETIME_GIVEN)
    if not isinstance(day, date):
        raise ValueError(NOT_A_DATE)


def _check_days(days: object) -> None:
    if isinstance(days, bool) or not isinstance(days, int):
        raise ValueError(DAYS_NOT_AN_INTEGER)
    if days < 0:
        raise ValueError(DAYS_NEGATIVE)


class _HolidayTable:
    """The holiday rows from `first` on, read with one query up to `last` and further only when needed."""

    def __init__(self, first: date, last: date) -> None:
        self._rest_days: set[date] = set()
        self._makeup_days: set[date] = set()
        self._read(first, last)

    def _read(self, first: date, last: date) -> None:
        for day, kind in Holiday.objects.filter(date__range=(first, last)).values_list("date", "kind"):
            if kind == HolidayKind.MAKEUP_WORKDAY:
                self._makeup_days.add(day)
            else:
                self._rest_days.add(day)
        self._last = last

    def is_working_day(self, day: date, *, makeup_day_counts: bool = True) -> bool:
        if day > self._last:
            self._read(_plus(self._last, 1), _plus_clamped(day, _READ_AHEAD))
        if day in self._makeup_days:
            return makeup_day_counts or day.weekday() < 5
        return day.weekday() < 5 and day not in self._rest_days


def is_working_day(day: date) -> bool:
    """Whether `day` is a working day: Monday–Friday and make-up days (调休), minus public holidays.

    For a single question ("is the hall open on …?"); to count periods use the deadline functions, which
    read the table once for the whole span.
    """
    _check_date(day)
    return _HolidayTable(day, day).is_working_day(day)


def statutory_deadline(start: date, days: int, *, makeup_workday_ends_period: bool | None = None) -> date:
    """The last day of a statutory period of `days` calendar days (日) that begins on `start`.

    Call it for periods the law states in days: registration decisions (登记立案规定 art. 8), correction
    periods, fee payment (诉讼费用交纳办法), appeal periods. `start` is the day of the triggering event
    (receipt, service); it is not counted.

    `makeup_workday_ends_period` decides whether a make-up working Saturday/Sunday (调休) that is the last
    day ends the period on that day; None takes settings.COURTHALL_MAKEUP_WORKDAY_ENDS_PERIOD. Pass it only
    to show both readings; otherwise leave the court's setting in charge.
    """
    _check_date(start)
    _check_days(days)
    if makeup_workday_ends_period is None:
        # DOMAIN.md §4: unverified whether a make-up Saturday ends a calendar-day period; the court decides.
        makeup_workday_ends_period = settings.COURTHALL_MAKEUP_WORKDAY_ENDS_PERIOD
    # 民事诉讼法 art. 85: the day the period begins is not counted, and holidays inside it are not deducted…
    last_day = _plus(start, days)
    table = _HolidayTable(last_day, _plus_clamped(last_day, _READ_AHEAD))
    # …but a period whose last day is a holiday (or weekend) ends on the first working day after it.
    while not table.is_working_day(last_day, makeup_day_counts=makeup_workday_ends_period):
        last_day = _plus(last_day, 1)
    return last_day


def working_deadline(start: date, days: int) -> date:
    """The `days`-th working day (工作日) after `start`; `start` itself is not counted.

    Call it for the hall's own service commitments: seed 002's 3-day online review, the hotline's reply
    within 2 working days (DOMAIN.md §7). Make-up working days (调休) count as working days (DOMAIN.md §4).

    days=0 means "the same day" (seed 000 第七条: 当天审核、当天立案、当天分案): `start` if it is a working
    day, else the next working day — a filing that arrives on a Saturday is due on Monday.
    """
    _check_date(start)
    _check_days(days)
    # The due day is at least `days` calendar days away: fail at once if that is already off the calendar.
    _plus(start, days)
    table = _HolidayTable(start, _plus_clamped(start, days * _WORKING_DAYS_FACTOR + _READ_AHEAD.days))
    due_day = start
    if days == 0:
        while not table.is_working_day(due_day):
            due_day = _plus(due_day, 1)
        return due_day
    remaining = days
    while remaining:
        due_day = _plus(due_day, 1)
        if table.is_working_day(due_day):
            remaining -= 1
    return due_day


def working_days_late(due_days: Iterable[date], today: date) -> dict[date, int]:
    """How many working days each of `due_days` lies behind `today`: the working days after the due day up
    to and including `today` (0 for a day not yet past, or past only by rest days).

    For the overdue lists: give every due day of the page at once, and the holiday table is read once.
    """
    _check_date(today)
    due_days = set(due_days)
    for day in due_days:
        _check_date(day)
    past = sorted(day for day in due_days if day < today)
    late = dict.fromkeys(due_days, 0)
    if not past:
        return late
    table = _HolidayTable(_plus(past[0], 1), today)
    # Walk back from today once; each due day's count is the working days met before reaching it.
    counted, day = 0, today
    for due_day in reversed(past):
        while day > due_day:
            counted += table.is_working_day(day)
            day = _plus(day, -1)
        late[due_day] = counted
    return late


def working_days_between(first: date, last: date) -> list[date]:
    """The working days from `first` to `last`, both included, in order; the table is read once.

    For a span of days examined one by one (courthall.roster: a post's opening hours apply on working days,
    make-up days included, holidays not). Added for the hall roster (issue 7).
    """
    _check_date(first)
    _check_date(last)
    if last < first:
        raise ValueError(RANGE_REVERSED)
    table = _HolidayTable(first, last)
    return [
        day
        for day in (_plus(first, offset) for offset in range((last - first).days + 1))
        if table.is_working_day(day)
    ]


def years_without_data(first: date, last: date) -> list[int]:
    """The years from `first` to `last` (inclusive) with no row in the holiday table, in order.

    Deadlines inside such a year are counted as weekends-only. Call it with a period's start and its due
    day to warn the clerk that the due day may move once the year's holidays are entered.
    """
    _check_date(first)
    _check_date(last)
    if last < first:
        raise ValueError(RANGE_REVERSED)
    known = years_with_data()
    return [year for year in range(first.year, last.year + 1) if year not in known]
