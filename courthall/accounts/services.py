"""Every write on portal accounts: registration in two steps, and a clerk's verification.

Registration: `portal_registration_start` checks the details, stores the copies and sends a code to the
mobile; the caller keeps the returned Registration (the session does) until the person types the code,
and `portal_account_register` then creates the User and the PortalAccount. Nothing but the copies is
written before the code is confirmed, and the password is kept only as its hash.

Verification (seed 000 第八条: lawyers file without the party present; copies of the licence suffice, and
intern lawyers may file with the intern certificate and a letter of their firm): a clerk verifies a
lawyer's or an intern's account once, or refuses it with a reason the person is told by SMS.

Setting a password by SMS code (a forgotten one, or the first one of an account a clerk opened at the
counter): `portal_password_code_send` answers alike for every mobile and texts a code only to a portal
user's confirmed mobile; `portal_password_set` takes that code and the new password. Staff passwords are
the administrator's and are never set this way.
"""

import mimetypes
from dataclasses import asdict, dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from courthall import roles
from courthall.accounts.permissions import can_verify_account
from courthall.accounts.selectors import portal_user_get_for_password_setting
from courthall.models import CodePurpose, PortalAccount, PortalAccountKind, User
from courthall.sms import send_code, sms_send, verify_code

MOBILE_TAKEN = "该手机号码已经注册过账号，请直接登录。忘记密码请点击登录页的“忘记密码 / 首次设置密码”。"
ID_NUMBER_TAKEN = (
    "该身份证号码已经注册过账号，请直接登录。忘记密码请点击登录页的“忘记密码 / 首次设置密码”，"
    "或联系法院诉讼服务中心（12368）。"
)
LICENCE_NUMBER_TAKEN = "该律师执业证号已经注册过账号。如果不是您本人注册的，请联系法院诉讼服务中心。"
INTERN_CERTIFICATE_TAKEN = "该实习证编号已经注册过账号。如果不是您本人注册的，请联系法院诉讼服务中心。"
REGISTRATION_RACE = "您填写的手机号码、身份证号码或证号刚刚被另一个账号注册，请核对后重新注册。"
REJECT_REASON_REQUIRED = "请填写不予通过的理由：申请人会收到这条理由，以便补正后重新申请。"

VERIFIED_SMS = "您在诉讼服务网注册的{kind}账号已通过身份核验，现在可以提交网上立案。"
OPENED_AT_COUNTER_SMS = (
    "您的诉讼服务网当事人账号已由{court}窗口工作人员协助开通，登录名为本手机号码，"
    "法院的通知将发送到该账号。需要自己登录时，请在诉讼服务网登录页点击“忘记密码 / 首次设置密码”，"
    "输入本手机号码获取验证码，设置您的登录密码。"
)
REJECTED_SMS = "您在诉讼服务网注册的{kind}账号未通过身份核验，理由：{reason}。如有疑问请拨打 12368。"
SET_PASSWORD_CODE_TEXT = (
    "您正在设置诉讼服务网登录密码，验证码为 {code}，{minutes} 分钟内有效。"
    "请勿将验证码告诉任何人；法院工作人员不会向您索要验证码。如非本人操作，请忽略本短信。"
)
PASSWORD_SET_SMS = "您的诉讼服务网账号密码已于{at:%Y年%m月%d日 %H:%M}修改；如非本人操作请致电12368。"
PASSWORD_NOT_SETTABLE = "该账号目前不能通过短信验证码设置密码，请联系法院诉讼服务中心（12368）。"

KIND_ROLES = {
    PortalAccountKind.LAWYER: roles.LAWYER,
    PortalAccountKind.INTERN: roles.INTERN_LAWYER,
    PortalAccountKind.PARTY: roles.PARTY,
}
# The copies each kind hands in, by PortalAccount field.
KIND_FILES = {
    PortalAccountKind.LAWYER: ("licence_copy",),
    PortalAccountKind.INTERN: ("intern_certificate", "firm_letter"),
    PortalAccountKind.PARTY: (),
}


@dataclass
class Registration:
    """The details of a registration waiting for its SMS code; plain data, so that the session keeps it."""

    kind: str
    full_name: str
    id_number: str
    mobile: str
    password_hash: str
    firm: str = ""
    licence_number: str = ""
    intern_certificate_number: str = ""
    files: dict[str, str] = field(default_factory=dict)  # PortalAccount field → name in storage

    def as_dict(self) -> dict:
        return asdict(self)


