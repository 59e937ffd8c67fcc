"""The payment limit (诉讼费用交纳办法 art. 22; 登记立案规定 art. 11) and the ruling on an unpaid fee.

2026 data (DOMAIN §4): 09-25..27 and 10-01..07 are holidays, 09-28 a Monday and a working day.
"""

import re
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from filing.models import (
    CauseOfAction,
    FeePayment,
    FilingEvent,
    FilingState,
    KeepReason,
    PaymentLimit,
    PaymentMethod,
)
from filing.selectors.payment_limit import unpaid_at_limit
from filing.services.filings import filing_register
from filing.services.online import filing_submit_online
from filing.services.payment_limit import (
    FEE_PAID,
    LIMIT_NOT_PASSED,
    NO_KEEP_NOTE,
    NO_LIMIT,
    RELIEF_PENDING,
    filing_treat_as_withdrawn,
    payment_limit_keep,
    payment_limit_sync,
    payment_limits_sync,
)
from filing.services.relief import ReliefInput, relief_apply, relief_refuse
from notices.models import Delivery, Notice, NoticeKind
from notices.services import notice_open
from tests.filing.conftest import civil_filing
from tests.filing.test_online import draft_for

pytestmark = pytest.mark.usefixtures("pdf_fonts")

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00").replace(tzinfo=SHANGHAI)


def registered(clerk, day: str = "2026-09-28", **overrides):
    with time_machine.travel(at(day), tick=False):
        return filing_register(filing=civil_filing(clerk, **overrides), user=clerk)


def pdf_text(notice: Notice) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(BytesIO(notice.pdf)).pages))


def listed(user, day: str) -> list:
    with time_machine.travel(at(day, 9), tick=False):
        return list(unpaid_at_limit(user=user, today=timezone.localdate()))


def pay(filing, clerk, amount):
    return FeePayment.objects.create(
        filing=filing,
        amount=Decimal(amount),
        method=PaymentMethod.POS,
        reference="POS-1",
        payer="张三",
        paid_on=timezone.localdate(),
        recorded_at=timezone.now(),
        recorded_by=clerk,
    )


# --- When the limit ends --------------------------------------------------------------------------------


def test_a_counter_fee_notice_is_served_at_registration_and_the_limit_leaves_the_national_holiday(clerk):
    filing = registered(clerk, "2026-09-28")
    limit = PaymentLimit.objects.get(filing=filing)
    assert limit.notice.kind == NoticeKind.FEE
    assert timezone.localdate(limit.served_at) == date(2026, 9, 28)
    # 7 calendar days from 09-29 end on 10-05, a National Day holiday: moved to 10-08 (民诉法 art. 85).
    assert limit.due_on == date(2026, 10, 8)


def test_a_limit_ending_on_an_ordinary_working_day_is_not_moved(clerk):
    filing = registered(clerk, "2026-11-16")  # a Monday: 11-23 is a Monday too
    assert PaymentLimit.objects.get(filing=filing).due_on == date(2026, 11, 23)


def test_the_list_shows_the_filing_only_after_the_last_day_across_the_holiday(clerk):
    filing = registered(clerk, "2026-09-28")
    assert listed(clerk, "2026-10-05") == []  # the nominal 7th day, a holiday
    assert listed(clerk, "2026-10-08") == []  # the last day itself
    assert listed(clerk, "2026-10-09") == [filing]


def test_wage_claims_and_enforcement_fees_are_never_demanded_in_advance(clerk, wugang):
    wages = registered(clerk, cause=CauseOfAction.objects.get(name="追索劳动报酬纠纷"), cause_text="")
    assert wages.fee_total is None  # 诉讼费用交纳办法 art. 20: no advance payment
    assert not Notice.objects.filter(subject=f"filing:{wages.pk}", kind=NoticeKind.FEE).exists()
    assert not PaymentLimit.objects.filter(filing=wages).exists()
    assert "追索劳动报酬" in wages.cause_name
    assert listed(clerk, "2026-12-01") == []


def test_the_list_is_the_courts_own_ordered_by_the_limit_and_leaves_out_the_paid(clerk, wugang):
    later = registered(clerk, "2026-09-30")
    earlier = registered(clerk, "2026-09-28")
    paid = registered(clerk, "2026-09-28")
    with time_machine.travel(at("2026-09-29"), tick=False):
        pay(paid, clerk, paid.fee_total)
    partly = registered(clerk, "2026-09-28")
    with time_machine.travel(at("2026-09-29"), tick=False):
        pay(partly, clerk, "100.00")
    rows = listed(clerk, "2026-10-20")
    assert rows == [earlier, partly, later] or rows == [partly, earlier, later]
    assert rows[-1] == later and paid not in rows
    from filing.models import Filing

    assert {f.payment_limit.due_on for f in rows[:2]} == {date(2026, 10, 8)}
    assert Filing.objects.get(pk=later.pk).payment_limit.due_on == date(2026, 10, 8)  # 10-07 + holiday


