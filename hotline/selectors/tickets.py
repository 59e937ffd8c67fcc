from datetime import date

from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hotline.models import Call, Callback, CallState, CaseQuery, Ticket, TicketEvent, TicketState

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
    # A clerk who opened a ticket from a counter visit follows it as its first-responsible person.
    receiver = Q(transfers__to_user=user) | Q(first_responsible=user)
    if user.department_id is not None:
        receiver |= Q(transfers__to_department_id=user.department_id)
    return tickets.filter(pk__in=Ticket.objects.filter(receiver).values("pk"))


def ticket_get_for_user(*, pk: int, user) -> Ticket:
    """The ticket, or 404 when it does not exist or `user` may not see it."""
    return get_object_or_404(
        ticket_visible_to(user).select_related("court", "first_responsible", "opened_by"), pk=pk
    )


# === tickets at the line (part "tickets") ==============================================================

# The date a ticket's current clock runs out: the caller's answer once the reply is in, the receiver's
# reply while it is away, the same-day transfer while it is open (DOMAIN.md §7).
_DUE_ON = Case(
    When(state=TicketState.REPLIED, then=F("answer_due_on")),
    When(state__in=[TicketState.TRANSFERRED, TicketState.WITH_DUTY_JUDGE], then=F("reply_due_on")),
    When(state=TicketState.OPEN, then=F("transfer_due_on")),
)
_LIST_RELATED = ("first_responsible",)


# The workbench shows the most urgent of the agent's open tickets; all of them are on the paginated list
# (hotline:ticket_list?mine=1). Rendering a long queue on the page an agent reloads all day costs more
# than it helps (bench/RESULTS.md, hotline).
QUEUE_ROWS = 30


def ticket_open_count_for_agent(*, user) -> int:
    return (
        Ticket.objects.filter(court_id=user.court_id, first_responsible=user)
        .exclude(state=TicketState.CLOSED)
        .count()
    )


def ticket_queue_for_agent(*, user) -> list[Ticket]:
    """The agent's QUEUE_ROWS most urgent open tickets: replies to give back (answer_due_on), then the
    transfer clock, then the oldest. Each carries `due_on` (the current clock) for the template."""
    return list(
        Ticket.objects.filter(court_id=user.court_id, first_responsible=user)
        .exclude(state=TicketState.CLOSED)
        .annotate(
            due_on=_DUE_ON,
            replied_first=Case(
                When(state=TicketState.REPLIED, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
        )
        .order_by(
            "replied_first",
            F("answer_due_on").asc(nulls_last=True),
            F("transfer_due_on").asc(nulls_last=True),
            "opened_at",
            "pk",
        )[:QUEUE_ROWS]
    )


def ticket_unassigned_portal_messages(*, user) -> list[Ticket]:
    """Portal messages to the user's court that no agent has taken yet, oldest first."""
    return list(
        Ticket.objects.filter(court_id=user.court_id, first_responsible__isnull=True, state=TicketState.OPEN)
        .annotate(due_on=_DUE_ON)
        .order_by("opened_at", "pk")[:50]
    )


def call_current_for_agent(*, user) -> Call | None:
    """The call the agent is on now (the telephony endpoint sets TALKING with the agent)."""
    return (
        Call.objects.filter(court_id=user.court_id, agent=user, state=CallState.TALKING)
        .order_by("-answered_at", "-pk")
        .first()
    )


def ticket_list_for_user(
    *, user, state: str = "", kind: str = "", satisfaction: str = "", mine: bool = False
) -> QuerySet[Ticket]:
    """The tickets of the user's court, newest first, filtered by exact values."""
    tickets = ticket_visible_to(user).annotate(due_on=_DUE_ON).select_related(*_LIST_RELATED)
    if state:
        tickets = tickets.filter(state=state)
    if kind:
        tickets = tickets.filter(kind=kind)
    if satisfaction:
        tickets = tickets.filter(satisfaction=satisfaction)
    if mine:
        tickets = tickets.filter(first_responsible=user)
    return tickets.order_by("-opened_at", "-pk")


def ticket_get_for_page(*, pk: int, user) -> Ticket:
    """The ticket with everything its page shows, or 404 (ticket_get_for_user)."""
    return get_object_or_404(
        ticket_visible_to(user)
        .annotate(due_on=_DUE_ON)
        .select_related(
            "court",
            "first_responsible",
            "opened_by",
            "answered_by",
            "knowledge_answer",
            "call",
            "visit",
            "filing__case_type",
            "filing__cause",
            "filing__judge",
            "filing__department",
        )
        .prefetch_related(
            Prefetch("events", queryset=TicketEvent.objects.select_related("actor")),
            Prefetch("calls", queryset=Call.objects.select_related("agent").order_by("offered_at")),
            Prefetch("callbacks", queryset=Callback.objects.select_related("by")),
            Prefetch("case_queries", queryset=CaseQuery.objects.select_related("by", "filing")),
        ),
        pk=pk,
    )


def ticket_is_overdue(ticket: Ticket, today: date | None = None) -> bool:
    due_on = getattr(ticket, "due_on", None)
    return due_on is not None and due_on < (today or timezone.localdate())


# === end tickets =======================================================================================
