"""Calls entered by hand, the call log, the callback list and logging a callback (每电必登; 钢城承诺三),
through the HTTP interface and the services."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from courthall.roles import AGENT, CLERK
from courthall.validators import MOBILE_LENGTH
from hotline.models import Call, Callback, CallbackOutcome, CallSource, CallState
from hotline.permissions import CALL_ALREADY_CALLED_BACK, CALL_NOT_MISSED, CALL_RESOLVED_BY_LATER_CALL
from hotline.services import calls as services
from tests.factories import CourtFactory, UserFactory
from tests.hotline import calls_setup
from tests.hotline.calls_setup import NOW, push
from tests.hotline.factories import CallFactory

pytestmark = pytest.mark.django_db

# The shared fixtures, by name, for pytest to find.
agent, court, token = calls_setup.agent, calls_setup.court, calls_setup.token

AT = datetime.datetime(2026, 12, 2, 9, 30, tzinfo=datetime.UTC) - datetime.timedelta(hours=8)  # 09:30 local


def missed(court, *, at=AT, number="13800001111", **extra):
    return CallFactory(
        court=court,
        state=CallState.ABANDONED,
        agent=None,
        caller_number=number,
        offered_at=at,
        answered_at=None,
        talk_seconds=None,
        wait_seconds=30,
        callback_due_on=timezone.localdate(at),
        **extra,
    )


# --- calls entered by hand ------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_agent_enters_an_abandoned_call_by_hand(client, agent):
    client.force_login(agent)
    response = client.post(
        reverse("hotline:call_new"),
        {
            "caller_number": "138 0000 1111",
            "offered_at": "2026-12-02T09:30",
            "answered": "0",
            "wait_seconds": "40",
        },
    )
    call = Call.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("hotline:call_detail", args=[call.pk])
    assert call.source == CallSource.MANUAL
    assert call.call_id.startswith("M-202612020930-")
    assert (call.caller_number, call.state, call.wait_seconds, call.entered_by) == (
        "13800001111",
        CallState.ABANDONED,
        40,
        agent,
    )
    assert call.callback_due_on == datetime.date(2026, 12, 2)
    row = call.history.get()
    assert (row.history_user, row.history_change_reason) == (agent, "人工登记来电")


@time_machine.travel(NOW, tick=False)
def test_agent_enters_an_answered_call_by_hand(client, agent):
    client.force_login(agent)
    client.post(
        reverse("hotline:call_new"),
        {
            "caller_number": "0375-8188000",
            "offered_at": "2026-12-02T09:30",
            "answered": "1",
            "wait_seconds": "5",
            "talk_seconds": "120",
            "agent": agent.pk,
        },
    )
    call = Call.objects.get()
    assert (call.state, call.agent, call.talk_seconds, call.callback_due_on) == (
        CallState.ANSWERED,
        agent,
        120,
        None,
    )
    assert call.answered_at == AT + datetime.timedelta(seconds=5)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"caller_number": "138000"}, "caller_number", MOBILE_LENGTH % {"count": 6}),
        ({"caller_number": "8188000"}, "caller_number", "电话号码“8188000”格式不正确"),
        ({"offered_at": ""}, "offered_at", services.CALL_TIME_REQUIRED),
        ({"offered_at": "2026-12-02T11:00"}, "offered_at", "晚于现在"),
        ({"offered_at": "2026-12-02T09:59", "talk_seconds": "600"}, "offered_at", "才结束，晚于现在"),
        ({"wait_seconds": ""}, "wait_seconds", services.WAIT_REQUIRED),
        ({"wait_seconds": "-3"}, "wait_seconds", "请填写 0 或正整数秒数。"),
        ({"talk_seconds": ""}, "talk_seconds", services.TALK_REQUIRED),
        ({"agent": ""}, "agent", services.AGENT_REQUIRED),
        ({"answered": "0"}, "talk_seconds", services.TALK_WITHOUT_ANSWER),
    ],
)
def test_bad_hand_entered_call_re_shows_the_form_and_logs_nothing(client, agent, data, field, message):
    client.force_login(agent)
    values = {
        "caller_number": "13800001111",
        "offered_at": "2026-12-02T09:30",
        "answered": "1",
        "wait_seconds": "5",
        "talk_seconds": "120",
        "agent": agent.pk,
        **data,
    }
    response = client.post(reverse("hotline:call_new"), values)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Call.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_agent_of_another_court_cannot_be_named(agent):
    stranger = UserFactory(court=CourtFactory(), role=AGENT)
    with pytest.raises(ValidationError) as raised:
        services.call_enter(
            user=agent,
            caller_number="13800001111",
            offered_at=AT,
            answered=True,
            wait_seconds=3,
            talk_seconds=10,
            agent=stranger,
        )
    assert raised.value.message_dict["agent"] == [services.AGENT_OTHER_COURT]
    assert not Call.objects.exists()


def test_a_clerk_may_not_enter_calls(client, court):
    clerk = UserFactory(court=court, role=CLERK)
    client.force_login(clerk)
    assert client.get(reverse("hotline:call_new")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.call_enter(
            user=clerk, caller_number="13800001111", offered_at=AT, answered=False, wait_seconds=3
        )


# --- the call log ---------------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_call_log_filters_by_day_state_and_number(client, agent, court):
    today = missed(court, number="13800001111")
    answered = CallFactory(court=court, offered_at=AT, caller_number="13900002222")
    yesterday = missed(court, at=AT - datetime.timedelta(days=1))
    CallFactory(court=CourtFactory(), offered_at=AT)  # another court's call is never shown
    client.force_login(agent)

    def listed(query):
        return [call.pk for call in client.get(reverse("hotline:call_list"), query).context["calls"]]

    assert set(listed({})) == {answered.pk, today.pk, yesterday.pk}
    assert listed({})[-1] == yesterday.pk  # newest first
    assert set(listed({"on": "2026-12-02"})) == {today.pk, answered.pk}
    assert set(listed({"state": "abandoned"})) == {today.pk, yesterday.pk}
    assert listed({"number": "13900002222"}) == [answered.pk]
    response = client.get(reverse("hotline:call_list"), {"on": "2026-13-40"})
    assert response.status_code == 200
    assert "日期格式应为" in response.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_call_log_queries_do_not_grow(client, agent, court, size, django_assert_max_num_queries):
    for _ in range(size):
        missed(court)
        CallFactory(court=court)
    client.force_login(agent)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("hotline:call_list")).status_code == 200


# --- the callback list and logging a callback -------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_callback_list_shows_missed_calls_overdue_first_with_attempts(client, agent, court):
    overdue = missed(court, at=AT - datetime.timedelta(days=1), number="13700003333")
    today = missed(court)
    Callback.objects.create(
        call=today, number=today.caller_number, at=AT, by=agent, outcome=CallbackOutcome.BUSY
    )
    CallFactory(court=court)  # answered: not on the list
    missed(court, called_back_at=AT)  # already called back
    missed(CourtFactory())  # another court's
    client.force_login(agent)
    response = client.get(reverse("hotline:callbacks"))
    assert [call.pk for call in response.context["calls"]] == [overdue.pk, today.pk]
    page = response.content.decode()
    assert "已逾期" in page
    assert "占线" in page


@pytest.mark.parametrize("size", [2, 20])
def test_callback_list_queries_do_not_grow(client, agent, court, size, django_assert_max_num_queries):
    for _ in range(size):
        call = missed(court)
        Callback.objects.create(call=call, number=call.caller_number, at=AT, by=agent, outcome="busy")
    client.force_login(agent)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("hotline:callbacks")).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_reached_callback_takes_the_call_off_the_list(client, agent, court):
    call = missed(court)
    client.force_login(agent)
    response = client.post(
        reverse("hotline:call_callback", args=[call.pk]),
        {
            "at": "2026-12-02T09:50",
            "number": "13800001111",
            "outcome": "reached",
            "content": "来电人问立案材料，已告知。",
        },
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.called_back_at == AT + datetime.timedelta(minutes=20)
    callback = call.callbacks.get()
    assert (callback.by, callback.outcome, callback.content) == (
        agent,
        "reached",
        "来电人问立案材料，已告知。",
    )
    latest = call.history.order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (agent, services.RESOLVED_BY_CALLBACK)
    assert client.get(reverse("hotline:callbacks")).context["calls"].__len__() == 0
    detail = client.get(reverse("hotline:call_detail", args=[call.pk])).content.decode()
    assert "来电人问立案材料，已告知。" in detail


@time_machine.travel(NOW, tick=False)
def test_unreached_callback_keeps_the_call_on_the_list(client, agent, court):
    call = missed(court)
    client.force_login(agent)
    client.post(
        reverse("hotline:call_callback", args=[call.pk]), {"at": "2026-12-02T09:50", "outcome": "no_answer"}
    )
    call.refresh_from_db()
    assert call.called_back_at is None
    assert call.callbacks.get().number == "13800001111"
    assert [c.pk for c in client.get(reverse("hotline:callbacks")).context["calls"]] == [call.pk]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"at": ""}, "at", services.CALLBACK_TIME_REQUIRED),
        ({"at": "2026-12-02T10:30"}, "at", "晚于现在"),
        ({"at": "2026-12-02T09:00"}, "at", "早于这通未接来电的时间"),
        ({"outcome": ""}, "outcome", "请选择回拨结果。"),
        ({"content": ""}, "content", services.CALLBACK_CONTENT_REQUIRED),
        ({"number": "123"}, "number", MOBILE_LENGTH % {"count": 3}),
    ],
)
def test_bad_callback_re_shows_the_form_and_changes_nothing(client, agent, court, data, field, message):
    call = missed(court)
    client.force_login(agent)
    values = {"at": "2026-12-02T09:50", "number": "", "outcome": "reached", "content": "已告知。", **data}
    response = client.post(reverse("hotline:call_callback", args=[call.pk]), values)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Callback.objects.exists()
    call.refresh_from_db()
    assert call.called_back_at is None


@time_machine.travel(NOW, tick=False)
def test_callback_refused_for_a_call_not_on_the_list(client, agent, court):
    answered = CallFactory(court=court)
    done = missed(court, called_back_at=AT)
    client.force_login(agent)
    response = client.get(reverse("hotline:call_callback", args=[answered.pk]))
    assert response.status_code == 403
    assert CALL_NOT_MISSED in response.content.decode()
    response = client.post(
        reverse("hotline:call_callback", args=[done.pk]),
        {"at": "2026-12-02T09:50", "outcome": "reached", "content": "x"},
    )
    assert response.status_code == 403
    assert CALL_ALREADY_CALLED_BACK.format(when="2026年12月02日 09:30") in response.content.decode()
    assert not Callback.objects.exists()


def test_another_courts_call_is_404(client, agent):
    call = missed(CourtFactory())
    client.force_login(agent)
    assert client.get(reverse("hotline:call_detail", args=[call.pk])).status_code == 404
    assert client.get(reverse("hotline:call_callback", args=[call.pk])).status_code == 404


def test_a_clerk_sees_no_calls(client, court):
    call = missed(court)
    client.force_login(UserFactory(court=court, role=CLERK))
    assert client.get(reverse("hotline:callbacks")).status_code == 403
    assert client.get(reverse("hotline:call_detail", args=[call.pk])).status_code == 403


# --- a missed caller who calls again and gets through -------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_a_later_answered_call_the_same_day_resolves_the_missed_one(client, token, agent, court):
    call = missed(court)
    other_number = missed(court, number="13900009999")
    yesterday = missed(court, at=AT - datetime.timedelta(days=1))
    push(client, token, call_id="C-2", event="offered", at="2026-12-02T09:45:00+08:00", caller="13800001111")
    push(client, token, call_id="C-2", event="answered", at="2026-12-02T09:45:05+08:00", agent="agent1")
    later = Call.objects.get(call_id="C-2")
    call.refresh_from_db()
    assert call.resolved_by_call == later
    assert call.called_back_at == later.answered_at
    row = call.history.order_by("-history_id").first()
    assert row.history_change_reason == services.RESOLVED_BY_LATER_CALL.format(call_id="C-2")
    other_number.refresh_from_db()
    yesterday.refresh_from_db()
    assert other_number.called_back_at is None  # another caller
    assert yesterday.called_back_at is None  # another day: still to be called back
    client.force_login(agent)
    assert call.pk not in [c.pk for c in client.get(reverse("hotline:callbacks")).context["calls"]]
    detail = client.get(reverse("hotline:call_detail", args=[call.pk])).content.decode()
    assert "再次来电并接通" in detail
    response = client.get(reverse("hotline:call_callback", args=[call.pk]))
    assert response.status_code == 403
    assert (
        CALL_RESOLVED_BY_LATER_CALL.format(when="2026年12月02日 09:45", call_id="C-2")
        in response.content.decode()
    )


@time_machine.travel(NOW, tick=False)
def test_a_hand_entered_answered_call_also_resolves(agent, court):
    call = missed(court)
    services.call_enter(
        user=agent,
        caller_number="13800001111",
        offered_at=AT + datetime.timedelta(minutes=5),
        answered=True,
        wait_seconds=3,
        talk_seconds=60,
        agent=agent,
    )
    call.refresh_from_db()
    assert call.resolved_by_call.source == CallSource.MANUAL
    assert call.history.order_by("-history_id").first().history_user == agent
