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
    # The field that puts each row on one day (rows() over a period are exactly the rows whose day is in
    # it), for the maintained counts (hotline.selectors.counted); a DateTimeField is read as a local date.
    day: str = ""
    day_is_datetime: bool = False


# Index (court, offered_on).
CALLS = Source(
    "calls",
    "来电日期在所选期间内",
    lambda court_id, period: Call.objects.filter(
        court_id=court_id, offered_on__range=(period.start_on, period.end_on)
    ),
    ("-offered_at", "-pk"),
    day="offered_on",
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
    day="opened_on",
)
# Index transfer_sent_at: the transfers sent in the period, each of which started a reply clock.
TRANSFERS = Source(
    "transfers",
    "转交时间在所选期间内的转办和值班法官提请",
    lambda court_id, period: Transfer.objects.filter(within("at", period), ticket__court_id=court_id),
    ("at", "pk"),
    day="at",
    day_is_datetime=True,
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
    # A maintained aggregate (courthall.daily_counts, hotline.selectors.counted): how many days after its
    # row's day (Source.day) no row joins or leaves the figure any more. None: counted live.
    settles_after: int | None = None


# The settle horizons (issue 7: "maintained aggregates"). What can still change a past day's count:
# - a call's state is final once the call has ended; a call offered just before midnight may still ring
#   or be talked after it, so a day settles the day after next (1).
CALL_SETTLES = 1
# - a ticket is taken (opened_on, kind) once and for all; the same margin as the calls.
TICKET_SETTLES = 1
# - whether a ticket was transferred by its transfer day (the same working day, hotline.clocks) is known
#   once that day has passed; the longest run of non-working days (the Spring Festival or National Day
#   holiday, 8 days) puts it at most ~9 days after the day taken: 10.
TRANSFER_SETTLES = 10
# - a reply is in time or late once its reply_due_on has passed: the reply limit (2 working days by
#   default, settable up to 5) plus a holiday week: 15.
REPLY_SETTLES = 15
# - the caller's satisfaction is recorded at the follow-up after the ticket is closed, which in practice
#   follows the reply and the answer within the same fortnight: 15.
SATISFACTION_SETTLES = 15
# A ticket still open far past these horizons and then closed without a transfer or reply, or a follow-up
# recorded later, is not seen by a stored day: `manage.py daily_counts --forget` counts them again.


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
        Figure("calls.offered", "来电", CALLS, _everything, settles_after=CALL_SETTLES),
        Figure(
            "calls.answered", "已接听", CALLS, lambda today: Q(state=CallState.ANSWERED), "up", CALL_SETTLES
        ),
        Figure(
            "calls.abandoned",
            "未接通",
            CALLS,
            lambda today: Q(state=CallState.ABANDONED),
            "down",
            CALL_SETTLES,
        ),
        # A callback may come any day after the call: counted as the missed calls less those still waiting
        # (the callback list, partial index call_callback_list) — hotline.selectors.counted.
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
        Figure("tickets.received", "收到工单", TICKETS, _everything, settles_after=TICKET_SETTLES),
        Figure("tickets.closed", "办结工单", CLOSED_TICKETS, _everything),
        *(
            Figure(
                f"tickets.{value}",
                label,
                TICKETS,
                lambda today, value=value: Q(kind=value),
                settles_after=TICKET_SETTLES,
            )
            for value, label in TicketKind.choices
        ),
        Figure("transfer.same_day", "当日转交", TICKETS, _transferred_same_day, "up", TRANSFER_SETTLES),
        Figure("transfer.late", "逾期转交或超期未转", TICKETS, _transferred_late, "down", TRANSFER_SETTLES),
        Figure("reply.in_time", "期限内答复", TRANSFERS, _replied_in_time, "up", REPLY_SETTLES),
        Figure("reply.late", "超期答复或超期未答复", TRANSFERS, _replied_late, "down", REPLY_SETTLES),
        *(
            Figure(
                f"satisfaction.{value}",
                label,
                TICKETS,
                lambda today, value=value: Q(satisfaction=value),
                SATISFACTION_BETTER.get(value, ""),
                SATISFACTION_SETTLES,
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


def list_url(key: str, choice: PeriodChoice) -> str:
    """The list behind a figure over the chosen period: what the panel's number links to."""
    return f"{reverse('hotline:overview_list')}?{choice.query(figure=key)}"
