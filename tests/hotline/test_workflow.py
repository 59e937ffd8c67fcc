"""The ticket state machine as one table: state × transition → next state, or refused — through the
services, by the ticket's first-responsible agent."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from hotline.models import CallbackOutcome, Satisfaction, TicketState
from hotline.services.tickets import (
    ticket_answer_by_callback,
    ticket_answer_on_the_spot,
    ticket_record_satisfaction,
    ticket_refer_to_lawyer,
)
from tests.hotline.factories import TicketFactory

REFUSED = "refused"


def _on_the_spot(ticket, user):
    ticket_answer_on_the_spot(ticket=ticket, user=user, answer="起诉需要准备起诉状和身份证明。")


def _refer(ticket, user):
    ticket_refer_to_lawyer(ticket=ticket, user=user)


def _callback_reached(ticket, user):
    ticket_answer_by_callback(
        ticket=ticket,
        user=user,
        at=timezone.now() - timedelta(minutes=1),
        outcome=CallbackOutcome.REACHED,
        content="已告知法官的答复：下周二开庭。",
    )


def _callback_not_reached(ticket, user):
    ticket_answer_by_callback(
        ticket=ticket, user=user, at=timezone.now() - timedelta(minutes=1), outcome=CallbackOutcome.NO_ANSWER
    )


def _satisfaction(ticket, user):
    ticket_record_satisfaction(ticket=ticket, user=user, satisfaction=Satisfaction.SATISFIED)


TRANSITIONS = {
    "answer_on_the_spot": _on_the_spot,
    "refer_to_lawyer": _refer,
    "callback_reached": _callback_reached,
    "callback_not_reached": _callback_not_reached,
    "record_satisfaction": _satisfaction,
}

OPEN, DUTY, SENT, REPLIED, CLOSED = (
    TicketState.OPEN,
    TicketState.WITH_DUTY_JUDGE,
    TicketState.TRANSFERRED,
    TicketState.REPLIED,
    TicketState.CLOSED,
)
TABLE = [
    # state, transition, next state (or REFUSED)
    (OPEN, "answer_on_the_spot", CLOSED),
    (DUTY, "answer_on_the_spot", REFUSED),
    (SENT, "answer_on_the_spot", REFUSED),
    (REPLIED, "answer_on_the_spot", REFUSED),
    (CLOSED, "answer_on_the_spot", REFUSED),
    (OPEN, "refer_to_lawyer", CLOSED),
    (DUTY, "refer_to_lawyer", REFUSED),
    (SENT, "refer_to_lawyer", REFUSED),
    (REPLIED, "refer_to_lawyer", REFUSED),
    (CLOSED, "refer_to_lawyer", REFUSED),
    (OPEN, "callback_reached", CLOSED),
    (DUTY, "callback_reached", REFUSED),
    (SENT, "callback_reached", REFUSED),
    (REPLIED, "callback_reached", CLOSED),
    (CLOSED, "callback_reached", REFUSED),
    (OPEN, "callback_not_reached", OPEN),
    (DUTY, "callback_not_reached", REFUSED),
    (SENT, "callback_not_reached", REFUSED),
    (REPLIED, "callback_not_reached", REPLIED),
    (CLOSED, "callback_not_reached", REFUSED),
    (OPEN, "record_satisfaction", REFUSED),
    (DUTY, "record_satisfaction", REFUSED),
    (SENT, "record_satisfaction", REFUSED),
    (REPLIED, "record_satisfaction", REFUSED),
    (CLOSED, "record_satisfaction", CLOSED),
]


@pytest.mark.parametrize(("state", "transition", "expected"), TABLE)
def test_ticket_state_machine(agent, state, transition, expected):
    ticket = TicketFactory(
        court=agent.court,
        opened_by=agent,
        opened_at=timezone.now() - timedelta(hours=1),
        state=state,
    )
    events_before = ticket.events.count()
    if expected == REFUSED:
        with pytest.raises(PermissionDenied):
            TRANSITIONS[transition](ticket, agent)
        ticket.refresh_from_db()
        assert ticket.state == state
        assert ticket.events.count() == events_before
    else:
        TRANSITIONS[transition](ticket, agent)
        ticket.refresh_from_db()
        assert ticket.state == expected
        assert ticket.events.count() == events_before + 1


def test_the_table_covers_every_state_and_transition():
    assert {(s, t) for s, t, _ in TABLE} == {(s, t) for s in TicketState.values for t in TRANSITIONS}
