"""肩并肩 (issue 4, Accounts → Side by side): a clerk files online at the counter for a party who cannot.

1. `side_by_side_start`: the clerk types the party's name, identity number and mobile; a code goes to the
   party's phone (nothing else is written). The caller keeps the returned SideBySide (the session does).
2. `side_by_side_open`: the party reads the code out (or types it); the party's account is opened — or
   their existing account is used, never a second one — and a draft is created that the party owns and
   the clerk helps with, for the clerk's court.
3. The clerk fills the draft in with the party (the wizard), then `draft_send_party_code` sends a fresh
   code that names what is being filed, and `draft_confirm_by_party` takes it: the draft is confirmed as
   it is at that moment (Draft.content_digest), and only then may the clerk submit it
   (filing.permissions.can_submit_draft; filing.services.online.filing_submit_online records the party
   as the submitter and the clerk as the helper).

Each code is sent and checked by courthall.sms, with its limits (interval, codes a day, wrong tries).
"""

from dataclasses import asdict, dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from courthall.accounts.services import portal_party_account_open
from courthall.models import CodePurpose, PortalAccount, PortalAccountKind, User
from courthall.sms import send_code, verify_code
from filing.models import Draft
from filing.permissions import can_confirm_draft_for_party, can_help_party

ID_NUMBER_OTHER_DETAILS = (
    "该身份证号码已开通诉讼服务网账号，但与填写的姓名或手机号码不一致。请与当事人逐项核对；"
    "如当事人已更换手机号码，请其持身份证办理账号信息变更。"
)
MOBILE_OTHER_ACCOUNT = "该手机号码已被另一个诉讼服务网账号使用，请与当事人核对手机号码。"
NOT_A_PARTY_ACCOUNT = "该当事人已有律师或实习律师账号，窗口协助办理仅适用于当事人账号，请其本人登录办理。"
ACCOUNT_DISABLED = "该当事人的诉讼服务网账号已停用，请联系本院系统管理员。"

# The party is meant to read these codes out to the clerk at the window: the usual warning never to tell
# anyone the code would be wrong here, so the text says who asks for it and why.
SIDE_BY_SIDE_CODE_TEXT = (
    "您正在{court}诉讼服务中心由窗口工作人员{clerk}协助办理网上立案，"
    "验证码 {{code}}，{{minutes}} 分钟内有效。"
    "请当面告诉该工作人员；如您本人不在窗口，请勿告诉任何人。"
)
CONFIRM_CODE_TEXT = (
    "您正在{court}诉讼服务中心确认提交立案申请（{summary}），由窗口工作人员{clerk}协助填写。"
    "确认无误请告诉该工作人员验证码 {{code}}，{{minutes}} 分钟内有效。"
)


@dataclass
class SideBySide:
    """The party's details waiting for their code; plain data, so that the session keeps it."""

    full_name: str
    id_number: str
    mobile: str
    clerk_id: int

    def as_dict(self) -> dict:
        return asdict(self)


def _braces(text: str) -> str:
    # Names go into a str.format template that courthall.sms fills in again.
    return str(text).replace("{", "{{").replace("}", "}}")


def _check_permission(clerk: User) -> None:
    if not (decision := can_help_party(clerk)):
        raise PermissionDenied(decision.reason)


def side_by_side_existing_account(*, full_name: str, id_number: str, mobile: str) -> PortalAccount | None:
    """The party's own account when one exists with exactly these details; None when there is none to
    open a new one beside. Any account that holds the identity number or the mobile with other details
    is refused without saying what its details are (ValidationError by field)."""
    account = PortalAccount.objects.select_related("user").filter(id_number=id_number).first()
    if account is not None:
        if account.user.mobile != mobile or account.user.full_name != full_name:
            raise ValidationError(
                {"id_number": ValidationError(ID_NUMBER_OTHER_DETAILS, code="other_details")}
            )
        if account.kind != PortalAccountKind.PARTY:
            raise ValidationError({"id_number": ValidationError(NOT_A_PARTY_ACCOUNT, code="not_party")})
        if not account.user.is_active:
            raise ValidationError(ACCOUNT_DISABLED, code="inactive")
        return account
    if User.objects.filter(Q(username=mobile) | Q(mobile=mobile, portal_account__isnull=False)).exists():
        raise ValidationError({"mobile": ValidationError(MOBILE_OTHER_ACCOUNT, code="taken")})
    return None


def side_by_side_start(*, clerk: User, full_name: str, id_number: str, mobile: str) -> SideBySide:
    """Check the party's details against the accounts and send the code to the party's mobile.

    Raises ValidationError for details another account holds, or a code asked for too often (by field)."""
    _check_permission(clerk)
    side_by_side_existing_account(full_name=full_name, id_number=id_number, mobile=mobile)
    pending = SideBySide(full_name=full_name, id_number=id_number, mobile=mobile, clerk_id=clerk.pk)
    _send_opening_code(pending, clerk)
    return pending


