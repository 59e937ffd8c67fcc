"""Reads of filings with the visibility rules: a filing of another court is a 404, like one that is not."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from filing.models import (
    OPEN_STATES,
    Agent,
    Channel,
    ChecklistItem,
    Draft,
    Filing,
    FilingState,
    MaterialCondition,
    MaterialItem,
    Party,
    PartyKind,
    PartyRole,
    SubmissionRound,
    Upload,
)
from filing.permissions import can_handle_cases, can_view_filing
from filing.services.filings import filing_notice_subject
from notices.models import Delivery, Notice
from notices.selectors import deliveries_for_subject

# The payment limit a filing's page shows (filing/relief/_panel.html), read with the filing.
PAYMENT_LIMIT_RELATED = ("payment_limit", "payment_limit__notice", "payment_limit__kept_by")


def filing_get_for_user(*, pk: int, user) -> Filing:
    """The filing if `user` may see it: staff of its court with a window, review or supervision role, or
    the judge it is assigned to (自动分案)."""
    if user.court_id is None:
        raise Http404
    if can_view_filing(None, user):
        scope = {"court_id": user.court_id}
    elif can_handle_cases(user):
        scope = {"court_id": user.court_id, "judge_id": user.pk}
    else:
        raise Http404
    try:
        return (
            Filing.objects.select_related(
                "court",
                "case_type",
                "cause",
                "first_receiver",
                "visit",
                "judge",
                "department",
                *PAYMENT_LIMIT_RELATED,
            )
            .prefetch_related(
                "parties",
                "agents",
                Prefetch("rounds", queryset=SubmissionRound.objects.prefetch_related("items")),
                "corrections__items__answer__upload",
                "events__actor",
            )
            .get(pk=pk, **scope)
        )
    except Filing.DoesNotExist:
        raise Http404 from None


def filing_get_for_review(*, pk: int, user) -> Filing:
    """An online filing of the user's court with everything its review screen shows, in a fixed number of
    queries: rounds with their materials and uploads, parties, agents, corrections, the timeline, and the
    portal accounts of who filed (lawyer or intern). Another court's filing is a 404."""
    if not can_view_filing(None, user) or user.court_id is None:
        raise Http404
    uploads = Upload.objects.select_related("checklist_item").order_by("pk")
    try:
        return (
            Filing.objects.select_related(
                "court",
                "case_type",
                "cause",
                "first_receiver",
                "helped_by",
                "decided_by",
                "registered_by",
                "owner__portal_account",
                "submitted_by__portal_account",
            )
            .prefetch_related(
                "parties",
                Prefetch("agents", queryset=Agent.objects.select_related("party")),
                Prefetch(
                    "rounds",
                    queryset=SubmissionRound.objects.select_related("received_by").prefetch_related(
                        "items", Prefetch("uploads", queryset=uploads)
                    ),
                ),
                "corrections__items",
                "corrections__issued_by",
                "events__actor",
                "case_type__checklist",
            )
            .get(pk=pk, court_id=user.court_id)
        )
    except Filing.DoesNotExist:
        raise Http404 from None


def filing_review_queue(*, user) -> QuerySet[Filing]:
    """Open filings of the user's court, the nearest stored limit first (DESIGN.md decision 4)."""
    return (
        Filing.objects.filter(court_id=user.court_id, state__in=OPEN_STATES)
        .select_related("case_type", "cause", "first_receiver")
        .prefetch_related("parties")
        .order_by("decision_due_on", "received_at")
    )


def filing_parties_in_order(filing: Filing) -> list:
    """原告, 被告, 第三人, each in the order the complaint names them (the model orders by role code)."""
    order = {role: index for index, role in enumerate(PartyRole.values)}
    return sorted(filing.parties.all(), key=lambda party: (order.get(party.role, 9), party.sort_order))


UNDECIDED_STATES = (FilingState.RECEIVED, FilingState.UNDER_REVIEW)


def filing_is_overdue(filing: Filing, *, today=None) -> bool:
    """登记立案规定 art. 8: past the limit and still undecided → must be registered first (先行立案)."""
    today = today or timezone.localdate()
    return filing.state in UNDECIDED_STATES and _past(filing.decision_due_on, today)


def _past(due_on, today) -> bool:
    return due_on is not None and today > due_on


@dataclass(frozen=True)
class MaterialStatus:
    item: ChecklistItem
    copies_needed: int
    copies_handed: int

    @property
    def missing(self) -> bool:
        return self.copies_handed == 0

    @property
    def short(self) -> bool:
        return 0 < self.copies_handed < self.copies_needed


def filing_material_status(filing: Filing) -> list[MaterialStatus]:
    """The checklist of the filing's case type against what was handed in over all rounds.

    An item applies as its condition says (an agent files; the plaintiff is a person or an organisation).
    An online filing needs each material once (one file), a counter filing its paper copies.
    """
    parties = list(filing.parties.all())
    plaintiffs = [p for p in parties if p.role == PartyRole.PLAINTIFF]
    opponents = sum(1 for p in parties if p.role != PartyRole.PLAINTIFF)
    applies = {
        MaterialCondition.ALWAYS: True,
        MaterialCondition.WHEN_AGENT: filing.agents.exists(),
        MaterialCondition.WHEN_PERSON: any(p.kind == PartyKind.PERSON for p in plaintiffs),
        MaterialCondition.WHEN_ORGANISATION: any(p.kind != PartyKind.PERSON for p in plaintiffs),
    }
    handed = list(MaterialItem.objects.filter(round__filing=filing))
    # An online filing's material is one electronic file, not paper copies per party: the court serves
    # and prints it (舞钢规范第七条: paper originals only at the hearing).
    online = filing.channel == Channel.ONLINE
    status = []
    for item in filing.case_type.checklist.all():
        if not applies[item.condition]:
            continue
        copies = sum(m.copies for m in handed if m.checklist_item_id == item.pk or m.name == item.name)
        needed = 1 if online else item.copies_needed(opponents=opponents)
        status.append(MaterialStatus(item, needed, copies))
    return status