# --- Online: served when opened --------------------------------------------------------------------------


@pytest.fixture
def online_registered(lawyer, wugang, clerk):
    with time_machine.travel(at("2026-09-24", 9), tick=False):
        filing = filing_submit_online(draft=draft_for(lawyer, wugang), user=lawyer)
    with time_machine.travel(at("2026-09-24", 15), tick=False):
        return filing_register(filing=filing, user=clerk)


def test_an_online_fee_notice_starts_the_limit_when_its_owner_first_opens_it(
    online_registered, lawyer, clerk
):
    limit = PaymentLimit.objects.get(filing=online_registered)
    assert limit.served_at is None and limit.due_on is None  # not served yet: no limit runs
    assert listed(clerk, "2026-12-01") == []
    fee_notice = Notice.objects.get(subject=f"filing:{online_registered.pk}", kind=NoticeKind.FEE)
    with time_machine.travel(at("2026-09-28", 20), tick=False):
        notice_open(notice=fee_notice, user=lawyer)  # from the inbox: notices knows nothing of filings
    assert PaymentLimit.objects.get(filing=online_registered).due_on is None
    assert payment_limits_sync(court=online_registered.court) == 1
    limit.refresh_from_db()
    assert timezone.localdate(limit.served_at) == date(2026, 9, 28)
    assert limit.due_on == date(2026, 10, 8)
    event = FilingEvent.objects.get(filing=online_registered, action="payment_limit_started")
    assert event.actor == lawyer and "2026年10月08日" in event.summary
    assert payment_limit_sync(filing=online_registered) is None  # idempotent: nothing left to sync
    assert FilingEvent.objects.filter(action="payment_limit_started").count() == 1


def test_the_filers_document_view_starts_the_limit_at_once(client, online_registered, lawyer):
    from django.urls import reverse

    fee_notice = Notice.objects.get(subject=f"filing:{online_registered.pk}", kind=NoticeKind.FEE)
    client.force_login(lawyer)
    with time_machine.travel(at("2026-09-30", 8), tick=False):
        response = client.get(reverse("filing:portal_notice", args=[online_registered.pk, fee_notice.pk]))
    assert response.status_code == 200
    assert Delivery.objects.get(notice=fee_notice).served_at is not None
    assert PaymentLimit.objects.get(filing=online_registered).due_on == date(2026, 10, 8)  # 10-07 → 10-08


# --- A relief application pauses the limit ----------------------------------------------------------------


def _apply(filing, user, **data):
    values = {
        "applicant_id": filing.parties.get(role="plaintiff").pk,
        "kind": "reduce",
        "ground": "46_1",
        "statement": "家中遭受水灾，生活困难。",
        "proof": "乡政府出具的受灾证明一份",
    }
    values.update(data)
    return relief_apply(filing=filing, user=user, data=ReliefInput(**values))


def test_a_pending_relief_application_keeps_the_filing_off_the_list(clerk):
    filing = registered(clerk, "2026-09-28")
    with time_machine.travel(at("2026-09-30"), tick=False):
        _apply(filing, clerk)
    assert listed(clerk, "2026-10-20") == []
    with time_machine.travel(at("2026-10-20"), tick=False), pytest.raises(ValidationError) as refused:
        filing_treat_as_withdrawn(filing=filing, user=clerk)
    assert refused.value.messages == [RELIEF_PENDING]


def test_after_a_refusal_the_limit_runs_from_the_refusals_service(clerk, supervisor):
    filing = registered(clerk, "2026-09-28")
    with time_machine.travel(at("2026-09-30"), tick=False):
        relief = _apply(filing, clerk)
    with time_machine.travel(at("2026-10-09"), tick=False):
        relief_refuse(relief=relief, user=supervisor, reasons="申请人的受灾证明与本案无关")
    limit = PaymentLimit.objects.get(filing=filing)
    assert limit.notice.kind == NoticeKind.RELIEF_REFUSAL
    assert limit.due_on == date(2026, 10, 16)  # 10-10 … 10-16, a Friday
    assert listed(clerk, "2026-10-16") == []
    assert listed(clerk, "2026-10-17") == [filing]


# --- The decision ----------------------------------------------------------------------------------------


