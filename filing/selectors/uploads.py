"""Reads of uploaded materials: a file is shown only to whom its draft or filing is shown; else a 404."""

from django.db.models import Q
from django.http import Http404

from filing.models import Upload
from filing.permissions import can_view_filing


def upload_get_for_user(*, pk: int, user) -> Upload:
    """The upload if `user` may open it: the draft's owner or helping clerk; once it belongs to a filing,
    also the filing's owner and submitter, and the staff of the filing's court who may see filings."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    mine = Q(draft__owner=user) | Q(draft__helped_by=user)
    mine |= Q(round__filing__owner=user) | Q(round__filing__submitted_by=user)
    if user.court_id is not None and can_view_filing(None, user):
        mine |= Q(round__filing__court_id=user.court_id)
    upload = Upload.objects.filter(mine, pk=pk).first()
    if upload is None:
        raise Http404
    return upload
