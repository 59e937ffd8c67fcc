"""The payment limit of a registered filing (诉讼费用交纳办法 art. 22; 登记立案规定 art. 11).

Computed once by courthall.deadlines and stored here (DESIGN decision 4); the clerk's list of unpaid
filings (逾期未交费，按撤诉处理待决定) is ordered by `due_on`. The limit runs from the service of the document
that asks for the money: the fee notice, or a later relief decision (filing.services.payment_limit).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from filing.models.filings import Filing


class KeepReason(models.TextChoices):
    PAID = "paid", "已在期间内或随后交纳"
    RELIEF = "relief", "已准予司法救助"
    OTHER = "other", "其他理由（须写明）"


class PaymentLimit(models.Model):
    filing = models.OneToOneField(
        Filing, on_delete=models.CASCADE, related_name="payment_limit", verbose_name="立案申请"
    )
    # The document whose service starts the period: the fee notice, a 司法救助决定书 (减交) or a
    # 不予司法救助通知书. None for a deferral (it runs to a fixed day) and a waiver (nothing is due).
    notice = models.ForeignKey(
        "notices.Notice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="文书",
    )
    # When that document was served: handed over at the counter when issued; served electronically when
    # the portal owner first opens it (notices.Delivery.served_at). Unknown until then.
    served_at = models.DateTimeField("送达时间", null=True, blank=True)
    due_on = models.DateField("交费期限届满日", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    # The clerk's decision to keep the case after the limit passed (never by itself).
    kept_at = models.DateTimeField("决定不按撤诉处理时间", null=True, blank=True)
    kept_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="决定人",
    )
    kept_reason = models.CharField("理由", max_length=10, choices=KeepReason.choices, blank=True)
    kept_note = models.TextField("说明", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "交费期限"
        verbose_name_plural = "交费期限"
        indexes = [models.Index(fields=["due_on"], name="payment_limit_due_on")]

    def __str__(self) -> str:
        return f"{self.filing} 交费期限 {self.due_on or '未起算'}"
