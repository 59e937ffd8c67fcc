"""The filing's state machine through its services: every decision, the documents, the one-time rule."""

import threading
from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from courthall.roles import JUDGE
from filing.models import Filing, FilingState
from filing.services import filings as services
from filing.services.filings import CorrectionInput, MaterialInput
from notices.models import Notice
from tests.factories import UserFactory
from tests.filing.conftest import civil_filing

pytestmark = pytest.mark.usefixtures("pdf_fonts")

MONDAY = "2026-03-02 10:00 +0800"


def kinds(filing) -> list[str]:
    return list(
        Notice.objects.filter(subject=f"filing:{filing.pk}").order_by("pk").values_list("kind", flat=True)
    )


@time_machine.travel(MONDAY, tick=False)
def test_receiving_issues_a_receipt_and_stores_the_statutory_limit(clerk):
    filing = civil_filing(clerk)
    assert filing.state == FilingState.RECEIVED
    assert filing.first_receiver == clerk
    # 登记立案规定 art. 8: 7 days for a civil filing, the day of receipt not counted.
    assert filing.decision_due_on == date(2026, 3, 9)
    assert kinds(filing) == ["receipt"]
    assert filing.events.filter(action="materials_received").exists()


@time_machine.travel(MONDAY, tick=False)
def test_register_on_the_spot(clerk):
    filing = services.filing_register(filing=civil_filing(clerk), user=clerk)
    assert filing.state == FilingState.REGISTERED
    assert filing.case_number == "（2026）豫0481民初1号"
    assert filing.registered_on_spot and not filing.registered_first
    # DOMAIN.md §5: 150,000 → 3,300.
    assert str(filing.fee_total) == "3300.00"
    assert kinds(filing) == ["receipt", "acceptance", "fee"]


@time_machine.travel(MONDAY, tick=False)
def test_a_double_click_on_register_is_told_who_registered(clerk):
    filing = civil_filing(clerk)
    services.filing_register(filing=filing, user=clerk)
    with pytest.raises(ValidationError) as error:
        services.filing_register(filing=filing, user=clerk)
    assert "张敏" in error.value.messages[0] and "已立案" in error.value.messages[0]
    assert Filing.objects.get(pk=filing.pk).case_number == "（2026）豫0481民初1号"
    assert kinds(filing).count("acceptance") == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"defendants": 0}, services.NO_DEFENDANT),
        ({"claims": "  "}, services.NO_CLAIMS),
        ({"cause_text": ""}, services.NO_CAUSE),
        ({"amount": "-1"}, services.BAD_AMOUNT),
        ({"amount": "abc"}, services.BAD_AMOUNT),
        ({"materials": []}, services.NO_MATERIALS),
    ],
)
def test_bad_filings_are_refused_and_change_nothing(clerk, overrides, message):
    with pytest.raises(ValidationError) as error:
        civil_filing(clerk, **overrides)
    assert message in error.value.messages
    assert not Filing.objects.exists() and not Notice.objects.exists()


def test_an_invalid_identity_number_is_named(clerk):
    from filing.models import PartyRole
    from filing.services.filings import PartyInput

    parties = [
        PartyInput(
            role=PartyRole.PLAINTIFF, name="张三", id_type="resident_id", id_number="110105194912310021"
        ),
        PartyInput(role=PartyRole.DEFENDANT, name="李四"),
    ]
    with pytest.raises(ValidationError) as error:
        civil_filing(clerk, parties=parties)
    assert any("张三" in m and "校验" in m for m in error.value.messages)
    assert not Filing.objects.exists()


def test_a_judge_cannot_receive_filings(wugang):
    judge = UserFactory(court=wugang, role=JUDGE)
    with pytest.raises(PermissionDenied):
        civil_filing(judge)


