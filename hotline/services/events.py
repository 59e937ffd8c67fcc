from hotline.models import Ticket, TicketEvent


def ticket_event(
    *, ticket: Ticket, actor, action: str, summary: str = "", data: dict | None = None
) -> TicketEvent:
    """Append to the ticket's timeline. Call inside the service's transaction, after the ticket is saved."""
    return TicketEvent.objects.create(
        ticket=ticket, actor=actor, action=action, summary=summary, data=data or {}
    )
