"""The fee ledger of a registered case (seed 000 第四条 诉讼费收退): payments with their receipts, refunds
asked for by the counter and decided by a supervisor.

Each service locks the filing row first, so two clerks entering payments at once are queued and the
second sees the first's payment in the balance it checks against. Entries are never changed afterwards; a
wrong one is answered by another (a refund). Every entry is in the filing's timeline (FilingEvent) and in
its row's history (simple_history).
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition

from filing import snapshots
from filing.fees import format_yuan
from filing.models import FeePayment, FeeRefund, Filing, PaymentMethod, RefundReason, RefundState
from filing.permissions import (
    can_decide_fee_refund,
    can_record_fee_payment,
    can_request_fee_refund,
    can_supervise,
)
from filing.selectors.fees import fee_balance
from filing.services.filings import _event, _issue, _locked, _require
from notices.models import NoticeKind

AMOUNT_INVALID = "金额须为大于零的数字，最多两位小数（单位：元）。"
PAYMENT_EXCEEDS_BALANCE = (
    "交费金额 {amount} 元超过尚欠的 {balance} 元，未登记。多交的款项请退回交款人，按实际应交金额登记。"
)
FEE_PAID_UP = "本案诉讼费已交清，无需再登记交费。"
METHOD_REQUIRED = "请选择交费方式：银行转账、POS 刷卡或网上缴费。"
REFERENCE_REQUIRED = "请填写银行转账、POS 或网上缴费的交易流水号（或票据号）。"
REFERENCE_TOO_LONG = "交易流水号请不超过 60 个字符。"
REFERENCE_DUPLICATE = "流水号 {reference} 已于{when}登记过一笔交费（{amount} 元），同一笔款项不能重复登记。"
PAYER_REQUIRED = "请填写交款人姓名或名称。"
PAYER_TOO_LONG = "交款人请不超过 100 个字符。"
PAID_ON_REQUIRED = "请填写交费日期。"
PAID_ON_FUTURE = "交费日期不能晚于今天（{today:%Y年%m月%d日}）。"
PAID_ON_BEFORE_REGISTRATION = "交费日期不能早于立案日期（{registered:%Y年%m月%d日}）。"
REASON_REQUIRED = "请选择退费原因。"
REFUND_EXCEEDS_HELD = (
    "退费金额 {amount} 元超过可退的 {refundable} 元"
    "（已交 {paid} 元，已退 {refunded} 元，待审批 {pending} 元）。"
)
NOTHING_OVERPAID = "本案没有多交的诉讼费（已交 {held} 元，应交 {charged} 元），不能按“多交”退费。"
OVERPAYMENT_EXCEEDS = (
    "按“多交”退费最多 {overpaid} 元（已交 {held} 元，应交 {charged} 元，待审批的多交退费已计入）。"
)
NOTE_TOO_LONG = "说明请不超过 500 字。"
REJECTION_REASON_REQUIRED = "不予批准退费须写明理由。"
REFUND_ALREADY_DECIDED = "该退费申请已由{who}于{when}审批（{state}），请刷新页面查看。"

CENT = Decimal("0.01")


def clean_amount(value) -> Decimal:
    """A positive amount of yuan to the fen, from a form's Decimal or typed text ("1,300.5")."""
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, TypeError):
        raise ValidationError(AMOUNT_INVALID) from None
    if not amount.is_finite() or amount <= 0 or amount >= Decimal("1e12") or amount != amount.quantize(CENT):
        raise ValidationError(AMOUNT_INVALID)
    return amount.quantize(CENT)


def _payment_errors(
    filing: Filing, *, amount, method: str, reference: str, payer: str, paid_on: date | None
) -> tuple[list[str], Decimal | None]:
    """Every problem of a payment's fields at once, and its amount when that one is valid."""
    errors = []
    try:
        amount = clean_amount(amount)
    except ValidationError as error:
        errors.extend(error.messages)
        amount = None
    if method not in PaymentMethod.values:
        errors.append(METHOD_REQUIRED)
    if not reference:
        errors.append(REFERENCE_REQUIRED)
    elif len(reference) > 60:
        errors.append(REFERENCE_TOO_LONG)
    elif duplicate := filing.fee_payments.filter(reference__iexact=reference).first():
        errors.append(
            REFERENCE_DUPLICATE.format(
                reference=reference,
                when=timezone.localtime(duplicate.recorded_at).strftime("%Y年%m月%d日 %H:%M"),
                amount=format_yuan(duplicate.amount),
            )
        )
    if not payer:
        errors.append(PAYER_REQUIRED)
    elif len(payer) > 100:
        errors.append(PAYER_TOO_LONG)
    today = timezone.localdate()
    registered = timezone.localdate(filing.registered_at)
    if paid_on is None:
        errors.append(PAID_ON_REQUIRED)
    elif paid_on > today:
        errors.append(PAID_ON_FUTURE.format(today=today))
    elif paid_on < registered:
        errors.append(PAID_ON_BEFORE_REGISTRATION.format(registered=registered))
    return errors, amount


