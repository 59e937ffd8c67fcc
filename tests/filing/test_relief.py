"""Fee relief (司法救助) under 《诉讼费用交纳办法》 arts. 44–48: the rules, bad input, the documents."""

import re
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from filing.models import FeeRelief, FilingEvent, PartyKind, PartyRole, PaymentLimit, ReliefState
from filing.permissions import RELIEF_SUPERVISOR_ONLY, RELIEF_WAITS_FOR_REGISTRATION
from filing.selectors.fees import fee_balance
from filing.services.filings import PartyInput, filing_register
from filing.services.relief import (
    ALREADY_PENDING,
    DEFERRAL_DATE_PAST,
    GROUND_NOT_FOR_KIND,
    NO_PROOF,
    NO_REFUSAL_REASONS,
    NO_STATEMENT,
    REDUCTION_NOT_A_NUMBER,
    REDUCTION_TOO_HIGH,
    REDUCTION_TOO_LOW,
    TOO_LATE,
    WAIVER_PERSONS_ONLY,
    ReliefInput,
    reduced_fee,
    relief_apply,
    relief_grant,
    relief_refuse,
)
from notices.models import Notice, NoticeKind
from tests.filing.conftest import civil_filing

pytestmark = pytest.mark.usefixtures("pdf_fonts")

SHANGHAI = ZoneInfo("Asia/Shanghai")
APPLIED = datetime(2026, 11, 16, 10, 0, tzinfo=SHANGHAI)  # a Monday
DECIDED = datetime(2026, 11, 17, 15, 0, tzinfo=SHANGHAI)


def pdf_text(notice: Notice) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(BytesIO(notice.pdf)).pages))


def company_plaintiff():
    return [
        PartyInput(
            role=PartyRole.PLAINTIFF,
            kind=PartyKind.LEGAL_PERSON,
            name="舞钢某某商贸有限公司",
            address="河南省舞钢市",
            legal_representative="王五",
        ),
        PartyInput(role=PartyRole.DEFENDANT, name="李四", address="河南省平顶山市"),
    ]


@pytest.fixture
def registered(clerk):
    with time_machine.travel(APPLIED, tick=False):
        return filing_register(filing=civil_filing(clerk), user=clerk)


def apply(filing, user, **data):
    values = {
        "applicant_id": filing.parties.get(role="plaintiff").pk,
        "kind": "waive",
        "ground": "45_3",
        "statement": "本人系最低生活保障对象，无其他收入。",
        "proof": "民政局出具的低保证明一份",
    }
    values.update(data)
    with time_machine.travel(APPLIED, tick=False):
        return relief_apply(filing=filing, user=user, data=ReliefInput(**values))


def errors_of(call) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.messages


# --- Applying -------------------------------------------------------------------------------------------


def test_an_application_at_filing_is_recorded_with_its_ground_and_proof(clerk):
    with time_machine.travel(APPLIED, tick=False):
        filing = civil_filing(clerk)
    relief = apply(filing, clerk)
    assert relief.state == ReliefState.APPLIED and relief.applied_by == clerk
    assert relief.ground_citation == "《诉讼费用交纳办法》第四十五条第（三）项"
    event = FilingEvent.objects.get(filing=filing, action="relief_applied")
    assert "张三申请免交诉讼费用" in event.summary and "暂停计算" in event.summary
    assert relief.history.count() == 1


def test_a_waiver_is_refused_for_a_company_and_nothing_is_saved(clerk):
    with time_machine.travel(APPLIED, tick=False):
        filing = civil_filing(clerk, parties=company_plaintiff())
    messages = errors_of(lambda: apply(filing, clerk, ground="45_5"))
    assert messages == [WAIVER_PERSONS_ONLY.format(name="舞钢某某商贸有限公司")]
    assert not FeeRelief.objects.exists()
    assert not FilingEvent.objects.filter(action="relief_applied").exists()
    # a reduction is open to a company (art. 46(3) even names institutions)
    assert apply(filing, clerk, kind="reduce", ground="46_4").state == ReliefState.APPLIED


def test_every_problem_of_an_application_is_said_at_once(registered, clerk):
    messages = errors_of(
        lambda: apply(registered, clerk, kind="defer", ground="45_1", statement=" ", proof="")
    )
    assert messages == [GROUND_NOT_FOR_KIND.format(article="四十七", kind="缓交"), NO_STATEMENT, NO_PROOF]
    assert not FeeRelief.objects.exists()


def test_one_pending_application_at_a_time(registered, clerk):
    apply(registered, clerk)
    assert errors_of(lambda: apply(registered, clerk, kind="defer", ground="47_3")) == [ALREADY_PENDING]


def test_an_application_after_the_limit_is_too_late(registered, clerk):
    due = PaymentLimit.objects.get(filing=registered).due_on
    assert due == date(2026, 11, 23)
    with time_machine.travel(datetime(2026, 11, 24, 9, tzinfo=SHANGHAI), tick=False):
        data = ReliefInput(
            applicant_id=registered.parties.get(role="plaintiff").pk,
            kind="waive",
            ground="45_3",
            statement="困难",
            proof="低保证明",
        )
        with pytest.raises(ValidationError) as refused:
            relief_apply(filing=registered, user=clerk, data=data)
    assert refused.value.messages == [TOO_LATE.format(due="2026年11月23日")]


def test_a_portal_user_applies_only_on_their_own_filing(registered, lawyer):
    with pytest.raises(PermissionDenied):
        apply(registered, lawyer)


