"""What a portal user does to their own filing after submitting it: send corrections online, withdraw it.

The same transitions as at the window (filing.services.filings.receive_corrections and withdraw), with
the filer as the actor and the receipt issued by the system at once (登记立案规定 art. 2).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from courthall.uploads import check_upload
from filing.clocks import online_review_dates
from filing.models import CorrectionAnswer, CorrectionItem, Filing, Upload
from filing.permissions import can_correct_online, can_withdraw_online, is_filer
from filing.services.filings import (
    MaterialInput,
    _event,
    _locked,
    _require,
    receive_corrections,
    withdraw,
)
from filing.services.uploads import upload_store

NO_ANSWER = "第{n}项“{material}”：请上传补正的文件，或写明补正说明。"
NOT_AN_ITEM = "补正事项与补正材料通知书不一致，请刷新页面后重新填写。"
EXPLANATIONS = "补正说明（网上填写，共{count}项）"


@dataclass(frozen=True)
class CorrectionAnswerInput:
    """The filer's answer to one item: a replacement file (an UploadedFile checked by DocumentFileField,
    which puts the CheckedUpload on `.checked`), a written explanation, or both."""

    item_id: int
    file: object = None
    explanation: str = ""


def _check_filer_action(filing: Filing, user, decision) -> None:
    """The filer asking at the wrong moment is told why (a ValidationError the page shows); anybody else
    is refused outright (the selectors have already answered them with a 404)."""
    if not decision and is_filer(filing, user):
        raise ValidationError(decision.reason)
    _require(decision)


def filing_submit_corrections_online(*, filing: Filing, user, answers: list[CorrectionAnswerInput]) -> Filing:
    """The filer answers every item of the latest correction notice and resubmits (网上补正).

    A correction round holds the replacement files, the receipt is issued at once, the decision period
    runs again from today (登记立案规定 art. 7), the received date stays, and the online review clocks are
    recomputed so that the filing is back in the clerks' online queue. Files are stored only here, at
    submission: if anything fails, the transaction rolls back and the files written so far are deleted.

    Sent after the correction deadline but before a clerk recorded the lapse (filing_lapse_correction),
    the corrections are accepted and the timeline says they came late: art. 7 returns the materials of a
    party who did not correct, and this party did, before the court acted on the lapse.
    """
    stored: list[str] = []
    try:
        with transaction.atomic():
            return _submit_corrections(filing, user, answers, stored)
    except BaseException:
        storage = Upload._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise


def _submit_corrections(
    filing: Filing, user, answers: list[CorrectionAnswerInput], stored: list[str]
) -> Filing:
    filing = _locked(filing)
    _check_filer_action(filing, user, can_correct_online(filing, user))
    request = filing.corrections.order_by("-issued_at", "-pk").first()
    items = list(
        CorrectionItem.objects.filter(request=request).select_related("checklist_item").order_by("pk")
    )
    by_item = {answer.item_id: answer for answer in answers}
    if set(by_item) - {item.pk for item in items}:
        raise ValidationError(NOT_AN_ITEM)
    errors = [
        NO_ANSWER.format(n=n, material=item.material)
        for n, item in enumerate(items, 1)
        if item.pk not in by_item or not (by_item[item.pk].file or by_item[item.pk].explanation.strip())
    ]
    if errors:
        raise ValidationError(errors)

    checked = {
        item.pk: getattr(by_item[item.pk].file, "checked", None) or check_upload(by_item[item.pk].file)
        for item in items
        if by_item[item.pk].file
    }
    explained = sum(1 for item in items if by_item[item.pk].explanation.strip())
    materials = [
        MaterialInput(
            name=item.material, pages=checked[item.pk].pages, checklist_item_id=item.checklist_item_id
        )
        for item in items
        if item.pk in checked
    ]
    if explained:
        materials.append(MaterialInput(name=EXPLANATIONS.format(count=explained)))

    now = timezone.now()
    filing.online_review_due_on, filing.online_review_limit_on = online_review_dates(now)
    round_ = receive_corrections(
        filing, user=user, materials=materials, submitter_name=user.get_full_name(), automatic=True
    )
    for item in items:
        answer = by_item[item.pk]
        upload = None
        if answer.file:
            upload = upload_store(
                file=answer.file,
                checked=checked[item.pk],
                name=item.material,
                uploaded_by=user,
                round=round_,
                checklist_item=item.checklist_item,
            )
            stored.extend(name for name in (upload.file.name, upload.thumbnail.name) if name)
        CorrectionAnswer.objects.create(
            item=item, round=round_, upload=upload, explanation=answer.explanation.strip()
        )

    summary = (
        f"网上提交补正（{len(checked)} 份文件、{explained} 项说明，共 {len(items)} 项），"
        f"审查期限自{timezone.localdate(now):%Y年%m月%d日}起重新计算"
    )
    if filing.decision_due_on:
        summary += f"，至{filing.decision_due_on:%Y年%m月%d日}"
    late_days = (timezone.localdate(now) - request.deadline_on).days
    if late_days > 0:
        summary += (
            f"。补正期限（{request.deadline_on:%Y年%m月%d日}）已过 {late_days} 日，"
            "法院尚未按逾期未补正退回，予以接收（登记立案规定第七条）"
        )
    _event(filing, user, "corrections_submitted", summary, round=round_.number, late_days=max(late_days, 0))
    return filing


@transaction.atomic
def filing_withdraw_online(*, filing: Filing, user, reason: str = "") -> Filing:
    """The filer withdraws their filing before the court decides on it; the reason is optional."""
    filing = _locked(filing)
    _check_filer_action(filing, user, can_withdraw_online(filing, user))
    reason = reason.strip()
    summary = f"申请人 {user.get_full_name()} 在网上撤回立案申请" + (
        f"：{reason}" if reason else "（未说明原因）"
    )
    withdraw(filing, user=user, reason=reason, summary=summary)
    return filing
