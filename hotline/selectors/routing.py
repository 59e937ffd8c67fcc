"""Reads for routing (issue 6, part ROUTING): the duty judge of the day, the receivers' inbox, the duty
judge's queue, the overdue list. Each is scoped to the user's court; a transfer of a ticket the user may
not see is a 404 (hotline.selectors.tickets.ticket_visible_to)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import Permission
from django.db.models import Case, DateField, Exists, F, OuterRef, Prefetch, Q, QuerySet, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from courthall.deadlines import working_days_late
from courthall.models import Department, User
from hotline.models import LineShift, ShiftDuty, Ticket, TicketState, Transfer, TransferKind
from hotline.selectors.tickets import ticket_visible_to

# Which state each clock runs in, and the stored due date it reads (DESIGN decision 4).
CLOCKS = {
    "transfer": ((TicketState.OPEN,), "transfer_due_on"),
    "reply": ((TicketState.TRANSFERRED, TicketState.WITH_DUTY_JUDGE), "reply_due_on"),
    "answer": ((TicketState.REPLIED,), "answer_due_on"),
}
CLOCK_LABELS = {"transfer": "转交", "reply": "答复", "answer": "回复来电人"}
CLOCK_OF_STATE = {state: clock for clock, (states, _) in CLOCKS.items() for state in states}
RECENTLY_REPLIED = 10


# --- The duty judge ---------------------------------------------------------------------------------------


def duty_roster_on(*, court_id: int, on: date) -> QuerySet[LineShift]:
    """The duty judges' shifts of `on`, in the order of the day."""
    return (
        LineShift.objects.filter(court_id=court_id, duty=ShiftDuty.DUTY_JUDGE, on=on)
        .select_related("person", "person__department")
        .order_by("starts_at", "pk")
    )


def duty_judge_at(*, court_id: int, at: datetime) -> User | None:
    """The duty judge of the moment `at`: the one whose shift covers it, else the first one of that day
    (a question asked before or after the shifts still goes to that day's judge); None when nobody is on
    duty that day."""
    local = timezone.localtime(at)
    shifts = [shift for shift in duty_roster_on(court_id=court_id, on=local.date()) if shift.person.is_active]
    covering = [shift for shift in shifts if shift.starts_at <= local.time() < shift.ends_at]
    chosen = (covering or shifts or [None])[0]
    return chosen.person if chosen else None


def duty_question_list_for(*, user: User) -> QuerySet[Transfer]:
    """Questions put to `user` as duty judge and not answered yet, the oldest first."""
    return (
        Transfer.objects.filter(
            kind=TransferKind.DUTY_JUDGE,
            to_user=user,
            replied_at__isnull=True,
            ticket__court_id=user.court_id,
        )
        .select_related("ticket", "by")
        .order_by("at", "pk")
    )


# --- The receivers' inbox ---------------------------------------------------------------------------------


def _to_user_or_department(user: User) -> Q:
    receiver = Q(to_user=user)
    if user.department_id is not None:
        receiver |= Q(to_department_id=user.department_id)
    return receiver


def inbox_open_for(*, user: User) -> QuerySet[Transfer]:
    """Transfers to `user` or their department awaiting a reply: the earliest due first."""
    return (
        Transfer.objects.filter(_to_user_or_department(user), ticket__court_id=user.court_id)
        .filter(kind=TransferKind.TRANSFER, replied_at__isnull=True)
        .select_related("ticket", "ticket__first_responsible", "by", "to_user", "to_department")
        .order_by("reply_due_on", "at", "pk")
    )


def inbox_replied_for(*, user: User) -> QuerySet[Transfer]:
    """The latest transfers to `user` or their department that were replied to."""
    return (
        Transfer.objects.filter(_to_user_or_department(user), ticket__court_id=user.court_id)
        .filter(kind=TransferKind.TRANSFER, replied_at__isnull=False)
        .select_related("ticket", "replied_by", "to_user", "to_department")
        .order_by("-replied_at", "-pk")[:RECENTLY_REPLIED]
    )


def transfer_get_for_user(*, pk: int, user: User) -> Transfer:
    """The transfer, or 404 when its ticket does not exist for `user` (hotline.selectors.tickets)."""
    return get_object_or_404(
        Transfer.objects.filter(ticket__in=ticket_visible_to(user)).select_related(
            "ticket",
            "ticket__court",
            "ticket__first_responsible",
            "by",
            "to_user",
            "to_department",
            "receipt",
        ),
        pk=pk,
    )


def ticket_transfer_list(*, ticket: Ticket) -> QuerySet[Transfer]:
    """A ticket's transfers and duty questions, in the order they were made."""
    return ticket.transfers.select_related("by", "to_user", "to_department", "replied_by").order_by(
        "at", "pk"
    )


