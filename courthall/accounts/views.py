"""Registration and setting a password by SMS code (public), and the clerks' verification of lawyers and
interns.

Each view parses its form, fetches through a selector, checks the permission, calls one service and
redirects; a service's ValidationError re-shows the form with the message. The details waiting for their
SMS code stay in the session (the password only as its hash) until the code is confirmed; so does the
mobile a password is being set for.
"""

import mimetypes

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from courthall.accounts import services
from courthall.accounts.forms import (
    REGISTRATION_FORMS,
    CodeForm,
    PasswordCodeRequestForm,
    PasswordSetForm,
    RejectForm,
    VerifyForm,
)
from courthall.accounts.selectors import (
    portal_account_file_get_for_user,
    portal_account_get_for_verification,
    portal_account_list_awaiting_verification,
    portal_account_list_decided,
)
from courthall.models import PortalAccountKind
from courthall.permissions import workplace_required

SESSION_KEY = "courthall.portal_registration"
PASSWORD_SESSION_KEY = "courthall.password_setting"

CODE_SENT = "验证码已发送至手机 {mobile}，{minutes} 分钟内有效。"
REGISTRATION_EXPIRED = "注册信息已失效（可能已超时或已在其他页面完成），请重新填写。"
REGISTERED_PARTY = "注册成功，欢迎使用诉讼服务网。您现在就可以网上立案。"
REGISTERED_AGENT = (
    "注册成功。您现在可以准备立案材料；法院工作人员核验您上传的证件后，即可提交网上立案，"
    "核验结果将短信通知您。"
)
# One answer whether or not the mobile has an account: the page must not tell a stranger who is registered.
PASSWORD_CODE_SENT = "如该手机号已注册，验证码已发送至 {mobile}，{minutes} 分钟内有效。"
PASSWORD_CODE_RESENT = "如该手机号已注册，验证码已重新发送。"
PASSWORD_SETTING_EXPIRED = "请先填写手机号码获取验证码。"
PASSWORD_SET = "密码已设置，请用手机号码和新密码登录。您在其他设备上的登录已全部退出。"
ACCOUNT_VERIFIED = "已核验通过：{name}（{kind}）。"
ACCOUNT_REJECTED = "已作出不予通过的决定：{name}（{kind}），理由已短信告知申请人。"


def _masked(mobile: str) -> str:
    return f"{mobile[:3]}****{mobile[-4:]}"


def _pending(request: HttpRequest) -> services.Registration | None:
    data = request.session.get(SESSION_KEY)
    return services.Registration(**data) if data else None


# --- Registration -----------------------------------------------------------------------------------------


def register_choose(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "courthall/accounts/register_choose.html", {"kinds": PortalAccountKind})


@never_cache
def register(request: HttpRequest, kind: str) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    try:
        form_class = REGISTRATION_FORMS[PortalAccountKind(kind)]
    except ValueError:
        raise Http404 from None
    form = form_class(request.POST or None, request.FILES or None)
    if form.is_valid():
        try:
            registration = services.portal_registration_start(**form.service_kwargs())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[SESSION_KEY] = registration.as_dict()
            return redirect("accounts:register_confirm")
    return render(request, "courthall/accounts/register.html", {"form": form, "kind": form_class.kind})


@never_cache
def register_confirm(request: HttpRequest) -> HttpResponse:
    """The second step: the SMS code; `resend` in the POST asks for another code."""
    registration = _pending(request)
    if registration is None:
        messages.warning(request, REGISTRATION_EXPIRED)
        return redirect("accounts:register_choose")
    form = CodeForm()
    if request.method == "POST" and "resend" in request.POST:
        try:
            services.portal_registration_resend_code(registration=registration)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "已重新发送验证码。")
        return redirect("accounts:register_confirm")
    elif request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                account = services.portal_account_register(
                    registration=registration, code=form.cleaned_data["code"]
                )
            except ValidationError as error:
                # A refused code belongs to the code field; details taken meanwhile are the page's.
                field = None if hasattr(error, "error_dict") else "code"
                form.add_error(field, ValidationError(error.messages))
            else:
                del request.session[SESSION_KEY]
                login(request, account.user, backend="courthall.auth.CourthallBackend")
                welcome = REGISTERED_AGENT if account.needs_verification else REGISTERED_PARTY
                messages.success(request, welcome)
                return redirect("home")
    return render(
        request,
        "courthall/accounts/register_confirm.html",
        {
            "form": form,
            "registration": registration,
            "kind_label": PortalAccountKind(registration.kind).label,
            "code_sent": CODE_SENT.format(
                mobile=_masked(registration.mobile), minutes=settings.COURTHALL_SMS_CODE_MINUTES
            ),
        },
    )


# --- Setting a password by SMS code ----------------------------------------------------------------------


