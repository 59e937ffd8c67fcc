"""Two pushes or two agents at the same moment (PostgreSQL row locks): the second sees the first."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from courthall.roles import AGENT
from hotline.models import Call, Callback, CallEvent, CallState
from hotline.permissions import CALL_ALREADY_CALLED_BACK
from hotline.services import calls as services
from hotline.services import telephony
from tests.factories import CourtFactory, UserFactory
from tests.hotline.factories import CallFactory


def at_once(*actions) -> list:
    """Run the actions in threads released together; each returns its result or the exception raised."""
    start = threading.Barrier(len(actions))
    outcomes: list = []

    def run(action):
        try:
            start.wait()
            outcomes.append(action())
        except Exception as error:
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_agents_reaching_the_same_caller_at_once_log_one_reached_callback():
    court = CourtFactory()
    first, second = (UserFactory(court=court, role=AGENT) for _ in range(2))
    offered = timezone.now() - datetime.timedelta(minutes=30)
    call = CallFactory(
        court=court,
        state=CallState.ABANDONED,
        agent=None,
        offered_at=offered,
        answered_at=None,
        talk_seconds=None,
    )

    def call_back(user):
        return lambda: services.callback_log(
            call=call, user=user, at=timezone.now(), outcome="reached", content="已告知。"
        )

    outcomes = at_once(call_back(first), call_back(second))
    refused = [outcome for outcome in outcomes if isinstance(outcome, PermissionDenied)]
    assert len(refused) == 1
    assert str(refused[0]).startswith(CALL_ALREADY_CALLED_BACK.split("{")[0])
    assert Callback.objects.filter(call=call).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_end_pushed_twice_at_once_ends_the_call_once():
    court = CourtFactory()
    offered = (timezone.now() - datetime.timedelta(minutes=5)).replace(microsecond=0)
    payload = {"call_id": "C-1", "event": "offered", "at": offered.isoformat(), "caller": "13800001111"}
    telephony.telephony_event_record(
        court=court, event=telephony.telephony_event_parse(court=court, payload=payload), payload=payload
    )
    ended = {"call_id": "C-1", "event": "ended", "at": (offered + datetime.timedelta(seconds=30)).isoformat()}

    def push():
        event = telephony.telephony_event_parse(court=court, payload=ended)
        return telephony.telephony_event_record(court=court, event=event, payload=ended)[1]

    assert sorted(at_once(push, push)) == [telephony.DUPLICATE, telephony.RECORDED]
    call = Call.objects.get()
    assert call.state == CallState.ABANDONED
    assert CallEvent.objects.filter(call=call, kind="ended").count() == 1
