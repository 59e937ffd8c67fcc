"""The telephony push endpoint (每电必登): the three events, repeats, and every bad input refused with a
Chinese message and the call log unchanged."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from courthall.models import Holiday, HolidayKind
from hotline.models import Call, CallEvent, CallSource, CallState
from hotline.services import telephony as t
from hotline.services.telephony import token_digest
from tests.factories import CourtFactory, UserFactory
from tests.hotline import calls_setup
from tests.hotline.calls_setup import NOW, push

pytestmark = pytest.mark.django_db

# The shared fixtures, by name, for pytest to find.
agent, court, token = calls_setup.agent, calls_setup.court, calls_setup.token

OFFERED = {"call_id": "C-1", "event": "offered", "at": "2026-12-02T09:30:00+08:00", "caller": "13800001111"}
ANSWERED = {"call_id": "C-1", "event": "answered", "at": "2026-12-02T09:30:08+08:00", "agent": "agent1"}
ENDED = {"call_id": "C-1", "event": "ended", "at": "2026-12-02T09:33:08+08:00"}


def snapshot():
    """Everything the endpoint may change: the calls, their events and their history."""
    return (
        list(Call.objects.values().order_by("pk")),
        list(CallEvent.objects.values("call_id", "kind", "at").order_by("pk")),
        Call.history.count(),
    )


@time_machine.travel(NOW, tick=False)
def test_answered_call_offered_answered_ended(client, token, agent):
    assert push(client, token, **OFFERED).json()["state"] == "ringing"
    call = Call.objects.get(call_id="C-1")
    assert (call.source, call.caller_number, call.offered_on) == (
        CallSource.TELEPHONY,
        "13800001111",
        datetime.date(2026, 12, 2),
    )
    assert push(client, token, **ANSWERED).json()["state"] == "talking"
    response = push(client, token, **ENDED)
    assert response.status_code == 200
    assert response.json() == {"result": "recorded", "call_id": "C-1", "state": "answered"}
    call.refresh_from_db()
    assert call.agent == agent
    assert (call.wait_seconds, call.talk_seconds, call.callback_due_on) == (8, 180, None)
    assert list(call.events.values_list("kind", flat=True)) == ["offered", "answered", "ended"]
    assert [row.history_change_reason for row in call.history.order_by("history_date")] == [
        "话务系统推送：来电",
        "话务系统推送：接听",
        "话务系统推送：挂断",
    ]


@time_machine.travel(NOW, tick=False)
def test_abandoned_call_goes_on_the_callback_list_due_the_same_day(client, token):
    push(client, token, **OFFERED)
    push(client, token, **ENDED)
    call = Call.objects.get(call_id="C-1")
    assert call.state == CallState.ABANDONED
    assert call.wait_seconds == 188
    assert call.agent is None
    assert call.callback_due_on == datetime.date(2026, 12, 2)


@time_machine.travel("2026-12-06 12:00:00+08:00", tick=False)
def test_call_missed_on_a_weekend_before_a_holiday_is_due_the_next_working_day(client, token):
    # Saturday 5 December; Monday 7 December made a holiday here: due Tuesday 8 December.
    Holiday.objects.update_or_create(date=datetime.date(2026, 12, 7), defaults={"kind": HolidayKind.HOLIDAY})
    push(client, token, **{**OFFERED, "at": "2026-12-05T15:00:00+08:00"})
    push(client, token, **{**ENDED, "at": "2026-12-05T15:00:30+08:00"})
    assert Call.objects.get().callback_due_on == datetime.date(2026, 12, 8)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("event", [OFFERED, ANSWERED, ENDED])
def test_a_repeated_identical_event_changes_nothing(client, token, agent, event):
    for earlier in (OFFERED, ANSWERED, ENDED):
        push(client, token, **earlier)
        if earlier is event:
            break
    before = snapshot()
    response = push(client, token, **event)
    assert response.status_code == 200
    assert response.json()["result"] == "duplicate"
    assert snapshot() == before


def test_missing_token_is_401(client, court):
    response = push(client, None, **OFFERED)
    assert response.status_code == 401
    assert response.json() == {"error": t.TOKEN_MISSING}
    assert not Call.objects.exists()


@pytest.mark.parametrize("header", ["Bearer nonsense", "Token abc", "Bearer "])
def test_bad_token_is_401(client, token, header):
    response = client.post(
        reverse("hotline:telephony_events"),
        data=OFFERED,
        content_type="application/json",
        headers={"Authorization": header},
    )
    assert response.status_code == 401
    assert response.json()["error"] in (t.TOKEN_INVALID, t.TOKEN_MISSING)
    assert not Call.objects.exists()


def test_revoked_token_is_401(client, court, token):
    from hotline.models import TelephonyToken

    TelephonyToken.objects.filter(digest=token_digest(token)).update(revoked_at=timezone.now())
    response = push(client, token, **OFFERED)
    assert response.status_code == 401
    assert response.json() == {"error": t.TOKEN_INVALID}
    assert not Call.objects.exists()


def test_the_token_is_kept_only_as_its_digest(token):
    from hotline.models import TelephonyToken

    row = TelephonyToken.objects.get()
    assert row.digest == token_digest(token)
    assert token not in row.digest


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", t.BODY_NOT_JSON),
        ("[1, 2]", t.BODY_NOT_JSON),
        (
            '{"event": "offered", "at": "2026-12-02T09:30:00+08:00", "caller": "13800001111"}',
            t.FIELDS_MISSING.format(fields="call_id"),
        ),
        (
            '{"call_id": "  ", "event": "ended", "at": "2026-12-02T09:30:00+08:00"}',
            t.FIELDS_MISSING.format(fields="call_id"),
        ),
        (
            '{"call_id": "C-9", "event": "offered", "at": "2026-12-02T09:30:00+08:00"}',
            t.FIELDS_MISSING.format(fields="caller"),
        ),
        (
            '{"call_id": "C-1", "event": "answered", "at": "2026-12-02T09:30:00+08:00"}',
            t.FIELDS_MISSING.format(fields="agent"),
        ),
        (
            '{"call_id": "C-1", "event": "transferred", "at": "2026-12-02T09:30:00+08:00"}',
            t.EVENT_UNKNOWN.format(event="transferred"),
        ),
        (
            '{"call_id": "C-9", "event": "offered", "at": "yesterday", "caller": "13800001111"}',
            t.TIME_INVALID.format(at="yesterday"),
        ),
        (
            '{"call_id": "C-9", "event": "offered", "at": "2026-12-02T09:30:00", "caller": "13800001111"}',
            t.TIME_INVALID.format(at="2026-12-02T09:30:00"),
        ),
        (
            '{"call_id": "C-9", "event": "offered", "at": "2026-12-03T09:30:00+08:00", "caller": "13800001111"}',  # noqa: E501
            t.TIME_FUTURE.format(at="2026-12-03T09:30:00+08:00"),
        ),
        (
            '{"call_id": 7, "event": "ended", "at": "2026-12-02T09:30:00+08:00"}',
            t.FIELD_NOT_TEXT.format(field="call_id"),
        ),
        (
            '{"call_id": "C-1", "event": "answered", "at": "2026-12-02T09:30:09+08:00", "agent": "nobody"}',
            t.AGENT_UNKNOWN.format(agent="nobody"),
        ),
        (
            '{"call_id": "C-1", "event": "answered", "at": "2026-12-02T09:30:09+08:00", "agent": "elsewhere"}',  # noqa: E501
            t.AGENT_UNKNOWN.format(agent="elsewhere"),
        ),
    ],
)
def test_bad_input_is_400_and_changes_nothing(client, token, agent, body, message):
    UserFactory(court=CourtFactory(), username="elsewhere")  # an agent of another court
    push(client, token, **OFFERED)
    before = snapshot()
    response = client.post(
        reverse("hotline:telephony_events"),
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert response.json() == {"error": message}
    assert snapshot() == before


@time_machine.travel(NOW, tick=False)
def test_too_long_call_id_is_400(client, token):
    response = push(client, token, **{**OFFERED, "call_id": "X" * 65})
    assert response.status_code == 400
    assert response.json() == {"error": t.CALL_ID_TOO_LONG.format(call_id="X" * 20, limit=64)}
    assert not Call.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_bad_caller_number_is_400(client, token):
    response = push(client, token, **{**OFFERED, "caller": "12345"})
    assert response.status_code == 400
    assert response.json()["error"].startswith("来电号码无效")
    assert not Call.objects.exists()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("event", [ANSWERED, ENDED])
def test_event_for_an_unknown_call_is_404(client, token, agent, event):
    response = push(client, token, **event)
    assert response.status_code == 404
    assert response.json() == {"error": t.CALL_UNKNOWN.format(call_id="C-1")}
    assert not Call.objects.exists()
    assert not CallEvent.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_call_id_of_another_court_is_unknown_here(client, token, agent):
    _, other_token = t.telephony_token_create(court=CourtFactory())
    push(client, other_token, **OFFERED)
    assert push(client, token, **ENDED).status_code == 404
    assert Call.objects.get().state == CallState.RINGING


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("story", "event", "message"),
    [
        # answered after ended (the call was missed)
        (
            [OFFERED, ENDED],
            ANSWERED,
            t.ALREADY_ENDED.format(call_id="C-1", when="2026年12月02日 09:33", kind="接听"),
        ),
        # ended twice with different times
        (
            [OFFERED, ANSWERED, ENDED],
            {**ENDED, "at": "2026-12-02T09:40:00+08:00"},
            t.EVENT_CONFLICT.format(call_id="C-1", kind="挂断"),
        ),
        # answered before the call was offered
        (
            [OFFERED],
            {**ANSWERED, "at": "2026-12-02T09:29:00+08:00"},
            t.ANSWER_BEFORE_OFFER.format(at="2026年12月02日 09:29:00", offered="2026年12月02日 09:30:00"),
        ),
        # ended before it was offered
        (
            [OFFERED],
            {**ENDED, "at": "2026-12-02T09:29:00+08:00"},
            t.END_BEFORE_OFFER.format(at="2026年12月02日 09:29:00", offered="2026年12月02日 09:30:00"),
        ),
        # ended before it was answered
        (
            [OFFERED, ANSWERED],
            {**ENDED, "at": "2026-12-02T09:30:05+08:00"},
            t.END_BEFORE_ANSWER.format(at="2026年12月02日 09:30:05", answered="2026年12月02日 09:30:08"),
        ),
        # offered again with another number
        (
            [OFFERED],
            {**OFFERED, "caller": "13900002222"},
            t.EVENT_CONFLICT.format(call_id="C-1", kind="来电"),
        ),
    ],
)
def test_out_of_order_is_409_and_changes_nothing(client, token, agent, story, event, message):
    for earlier in story:
        assert push(client, token, **earlier).status_code == 200
    before = snapshot()
    response = push(client, token, **event)
    assert response.status_code == 409
    assert response.json() == {"error": message}
    assert snapshot() == before


def test_get_is_refused(client, token):
    assert client.get(reverse("hotline:telephony_events")).status_code == 405


def test_management_command_prints_a_working_token_once(client, court):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("hotline_token", court.name, stdout=out)
    printed = out.getvalue().strip().splitlines()[-1]
    with time_machine.travel(NOW, tick=False):
        assert push(client, printed, **OFFERED).status_code == 200
    assert Call.objects.get().court == court


def test_admin_revokes_a_token_and_the_endpoint_refuses_it(client, token):
    from hotline.models import TelephonyToken

    row = TelephonyToken.objects.get()
    client.force_login(UserFactory(court=None, is_superuser=True, is_staff=True))
    listing = client.get(reverse("admin:hotline_telephonytoken_changelist"))
    assert listing.status_code == 200
    assert token not in listing.content.decode()
    client.post(
        reverse("admin:hotline_telephonytoken_changelist"),
        {"action": "revoke", "_selected_action": [row.pk]},
    )
    row.refresh_from_db()
    assert row.revoked_at is not None
    client.logout()
    assert push(client, token, **OFFERED).status_code == 401
