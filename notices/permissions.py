"""Who may issue and who may see a court's documents: one answer for the button, the view and the service."""

from courthall.models import Court
from courthall.permissions import ALLOWED, NO_COURT, NOT_SIGNED_IN, NOT_YOUR_ROLE, Decision
from notices.models import Delivery, NoticeKind

NOT_THIS_COURT = "该文书不属于您所在的法院。"
NOT_THIS_COURTS_STAFF = "只有本院工作人员可以出具本院文书。"

# The workplaces whose work is the documents a party receives: the counter and the review of filings
# issue and read them, judges rule on refusals, supervisors check what was issued.
NOTICE_ISSUERS = ("courthall.work_counter", "courthall.review_filings", "courthall.handle_cases")
NOTICE_READERS = (*NOTICE_ISSUERS, "courthall.supervise")


def _court_staff_with(user, court_id: int, permissions: tuple[str, ...], not_this_court: str) -> Decision:
    if not user.is_authenticated:
        return Decision(False, NOT_SIGNED_IN)
    if user.court_id is None:
        return Decision(False, NO_COURT)
    if user.court_id != court_id:
        return Decision(False, not_this_court)
    if not any(user.has_perm(permission) for permission in permissions):
        return Decision(False, NOT_YOUR_ROLE)
    return ALLOWED


# Supervisors issue no case documents but their own decisions: fee relief is decided by the head of the
# service centre (诉讼费用交纳办法 arts. 44–48), who signs the 司法救助决定书 or the refusal.
SUPERVISOR_KINDS = (NoticeKind.RELIEF_GRANT, NoticeKind.RELIEF_REFUSAL)


# The 12368 line's agents receive materials for a judge (材料收转) and give the caller its receipt.
HOTLINE_KINDS = (NoticeKind.TRANSFER_RECEIPT,)


def can_issue_notice(court: Court, user, kind: str | None = None) -> Decision:
    """May `user` issue (or reissue) a document (of `kind`, when given) in the name of `court`?"""
    issuers = NOTICE_ISSUERS
    if kind in SUPERVISOR_KINDS:
        issuers = (*NOTICE_ISSUERS, "courthall.supervise")
    elif kind in HOTLINE_KINDS:
        issuers = (*NOTICE_ISSUERS, "courthall.answer_hotline")
    return _court_staff_with(user, court.pk, issuers, NOT_THIS_COURTS_STAFF)


def can_view_notice_as_staff(notice, user) -> Decision:
    """May `user` read `notice` as the court reads its own records (staff of its court in NOTICE_READERS)?
    Reading it so never serves it."""
    return _court_staff_with(user, notice.court_id, NOTICE_READERS, NOT_THIS_COURT)


def can_view_notice(notice, user) -> Decision:
    """May `user` open `notice` (its PDF, its data)? Staff of the notice's court in NOTICE_READERS, and the
    person it was delivered to (电子送达).

    This app cannot tell whose a notice is (`subject` is opaque here): the issuing app says so by
    delivering it (notices.services.notice_deliver). The recipient reads it through notices:delivered,
    which records the service time. Whatever is added, selectors.notice_get_for_user keeps answering 404
    for both "no such notice" and "not yours".
    """
    decision = can_view_notice_as_staff(notice, user)
    if decision or not user.is_authenticated:
        return decision
    if Delivery.objects.filter(notice_id=notice.pk, recipient_id=user.pk).exists():
        return ALLOWED
    return decision
