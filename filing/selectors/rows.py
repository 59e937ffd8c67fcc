"""The rows of the busiest lists — the clerks' online queue and the filer's "my filings" — ready to print.

A clerk reloads the online queue all day and a lawyer's list runs to hundreds of filings. Built in the
template, a row costs half a millisecond: two includes, two `{% url %}`s, date filters and some twenty
attribute lookups. Built here, each row's text is made once in plain Python and the template only prints
it, which keeps the pages within issue 4's speed target (bench/RESULTS.md, `bench portal`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone

from filing.models import Filing, FilingState
from filing.selectors.filings import filing_online_clock

UNDECIDED = (FilingState.RECEIVED, FilingState.UNDER_REVIEW)


def pk_url(name: str) -> Callable[[int], str]:
    """The URL of `name` for any pk, reversed once per list instead of once per row.

    Call for a URL whose only argument is an integer pk; the pk takes the place of a placeholder in the
    reversed path.
    """
    placeholder = "2147483647"
    prefix, _, suffix = reverse(name, args=[int(placeholder)]).rpartition(placeholder)
    return lambda pk: f"{prefix}{pk}{suffix}"


def month_day(value: date | None) -> str:
    """11月3日 (Django's date:"n月j日")."""
    return f"{value.month}月{value.day}日" if value else ""


def local_time(value: datetime, *, year: bool = False) -> str:
    """11月3日 09:05, or 2026年11月3日 09:05 (date:"n月j日 H:i", date:"Y年n月j日 H:i"), local time."""
    local = timezone.localtime(value)
    text = f"{local.month}月{local.day}日 {local.hour:02d}:{local.minute:02d}"
    return f"{local.year}年{text}" if year else text


@dataclass(frozen=True)
class QueueRow:
    """A row of the online queue (filing/online/queue.html)."""

    pk: int
    review_url: str
    claim_url: str  # "" unless the user may claim the filing
    state: str
    state_badge_class: str
    business_environment: bool
    case_type_code: str
    case_type_name: str
    plaintiffs: str
    defendants: str
    submitter: str
    for_lawyer: str  # an intern's filing: the lawyer it is for
    received: str
    same_day_on: str
    limit_on: str
    decision_due_on: str
    same_day_missed: bool
    outer_missed: bool
    statutory_missed: bool
    red: bool
    first_receiver: str
    first_receiver_is_me: bool


def online_queue_rows(filings: Iterable[Filing], *, user, today: date, may_review: bool) -> list[QueueRow]:
    """The rows of one page of filing_online_queue for `user`; `may_review`: the user may claim."""
    review_url, claim_url = pk_url("filing:online_review"), pk_url("filing:filing_claim")
    rows = []
    for filing in filings:
        clock = filing_online_clock(filing, today=today)
        rows.append(
            QueueRow(
                pk=filing.pk,
                review_url=review_url(filing.pk),
                claim_url=claim_url(filing.pk) if may_review and filing.first_receiver_id is None else "",
                state=filing.get_state_display(),
                state_badge_class=filing.state_badge_class,
                business_environment=filing.business_environment,
                case_type_code=filing.case_type.code,
                case_type_name=filing.case_type.name,
                plaintiffs=filing.plaintiff_names,
                defendants=filing.defendant_names,
                submitter=filing.submitted_by.get_full_name() if filing.submitted_by_id else "",
                for_lawyer=(
                    filing.owner.get_full_name()
                    if filing.owner_id and filing.owner_id != filing.submitted_by_id
                    else ""
                ),
                received=local_time(filing.received_at),
                same_day_on=month_day(filing.online_review_due_on),
                limit_on=month_day(filing.online_review_limit_on),
                decision_due_on=month_day(filing.decision_due_on) or "—",
                same_day_missed=clock.same_day_missed,
                outer_missed=clock.outer_missed,
                statutory_missed=clock.statutory_missed,
                red=clock.red or (filing.business_environment and clock.same_day_missed),
                first_receiver=filing.first_receiver.get_full_name() if filing.first_receiver_id else "",
                first_receiver_is_me=filing.first_receiver_id == user.pk,
            )
        )
    return rows


@dataclass(frozen=True)
class PortalRow:
    """A row of the filer's own list (filing/portal.html)."""

    pk: int
    url: str
    title: str  # the case number, or 收件第N号 before registration
    court: str
    case_type_name: str
    cause: str
    plaintiffs: str
    defendants: str
    submitted_by: str  # an intern's filing: who submitted it …
    lawyer: str  # … for which lawyer
    received: str
    state: str
    state_badge_class: str
    limit: str  # what the filer waits for, while the filing is undecided


def portal_rows(filings: Iterable[Filing]) -> list[PortalRow]:
    """The rows of one page of portal_filings."""
    url = pk_url("filing:portal_filing")
    rows = []
    for filing in filings:
        limit = "—"
        if filing.state in UNDECIDED:
            if filing.online_review_limit_on:
                limit = f"最迟 {month_day(filing.online_review_limit_on)} 审核"
            elif filing.decision_due_on:
                limit = f"{month_day(filing.decision_due_on)} 前决定"
            else:
                limit = ""
        by_intern = filing.submitted_by_id and filing.submitted_by_id != filing.owner_id
        rows.append(
            PortalRow(
                pk=filing.pk,
                url=url(filing.pk),
                title=filing.case_number or f"收件第{filing.pk}号",
                court=filing.court.name,
                case_type_name=filing.case_type.name,
                cause=filing.cause_name or "—",
                plaintiffs=filing.plaintiff_names,
                defendants=filing.defendant_names,
                submitted_by=filing.submitted_by.get_full_name() if by_intern else "",
                lawyer=filing.owner.get_full_name() if by_intern and filing.owner_id else "",
                received=local_time(filing.received_at, year=True),
                state=filing.get_state_display(),
                state_badge_class=filing.state_badge_class,
                limit=limit,
            )
        )
    return rows