@time_machine.travel(MONDAY, tick=False)
def test_correction_round_then_registration_restarts_the_limit(clerk):
    filing = civil_filing(clerk)
    request = services.filing_return_for_correction(
        filing=filing,
        user=clerk,
        items=[
            CorrectionInput(material="证据目录及证据", problem="未提交", provide="提交证据目录及证据两份")
        ],
    )
    assert Filing.objects.get(pk=filing.pk).state == FilingState.AWAITING_CORRECTION
    assert request.deadline_on == date(2026, 3, 9)
    with time_machine.travel("2026-03-05 09:00 +0800", tick=False):
        filing = services.filing_receive_corrections(
            filing=filing, user=clerk, materials=[MaterialInput(name="证据目录及证据", copies=2, pages=8)]
        )
        # 登记立案规定 art. 7: the decision period runs again from the day the corrections arrive.
        assert filing.state == FilingState.UNDER_REVIEW
        assert filing.limit_starts_on == date(2026, 3, 5)
        assert filing.decision_due_on == date(2026, 3, 12)
        filing = services.filing_register(filing=filing, user=clerk)
    assert not filing.registered_on_spot
    assert kinds(filing) == ["receipt", "correction", "receipt", "acceptance", "fee"]


@time_machine.travel(MONDAY, tick=False)
def test_a_correction_notice_needs_items(clerk):
    filing = civil_filing(clerk)
    with pytest.raises(ValidationError, match=services.NO_CORRECTION_ITEMS):
        services.filing_return_for_correction(filing=filing, user=clerk, items=[])
    assert Filing.objects.get(pk=filing.pk).state == FilingState.RECEIVED


def _after_one_round(clerk):
    filing = civil_filing(clerk)
    services.filing_return_for_correction(
        filing=filing,
        user=clerk,
        items=[CorrectionInput(material="证据目录及证据", problem="未提交", provide="提交证据")],
    )
    services.filing_receive_corrections(
        filing=filing, user=clerk, materials=[MaterialInput(name="证据目录及证据", copies=2, pages=8)]
    )
    return Filing.objects.get(pk=filing.pk)


@time_machine.travel(MONDAY, tick=False)
def test_one_time_rule_allows_items_about_new_material_or_uncorrected_items(clerk):
    filing = _after_one_round(clerk)
    new_material = filing.rounds.get(number=2).items.get()
    services.filing_return_for_correction(
        filing=filing,
        user=clerk,
        items=[
            CorrectionInput(
                material="证据目录及证据",
                problem="证据第3页不清晰",
                provide="重新提交清晰复印件",
                material_item_id=new_material.pk,
            ),
        ],
    )
    assert filing.corrections.order_by("pk").last().items.get().second_notice is False


@time_machine.travel(MONDAY, tick=False)
def test_one_time_rule_refuses_a_second_notice_about_material_handed_in_at_first(clerk, supervisor):
    filing = _after_one_round(clerk)
    complaint = filing.rounds.get(number=1).items.get(name="起诉状")
    late_item = CorrectionInput(
        material="起诉状", problem="未写明被告住所", provide="补充被告住所", material_item_id=complaint.pk
    )
    with pytest.raises(ValidationError) as error:
        services.filing_return_for_correction(filing=filing, user=clerk, items=[late_item])
    assert "二次告知" in error.value.messages[0]
    assert filing.corrections.count() == 1

    with pytest.raises(ValidationError, match=services.NO_APPROVAL_REASON):
        services.filing_return_for_correction(
            filing=filing, user=clerk, items=[late_item], approved_by=supervisor
        )
    with pytest.raises(ValidationError):
        services.filing_return_for_correction(
            filing=filing, user=clerk, items=[late_item], approved_by=clerk, approval_reason="我自己批准"
        )

    services.filing_return_for_correction(
        filing=filing,
        user=clerk,
        items=[late_item],
        approved_by=supervisor,
        approval_reason="原告补正证据后才发现被告住所与证据不符，须一并补正",
    )
    item = filing.corrections.order_by("pk").last().items.get()
    assert item.second_notice and item.approved_by == supervisor


