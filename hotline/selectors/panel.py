"""The supervisors' hotline panel (督): each figure counted in the database, a fixed number of queries
however many calls and tickets the court has. Every figure is paired with the list page that shows it."""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce

from hotline.models import Call, CallState, Satisfaction, Ticket, TicketKind, TicketState, Transfer

# The clocks of a ticket and the state each runs in (DOMAIN.md §7; the routing part's overdue list reads
# the same conditions): transfer while OPEN, reply while with the receiver, answer once the reply is in.
OVERDUE_CLOCKS = {
    "transfer": ((TicketState.OPEN,), "transfer_due_on"),
    "reply": ((TicketState.TRANSFERRED, TicketState.WITH_DUTY_JUDGE), "reply_due_on"),
    "answer": ((TicketState.REPLIED,), "answer_due_on"),
}
OVERDUE_CLOCK_LABELS = {"transfer": "未转交", "reply": "未答复", "answer": "未回复来电人"}
NO_DEPARTMENT = "（未归属部门）"


@dataclass(frozen=True)
class CallDay:
    on: date
    offered: int
    answered: int
    abandoned: int

    @property
    def answer_rate(self) -> float | None:
        return self.answered / self.offered if self.offered else None

    @property
    def answer_percent(self) -> str:
        """Like "96.3%", rounded down: 100% only when every call was answered (钢城承诺三)."""
        return f"{math.floor(self.answered * 1000 / self.offered) / 10:g}%" if self.offered else ""


@dataclass(frozen=True)
class OverdueRow:
    department_id: int | None
    department: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def cells(self) -> list[tuple[str, int]]:
        """(clock, count) in the panel's column order."""
        return [(clock, self.counts.get(clock, 0)) for clock in OVERDUE_CLOCKS]


@dataclass(frozen=True)
class HotlinePanel:
    today: date
    week: list[CallDay]
    callbacks_waiting: int
    callbacks_overdue: int
    by_state: list[tuple[str, str, int]]
    by_kind: list[tuple[str, str, int]]
    by_satisfaction: list[tuple[str, str, int]]
    overdue: list[OverdueRow]

    @property
    def today_calls(self) -> CallDay:
        return self.week[-1]

    @property
    def week_calls(self) -> CallDay:
        return CallDay(
            on=self.week[0].on,
            offered=sum(day.offered for day in self.week),
            answered=sum(day.answered for day in self.week),
            abandoned=sum(day.abandoned for day in self.week),
        )

    @property
    def overdue_totals(self) -> dict[str, int]:
        return {clock: sum(row.counts.get(clock, 0) for row in self.overdue) for clock in OVERDUE_CLOCKS}


def _counts(queryset, field_name: str) -> dict[str, int]:
    return dict(queryset.values_list(field_name).annotate(n=Count("pk")).order_by())


def hotline_panel(*, court_id: int, today: date) -> HotlinePanel:
    """The panel of `court_id` on `today` (local). Eight queries whatever the data."""
    monday = today - timedelta(days=today.weekday())
    # The week so far, Monday to today, one row per day (a day without calls shows 0).
    per_day = {
        row["offered_on"]: row
        for row in Call.objects.filter(court_id=court_id, offered_on__gte=monday, offered_on__lte=today)
        .values("offered_on")
        .annotate(
            offered=Count("pk"),
            answered=Count("pk", filter=Q(state=CallState.ANSWERED)),
            abandoned=Count("pk", filter=Q(state=CallState.ABANDONED)),
        )
        .order_by()
    }
    week = []
    for offset in range((today - monday).days + 1):
        on = monday + timedelta(days=offset)
        row = per_day.get(on, {})
        week.append(CallDay(on, row.get("offered", 0), row.get("answered", 0), row.get("abandoned", 0)))

    # 钢城承诺三: a missed call is called back; due the same working day (callback_due_on).
    callbacks = Call.objects.filter(
        court_id=court_id, state=CallState.ABANDONED, called_back_at__isnull=True
    ).aggregate(waiting=Count("pk"), overdue=Count("pk", filter=Q(callback_due_on__lt=today)))

    tickets = Ticket.objects.filter(court_id=court_id)
    states = _counts(tickets, "state")
    kinds = _counts(tickets, "kind")
    satisfaction = _counts(tickets.exclude(satisfaction=""), "satisfaction")

    overdue: dict[int | None, OverdueRow] = {}

    def add(department_id, name, clock, n):
        row = overdue.setdefault(department_id, OverdueRow(department_id, name or NO_DEPARTMENT))
        row.counts[clock] = row.counts.get(clock, 0) + n

    # A transfer or an answer is late with the first-responsible person, so at their department.
    for clock in ("transfer", "answer"):
        states_of, due_field = OVERDUE_CLOCKS[clock]
        late = (
            tickets.filter(state__in=states_of, **{f"{due_field}__lt": today})
            .values_list("first_responsible__department_id", "first_responsible__department__name")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for department_id, name, n in late:
            add(department_id, name, clock, n)
    # A reply is late at the department its open transfer went to, or the department of the judge it went to.
    states_of, due_field = OVERDUE_CLOCKS["reply"]
    late_replies = (
        Transfer.objects.filter(
            ticket__court_id=court_id,
            ticket__state__in=states_of,
            replied_at__isnull=True,
            **{f"ticket__{due_field}__lt": today},
        )
        .annotate(
            department_id=Coalesce(F("to_department_id"), F("to_user__department_id")),
            department_name=Coalesce(F("to_department__name"), F("to_user__department__name")),
        )
        .values_list("department_id", "department_name")
        .annotate(n=Count("ticket_id", distinct=True))
        .order_by()
    )
    for department_id, name, n in late_replies:
        add(department_id, name, "reply", n)

    return HotlinePanel(
        today=today,
        week=week,
        callbacks_waiting=callbacks["waiting"],
        callbacks_overdue=callbacks["overdue"],
        by_state=[(value, label, states.get(value, 0)) for value, label in TicketState.choices],
        by_kind=[(value, label, kinds.get(value, 0)) for value, label in TicketKind.choices],
        by_satisfaction=[(value, label, satisfaction.get(value, 0)) for value, label in Satisfaction.choices],
        overdue=sorted(overdue.values(), key=lambda row: (row.department_id is None, row.department)),
    )
