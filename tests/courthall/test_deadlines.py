import re
from datetime import date, datetime, timedelta

import chinese_calendar
import pytest

from courthall.deadlines import (
    BEYOND_CALENDAR,
    DATETIME_GIVEN,
    DAYS_NEGATIVE,
    DAYS_NOT_AN_INTEGER,
    NOT_A_DATE,
    RANGE_REVERSED,
    is_working_day,
    statutory_deadline,
    working_deadline,
    years_without_data,
)
from courthall.holidays import seed_holidays_from_chinesecalendar, years_with_data
from courthall.models import Holiday, HolidayKind

pytestmark = pytest.mark.usefixtures("holiday_table")

D = date.fromisoformat


def _span(first: str, last: str) -> set[date]:
    return {D(first) + timedelta(days=n) for n in range((D(last) - D(first)).days + 1)}


# --- the data ---------------------------------------------------------------------------------------------


def test_2026_table_matches_domain_md():
    # DOMAIN.md §4, from 国办发明电〔2025〕7号.
    holidays = (
        _span("2026-01-01", "2026-01-03")
        | _span("2026-02-15", "2026-02-23")
        | _span("2026-04-04", "2026-04-06")
        | _span("2026-05-01", "2026-05-05")
        | _span("2026-06-19", "2026-06-21")
        | _span("2026-09-25", "2026-09-27")
        | _span("2026-10-01", "2026-10-07")
    )
    makeup_days = {
        D(day) for day in ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
    }
    rows = Holiday.objects.filter(date__year=2026)

    assert {row.date for row in rows if row.kind == HolidayKind.HOLIDAY} == holidays
    assert {row.date for row in rows if row.kind == HolidayKind.MAKEUP_WORKDAY} == makeup_days
    assert all(day.weekday() >= 5 for day in makeup_days)


@pytest.mark.parametrize(
    ("day", "kind", "name"),
    [
        ("2026-01-01", HolidayKind.HOLIDAY, "元旦"),
        ("2026-01-04", HolidayKind.MAKEUP_WORKDAY, "元旦"),
        ("2026-02-14", HolidayKind.MAKEUP_WORKDAY, "春节"),
        ("2026-02-21", HolidayKind.HOLIDAY, "春节"),
        ("2026-04-05", HolidayKind.HOLIDAY, "清明节"),
        ("2026-06-19", HolidayKind.HOLIDAY, "端午节"),
        ("2026-09-25", HolidayKind.HOLIDAY, "中秋节"),
        ("2026-10-01", HolidayKind.HOLIDAY, "国庆节"),
        ("2015-09-03", HolidayKind.HOLIDAY, "抗战胜利纪念日"),
        ("2004-01-22", HolidayKind.HOLIDAY, "春节"),
    ],
)
def test_seeded_rows_carry_chinese_names(day, kind, name):
    row = Holiday.objects.get(date=D(day))
    assert (row.kind, row.name) == (kind, name)


def test_seed_covers_every_year_of_the_package_and_nothing_later():
    assert years_with_data() == set(range(2004, 2027))
    expected = len(chinese_calendar.holidays) + sum(1 for d in chinese_calendar.workdays if d.weekday() >= 5)
    assert Holiday.objects.count() == expected


def test_seed_is_idempotent_and_keeps_an_administrators_edit():
    row = Holiday.objects.get(date=D("2026-10-07"))
    row.kind, row.name = HolidayKind.MAKEUP_WORKDAY, "本院更正"
    row.save()
    count = Holiday.objects.count()

    assert seed_holidays_from_chinesecalendar() == 0

    assert Holiday.objects.count() == count
    row.refresh_from_db()
    assert (row.kind, row.name) == (HolidayKind.MAKEUP_WORKDAY, "本院更正")


def test_seed_adds_only_what_is_missing():
    Holiday.objects.filter(date__year=2026, date__month=10).delete()

    assert seed_holidays_from_chinesecalendar() == 8  # 10-01..07 and the make-up Saturday 10-10
    assert Holiday.objects.get(date=D("2026-10-10")).kind == HolidayKind.MAKEUP_WORKDAY


