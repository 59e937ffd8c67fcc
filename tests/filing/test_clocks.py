"""The online review clocks across weekends, holidays, make-up working days and office hours.

The 2026 calendar (DOMAIN.md §4, seeded from chinesecalendar): 国庆 1–7 October with Saturday 10 October
a make-up working day; 劳动节 1–5 May; Friday 20 November a plain working day.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from filing.clocks import counted_on, online_review_dates

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10, minute: int = 0) -> datetime:
    year, month, dom = (int(part) for part in day.split("-"))
    return datetime(year, month, dom, hour, minute, tzinfo=SHANGHAI)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("received", "same_day", "outer"),
    [
        # a Wednesday morning: the same day; three working days later is Monday (weekend skipped)
        (at("2026-11-18"), date(2026, 11, 18), date(2026, 11, 23)),
        # Friday morning: same day; Wednesday
        (at("2026-11-20"), date(2026, 11, 20), date(2026, 11, 25)),
        # Saturday: due on Monday (seed 000 第七条 read with DOMAIN §4); Mon, Tue, Wed → Wednesday
        (at("2026-11-21"), date(2026, 11, 23), date(2026, 11, 25)),
        # Sunday evening: counts as Monday, due Monday
        (at("2026-11-22", 21), date(2026, 11, 23), date(2026, 11, 26)),
        # Friday 21:00 (after office hours): counts as Saturday → Monday, Wednesday
        (at("2026-11-20", 21), date(2026, 11, 23), date(2026, 11, 25)),
        # Wednesday 16:59: still that day; 17:00: the next day
        (at("2026-11-18", 16, 59), date(2026, 11, 18), date(2026, 11, 23)),
        (at("2026-11-18", 17, 0), date(2026, 11, 19), date(2026, 11, 24)),
        # 30 September 2026 (Wednesday) evening: counts as 1 October, a holiday → Thursday 8 October;
        # then 9 October and the make-up Saturday 10 October
        (at("2026-09-30", 20), date(2026, 10, 8), date(2026, 10, 10)),
        (at("2026-10-03"), date(2026, 10, 8), date(2026, 10, 10)),
        # 劳动节: Thursday 30 April evening → 1 May holiday … → Wednesday 6 May; 6, 7, 8 May
        (at("2026-04-30", 18), date(2026, 5, 6), date(2026, 5, 8)),
    ],
)
def test_online_review_dates(received, same_day, outer):
    assert online_review_dates(received) == (same_day, outer)


def test_after_hours_counts_as_the_next_calendar_day(settings):
    settings.COURTHALL_ONLINE_DAY_ENDS_AT = "17:30"
    assert counted_on(at("2026-11-18", 17, 29)) == date(2026, 11, 18)
    assert counted_on(at("2026-11-18", 17, 30)) == date(2026, 11, 19)
    # stored in UTC, counted in the court's time zone: 2026-11-18 01:00 UTC is 09:00 in Shanghai
    assert counted_on(datetime(2026, 11, 18, 1, 0, tzinfo=ZoneInfo("UTC"))) == date(2026, 11, 18)
    assert counted_on(datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("UTC"))) == date(2026, 11, 19)