def transfer_judges(*, court_id: int) -> QuerySet[User]:
    """Whom a ticket may be transferred to in person: the active judges (courthall.handle_cases) of the
    court, by department."""
    permission = Permission.objects.filter(codename="handle_cases", content_type__app_label="courthall")
    return (
        User.objects.filter(court_id=court_id, is_active=True)
        .filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .select_related("department")
        .distinct()
        .order_by("department__name", "full_name", "username")
    )


def transfer_departments(*, court_id: int) -> QuerySet[Department]:
    return Department.objects.filter(court_id=court_id).order_by("kind", "name")


# --- The overdue list (督) --------------------------------------------------------------------------------


def _clock_condition(clock: str, comparison: str, today: date) -> Q:
    states, field = CLOCKS[clock]
    return Q(state__in=states, **{f"{field}__{comparison}": today})


def _clocks_query(*, user: User, today: date, comparison: str, clock: str | None, department_id: int | None):
    clocks = [clock] if clock else list(CLOCKS)
    condition = Q()
    for name in clocks:
        part = _clock_condition(name, comparison, today)
        if department_id is not None:
            part &= _department_condition(name, department_id)
        condition |= part
    due_on = Case(
        *(When(state__in=CLOCKS[name][0], then=F(CLOCKS[name][1])) for name in CLOCKS),
        output_field=DateField(),
    )
    open_transfers = Transfer.objects.filter(replied_at__isnull=True).select_related(
        "to_user", "to_user__department", "to_department"
    )
    return (
        Ticket.objects.filter(court_id=user.court_id)
        .filter(condition)
        .annotate(due_on=due_on)
        .select_related("first_responsible", "first_responsible__department")
        .prefetch_related(
            Prefetch("transfers", queryset=open_transfers.order_by("-at", "-pk"), to_attr="open_transfers"),
            Prefetch(
                "transfers",
                queryset=Transfer.objects.filter(replied_at__isnull=False)
                .select_related("to_user", "to_user__department", "to_department")
                .order_by("-replied_at", "-pk"),
                to_attr="replied_transfers",
            ),
        )
        .order_by("due_on", "opened_at", "pk")
    )


def _department_condition(clock: str, department_id: int) -> Q:
    """A reply is late at the department the open transfer went to (or its judge's department); a transfer
    or an answer is late with the first-responsible person, so at their department."""
    if clock == "reply":
        late_there = Transfer.objects.filter(ticket=OuterRef("pk"), replied_at__isnull=True).filter(
            Q(to_department_id=department_id) | Q(to_user__department_id=department_id)
        )
        return Q(Exists(late_there))
    return Q(first_responsible__department_id=department_id)


def overdue_ticket_list(
    *, user: User, today: date, clock: str | None = None, department_id: int | None = None
) -> QuerySet[Ticket]:
    """Tickets of `user`'s court with a clock past its due day, the longest late first; each annotated
    with `due_on` (the late clock's date). `clock` is one of CLOCKS or None for all three."""
    return _clocks_query(user=user, today=today, comparison="lt", clock=clock, department_id=department_id)


def due_today_ticket_list(
    *, user: User, today: date, clock: str | None = None, department_id: int | None = None
) -> QuerySet[Ticket]:
    """Tickets with a clock that ends today (the reminder)."""
    return _clocks_query(user=user, today=today, comparison="exact", clock=clock, department_id=department_id)


@dataclass(frozen=True)
class ClockRow:
    ticket: Ticket
    clock: str
    due_on: date
    working_days_late: int
    receiver: str  # the judge or department the reply is awaited from / came from; "" before a transfer

    @property
    def clock_label(self) -> str:
        return CLOCK_LABELS[self.clock]


def clock_rows(tickets, *, today: date) -> list[ClockRow]:
    """The rows of one page of overdue_ticket_list / due_today_ticket_list, with their working days late
    (courthall.deadlines, one read of the holiday table for the page)."""
    tickets = list(tickets)
    late = working_days_late((ticket.due_on for ticket in tickets), today)
    rows = []
    for ticket in tickets:
        transfer = (ticket.open_transfers or ticket.replied_transfers or [None])[0]
        rows.append(
            ClockRow(
                ticket=ticket,
                clock=CLOCK_OF_STATE[ticket.state],
                due_on=ticket.due_on,
                working_days_late=late[ticket.due_on],
                receiver=_receiver_label(transfer) if transfer else "",
            )
        )
    return rows


def _receiver_label(transfer: Transfer) -> str:
    if transfer.to_user_id is not None:
        department = transfer.to_user.department
        return f"{transfer.to_user} · {department.name}" if department else str(transfer.to_user)
    return transfer.to_department.name
