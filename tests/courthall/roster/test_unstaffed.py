"""Unstaffed posts (舞钢规范第十三条: 导诉台、自助服务区、立案窗口要保证有人值守): counted over a period from
the stored holdings, flagged live on the board. Every figure is counted by hand in the comments."""

from datetime import date, timedelta

import pytest
import time_machine

from courthall.roster.panel import roster_panel, unstaffed_gaps
from courthall.roster.selectors import hall_board
from courthall.supervision import Period
from tests.courthall.roster.factories import PostFactory, PostHoldingFactory, at

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2026, 3, 4)  # an ordinary working day
LABOUR_DAY = date(2026, 5, 1)  # a public holiday (a Friday)
MAKEUP_SATURDAY = date(2026, 5, 9)  # 调休: a Saturday worked for the Labour Day holiday
PLAIN_SATURDAY = date(2026, 5, 16)
LATER = at(date(2026, 6, 1), "09:00")  # "now" for the period tests: every day counted is in the past


def _worked_example(day: date):
    """Open 08:30–12:00 and 14:30–17:30, held 08:40–11:00 and 14:30–18:00."""
    post = PostFactory()
    PostHoldingFactory(post=post, started_at=at(day, "08:40"), ended_at=at(day, "11:00"), on=day)
    PostHoldingFactory(post=post, started_at=at(day, "14:30"), ended_at=at(day, "18:00"), on=day)
    return post


def _count(post, day):
    found = list(unstaffed_gaps(court_id=post.court_id, period=Period(day, day), now=LATER))
    return len(found), sum(gap.minutes for gap in found)


def test_a_working_day_has_two_gaps_and_seventy_minutes(holiday_table):
    post = _worked_example(WEDNESDAY)
    found = list(unstaffed_gaps(court_id=post.court_id, period=Period(WEDNESDAY, WEDNESDAY), now=LATER))
    # 08:30–08:40 (10 minutes) and 11:00–12:00 (60 minutes); the afternoon is held throughout.
    assert [(gap.starts_at, gap.ends_at) for gap in found] == [
        (at(WEDNESDAY, "08:30"), at(WEDNESDAY, "08:40")),
        (at(WEDNESDAY, "11:00"), at(WEDNESDAY, "12:00")),
    ]
    assert _count(post, WEDNESDAY) == (2, 70)


def test_a_public_holiday_is_not_counted(holiday_table):
    # The hall is closed on 1 May: the same holdings, and nobody at all, are both no gap.
    assert _count(_worked_example(LABOUR_DAY), LABOUR_DAY) == (0, 0)


def test_a_makeup_working_saturday_is_counted_and_a_plain_saturday_is_not(holiday_table):
    assert _count(_worked_example(MAKEUP_SATURDAY), MAKEUP_SATURDAY) == (2, 70)
    assert _count(_worked_example(PLAIN_SATURDAY), PLAIN_SATURDAY) == (0, 0)


def test_a_period_adds_up_each_working_day_per_post(holiday_table):
    post = _worked_example(MAKEUP_SATURDAY)
    other = PostFactory(court=post.court, hours=[("08:30", "12:00")])
    # 1–9 May: 1–5 May are the holiday, 6, 7, 8 May (Wed–Fri) and 9 May (make-up) are working days.
    # `post` has nobody on 6–8 May: 2 gaps a day (morning 210 + afternoon 180 = 390 minutes) → 6 gaps,
    # 1170 minutes; plus the worked example on 9 May: 2 gaps, 70 minutes → 8 gaps, 1240 minutes.
    # `other` (mornings only) has nobody on any of the four working days: 4 gaps of 210 minutes = 840.
    board = hall_board(court_id=post.court_id, now=LATER)
    panel = roster_panel(court_id=post.court_id, period=Period(LABOUR_DAY, MAKEUP_SATURDAY), board=board)
    by_post = {row.post_id: (row.gaps, row.minutes) for row in panel.by_post}
    assert by_post == {post.pk: (8, 1240), other.pk: (4, 840)}
    assert (panel.gaps, panel.minutes) == (12, 2080)


