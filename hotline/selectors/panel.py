"""The supervisors' hotline panel (督): each figure counted in the database, a fixed number of queries
however many calls and tickets the court has. Every figure is paired with the list page that shows it.

Two panels read these: the week's page (hotline_panel, hotline:panel) and the panel over a chosen period on
the supervisors' overview (issue 7; its figures below, the panel in hotline.selectors.overview)."""

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse

from courthall.supervision import Period, PeriodChoice, within
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
        return floor_percent(self.answered, self.offered)


def floor_percent(part: int, whole: int) -> str:
    """`part` of `whole` as "96.3%", rounded down, so 100% means all of them; "" when `whole` is 0."""
    return f"{math.floor(part * 1000 / whole) / 10:g}%" if whole else ""


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


def overdue_condition(clock: str, today: date) -> Q:
    """A ticket whose `clock` runs (its state) and whose stored due day is before `today` (DESIGN
    decision 4)."""
    states_of, due_field = OVERDUE_CLOCKS[clock]
    return Q(state__in=states_of, **{f"{due_field}__lt": today})


def callbacks_waiting(court_id: int) -> QuerySet[Call]:
    """Missed calls not called back yet: the callback list (partial index call_callback_list)."""
    return Call.objects.filter(court_id=court_id, state=CallState.ABANDONED, called_back_at__isnull=True)


def callback_overdue_condition(today: date) -> Q:
    """钢城承诺三: a missed call is called back by its stored callback_due_on (the same working day)."""
    return Q(callback_due_on__lt=today)


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
    callbacks = callbacks_waiting(court_id).aggregate(
        waiting=Count("pk"), overdue=Count("pk", filter=callback_overdue_condition(today))
    )

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
        by_state=[(value, label, states.get(value, 0)) for value, label in TicketState.choices],
        by_kind=[(value, label, kinds.get(value, 0)) for value, label in TicketKind.choices],
        by_satisfaction=[(value, label, satisfaction.get(value, 0)) for value, label in Satisfaction.choices],
        overdue=sorted(overdue.values(), key=lambda row: (row.department_id is None, row.department)),
    )


# === The overview panel (issue 7): the line over a chosen period, each figure opening the list behind it ===
#
# A figure is a condition on the rows of a source. The panel counts a source once per period, one
# Count(filter=condition) per figure; the list behind a figure is the same source's rows filtered by the
# same condition (figure_rows). So a number and its list are always the same rows.


@dataclass(frozen=True)
class Source:
    """The rows a group of figures counts: over a period, bounded by an indexed date column; or, `now`, the
    records still open (a snapshot, with no comparison period)."""

    key: str  # which columns its list shows: "calls", "tickets" or "transfers"
    scope: str  # which rows, as the list's heading says it
    rows: Callable[[int, Period], QuerySet]
    order: tuple[str, ...]
    now: bool = False


# Index (court, offered_on).
CALLS = Source(
    "calls",
    "来电日期在所选期间内",
    lambda court_id, period: Call.objects.filter(
        court_id=court_id, offered_on__range=(period.start_on, period.end_on)
    ),
    ("-offered_at", "-pk"),
)
# Partial index call_callback_list.
CALLBACKS_NOW = Source(
    "calls",
    "截至今天仍未回拨的未接来电，不随所选期间变化",
    lambda court_id, period: callbacks_waiting(court_id),
    ("callback_due_on", "offered_at", "pk"),
    True,
)
# Index (court, opened_on): the tickets taken in the period; their transfer clock started when taken.
TICKETS = Source(
    "tickets",
    "受理日期在所选期间内的工单",
    lambda court_id, period: Ticket.objects.filter(
        court_id=court_id, opened_on__range=(period.start_on, period.end_on)
    ),
    ("-opened_at", "-pk"),
)
# Index transfer_sent_at: the transfers sent in the period, each of which started a reply clock.
TRANSFERS = Source(
    "transfers",
    "转交时间在所选期间内的转办和值班法官提请",
    lambda court_id, period: Transfer.objects.filter(within("at", period), ticket__court_id=court_id),
    ("at", "pk"),
)
OPEN_STATES = tuple(state for state in TicketState.values if state != TicketState.CLOSED)
# Index (court, state, opened_at): the open tickets only.
OPEN_TICKETS = Source(
    "tickets",
    "截至今天仍未办结的工单，不随所选期间变化",
    lambda court_id, period: Ticket.objects.filter(court_id=court_id, state__in=OPEN_STATES),
    ("opened_at", "pk"),
    True,
)


@dataclass(frozen=True)
class Figure:
    key: str  # stable, in URLs: "transfer.same_day"
    label: str
    source: Source
    condition: Callable[[date], Q]  # today -> the condition on the source's rows
    better: str = ""  # "up" when more is better, "down" when fewer is; "" for neither


def _everything(today: date) -> Q:
    return Q()


