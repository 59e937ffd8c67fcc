"""The clerk's filing screens: receive a filing, look at it, decide on it, and the review queue.

Each view: parse the form, fetch through a selector (another court's filing is a 404), check the
permission (403 with the reason), call one service, redirect (POST-redirect-GET). A service's
ValidationError re-shows the page with every message at the top and everything typed still there.

The role is checked first (workplace_required: a judge asking to register gets a 403 before any filing is
looked up). On GET the permission function decides whether the form is offered at all. On POST the
state part of the check is left to the service, which runs the same permission function under the row
lock: a second click on 立案 is then told who registered the filing and when (ALREADY_DECIDED), the same
answer whether it arrived a second or a minute after the first.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from courthall.permissions import workplace_required
from filing import fees
from filing.forms.filings import (
    REFUSAL_TEMPLATES,
    CorrectionIntake,
    FilingIntake,
    JurisdictionForm,
    MaterialsIntake,
    RefuseForm,
    WithdrawForm,
    case_type_from,
    refuse_initial,
)
from filing.forms.review import PhoneCallForm
from filing.models import Channel, Filing, FilingState, MaterialItem
from filing.permissions import (
    can_decide_filing,
    can_receive_materials,
    can_refuse_filing,
    can_register_filing,
    can_view_filing,
    can_work_counter,
)
from filing.selectors.assignment import assignment_panel
from filing.selectors.enforcement import enforcement_panel
from filing.selectors.filings import (
    filing_get_for_user,
    filing_is_overdue,
    filing_material_status,
    filing_notices,
    filing_parties_in_order,
    filing_review_queue,
    filing_timeline,
)
from filing.selectors.visits import visit_get_for_user
from filing.services import filings as services
from filing.services.assignment import assignment_mark_seen
from filing.views.common import next_url, require, yuan
from filing.views.enforcement import inline_effectiveness_form
from filing.views.ledger import fee_panel
from filing.views.mediation import mediation_context
from filing.views.relief import relief_context

FILING_RECEIVED = "已收到{who}的立案材料，出具材料收据。请打印收据交当事人。"
FILING_REGISTERED = "已立案，案号 {case_number}。请打印受理案件通知书和交纳诉讼费用通知书交当事人。"
FILING_REGISTERED_ENFORCEMENT = (
    "已立案执行，案号 {case_number}。请打印受理执行案件通知书交申请执行人；申请执行费执行后交纳。"
)
FILING_DEFERRED = "已转入待审查，审查期限至 {due}。"
FILING_DEFERRED_NO_LIMIT = "已转入待审查。"
CORRECTION_ISSUED = (
    "已出具补正材料通知书，共 {count} 项，补正期限至 {deadline:%Y年%m月%d日}。请打印交当事人。"
)
CORRECTIONS_RECEIVED = "已收到补正材料并出具收据；审查期限自今日重新计算{due}。"
FILING_RETURNED = "已按逾期未补正退回材料并记录在册。"
FILING_REFUSED = "已作出不予受理裁定。请打印裁定书交起诉人。"
FILING_NOT_COMPETENT = "已告知向{court}起诉。请打印告知书交当事人。"
FILING_WITHDRAWN = "立案申请已撤回。"


def _decided(request: HttpRequest, filing: Filing) -> HttpResponse:
    """After a decision: back where the clerk came from (a safe `next`), else to the filing's page."""
    return redirect(next_url(request) or reverse("filing:filing_detail", args=[filing.pk]))


def _days_left(filing: Filing, today) -> int | None:
    return (filing.decision_due_on - today).days if filing.decision_due_on else None


def _handed_items(filing: Filing) -> list[MaterialItem]:
    return [item for round_ in filing.rounds.all() for item in round_.items.all()]


# --- Receive --------------------------------------------------------------------------------------