def side_by_side_resend_code(*, pending: SideBySide, clerk: User) -> None:
    """Another code (the first expired, or did not arrive)."""
    _check_permission(clerk)
    _send_opening_code(pending, clerk)


def _send_opening_code(pending: SideBySide, clerk: User) -> None:
    text = SIDE_BY_SIDE_CODE_TEXT.format(court=_braces(clerk.court), clerk=_braces(clerk.get_full_name()))
    try:
        send_code(mobile=pending.mobile, purpose=CodePurpose.SIDE_BY_SIDE, text=text)
    except ValidationError as error:
        raise ValidationError({"mobile": error}) from None


@dataclass(frozen=True)
class SideBySideOpened:
    draft: Draft
    account_opened: bool  # False: the party's existing account was used


def side_by_side_open(*, pending: SideBySide, code: str, clerk: User) -> SideBySideOpened:
    """The party gave the right code: open their account (or take their existing one) and a draft that
    they own and `clerk` helps with, for the clerk's court. Call outside a transaction: a wrong code is
    counted (courthall.sms.verify_code)."""
    _check_permission(clerk)
    if pending.clerk_id != clerk.pk:
        raise PermissionDenied("这不是您发起的窗口协助办理。")
    details = {"full_name": pending.full_name, "id_number": pending.id_number, "mobile": pending.mobile}
    side_by_side_existing_account(**details)
    verify_code(mobile=pending.mobile, purpose=CodePurpose.SIDE_BY_SIDE, code=code)
    with transaction.atomic():
        # Checked again inside the transaction: an account opened meanwhile is used, never doubled.
        account = side_by_side_existing_account(**details)
        account_opened = account is None
        if account_opened:
            account = portal_party_account_open(**details, clerk=clerk)
        draft = Draft(owner=account.user, helped_by=clerk, court=clerk.court)
        draft._history_user = clerk
        draft._change_reason = f"窗口工作人员{clerk.get_full_name()}协助填写，当事人短信验证码确认"
        draft.full_clean()
        draft.save()
    return SideBySideOpened(draft=draft, account_opened=account_opened)


def _draft_summary(draft: Draft) -> str:
    """A few words that let the party recognise the filing on their phone: case type and the defendant."""
    data = draft.data if isinstance(draft.data, dict) else {}
    parts = [draft.case_type.name if draft.case_type else "立案申请"]
    parties = data.get("parties") if isinstance(data.get("parties"), list) else []
    defendants = [
        str(party.get("name", "")).strip()
        for party in parties
        if isinstance(party, dict) and party.get("role") == "defendant" and party.get("name")
    ]
    if defendants:
        parts.append("被告" + "、".join(defendants[:2]) + ("等" if len(defendants) > 2 else ""))
    return "，".join(parts)[:60]


def draft_send_party_code(*, draft: Draft, clerk: User) -> None:
    """Send the party the code that confirms the draft as it is now (the confirm step of a helped draft)."""
    if not (decision := can_confirm_draft_for_party(draft, clerk)):
        raise PermissionDenied(decision.reason)
    text = CONFIRM_CODE_TEXT.format(
        court=_braces(draft.court or clerk.court),
        summary=_braces(_draft_summary(draft)),
        clerk=_braces(clerk.get_full_name()),
    )
    send_code(mobile=draft.owner.mobile, purpose=CodePurpose.CONFIRM_FILING, text=text)


def draft_confirm_by_party(*, draft: Draft, code: str, clerk: User) -> Draft:
    """The party read out the confirmation code: the draft, as it is now, is confirmed; the clerk may then
    submit it for the party. Call outside a transaction (courthall.sms.verify_code counts a wrong code)."""
    if not (decision := can_confirm_draft_for_party(draft, clerk)):
        raise PermissionDenied(decision.reason)
    verify_code(mobile=draft.owner.mobile, purpose=CodePurpose.CONFIRM_FILING, code=code)
    with transaction.atomic():
        draft = Draft.objects.select_for_update(of=("self",)).select_related("owner").get(pk=draft.pk)
        if not (decision := can_confirm_draft_for_party(draft, clerk)):
            raise PermissionDenied(decision.reason)
        draft.party_confirmed_at = timezone.now()
        draft.party_confirmed_digest = draft.content_digest()
        draft._history_user = clerk
        draft._change_reason = f"窗口工作人员{clerk.get_full_name()}协助填写，当事人短信验证码确认提交内容"
        # updated_at is left as it was: confirming is not a change to what is filed.
        draft.save(update_fields=["party_confirmed_at", "party_confirmed_digest"])
    return draft