# Seed 002 (钢城承诺三): contact, complaint and suggestion items are transferred the same working day. The
# ticket's stored transfer_due_on is that day (hotline.clocks, computed when taken); the service marks a
# first transfer after it as late (hotline.services.routing.ticket_transfer) — the same comparison here.
def _transferred_same_day(today: date) -> Q:
    return Q(transfer_due_on__isnull=False, transferred_at__date__lte=F("transfer_due_on"))


def _transferred_late(today: date) -> Q:
    return Q(transfer_due_on__isnull=False) & (
        Q(transferred_at__date__gt=F("transfer_due_on"))
        | Q(state=TicketState.OPEN, transfer_due_on__lt=today)  # still not transferred, its day gone
    )


# The receiver's reply by the transfer's stored reply_due_on (DOMAIN.md §7: 2 working days by default).
def _replied_in_time(today: date) -> Q:
    return Q(replied_at__date__lte=F("reply_due_on"))


def _replied_late(today: date) -> Q:
    return Q(replied_at__date__gt=F("reply_due_on")) | Q(
        replied_at__isnull=True,
        reply_due_on__lt=today,
        ticket__state__in=OVERDUE_CLOCKS["reply"][0],
    )


SATISFACTION_BETTER = {Satisfaction.SATISFIED: "up", Satisfaction.DISSATISFIED: "down"}

FIGURES: dict[str, Figure] = {
    figure.key: figure
    for figure in (
        Figure("calls.offered", "来电", CALLS, _everything),
        Figure("calls.answered", "已接听", CALLS, lambda today: Q(state=CallState.ANSWERED), "up"),
        Figure("calls.abandoned", "未接通", CALLS, lambda today: Q(state=CallState.ABANDONED), "down"),
        Figure(
            "calls.called_back",
            "未接来电已回拨",
            CALLS,
            lambda today: Q(state=CallState.ABANDONED, called_back_at__isnull=False),
            "up",
        ),
        Figure(
            "callbacks.overdue", "超过回拨期限仍未回拨", CALLBACKS_NOW, callback_overdue_condition, "down"
        ),
        Figure("tickets.received", "收到工单", TICKETS, _everything),
        *(
            Figure(f"tickets.{value}", label, TICKETS, lambda today, value=value: Q(kind=value))
            for value, label in TicketKind.choices
        ),
        Figure("transfer.same_day", "当日转交", TICKETS, _transferred_same_day, "up"),
        Figure("transfer.late", "逾期转交或超期未转", TICKETS, _transferred_late, "down"),
        Figure("reply.in_time", "期限内答复", TRANSFERS, _replied_in_time, "up"),
        Figure("reply.late", "超期答复或超期未答复", TRANSFERS, _replied_late, "down"),
        *(
            Figure(
                f"satisfaction.{value}",
                label,
                TICKETS,
                lambda today, value=value: Q(satisfaction=value),
                SATISFACTION_BETTER.get(value, ""),
            )
            for value, label in Satisfaction.choices
        ),
        *(
            Figure(
                f"overdue.{clock}",
                label,
                OPEN_TICKETS,
                lambda today, clock=clock: overdue_condition(clock, today),
                "down",
            )
            for clock, label in OVERDUE_CLOCK_LABELS.items()
        ),
    )
}


def figure_rows(figure: Figure, *, court_id: int, period: Period, today: date) -> QuerySet:
    """The rows behind `figure`, in its list's order: what its list pages through and its export streams."""
    source = figure.source
    return source.rows(court_id, period).filter(figure.condition(today)).order_by(*source.order)


def source_counts(
    source: Source, *, court_id: int, period: Period, today: date, keys: tuple[str, ...] = ()
) -> dict[str, int]:
    """The figures of `source` (or only `keys`) over `period`, in one query: for each, the count of the
    rows figure_rows lists."""
    figures = [f for f in FIGURES.values() if f.source is source and (not keys or f.key in keys)]
    counts = source.rows(court_id, period).aggregate(
        **{f"n{index}": Count("pk", filter=f.condition(today)) for index, f in enumerate(figures)}
    )
    return {f.key: counts[f"n{index}"] for index, f in enumerate(figures)}


def calls_by_day(*, court_id: int, period: Period, today: date) -> dict[str, dict[date, int]]:
    """The call figures day by day (one query): the chart draws them, their sums are the panel's numbers."""
    figures = [f for f in FIGURES.values() if f.source is CALLS]
    rows = (
        CALLS.rows(court_id, period)
        .values("offered_on")
        .annotate(**{f"n{index}": Count("pk", filter=f.condition(today)) for index, f in enumerate(figures)})
        .order_by()
    )
    by_day: dict[str, dict[date, int]] = {f.key: {} for f in figures}
    for row in rows:
        for index, f in enumerate(figures):
            by_day[f.key][row["offered_on"]] = row[f"n{index}"]
    return by_day


def list_url(key: str, choice: PeriodChoice) -> str:
    """The list behind a figure over the chosen period: what the panel's number links to."""
    return f"{reverse('hotline:overview_list')}?{choice.query(figure=key)}"