@never_cache
def password_reset(request: HttpRequest) -> HttpResponse:
    """忘记密码 / 首次设置密码, first step: the mobile. Every valid mobile goes on to the code page."""
    form = PasswordCodeRequestForm(request.POST or None)
    if form.is_valid():
        mobile = form.cleaned_data["mobile"]
        try:
            services.portal_password_code_send(mobile=mobile)
        except ValidationError as error:
            form.add_error("mobile", error)
        else:
            request.session[PASSWORD_SESSION_KEY] = mobile
            return redirect("accounts:password_reset_confirm")
    return render(request, "courthall/accounts/password_reset.html", {"form": form})


@never_cache
def password_reset_confirm(request: HttpRequest) -> HttpResponse:
    """Second step: the code and the new password; `resend` in the POST asks for another code."""
    mobile = request.session.get(PASSWORD_SESSION_KEY)
    if mobile is None:
        messages.warning(request, PASSWORD_SETTING_EXPIRED)
        return redirect("accounts:password_reset")
    form = PasswordSetForm(mobile=mobile)
    if request.method == "POST" and "resend" in request.POST:
        try:
            services.portal_password_code_send(mobile=mobile)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, PASSWORD_CODE_RESENT)
        return redirect("accounts:password_reset_confirm")
    elif request.method == "POST":
        form = PasswordSetForm(request.POST, mobile=mobile)
        if form.is_valid():
            try:
                services.portal_password_set(
                    mobile=mobile, code=form.cleaned_data["code"], password=form.cleaned_data["password1"]
                )
            except ValidationError as error:
                form.add_error("code", error)
            else:
                # The new hash ends every earlier session, and this one too (no update_session_auth_hash),
                # whoever was signed in here: the person signs in afresh with the new password. logout()
                # also empties the session of the mobile.
                logout(request)
                messages.success(request, PASSWORD_SET)
                return redirect("login")
    return render(
        request,
        "courthall/accounts/password_reset_confirm.html",
        {
            "form": form,
            "code_sent": PASSWORD_CODE_SENT.format(
                mobile=_masked(mobile), minutes=settings.COURTHALL_SMS_CODE_MINUTES
            ),
        },
    )


# --- Verification -----------------------------------------------------------------------------------------


def _verification_page(request: HttpRequest, *, reject_forms=None) -> HttpResponse:
    accounts = list(portal_account_list_awaiting_verification())
    reject_forms = reject_forms or {}
    for account in accounts:
        account.reject_form = reject_forms.get(account.pk) or RejectForm(prefix=f"reject-{account.pk}")
        account.verify_form = VerifyForm(prefix=f"verify-{account.pk}")
        account.copies = [
            {"name": name, "label": account._meta.get_field(name).verbose_name, "is_image": _is_image(file)}
            for name in services.KIND_FILES[PortalAccountKind(account.kind)]
            if (file := getattr(account, name))
        ]
    return render(
        request,
        "courthall/accounts/verification.html",
        {"accounts": accounts, "decided": portal_account_list_decided()},
    )


def _is_image(field_file) -> bool:
    return (mimetypes.guess_type(field_file.name)[0] or "").startswith("image/")


@workplace_required("courthall.verify_portal_accounts")
def verification_list(request: HttpRequest) -> HttpResponse:
    return _verification_page(request)


@require_POST
@workplace_required("courthall.verify_portal_accounts")
def account_verify(request: HttpRequest, pk: int) -> HttpResponse:
    account = portal_account_get_for_verification(pk=pk)
    form = VerifyForm(request.POST, prefix=f"verify-{pk}")
    if form.is_valid():
        try:
            services.portal_account_verify(account=account, user=request.user, note=form.cleaned_data["note"])
        except PermissionDenied as error:
            messages.warning(request, str(error))
        else:
            messages.success(
                request, ACCOUNT_VERIFIED.format(name=account.user, kind=account.get_kind_display())
            )
    return redirect("accounts:verification_list")


@require_POST
@workplace_required("courthall.verify_portal_accounts")
def account_reject(request: HttpRequest, pk: int) -> HttpResponse:
    account = portal_account_get_for_verification(pk=pk)
    form = RejectForm(request.POST, prefix=f"reject-{pk}")
    if form.is_valid():
        try:
            services.portal_account_reject(
                account=account, user=request.user, reason=form.cleaned_data["reason"]
            )
        except PermissionDenied as error:
            messages.warning(request, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, ACCOUNT_REJECTED.format(name=account.user, kind=account.get_kind_display())
            )
        if form.is_valid():
            return redirect("accounts:verification_list")
    return _verification_page(request, reject_forms={pk: form})


@login_required
def account_file(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """A copy, shown in the browser (inline) to its owner and to clerks; a 404 for anyone else."""
    field_file = portal_account_file_get_for_user(pk=pk, name=name, user=request.user)
    content_type = mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    response = FileResponse(field_file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    return response