@transaction.atomic
def fee_payment_record(
    *, filing: Filing, user, amount, method: str, reference: str, payer: str, paid_on: date | None
) -> FeePayment:
    """Enter a payment the court received and issue its 诉讼费交费收据, in one transaction.

    Refused, with every problem named and nothing written: an amount above what is still owed, a reference
    already entered on this filing, a date in the future or before registration.
    """
    filing = _locked(filing)
    _require(can_record_fee_payment(filing, user))
    reference, payer = reference.strip(), payer.strip()
    errors, amount = _payment_errors(
        filing, amount=amount, method=method, reference=reference, payer=payer, paid_on=paid_on
    )
    before = fee_balance(filing)
    if amount is not None:
        if before.balance <= 0:
            errors.insert(0, FEE_PAID_UP)
        elif amount > before.balance:
            message = PAYMENT_EXCEEDS_BALANCE.format(
                amount=format_yuan(amount), balance=format_yuan(before.balance)
            )
            errors.insert(0, message)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    entry = FeePayment(
        filing=filing,
        amount=amount,
        method=method,
        reference=reference,
        payer=payer,
        paid_on=paid_on,
        recorded_at=now,
        recorded_by=user,
    )
    after = {
        "charged": before.charged,
        "paid": before.paid + amount,
        "refunded": before.refunded,
        "balance": before.balance - amount,
    }
    entry.receipt = _issue(
        filing,
        user,
        NoticeKind.FEE_RECEIPT,
        snapshots.fee_receipt_snapshot(filing, entry, user, ledger=after),
        addressee=entry.payer,
    )
    entry._history_user = user
    entry.full_clean()
    entry.save()
    rest = f"尚欠 {format_yuan(after['balance'])} 元" if after["balance"] else "诉讼费已交清"
    _event(
        filing,
        user,
        "fee_paid",
        f"收到诉讼费 {format_yuan(amount)} 元（{entry.get_method_display()}，流水号 {entry.reference}，"
        f"交款人 {entry.payer}），出具诉讼费交费收据 {entry.receipt.number}；{rest}",
        payment=entry.pk,
        amount=str(amount),
    )
    return entry


@transaction.atomic
def fee_refund_request(*, filing: Filing, user, amount, reason: str, note: str = "") -> FeeRefund:
    """Ask for a refund with its reason. It counts in the balance once a supervisor approves it; until then
    it is held against what may still be refunded, so two requests cannot give back the same money."""
    filing = _locked(filing)
    _require(can_request_fee_refund(filing, user))
    note = note.strip()
    errors = []
    try:
        amount = clean_amount(amount)
    except ValidationError as error:
        errors.extend(error.messages)
        amount = None
    if reason not in RefundReason.values:
        errors.append(REASON_REQUIRED)
    if len(note) > 500:
        errors.append(NOTE_TOO_LONG)
    ledger = fee_balance(filing)
    if amount is not None and reason == RefundReason.OVERPAYMENT:
        pending = filing.fee_refunds.filter(state=RefundState.REQUESTED, reason=reason)
        pending_overpayment = sum((r.amount for r in pending), Decimal(0))
        overpaid = ledger.held - ledger.charged - pending_overpayment
        values = {"held": format_yuan(ledger.held), "charged": format_yuan(ledger.charged)}
        if overpaid <= 0:
            errors.insert(0, NOTHING_OVERPAID.format(**values))
        elif amount > overpaid:
            errors.insert(0, OVERPAYMENT_EXCEEDS.format(overpaid=format_yuan(overpaid), **values))
    if amount is not None and amount > ledger.refundable:
        errors.insert(
            0,
            REFUND_EXCEEDS_HELD.format(
                amount=format_yuan(amount),
                refundable=format_yuan(max(ledger.refundable, Decimal(0))),
                paid=format_yuan(ledger.paid),
                refunded=format_yuan(ledger.refunded),
                pending=format_yuan(ledger.pending_refunds),
            ),
        )
    if errors:
        raise ValidationError(errors)
    refund = FeeRefund(
        filing=filing, amount=amount, reason=reason, note=note, requested_at=timezone.now(), requested_by=user
    )
    refund._history_user = user
    refund.full_clean(exclude=["state"])  # a protected FSM field cannot be re-set by clean_fields
    refund.save()
    _event(
        filing,
        user,
        "fee_refund_requested",
        f"申请退费 {format_yuan(amount)} 元（{refund.get_reason_display()}）"
        + (f"：{note}" if note else "")
        + "，待诉讼服务中心负责人审批",
        refund=refund.pk,
        amount=str(amount),
        reason=reason,
    )
    return refund