# --- Deciding -------------------------------------------------------------------------------------------


def grant(relief, user, **kwargs):
    with time_machine.travel(DECIDED, tick=False):
        return relief_grant(relief=relief, user=user, **kwargs)


def test_a_waiver_makes_nothing_due_and_ends_the_limit(registered, clerk, supervisor):
    relief = grant(apply(registered, clerk), supervisor)
    registered.refresh_from_db()
    assert registered.fee_total == Decimal("0.00") and fee_balance(registered).balance == 0
    assert relief.fee_before == Decimal("3300.00") and relief.fee_after == Decimal("0.00")
    assert PaymentLimit.objects.get(filing=registered).due_on is None
    text = pdf_text(relief.notice)
    assert "司法救助决定书" in text and "申请人：张三" in text
    assert "于2026年11月16日向本院申请免交诉讼费用" in text
    assert "《诉讼费用交纳办法》第四十五条第（三）项规定的情形" in text
    assert "依照《诉讼费用交纳办法》第四十四条、第四十五条第（三）项的规定" in text
    assert "准予申请人张三免交本案案件受理费3300.00元" in text
    assert "二〇二六年十一月十七日" in text and "刘芳" in text
    assert registered.history.first().fee_total == Decimal("0.00")


def test_a_reduction_is_at_least_30_percent_and_rounds_to_the_fen(registered, clerk, supervisor):
    relief = apply(registered, clerk, kind="reduce", ground="46_1", statement="受灾", proof="受灾证明")
    assert errors_of(lambda: grant(relief, supervisor, percentage="29.99")) == [REDUCTION_TOO_LOW]
    assert errors_of(lambda: grant(relief, supervisor, percentage="100")) == [REDUCTION_TOO_HIGH]
    assert errors_of(lambda: grant(relief, supervisor, percentage="三成")) == [REDUCTION_NOT_A_NUMBER]
    relief.refresh_from_db()
    registered.refresh_from_db()
    assert relief.state == ReliefState.APPLIED and registered.fee_total == Decimal("3300.00")
    assert not Notice.objects.filter(kind=NoticeKind.RELIEF_GRANT).exists()
    relief = grant(relief, supervisor, percentage="33.33")
    registered.refresh_from_db()
    # 3300 × 66.67 % = 2200.11
    assert registered.fee_total == Decimal("2200.11") == reduced_fee(Decimal("3300.00"), Decimal("33.33"))
    limit = PaymentLimit.objects.get(filing=registered)
    assert limit.notice == relief.notice and limit.due_on == date(2026, 11, 24)  # from the decision's service
    text = pdf_text(relief.notice)
    assert "减交本案案件受理费33.33%，即由3300.00元减为2200.11元" in text


def test_exactly_30_percent_is_allowed(registered, clerk, supervisor):
    relief = apply(registered, clerk, kind="reduce", ground="46_2", statement="优抚对象", proof="优抚证")
    grant(relief, supervisor, percentage="30")
    registered.refresh_from_db()
    assert registered.fee_total == Decimal("2310.00")


def test_a_deferral_moves_the_limit_to_the_day_granted(registered, clerk, supervisor):
    relief = apply(
        registered, clerk, kind="defer", ground="47_3", statement="法律援助中", proof="法律援助公函"
    )
    assert errors_of(lambda: grant(relief, supervisor, deferred_to=date(2026, 11, 17))) == [
        DEFERRAL_DATE_PAST
    ]
    relief = grant(relief, supervisor, deferred_to=date(2027, 1, 15))
    registered.refresh_from_db()
    assert registered.fee_total == Decimal("3300.00")
    assert PaymentLimit.objects.get(filing=registered).due_on == date(2027, 1, 15)
    assert "缓交至2027年1月15日" in pdf_text(relief.notice)


def test_a_refusal_states_its_reasons_in_writing(registered, clerk, supervisor):
    relief = apply(registered, clerk)
    with time_machine.travel(DECIDED, tick=False):
        assert errors_of(lambda: relief_refuse(relief=relief, user=supervisor, reasons="  ")) == [
            NO_REFUSAL_REASONS
        ]
        relief = relief_refuse(
            relief=relief, user=supervisor, reasons="申请人名下有商品房两套，不属于无其他收入"
        )
    assert relief.state == ReliefState.REFUSED
    text = pdf_text(relief.notice)
    assert "不予司法救助通知书" in text and "张三：" in text
    assert "本院经审查认为，申请人名下有商品房两套，不属于无其他收入。" in text
    assert "第四十八条" in text and "预交案件受理费3300.00元" in text
    event = FilingEvent.objects.get(filing=registered, action="relief_refused")
    assert "商品房两套" in event.summary and "2026年11月24日" in event.summary


def test_only_a_supervisor_decides_and_only_once_registered(clerk, supervisor):
    with time_machine.travel(APPLIED, tick=False):
        filing = civil_filing(clerk)
    relief = apply(filing, clerk)
    with pytest.raises(PermissionDenied) as early:
        grant(relief, supervisor)
    assert str(early.value) == RELIEF_WAITS_FOR_REGISTRATION
    with time_machine.travel(APPLIED, tick=False):
        filing_register(filing=filing, user=clerk)
    with pytest.raises(PermissionDenied) as clerk_refused:
        grant(relief, clerk)
    assert str(clerk_refused.value) == RELIEF_SUPERVISOR_ONLY
    grant(relief, supervisor)
    with pytest.raises(PermissionDenied):
        grant(relief, supervisor)  # decided already
