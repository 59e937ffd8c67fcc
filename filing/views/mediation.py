"""Pre-filing mediation screens: send a filing to mediation, extend it, record its outcome, and the court's
list of mediations by due date (钢城承诺六: overdue ones in red).

Each view: parse, fetch through a selector (another court's filing is a 404), check the permission (403
with the reason) on GET, call one service (which checks again under the row lock), redirect.
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
from filing.forms.mediation import (
    MediationExtendForm,
    MediationReasonForm,
    MediationSettleForm,
    MediationStartForm,
)
from filing.models import ConsentMethod, Filing, MediationConsent
from filing.permissions import (
    can_act_on_mediation,
    can_consent_to_mediation_online,
    can_request_confirmation,
    can_review_filings,
    can_send_to_mediation,
    can_view_mediations,
)
from filing.selectors.filings import filing_get_for_user
from filing.selectors.mediation import mediation_list_for_court, mediation_of
from filing.selectors.portal import portal_filing_get_for_user
from filing.services import mediation as services
from filing.views.common import next_url, require

CONSENT_GIVEN = "您已同意诉前调解。法院安排调解后，您会在本页看到调解进展。"
MEDIATION_STARTED = "已转诉前调解，案号 {number}，调解期限至 {due:%Y年%m月%d日}。"
MEDIATION_EXTENDED = "调解期限已延长至 {due:%Y年%m月%d日}。"
MEDIATION_SETTLED = "已记录调解协议，诉前调解成功结案。"
CONFIRMATION_RECEIVED = "已收到司法确认申请（收件第{pk}号），请出具材料收据并审查立案。"
MEDIATION_WITHDRAWN = "当事人已撤回立案申请，诉前调解结束。"
MEDIATION_REGISTERED = (
    "诉前调解未达成协议，已转立案，案号 {case_number}。请打印受理案件通知书和交纳诉讼费用通知书交当事人。"
)


def mediation_context(filing: Filing, user) -> dict:
    """What the filing page shows about mediation: the panel and which of its actions `user` may take."""
    mediation = mediation_of(filing)
    today = timezone.localdate()
    acting = bool(can_act_on_mediation(filing, user))
    return {
        "mediation": mediation,
        "mediation_overdue": mediation is not None and mediation.is_overdue(today),
        "mediation_days_left": mediation.days_left(today) if mediation is not None else None,
        "mediation_days_over": -mediation.days_left(today) if mediation is not None else None,
        "may_mediate": {
            "start": bool(can_send_to_mediation(filing, user)),
            "act": acting,
            "extend": acting and mediation is not None and not mediation.is_overdue(today),
            "confirm": bool(can_request_confirmation(filing, user)),
        },
    }


def _back(request: HttpRequest, filing: Filing) -> HttpResponse:
    return redirect(next_url(request) or reverse("filing:filing_detail", args=[filing.pk]))


def _page(request, template: str, filing: Filing, form, **extra) -> HttpResponse:
    return render(
        request,
        template,
        {
            "filing": filing,
            "form": form,
            "mediation": mediation_of(filing),
            "next": next_url(request),
            **extra,
        },
    )


@workplace_required("courthall.review_filings")
def mediation_start(request: HttpRequest, pk: int) -> HttpResponse:
    filing = filing_get_for_user(pk=pk, user=request.user)
    if request.method != "POST":
        require(can_send_to_mediation(filing, request.user))
    portal_consent = MediationConsent.objects.filter(filing=filing).first()
    initial = (
        {"consent_by": portal_consent.name, "consent_method": ConsentMethod.PORTAL} if portal_consent else {}
    )
    form = MediationStartForm(request.POST or None, court=filing.court, initial=initial)
    if form.is_valid():
        try:
            mediation = services.mediation_start(filing=filing, user=request.user, **form.service_kwargs())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, MEDIATION_STARTED.format(number=mediation.number, due=mediation.due_on))
            return _back(request, filing)
    return _page(request, "filing/mediation/start.html", filing, form, portal_consent=portal_consent)


@workplace_required("courthall.review_filings")
def mediation_extend(request: HttpRequest, pk: int) -> HttpResponse:
    filing = filing_get_for_user(pk=pk, user=request.user)
    if request.method != "POST":
        require(can_act_on_mediation(filing, request.user))
    form = MediationExtendForm(request.POST or None)
    if form.is_valid():
        try:
            extension = services.mediation_extend(filing=filing, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, MEDIATION_EXTENDED.format(due=extension.new_due_on))
            return _back(request, filing)
    return _page(request, "filing/mediation/extend.html", filing, form)


@workplace_required("courthall.review_filings")
def mediation_settle(request: HttpRequest, pk: int) -> HttpResponse:
    filing = filing_get_for_user(pk=pk, user=request.user)
    if request.method != "POST":
        require(can_act_on_mediation(filing, request.user))
    form = MediationSettleForm(request.POST or None, initial={"agreement_on": timezone.localdate()})
    if form.is_valid():
        try:
            mediation = services.mediation_settle(filing=filing, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, MEDIATION_SETTLED)
            if mediation.confirmation_filing_id:
                messages.info(request, CONFIRMATION_RECEIVED.format(pk=mediation.confirmation_filing_id))
            return _back(request, filing)
    return _page(request, "filing/mediation/settle.html", filing, form)


def _outcome(request: HttpRequest, pk: int, *, service, heading: str, button: str, lead: str) -> HttpResponse:
    """Withdrawn or failed: a reason, then the service."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    if request.method != "POST":
        require(can_act_on_mediation(filing, request.user))
    form = MediationReasonForm(request.POST or None)
    if form.is_valid():
        try:
            result = service(filing=filing, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if service is services.mediation_fail:
                messages.success(request, MEDIATION_REGISTERED.format(case_number=result.case_number))
            else:
                messages.success(request, MEDIATION_WITHDRAWN)
            return _back(request, filing)
    return _page(
        request, "filing/mediation/outcome.html", filing, form, heading=heading, button=button, lead=lead
    )


@workplace_required("courthall.review_filings")
def mediation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _outcome(
        request,
        pk,
        service=services.mediation_withdraw,
        heading="诉前调解中撤回",
        button="确认撤回",
        lead="当事人撤回立案申请的，记录原因，诉前调解结束，退回材料。",
    )


@workplace_required("courthall.review_filings")
def mediation_fail(request: HttpRequest, pk: int) -> HttpResponse:
    return _outcome(
        request,
        pk,
        service=services.mediation_fail,
        heading="调解不成，转立案",
        button="调解不成，立即立案",
        lead="未达成调解协议的，直接登记立案（收件日期不变），出具受理案件通知书和交纳诉讼费用通知书。",
    )


@require_POST
@workplace_required("courthall.review_filings")
def mediation_time_out(request: HttpRequest, pk: int) -> HttpResponse:
    """One click on an overdue row: registered now, the click in the timeline (nothing happens silently)."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    try:
        filing = services.mediation_time_out(filing=filing, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, MEDIATION_REGISTERED.format(case_number=filing.case_number))
    return _back(request, filing)


@require_POST
@workplace_required("courthall.review_filings")
def mediation_confirmation(request: HttpRequest, pk: int) -> HttpResponse:
    filing = filing_get_for_user(pk=pk, user=request.user)
    try:
        application = services.mediation_request_confirmation(filing=filing, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _back(request, filing)
    messages.success(request, CONFIRMATION_RECEIVED.format(pk=application.pk))
    return redirect("filing:filing_detail", pk=application.pk)


@login_required
def mediation_list(request: HttpRequest) -> HttpResponse:
    """The court's mediations, the nearest limit first; past the limit without an outcome in red."""
    require(can_view_mediations(request.user))
    include_closed = request.GET.get("all") == "1"
    today = timezone.localdate()
    page = Paginator(mediation_list_for_court(user=request.user, include_closed=include_closed), 50).get_page(
        request.GET.get("page")
    )
    for mediation in page:
        mediation.overdue = mediation.is_overdue(today)
        mediation.left = mediation.days_left(today)
        mediation.over = -mediation.left
    return render(
        request,
        "filing/mediation/list.html",
        {
            "page": page,
            "today": today,
            "include_closed": include_closed,
            "overdue_count": mediation_list_for_court(user=request.user).filter(due_on__lt=today).count(),
            "may_act": bool(can_review_filings(request.user)),
        },
    )


@require_POST
@workplace_required("courthall.use_portal")
def portal_mediation_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """The filer's click agreeing to pre-filing mediation; refused ones go back with the reason."""
    filing = portal_filing_get_for_user(pk=pk, user=request.user)
    if not (decision := can_consent_to_mediation_online(filing, request.user)):
        messages.error(request, decision.reason)
    else:
        services.mediation_consent_online(filing=filing, user=request.user)
        messages.success(request, CONSENT_GIVEN)
    return redirect("filing:portal_filing", pk=filing.pk)
