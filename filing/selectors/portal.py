"""Reads of a portal user's own filing: the filing, its documents and the timeline the filer sees.

A filing is the filer's when they own it or submitted it (an intern's filing: the intern and the lawyer).
Anybody else — another lawyer, a clerk guessing numbers — gets a 404, the same as for no such filing.
"""

from django.db.models import Prefetch, Q
from django.http import Http404

from filing.models import (
    Agent,
    CorrectionAnswer,
    CorrectionItem,
    CorrectionRequest,
    Filing,
    FilingEvent,
    SubmissionRound,
)
from filing.selectors.filings import PAYMENT_LIMIT_RELATED
from filing.services.filings import filing_notice_subject
from notices.models import Notice

# The timeline actions a filer is shown. Anything else (a clerk taking the filing from the queue, phone
# notes, internal approvals) is the court's own record; new actions stay hidden until listed here.
FILER_EVENTS = (
    "submitted_online",
    "received",
    "materials_received",
    "decide_later",
    "correction_requested",
    "corrections_submitted",
    "registered",
    "refused",
    "not_competent",
    "returned",
    "withdrawn",
    # The fee ledger: what the filer paid and the refunds approved (filing.services.ledger).
    "fee_paid",
    "fee_refund_approved",
)
# correction_requested's summary ends with the supervisor's approval of a second notice (二次告知): an
# internal record, cut off for the filer.
INTERNAL_SUFFIX = "；其中二次告知"


def portal_filing_get_for_user(*, pk: int, user) -> Filing:
    """The filing `pk` if `user` owns or submitted it, with everything its page shows prefetched (a fixed
    number of queries whatever the number of rounds, items or events)."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    filing = (
        Filing.objects.filter(Q(owner=user) | Q(submitted_by=user), pk=pk)
        .select_related(
            "court",
            "case_type",
            "cause",
            "owner",
            "submitted_by",
            "mediation_consent",
            *PAYMENT_LIMIT_RELATED,
        )
        .prefetch_related(
            "parties",
            Prefetch("agents", queryset=Agent.objects.select_related("party")),
            Prefetch(
                "rounds",
                queryset=SubmissionRound.objects.prefetch_related(
                    "items",
                    "uploads",
                    Prefetch("answers", queryset=CorrectionAnswer.objects.select_related("item", "upload")),
                ),
            ),
            Prefetch(
                "corrections",
                queryset=CorrectionRequest.objects.order_by("issued_at", "pk").prefetch_related(
                    Prefetch("items", queryset=CorrectionItem.objects.select_related("answer"))
                ),
            ),
            Prefetch(
                "events",
                queryset=FilingEvent.objects.filter(action__in=FILER_EVENTS).select_related("actor"),
                to_attr="filer_events",
            ),
        )
        .first()
    )
    if filing is None:
        raise Http404
    for event in filing.filer_events:
        event.filer_summary = event.summary.split(INTERNAL_SUFFIX)[0]
    return filing


def portal_filing_notices(filing: Filing) -> list[Notice]:
    """The filing's documents in their current versions, oldest first, without their PDF bytes."""
    return list(
        Notice.objects.current()
        .filter(subject=filing_notice_subject(filing))
        .defer("pdf", "snapshot")
        .order_by("issued_at", "pk")
    )
