"""Reads for the views. A notice the user may not see is a 404, the same as one that does not exist."""

from django.http import Http404

from notices.models import Notice
from notices.permissions import can_view_notice


def notice_get_for_user(*, pk: int, user) -> Notice:
    """The notice with its PDF bytes, if `user` may see it; else Http404 (never 403: nothing leaks)."""
    notice = Notice.objects.select_related("court").filter(pk=pk).first()
    if notice is None or not can_view_notice(notice, user):
        raise Http404("没有这份文书。")
    return notice


def notice_get_by_verification_code(*, code: str) -> Notice | None:
    """The notice a (normalised) verification code names, for the public verify page; None if none.

    Loads what the verify page shows, not the PDF bytes nor the snapshot.
    """
    return (
        Notice.objects.select_related("court").defer("pdf", "snapshot").filter(verification_code=code).first()
    )


def notice_latest_version(*, notice: Notice) -> int:
    """The highest version of `notice`'s document (its own version when it is the latest)."""
    return (
        Notice.objects.filter(court_id=notice.court_id, number=notice.number)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    ) or notice.version