# --- working days -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-03-05", True),  # Thursday
        ("2026-03-07", False),  # Saturday
        ("2026-10-01", False),  # National Day, Thursday
        ("2026-10-10", True),  # make-up Saturday
        ("2026-10-11", False),  # the Sunday after it
        ("2026-01-04", True),  # make-up Sunday
        ("2026-02-16", False),  # Spring Festival, Monday
        ("2026-06-19", False),  # Dragon Boat, Friday
        ("2026-09-20", True),  # make-up Sunday
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(D(day)) is working


# --- statutory periods (calendar days) --------------------------------------------------------------------

# (start, days, last day when a make-up Saturday ends the period, last day when it does not)
STATUTORY_CASES = [
    # The start day is not counted.
    ("2026-03-02", 1, "2026-03-03", "2026-03-03"),
    ("2026-03-02", 7, "2026-03-09", "2026-03-09"),
    # Ending on an ordinary Saturday: the next Monday.
    ("2026-02-28", 7, "2026-03-09", "2026-03-09"),
    # Ending inside the Spring Festival (02-15..23): the first working day after it.
    ("2026-02-10", 7, "2026-02-24", "2026-02-24"),
    ("2026-02-16", 7, "2026-02-24", "2026-02-24"),
    # 登记立案规定 art. 8's 15 days for a private prosecution, ending inside National Day (10-01..07).
    ("2026-09-22", 15, "2026-10-08", "2026-10-08"),
    ("2026-09-28", 7, "2026-10-08", "2026-10-08"),
    # Holidays inside the period are not deducted; the last day is the make-up Saturday 10-10.
    ("2026-09-30", 10, "2026-10-10", "2026-10-12"),
    # Ending on the make-up Saturday before the Spring Festival: without it, the holiday follows.
    ("2026-02-07", 7, "2026-02-14", "2026-02-24"),
    ("2026-01-15", 30, "2026-02-14", "2026-02-24"),
    ("2026-02-21", 7, "2026-02-28", "2026-03-02"),
    ("2026-05-02", 7, "2026-05-09", "2026-05-11"),
    ("2026-09-13", 7, "2026-09-20", "2026-09-21"),  # make-up Sunday
    # Other 2026 holidays.
    ("2026-03-30", 6, "2026-04-07", "2026-04-07"),  # Qingming 04-04..06
    ("2026-04-24", 7, "2026-05-06", "2026-05-06"),  # Labour Day 05-01..05
    ("2026-06-12", 7, "2026-06-22", "2026-06-22"),  # Dragon Boat 06-19..21
    ("2026-09-18", 7, "2026-09-28", "2026-09-28"),  # Mid-Autumn 09-25..27
    # Across the year end.
    ("2025-12-29", 7, "2026-01-05", "2026-01-05"),
    # New Year 01-01..03, then the make-up Sunday 01-04.
    ("2025-12-25", 7, "2026-01-04", "2026-01-05"),
    # Zero days: the start day itself, moved off a rest day.
    ("2026-10-01", 0, "2026-10-08", "2026-10-08"),
]


@pytest.mark.parametrize("makeup_ends_period", [True, False])
@pytest.mark.parametrize(("start", "days", "if_makeup_ends", "if_not"), STATUTORY_CASES)
def test_statutory_deadline(settings, makeup_ends_period, start, days, if_makeup_ends, if_not):
    settings.COURTHALL_MAKEUP_WORKDAY_ENDS_PERIOD = makeup_ends_period

    expected = if_makeup_ends if makeup_ends_period else if_not
    assert statutory_deadline(D(start), days) == D(expected)


@pytest.mark.parametrize("makeup_ends_period", [True, False])
def test_statutory_deadline_argument_overrides_the_setting(settings, makeup_ends_period):
    settings.COURTHALL_MAKEUP_WORKDAY_ENDS_PERIOD = not makeup_ends_period

    due_on = statutory_deadline(D("2026-02-07"), 7, makeup_workday_ends_period=makeup_ends_period)

    assert due_on == (D("2026-02-14") if makeup_ends_period else D("2026-02-24"))


# --- working-day limits -----------------------------------------------------------------------------------

