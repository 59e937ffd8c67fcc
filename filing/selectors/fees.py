"""Reads of the fee ledger (filing.models.ledger)."""

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404

from filing.models import FeePayment, FeeRefund, Filing, RefundReason, RefundState
from filing.permissions import can_view_filing

ZERO = Decimal("0.00")

# Refunds that lower what the case is charged, not only what the court holds: the fee is halved on
# mediation or withdrawal (诉讼费用交纳办法 art. 15) or charged on the reduced claim (art. 21). An
# overpayment refund gives back money the charge never asked for.
CHARGE_REDUCING = frozenset(
    {RefundReason.HALVED_MEDIATION, RefundReason.HALVED_WITHDRAWAL, RefundReason.REDUCED_CLAIM}
)


@dataclass(frozen=True)
class FeeBalance:
    due: Decimal  # what the fee notice asks for
    paid: Decimal
    refunded: Decimal  # approved refunds only
    pending_refunds: Decimal  # asked for, not yet approved
    reduced: Decimal = ZERO  # the approved refunds that lowered the charge (CHARGE_REDUCING)

    @property
    def charged(self) -> Decimal:
        """What the case owes now: the notice's amount less the approved reductions."""
        return self.due - self.reduced

    @property
    def held(self) -> Decimal:
        """What the court holds for the filing: paid less refunded."""
        return self.paid - self.refunded

    @property
    def balance(self) -> Decimal:
        """Still to pay; negative when the court holds more than is charged (to refund)."""
        return self.charged - self.held

    @property
    def refundable(self) -> Decimal:
        """What a new refund may give back: what the court holds less the refunds still awaiting approval."""
        return self.held - self.pending_refunds


def fee_balance(filing: Filing) -> FeeBalance:
    """The filing's ledger summed up. A filing charged no fee (or not yet registered) is due 0."""
    return fee_balance_from(
        filing,
        FeePayment.objects.filter(filing=filing).only("amount"),
        FeeRefund.objects.filter(filing=filing).only("amount", "state", "reason"),
    )


def fee_balance_from(filing: Filing, payments, refunds) -> FeeBalance:
    """The balance of rows already read (the panel shows them anyway): no query of its own."""

    def total(rows) -> Decimal:
        return sum((row.amount for row in rows), ZERO)

    refunds = list(refunds)
    approved = [refund for refund in refunds if refund.state == RefundState.APPROVED]
    return FeeBalance(
        due=filing.fee_total or ZERO,
        paid=total(payments),
        refunded=total(approved),
        pending_refunds=total(refund for refund in refunds if refund.state == RefundState.REQUESTED),
        reduced=total(refund for refund in approved if refund.reason in CHARGE_REDUCING),
    )


def fee_payments(filing: Filing) -> list[FeePayment]:
    """The filing's payments, oldest first, with their receipts (no PDF bytes) and who entered them."""
    return list(
        FeePayment.objects.filter(filing=filing)
        .select_related("recorded_by", "receipt")
        .defer("receipt__pdf", "receipt__snapshot")
        .order_by("recorded_at", "pk")
    )


def fee_refunds(filing: Filing) -> list[FeeRefund]:
    return list(
        FeeRefund.objects.filter(filing=filing)
        .select_related("requested_by", "decided_by")
        .order_by("requested_at", "pk")
    )


def fee_refund_get_for_user(*, pk: int, user) -> FeeRefund:
    """A refund of a filing `user` may see (staff of its court); anything else is a 404."""
    if not can_view_filing(None, user) or user.court_id is None:
        raise Http404
    try:
        return FeeRefund.objects.select_related("filing__court", "requested_by", "decided_by").get(
            pk=pk, filing__court_id=user.court_id
        )
    except FeeRefund.DoesNotExist:
        raise Http404 from None


def fee_refunds_awaiting_decision(*, user) -> list[FeeRefund]:
    """The refunds of `user`'s court that await a supervisor, oldest first."""
    if user.court_id is None:
        return []
    return list(
        FeeRefund.objects.filter(filing__court_id=user.court_id, state=RefundState.REQUESTED)
        .select_related("filing", "requested_by")
        .order_by("requested_at", "pk")
    )
