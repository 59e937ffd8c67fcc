"""The fee ledger (诉讼费收退, seed 000 第四条): payments with their receipts, refunds approved by a
supervisor, and the balance computed from them. A claim of 150,000 yuan is charged 3,300 (DOMAIN §5)."""

import re
import threading
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from courthall.roles import CLERK, SUPERVISOR
from filing.models import FeePayment, FeeRefund, FilingEvent, RefundState
from filing.permissions import (
    FEE_NOT_CHARGED,
    REFUND_DECIDED,
    REFUND_OWN_REQUEST,
    REFUND_SUPERVISOR_ONLY,
    can_decide_fee_refund,
    can_record_fee_payment,
    can_request_fee_refund,
)
from filing.selectors.fees import fee_balance
from filing.services import filings as filing_services
from filing.services import ledger as services
from notices.models import Delivery, Notice
from notices.templatetags.notice_pdf import yuan_in_capitals
from tests.factories import CourtFactory, UserFactory
from tests.filing.conftest import civil_filing

TUESDAY = "2026-03-03 10:00 +0800"


def pdf_text(notice: Notice) -> str:
    """The document's text with all whitespace removed (the PDF breaks lines where the layout does)."""
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(BytesIO(notice.pdf)).pages))


@pytest.fixture
def registered(clerk):
    with time_machine.travel(TUESDAY, tick=False):
        return filing_services.filing_register(filing=civil_filing(clerk), user=clerk)


@pytest.fixture
def other_supervisor(wugang):
    return UserFactory(court=wugang, full_name="赵强", role=SUPERVISOR)


def pay(filing, user, amount, reference="POS0001", **overrides):
    values = {
        "amount": amount,
        "method": "pos",
        "reference": reference,
        "payer": "张三",
        "paid_on": date(2026, 3, 3),
    }
    values.update(overrides)
    with time_machine.travel(TUESDAY, tick=False):
        return services.fee_payment_record(filing=filing, user=user, **values)


def ask_refund(filing, user, amount, reason="halved_withdrawal", note="原告申请撤诉，已裁定准许"):
    return services.fee_refund_request(filing=filing, user=user, amount=amount, reason=reason, note=note)


def balance_of(filing) -> tuple:
    ledger = fee_balance(filing)
    return ledger.charged, ledger.paid, ledger.refunded, ledger.pending_refunds, ledger.balance


# --- Payments ---------------------------------------------------------------------------------------------


def test_a_partial_payment_leaves_the_rest_to_pay_and_issues_its_receipt(registered, clerk):
    assert registered.fee_total == Decimal("3300.00")
    payment = pay(registered, clerk, "2000")
    assert (payment.amount, payment.recorded_by, payment.payer) == (Decimal("2000.00"), clerk, "张三")
    assert balance_of(registered) == (Decimal("3300"), Decimal("2000"), 0, 0, Decimal("1300"))

    receipt = payment.receipt
    assert receipt.kind == "fee_receipt" and receipt.subject == f"filing:{registered.pk}"
    assert receipt.addressee == "张三" and receipt.number == "豫0481费收〔2026〕1号"
    assert receipt.snapshot["ledger"] == {
        "charged": "3300.00",
        "paid": "2000.00",
        "refunded": "0.00",
        "balance": "1300.00",
    }
    text = pdf_text(receipt)
    assert "诉讼费交费收据" in text and "舞钢市人民法院" in text
    assert "（2026）豫0481民初1号" in text
    assert "收到张三交纳的本案诉讼费用" in text
    assert "金额人民币（大写）贰仟元整¥2000.00" in text
    assert "交费方式POS刷卡交费日期2026年3月3日" in text and "流水号POS0001" in text
    assert "收款人张敏联系电话13800138000" in text
    assert "交本笔后3300.002000.001300.00" in text and "已退" not in text  # charged, paid, owed
    assert "尚欠部分请按本院通知的期限交纳" in text
    assert len(PdfReader(BytesIO(receipt.pdf)).pages) == 1

    event = registered.events.get(action="fee_paid")
    assert event.actor == clerk and event.data == {"payment": payment.pk, "amount": "2000.00"}
    assert "收到诉讼费 2,000.00 元" in event.summary and receipt.number in event.summary
    assert "尚欠 1,300.00 元" in event.summary
    history = payment.history.get()
    assert history.history_user == clerk and history.history_type == "+"


