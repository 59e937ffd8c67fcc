"""Applications for enforcement (执) through the services: the 执行依据, the clerk's check of its
effectiveness (钢城承诺四 一次办好: no certificate of effectiveness is ever asked for), registration waiting
for that check, the enforcement fee and the acceptance notice."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from courthall.roles import JUDGE
from filing import enforcement
from filing.enforcement import EnforcementBasisInput
from filing.models import (
    CaseNumberCounter,
    CaseType,
    CauseOfAction,
    ChecklistItem,
    Effectiveness,
    EnforcementBasis,
    Filing,
    FilingState,
    PartyRole,
)
from filing.permissions import NOT_AN_ENFORCEMENT, NOT_OPEN
from filing.selectors.enforcement import enforcement_panel
from filing.services import enforcement as checks
from filing.services import filings as services
from filing.services.filings import MaterialInput, PartyInput, filing_receive
from notices.models import Notice
from tests.factories import UserFactory
from tests.filing.conftest import civil_filing

pytestmark = pytest.mark.usefixtures("pdf_fonts")

MONDAY = "2026-03-02 10:00 +0800"
JUDGMENT = EnforcementBasisInput(
    instrument="judgment",
    case_number="(2025)豫0481民初456号",  # typed half-width: kept full-width
    issuer="舞钢市人民法院",
    effective_on=date(2026, 1, 10),
)


def enforcement_filing(user, *, amount="100000", basis=JUDGMENT, **overrides) -> Filing:
    values = {
        "user": user,
        "case_type": CaseType.objects.get(code="执"),
        "cause": CauseOfAction.objects.get(name="申请执行民事判决"),
        "claims": "强制被执行人李四支付借款本金100000元及利息。",
        "parties": [
            PartyInput(role=PartyRole.PLAINTIFF, name="张三", address="河南省舞钢市"),
            PartyInput(role=PartyRole.DEFENDANT, name="李四", address="河南省平顶山市"),
        ],
        "materials": [
            MaterialInput(name="申请执行书", is_original=True),
            MaterialInput(name="生效法律文书", pages=6),
            MaterialInput(name="申请人身份证明"),
        ],
        "submitter_name": "张三",
        "amount_in_dispute": amount,
        "enforcement_basis": basis,
    }
    values.update(overrides)
    return filing_receive(**values)


def confirm(filing, user, result=Effectiveness.EFFECTIVE, source="own_system", note=""):
    return checks.enforcement_confirm(filing=filing, user=user, result=result, source=source, note=note)


def kinds(filing) -> list[str]:
    return list(
        Notice.objects.filter(subject=f"filing:{filing.pk}").order_by("pk").values_list("kind", flat=True)
    )


def pdf_text(notice: Notice) -> str:
    return "".join(page.extract_text().replace("\n", "") for page in PdfReader(BytesIO(notice.pdf)).pages)


# --- No certificate of effectiveness ------------------------------------------------------------------------


def test_the_checklist_never_asks_for_a_certificate_of_effectiveness(reference_data):
    items = ChecklistItem.objects.filter(case_type__code="执")
    assert items.exists()
    assert not [item.name for item in items if "生效证明" in item.name]
    judgment = items.get(name="生效法律文书")
    assert "无须提交生效证明" in judgment.description and "本院作出" not in judgment.description


def test_the_migration_rewords_the_checklist_item_of_an_existing_court(reference_data):
    from importlib import import_module

    migration = import_module("filing.migrations.0011_enforcement_basis")
    item = ChecklistItem.objects.get(case_type__code="执", name="生效法律文书")
    item.description = migration.OLD_DESCRIPTION
    item.save()
    migration.reword_checklist(apps, None)
    item.refresh_from_db()
    assert item.description == migration.NEW_DESCRIPTION


# --- The 执行依据 --------------------------------------------------------------------------------------


@time_machine.travel(MONDAY, tick=False)
def test_receiving_records_the_basis_printed_full_width_and_unchecked(clerk):
    filing = enforcement_filing(clerk)
    basis = filing.enforcement_basis
    assert basis.case_number == "（2025）豫0481民初456号"
    assert (basis.instrument, basis.issuer, basis.effective_on) == (
        "judgment",
        "舞钢市人民法院",
        date(2026, 1, 10),
    )
    assert basis.effectiveness == Effectiveness.UNCHECKED and basis.checked_by is None
    assert filing.amount_in_dispute == Decimal("100000.00")
    assert filing.decision_due_on is None  # 执: no decision period of its own (登记立案规定 art. 8)
    assert kinds(filing) == ["receipt"]
    assert basis.history.get().history_user == clerk


@time_machine.travel(MONDAY, tick=False)
def test_an_arbitral_award_keeps_its_own_number(clerk):
    award = EnforcementBasisInput(
        instrument="arbitral_award",
        case_number="平仲裁字〔2025〕第12号",
        issuer="平顶山仲裁委员会",
        effective_on="2025-12-20",  # as a portal draft keeps it
    )
    basis = enforcement_filing(clerk, basis=award).enforcement_basis
    assert (basis.case_number, basis.effective_on) == ("平仲裁字〔2025〕第12号", date(2025, 12, 20))


def judgment(**changes) -> EnforcementBasisInput:
    return EnforcementBasisInput(**{**JUDGMENT.__dict__, **changes})


@time_machine.travel(MONDAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"basis": None}, enforcement.NO_BASIS),
        ({"basis": EnforcementBasisInput()}, enforcement.NO_BASIS),
        ({"basis": judgment(instrument="")}, enforcement.NO_INSTRUMENT),
        ({"basis": judgment(instrument="certificate")}, enforcement.NO_INSTRUMENT),
        ({"basis": judgment(case_number="  ")}, enforcement.NO_BASIS_NUMBER),
        (
            {"basis": judgment(case_number="舞钢法院456")},
            enforcement.BAD_BASIS_NUMBER.format(number="舞钢法院456"),
        ),
        (
            {"basis": judgment(case_number="（2025）豫0481民初字第456号")},
            enforcement.BAD_BASIS_NUMBER.format(number="（2025）豫0481民初字第456号"),
        ),
        ({"basis": judgment(issuer="")}, enforcement.NO_ISSUER),
        ({"basis": judgment(effective_on=None)}, enforcement.NO_EFFECTIVE_ON),
        ({"basis": judgment(effective_on="2026-02-30")}, enforcement.BAD_EFFECTIVE_ON),
        (
            {"basis": judgment(effective_on=date(2026, 3, 3))},
            enforcement.FUTURE_EFFECTIVE_ON.format(date=date(2026, 3, 3)),
        ),
        (
            {"basis": judgment(effective_on=date(2024, 12, 31))},
            enforcement.EFFECTIVE_BEFORE_CASE.format(date=date(2024, 12, 31), year=2025),
        ),
        ({"basis": judgment(issuer="<script>x</script>")}, "作出法院（机构）"),
        ({"amount": "-1"}, enforcement.BAD_ENFORCEMENT_AMOUNT),
        ({"amount": "十万"}, enforcement.BAD_ENFORCEMENT_AMOUNT),
    ],
)
def test_bad_applications_are_refused_and_change_nothing(clerk, overrides, message):
    with pytest.raises(ValidationError) as error:
        enforcement_filing(clerk, **overrides)
    assert any(message in line for line in error.value.messages), error.value.messages
    assert not Filing.objects.exists() and not EnforcementBasis.objects.exists()
    assert not Notice.objects.exists()


@time_machine.travel(MONDAY, tick=False)
def test_every_problem_is_reported_at_once(clerk):
    with pytest.raises(ValidationError) as error:
        enforcement_filing(
            clerk, amount="-5", basis=judgment(case_number="乱码", issuer="", effective_on=None)
        )
    assert {
        enforcement.BAD_ENFORCEMENT_AMOUNT,
        enforcement.BAD_BASIS_NUMBER.format(number="乱码"),
        enforcement.NO_ISSUER,
        enforcement.NO_EFFECTIVE_ON,
    } <= set(error.value.messages)


@time_machine.travel(MONDAY, tick=False)
def test_other_case_types_name_no_basis(clerk):
    filing = civil_filing(clerk, enforcement_basis=JUDGMENT)
    assert not EnforcementBasis.objects.filter(filing=filing).exists()
    assert enforcement_panel(filing) is None


# --- 确认生效 and registration ----------------------------------------------------------------------------


@time_machine.travel(MONDAY, tick=False)
def test_registering_before_the_check_is_refused_and_changes_nothing(clerk):
    filing = enforcement_filing(clerk)
    with pytest.raises(ValidationError) as error:
        services.filing_register(filing=filing, user=clerk)
    assert error.value.messages == [enforcement.NOT_CONFIRMED]
    filing.refresh_from_db()
    assert filing.state == FilingState.RECEIVED and filing.case_number is None and filing.fee_total is None
    assert not CaseNumberCounter.objects.filter(type_code="执", last_number__gt=0).exists()
    assert kinds(filing) == ["receipt"]
    assert not filing.events.filter(action="registered").exists()


@time_machine.travel(MONDAY, tick=False)
def test_confirmed_effective_then_registered_with_the_enforcement_notice_and_no_fee_notice(clerk):
    filing = enforcement_filing(clerk)
    basis = confirm(filing, clerk, note="本院审判系统显示2026年1月10日生效")
    assert basis.confirmed and basis.checked_by == clerk and basis.checked_source == "own_system"
    assert basis.checked_at is not None
    event = filing.events.get(action="effectiveness_checked")
    assert event.actor == clerk and event.data == {"result": "effective", "source": "own_system"}
    assert "（2025）豫0481民初456号" in event.summary and "已生效" in event.summary
    assert "本院审判系统" in event.summary and "2026年1月10日生效" in event.summary

    filing = services.filing_register(filing=filing, user=clerk)
    assert filing.state == FilingState.REGISTERED and filing.case_number == "（2026）豫0481执1号"
    # 诉讼费用交纳办法 art. 14(1): 50 + 90,000 × 1.5%; art. 20: paid after enforcement, no fee notice.
    assert filing.fee_total == Decimal("1400.00")
    assert kinds(filing) == ["receipt", "enforcement"]
    notice = Notice.objects.get(subject=f"filing:{filing.pk}", kind="enforcement")
    assert notice.snapshot["basis"] == {
        "issuer": "舞钢市人民法院",
        "case_number": "（2025）豫0481民初456号",
        "instrument": "判决书",
    }
    assert (notice.snapshot["amount"], notice.snapshot["fee_total"]) == ("100000.00", "1400.00")
    text = pdf_text(notice)
    assert "受理执行案件通知书" in text
    assert "你（单位）申请执行舞钢市人民法院（2025）豫0481民初456号判决书一案" in text
    assert "本院已于2026年3月2日立案执行" in text and "（2026）豫0481执1号" in text
    assert "无须另行提交法律文书生效证明" in text
    assert "申请执行费1400.00元，你（单位）无须预交，执行后交纳" in text
    assert "七日内" not in text and "按撤诉处理" not in text
    assert notice.number in filing.events.get(action="registered").summary


@time_machine.travel(MONDAY, tick=False)
def test_not_effective_needs_a_reason_and_blocks_registration_until_checked_again(clerk):
    filing = enforcement_filing(clerk)
    with pytest.raises(ValidationError) as error:
        confirm(filing, clerk, result=Effectiveness.NOT_EFFECTIVE, source="superior_system")
    assert error.value.messages == [checks.NO_NOT_EFFECTIVE_REASON]
    assert filing.enforcement_basis.effectiveness == Effectiveness.UNCHECKED

    confirm(
        filing, clerk, result=Effectiveness.NOT_EFFECTIVE, source="superior_system", note="二审尚在审理中"
    )
    with pytest.raises(ValidationError) as error:
        services.filing_register(filing=filing, user=clerk)
    assert error.value.messages == [enforcement.NOT_EFFECTIVE.format(note="二审尚在审理中")]
    assert Filing.objects.get(pk=filing.pk).case_number is None

    # The appeal is decided: the clerk checks again, and the filing can be registered.
    confirm(filing, clerk, source="superior_system", note="二审维持原判，已生效")
    assert services.filing_register(filing=filing, user=clerk).case_number == "（2026）豫0481执1号"
    assert filing.events.filter(action="effectiveness_checked").count() == 2
    assert filing.enforcement_basis.history.count() == 3  # received, not effective, effective


@time_machine.travel(MONDAY, tick=False)
@pytest.mark.parametrize(
    ("result", "source", "note", "messages"),
    [
        ("", "own_system", "", [checks.NO_RESULT]),
        ("maybe", "own_system", "", [checks.NO_RESULT]),
        ("effective", "", "", [checks.NO_SOURCE]),
        ("effective", "telepathy", "", [checks.NO_SOURCE]),
        ("effective", "other", "  ", [checks.NO_OTHER_SOURCE_NOTE]),
        ("effective", "own_system", "长" * 501, [checks.NOTE_TOO_LONG]),
        ("", "", "", [checks.NO_RESULT, checks.NO_SOURCE]),
    ],
)
def test_a_bad_check_is_refused_and_changes_nothing(clerk, result, source, note, messages):
    filing = enforcement_filing(clerk)
    with pytest.raises(ValidationError) as error:
        confirm(filing, clerk, result=result, source=source, note=note)
    assert error.value.messages == messages
    basis = EnforcementBasis.objects.get(filing=filing)
    assert basis.effectiveness == Effectiveness.UNCHECKED and basis.checked_at is None
    assert not filing.events.filter(action="effectiveness_checked").exists()


@time_machine.travel(MONDAY, tick=False)
def test_who_may_check_and_when(clerk, wugang):
    filing = enforcement_filing(clerk)
    judge = UserFactory(court=wugang, role=JUDGE)
    with pytest.raises(PermissionDenied):
        confirm(filing, judge)
    with pytest.raises(PermissionDenied, match=NOT_AN_ENFORCEMENT):
        confirm(civil_filing(clerk), clerk)
    confirm(filing, clerk)
    services.filing_register(filing=filing, user=clerk)
    with pytest.raises(PermissionDenied, match=NOT_OPEN.format(state="已立案")):
        confirm(filing, clerk, result=Effectiveness.NOT_EFFECTIVE, note="误操作")
    assert EnforcementBasis.objects.get(filing=filing).confirmed


@time_machine.travel(MONDAY, tick=False)
def test_the_check_may_be_recorded_while_corrections_are_awaited(clerk):
    filing = enforcement_filing(clerk)
    services.filing_return_for_correction(
        filing=filing,
        user=clerk,
        items=[
            services.CorrectionInput(
                material="申请执行书", problem="未写明执行标的", provide="补正后的申请执行书"
            )
        ],
    )
    assert confirm(filing, clerk).confirmed


# --- This court's own judgment ------------------------------------------------------------------------------


@time_machine.travel(MONDAY, tick=False)
def test_the_panel_shows_this_courts_own_case(clerk):
    civil = services.filing_register(filing=civil_filing(clerk), user=clerk)
    assert civil.case_number == "（2026）豫0481民初1号"
    own = judgment(case_number="(2026)豫0481民初1号", issuer="本院", effective_on=date(2026, 3, 2))
    panel = enforcement_panel(enforcement_filing(clerk, basis=own))
    assert panel.own_instrument and panel.own_case == civil
    assert panel.register_block == enforcement.NOT_CONFIRMED

    elsewhere = judgment(case_number="（2025）豫0402民初9号", issuer="平顶山市卫东区人民法院")
    panel = enforcement_panel(enforcement_filing(clerk, basis=elsewhere))
    assert not panel.own_instrument and panel.own_case is None

    # Named by the court's name (under a code it had before), the number not in this system.
    by_name = judgment(case_number="（2025）豫9999民初99号", issuer="舞钢市 人民法院")
    panel = enforcement_panel(enforcement_filing(clerk, basis=by_name))
    assert panel.own_instrument and panel.own_case is None


def test_a_court_code_is_matched_whole(reference_data):
    from courthall.models import Court

    court = Court(name="舞钢市人民法院", code="豫0481")
    assert enforcement.is_own_instrument(
        EnforcementBasis(instrument="judgment", case_number="（2025）豫0481民初1号", issuer="x"), court
    )
    assert not enforcement.is_own_instrument(
        EnforcementBasis(instrument="judgment", case_number="（2025）豫04811民初1号", issuer="x"), court
    )
    assert not enforcement.is_own_instrument(
        EnforcementBasis(instrument="arbitral_award", case_number="豫0481仲裁1号", issuer="x"), court
    )


# --- The fee ------------------------------------------------------------------------------------------------


@time_machine.travel(MONDAY, tick=False)
@pytest.mark.parametrize(
    ("amount", "fee"),
    [
        (None, "50.00"),  # no amount: the province's amount, 50–500 (河南: the lower bound by default)
        ("10000", "50.00"),
        ("100000", "1400.00"),  # 50 + 90,000 × 1.5%
        ("1000000", "12400.00"),  # 50 + 490,000 × 1.5% + 500,000 × 1%
        ("10000000", "77400.00"),  # … + 4,500,000 × 1% + 5,000,000 × 0.5%
        ("20000000", "87400.00"),  # … + 10,000,000 × 0.1%
    ],
)
def test_the_amount_to_enforce_is_charged_on_the_enforcement_scale_after_enforcement(clerk, amount, fee):
    filing = enforcement_filing(clerk, amount=amount)
    kind, result = services.filing_fee_due(filing)
    assert kind == "enforcement" and result.paid_after
    assert result.total == Decimal(fee)
    confirm(filing, clerk)
    filing = services.filing_register(filing=filing, user=clerk)
    assert filing.fee_total == Decimal(fee)
    assert "fee" not in kinds(filing)
