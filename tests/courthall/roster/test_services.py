"""Signing in and out, taking posts, going out and coming back (舞钢规范第十三条), and the bad input each
refuses with a Chinese message and nothing saved."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from courthall.roster import services
from courthall.roster.models import Attendance, EndReason, Outing, PostHolding
from courthall.roster.services import (
    ALREADY_OUT,
    BACK_NOT_AFTER_NOW,
    BACK_NOT_TODAY,
    NO_SUCH_POST,
    NOT_OUT,
    NOT_SIGNED_IN,
    SIGN_IN_FIRST,
)
from tests.courthall.roster.factories import PostFactory, at
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 4)


@pytest.fixture
def window():
    return PostFactory(name="3号窗口")


@pytest.fixture
def clerk(window):
    return UserFactory(court=window.court)


def _go_out(user, back_at, **kwargs):
    values = {"destination": "市中级人民法院", "reason": "移送卷宗", "expected_back_at": back_at}
    values.update(kwargs)
    return services.roster_go_out(user=user, **values)


def test_a_day_at_the_window_leaves_the_holdings_the_panel_counts(window, clerk):
    guide_desk = PostFactory(court=window.court, name="导诉台")
    with time_machine.travel(at(TODAY, "08:40"), tick=False):
        services.roster_sign_in(user=clerk, post_id=window.pk)
    with time_machine.travel(at(TODAY, "10:00"), tick=False):
        services.roster_take_post(user=clerk, post_id=guide_desk.pk)
    with time_machine.travel(at(TODAY, "11:00"), tick=False):
        _go_out(clerk, at(TODAY, "11:45"))
    with time_machine.travel(at(TODAY, "11:40"), tick=False):
        services.roster_come_back(user=clerk, post_id=window.pk)
    with time_machine.travel(at(TODAY, "17:35"), tick=False):
        services.roster_sign_out(user=clerk)
    holdings = list(
        PostHolding.objects.order_by("started_at").values_list(
            "post__name", "started_at", "ended_at", "end_reason"
        )
    )
    assert holdings == [
        ("3号窗口", at(TODAY, "08:40"), at(TODAY, "10:00"), EndReason.SWITCHED),
        ("导诉台", at(TODAY, "10:00"), at(TODAY, "11:00"), EndReason.WENT_OUT),
        ("3号窗口", at(TODAY, "11:40"), at(TODAY, "17:35"), EndReason.SIGNED_OUT),
    ]
    outing = Outing.objects.get()
    assert (outing.came_back_at, outing.end_reason) == (at(TODAY, "11:40"), EndReason.CAME_BACK)
    attendance = Attendance.objects.get()
    assert (attendance.signed_in_at, attendance.signed_out_at) == (at(TODAY, "08:40"), at(TODAY, "17:35"))
    # Every step is in the history with the person who took it.
    assert {record.history_user_id for record in PostHolding.history.all()} == {clerk.pk}


@time_machine.travel(at(TODAY, "17:40"), tick=False)
def test_signing_out_without_being_signed_in_is_refused(clerk):
    with pytest.raises(ValidationError) as refused:
        services.roster_sign_out(user=clerk)
    assert refused.value.messages == [NOT_SIGNED_IN]


@time_machine.travel(at(TODAY, "08:40"), tick=False)
def test_signing_in_twice_is_refused_and_the_first_stands(window, clerk):
    services.roster_sign_in(user=clerk, post_id=window.pk)
    with pytest.raises(ValidationError, match="08:40"):
        services.roster_sign_in(user=clerk)
    assert Attendance.objects.count() == 1


@time_machine.travel(at(TODAY, "08:40"), tick=False)
def test_another_courts_post_or_a_stopped_one_cannot_be_taken(clerk):
    elsewhere = PostFactory()
    stopped = PostFactory(court=clerk.court, active=False)
    for post in (elsewhere, stopped):
        with pytest.raises(ValidationError) as refused:
            services.roster_sign_in(user=clerk, post_id=post.pk)
        assert refused.value.messages == [NO_SUCH_POST]
    assert not Attendance.objects.exists() and not PostHolding.objects.exists()


@time_machine.travel(at(TODAY, "10:00"), tick=False)
def test_going_out_needs_a_later_return_today_a_destination_a_reason_and_a_sign_in(window, clerk):
    with pytest.raises(ValidationError) as refused:
        _go_out(clerk, at(TODAY, "09:30"), destination=" ", reason="")
    assert refused.value.messages == [
        "请填写去向。",
        "请填写外出事由。",
        BACK_NOT_AFTER_NOW.format(now="10:00"),
        SIGN_IN_FIRST.format(action="登记外出"),
    ]
    services.roster_sign_in(user=clerk, post_id=window.pk)
    with pytest.raises(ValidationError) as refused:
        _go_out(clerk, at(TODAY + timedelta(days=1), "09:00"))
    assert refused.value.messages == [BACK_NOT_TODAY]
    assert not Outing.objects.exists()
    # Nothing was saved: still at the window.
    assert PostHolding.objects.get().ended_at is None


@time_machine.travel(at(TODAY, "10:00"), tick=False)
def test_going_out_twice_or_coming_back_without_going_is_refused(window, clerk):
    services.roster_sign_in(user=clerk, post_id=window.pk)
    with pytest.raises(ValidationError) as refused:
        services.roster_come_back(user=clerk)
    assert refused.value.messages == [NOT_OUT]
    _go_out(clerk, at(TODAY, "11:00"))
    with pytest.raises(ValidationError) as refused:
        _go_out(clerk, at(TODAY, "11:30"))
    assert refused.value.messages == [ALREADY_OUT.format(destination="市中级人民法院")]
    assert Outing.objects.count() == 1


def test_what_an_earlier_day_left_open_is_closed_at_closing_time_the_next_time(window, clerk):
    with time_machine.travel(at(TODAY, "14:30"), tick=False):
        services.roster_sign_in(user=clerk, post_id=window.pk)
    # Forgot to sign out; signs in the next morning.
    with time_machine.travel(at(TODAY + timedelta(days=1), "08:30"), tick=False):
        services.roster_sign_in(user=clerk, post_id=window.pk)
    stale = PostHolding.objects.get(on=TODAY)
    # The post closes at 17:30.
    assert (stale.ended_at, stale.end_reason) == (at(TODAY, "17:30"), EndReason.NOT_SIGNED_OUT)
    assert Attendance.objects.get(on=TODAY).end_reason == EndReason.NOT_SIGNED_OUT
    assert PostHolding.objects.filter(ended_at__isnull=True).count() == 1
