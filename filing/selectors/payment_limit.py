"""Reads for the payment limit and fee relief: the clerk's list of unpaid filings, a filing's panel."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import DecimalField, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from filing.models import FeePayment, FeeRefund, FeeRelief, Filing, FilingState, PaymentLimit, RefundState
from filing.permissions import can_view_filing
from filing.selectors.fees import CHARGE_REDUCING
from filing.selectors.filings import row_parties

MONEY = DecimalField(max_digits=16, decimal_places=2)


def _sum_of(model, **filters):
    rows = model.objects.filter(filing=OuterRef("pk"), **filters).values("filing")
    return Coalesce(
        Subquery(rows.annotate(s=Sum("amount")).values("s")[:1]), Value(Decimal(0)), output_field=MONEY
    )


def with_balance(filings: QuerySet[Filing]) -> QuerySet[Filing]:
    """The filings with `balance` (filing.selectors.fees.fee_balance, in SQL: FeeBalance.balance, (due −
    reductions) − (paid − refunded)) and `relief_pending` (a fee relief application not decided yet)."""
    pending = FeeRelief.objects.filter(filing=OuterRef("pk"), state="applied")
    return filings.annotate(
        paid=_sum_of(FeePayment),
        refunded=_sum_of(FeeRefund, state=RefundState.APPROVED),
        reduced=_sum_of(FeeRefund, state=RefundState.APPROVED, reason__in=CHARGE_REDUCING),
        relief_pending=Exists(pending),
    ).annotate(
        balance=Coalesce(F("fee_total"), Value(Decimal(0)), output_field=MONEY)
        - F("reduced")
        - F("paid")
        + F("refunded")
    )


def unpaid_at_limit(*, user, today) -> QuerySet[Filing]:
    """逾期未交费（按撤诉处理待决定）: the user's court's registered filings whose payment limit ended
    before `today` with money still due (filing.selectors.fees.fee_balance, in SQL), no relief
    application pending and no decision to keep the case; the earliest limit first. Call
    filing.services.payment_limit.payment_limits_sync first, so online services since are counted."""
    if not can_view_filing(None, user) or user.court_id is None:
        raise Http404
    return (
        with_balance(
            Filing.objects.filter(
                court_id=user.court_id,
                state=FilingState.REGISTERED,
                payment_limit__due_on__lt=today,
                payment_limit__kept_at__isnull=True,
            )
        )
        .filter(Q(balance__gt=0), relief_pending=False)
        .select_related("payment_limit", "payment_limit__notice", "case_type")
        .prefetch_related(row_parties())
        .order_by("payment_limit__due_on", "registered_at", "pk")
    )


@dataclass(frozen=True)
class ReliefPanel:
    """What a filing's page shows of the fee relief and the payment limit."""

    limit: PaymentLimit | None
    reliefs: list[FeeRelief]

    @property
    def pending(self) -> FeeRelief | None:
        return next((relief for relief in self.reliefs if relief.state == "applied"), None)


def relief_panel(filing: Filing) -> ReliefPanel:
    """The panel of `filing`; its payment limit is read with the filing when the selector joined it
    (filing.selectors.filings.PAYMENT_LIMIT_RELATED), else here."""
    try:
        limit = filing.payment_limit
    except ObjectDoesNotExist:
        limit = None
    return ReliefPanel(
        limit=limit,
        reliefs=list(
            FeeRelief.objects.filter(filing=filing).select_related("applicant", "decided_by", "notice")
        ),
    )


def relief_get_for_user(*, filing: Filing, pk: int) -> FeeRelief:
    """A relief application of `filing` (already fetched through a visibility selector), else 404."""
    try:
        return FeeRelief.objects.select_related("applicant", "filing").get(pk=pk, filing=filing)
    except FeeRelief.DoesNotExist:
        raise Http404 from None
