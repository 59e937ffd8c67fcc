"""Fee relief (司法救助) and the ruling on a fee unpaid at its limit (按撤诉处理).

Five steps each: parse, select (another court's filing, someone else's portal filing: 404), check the
permission (403 with its reason), one service call, redirect. A service's ValidationError re-shows the
page with every message and what was typed; nothing is saved.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from courthall.permissions import workplace_required
from filing.forms.relief import ReliefDecisionForm, ReliefForm, UnpaidDecisionForm
from filing.models import ReliefGround, ReliefKind
from filing.models.relief import GROUND_ARTICLE
from filing.permissions import can_apply_relief, can_decide_relief, can_rule_on_unpaid_fee
from filing.selectors.fees import fee_balance
from filing.selectors.filings import filing_get_for_user, filing_notices, filing_parties_in_order
from filing.selectors.payment_limit import relief_get_for_user, relief_panel, unpaid_at_limit
from filing.selectors.portal import portal_filing_get_for_user
from filing.services import payment_limit as limits
from filing.services import relief as services
from filing.views.common import require, yuan

RELIEF_APPLIED = "已登记{name}的{kind}申请，交费期限在审批期间暂停计算；由诉讼服务中心负责人审批。"
RELIEF_GRANTED = "已准予{kind}，出具司法救助决定书 {number}。请打印交申请人。"
RELIEF_REFUSED = "已决定不予批准，出具不予司法救助通知书 {number}。请打印交申请人。"
TREATED_WITHDRAWN = "已裁定按撤诉处理，出具民事裁定书 {number}。"
KEPT = "已记录：{case_number} 不按撤诉处理。"

# The grounds by relief, for the page's hint next to the choice (the service checks the match).
GROUNDS_HINT = {kind.label: f"第{GROUND_ARTICLE[kind]}条" for kind in ReliefKind}


def relief_context(filing, user) -> dict:
    """The relief panel of a filing's page (filing/relief/_panel.html): the limit, the applications, and
    what `user` may do about them."""
    panel = relief_panel(filing)
    return {
        "panel": panel,
        # A registered filing without a running limit owes nothing now (no advance payment, waived);
        # whether the fee was paid meanwhile the service checks (NOTHING_TO_PAY).
        "may_apply": bool(can_apply_relief(filing, user))
        and panel.pending is None
        and (
            filing.state != "registered"
            or (panel.limit is not None and (panel.limit.due_on or panel.limit.notice_id))
        ),
        "may_decide": panel.pending is not None and can_decide_relief(panel.pending, user),
    }


def _apply(request: HttpRequest, filing, *, template: str, done: str, with_file: bool) -> HttpResponse:
    parties = filing_parties_in_order(filing)
    posted = request.method == "POST"
    form = ReliefForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        parties=parties,
        with_file=with_file,
    )
    if not posted:
        require(can_apply_relief(filing, request.user))
    if form.is_valid():
        try:
            relief = services.relief_apply(filing=filing, user=request.user, data=form.relief_input())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, RELIEF_APPLIED.format(name=relief.applicant.name, kind=relief.get_kind_display())
            )
            return redirect(done, pk=filing.pk)
    return render(
        request,
        template,
        {"filing": filing, "form": form, "grounds": ReliefGround.choices, "hint": GROUNDS_HINT},
    )


@workplace_required("courthall.work_counter")
def relief_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """The counter records an application for fee relief (art. 48: 在起诉时提交书面申请和证明材料)."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    return _apply(
        request, filing, template="filing/relief/apply.html", done="filing:filing_detail", with_file=False
    )


@workplace_required("courthall.use_portal")
def portal_relief_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """The filer applies through the portal, for their own filing, with the proof as a file."""
    filing = portal_filing_get_for_user(pk=pk, user=request.user)
    return _apply(
        request,
        filing,
        template="filing/relief/portal_apply.html",
        done="filing:portal_filing",
        with_file=True,
    )


@workplace_required("courthall.supervise")
def relief_decide(request: HttpRequest, pk: int, relief_pk: int) -> HttpResponse:
    """The supervisor grants (with the percentage of a reduction, the day of a deferral) or refuses (with
    reasons, art. 48)."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    relief = relief_get_for_user(filing=filing, pk=relief_pk)
    require(can_decide_relief(relief, request.user))
    form = ReliefDecisionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "grant":
                relief = services.relief_grant(
                    relief=relief,
                    user=request.user,
                    percentage=data["percentage"],
                    deferred_to=data["deferred_to"],
                )
            else:
                relief = services.relief_refuse(relief=relief, user=request.user, reasons=data["reasons"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = RELIEF_GRANTED if relief.state == "granted" else RELIEF_REFUSED
            messages.success(
                request, done.format(kind=relief.get_kind_display(), number=relief.notice.number)
            )
            return redirect("filing:filing_detail", pk=filing.pk)
    return render(
        request,
        "filing/relief/decide.html",
        {
            "filing": filing,
            "relief": relief,
            "form": form,
            "fee_total": yuan(filing.fee_total),
            "balance": fee_balance(filing),
        },
    )


@workplace_required("courthall.review_filings")
def unpaid_list(request: HttpRequest) -> HttpResponse:
    """逾期未交费（按撤诉处理待决定）: the court's filings whose fee is unpaid at the limit, earliest first.
    Online services recorded since the last look are stored first (payment_limits_sync)."""
    limits.payment_limits_sync(court=request.user.court)
    today = timezone.localdate()
    rows = list(unpaid_at_limit(user=request.user, today=today))
    for filing in rows:
        filing.days_over = (today - filing.payment_limit.due_on).days
        filing.balance_text = yuan(filing.balance)
    return render(request, "filing/relief/unpaid.html", {"rows": rows, "today": today})


@workplace_required("courthall.review_filings")
def unpaid_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision on one unpaid filing: the ruling 按撤诉处理, or keep the case with its reason."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    require(can_rule_on_unpaid_fee(filing, request.user))
    form = UnpaidDecisionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "withdraw":
                filing = limits.filing_treat_as_withdrawn(filing=filing, user=request.user)
                ruling = _latest_ruling(filing)
                messages.success(request, TREATED_WITHDRAWN.format(number=ruling))
            else:
                limits.payment_limit_keep(
                    filing=filing, user=request.user, reason=data["reason"], note=data["note"]
                )
                messages.success(request, KEPT.format(case_number=filing.case_number))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("filing:unpaid_list")
    return render(
        request,
        "filing/relief/unpaid_decide.html",
        {
            "filing": filing,
            "form": form,
            "panel": relief_panel(filing),
            "balance": fee_balance(filing),
            "today": timezone.localdate(),
        },
    )


def _latest_ruling(filing) -> str:
    return next((n.number for n in reversed(filing_notices(filing)) if n.kind == "treated_withdrawn"), "")