def test_paying_the_rest_pays_up_and_the_receipt_says_so(registered, clerk):
    pay(registered, clerk, "2000")
    payment = pay(registered, clerk, "1,300.00", reference="TRF-88", method="bank_transfer")
    assert fee_balance(registered).balance == 0
    assert payment.receipt.number == "豫0481费收〔2026〕2号"
    text = pdf_text(payment.receipt)
    assert "人民币（大写）壹仟叁佰元整¥1300.00" in text
    assert "交本笔后3300.003300.000.00" in text and "本案诉讼费用已交清" in text
    assert "诉讼费已交清" in registered.events.filter(action="fee_paid").last().summary


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("3300.01", services.PAYMENT_EXCEEDS_BALANCE.format(amount="3,300.01", balance="3,300.00")),
        ("0", services.AMOUNT_INVALID),
        ("-5", services.AMOUNT_INVALID),
        ("12.345", services.AMOUNT_INVALID),
        ("一千", services.AMOUNT_INVALID),
        ("", services.AMOUNT_INVALID),
        ("NaN", services.AMOUNT_INVALID),
    ],
)
def test_a_bad_amount_is_refused_and_nothing_is_written(registered, clerk, amount, message):
    with pytest.raises(ValidationError) as error:
        pay(registered, clerk, amount)
    assert error.value.messages == [message]
    assert not FeePayment.objects.exists()
    assert not Notice.objects.filter(kind="fee_receipt").exists()
    assert not registered.events.filter(action="fee_paid").exists()


def test_overpaying_after_a_partial_payment_is_refused(registered, clerk):
    pay(registered, clerk, "3000")
    with pytest.raises(ValidationError) as error:
        pay(registered, clerk, "301", reference="POS0002")
    assert error.value.messages == [
        services.PAYMENT_EXCEEDS_BALANCE.format(amount="301.00", balance="300.00")
    ]
    pay(registered, clerk, "300", reference="POS0002")
    with pytest.raises(ValidationError) as error:
        pay(registered, clerk, "1", reference="POS0003")
    assert error.value.messages == [services.FEE_PAID_UP]
    assert FeePayment.objects.count() == 2


def test_every_problem_of_a_payment_is_named_at_once(registered, clerk):
    with pytest.raises(ValidationError) as error:
        pay(registered, clerk, "100", reference=" ", method="cash", payer="", paid_on=date(2026, 3, 4))
    assert error.value.messages == [
        services.METHOD_REQUIRED,
        services.REFERENCE_REQUIRED,
        services.PAYER_REQUIRED,
        services.PAID_ON_FUTURE.format(today=date(2026, 3, 3)),
    ]
    with pytest.raises(ValidationError) as error:
        pay(registered, clerk, "100", paid_on=date(2026, 3, 2))
    assert error.value.messages == [services.PAID_ON_BEFORE_REGISTRATION.format(registered=date(2026, 3, 3))]
    with pytest.raises(ValidationError) as error:
        pay(registered, clerk, "100", paid_on=None)
    assert error.value.messages == [services.PAID_ON_REQUIRED]
    assert not FeePayment.objects.exists()


def test_the_same_reference_is_not_entered_twice(registered, clerk):
    pay(registered, clerk, "100", reference="POS0001")
    with pytest.raises(ValidationError) as error:
        pay(registered, clerk, "100", reference=" pos0001 ")
    assert error.value.messages == [
        services.REFERENCE_DUPLICATE.format(reference="pos0001", when="2026年03月03日 10:00", amount="100.00")
    ]
    assert FeePayment.objects.count() == 1
    # Another case may carry the same bank's reference numbers: the rule is per filing.
    with time_machine.travel(TUESDAY, tick=False):
        other = filing_services.filing_register(filing=civil_filing(clerk), user=clerk)
    pay(other, clerk, "100", reference="POS0001")


def test_a_filing_not_registered_or_charged_nothing_takes_no_payment(clerk):
    received = civil_filing(clerk)
    assert can_record_fee_payment(received, clerk) == can_request_fee_refund(received, clerk)
    assert can_record_fee_payment(received, clerk).reason == FEE_NOT_CHARGED
    with pytest.raises(PermissionDenied, match=FEE_NOT_CHARGED):
        pay(received, clerk, "100")


