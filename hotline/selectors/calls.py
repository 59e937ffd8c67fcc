"""Reads of the call log, the callback list and a caller's earlier contacts (每电必登; 钢城承诺三)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from filing.selectors.contacts import filings_for_phone
from hotline.models import Call, Callback, CallState, Ticket
from hotline.selectors.tickets import ticket_visible_to

# Who works the line sees every call of their court; anyone else gets the same 404 as for no such call.
_LINE_PERMISSIONS = ("courthall.answer_hotline", "courthall.answer_duty_questions", "courthall.supervise")
CALLER_LOOKUP_LIMIT = 10


def call_visible_to(user) -> QuerySet[Call]:
    if not user.is_authenticated or user.court_id is None:
        return Call.objects.none()
    if not any(user.has_perm(permission) for permission in _LINE_PERMISSIONS):
        return Call.objects.none()
    return Call.objects.filter(court_id=user.court_id)


def call_get_for_user(*, pk: int, user) -> Call:
    """The call, or 404 when it does not exist or `user` may not see it."""
    return get_object_or_404(
        call_visible_to(user).select_related("agent", "entered_by", "ticket", "resolved_by_call"), pk=pk
    )


def call_list(*, user, on: date | None = None, state: str = "", number: str = "") -> QuerySet[Call]:
    """The call log, newest first, filtered by day, state and number."""
    calls = call_visible_to(user).select_related("agent", "resolved_by_call")
    if on is not None:
        calls = calls.filter(offered_on=on)
    if state:
        calls = calls.filter(state=state)
    if number:
        calls = calls.filter(caller_number=number)
    return calls.annotate(callback_count=Count("callbacks")).order_by("-offered_at", "-pk")


def callback_list(*, user) -> QuerySet[Call]:
    """Missed calls not yet resolved, the most urgent first (due date, then the earliest call), each with
    its earlier attempts in `attempts`. Served by the partial index call_callback_list."""
    return (
        call_visible_to(user)
        .filter(state=CallState.ABANDONED, called_back_at__isnull=True)
        .prefetch_related(
            Prefetch("callbacks", queryset=Callback.objects.select_related("by"), to_attr="attempts")
        )
        .order_by("callback_due_on", "offered_at", "pk")
    )


def call_callbacks(call: Call) -> list[Callback]:
    return list(call.callbacks.select_related("by"))


def call_history(call: Call) -> list:
    """The call's history rows, oldest first: who changed it, when and why."""
    return list(call.history.select_related("history_user").order_by("history_date", "history_id"))


@dataclass(frozen=True)
class CallerLookup:
    number: str
    calls: list[Call]
    tickets: list[Ticket]
    filings: list


def caller_lookup(*, user, number: str, exclude_pk: int | None = None) -> CallerLookup:
    """A number's earlier calls, tickets and filings (as a party's or agent's phone) in the user's
    court, newest first, at most CALLER_LOOKUP_LIMIT of each; queries do not grow with the data."""
    calls = call_visible_to(user).filter(caller_number=number).select_related("agent")
    if exclude_pk is not None:
        calls = calls.exclude(pk=exclude_pk)
    tickets = ticket_visible_to(user).filter(caller_number=number).order_by("-opened_at", "-pk")
    filings = (
        filings_for_phone(court_id=user.court_id, number=number, limit=CALLER_LOOKUP_LIMIT)
        if user.court_id
        else []
    )
    return CallerLookup(
        number=number,
        calls=list(calls.order_by("-offered_at", "-pk")[:CALLER_LOOKUP_LIMIT]),
        tickets=list(tickets[:CALLER_LOOKUP_LIMIT]),
        filings=list(filings),
    )