@workplace_required("courthall.work_counter")
def filing_new(request: HttpRequest) -> HttpResponse:
    """One page for a filing handed in at the window; `?visit=<pk>` links it to the visit it came from,
    `?case_type=<pk>` starts with that type's checklist."""
    visit = None
    if "visit" in request.GET:
        try:
            visit = visit_get_for_user(pk=int(request.GET["visit"]), user=request.user)
        except ValueError:
            raise Http404 from None
    intake = FilingIntake(
        request.POST if request.method == "POST" else None,
        case_type=case_type_from(request.GET.get("case_type")),
        submitter_initial=visit.visitor_name if visit else "",
    )
    if intake.is_valid():
        try:
            filing = services.filing_receive(user=request.user, visit=visit, **intake.service_kwargs())
        except ValidationError as error:
            intake.add_error(error)
        else:
            messages.success(request, FILING_RECEIVED.format(who=filing.rounds.get().submitter_name))
            # 诉讼费用交纳办法 art. 48: a relief application made with the complaint is taken next.
            if request.POST.get("apply_relief"):
                return redirect("filing:relief_apply", pk=filing.pk)
            return redirect("filing:filing_detail", pk=filing.pk)
    return render(request, "filing/filings/new.html", {"intake": intake, "visit": visit})


# --- Look -----------------------------------------------------------------------------------------


@login_required
def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    filing = filing_get_for_user(pk=pk, user=request.user)
    today = timezone.localdate()
    user = request.user
    awaiting = filing.state == FilingState.AWAITING_CORRECTION
    corrections = list(filing.corrections.all())
    latest_correction = corrections[-1] if corrections else None
    notices = filing_notices(filing)
    deliveries = {notice.pk: notice.delivery for notice in notices if notice.delivery}
    panel = enforcement_panel(filing)
    assignment_mark_seen(filing=filing, user=user)  # the judge opened it: no longer 新 on 我的案件
    return render(
        request,
        "filing/filings/detail.html",
        {
            "filing": filing,
            "parties": filing_parties_in_order(filing),
            "amount": yuan(filing.amount_in_dispute),
            "fee_total": yuan(filing.fee_total),
            "today": today,
            "overdue": filing_is_overdue(filing, today=today),
            "days_left": _days_left(filing, today),
            "statuses": filing_material_status(filing),
            "corrections": corrections,
            "notices": notices,
            "timeline": filing_timeline(filing, notices, deliveries),
            "enforcement": panel,
            "effectiveness_form": inline_effectiveness_form(filing, panel, user),
            "ledger": fee_panel(filing, user),
            "may": {
                "decide": can_decide_filing(filing, user),
                "register": can_register_filing(filing, user),
                "decide_later": can_decide_filing(filing, user) and filing.state == FilingState.RECEIVED,
                "refuse": can_refuse_filing(filing, user),
                "receive_corrections": awaiting and can_receive_materials(filing, user),
                "lapse": awaiting
                and can_work_counter(user)
                and latest_correction is not None
                and today > latest_correction.deadline_on,
                "withdraw": can_receive_materials(filing, user),
            },
            "latest_correction": latest_correction,
            "relief": relief_context(filing, user),
            "assignment": assignment_panel(filing, user),
            **mediation_context(filing, user),
        },
    )


@login_required
def filing_queue(request: HttpRequest) -> HttpResponse:
    """The court's open filings, the nearest stored limit first (登记立案规定 art. 8)."""
    require(can_view_filing(None, request.user))
    today = timezone.localdate()
    page = Paginator(filing_review_queue(user=request.user), 50).get_page(request.GET.get("page"))
    for filing in page:
        filing.overdue = filing_is_overdue(filing, today=today)
        filing.days_left = _days_left(filing, today)
    return render(
        request,
        "filing/filings/queue.html",
        {"page": page, "today": today, "may_receive": can_work_counter(request.user)},
    )


# --- Decide ---------------------------------------------------------------------------------------


