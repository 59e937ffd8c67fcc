"""The supervisors' hotline week page (督, hotline:panel): today and the week so far, the open tickets, the
overdue ones by department — each figure counted in the database, a fixed number of queries however many
calls and tickets the court has, each over a bounded set. Every figure is paired with the list that shows it.
The figures themselves are in hotline.selectors.figures, shared with the panel over a chosen period."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce

from courthall.supervision import Period, PeriodChoice
from hotline.models import Call, CallState, Satisfaction, Ticket, TicketKind, TicketState, Transfer
from hotline.selectors.figures import (
    CLOSED_TICKETS,
    OPEN_STATES,
    OVERDUE_CLOCKS,
    TICKETS,
    callback_overdue_condition,
    callbacks_waiting,
    floor_percent,
    list_url,
    overdue_condition,
    source_counts,
)

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
        return floor_percent(self.answered, self.offered)


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
    by_state: list[tuple[str, str, int]]  # the open tickets now, by state (value, label, count)
    closed_this_week: tuple[int, str]  # (count, list URL): closed ones are history, the week's only
    by_kind: list[tuple[str, str, int, str]]  # the week's tickets (taken Monday to today), with list URLs
    by_satisfaction: list[tuple[str, str, int, str]]  # the week's tickets' follow-up results
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


def hotline_panel(*, court_id: int, today: date) -> HotlinePanel:
    """The panel of `court_id` on `today` (local). Eight queries whatever the data, each over a bounded set:
    the week's calls and tickets, the open records, the week's closings (never the court's whole history)."""
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
    callbacks = callbacks_waiting(court_id).aggregate(
        waiting=Count("pk"), overdue=Count("pk", filter=callback_overdue_condition(today))
    )

    # The open tickets by state (index (court, state, opened_at)); the week's tickets by kind and
    # satisfaction and the week's closings: the overview's figures over Monday to today, so each number
    # opens the same rows in hotline:overview_list.
    tickets = Ticket.objects.filter(court_id=court_id)
    states = dict(
        tickets.filter(state__in=OPEN_STATES).values_list("state").annotate(n=Count("pk")).order_by()
    )
    week_choice = PeriodChoice(Period(monday, today), "none", "day")
    week_keys = tuple(f"tickets.{value}" for value in TicketKind.values) + tuple(
        f"satisfaction.{value}" for value in Satisfaction.values
    )
    week_tickets = source_counts(
        TICKETS, court_id=court_id, period=week_choice.period, today=today, keys=week_keys
    )
    closed = source_counts(CLOSED_TICKETS, court_id=court_id, period=week_choice.period, today=today)

    def week_figure(key: str, value: str, label: str) -> tuple[str, str, int, str]:
        return value, label, week_tickets[key], list_url(key, week_choice)

    overdue: dict[int | None, OverdueRow] = {}

    def add(department_id, name, clock, n):
        row = overdue.setdefault(department_id, OverdueRow(department_id, name or NO_DEPARTMENT))
        row.counts[clock] = row.counts.get(clock, 0) + n

    # A transfer or an answer is late with the first-responsible person, so at their department.
    for clock in ("transfer", "answer"):
        late = (
            tickets.filter(overdue_condition(clock, today))
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
        by_state=[
            (value, label, states.get(value, 0))
            for value, label in TicketState.choices
            if value in OPEN_STATES
        ],
        closed_this_week=(closed["tickets.closed"], list_url("tickets.closed", week_choice)),
        by_kind=[week_figure(f"tickets.{value}", value, label) for value, label in TicketKind.choices],
        by_satisfaction=[
            week_figure(f"satisfaction.{value}", value, label) for value, label in Satisfaction.choices
        ],
        overdue=sorted(overdue.values(), key=lambda row: (row.department_id is None, row.department)),
    )