def row_parties() -> Prefetch:
    """The parties a list row of filings names (原告 诉 被告, filing/filings/_parties.html): only what it
    shows, and ordered on the party table alone — Party's default ordering starts with `filing`, which
    would join the filings again to sort by their received time."""
    return Prefetch(
        "parties",
        queryset=Party.objects.only("filing_id", "role", "name", "sort_order").order_by(
            "role", "sort_order", "pk"
        ),
    )


def filing_online_queue(*, user) -> QuerySet[Filing]:
    """Open online filings of the user's court, by the same-day review date, then the statutory limit.

    舞钢规范第七条 当天审核 and 钢城承诺 3 个工作日: the dates stored at submission (filing/clocks.py). The
    queue's rows read only the columns they print (filing.selectors.rows.online_queue_rows).
    """
    return Filing.objects.filter(
        court_id=user.court_id, channel=Channel.ONLINE, state__in=OPEN_STATES
    ).order_by("online_review_due_on", "decision_due_on", "received_at")


@dataclass(frozen=True)
class OnlineClock:
    """Where an online filing stands against its three limits today."""

    same_day_missed: bool  # past the same-day review date (a duty for 涉营商环境 filings)
    outer_missed: bool  # past the 3-working-day limit
    statutory_missed: bool  # past 登记立案规定 art. 8's period: register first (先行立案)

    @property
    def red(self) -> bool:
        return self.outer_missed or self.statutory_missed


def filing_online_clock(filing: Filing, *, today=None) -> OnlineClock:
    return online_clock(
        state=filing.state,
        online_review_due_on=filing.online_review_due_on,
        online_review_limit_on=filing.online_review_limit_on,
        decision_due_on=filing.decision_due_on,
        today=today or timezone.localdate(),
    )


def online_clock(
    *, state, online_review_due_on, online_review_limit_on, decision_due_on, today
) -> OnlineClock:
    """The clock from the stored dates alone: the online queue's rows read them as plain values
    (filing.selectors.rows), the review screen from the filing."""
    undecided = state in UNDECIDED_STATES
    return OnlineClock(
        same_day_missed=undecided and _past(online_review_due_on, today),
        outer_missed=undecided and _past(online_review_limit_on, today),
        statutory_missed=undecided and _past(decision_due_on, today),
    )


def portal_filings(*, user) -> QuerySet[Filing]:
    """A portal user's own filings, the latest first: those they own and, for an intern, those they
    submitted. The list's rows read only the columns they print (filing.selectors.rows.portal_rows)."""
    return Filing.objects.filter(models.Q(owner=user) | models.Q(submitted_by=user)).order_by("-received_at")


def portal_drafts(*, user) -> QuerySet[Draft]:
    return Draft.objects.filter(owner=user, filing__isnull=True).select_related("court", "case_type")


def helped_drafts(*, user) -> QuerySet[Draft]:
    """肩并肩 drafts a clerk started for parties and has not submitted yet, the latest saved first: the clerk
    interrupted at the counter picks them up here."""
    return (
        Draft.objects.filter(helped_by=user, filing__isnull=True)
        .select_related("owner", "case_type")
        .order_by("-updated_at")
    )


# --- Documents served through the portal (电子送达) ------------------------------------------------------


def filing_notices(filing: Filing) -> list[Notice]:
    """The documents issued on `filing`, oldest first (receipts, notices, rulings), without their PDF bytes,
    each with `.delivery`: its electronic service, or None (notices knows no filings: the subject
    "filing:<pk>" is the reference filing.services gives them)."""
    notices = list(
        Notice.objects.filter(subject=filing_notice_subject(filing))
        .select_related("issued_by")
        .defer("pdf", "snapshot")
        .order_by("issued_at", "pk")
    )
    deliveries = filing_deliveries(filing)
    for notice in notices:
        notice.delivery = deliveries.get(notice.pk)
    return notices


def filing_deliveries(filing: Filing) -> dict[int, Delivery]:
    """The electronic service of the filing's documents, by notice pk (one query). Empty for a filing
    without a portal owner: its documents are handed over on paper."""
    if filing.owner_id is None:
        return {}
    return deliveries_for_subject(filing_notice_subject(filing))


@dataclass(frozen=True)
class ServedEntry:
    """A line of the filing's timeline that is not a FilingEvent: a document served at `at` (the time its
    recipient first opened it; notices records it, the filing never changes for it)."""

    at: object
    actor: object
    summary: str
    action: str = "served"


def filing_timeline(filing: Filing, notices: list[Notice], deliveries: dict[int, Delivery]) -> list:
    """The filing's events (prefetched with their actor) and its documents' service times, oldest first."""
    served = [
        ServedEntry(
            at=delivery.served_at,
            actor=delivery.recipient,
            summary=f"文书已送达：{notice.get_kind_display()} {notice.number}（受送达人在网上立案平台查看）",
        )
        for notice in notices
        if (delivery := deliveries.get(notice.pk)) is not None and delivery.served_at is not None
    ]
    # sorted() is stable: at equal times the events keep their order and come before the service.
    return sorted([*filing.events.all(), *served], key=lambda entry: entry.at)
