"""What a portal user prepares before it becomes a Filing: the draft and its uploaded files.

A draft holds the step-by-step form's entries as they are typed (incomplete, unchecked) so that it can be
left and resumed; submitting checks everything at once and turns it into a Filing with its first round of
materials (filing.services.online). The uploads then belong to that round, as the paper materials of a
counter filing do, and are kept exactly as received.
"""

import hashlib
import json
import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from courthall.models import Court
from filing.models.catalogue import CaseType, ChecklistItem
from filing.models.filings import Filing, SubmissionRound


class DraftStep(models.TextChoices):
    CASE = "case", "案件信息"
    PARTIES = "parties", "当事人"
    AGENTS = "agents", "代理人"
    CLAIMS = "claims", "诉讼请求与事实理由"
    MATERIALS = "materials", "上传材料"
    CONFIRM = "confirm", "核对提交"


class Draft(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="drafts", verbose_name="填写人"
    )
    # 肩并肩: a clerk filling the draft in at the counter for the owner.
    helped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="协助填写的工作人员",
    )
    court = models.ForeignKey(
        Court, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="受理法院"
    )
    case_type = models.ForeignKey(
        CaseType, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="案件类型"
    )
    step = models.CharField("填写到", max_length=20, choices=DraftStep.choices, default=DraftStep.CASE)
    # The form's entries by step: {"parties": [...], "agents": [...], "claims": "...", ...}.
    data = models.JSONField("填写内容", default=dict, blank=True)
    filing = models.OneToOneField(
        Filing,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="draft",
        verbose_name="提交后的立案申请",
    )
    # 肩并肩: the party confirmed, with a fresh SMS code, the draft as it then was (its content_digest);
    # a helping clerk may submit it only while the draft is still exactly that (filing.permissions).
    party_confirmed_at = models.DateTimeField("当事人短信确认时间", null=True, blank=True)
    party_confirmed_digest = models.CharField("当事人确认的内容摘要", max_length=64, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("保存时间", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "网上立案草稿"
        verbose_name_plural = "网上立案草稿"
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["owner", "updated_at"])]

    def __str__(self) -> str:
        return f"草稿 {self.pk}"

    @property
    def submitted(self) -> bool:
        return self.filing_id is not None

    def content_digest(self) -> str:
        """SHA-256 of what submitting would file: court, case type, the entries and the files (one query).

        Any change to the draft after the party confirmed it gives another digest, and the confirmation
        no longer counts."""
        uploads = list(self.uploads.order_by("pk").values_list("pk", "sha256", "name", "checklist_item_id"))
        content = {
            "court": self.court_id,
            "case_type": self.case_type_id,
            "data": self.data,
            "uploads": uploads,
        }
        encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()

    @property
    def party_confirmation_valid(self) -> bool:
        return bool(self.party_confirmed_digest) and self.party_confirmed_digest == self.content_digest()


def _upload_path(instance: "Upload", filename: str) -> str:
    # The stored name says nothing about the party or the file: a random name under the month.
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        instance.content_type, "bin"
    )
    return f"uploads/{instance.uploaded_at:%Y/%m}/{uuid.uuid4().hex}.{extension}"


def _thumbnail_path(instance: "Upload", filename: str) -> str:
    return f"uploads/{instance.uploaded_at:%Y/%m}/{uuid.uuid4().hex}.thumb.png"


class Upload(models.Model):
    """One uploaded file (PDF, JPEG or PNG, checked by content: courthall.uploads)."""

    draft = models.ForeignKey(
        Draft, on_delete=models.CASCADE, null=True, blank=True, related_name="uploads", verbose_name="草稿"
    )
    round = models.ForeignKey(
        SubmissionRound,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uploads",
        verbose_name="提交轮次",
    )
    checklist_item = models.ForeignKey(
        ChecklistItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="清单项",
    )
    name = models.CharField("材料名称", max_length=100)
    original_name = models.CharField("原文件名", max_length=255, blank=True)
    file = models.FileField("文件", upload_to=_upload_path, max_length=200)
    # The first page or the picture scaled down (courthall.uploads.thumbnail_png), made once when stored;
    # empty when pdftoppm could not render it (the file itself is still there to open).
    thumbnail = models.FileField("缩略图", upload_to=_thumbnail_path, max_length=200, blank=True)
    content_type = models.CharField("类型", max_length=40)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    pages = models.PositiveIntegerField("页数", default=1)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="上传人"
    )
    uploaded_at = models.DateTimeField("上传时间")

    class Meta:
        verbose_name = "上传的材料"
        verbose_name_plural = "上传的材料"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(draft__isnull=False) | models.Q(round__isnull=False),
                name="upload_belongs_somewhere",
            )
        ]

    def __str__(self) -> str:
        return self.name


class CorrectionAnswer(models.Model):
    """The filer's answer to one item of a correction notice, sent through the portal: a replacement file,
    a written explanation, or both (网上补正; 登记立案规定 art. 7). Written once, with the correction round
    that carried it; the clerk reads it beside the item."""

    item = models.OneToOneField(
        "filing.CorrectionItem", on_delete=models.PROTECT, related_name="answer", verbose_name="补正事项"
    )
    round = models.ForeignKey(
        SubmissionRound, on_delete=models.PROTECT, related_name="answers", verbose_name="提交轮次"
    )
    upload = models.OneToOneField(
        Upload,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answer",
        verbose_name="补正的文件",
    )
    explanation = models.TextField("补正说明", blank=True)

    class Meta:
        verbose_name = "网上补正答复"
        verbose_name_plural = "网上补正答复"
        ordering = ["round", "item"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(upload__isnull=False) | ~models.Q(explanation=""),
                name="correction_answer_not_empty",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item.material}（第{self.round.number}次提交）"
