"""Reads of the fee ledger (filing.models.ledger)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from filing.models import FeePayment, FeeRefund, Filing, RefundState

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FeeBalance:
    due: Decimal  # what the fee notice asks for
    paid: Decimal
    refunded: Decimal  # approved refunds only
    pending_refunds: Decimal  # asked for, not yet approved

    @property
    def balance(self) -> Decimal:
        """Still to pay; negative when the court holds more than is due (to refund)."""
        return self.due - self.paid + self.refunded

    @property
    def held(self) -> Decimal:
        """What the court holds for the filing: paid less refunded."""
        return self.paid - self.refunded


def fee_balance(filing: Filing) -> FeeBalance:
    """The filing's ledger summed up. A filing charged no fee (or not yet registered) is due 0."""
    paid = FeePayment.objects.filter(filing=filing).aggregate(s=Sum("amount"))["s"] or ZERO
    refunds = dict(
        FeeRefund.objects.filter(filing=filing)
        .values("state")
        .annotate(s=Sum("amount"))
        .values_list("state", "s")
    )
    return FeeBalance(
        due=filing.fee_total or ZERO,
        paid=paid,
        refunded=refunds.get(RefundState.APPROVED, ZERO),
        pending_refunds=refunds.get(RefundState.REQUESTED, ZERO),
    )
