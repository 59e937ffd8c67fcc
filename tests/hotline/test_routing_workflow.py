"""The routing transitions, one table: state × action → next state, or refused (issue 6, part ROUTING)."""

import pytest
from django.core.exceptions import PermissionDenied

from hotline.models import TicketState, Transfer, TransferKind
from hotline.services.routing import ticket_ask_duty_judge, ticket_transfer, transfer_reply
from tests.hotline.routing_setup import frozen, make_hall

pytestmark = pytest.mark.django_db

S = TicketState
TABLE = [
    # (state the ticket is in, action, next state or None for refused)
    (S.OPEN, "transfer", S.TRANSFERRED),
    (S.REPLIED, "transfer", S.TRANSFERRED),
    (S.TRANSFERRED, "transfer", None),
    (S.WITH_DUTY_JUDGE, "transfer", None),
    (S.CLOSED, "transfer", None),
    (S.OPEN, "ask", S.WITH_DUTY_JUDGE),
    (S.REPLIED, "ask", None),
    (S.TRANSFERRED, "ask", None),
    (S.WITH_DUTY_JUDGE, "ask", None),
    (S.CLOSED, "ask", None),
    (S.TRANSFERRED, "reply", S.REPLIED),
    (S.WITH_DUTY_JUDGE, "reply", S.REPLIED),
]


def ticket_in(hall, state):
    """A ticket brought to `state` through the services, with an open transfer to the judge if it waits."""
    ticket = hall.ticket()
    if state in (S.TRANSFERRED, S.REPLIED):
        transfer = ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="转交")
        if state == S.REPLIED:
            transfer_reply(transfer=transfer, user=hall.judge, reply="答复")
    elif state == S.WITH_DUTY_JUDGE:
        ticket_ask_duty_judge(ticket=ticket, user=hall.agent, question="问题")
    elif state == S.CLOSED:
        ticket.answer_on_the_spot()
        ticket.save()
    ticket.refresh_from_db()
    assert ticket.state == state
    return ticket


@pytest.mark.parametrize(("state", "action", "next_state"), TABLE)
def test_state_table(state, action, next_state):
    hall = make_hall()
    with frozen("2027-03-03"):
        hall.duty_shift("2027-03-03", person=hall.colleague if action == "reply" else None)
        ticket = ticket_in(hall, state)
        run = {
            "transfer": lambda: ticket_transfer(
                ticket=ticket, user=hall.agent, to_department=hall.civil, note="转"
            ),
            "ask": lambda: ticket_ask_duty_judge(ticket=ticket, user=hall.agent, question="问题"),
            "reply": lambda: transfer_reply(
                transfer=Transfer.objects.get(ticket=ticket, replied_at__isnull=True),
                user=hall.colleague if ticket.state == S.WITH_DUTY_JUDGE else hall.judge,
                reply="答复",
            ),
        }[action]
        if next_state is None:
            with pytest.raises(PermissionDenied):
                run()
            ticket.refresh_from_db()
            assert ticket.state == state
        else:
            run()
            ticket.refresh_from_db()
            assert ticket.state == next_state


def test_a_second_transfer_after_a_reply_keeps_the_first_transfer_time_and_restarts_the_reply_clock():
    hall = make_hall()
    with frozen("2027-03-03", "09:00"):
        ticket = ticket_in(hall, S.REPLIED)
    with frozen("2027-03-04", "09:00"):
        second = ticket_transfer(ticket=ticket, user=hall.agent, to_department=hall.civil, note="再转")
    ticket.refresh_from_db()
    assert ticket.state == S.TRANSFERRED and second.kind == TransferKind.TRANSFER
    assert f"{ticket.transferred_at:%Y-%m-%d}" == "2027-03-03"
    assert str(ticket.reply_due_on) == "2027-03-08" and ticket.answer_due_on is None
