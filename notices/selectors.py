"""Reads for the views. A notice the user may not see is a 404, the same as one that does not exist."""

from django.db.models import QuerySet
from django.http import Http404

from notices.models import Delivery, Notice
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


# --- Electronic service (电子送达) -------------------------------------------------------------------------


def delivery_get_for_recipient(*, notice_pk: int, user) -> Delivery:
    """The delivery of notice `notice_pk` to `user`, with the notice and its PDF; Http404 for anyone else
    (the clerk who issued it included: staff read documents through notices:pdf, which serves nothing)."""
    if not user.is_authenticated:
        raise Http404("没有这份文书。")
    delivery = (
        Delivery.objects.select_related("notice", "notice__court")
        .filter(notice_id=notice_pk, recipient_id=user.pk)
        .first()
    )
    if delivery is None:
        raise Http404("没有这份文书。")
    return delivery


def delivery_list_for_recipient(*, user) -> QuerySet[Delivery]:
    """The documents delivered to `user`, newest first, without their PDF bytes (the inbox)."""
    return (
        Delivery.objects.filter(recipient_id=user.pk)
        .select_related("notice", "notice__court")
        .defer("notice__pdf")
        .order_by("-created_at", "-pk")
    )


def delivery_unread_count(*, user) -> int:
    """How many documents delivered to `user` have not been opened yet: one COUNT on a partial index."""
    return Delivery.objects.filter(recipient_id=user.pk, served_at__isnull=True).count()


def deliveries_for_subject(subject: str) -> dict[int, Delivery]:
    """The deliveries of the documents issued on `subject` ("filing:42"), by notice pk, with their
    recipient and SMS: what the clerk's page shows as served or not (one query)."""
    deliveries = (
        Delivery.objects.filter(notice__subject=subject)
        .select_related("recipient", "sms")
        .order_by("created_at", "pk")
    )
    # One recipient per notice today (the filing's owner); with several, the first delivered is shown.
    result: dict[int, Delivery] = {}
    for delivery in deliveries:
        result.setdefault(delivery.notice_id, delivery)
    return result
