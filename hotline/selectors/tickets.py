from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from hotline.models import Ticket

# The line's staff see every ticket of their court; a judge or department a ticket was transferred to sees
# that ticket. Anyone else gets the same 404 as for a ticket that does not exist.
_LINE_PERMISSIONS = ("courthall.answer_hotline", "courthall.answer_duty_questions", "courthall.supervise")


def ticket_visible_to(user) -> QuerySet[Ticket]:
    """The tickets `user` may open. Staff only; a portal user sees none."""
    if not user.is_authenticated or user.court_id is None:
        return Ticket.objects.none()
    tickets = Ticket.objects.filter(court_id=user.court_id)
    if any(user.has_perm(permission) for permission in _LINE_PERMISSIONS):
        return tickets
    receiver = Q(transfers__to_user=user)
    if user.department_id is not None:
        receiver |= Q(transfers__to_department_id=user.department_id)
    return tickets.filter(pk__in=Ticket.objects.filter(receiver).values("pk"))


def ticket_get_for_user(*, pk: int, user) -> Ticket:
    """The ticket, or 404 when it does not exist or `user` may not see it."""
    return get_object_or_404(
        ticket_visible_to(user).select_related("court", "first_responsible", "opened_by"), pk=pk
    )
