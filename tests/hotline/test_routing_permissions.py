"""Who may route a ticket, one table: role × action → allowed (issue 6, part ROUTING)."""

import pytest

from hotline.permissions import (
    can_ask_duty_judge,
    can_reply_transfer,
    can_transfer_ticket,
    can_view_duty_queue,
    can_view_inbox,
    can_view_overdue,
)
from hotline.services.routing import ticket_transfer
from tests.hotline.routing_setup import make_hall

pytestmark = pytest.mark.django_db

PEOPLE = ("agent", "other_agent", "judge", "colleague", "duty_judge", "supervisor")
# person → (transfer, ask the duty judge, reply to a transfer to the judge, inbox, duty queue, overdue list)
TABLE = {
    "agent": (True, True, False, False, False, True),
    # 首问负责 (舞钢规范第九条): the ticket stays with the agent who took it.
    "other_agent": (False, False, False, False, False, True),
    "judge": (False, False, True, True, False, False),
    "colleague": (False, False, False, True, False, False),  # same division, but it went to the judge
    "duty_judge": (False, False, False, True, True, False),
    "supervisor": (True, True, False, False, False, True),
}


@pytest.mark.parametrize("who", PEOPLE)
def test_role_table(who):
    hall = make_hall()
    user = getattr(hall, who)
    open_ticket = hall.ticket()
    transfer = ticket_transfer(ticket=hall.ticket(), user=hall.agent, to_user=hall.judge, note="转交")
    decisions = (
        can_transfer_ticket(open_ticket, user),
        can_ask_duty_judge(open_ticket, user),
        can_reply_transfer(transfer, user),
        can_view_inbox(user),
        can_view_duty_queue(user),
        can_view_overdue(user),
    )
    assert tuple(bool(decision) for decision in decisions) == TABLE[who]
    assert all(decision.reason for decision in decisions if not decision)  # every refusal says why


def test_a_department_transfer_is_replied_by_any_member_of_it():
    hall = make_hall()
    transfer = ticket_transfer(ticket=hall.ticket(), user=hall.agent, to_department=hall.civil, note="转交")
    assert can_reply_transfer(transfer, hall.judge) and can_reply_transfer(transfer, hall.colleague)
    assert not can_reply_transfer(transfer, hall.duty_judge)  # of the service centre, not the division
