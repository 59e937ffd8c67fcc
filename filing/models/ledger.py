"""The fee ledger of a registered filing (诉讼费用交纳办法; seed 000 第四条 诉讼费收退).

What the fee notice asked for is `Filing.fee_total`; what was paid and given back is recorded here, one row
per payment or refund, never edited afterwards: a wrong entry is corrected by another entry. The balance is
computed from the rows (filing.selectors.fees.fee_balance), never stored.
"""

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from filing.models.filings import Filing


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "银行转账"
    POS = "pos", "POS 刷卡"
    ONLINE = "online", "网上缴费"


class FeePayment(models.Model):
    filing = models.ForeignKey(
        Filing, on_delete=models.PROTECT, related_name="fee_payments", verbose_name="立案申请"
    )
    amount = models.DecimalField("金额（元）", max_digits=14, decimal_places=2)
    method = models.CharField("交费方式", max_length=20, choices=PaymentMethod.choices)
    reference = models.CharField("交易流水号或票据号", max_length=60)
    payer = models.CharField("交款人", max_length=100)
    paid_on = models.DateField("交费日期")
    recorded_at = models.DateTimeField("登记时间")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    # The 诉讼费交费收据 issued for this payment in the same transaction (filing.services.ledger).
    receipt = models.OneToOneField(
        "notices.Notice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="交费收据",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "诉讼费交费"
        verbose_name_plural = "诉讼费交费"
        ordering = ["filing", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="fee_payment_amount_positive"),
            # One bank or POS transaction is one payment: the same reference twice is a double entry.
            models.UniqueConstraint(fields=["filing", "reference"], name="fee_payment_reference_unique"),
        ]

    def __str__(self) -> str:
        return f"交费 {self.amount} 元（{self.get_method_display()}）"


class RefundReason(models.TextChoices):
    # 诉讼费用交纳办法 art. 15: mediation or withdrawal halves the fee.
    HALVED_MEDIATION = "halved_mediation", "调解结案减半收取"
    HALVED_WITHDRAWAL = "halved_withdrawal", "撤诉减半收取"
    # art. 21: a reduced claim is charged on the new amount.
    REDUCED_CLAIM = "reduced_claim", "减少诉讼请求数额"
    OVERPAYMENT = "overpayment", "多交"


class RefundState(models.TextChoices):
    REQUESTED = "requested", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "不予批准"


class FeeRefund(ConcurrentTransitionMixin, models.Model):
    """A refund: asked for by a clerk with its reason, counted in the balance only once a supervisor
    approves it (seed 000 第四条: 退费 is the court's money going out, and answers to a supervisor)."""

    filing = models.ForeignKey(
        Filing, on_delete=models.PROTECT, related_name="fee_refunds", verbose_name="立案申请"
    )
    amount = models.DecimalField("金额（元）", max_digits=14, decimal_places=2)
    reason = models.CharField("退费原因", max_length=20, choices=RefundReason.choices)
    note = models.TextField("说明", blank=True)
    state = FSMField("状态", default=RefundState.REQUESTED, choices=RefundState.choices, protected=True)
    requested_at = models.DateTimeField("申请时间")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="申请人"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审批人",
    )
    decision_note = models.TextField("审批意见", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "诉讼费退费"
        verbose_name_plural = "诉讼费退费"
        ordering = ["filing", "requested_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="fee_refund_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"退费 {self.amount} 元（{self.get_state_display()}）"

    @transition(field=state, source=RefundState.REQUESTED, target=RefundState.APPROVED)
    def approve(self) -> None:
        pass

    @transition(field=state, source=RefundState.REQUESTED, target=RefundState.REJECTED)
    def reject(self) -> None:
        pass
