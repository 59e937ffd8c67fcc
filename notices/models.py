"""Documents issued to parties: each one kept exactly as issued, never changed afterwards.

A notice knows nothing about what it is about: `subject` is the caller's opaque reference ("filing:42"),
and the document is rendered from `snapshot` alone. Correcting a document means issuing a new version
with the same number (notices.services.notice_reissue); the old row stays as it was.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from courthall.models import Court, SmsMessage

NOTICE_IMMUTABLE = "文书一经出具不得修改或删除；如需更正，请重新出具新的版本。"


class NoticeKind(models.TextChoices):
    RECEIPT = "receipt", "材料收据"
    CORRECTION = "correction", "补正材料通知书"
    ACCEPTANCE = "acceptance", "受理案件通知书"
    FEE = "fee", "交纳诉讼费用通知书"
    REFUSAL = "refusal", "不予受理裁定书"
    JURISDICTION = "jurisdiction", "不属本院管辖告知书"
    RETURN = "return", "退回材料通知书"
    EVIDENCE = "evidence", "举证通知书"
    ENFORCEMENT = "enforcement", "受理执行案件通知书"
    FEE_RECEIPT = "fee_receipt", "诉讼费交费收据"
    # Fee relief (诉讼费用交纳办法 arts. 44–48) and the unpaid fee (art. 22; 民诉法解释 art. 213).
    RELIEF_GRANT = "relief_grant", "司法救助决定书"
    RELIEF_REFUSAL = "relief_refusal", "不予司法救助通知书"
    TREATED_WITHDRAWN = "treated_withdrawn", "民事裁定书（按撤诉处理）"
    # 材料收转 (舞钢规范第十二条; hotline transfers of materials to a judge): what the caller handed in.
    TRANSFER_RECEIPT = "transfer_receipt", "材料收转回执"


class NoticeQuerySet(models.QuerySet):
    def current(self) -> "NoticeQuerySet":
        """The latest version of every document: those no newer version supersedes."""
        return self.filter(superseded_by__isnull=True)

    # An issued document is a record of what the party received: bulk writes are refused like save().
    def update(self, **kwargs):
        raise ValidationError(NOTICE_IMMUTABLE)

    def delete(self):
        raise ValidationError(NOTICE_IMMUTABLE)


class Notice(models.Model):
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="notices", verbose_name="法院")
    kind = models.CharField("文书种类", max_length=20, choices=NoticeKind.choices)
    # Shared by every version of one document; see notices.kinds.format_number.
    number = models.CharField("文书编号", max_length=60)
    version = models.PositiveSmallIntegerField("版本", default=1)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name="取代的版本",
    )
    subject = models.CharField(
        "事项", max_length=100, db_index=True, help_text="出具方给出的引用，如“filing:42”；本模块不解释它。"
    )
    addressee = models.CharField("受送达人", max_length=200)
    snapshot = models.JSONField("文书数据", help_text="文书所显示的全部内容，出具时的数据快照。")
    template_name = models.CharField("模板", max_length=100)
    template_version = models.PositiveSmallIntegerField("模板版本")
    pdf = models.BinaryField("PDF 文件")
    sha256 = models.CharField("SHA-256", max_length=64)
    verification_code = models.CharField("验证码", max_length=10, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="issued_notices",
        verbose_name="出具人",
    )
    issued_at = models.DateTimeField("出具时间")
    # Issued by the system on a portal user's action (the receipt of an online submission, 登记立案规定
    # art. 2): `issued_by` is then that user, not court staff.
    issued_automatically = models.BooleanField("系统自动出具", default=False)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = "诉讼文书"
        verbose_name_plural = "诉讼文书"
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "number", "version"], name="notice_unique_number_version"
            ),
            models.CheckConstraint(
                condition=models.Q(version=1, supersedes__isnull=True)
                | models.Q(version__gt=1, supersedes__isnull=False),
                name="notice_version_supersedes",
            ),
        ]

    def __str__(self) -> str:
        version = f"（第{self.version}版）" if self.version > 1 else ""
        return f"{self.get_kind_display()} {self.number}{version}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(NOTICE_IMMUTABLE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(NOTICE_IMMUTABLE)

    @property
    def is_current(self) -> bool:
        """No newer version of this document exists (one query, cached on the instance)."""
        try:
            self.superseded_by  # noqa: B018
        except Notice.DoesNotExist:
            return True
        return False


class NoticeCounter(models.Model):
    """The last serial number given per (court, year, kind); locked while a notice is being issued."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+", verbose_name="法院")
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("文书种类", max_length=20, choices=NoticeKind.choices)
    last = models.PositiveIntegerField("已用到的序号", default=0)

    class Meta:
        verbose_name = "文书编号计数器"
        verbose_name_plural = "文书编号计数器"
        constraints = [
            models.UniqueConstraint(fields=["court", "year", "kind"], name="notice_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.court} {self.year} {self.get_kind_display()} {self.last}"


class Delivery(models.Model):
    """电子送达: one notice put in one portal user's inbox, announced by SMS, served when first opened.

    The issuing app says who receives what (notices cannot tell whose a notice is). `served_at` is the
    moment the recipient first opened the document: set once and never changed — a served document stays
    served (notices.services.notice_open).
    """

    notice = models.ForeignKey(
        Notice, on_delete=models.PROTECT, related_name="deliveries", verbose_name="文书"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deliveries", verbose_name="受送达人"
    )
    announced_at = models.DateTimeField("短信通知时间", null=True, blank=True)
    sms = models.ForeignKey(
        SmsMessage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="通知短信",
    )
    served_at = models.DateTimeField(
        "送达时间", null=True, blank=True, help_text="受送达人首次打开文书的时间。"
    )
    created_at = models.DateTimeField("推送时间", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "电子送达"
        verbose_name_plural = "电子送达记录"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "recipient"], name="delivery_unique_notice_recipient"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="delivery_recipient_created"),
            # The unread count in every portal page's navigation.
            models.Index(
                fields=["recipient"],
                condition=models.Q(served_at__isnull=True),
                name="delivery_recipient_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notice} → {self.recipient}"

    @property
    def is_served(self) -> bool:
        return self.served_at is not None

    def serve(self, at) -> bool:
        """The recipient opened the document at `at`: record it the first time only. Changes the field in
        memory only (call through notices.services.notice_open); False when it was served already."""
        if self.served_at is not None:
            return False
        self.served_at = at
        return True