WORKING_CASES = [
    # days=0, "the same day" (seed 000 第七条).
    ("2026-03-05", 0, "2026-03-05"),  # a working Thursday
    ("2026-03-07", 0, "2026-03-09"),  # Saturday → Monday
    ("2026-10-01", 0, "2026-10-08"),  # National Day → the first working day after it
    ("2026-02-14", 0, "2026-02-14"),  # make-up Saturday
    ("2026-01-03", 0, "2026-01-04"),  # New Year's holiday Saturday → make-up Sunday
    # A filing received on a Saturday: one working day is Monday, three are Wednesday.
    ("2026-03-07", 1, "2026-03-09"),
    ("2026-03-07", 3, "2026-03-11"),
    ("2026-03-06", 1, "2026-03-09"),  # Friday → Monday
    # Spanning the Spring Festival: 02-13 Fri, 02-14 make-up Sat, then 02-24.
    ("2026-02-12", 3, "2026-02-24"),
    ("2026-02-13", 1, "2026-02-14"),
    ("2026-02-11", 7, "2026-02-27"),
    ("2026-02-11", 8, "2026-02-28"),  # the second make-up Saturday
    # Spanning National Day: 10-08 Thu, 10-09 Fri, 10-10 make-up Sat.
    ("2026-09-30", 3, "2026-10-10"),
    ("2026-09-30", 5, "2026-10-13"),
    ("2026-04-30", 2, "2026-05-07"),  # Labour Day 05-01..05
    ("2026-05-08", 1, "2026-05-09"),  # make-up Saturday
    ("2025-12-30", 3, "2026-01-05"),  # 12-31, make-up Sunday 01-04, 01-05
]


@pytest.mark.parametrize(("start", "days", "expected"), WORKING_CASES)
def test_working_deadline(start, days, expected):
    assert working_deadline(D(start), days) == D(expected)


@pytest.mark.parametrize("makeup_ends_period", [True, False])
def test_working_deadline_always_counts_make_up_days(settings, makeup_ends_period):
    # DOMAIN.md §4: the setting is about calendar-day periods only.
    settings.COURTHALL_MAKEUP_WORKDAY_ENDS_PERIOD = makeup_ends_period

    assert working_deadline(D("2026-02-13"), 1) == D("2026-02-14")


def test_working_deadline_agrees_with_chinesecalendar_from_every_working_day():
    # From a working day chinesecalendar's find_workday(n, day) is the n-th working day after it. (From a
    # rest day it counts the next working day as day 0; working_deadline does not: see the Saturday cases.)
    day = D("2024-12-02")
    while day <= D("2026-11-30"):
        if chinese_calendar.is_workday(day):
            for days in (1, 3, 10):
                assert working_deadline(day, days) == chinese_calendar.find_workday(days, day), (day, days)
        day += timedelta(days=1)


def test_each_computation_reads_the_table_once(django_assert_num_queries):
    with django_assert_num_queries(1):
        working_deadline(D("2026-01-01"), 250)
    with django_assert_num_queries(1):
        statutory_deadline(D("2026-02-10"), 7)
    with django_assert_num_queries(1):
        is_working_day(D("2026-02-16"))


def test_a_run_of_holidays_longer_than_the_read_ahead_is_still_walked(django_assert_max_num_queries):
    # Beyond any real notice: 03-02..04-30 entered as holidays by mistake, then Labour Day 05-01..05.
    Holiday.objects.bulk_create(
        Holiday(date=D("2026-03-02") + timedelta(days=n), kind=HolidayKind.HOLIDAY, name="测试")
        for n in range(60)
        if D("2026-03-02") + timedelta(days=n) not in _span("2026-04-04", "2026-04-06")  # Qingming is there
    )

    # The answer stays right; reading on past the first window costs a query per further 30 days.
    with django_assert_max_num_queries(3):
        assert working_deadline(D("2026-03-02"), 1) == D("2026-05-06")
    with django_assert_max_num_queries(3):
        assert statutory_deadline(D("2026-02-28"), 2) == D("2026-05-06")


# --- years without data (2027 and later) ------------------------------------------------------------------


