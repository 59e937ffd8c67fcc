"""肩并肩 at the counter: the clerk opens a party's account and draft, and takes the party's confirmation.

The party's details wait in the clerk's session for the code (nothing else is stored before it); each
view parses, selects (a draft the clerk does not help with is a 404), checks, calls one service and
redirects. A refused code or detail re-shows the page with the message.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from courthall.accounts.forms import CodeForm
from courthall.permissions import workplace_required
from filing.forms.side_by_side import SideBySideForm
from filing.permissions import can_confirm_draft_for_party
from filing.selectors.drafts import draft_get_for_user
from filing.selectors.visits import visit_get_for_user
from filing.services import side_by_side as services

SESSION_KEY = "filing.side_by_side"

CODE_SENT = "验证码已发送至当事人手机 {mobile}，{minutes} 分钟内有效。请当事人读出验证码，或请其本人输入。"
CODE_RESENT = "已重新发送验证码。"
PENDING_EXPIRED = "窗口协助办理的信息已失效（可能已在其他页面完成），请重新填写当事人信息。"
ACCOUNT_OPENED = (
    "已为当事人{name}开通诉讼服务网账号（登录名为其手机号码），并新建立案草稿。请协助填写立案信息。"
)
ACCOUNT_USED = "当事人{name}已有诉讼服务网账号，已使用该账号新建立案草稿。请协助填写立案信息。"
CONFIRM_CODE_SENT = (
    "确认验证码已发送至当事人手机 {mobile}。短信中写明了所提交的立案申请，请当事人核对后读出验证码。"
)
PARTY_CONFIRMED = "当事人已用短信验证码确认立案内容，现在可以提交。"


def _masked(mobile: str) -> str:
    return f"{mobile[:3]}****{mobile[-4:]}"


def _pending(request: HttpRequest) -> services.SideBySide | None:
    data = request.session.get(SESSION_KEY)
    if not data or data.get("clerk_id") != request.user.pk:
        return None
    return services.SideBySide(**data)


def _code_error(form: CodeForm, error: ValidationError) -> None:
    # A refused code belongs to the code field; details taken meanwhile are the page's.
    field = None if hasattr(error, "error_dict") else "code"
    form.add_error(field, ValidationError(error.messages))


@never_cache
@workplace_required("courthall.work_counter")
def side_by_side(request: HttpRequest) -> HttpResponse:
    """Step 1: the party's name, identity number and mobile (filled from a visit when `?visit=` names one)."""
    initial = {}
    if request.method == "GET" and (visit_pk := request.GET.get("visit", "")).isdigit():
        visit = visit_get_for_user(pk=int(visit_pk), user=request.user)
        initial = {
            "full_name": visit.visitor_name,
            "id_number": visit.visitor_id_number,
            "mobile": visit.visitor_phone,
        }
    form = SideBySideForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            pending = services.side_by_side_start(
                clerk=request.user,
                full_name=form.cleaned_data["full_name"],
                id_number=form.cleaned_data["id_number"],
                mobile=form.cleaned_data["mobile"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[SESSION_KEY] = pending.as_dict()
            return redirect("filing:side_by_side_code")
    return render(request, "filing/side_by_side/start.html", {"form": form})


@never_cache
@workplace_required("courthall.work_counter")
def side_by_side_code(request: HttpRequest) -> HttpResponse:
    """Step 2: the code the party reads out; `resend` in the POST asks for another."""
    pending = _pending(request)
    if pending is None:
        messages.warning(request, PENDING_EXPIRED)
        return redirect("filing:side_by_side")
    form = CodeForm()
    if request.method == "POST" and "resend" in request.POST:
        try:
            services.side_by_side_resend_code(pending=pending, clerk=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, CODE_RESENT)
        return redirect("filing:side_by_side_code")
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                opened = services.side_by_side_open(
                    pending=pending, code=form.cleaned_data["code"], clerk=request.user
                )
            except ValidationError as error:
                _code_error(form, error)
            else:
                del request.session[SESSION_KEY]
                welcome = ACCOUNT_OPENED if opened.account_opened else ACCOUNT_USED
                messages.success(request, welcome.format(name=pending.full_name))
                return redirect("filing:draft_edit", opened.draft.pk)
    return render(
        request,
        "filing/side_by_side/code.html",
        {
            "form": form,
            "pending": pending,
            "code_sent": CODE_SENT.format(
                mobile=_masked(pending.mobile), minutes=settings.COURTHALL_SMS_CODE_MINUTES
            ),
        },
    )


@never_cache
@workplace_required("courthall.work_counter")
def draft_party_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirm step of a helped draft: a fresh code to the party's phone, read out to the clerk."""
    draft = draft_get_for_user(pk=pk, user=request.user)
    if not (decision := can_confirm_draft_for_party(draft, request.user)):
        raise PermissionDenied(decision.reason)
    form = CodeForm()
    if request.method == "POST" and "send" in request.POST:
        try:
            services.draft_send_party_code(draft=draft, clerk=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, CONFIRM_CODE_SENT.format(mobile=_masked(draft.owner.mobile)))
        return redirect("filing:draft_party_confirm", draft.pk)
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                services.draft_confirm_by_party(
                    draft=draft, code=form.cleaned_data["code"], clerk=request.user
                )
            except ValidationError as error:
                _code_error(form, error)
            else:
                messages.success(request, PARTY_CONFIRMED)
                return redirect("filing:draft_edit", draft.pk)
    data = draft.data if isinstance(draft.data, dict) else {}
    return render(
        request,
        "filing/side_by_side/confirm.html",
        {
            "draft": draft,
            "form": form,
            "parties": [p for p in data.get("parties", []) if isinstance(p, dict)]
            if isinstance(data.get("parties"), list)
            else [],
            "claims": str(data.get("claims", "")),
            "uploads": draft.uploads.order_by("pk"),
            "confirmed": draft.party_confirmed_at is not None and draft.party_confirmation_valid,
            "mobile": _masked(draft.owner.mobile),
        },
    )
