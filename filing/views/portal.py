"""A portal user's own filing: its page, the online correction and the withdrawal.

The filing is looked up through portal_filing_get_for_user: anybody's but the filer's is a 404. The filer
asking for what the filing's state does not allow (correcting a registered filing, withdrawing after a
decision) is sent back to the filing's page with the reason, and nothing changes.
"""

import contextlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from courthall.permissions import workplace_required
from filing.forms.portal import CorrectionOnlineForm, WithdrawOnlineForm
from filing.models import FilingState
from filing.permissions import can_consent_to_mediation_online, can_correct_online, can_withdraw_online
from filing.selectors.filings import filing_deliveries, filing_parties_in_order
from filing.selectors.portal import portal_filing_get_for_user, portal_filing_notices
from filing.services import portal as services
from filing.services.payment_limit import payment_limit_sync
from filing.views.common import yuan
from filing.views.ledger import fee_summary
from filing.views.relief import relief_context
from notices.services import notice_open
from notices.views import pdf_response

CORRECTIONS_SENT = "补正材料已提交，材料收据已出具。审查期限自今日起重新计算{due}。"
WITHDRAWN = "您已撤回该立案申请。"


def _back(request: HttpRequest, filing, reason: str) -> HttpResponse:
    messages.error(request, reason)
    return redirect("filing:portal_filing", pk=filing.pk)


@workplace_required("courthall.use_portal")
def portal_filing(request: HttpRequest, pk: int) -> HttpResponse:
    filing = portal_filing_get_for_user(pk=pk, user=request.user)
    corrections = list(filing.corrections.all())
    latest = corrections[-1] if corrections else None
    today = timezone.localdate()
    awaiting = filing.state == FilingState.AWAITING_CORRECTION
    return render(
        request,
        "filing/portal/filing.html",
        {
            "filing": filing,
            "parties": filing_parties_in_order(filing),
            "notices": _with_deliveries(filing, portal_filing_notices(filing)),
            "latest_correction": latest,
            "correction_late": awaiting and latest is not None and today > latest.deadline_on,
            "undecided": filing.state in (FilingState.RECEIVED, FilingState.UNDER_REVIEW),
            "fee_total": yuan(filing.fee_total),
            "today": today,
            "ledger": fee_summary(filing),
            "relief": relief_context(filing, request.user),
            "may": {
                "correct": can_correct_online(filing, request.user),
                "withdraw": can_withdraw_online(filing, request.user),
                "mediation_consent": can_consent_to_mediation_online(filing, request.user),
            },
        },
    )


def _with_deliveries(filing, notices: list) -> list:
    deliveries = filing_deliveries(filing)
    for notice in notices:
        notice.delivery = deliveries.get(notice.pk)
    return notices


@workplace_required("courthall.use_portal")
def portal_notice(request: HttpRequest, pk: int, notice_pk: int) -> HttpResponse:
    """A document of the filer's own filing. Opened by its recipient (the filing's owner), the first
    opening is the service time, as from the inbox; the intern who submitted reads it without serving it."""
    filing = portal_filing_get_for_user(pk=pk, user=request.user)
    notice = next((notice for notice in portal_filing_notices(filing) if notice.pk == notice_pk), None)
    if notice is None:
        raise Http404
    # The recipient's opening records the service time; anyone else (the intern who submitted) only reads.
    with contextlib.suppress(PermissionDenied):
        notice_open(notice=notice, user=request.user)
        # 诉讼费用交纳办法 art. 22: a fee notice (or relief decision) served now starts the payment limit.
        payment_limit_sync(filing=filing)
    notice.refresh_from_db(fields=["pdf"])
    return pdf_response(notice, as_attachment=request.GET.get("download") == "1")


@workplace_required("courthall.use_portal")
def portal_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """The correction notice's items as a checklist: a file and/or an explanation for each, sent at once."""
    filing = portal_filing_get_for_user(pk=pk, user=request.user)
    if not (decision := can_correct_online(filing, request.user)):
        return _back(request, filing, decision.reason)
    latest = list(filing.corrections.all())[-1]
    posted = request.method == "POST"
    form = CorrectionOnlineForm(
        request.POST if posted else None, request.FILES if posted else None, items=list(latest.items.all())
    )
    if posted and form.is_valid():
        try:
            filing = services.filing_submit_corrections_online(
                filing=filing, user=request.user, answers=form.answers()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            due = f"，至 {filing.decision_due_on:%Y年%m月%d日}" if filing.decision_due_on else ""
            messages.success(request, CORRECTIONS_SENT.format(due=due))
            return redirect("filing:portal_filing", pk=filing.pk)
    return render(
        request,
        "filing/portal/correct.html",
        {
            "filing": filing,
            "form": form,
            "correction": latest,
            "late": timezone.localdate() > latest.deadline_on,
        },
    )


@workplace_required("courthall.use_portal")
def portal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page (GET) and the withdrawal itself (POST), before the court decides."""
    filing = portal_filing_get_for_user(pk=pk, user=request.user)
    if not (decision := can_withdraw_online(filing, request.user)):
        return _back(request, filing, decision.reason)
    form = WithdrawOnlineForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.filing_withdraw_online(filing=filing, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            return _back(request, filing, " ".join(error.messages))
        messages.success(request, WITHDRAWN)
        return redirect("filing:portal_filing", pk=filing.pk)
    return render(request, "filing/portal/withdraw.html", {"filing": filing, "form": form})
