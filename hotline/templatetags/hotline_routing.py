"""{% load hotline_routing %}: what templates/hotline/tickets/_routing.html needs about a ticket's routing,
for the user looking at it: its transfers and the decisions behind the buttons (hotline.permissions)."""

from django import template
from django.utils import timezone

from hotline.permissions import can_ask_duty_judge, can_reply_transfer, can_transfer_ticket
from hotline.selectors.routing import ticket_transfer_list

register = template.Library()


@register.simple_tag(takes_context=True)
def ticket_routing(context, ticket) -> dict:
    """{% ticket_routing ticket as routing %}: routing.transfers (each with .may_reply), routing.may_transfer,
    routing.may_ask (Decisions: a button shows when allowed; the reason is its title when not)."""
    user = context["request"].user
    transfers = list(ticket_transfer_list(ticket=ticket))
    for transfer in transfers:
        transfer.ticket = ticket
        transfer.may_reply = can_reply_transfer(transfer, user)
    return {
        "transfers": transfers,
        "may_transfer": can_transfer_ticket(ticket, user),
        "may_ask": can_ask_duty_judge(ticket, user),
        "today": timezone.localdate(),
    }
