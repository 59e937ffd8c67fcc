"""The hotline's figures (issue 7): each a condition on the rows of a source, counted in the database, each
opening the list behind it (hotline:overview_list). The panel over a chosen period
(hotline.selectors.overview) and the week's page (hotline.selectors.panel) count them.

A figure is a condition on the rows of a source. A panel counts a source once per period, one
Count(filter=condition) per figure; the list behind a figure is the same source's rows filtered by the
same condition (figure_rows). So a number and its list are always the same rows."""

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet
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


def floor_percent(part: int, whole: int) -> str:
    """`part` of `whole` as "96.3%", rounded down, so 100% means all of them; "" when `whole` is 0."""
    return f"{math.floor(part * 1000 / whole) / 10:g}%" if whole else ""


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
# Index ticket_closed_at (court, closed_at) of the closed tickets: those closed in the period. The week's
# page shows it (the closed ones by state would be the whole history); the overview does not count it.
CLOSED_TICKETS = Source(
    "tickets",
    "办结时间在所选期间内的工单",
    lambda court_id, period: Ticket.objects.filter(
        within("closed_at", period), court_id=court_id, state=TicketState.CLOSED
    ),
    ("-closed_at", "-pk"),
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
        Figure("tickets.closed", "办结工单", CLOSED_TICKETS, _everything),
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
