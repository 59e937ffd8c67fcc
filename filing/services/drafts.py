"""Every write on a portal draft (网上立案, step by step): create, save a step, add and remove files, add the
generated complaint, submit.

A step is saved as typed, complete or not, so that the draft can be left and resumed; only submitting
insists (filing.selectors.drafts.draft_problems, then filing_submit_online). Each write locks the draft,
checks can_change_draft and records the user in the draft's history.
"""

from io import BytesIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.db import transaction

from courthall.uploads import check_upload
from filing.complaints import GENERATED_NAME, complaint_pdf
from filing.models import ChecklistItem, Draft, DraftStep, Filing, Upload
from filing.permissions import can_change_draft
from filing.selectors.drafts import complaint_item, draft_checklist, draft_problems, draft_uploads
from filing.services.online import filing_submit_online
from filing.services.uploads import upload_remove, upload_store

STEPS = list(DraftStep.values)
NOT_CIVIL = "只有民事案件可以自动生成民事起诉状，请上传您自己的起诉状。"
NO_COMPLAINT_ITEM = "该案件类型的材料清单中没有起诉状一项。"
CANNOT_SUBMIT = "还有 {count} 项内容需要补充，请按下列提示修改后再提交。"


def _locked(draft: Draft, user) -> Draft:
    draft = Draft.objects.select_for_update(of=("self",)).select_related("case_type").get(pk=draft.pk)
    if not (decision := can_change_draft(draft, user)):
        raise PermissionDenied(decision.reason)
    return draft


def _save(draft: Draft, user) -> None:
    draft._history_user = user
    draft.full_clean()
    draft.save()


@transaction.atomic
def draft_create(*, user, helped_by=None) -> Draft:
    """A new, empty draft of `user` (a portal user; `helped_by`: the clerk filling it in at the counter)."""
    draft = Draft(owner=user, helped_by=helped_by, step=DraftStep.CASE, data={"saved_steps": []})
    _save(draft, helped_by or user)
    return draft


@transaction.atomic
def draft_save_step(*, draft: Draft, user, step: str, values: dict, fields: dict | None = None, go_to=None):
    """Keep the entries of `step` (`values` into draft.data, `fields` onto the draft: court, case_type) and
    remember where the filer is (`go_to`: the step shown next). Incomplete entries are kept as typed."""
    if step not in STEPS:
        raise ValueError(f"unknown draft step {step!r}")
    draft = _locked(draft, user)
    data = dict(draft.data) if isinstance(draft.data, dict) else {}
    data.update(values)
    saved = (
        [s for s in data.get("saved_steps", []) if s in STEPS]
        if isinstance(data.get("saved_steps"), list)
        else []
    )
    if step not in saved:
        saved.append(step)
    data["saved_steps"] = saved
    draft.data = data
    for name, value in (fields or {}).items():
        setattr(draft, name, value)
    draft.step = go_to if go_to in STEPS else step
    _save(draft, user)
    return draft


@transaction.atomic
def draft_add_uploads(*, draft: Draft, user, files: list[tuple]) -> list[Upload]:
    """Store the files (each `(file, name, checklist_item)`, already checked by DocumentFileField) on the
    draft; all or none."""
    draft = _locked(draft, user)
    stored = []
    for file, name, item in files:
        if item is not None and item.case_type_id != draft.case_type_id:
            raise ValidationError("所选材料清单项不属于本案件类型，请刷新页面后重新上传。")
        stored.append(
            upload_store(
                file=file, checked=file.checked, name=name, uploaded_by=user, draft=draft, checklist_item=item
            )
        )
    draft._history_user = user
    draft.save(update_fields=["updated_at"])
    return stored


@transaction.atomic
def draft_remove_upload(*, draft: Draft, upload: Upload, user) -> None:
    _locked(draft, user)
    if upload.draft_id != draft.pk:
        raise PermissionDenied("该材料不属于本草稿。")
    upload_remove(upload=upload, user=user)


@transaction.atomic
def draft_attach_complaint(*, draft: Draft, user) -> Upload:
    """Render the 民事起诉状 from the entries and keep it as the upload of the checklist's complaint item,
    replacing a complaint generated earlier (the filer's own uploads stay)."""
    draft = _locked(draft, user)
    if draft.case_type is None or draft.case_type.category != "civil":
        raise ValidationError(NOT_CIVIL)
    item: ChecklistItem | None = complaint_item(draft_checklist(draft))
    if item is None:
        raise ValidationError(NO_COMPLAINT_ITEM)
    content = complaint_pdf(draft)
    file = InMemoryUploadedFile(
        BytesIO(content), "file", "民事起诉状.pdf", "application/pdf", len(content), None
    )
    checked = check_upload(file)
    for earlier in draft.uploads.filter(checklist_item=item, name=GENERATED_NAME):
        upload_remove(upload=earlier, user=user)
    upload = upload_store(
        file=file, checked=checked, name=GENERATED_NAME, uploaded_by=user, draft=draft, checklist_item=item
    )
    draft._history_user = user
    draft.save(update_fields=["updated_at"])
    return upload


@transaction.atomic
def draft_submit(*, draft: Draft, user) -> Filing:
    """Submit from the wizard: everything draft_problems calls blocking is refused in one message list
    (a lawyer's filing without its power of attorney or firm letter among them), then filing_submit_online
    stamps the time, creates the filing and issues the receipt."""
    locked = (
        Draft.objects.select_for_update(of=("self",)).select_related("case_type", "owner").get(pk=draft.pk)
    )
    if locked.filing_id is None:
        blocking = [
            f"{problem.step_label}：{problem.message}"
            for problem in draft_problems(
                locked, uploads=draft_uploads(locked), items=draft_checklist(locked)
            )
            if problem.blocking
        ]
        if blocking:
            raise ValidationError([CANNOT_SUBMIT.format(count=len(blocking)), *blocking])
    data = locked.data if isinstance(locked.data, dict) else {}
    return filing_submit_online(
        draft=locked, user=user, business_environment=bool(data.get("business_environment"))
    )
