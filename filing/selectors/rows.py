"""The rows of the busiest lists — the clerks' online queue and the filer's "my filings" — ready to print.

A clerk reloads the online queue all day and a lawyer's list runs to hundreds of filings. Built in the
template, a row costs half a millisecond: two includes, two `{% url %}`s, date filters and some twenty
attribute lookups. Built here, each row's text is made once in plain Python and the template only prints
it, which keeps the pages within issue 4's speed target (bench/RESULTS.md, `bench portal`). The rows
are read as plain values, only the columns they print, and the parties of a page in one query: building
50 model instances with their related users and parties cost more than the rest of the row together.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from filing.models import STATE_BADGE_CLASSES, Filing, FilingState, Party, PartyRole
from filing.selectors.filings import UNDECIDED_STATES, online_clock


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


def _name(row: dict, user: str) -> str:
    """User.get_full_name() of the related `user` read as values: the name, else the username."""
    return row[f"{user}__full_name"] or row[f"{user}__username"] or ""


def _state(row: dict) -> tuple[str, str]:
    """The state's label and its badge colour (Filing.get_state_display, Filing.state_badge_class)."""
    return FilingState(row["state"]).label, STATE_BADGE_CLASSES.get(row["state"], "text-bg-secondary")


def _party_names(rows: list[dict]) -> dict[int, tuple[str, str]]:
    """(plaintiffs, defendants) of each row's filing, in the complaint's order, from one query."""
    names: dict[int, tuple[list[str], list[str]]] = {row["pk"]: ([], []) for row in rows}
    parties = (
        Party.objects.filter(filing_id__in=names, role__in=(PartyRole.PLAINTIFF, PartyRole.DEFENDANT))
        .order_by("role", "sort_order", "pk")
        .values_list("filing_id", "role", "name")
    )
    for filing_id, role, name in parties:
        names[filing_id][role == PartyRole.DEFENDANT].append(name)
    return {pk: (" ".join(sides[0]), " ".join(sides[1])) for pk, sides in names.items()}


def _people(*names: str) -> tuple[str, ...]:
    """The columns _name reads, and the id, of each related user in `names`."""
    return tuple(f"{name}{column}" for name in names for column in ("_id", "__full_name", "__username"))


QUEUE_COLUMNS = (
    "pk",
    "state",
    "business_environment",
    "received_at",
    "online_review_due_on",
    "online_review_limit_on",
    "decision_due_on",
    "case_type__code",
    "case_type__name",
    *_people("first_receiver", "owner", "submitted_by"),
)


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


def online_queue_rows(filings: QuerySet[Filing], *, user, today: date, may_review: bool) -> list[QueueRow]:
    """The rows of one page of filing_online_queue (`page.object_list`) for `user`; `may_review`: the user
    may claim."""
    review_url, claim_url = pk_url("filing:online_review"), pk_url("filing:filing_claim")
    values = list(filings.values(*QUEUE_COLUMNS))
    parties = _party_names(values)
    rows = []
    for row in values:
        pk = row["pk"]
        clock = online_clock(
            state=row["state"],
            online_review_due_on=row["online_review_due_on"],
            online_review_limit_on=row["online_review_limit_on"],
            decision_due_on=row["decision_due_on"],
            today=today,
        )
        state, badge = _state(row)
        has_receiver = row["first_receiver_id"] is not None
        owner_id, submitted_by_id = row["owner_id"], row["submitted_by_id"]
        rows.append(
            QueueRow(
                pk=pk,
                review_url=review_url(pk),
                claim_url=claim_url(pk) if may_review and not has_receiver else "",
                state=state,
                state_badge_class=badge,
                business_environment=row["business_environment"],
                case_type_code=row["case_type__code"],
                case_type_name=row["case_type__name"],
                plaintiffs=parties[pk][0],
                defendants=parties[pk][1],
                submitter=_name(row, "submitted_by") if submitted_by_id else "",
                for_lawyer=_name(row, "owner") if owner_id and owner_id != submitted_by_id else "",
                received=local_time(row["received_at"]),
                same_day_on=month_day(row["online_review_due_on"]),
                limit_on=month_day(row["online_review_limit_on"]),
                decision_due_on=month_day(row["decision_due_on"]) or "—",
                same_day_missed=clock.same_day_missed,
                outer_missed=clock.outer_missed,
                statutory_missed=clock.statutory_missed,
                red=clock.red or (row["business_environment"] and clock.same_day_missed),
                first_receiver=_name(row, "first_receiver") if has_receiver else "",
                first_receiver_is_me=row["first_receiver_id"] == user.pk,
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


PORTAL_COLUMNS = (
    "pk",
    "case_number",
    "court__name",
    "case_type__name",
    "cause__name",
    "cause_text",
    "received_at",
    "state",
    "online_review_limit_on",
    "decision_due_on",
    *_people("owner", "submitted_by"),
)


def portal_rows(filings: QuerySet[Filing]) -> list[PortalRow]:
    """The rows of one page of portal_filings (`page.object_list`)."""
    url = pk_url("filing:portal_filing")
    values = list(filings.values(*PORTAL_COLUMNS))
    parties = _party_names(values)
    rows = []
    for row in values:
        pk = row["pk"]
        limit = "—"
        if row["state"] in UNDECIDED_STATES:
            if row["online_review_limit_on"]:
                limit = f"最迟 {month_day(row['online_review_limit_on'])} 审核"
            elif row["decision_due_on"]:
                limit = f"{month_day(row['decision_due_on'])} 前决定"
            else:
                limit = ""
        owner_id, submitted_by_id = row["owner_id"], row["submitted_by_id"]
        by_intern = submitted_by_id and submitted_by_id != owner_id
        state, badge = _state(row)
        rows.append(
            PortalRow(
                pk=pk,
                url=url(pk),
                title=row["case_number"] or f"收件第{pk}号",
                court=row["court__name"],
                case_type_name=row["case_type__name"],
                cause=row["cause__name"] or row["cause_text"] or "—",
                plaintiffs=parties[pk][0],
                defendants=parties[pk][1],
                submitted_by=_name(row, "submitted_by") if by_intern else "",
                lawyer=_name(row, "owner") if by_intern and owner_id else "",
                received=local_time(row["received_at"], year=True),
                state=state,
                state_badge_class=badge,
                limit=limit,
            )
        )
    return rows
