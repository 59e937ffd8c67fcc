"""Reads for the portal accounts: the clerks' queue, one account's copies, whose password a code may set."""

from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from courthall.accounts.permissions import can_view_account_files
from courthall.models import PortalAccount, PortalAccountKind, User

# The copies a clerk looks at, by the name used in their URL.
ACCOUNT_FILES = ("licence_copy", "intern_certificate", "firm_letter")


def portal_account_list_awaiting_verification() -> QuerySet[PortalAccount]:
    """Lawyers and interns whose copies no clerk has decided on yet, the longest waiting first.

    Not scoped to a court: a portal account is the server's, and verifying it once serves every court.
    """
    return (
        PortalAccount.objects.exclude(kind=PortalAccountKind.PARTY)
        .filter(verified_at__isnull=True, rejected_at__isnull=True, user__is_active=True)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def portal_account_list_decided(*, limit: int = 20) -> QuerySet[PortalAccount]:
    """The most recent verifications and refusals, for the page's "recently decided" list."""
    return (
        PortalAccount.objects.exclude(kind=PortalAccountKind.PARTY)
        .exclude(verified_at__isnull=True, rejected_at__isnull=True)
        .select_related("user", "verified_by", "rejected_by")
        .order_by(Coalesce("verified_at", "rejected_at").desc(), "-pk")[:limit]
    )


def portal_account_get_for_verification(*, pk: int) -> PortalAccount:
    account = PortalAccount.objects.select_related("user", "verified_by", "rejected_by").filter(pk=pk).first()
    if account is None:
        raise Http404("没有这个账号。")
    return account


def portal_account_file_get_for_user(*, pk: int, name: str, user: User):
    """One copy (a FieldFile) of account `pk`; Http404 for a file that is not there and for a user who may
    not see it alike, so that a stranger cannot even learn whether the account exists."""
    account = PortalAccount.objects.filter(pk=pk).first()
    if name not in ACCOUNT_FILES or account is None or not can_view_account_files(account, user):
        raise Http404("没有这个文件。")
    field_file = getattr(account, name)
    if not field_file:
        raise Http404("没有这个文件。")
    return field_file


def portal_user_get_for_password_setting(*, mobile: str) -> User | None:
    """The portal user whose confirmed mobile is `mobile` and who may set their password by SMS code, or None.

    Staff (a court, or the admin site's flags) never: their passwords are the administrator's. Callers
    answer the same whatever this returns, so that a page does not tell who has an account.
    """
    return (
        User.objects.filter(
            mobile=mobile,
            is_active=True,
            court__isnull=True,
            is_staff=False,
            is_superuser=False,
            portal_account__mobile_confirmed_at__isnull=False,
        )
        .select_related("portal_account")
        .order_by("pk")
        .first()
    )