def test_the_receipt_is_served_on_the_portal_owner(registered, clerk, lawyer):
    registered.owner = lawyer
    registered.save(update_fields=["owner"])
    payment = pay(registered, clerk, "500")
    delivery = Delivery.objects.get(notice=payment.receipt)
    assert delivery.recipient == lawyer and delivery.served_at is None


# --- Refunds ----------------------------------------------------------------------------------------------


def test_withdrawal_halves_the_fee_refund_approved_by_a_supervisor(registered, clerk, supervisor):
    pay(registered, clerk, "3300")
    refund = ask_refund(registered, clerk, "1650")
    assert refund.state == RefundState.REQUESTED and refund.requested_by == clerk
    # Asked for, not approved: nothing is given back yet, but it is held against further refunds.
    assert balance_of(registered) == (Decimal("3300"), Decimal("3300"), 0, Decimal("1650"), 0)
    assert fee_balance(registered).refundable == Decimal("1650")
    event = registered.events.get(action="fee_refund_requested")
    assert "申请退费 1,650.00 元（撤诉减半收取）：原告申请撤诉，已裁定准许" in event.summary

    refund = services.fee_refund_approve(refund=refund, user=supervisor, note="同意")
    assert (refund.state, refund.decided_by, refund.decision_note) == ("approved", supervisor, "同意")
    # 诉讼费用交纳办法 art. 15: the case is now charged half, and owes nothing.
    assert balance_of(registered) == (Decimal("1650"), Decimal("3300"), Decimal("1650"), 0, 0)
    event = registered.events.get(action="fee_refund_approved")
    assert event.actor == supervisor
    assert (
        event.summary
        == "批准退费 1,650.00 元（撤诉减半收取）；应交 1,650.00 元，已交 3,300.00 元，已退 1,650.00 元"
    )
    assert [(h.history_type, h.state, h.history_user) for h in refund.history.order_by("history_id")] == [
        ("+", "requested", clerk),
        ("~", "approved", supervisor),
    ]


def test_refunds_are_bounded_by_what_the_court_holds(registered, clerk, supervisor):
    pay(registered, clerk, "2000")
    with pytest.raises(ValidationError) as error:
        ask_refund(registered, clerk, "2000.01")
    assert error.value.messages == [
        services.REFUND_EXCEEDS_HELD.format(
            amount="2,000.01", refundable="2,000.00", paid="2,000.00", refunded="0.00", pending="0.00"
        )
    ]
    first = ask_refund(registered, clerk, "1500", reason="reduced_claim", note="诉讼请求减为100000元")
    # The pending 1,500 is held: a second request may only ask for the rest.
    with pytest.raises(ValidationError) as error:
        ask_refund(registered, clerk, "600")
    assert error.value.messages[0].startswith("退费金额 600.00 元超过可退的 500.00 元")
    services.fee_refund_reject(refund=first, user=supervisor, note="减少后的诉讼请求尚未经法庭确认")
    # Rejected: the money is still held and may be asked for again.
    assert fee_balance(registered).refundable == Decimal("2000")
    assert FeeRefund.objects.filter(state="requested").count() == 0


def test_an_overpayment_refund_needs_an_overpayment(registered, clerk):
    pay(registered, clerk, "3300")
    with pytest.raises(ValidationError) as error:
        ask_refund(registered, clerk, "10", reason="overpayment", note="")
    assert error.value.messages == [services.NOTHING_OVERPAID.format(held="3,300.00", charged="3,300.00")]
    assert not FeeRefund.objects.exists()


def test_a_bad_refund_names_every_problem_and_writes_nothing(registered, clerk):
    pay(registered, clerk, "100")
    with pytest.raises(ValidationError) as error:
        ask_refund(registered, clerk, "abc", reason="because", note="长" * 501)
    assert error.value.messages == [services.AMOUNT_INVALID, services.REASON_REQUIRED, services.NOTE_TOO_LONG]
    assert (
        not FeeRefund.objects.exists()
        and not registered.events.filter(action__startswith="fee_refund").exists()
    )