def portal_registration_check(
    *, mobile: str, id_number: str, licence_number: str = "", intern_certificate_number: str = ""
) -> None:
    """Refuse details another account already holds, each with its own message (ValidationError by field)."""
    errors = {}
    if User.objects.filter(Q(username=mobile) | Q(mobile=mobile, portal_account__isnull=False)).exists():
        errors["mobile"] = ValidationError(MOBILE_TAKEN, code="taken")
    if PortalAccount.objects.filter(id_number=id_number).exists():
        errors["id_number"] = ValidationError(ID_NUMBER_TAKEN, code="taken")
    if licence_number and PortalAccount.objects.filter(licence_number=licence_number).exists():
        errors["licence_number"] = ValidationError(LICENCE_NUMBER_TAKEN, code="taken")
    if (
        intern_certificate_number
        and PortalAccount.objects.filter(intern_certificate_number=intern_certificate_number).exists()
    ):
        errors["intern_certificate_number"] = ValidationError(INTERN_CERTIFICATE_TAKEN, code="taken")
    if errors:
        raise ValidationError(errors)


def portal_registration_start(
    *,
    kind: str,
    full_name: str,
    id_number: str,
    mobile: str,
    password_hash: str,
    firm: str = "",
    licence_number: str = "",
    intern_certificate_number: str = "",
    files: dict | None = None,
) -> Registration:
    """Check the details, send the code, store the copies; return what the second step needs.

    `files` maps PortalAccount file fields to uploads already checked (courthall.uploads). A refused code
    (asked too often) raises ValidationError before any copy is stored.
    """
    portal_registration_check(
        mobile=mobile,
        id_number=id_number,
        licence_number=licence_number,
        intern_certificate_number=intern_certificate_number,
    )
    try:
        send_code(mobile=mobile, purpose=CodePurpose.REGISTER)
    except ValidationError as error:
        raise ValidationError({"mobile": error}) from None
    stored = {name: _store_copy(name, upload) for name, upload in (files or {}).items()}
    return Registration(
        kind=kind,
        full_name=full_name,
        id_number=id_number,
        mobile=mobile,
        password_hash=password_hash,
        firm=firm,
        licence_number=licence_number,
        intern_certificate_number=intern_certificate_number,
        files=stored,
    )


def portal_registration_resend_code(*, registration: Registration) -> None:
    """Another code for a registration waiting for one (the first expired or did not arrive)."""
    send_code(mobile=registration.mobile, purpose=CodePurpose.REGISTER)


def portal_account_register(*, registration: Registration, code: str) -> PortalAccount:
    """Confirm the mobile with `code` and create the account: usable at once by a party, by a lawyer or an
    intern for drafts until a clerk verifies it. Raises ValidationError for a refused code or details that
    another account took meanwhile. Call outside a transaction (courthall.sms.verify_code)."""
    portal_registration_check(
        mobile=registration.mobile,
        id_number=registration.id_number,
        licence_number=registration.licence_number,
        intern_certificate_number=registration.intern_certificate_number,
    )
    verify_code(mobile=registration.mobile, purpose=CodePurpose.REGISTER, code=code)
    return _account_create(registration, history_user=None, reason="注册账号")


def portal_party_account_open(*, full_name: str, id_number: str, mobile: str, clerk: User) -> PortalAccount:
    """肩并肩: `clerk` opens a party's account at the counter, after the party has confirmed `mobile` with
    a code (the caller verified it). The password is unusable: nobody, the clerk included, can sign in
    as the party until a password is set (today through the service centre, as for a forgotten one). Raises
    ValidationError (by field) when another account holds the mobile or the identity number."""
    portal_registration_check(mobile=mobile, id_number=id_number)
    registration = Registration(
        kind=PortalAccountKind.PARTY,
        full_name=full_name,
        id_number=id_number,
        mobile=mobile,
        password_hash=make_password(None),
    )
    with transaction.atomic():
        account = _account_create(registration, history_user=clerk, reason=f"窗口工作人员{clerk}协助开通账号")
        sms_send(
            mobile=mobile, text=OPENED_AT_COUNTER_SMS.format(court=clerk.court), purpose="窗口协助开通账号"
        )
    return account


def portal_password_code_send(*, mobile: str) -> None:
    """Text a code for setting the password to `mobile` if it is a portal user's confirmed mobile.

    For any other mobile (no account, a staff member's) no SMS goes out, but a code that nothing matches
    is recorded under the same limits: asking again too soon, or typing a code, then reads the same for
    every mobile, and the page tells nobody who has an account. Raises ValidationError (code
    "rate_limited") alike for all.
    """
    user = portal_user_get_for_password_setting(mobile=mobile)
    send_code(
        mobile=mobile, purpose=CodePurpose.SET_PASSWORD, text=SET_PASSWORD_CODE_TEXT, deliver=user is not None
    )


