"""Storing and removing uploaded materials (网上立案 uploads per checklist item; corrections sent online).

The file has been checked by courthall.uploads.check_upload (DocumentFileField does it in the form); here it
is written through Django's storage API in chunks, with its thumbnail made once, and recorded as an Upload
of a draft (before submission) or of a submission round (a correction sent online).
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from courthall.uploads import CheckedUpload, ThumbnailError, thumbnail_png
from filing.models import ChecklistItem, Draft, SubmissionRound, Upload
from filing.permissions import can_change_draft

logger = logging.getLogger(__name__)

NAME_REQUIRED = "请填写材料名称。"
NAME_TOO_LONG = "材料名称不能超过 100 个字。"
NOWHERE = "上传的材料必须属于一份草稿或一次提交。"
ALREADY_SUBMITTED = "草稿已提交，材料不能再删除；如需补充，请按补正通知上传。"


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(NAME_REQUIRED)
    if len(name) > 100:
        raise ValidationError(NAME_TOO_LONG)
    return name


@transaction.atomic
def upload_store(
    *,
    file,
    checked: CheckedUpload,
    name: str,
    uploaded_by,
    draft: Draft | None = None,
    round: SubmissionRound | None = None,
    checklist_item: ChecklistItem | None = None,
) -> Upload:
    """Store one checked file with its thumbnail. The caller has checked that `uploaded_by` may add to
    `draft` or `round`; a database error removes nothing the user kept (the files are new)."""
    if draft is None and round is None:
        raise ValueError(NOWHERE)
    upload = Upload(
        draft=draft,
        round=round,
        checklist_item=checklist_item,
        name=_clean_name(name),
        original_name=(getattr(file, "name", "") or "")[-255:],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        pages=checked.pages,
        uploaded_by=uploaded_by,
        uploaded_at=timezone.now(),
    )
    file.seek(0)
    upload.file.save("upload", file, save=False)  # chunked: a 50 MB PDF is never held in memory
    try:
        with upload.file.open("rb") as stored:
            upload.thumbnail.save("thumb", ContentFile(thumbnail_png(stored, kind=checked.kind)), save=False)
    except ThumbnailError:
        # The file passed every check; a page pdftoppm cannot draw is opened in the browser instead.
        logger.warning(
            "No thumbnail for upload %s (%s)", upload.file.name, upload.original_name, exc_info=True
        )
    saved_names = [upload.file.name, upload.thumbnail.name]
    try:
        upload.save()
    except Exception:
        _delete_files(upload, saved_names)
        raise
    return upload


def _delete_files(upload: Upload, names) -> None:
    for name in names:
        if name:
            upload.file.storage.delete(name)


@transaction.atomic
def upload_remove(*, upload: Upload, user) -> None:
    """Take a file out of a draft that has not been submitted (its owner or the clerk helping)."""
    upload = Upload.objects.select_for_update(of=("self",)).select_related("draft").get(pk=upload.pk)
    if upload.draft is None or upload.round_id is not None or upload.draft.filing_id is not None:
        raise ValidationError(ALREADY_SUBMITTED)
    if not (decision := can_change_draft(upload.draft, user)):
        raise PermissionDenied(decision.reason)
    names = [upload.file.name, upload.thumbnail.name]
    upload.delete()
    transaction.on_commit(lambda: _delete_files(upload, names))