def test_treating_as_withdrawn_issues_the_ruling(clerk, lawyer):
    filing = registered(clerk, "2026-09-28")
    with time_machine.travel(at("2026-10-09", 11), tick=False):
        filing = filing_treat_as_withdrawn(filing=filing, user=clerk)
    filing.refresh_from_db()
    assert filing.state == FilingState.TREATED_AS_WITHDRAWN
    ruling = Notice.objects.get(subject=f"filing:{filing.pk}", kind=NoticeKind.TREATED_WITHDRAWN)
    text = pdf_text(ruling)
    assert "民事裁定书" in text and filing.case_number.replace("(", "（").replace(")", "）") in text
    assert "原告：张三" in text and "被告：李四" in text
    assert "本院于2026年9月28日立案受理原告张三诉被告李四民间借贷纠纷一案" in text
    assert "通知其于2026年10月8日前预交案件受理费3300.00元" in text
    assert "也未申请缓交、减交或者免交" in text
    assert "第二百一十三条" in text and "第二十二条" in text
    assert "本案按原告张三撤回起诉处理。" in text
    assert "二〇二六年十月九日" in text and "张敏" in text
    event = FilingEvent.objects.get(filing=filing, action="treated_as_withdrawn")
    assert ruling.number in event.summary and "3300.00" in event.summary
    assert filing.history.first().state == FilingState.TREATED_AS_WITHDRAWN
    assert listed(clerk, "2026-10-20") == []


def test_nothing_is_withdrawn_before_the_limit_or_when_paid(clerk):
    filing = registered(clerk, "2026-09-28")
    with time_machine.travel(at("2026-10-08", 17), tick=False), pytest.raises(ValidationError) as early:
        filing_treat_as_withdrawn(filing=filing, user=clerk)
    assert early.value.messages == [LIMIT_NOT_PASSED.format(due="2026年10月08日")]
    with time_machine.travel(at("2026-10-09"), tick=False):
        pay(filing, clerk, "3300.00")
        with pytest.raises(ValidationError) as paid:
            filing_treat_as_withdrawn(filing=filing, user=clerk)
    assert paid.value.messages == [FEE_PAID.format(due="3300.00", paid="3300.00")]
    filing.refresh_from_db()
    assert filing.state == FilingState.REGISTERED
    assert not Notice.objects.filter(kind=NoticeKind.TREATED_WITHDRAWN).exists()


def test_an_online_filing_not_yet_served_has_no_limit_to_rule_on(online_registered, clerk):
    with time_machine.travel(at("2026-12-01"), tick=False), pytest.raises(ValidationError) as refused:
        filing_treat_as_withdrawn(filing=online_registered, user=clerk)
    assert refused.value.messages == [NO_LIMIT]


def test_the_online_ruling_is_served_on_the_owner(online_registered, lawyer, clerk):
    fee_notice = Notice.objects.get(subject=f"filing:{online_registered.pk}", kind=NoticeKind.FEE)
    with time_machine.travel(at("2026-09-28", 20), tick=False):
        notice_open(notice=fee_notice, user=lawyer)
    with time_machine.travel(at("2026-10-09"), tick=False):
        filing_treat_as_withdrawn(filing=online_registered, user=clerk)  # syncs under the lock
    ruling = Notice.objects.get(kind=NoticeKind.TREATED_WITHDRAWN)
    assert Delivery.objects.filter(notice=ruling, recipient=lawyer).exists()
    assert "本院于2026年9月28日向原告送达交纳诉讼费用通知书" in pdf_text(ruling)


def test_keeping_the_case_is_logged_with_its_reason(clerk):
    filing = registered(clerk, "2026-09-28")
    with time_machine.travel(at("2026-10-09"), tick=False):
        with pytest.raises(ValidationError) as no_note:
            payment_limit_keep(filing=filing, user=clerk, reason=KeepReason.OTHER, note=" ")
        assert no_note.value.messages == [NO_KEEP_NOTE]
        payment_limit_keep(filing=filing, user=clerk, reason=KeepReason.OTHER, note="原告住院，已电话说明")
    limit = PaymentLimit.objects.get(filing=filing)
    assert limit.kept_by == clerk and limit.kept_reason == KeepReason.OTHER
    event = FilingEvent.objects.get(filing=filing, action="payment_limit_kept")
    assert "原告住院" in event.summary
    assert listed(clerk, "2026-10-20") == []
    filing.refresh_from_db()
    assert filing.state == FilingState.REGISTERED


def test_a_halving_refund_does_not_put_a_paid_filing_on_the_list(clerk):
    """The list's balance is the ledger's (filing.selectors.fees.FeeBalance): a refund that halves the charge
    (诉讼费用交纳办法 art. 15) lowers what is owed as much as what is held."""
    from filing.models import FeeRefund, RefundReason, RefundState
    from filing.selectors.fees import fee_balance

    filing = registered(clerk, "2026-09-28")
    with time_machine.travel(at("2026-09-29"), tick=False):
        pay(filing, clerk, filing.fee_total)
        FeeRefund.objects.create(
            filing=filing,
            amount=filing.fee_total / 2,
            reason=RefundReason.HALVED_WITHDRAWAL,
            state=RefundState.APPROVED,
            requested_at=timezone.now(),
            requested_by=clerk,
        )
    assert fee_balance(filing).balance == 0
    assert listed(clerk, "2026-10-20") == []