@workplace_required("courthall.review_filings")
def filing_register(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then register: the case number, the acceptance notice and the fee notice at once."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    panel = enforcement_panel(filing)
    error = None
    if request.method == "POST":
        try:
            filing = services.filing_register(filing=filing, user=request.user)
        except ValidationError as refused:
            error = refused
            filing = filing_get_for_user(pk=pk, user=request.user)  # as the other click left it
        else:
            registered = FILING_REGISTERED_ENFORCEMENT if panel is not None else FILING_REGISTERED
            messages.success(request, registered.format(case_number=filing.case_number))
            return _decided(request, filing)
    else:
        require(can_decide_filing(filing, request.user))
    fee_kind, fee, fee_error = None, None, None
    # A 执 filing waits for 确认生效 (钢城承诺四): the page says so instead of offering the button.
    decision = can_register_filing(filing, request.user)
    if decision:
        try:
            fee_kind, fee = services.filing_fee_due(filing)
        except ValidationError as problem:
            fee_error = problem
    today = timezone.localdate()
    return render(
        request,
        "filing/filings/register.html",
        {
            "filing": filing,
            "decision": decision,
            "errors": error.messages if error else [],
            "fee": fee,
            "fee_label": fees.FEE_KINDS.get(fee_kind, ""),
            "fee_total": yuan(fee.total if fee else None),
            "amount": yuan(filing.amount_in_dispute),
            "fee_lines": [(label, fees.format_yuan(amount)) for label, amount in fee.lines] if fee else [],
            "fee_errors": fee_error.messages if fee_error else [],
            "overdue": filing_is_overdue(filing, today=today),
            "year": today.year,
            "evidence_notice": services.filing_gets_evidence_notice(filing),
            "next": next_url(request),
            "enforcement": panel,
        },
    )


@require_POST
@workplace_required("courthall.review_filings")
def filing_decide_later(request: HttpRequest, pk: int) -> HttpResponse:
    filing = filing_get_for_user(pk=pk, user=request.user)
    try:
        filing = services.filing_decide_later(filing=filing, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        due = filing.decision_due_on
        messages.success(
            request, FILING_DEFERRED.format(due=f"{due:%Y年%m月%d日}") if due else FILING_DEFERRED_NO_LIMIT
        )
    return _decided(request, filing)


@workplace_required("courthall.review_filings")
def filing_correction(request: HttpRequest, pk: int) -> HttpResponse:
    """The one-time correction notice (登记立案规定 art. 7), its rows prefilled with what is missing."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    if request.method != "POST":
        require(can_decide_filing(filing, request.user))
    statuses = filing_material_status(filing)
    data = request.POST if request.method == "POST" else None
    intake = CorrectionIntake(data, filing=filing, statuses=statuses, handed=_handed_items(filing))
    # 舞钢规范第七条: an online filing's filer is also phoned; the call is recorded with the notice.
    phone = (
        PhoneCallForm(data, filing=filing, quiet=intake.quiet) if filing.channel == Channel.ONLINE else None
    )
    if all([intake.is_valid(), phone is None or phone.is_valid()]):  # both checked: every message at once
        try:
            correction = services.filing_return_for_correction(
                filing=filing,
                user=request.user,
                phone_call=phone.as_input() if phone else None,
                **intake.service_kwargs(),
            )
        except ValidationError as error:
            intake.add_error(error)
        else:
            messages.success(
                request,
                CORRECTION_ISSUED.format(count=correction.items.count(), deadline=correction.deadline_on),
            )
            return _decided(request, filing)
    corrections = list(filing.corrections.all())
    return render(
        request,
        "filing/filings/correction.html",
        {
            "filing": filing,
            "intake": intake,
            "statuses": statuses,
            "follow_up": bool(corrections),
            "corrections": corrections,
            "phone": phone,
            "uploads": [upload for round_ in filing.rounds.all() for upload in round_.uploads.all()],
            "next": next_url(request),
        },
    )


@workplace_required("courthall.work_counter")
def filing_corrections_received(request: HttpRequest, pk: int) -> HttpResponse:
    """The party brings the corrections: a new round of materials with its own receipt."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    if request.method != "POST":
        require(can_receive_materials(filing, request.user))
    intake = MaterialsIntake(
        request.POST if request.method == "POST" else None, statuses=filing_material_status(filing)
    )
    if intake.is_valid():
        try:
            filing = services.filing_receive_corrections(
                filing=filing,
                user=request.user,
                materials=intake.materials(),
                submitter_name=intake.submitter.cleaned_data["submitter_name"],
            )
        except ValidationError as error:
            intake.add_error(error)
        else:
            due = f"，至 {filing.decision_due_on:%Y年%m月%d日}" if filing.decision_due_on else ""
            messages.success(request, CORRECTIONS_RECEIVED.format(due=due))
            return redirect("filing:filing_detail", pk=filing.pk)
    corrections = list(filing.corrections.all())
    return render(
        request,
        "filing/filings/corrections_received.html",
        {
            "filing": filing,
            "intake": intake,
            "latest_correction": corrections[-1] if corrections else None,
        },
    )


@workplace_required("courthall.work_counter")
def filing_lapse(request: HttpRequest, pk: int) -> HttpResponse:
    """The correction period passed without corrections: return the materials (登记立案规定 art. 7)."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    if request.method != "POST":
        require(can_receive_materials(filing, request.user))
    errors = []
    if request.method == "POST":
        try:
            services.filing_lapse_correction(filing=filing, user=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, FILING_RETURNED)
            return redirect("filing:filing_detail", pk=filing.pk)
    corrections = list(filing.corrections.all())
    return render(
        request,
        "filing/filings/lapse.html",
        {"filing": filing, "errors": errors, "latest_correction": corrections[-1] if corrections else None},
    )


@workplace_required("courthall.review_filings")
def filing_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    """A ruling not to accept (登记立案规定 art. 9): a reason template fills in reasons and basis."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    if request.method == "POST":
        form = RefuseForm(request.POST)
    else:
        require(can_refuse_filing(filing, request.user))
        form = RefuseForm(initial=refuse_initial(request.GET.get("template")))
    if form.is_valid():
        try:
            services.filing_refuse(
                filing=filing,
                user=request.user,
                reasons=form.cleaned_data["reasons"],
                legal_basis=form.cleaned_data["legal_basis"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, FILING_REFUSED)
            return _decided(request, filing)
    return render(
        request,
        "filing/filings/refuse.html",
        {"filing": filing, "form": form, "templates": REFUSAL_TEMPLATES, "next": next_url(request)},
    )


@workplace_required("courthall.review_filings")
def filing_jurisdiction(request: HttpRequest, pk: int) -> HttpResponse:
    """Not this court's case (钢城承诺四): name the competent court; the materials go back."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    if request.method != "POST":
        require(can_decide_filing(filing, request.user))
    form = JurisdictionForm(request.POST or None)
    if form.is_valid():
        try:
            filing = services.filing_decline_jurisdiction(
                filing=filing, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, FILING_NOT_COMPETENT.format(court=filing.competent_court))
            return _decided(request, filing)
    return render(
        request,
        "filing/filings/jurisdiction.html",
        {"filing": filing, "form": form, "next": next_url(request)},
    )


@workplace_required("courthall.work_counter")
def filing_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    filing = filing_get_for_user(pk=pk, user=request.user)
    if request.method != "POST":
        require(can_receive_materials(filing, request.user))
    form = WithdrawForm(request.POST or None)
    if form.is_valid():
        try:
            services.filing_withdraw(filing=filing, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, FILING_WITHDRAWN)
            return redirect("filing:filing_detail", pk=filing.pk)
    return render(request, "filing/filings/withdraw.html", {"filing": filing, "form": form})