@time_machine.travel(MONDAY, tick=False)
def test_refusal_needs_reasons_and_issues_a_ruling(clerk):
    filing = civil_filing(clerk)
    with pytest.raises(ValidationError) as error:
        services.filing_refuse(filing=filing, user=clerk, reasons=" ", legal_basis="")
    assert services.NO_REFUSAL_REASON in error.value.messages
    filing = services.filing_refuse(
        filing=filing,
        user=clerk,
        reasons="起诉人与本案没有直接利害关系。",
        legal_basis="《中华人民共和国民事诉讼法》第一百二十二条、第一百二十六条",
    )
    assert filing.state == FilingState.REFUSED
    assert kinds(filing) == ["receipt", "refusal"]


@time_machine.travel(MONDAY, tick=False)
def test_not_our_jurisdiction_names_the_competent_court(clerk):
    filing = services.filing_decline_jurisdiction(
        filing=civil_filing(clerk),
        user=clerk,
        competent_court="平顶山市卫东区人民法院",
        reason="被告住所地及合同履行地均在平顶山市卫东区",
    )
    assert filing.state == FilingState.NOT_COMPETENT
    assert kinds(filing)[-1] == "jurisdiction"


@time_machine.travel(MONDAY, tick=False)
def test_lapsed_correction_is_returned_only_after_the_deadline(clerk):
    filing = civil_filing(clerk)
    services.filing_return_for_correction(
        filing=filing,
        user=clerk,
        items=[CorrectionInput(material="证据", problem="未提交", provide="提交证据")],
    )
    with pytest.raises(ValidationError):
        services.filing_lapse_correction(filing=filing, user=clerk)
    with time_machine.travel("2026-03-10 09:00 +0800", tick=False):
        filing = services.filing_lapse_correction(filing=filing, user=clerk)
    assert filing.state == FilingState.RETURNED
    # A party who insists after the return gets a written ruling (登记立案规定 art. 7).
    filing = services.filing_refuse(
        filing=filing, user=clerk, reasons="逾期未补正且坚持起诉", legal_basis="登记立案规定第七条"
    )
    assert filing.state == FilingState.REFUSED


@time_machine.travel(MONDAY, tick=False)
def test_withdrawal(clerk):
    filing = services.filing_withdraw(filing=civil_filing(clerk), user=clerk, reason="双方已自行和解")
    assert filing.state == FilingState.WITHDRAWN
    with pytest.raises(ValidationError):
        services.filing_register(filing=filing, user=clerk)


@time_machine.travel("2026-03-11 10:00 +0800", tick=False)
def test_past_the_limit_registration_is_recorded_as_registered_first(clerk):
    with time_machine.travel(MONDAY, tick=False):
        filing = services.filing_decide_later(filing=civil_filing(clerk), user=clerk)
    filing = services.filing_register(filing=filing, user=clerk)
    assert filing.registered_first


@pytest.mark.django_db(transaction=True)
def test_two_clerks_registering_at_once_one_wins_the_other_is_told(wugang, pdf_fonts):
    from courthall.roles import CLERK

    court = wugang
    first, second = (
        UserFactory(court=court, full_name="张敏", role=CLERK),
        UserFactory(court=court, role=CLERK),
    )
    filing = civil_filing(first)
    outcomes: dict[str, object] = {}
    barrier = threading.Barrier(2)

    def register(user):
        try:
            barrier.wait()
            outcomes[user.username] = services.filing_register(filing=filing, user=user).case_number
        except ValidationError as error:
            outcomes[user.username] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    numbers = [o for o in outcomes.values() if isinstance(o, str)]
    refusals = [o for o in outcomes.values() if isinstance(o, ValidationError)]
    assert len(numbers) == 1 and len(refusals) == 1
    assert "已立案" in refusals[0].messages[0]
    assert Notice.objects.filter(subject=f"filing:{filing.pk}", kind="acceptance").count() == 1
