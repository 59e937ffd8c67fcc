"""The fee ledger through the HTTP interface: the 诉讼费 panel of a registered case, entering a payment,
asking for a refund, the supervisor's decision and list, the filer's read-only view; allowed, refused and
hidden."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from courthall.roles import AGENT, CLERK, JUDGE, LAWYER, SUPERVISOR, SYSADMIN
from filing.models import FeePayment, FeeRefund, Filing
from filing.permissions import (
    FEE_NOT_CHARGED,
    REFUND_DECIDED,
    can_decide_fee_refund,
    can_record_fee_payment,
    can_request_fee_refund,
)
from filing.selectors.fees import fee_balance
from filing.services import filings as filing_services
from filing.services import ledger as services
from filing.views.ledger import PAYMENT_RECORDED, REFUND_APPROVED, REFUND_REQUESTED
from tests.factories import CourtFactory, UserFactory
from tests.filing.conftest import civil_filing
from tests.filing.test_ledger import TUESDAY, ask_refund, pay

pytestmark = pytest.mark.usefixtures("pdf_fonts")


@pytest.fixture
def registered(clerk):
    with time_machine.travel(TUESDAY, tick=False):
        return filing_services.filing_register(filing=civil_filing(clerk), user=clerk)


def as_user(client, user):
    client.force_login(user)
    return client


def detail(client, filing) -> str:
    response = client.get(reverse("filing:filing_detail", args=[filing.pk]))
    assert response.status_code == 200
    return response.content.decode()


def payment_data(**overrides) -> dict:
    data = {
        "amount": "2000",
        "method": "pos",
        "reference": "POS0001",
        "payer": "张三",
        "paid_on": "2026-03-03",
    }
    data.update(overrides)
    return data


# --- Permission rows ----------------------------------------------------------------------------------------

ALLOWED = {
    CLERK: {"pay", "refund"},
    SUPERVISOR: {"decide"},
    AGENT: set(),
    JUDGE: set(),
    SYSADMIN: set(),
    LAWYER: set(),
}


@pytest.mark.parametrize("role", list(ALLOWED), ids=lambda role: role.key)
def test_role_by_ledger_action(db, role):
    court = CourtFactory()
    user = UserFactory(court=court if role.staff else None, role=role)
    filing = Filing(court=court, registered_at=timezone.now(), fee_total=3300)
    refund = FeeRefund(filing=filing, requested_by_id=-1)
    decisions = {
        "pay": can_record_fee_payment(filing, user),
        "refund": can_request_fee_refund(filing, user),
        "decide": can_decide_fee_refund(refund, user),
    }
    for action, decision in decisions.items():
        assert bool(decision) == (action in ALLOWED[role]), (role.key, action)
        assert decision or decision.reason


def test_a_case_not_registered_or_charged_nothing_has_no_ledger(db):
    clerk = UserFactory(role=CLERK)
    assert can_record_fee_payment(Filing(court=clerk.court), clerk).reason == FEE_NOT_CHARGED
    free = Filing(court=clerk.court, registered_at=timezone.now(), fee_total=None)
    assert can_request_fee_refund(free, clerk).reason == FEE_NOT_CHARGED


# --- The panel and the counter's forms ---------------------------------------------------------------------


@time_machine.travel(TUESDAY, tick=False)
def test_the_clerk_enters_a_partial_payment_from_the_panel(client, registered, clerk):
    as_user(client, clerk)
    page = detail(client, registered)
    assert 'id="fees"' in page and "尚未交费" in page and "登记并出具收据" in page
    assert 'value="张三"' in page and 'value="2026-03-03"' in page  # payer and today filled in

    response = client.post(reverse("filing:fee_payment_record", args=[registered.pk]), payment_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("filing:filing_detail", args=[registered.pk]) + "#fees"
    payment = FeePayment.objects.get()
    page = detail(client, registered)
    assert (
        PAYMENT_RECORDED.format(amount="2,000.00", number=payment.receipt.number, rest="尚欠 1,300.00 元。")
        in page
    )
    assert 'data-fee="paid">2,000.00 元' in page and 'id="fee-owed">1,300.00 元' in page
    assert reverse("notices:pdf", args=[payment.receipt.pk]) in page
    assert "收到诉讼费 2,000.00 元" in page  # the timeline


@time_machine.travel(TUESDAY, tick=False)
def test_an_overpayment_comes_back_with_the_message_and_what_was_typed(client, registered, clerk):
    as_user(client, clerk)
    response = client.post(
        reverse("filing:fee_payment_record", args=[registered.pk]),
        payment_data(amount="5000", reference="X9"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert services.PAYMENT_EXCEEDS_BALANCE.format(amount="5,000.00", balance="3,300.00") in page
    assert 'value="5000"' in page and 'value="X9"' in page
    assert not FeePayment.objects.exists()


@time_machine.travel(TUESDAY, tick=False)
def test_a_bad_date_is_a_message_not_a_500(client, registered, clerk):
    as_user(client, clerk)
    response = client.post(
        reverse("filing:fee_payment_record", args=[registered.pk]), payment_data(paid_on="2026-02-30")
    )
    assert response.status_code == 200 and "请按“2026-03-05”的格式填写日期" in response.content.decode()
    assert not FeePayment.objects.exists()


@time_machine.travel(TUESDAY, tick=False)
def test_the_clerk_asks_for_a_refund_and_the_supervisor_approves_it_on_the_panel(
    client, registered, clerk, supervisor
):
    pay(registered, clerk, "3300")
    as_user(client, clerk)
    response = client.post(
        reverse("filing:fee_refund_request", args=[registered.pk]),
        {"amount": "1650", "reason": "halved_withdrawal", "note": "原告撤诉"},
    )
    assert response.status_code == 302
    page = detail(client, registered)
    assert REFUND_REQUESTED.format(amount="1,650.00") in page and "待审批" in page
    assert "批准退费" not in page  # the clerk sees no decision buttons

    as_user(client, supervisor)
    refund = FeeRefund.objects.get()
    page = detail(client, registered)
    assert reverse("filing:fee_refund_decide", args=[refund.pk]) in page and "登记并出具收据" not in page
    response = client.post(reverse("filing:fee_refund_decide", args=[refund.pk]), {"decision": "approve"})
    assert response.status_code == 302
    page = detail(client, registered)
    assert REFUND_APPROVED.format(amount="1,650.00") in page
    assert 'data-fee="refunded">1,650.00 元' in page and 'id="fee-owed">0.00 元（已交清）' in page
    assert "批准退费 1,650.00 元" in page
    assert fee_balance(registered).balance == 0


@time_machine.travel(TUESDAY, tick=False)
def test_a_clerk_posting_an_approval_is_refused_and_nothing_changes(client, registered, clerk):
    pay(registered, clerk, "3300")
    refund = ask_refund(registered, clerk, "100")
    as_user(client, clerk)
    response = client.post(reverse("filing:fee_refund_decide", args=[refund.pk]), {"decision": "approve"})
    assert response.status_code == 403
    refund.refresh_from_db()
    assert refund.state == "requested"


@time_machine.travel(TUESDAY, tick=False)
def test_a_rejection_without_a_reason_comes_back_with_the_message(client, registered, clerk, supervisor):
    pay(registered, clerk, "3300")
    refund = ask_refund(registered, clerk, "100")
    as_user(client, supervisor)
    response = client.post(reverse("filing:fee_refund_decide", args=[refund.pk]), {"decision": "reject"})
    assert response.status_code == 200
    assert services.REJECTION_REASON_REQUIRED in response.content.decode()
    refund.refresh_from_db()
    assert refund.state == "requested"


@time_machine.travel(TUESDAY, tick=False)
def test_the_supervisors_list_of_refunds_awaiting_approval(client, registered, clerk, supervisor):
    pay(registered, clerk, "3300")
    refund = ask_refund(registered, clerk, "100")
    as_user(client, supervisor)
    page = client.get(reverse("overview")).content.decode()
    assert reverse("filing:fee_refunds_pending") in page  # the nav
    page = client.get(reverse("filing:fee_refunds_pending")).content.decode()
    assert registered.case_number in page and "撤诉减半收取" in page
    response = client.post(
        reverse("filing:fee_refund_decide", args=[refund.pk]),
        {"decision": "reject", "note": "尚未裁定准许撤诉", "next": "list"},
    )
    assert response["Location"] == reverse("filing:fee_refunds_pending")
    page = client.get(reverse("filing:fee_refunds_pending")).content.decode()
    assert "没有待审批的退费" in page
    as_user(client, clerk)
    assert client.get(reverse("filing:fee_refunds_pending")).status_code == 403


@time_machine.travel(TUESDAY, tick=False)
def test_another_courts_filing_and_refund_are_404(client, registered, clerk):
    pay(registered, clerk, "3300")
    refund = ask_refund(registered, clerk, "100")
    court = CourtFactory()
    as_user(client, UserFactory(court=court, role=CLERK))
    assert client.get(reverse("filing:fee_payment_record", args=[registered.pk])).status_code == 404
    assert client.post(reverse("filing:fee_refund_request", args=[registered.pk])).status_code == 404
    as_user(client, UserFactory(court=court, role=SUPERVISOR))
    assert client.get(reverse("filing:fee_refund_decide", args=[refund.pk])).status_code == 404
    response = client.post(reverse("filing:fee_refund_decide", args=[refund.pk]), {"decision": "approve"})
    assert response.status_code == 404
    refund.refresh_from_db()
    assert refund.state == "requested"


def test_a_case_without_a_fee_shows_no_panel_and_refuses_the_forms(client, clerk):
    filing = civil_filing(clerk)
    as_user(client, clerk)
    assert 'id="fees"' not in detail(client, filing)
    response = client.get(reverse("filing:fee_payment_record", args=[filing.pk]))
    assert response.status_code == 403 and FEE_NOT_CHARGED in response.content.decode()


def test_a_judge_cannot_open_the_payment_form(client, registered, wugang):
    as_user(client, UserFactory(court=wugang, role=JUDGE))
    assert client.get(reverse("filing:fee_payment_record", args=[registered.pk])).status_code == 403


# --- The filer's page ---------------------------------------------------------------------------------------


@time_machine.travel(TUESDAY, tick=False)
def test_the_filer_sees_the_balance_and_the_receipts_read_only(client, registered, clerk, supervisor, lawyer):
    Filing.objects.filter(pk=registered.pk).update(owner=lawyer)
    registered.refresh_from_db()
    payment = pay(registered, clerk, "3300")
    services.fee_refund_approve(refund=ask_refund(registered, clerk, "1650"), user=supervisor)
    as_user(client, lawyer)
    page = client.get(reverse("filing:portal_filing", args=[registered.pk])).content.decode()
    assert 'id="fee-owed">0.00 元（已交清）' in page and 'data-fee="refunded">1,650.00 元' in page
    assert "诉讼费已交清。" in page and "七日内预交诉讼费" not in page
    receipt_url = reverse("filing:portal_notice", args=[registered.pk, payment.receipt.pk])
    assert receipt_url in page
    assert "登记并出具收据" not in page and "批准退费 1,650.00 元" in page  # the filer's timeline
    assert "申请退费" not in page  # asked for inside the court: not the filer's timeline
    response = client.get(receipt_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@time_machine.travel(TUESDAY, tick=False)
def test_the_decision_page_and_a_decided_refund(client, registered, clerk, supervisor):
    pay(registered, clerk, "3300")
    refund = ask_refund(registered, clerk, "100")
    as_user(client, supervisor)
    url = reverse("filing:fee_refund_decide", args=[refund.pk])
    page = client.get(url).content.decode()
    assert "审批退费" in page and "100.00 元" in page
    assert "原告申请撤诉，已裁定准许" in page
    client.post(url, {"decision": "approve"})
    response = client.get(url)
    assert response.status_code == 403
    assert REFUND_DECIDED.format(state="已批准") in response.content.decode()
    response = client.post(url, {"decision": "reject", "note": "再议"})
    assert response.status_code == 200 and "已由刘芳于" in response.content.decode()
    refund.refresh_from_db()
    assert refund.state == "approved"
