"""The agent's queue in the order of the most urgent clock, and who sees which ticket."""

import datetime

import time_machine
from django.utils import timezone

from hotline.models import TicketState
from hotline.selectors.tickets import (
    call_current_for_agent,
    ticket_is_overdue,
    ticket_queue_for_agent,
    ticket_unassigned_portal_messages,
    ticket_visible_to,
)
from tests.factories import CourtFactory
from tests.hotline.factories import CallFactory, TicketFactory


@time_machine.travel(datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_the_queue_puts_replies_to_give_first_then_the_transfer_clock_then_the_oldest(agent, other_agent):
    today = timezone.localdate()
    now = timezone.now()
    oldest = TicketFactory(court=agent.court, opened_by=agent, opened_at=now - datetime.timedelta(hours=5))
    newest = TicketFactory(court=agent.court, opened_by=agent, opened_at=now - datetime.timedelta(hours=1))
    transfer_today = TicketFactory(court=agent.court, opened_by=agent, transfer_due_on=today)
    transfer_late = TicketFactory(
        court=agent.court, opened_by=agent, transfer_due_on=today - datetime.timedelta(days=1)
    )
    replied = TicketFactory(
        court=agent.court, opened_by=agent, state=TicketState.REPLIED, answer_due_on=today
    )
    TicketFactory(court=agent.court, opened_by=agent, state=TicketState.CLOSED)
    TicketFactory(court=agent.court, opened_by=other_agent)
    queue = ticket_queue_for_agent(user=agent)
    assert queue == [replied, transfer_late, transfer_today, oldest, newest]
    assert [ticket_is_overdue(ticket, today) for ticket in queue] == [False, True, False, False, False]


def test_unassigned_portal_messages_of_the_court_only(agent):
    waiting = TicketFactory(court=agent.court, opened_by=agent, channel="portal", first_responsible=None)
    TicketFactory(court=CourtFactory(), channel="portal", first_responsible=None)
    TicketFactory(court=agent.court, opened_by=agent, channel="portal")
    assert ticket_unassigned_portal_messages(user=agent) == [waiting]


def test_the_current_call_is_the_agents_talking_call(agent, other_agent):
    CallFactory(court=agent.court, agent=agent)  # answered and ended
    CallFactory(court=agent.court, agent=other_agent, state="talking")
    talking = CallFactory(court=agent.court, agent=agent, state="talking")
    assert call_current_for_agent(user=agent) == talking


def test_a_clerk_sees_the_tickets_they_are_first_responsible_for(clerk, agent):
    own = TicketFactory(court=clerk.court, opened_by=clerk)
    TicketFactory(court=clerk.court, opened_by=agent)
    assert list(ticket_visible_to(clerk)) == [own]
    assert ticket_visible_to(agent).count() == 2
