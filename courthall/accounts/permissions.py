"""Who may verify a portal account and who may read its copies: one answer for the button, the view and the
service (courthall.permissions.Decision)."""

from django.utils import timezone

from courthall.models import PortalAccount
from courthall.permissions import ALLOWED, Decision, can_enter

PARTY_NOT_VERIFIED = "当事人账号无需核验。"
ALREADY_VERIFIED = "该账号已于 {at:%Y年%m月%d日 %H:%M} 由{by}核验通过，核验只需一次。"
ALREADY_REJECTED = "该账号已于 {at:%Y年%m月%d日 %H:%M} 由{by}作出不予通过的决定。"


def can_verify_accounts(user) -> Decision:
    return can_enter(user, "courthall.verify_portal_accounts")


def can_verify_account(account: PortalAccount, user) -> Decision:
    """Verify or reject `account`: a clerk, once, and only a lawyer's or an intern's."""
    if not (decision := can_verify_accounts(user)):
        return decision
    if not account.needs_verification:
        return Decision(False, PARTY_NOT_VERIFIED)
    if account.is_verified:
        return Decision(
            False, ALREADY_VERIFIED.format(at=timezone.localtime(account.verified_at), by=account.verified_by)
        )
    if account.is_rejected:
        return Decision(
            False, ALREADY_REJECTED.format(at=timezone.localtime(account.rejected_at), by=account.rejected_by)
        )
    return ALLOWED


def can_view_account_files(account: PortalAccount, user) -> Decision:
    """The copies of a licence or certificate: their owner and the clerks who verify them. Callers answer
    404 when this refuses, the same as for a file that does not exist."""
    if user.is_authenticated and account.user_id == user.pk:
        return ALLOWED
    return can_verify_accounts(user)
