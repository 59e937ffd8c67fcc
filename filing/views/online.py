"""The clerks' side of online filing: the online queue (舞钢规范第七条 当天审核), the review screen and the
claim (首接负责制).

The review screen shows the uploaded documents beside the decisions. Its decision forms post to the
counter's decision views (filing.views.filings) with next=<this screen>: one view per decision, the same
forms, services and messages as at the window, and a failed decision re-shows that view's full page with
every message. The correction notice, a multi-row form that needs the width of the page, is one click
away on its own page, which also lists the uploads and records the phone call.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from courthall.permissions import workplace_required
from filing.forms.filings import JurisdictionForm, RefuseForm
from filing.models import Channel, FilingState
from filing.permissions import (
    can_claim_filing,
    can_decide_filing,
    can_refuse_filing,
    can_register_filing,
    can_review_filings,
    can_view_filing,
    portal_account_of,
)
from filing.selectors.enforcement import enforcement_panel
from filing.selectors.filings import (
    filing_get_for_review,
    filing_get_for_user,
    filing_material_status,
    filing_notices,
    filing_online_clock,
    filing_online_queue,
    filing_parties_in_order,
)
from filing.selectors.rows import online_queue_rows
from filing.services import filings as services
from filing.services.online import filing_claim as claim_service
from filing.views.common import next_url, require, yuan
from filing.views.enforcement import inline_effectiveness_form

FILING_CLAIMED = "已认领：您是该立案申请的首接负责人，请当天审核（舞钢规范第七条）。"


@login_required
def online_queue(request: HttpRequest) -> HttpResponse:
    """Online filings of the court, the earliest same-day review date first."""
    require(can_view_filing(None, request.user))
    today = timezone.localdate()
    page = Paginator(filing_online_queue(user=request.user), 50).get_page(request.GET.get("page"))
    rows = online_queue_rows(
        page.object_list, user=request.user, today=today, may_review=bool(can_review_filings(request.user))
    )
    return render(request, "filing/online/queue.html", {"page": page, "rows": rows, "today": today})


def _submitter(filing) -> dict:
    """Who filed: the person who submitted (lawyer, intern lawyer or party) and, for an intern, the lawyer
    the filing is for (DOMAIN §9: the lawyer is the party's agent, the intern only submitted)."""
    account = portal_account_of(filing.submitted_by)
    return {
        "user": filing.submitted_by,
        "kind": account.get_kind_display() if account else "",
        "account": account,
        "for_lawyer": filing.owner if filing.owner_id != filing.submitted_by_id else None,
    }


@login_required
def online_review(request: HttpRequest, pk: int) -> HttpResponse:
    """One online filing: its uploads (thumbnails and the selected one large), the checklist, the three
    clocks, who filed, the claims, and the counter's decisions. `?doc=<upload pk>` selects a document,
    so the page works without JavaScript."""
    require(can_view_filing(None, request.user))
    filing = filing_get_for_review(pk=pk, user=request.user)
    if filing.channel != Channel.ONLINE:
        return redirect("filing:filing_detail", pk=filing.pk)
    user = request.user
    today = timezone.localdate()
    rounds = list(filing.rounds.all())
    uploads = [upload for round_ in rounds for upload in round_.uploads.all()]
    selected = next(
        (u for u in uploads if str(u.pk) == request.GET.get("doc")), uploads[0] if uploads else None
    )
    decide = can_decide_filing(filing, user)
    fee, fee_errors = None, []
    if decide:
        try:
            _, fee = services.filing_fee_due(filing)
        except ValidationError as problem:
            fee_errors = problem.messages
    here = reverse("filing:online_review", args=[filing.pk])
    panel = enforcement_panel(filing)
    return render(
        request,
        "filing/online/review.html",
        {
            "filing": filing,
            "parties": filing_parties_in_order(filing),
            "agents": list(filing.agents.all()),
            "submitter": _submitter(filing),
            "rounds": rounds,
            "uploads": uploads,
            "pages": sum(upload.pages for upload in uploads),
            "selected": selected,
            "statuses": filing_material_status(filing),
            "clock": filing_online_clock(filing, today=today),
            "open": filing.state in (FilingState.RECEIVED, FilingState.UNDER_REVIEW),
            "corrections": list(filing.corrections.all()),
            "notices": filing_notices(filing),
            "amount": yuan(filing.amount_in_dispute),
            "fee": fee,
            "fee_total": yuan(fee.total if fee else None),
            "fee_errors": fee_errors,
            "evidence_notice": services.filing_gets_evidence_notice(filing),
            "refuse_form": RefuseForm(),
            "jurisdiction_form": JurisdictionForm(),
            "enforcement": panel,
            "effectiveness_form": inline_effectiveness_form(filing, panel, user),
            "next": f"{here}?doc={selected.pk}" if selected else here,
            "may": {
                "claim": can_claim_filing(filing, user) and filing.first_receiver_id is None,
                "decide": decide,
                "register": can_register_filing(filing, user),
                "decide_later": decide and filing.state == FilingState.RECEIVED,
                "refuse": can_refuse_filing(filing, user),
            },
        },
    )


@require_POST
@workplace_required("courthall.review_filings")
def filing_claim(request: HttpRequest, pk: int) -> HttpResponse:
    """首接负责制: take an online filing from the queue; then its review screen (or a safe `next`)."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    try:
        claim_service(filing=filing, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, FILING_CLAIMED)
    return redirect(next_url(request) or reverse("filing:online_review", args=[filing.pk]))