def _locked_refund(refund: FeeRefund) -> FeeRefund:
    """The refund under a row lock, after its filing's (the order every ledger write takes)."""
    _locked(refund.filing)
    return FeeRefund.objects.select_for_update().select_related("filing", "requested_by").get(pk=refund.pk)


def _check_decidable(refund: FeeRefund, user) -> None:
    """A second click, or a second supervisor, is told who decided and when rather than just "not allowed"."""
    supervisor_here = can_supervise(user) and user.court_id == refund.filing.court_id
    if refund.state != RefundState.REQUESTED and supervisor_here:
        raise ValidationError(
            REFUND_ALREADY_DECIDED.format(
                who=refund.decided_by.get_full_name() if refund.decided_by else "其他负责人",
                when=timezone.localtime(refund.decided_at).strftime("%Y年%m月%d日 %H:%M")
                if refund.decided_at
                else "刚才",
                state=refund.get_state_display(),
            )
        )
    _require(can_decide_fee_refund(refund, user))


def _decide(refund: FeeRefund, user, note: str) -> None:
    refund.decided_at = timezone.now()
    refund.decided_by = user
    refund.decision_note = note
    refund._history_user = user
    try:
        refund.save()
    except ConcurrentTransition:
        message = REFUND_ALREADY_DECIDED.format(who="其他负责人", when="刚才", state="已审批")
        raise ValidationError(message) from None


@transaction.atomic
def fee_refund_approve(*, refund: FeeRefund, user, note: str = "") -> FeeRefund:
    """Approve a refund: from now on it counts in the balance (and, for a halving or a reduced claim, in
    what the case is charged)."""
    refund = _locked_refund(refund)
    _check_decidable(refund, user)
    note = note.strip()
    if len(note) > 500:
        raise ValidationError(NOTE_TOO_LONG)
    refund.approve()
    _decide(refund, user, note)
    ledger = fee_balance(refund.filing)
    _event(
        refund.filing,
        user,
        "fee_refund_approved",
        # The filer's page shows this line (filing.selectors.portal): who asked and the supervisor's note
        # stay on the refund's row, for the court.
        f"批准退费 {format_yuan(refund.amount)} 元（{refund.get_reason_display()}）；"
        f"应交 {format_yuan(ledger.charged)} 元，已交 {format_yuan(ledger.paid)} 元，"
        f"已退 {format_yuan(ledger.refunded)} 元",
        refund=refund.pk,
        amount=str(refund.amount),
        note=note,
    )
    return refund


@transaction.atomic
def fee_refund_reject(*, refund: FeeRefund, user, note: str) -> FeeRefund:
    """Reject a refund, with the reason in writing; the money stays where it is."""
    refund = _locked_refund(refund)
    _check_decidable(refund, user)
    note = note.strip()
    if not note:
        raise ValidationError(REJECTION_REASON_REQUIRED)
    if len(note) > 500:
        raise ValidationError(NOTE_TOO_LONG)
    refund.reject()
    _decide(refund, user, note)
    _event(
        refund.filing,
        user,
        "fee_refund_rejected",
        f"不予批准退费 {format_yuan(refund.amount)} 元（{refund.get_reason_display()}）：{note}",
        refund=refund.pk,
        amount=str(refund.amount),
    )
    return refund
