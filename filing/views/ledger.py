"""The fee ledger's screens (诉讼费收退, seed 000 第四条): the 诉讼费 panel of a registered case, entering a
payment and asking for a refund at the counter, and the supervisor's decision on a refund.

The panel's forms post here; a refused entry comes back on a page of its own with every message and what
was typed, and nothing is written. Another court's filing or refund is a 404 (the selectors).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from courthall.permissions import workplace_required
from filing.forms.ledger import PaymentForm, RefundDecisionForm, RefundForm
from filing.permissions import can_decide_fee_refund, can_record_fee_payment, can_request_fee_refund
from filing.selectors.fees import (
    fee_balance,
    fee_balance_from,
    fee_payments,
    fee_refund_get_for_user,
    fee_refunds,
    fee_refunds_awaiting_decision,
)
from filing.selectors.filings import filing_get_for_user
from filing.services import ledger as services
from filing.snapshots import addressee_of
from filing.views.common import require, yuan

PAYMENT_RECORDED = "已登记交费 {amount} 元并出具诉讼费交费收据 {number}，请打印交交款人。{rest}"
REFUND_REQUESTED = "已提交退费申请 {amount} 元，待诉讼服务中心负责人审批。"
REFUND_APPROVED = "已批准退费 {amount} 元。"
REFUND_REJECTED = "已不予批准退费 {amount} 元。"


def _panel_url(filing) -> str:
    return reverse("filing:filing_detail", args=[filing.pk]) + "#fees"


def _payment_initial(filing) -> dict:
    return {"payer": addressee_of(filing), "paid_on": timezone.localdate()}


def fee_summary(filing) -> dict | None:
    """The balance and the payments with their receipts, read-only (the filer's portal page); None for a
    case charged no fee (yet)."""
    if filing.registered_at is None or filing.fee_total is None:
        return None
    payments = fee_payments(filing)
    return {"balance": fee_balance_from(filing, payments, fee_refunds(filing)), "payments": payments}


def fee_panel(filing, user) -> dict | None:
    """What the 诉讼费 panel of a filing's page shows to `user`; None for a case charged no fee (yet)."""
    if filing.registered_at is None or filing.fee_total is None:
        return None
    payments, refunds = fee_payments(filing), fee_refunds(filing)
    for refund in refunds:
        refund.may_decide = can_decide_fee_refund(refund, user)
    record = can_record_fee_payment(filing, user)
    request = can_request_fee_refund(filing, user)
    return {
        "balance": fee_balance_from(filing, payments, refunds),
        "payments": payments,
        "refunds": refunds,
        "payment_form": PaymentForm(initial=_payment_initial(filing), auto_id="id_payment_%s")
        if record
        else None,
        "refund_form": RefundForm(auto_id="id_refund_%s") if request else None,
    }


@workplace_required("courthall.work_counter")
def fee_payment_record(request: HttpRequest, pk: int) -> HttpResponse:
    filing = filing_get_for_user(pk=pk, user=request.user)
    require(can_record_fee_payment(filing, request.user))
    posted = request.method == "POST"
    form = PaymentForm(request.POST if posted else None, initial=_payment_initial(filing))
    if posted and form.is_valid():
        try:
            payment = services.fee_payment_record(filing=filing, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            balance = fee_balance(filing).balance
            rest = f"尚欠 {yuan(balance)} 元。" if balance > 0 else "本案诉讼费已交清。"
            messages.success(
                request,
                PAYMENT_RECORDED.format(
                    amount=yuan(payment.amount), number=payment.receipt.number, rest=rest
                ),
            )
            return redirect(_panel_url(filing))
    return render(
        request,
        "filing/ledger/payment.html",
        {"filing": filing, "form": form, "balance": fee_balance(filing)},
    )


@workplace_required("courthall.work_counter")
def fee_refund_request(request: HttpRequest, pk: int) -> HttpResponse:
    filing = filing_get_for_user(pk=pk, user=request.user)
    require(can_request_fee_refund(filing, request.user))
    posted = request.method == "POST"
    form = RefundForm(request.POST if posted else None)
    if posted and form.is_valid():
        try:
            refund = services.fee_refund_request(filing=filing, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, REFUND_REQUESTED.format(amount=yuan(refund.amount)))
            return redirect(_panel_url(filing))
    return render(
        request, "filing/ledger/refund.html", {"filing": filing, "form": form, "balance": fee_balance(filing)}
    )


@workplace_required("courthall.supervise")
def fee_refund_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or reject one refund (also inline on the panel and the list of refunds awaiting approval)."""
    refund = fee_refund_get_for_user(pk=pk, user=request.user)
    posted = request.method == "POST"
    if not posted:
        require(can_decide_fee_refund(refund, request.user))
    form = RefundDecisionForm(request.POST if posted else None)
    if posted and form.is_valid():
        decide = form.cleaned_data["decision"]
        service = services.fee_refund_approve if decide == "approve" else services.fee_refund_reject
        try:
            refund = service(refund=refund, user=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = REFUND_APPROVED if decide == "approve" else REFUND_REJECTED
            messages.success(request, done.format(amount=yuan(refund.amount)))
            if request.POST.get("next") == "list":
                return redirect("filing:fee_refunds_pending")
            return redirect(_panel_url(refund.filing))
    return render(
        request,
        "filing/ledger/decide.html",
        {"refund": refund, "filing": refund.filing, "form": form, "balance": fee_balance(refund.filing)},
    )


@workplace_required("courthall.supervise")
def fee_refunds_pending(request: HttpRequest) -> HttpResponse:
    """The supervisor's list: refunds of their court awaiting approval, oldest first."""
    refunds = fee_refunds_awaiting_decision(user=request.user)
    for refund in refunds:
        refund.may_decide = can_decide_fee_refund(refund, request.user)
    return render(request, "filing/ledger/pending.html", {"refunds": refunds})