def portal_password_set(*, mobile: str, code: str, password: str) -> User:
    """Set the password of the portal user of `mobile`, proved by the code `portal_password_code_send`
    texted; tell them by SMS. The password hash changes, so every session signed in before ends (Django
    checks the hash on each request) — this one included: the person signs in afresh.

    Raises ValidationError for a password Django's validators refuse (before the code is tried, so that the
    code is not spent) and for a refused code; nothing changes then. Call outside a transaction
    (courthall.sms.verify_code).
    """
    # The similarity validator compares with the username, which is the mobile for every portal user.
    validate_password(password, user=User(username=mobile, mobile=mobile))
    verify_code(mobile=mobile, purpose=CodePurpose.SET_PASSWORD, code=code)
    with transaction.atomic():
        user = portal_user_get_for_password_setting(mobile=mobile)
        if user is None:  # deactivated, or made staff, after the code was sent
            raise ValidationError(PASSWORD_NOT_SETTABLE, code="not_settable")
        user = User.objects.select_for_update().get(pk=user.pk)
        first = not user.has_usable_password()
        user.set_password(password)
        user.save(update_fields=["password"])
        # User keeps no history; the account's history records who set the password, and when.
        _save(_locked(user.portal_account), user, "首次设置登录密码" if first else "重设登录密码")
        sms_send(
            mobile=user.mobile,
            text=PASSWORD_SET_SMS.format(at=timezone.localtime()),
            purpose="登录密码修改提醒",
        )
    return user


def _account_create(registration: Registration, *, history_user: User | None, reason: str) -> PortalAccount:
    """The User and its PortalAccount, mobile confirmed now; ValidationError if a detail was taken
    meanwhile."""
    role = KIND_ROLES[PortalAccountKind(registration.kind)]
    try:
        with transaction.atomic():
            user = User(
                username=registration.mobile,
                full_name=registration.full_name,
                mobile=registration.mobile,
                password=registration.password_hash,
            )
            user.full_clean()
            user.save()
            user.groups.add(Group.objects.get(name=role.group_name))
            account = PortalAccount(
                user=user,
                kind=registration.kind,
                id_number=registration.id_number,
                mobile_confirmed_at=timezone.now(),
                firm=registration.firm,
                licence_number=registration.licence_number,
                intern_certificate_number=registration.intern_certificate_number,
                **registration.files,
            )
            account.full_clean()
            account._history_user = history_user or user
            account._change_reason = reason
            account.save()
    except IntegrityError:
        raise ValidationError(REGISTRATION_RACE, code="taken") from None
    return account


def portal_account_verify(*, account: PortalAccount, user: User, note: str = "") -> PortalAccount:
    """A clerk found the copies in order: the account may submit filings from now on."""
    with transaction.atomic():
        account = _locked(account)
        if not (decision := can_verify_account(account, user)):
            raise PermissionDenied(decision.reason)
        account.verify(by=user, note=note.strip())
        _save(account, user, "核验通过")
        sms_send(
            mobile=account.user.mobile,
            text=VERIFIED_SMS.format(kind=account.get_kind_display()),
            purpose="身份核验结果",
        )
    return account


def portal_account_reject(*, account: PortalAccount, user: User, reason: str) -> PortalAccount:
    """A clerk could not verify the copies; the person is told why by SMS."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ValidationError(REJECT_REASON_REQUIRED, code="required")})
    with transaction.atomic():
        account = _locked(account)
        if not (decision := can_verify_account(account, user)):
            raise PermissionDenied(decision.reason)
        account.reject(by=user, reason=reason)
        _save(account, user, "不予通过")
        sms_send(
            mobile=account.user.mobile,
            text=REJECTED_SMS.format(kind=account.get_kind_display(), reason=reason),
            purpose="身份核验结果",
        )
    return account


def _locked(account: PortalAccount) -> PortalAccount:
    # Two clerks clicking at once: the second waits here, then reads the first one's decision.
    return (
        PortalAccount.objects.select_for_update(of=("self",))
        .select_related("user", "verified_by", "rejected_by")
        .get(pk=account.pk)
    )


def _save(account: PortalAccount, user: User, change: str) -> None:
    account.full_clean()
    account._history_user = user
    account._change_reason = change
    account.save()


def _store_copy(name: str, upload) -> str:
    """Save one checked upload under a name that tells nothing about the person; return its storage name."""
    checked = getattr(upload, "checked", None)
    content_type = checked.content_type if checked else upload.content_type
    suffix = mimetypes.guess_extension(content_type or "") or ""
    file_field = PortalAccount._meta.get_field(name)
    return file_field.storage.save(file_field.generate_filename(None, f"copy{suffix}"), upload)