def test_days_before_a_post_was_opened_are_not_gaps(holiday_table):
    post = PostFactory(opened_on=date(2026, 5, 8))
    # Only 8 May (Fri) and 9 May (make-up) count: 2 gaps each, 390 minutes each.
    assert (
        len(
            list(
                unstaffed_gaps(court_id=post.court_id, period=Period(LABOUR_DAY, MAKEUP_SATURDAY), now=LATER)
            )
        )
        == 4
    )


def test_today_counts_only_up_to_now(holiday_table):
    post = PostFactory()
    now = at(WEDNESDAY, "10:00")
    PostHoldingFactory(
        post=post, started_at=at(WEDNESDAY, "08:40"), ended_at=at(WEDNESDAY, "09:00"), on=WEDNESDAY
    )
    # 08:30–08:40 and 09:00–10:00 so far; the rest of the day has not happened yet.
    found = list(unstaffed_gaps(court_id=post.court_id, period=Period(WEDNESDAY, WEDNESDAY), now=now))
    assert [(gap.starts_at, gap.ends_at) for gap in found] == [
        (at(WEDNESDAY, "08:30"), at(WEDNESDAY, "08:40")),
        (at(WEDNESDAY, "09:00"), now),
    ]


def test_a_holding_nobody_closed_on_an_earlier_day_lasts_until_closing_time(holiday_table):
    post = PostFactory()
    # Signed in at 14:30 and never signed out: read as held to 17:30, so only the morning is a gap.
    PostHoldingFactory(post=post, started_at=at(WEDNESDAY, "14:30"), ended_at=None, on=WEDNESDAY)
    assert _count(post, WEDNESDAY) == (1, 210)


def test_another_courts_holdings_cover_nothing_here(holiday_table):
    post = PostFactory()
    elsewhere = PostFactory()
    PostHoldingFactory(post=elsewhere, started_at=at(WEDNESDAY, "08:00"), ended_at=at(WEDNESDAY, "18:00"))
    assert _count(post, WEDNESDAY) == (2, 390)


@time_machine.travel(at(WEDNESDAY, "11:30"), tick=False)
def test_the_board_flags_a_post_left_unstaffed_at_once_with_since_when(holiday_table):
    held, left = PostFactory(name="1号窗口"), None
    left = PostFactory(court=held.court, name="导诉台")
    closed = PostFactory(court=held.court, name="自助服务区", hours=[("14:30", "17:30")])
    PostHoldingFactory(post=held, started_at=at(WEDNESDAY, "08:30"))
    PostHoldingFactory(post=left, started_at=at(WEDNESDAY, "08:30"), ended_at=at(WEDNESDAY, "11:00"))
    board = hall_board(court_id=held.court_id, now=at(WEDNESDAY, "11:30"))
    rows = {row.post.pk: row for row in board.posts}
    assert rows[held.pk].holders and not rows[held.pk].unstaffed
    # Left at 11:00 during opening hours: red since 11:00, one gap today so far.
    assert rows[left.pk].unstaffed and rows[left.pk].unstaffed_since == at(WEDNESDAY, "11:00")
    assert rows[left.pk].gaps_today == 1
    # Opens at 14:30: not open now, so not flagged.
    assert not rows[closed.pk].open_now and not rows[closed.pk].unstaffed
    assert [row.post.pk for row in board.unstaffed] == [left.pk]


@time_machine.travel(at(LABOUR_DAY, "10:00"), tick=False)
def test_the_board_flags_nothing_on_a_public_holiday(holiday_table):
    post = PostFactory()
    board = hall_board(court_id=post.court_id, now=at(LABOUR_DAY, "10:00"))
    assert not board.working_day and board.unstaffed == []


def test_the_panel_counts_no_future_days(holiday_table):
    post = PostFactory()
    now = at(WEDNESDAY, "08:00")  # before opening: nothing yet, and tomorrow is not counted
    found = list(
        unstaffed_gaps(
            court_id=post.court_id, period=Period(WEDNESDAY, WEDNESDAY + timedelta(days=2)), now=now
        )
    )
    assert found == []