def test_a_year_without_data_counts_weekends_only():
    assert years_without_data(D("2026-12-01"), D("2027-01-31")) == [2027]
    assert years_without_data(D("2026-01-01"), D("2026-12-31")) == []
    # 2027-01-01 is a Friday: without 2027's notice it is an ordinary working day.
    assert is_working_day(D("2027-01-01"))
    assert working_deadline(D("2026-12-31"), 1) == D("2027-01-01")
    assert statutory_deadline(D("2026-12-25"), 7) == D("2027-01-01")
    assert statutory_deadline(D("2100-01-01"), 30) == D("2100-02-01")  # 01-31 is a Sunday


def test_entering_a_year_changes_its_deadlines():
    Holiday.objects.create(date=D("2027-01-01"), kind=HolidayKind.HOLIDAY, name="元旦")

    assert years_without_data(D("2026-12-01"), D("2027-01-31")) == []
    assert not is_working_day(D("2027-01-01"))
    assert working_deadline(D("2026-12-31"), 1) == D("2027-01-04")
    assert statutory_deadline(D("2026-12-25"), 7) == D("2027-01-04")


# --- the administrator's edits take effect at once --------------------------------------------------------


def test_deleting_a_holiday_takes_effect():
    assert statutory_deadline(D("2026-09-30"), 7) == D("2026-10-08")

    Holiday.objects.filter(date=D("2026-10-07")).delete()

    assert statutory_deadline(D("2026-09-30"), 7) == D("2026-10-07")


def test_adding_a_holiday_takes_effect():
    assert working_deadline(D("2026-03-06"), 1) == D("2026-03-09")

    Holiday.objects.create(date=D("2026-03-09"), kind=HolidayKind.HOLIDAY, name="本院测试")

    assert working_deadline(D("2026-03-06"), 1) == D("2026-03-10")


def test_turning_a_make_up_day_into_a_holiday_takes_effect():
    Holiday.objects.filter(date=D("2026-02-14")).update(kind=HolidayKind.HOLIDAY)

    assert working_deadline(D("2026-02-13"), 1) == D("2026-02-24")


# --- bad input --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "message"),
    [
        (datetime(2026, 3, 5, 9, 30), 7, DATETIME_GIVEN),
        ("2026-03-05", 7, NOT_A_DATE),
        (None, 7, NOT_A_DATE),
        (D("2026-03-05"), -1, DAYS_NEGATIVE),
        (D("2026-03-05"), 1.5, DAYS_NOT_AN_INTEGER),
        (D("2026-03-05"), "7", DAYS_NOT_AN_INTEGER),
        (D("2026-03-05"), True, DAYS_NOT_AN_INTEGER),
        (date.max, 1, BEYOND_CALENDAR),
        (D("2026-03-05"), 10**12, BEYOND_CALENDAR),
        (D("2026-03-05"), 10**30, BEYOND_CALENDAR),
    ],
)
@pytest.mark.parametrize("deadline", [statutory_deadline, working_deadline])
def test_bad_input_is_refused_with_a_message(deadline, start, days, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        deadline(start, days)


def test_walking_off_the_end_of_the_calendar_is_refused():
    # date.max is a Friday; make it a holiday so that the period would have to move past it.
    Holiday.objects.create(date=date.max, kind=HolidayKind.HOLIDAY, name="测试")

    with pytest.raises(ValueError, match=re.escape(BEYOND_CALENDAR)):
        statutory_deadline(D("9999-12-30"), 1)
    with pytest.raises(ValueError, match=re.escape(BEYOND_CALENDAR)):
        working_deadline(D("9999-12-24"), 5)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: is_working_day(datetime(2026, 3, 5, 9, 30)), DATETIME_GIVEN),
        (lambda: is_working_day("2026-03-05"), NOT_A_DATE),
        (lambda: years_without_data(D("2027-01-01"), D("2026-01-01")), RANGE_REVERSED),
        (lambda: years_without_data(datetime(2026, 1, 1), D("2027-01-01")), DATETIME_GIVEN),
    ],
)
def test_bad_input_to_the_other_functions(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()