def test_who_may_decide_a_refund(registered, clerk, supervisor, other_supervisor):
    pay(registered, clerk, "3300")
    refund = ask_refund(registered, clerk, "100")
    # A clerk cannot approve: refunds without a supervisor's approval are refused, nothing changes.
    with pytest.raises(PermissionDenied, match=REFUND_SUPERVISOR_ONLY):
        services.fee_refund_approve(refund=refund, user=clerk)
    elsewhere = UserFactory(court=CourtFactory(), role=SUPERVISOR)
    assert can_decide_fee_refund(refund, elsewhere).reason == REFUND_SUPERVISOR_ONLY
    # A supervisor who also works the counter asks; another supervisor decides.
    both = UserFactory(court=registered.court, full_name="钱多", role=SUPERVISOR)
    both.groups.add(*UserFactory(court=registered.court, role=CLERK).groups.all())
    own = ask_refund(registered, both, "100")
    with pytest.raises(PermissionDenied, match=REFUND_OWN_REQUEST):
        services.fee_refund_approve(refund=own, user=both)
    services.fee_refund_approve(refund=own, user=other_supervisor)
    refund.refresh_from_db()
    assert refund.state == "requested" and fee_balance(registered).refunded == Decimal("100")


def test_a_decided_refund_cannot_be_decided_again(registered, clerk, supervisor, other_supervisor):
    pay(registered, clerk, "3300")
    refund = ask_refund(registered, clerk, "100")
    with time_machine.travel("2026-03-04 09:15 +0800", tick=False):
        services.fee_refund_approve(refund=refund, user=supervisor)
    with pytest.raises(ValidationError) as error:
        services.fee_refund_reject(refund=refund, user=other_supervisor, note="不同意")
    assert error.value.messages == [
        services.REFUND_ALREADY_DECIDED.format(who="刘芳", when="2026年03月04日 09:15", state="已批准")
    ]
    refund.refresh_from_db()
    assert can_decide_fee_refund(refund, other_supervisor).reason == REFUND_DECIDED.format(state="已批准")
    assert refund.state == "approved" and refund.history.count() == 2


def test_a_rejection_needs_a_written_reason(registered, clerk, supervisor):
    pay(registered, clerk, "3300")
    refund = ask_refund(registered, clerk, "100")
    with pytest.raises(ValidationError) as error:
        services.fee_refund_reject(refund=refund, user=supervisor, note="  ")
    assert error.value.messages == [services.REJECTION_REASON_REQUIRED]
    refund.refresh_from_db()
    assert refund.state == "requested" and refund.history.count() == 1
    services.fee_refund_reject(refund=refund, user=supervisor, note="撤诉裁定尚未作出")
    event = FilingEvent.objects.get(action="fee_refund_rejected")
    assert event.summary == "不予批准退费 100.00 元（撤诉减半收取）：撤诉裁定尚未作出"


# --- Amounts in words -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("3300.00", "叁仟叁佰元整"),
        ("10.00", "壹拾元整"),
        ("1650.50", "壹仟陆佰伍拾元伍角整"),
        ("1001.05", "壹仟零壹元零伍分"),
        ("0.05", "伍分"),
        ("20100.00", "贰万零壹佰元整"),
        ("1000100.00", "壹佰万零壹佰元整"),
        ("100010000.00", "壹亿零壹万元整"),
        ("0.00", "零元整"),
    ],
)
def test_amounts_in_capitals(amount, words):
    assert yuan_in_capitals(amount) == words


# --- Two clerks at once -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_clerks_entering_payments_at_once_cannot_overpay(clerk, wugang):
    """The filing row is locked first: the second clerk waits, then sees the first payment in the balance."""
    filing = filing_services.filing_register(filing=civil_filing(clerk), user=clerk)
    other = UserFactory(court=wugang, full_name="李娜", role=CLERK)
    start = threading.Barrier(2)
    outcomes: list = []

    def enter(user, reference):
        try:
            start.wait()
            services.fee_payment_record(
                filing=filing,
                user=user,
                amount="2000",
                method="pos",
                reference=reference,
                payer="张三",
                paid_on=timezone.localdate(),
            )
            outcomes.append("paid")
        except ValidationError as error:
            outcomes.append(error.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=enter, args=args) for args in ((clerk, "A1"), (other, "B1"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    refused = [services.PAYMENT_EXCEEDS_BALANCE.format(amount="2,000.00", balance="1,300.00")]
    assert sorted(outcomes, key=str) == sorted(["paid", refused], key=str)
    assert FeePayment.objects.count() == 1 and fee_balance(filing).balance == Decimal("1300")
