"""Who may do what with a ticket: one table, role × action → allowed. The ticket is an open consultation
(a closed one for satisfaction) whose first-responsible person is the agent."""

import pytest

from hotline.models import TicketKind, TicketState
from hotline.permissions import (
    can_answer_by_callback,
    can_answer_on_the_spot,
    can_leave_portal_message,
    can_list_tickets,
    can_open_ticket,
    can_query_case,
    can_record_satisfaction,
    can_refer_to_lawyer,
)
from tests.hotline.factories import TicketFactory

ROLES = ["agent", "other_agent", "clerk", "supervisor", "judge", "duty_judge", "sysadmin", "portal_user"]

ACTIONS = {
    "open": lambda ticket, user: can_open_ticket(user),
    "list": lambda ticket, user: can_list_tickets(user),
    "portal_message": lambda ticket, user: can_leave_portal_message(user),
    "answer_on_the_spot": can_answer_on_the_spot,
    "refer_to_lawyer": can_refer_to_lawyer,
    "query_case": can_query_case,
    "answer_by_callback": can_answer_by_callback,
    "record_satisfaction": can_record_satisfaction,
}

#                     agent other  clerk  super  judge  duty   admin  portal
ALLOWED = {
    "open": (True, True, True, False, False, False, False, False),
    "list": (True, True, False, True, False, False, False, False),
    "portal_message": (False, False, False, False, False, False, False, True),
    "answer_on_the_spot": (True, False, False, True, False, False, False, False),
    "refer_to_lawyer": (True, False, False, True, False, False, False, False),
    "query_case": (True, False, False, True, False, False, False, False),
    "answer_by_callback": (True, False, False, True, False, False, False, False),
    "record_satisfaction": (True, True, False, True, False, False, False, False),
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_action_table(request, agent, role, action):
    user = request.getfixturevalue(role)
    kind = TicketKind.QUERY if action == "query_case" else TicketKind.CONSULTATION
    state = TicketState.CLOSED if action == "record_satisfaction" else TicketState.OPEN
    ticket = TicketFactory(court=agent.court, opened_by=agent, kind=kind, state=state)
    decision = ACTIONS[action](ticket, user)
    assert bool(decision) is ALLOWED[action][ROLES.index(role)]
    if not decision:
        assert decision.reason


@pytest.mark.parametrize(
    ("kind", "allowed"),
    [
        (TicketKind.CONSULTATION, True),
        (TicketKind.QUERY, True),
        (TicketKind.OTHER, True),
        (TicketKind.CONTACT_JUDGE, False),
        (TicketKind.COMPLAINT, False),
        (TicketKind.SUGGESTION, False),
        (TicketKind.REPORT, False),
        (TicketKind.PETITION, False),
        (TicketKind.APPOINTMENT, False),
        (TicketKind.MATERIAL_TRANSFER, False),
    ],
)
def test_only_consultations_queries_and_other_are_answered_on_the_spot(agent, kind, allowed):
    ticket = TicketFactory(court=agent.court, opened_by=agent, kind=kind)
    decision = can_answer_on_the_spot(ticket, agent)
    assert bool(decision) is allowed
    if not allowed:
        assert ticket.get_kind_display() in decision.reason


def test_a_clerk_acts_on_the_ticket_they_opened_from_a_visit(clerk):
    ticket = TicketFactory(court=clerk.court, opened_by=clerk)
    assert can_answer_on_the_spot(ticket, clerk)
    assert can_answer_by_callback(ticket, clerk)
