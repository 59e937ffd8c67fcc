"""Pre-filing mediation (诉前调解) through its services: start, extend, and every outcome end to end.

钢城承诺六 (严禁……无故超期诉前调解): the limit is stored, extended only with the parties' consent, and a
mediation past it is listed as overdue until a clerk sends it to registration.
"""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from courthall.roles import CLERK, JUDGE
from filing.models import (
    CaseNumberCounter,
    CaseType,
    ConsentMethod,
    Filing,
    FilingState,
    Mediation,
    MediationExtension,
    MediationOutcome,
    Mediator,
    MediatorKind,
    PartyRole,
)
from filing.permissions import NOT_MEDIABLE
from filing.selectors.mediation import mediation_list_for_court
from filing.services import filings as filing_services
from filing.services import mediation as services
from filing.services.mediation import (
    BAD_AGREEMENT_DATE,
    EXTENSION_TOO_LATE,
    MEDIATOR_NOT_ON_ROSTER,
    NO_CONSENT_BY,
    NO_CONSENT_METHOD,
    NO_EXTENSION_CONSENT,
    NO_MEDIATOR,
    NOT_YET_DUE,
    MediatorInput,
)
from notices.models import Notice
from tests.factories import CourtFactory, UserFactory
from tests.filing.conftest import civil_filing
from tests.filing.test_enforcement import pdf_text

pytestmark = pytest.mark.usefixtures("pdf_fonts")

MONDAY = "2026-03-02 10:00 +0800"


def kinds(filing) -> list[str]:
    return list(
        Notice.objects.filter(subject=f"filing:{filing.pk}").order_by("pk").values_list("kind", flat=True)
    )


def start(filing, user, **overrides):
    values = {
        "filing": filing,
        "user": user,
        "mediator": MediatorInput(
            name="舞钢市人民调解委员会", kind=MediatorKind.ORGANISATION, contact="0375-8123456"
        ),
        "consent_by": "原告张三",
        "consent_method": ConsentMethod.SIGNED_FORM,
    }
    values.update(overrides)
    return services.mediation_start(**values)


def reloaded(filing) -> Filing:
    return Filing.objects.get(pk=filing.pk)


def actions(filing) -> list[str]:
    return list(filing.events.order_by("pk").values_list("action", flat=True))


# --- start ------------------------------------------------------------------------------------------


@time_machine.travel(MONDAY, tick=False)
def test_start_numbers_the_mediation_like_a_case_and_stores_the_limit(clerk):
    first = start(civil_filing(clerk), clerk)
    second = start(civil_filing(clerk), clerk)
    # 案号规定 (DOMAIN §2): （收案年度）法院代字类型代字编号号, numbered per court, year and type code.
    assert first.number == "（2026）豫0481民诉前调1号"
    assert second.number == "（2026）豫0481民诉前调2号"
    # COURTHALL_MEDIATION_DAYS: 30 calendar days, the first not counted: 2026-04-01, a Wednesday.
    assert first.due_on == date(2026, 4, 1)
    filing = reloaded(first.filing)
    assert filing.state == FilingState.IN_MEDIATION
    assert filing.case_number is None  # a case number only when registered
    assert first.consent_by == "原告张三" and first.consent_method == ConsentMethod.SIGNED_FORM
    assert first.mediator_name == "舞钢市人民调解委员会" and first.mediator is None
    assert actions(filing)[-1] == "mediation_started"
    assert "（2026）豫0481民诉前调1号" in filing.events.last().summary
    assert filing.history.first().state == FilingState.IN_MEDIATION
    assert first.history.first().history_user == clerk


@time_machine.travel(MONDAY, tick=False)
def test_the_limit_is_a_setting(clerk, settings):
    settings.COURTHALL_MEDIATION_DAYS = 15
    assert start(civil_filing(clerk), clerk).due_on == date(2026, 3, 17)


@time_machine.travel(MONDAY, tick=False)
def test_a_mediator_from_the_roster_is_copied_onto_the_mediation(clerk, wugang):
    mediator = Mediator.objects.create(
        court=wugang,
        name="王调解",
        kind=MediatorKind.PERSON,
        organisation="舞钢市律师调解工作室",
        contact="13900001111",
    )
    mediation = start(civil_filing(clerk), clerk, mediator=MediatorInput(mediator=mediator))
    assert mediation.mediator == mediator
    assert mediation.mediator_name == "王调解（舞钢市律师调解工作室）"
    assert mediation.mediator_contact == "13900001111"


@time_machine.travel(MONDAY, tick=False)
def test_start_without_consent_or_mediator_changes_nothing(clerk):
    filing = civil_filing(clerk)
    with pytest.raises(ValidationError) as error:
        start(filing, clerk, consent_by=" ", consent_method="", mediator=MediatorInput(name="", kind=""))
    assert error.value.messages == [NO_CONSENT_BY, NO_CONSENT_METHOD, NO_MEDIATOR]
    assert reloaded(filing).state == FilingState.RECEIVED
    assert not Mediation.objects.exists()
    assert not CaseNumberCounter.objects.filter(type_code="民诉前调").exists()
    assert actions(filing) == ["received", "materials_received"]


@time_machine.travel(MONDAY, tick=False)
def test_another_courts_mediator_is_refused(clerk):
    stranger = Mediator.objects.create(court=CourtFactory(), name="外院调解员", kind=MediatorKind.PERSON)
    with pytest.raises(ValidationError) as error:
        start(civil_filing(clerk), clerk, mediator=MediatorInput(mediator=stranger))
    assert error.value.messages == [MEDIATOR_NOT_ON_ROSTER]


@time_machine.travel(MONDAY, tick=False)
def test_only_a_civil_suit_still_undecided_goes_to_mediation(clerk, wugang):
    payment_order = civil_filing(clerk, case_type=CaseType.objects.get(code="民督"))
    with pytest.raises(PermissionDenied, match=NOT_MEDIABLE):
        start(payment_order, clerk)
    registered = filing_services.filing_register(filing=civil_filing(clerk), user=clerk)
    with pytest.raises(PermissionDenied):
        start(registered, clerk)
    judge = UserFactory(court=wugang, role=JUDGE)
    with pytest.raises(PermissionDenied):
        start(civil_filing(clerk), judge)


# --- extension --------------------------------------------------------------------------------------


def test_an_extension_needs_the_parties_consent_and_changes_nothing_without_it(clerk):
    with time_machine.travel(MONDAY, tick=False):
        mediation = start(civil_filing(clerk), clerk)
    with time_machine.travel("2026-03-30 10:00 +0800", tick=False):
        with pytest.raises(ValidationError) as error:
            services.mediation_extend(
                filing=mediation.filing,
                user=clerk,
                days=15,
                reason="双方仍在协商还款方式",
                parties_consent=False,
                consent_by="张三、李四",
                consent_method=ConsentMethod.RECORD,
            )
        assert error.value.messages == [NO_EXTENSION_CONSENT]
        assert Mediation.objects.get(pk=mediation.pk).due_on == date(2026, 4, 1)
        assert not MediationExtension.objects.exists()
        assert actions(mediation.filing)[-1] == "mediation_started"

        # Ticking the box is not enough either: who agreed, and how, is recorded.
        with pytest.raises(ValidationError) as error:
            services.mediation_extend(
                filing=mediation.filing, user=clerk, days=15, reason="协商中", parties_consent=True
            )
        assert NO_EXTENSION_CONSENT in error.value.messages and NO_CONSENT_METHOD in error.value.messages

        extension = services.mediation_extend(
            filing=mediation.filing,
            user=clerk,
            days=15,
            reason="双方仍在协商还款方式",
            parties_consent=True,
            consent_by="张三、李四",
            consent_method=ConsentMethod.RECORD,
        )
    # 15 calendar days from the old last day (04-01) is 04-16.
    assert (extension.previous_due_on, extension.new_due_on) == (date(2026, 4, 1), date(2026, 4, 16))
    mediation.refresh_from_db()
    assert mediation.due_on == date(2026, 4, 16)
    assert extension.consent_by == "张三、李四" and extension.recorded_by == clerk
    assert actions(mediation.filing)[-1] == "mediation_extended"
    assert "张三、李四" in mediation.filing.events.last().summary
    assert mediation.history.count() == 2  # started, extended


def test_a_limit_that_has_passed_is_not_extended(clerk):
    with time_machine.travel(MONDAY, tick=False):
        mediation = start(civil_filing(clerk), clerk)
    with time_machine.travel("2026-04-02 10:00 +0800", tick=False), pytest.raises(ValidationError) as error:
        services.mediation_extend(
            filing=mediation.filing,
            user=clerk,
            days=10,
            reason="协商中",
            parties_consent=True,
            consent_by="张三、李四",
            consent_method=ConsentMethod.SIGNED_FORM,
        )
    assert error.value.messages == [EXTENSION_TOO_LATE.format(due=date(2026, 4, 1))]


# --- outcomes ---------------------------------------------------------------------------------------


def test_settled_records_the_agreement_and_closes_the_filing(clerk):
    with time_machine.travel(MONDAY, tick=False):
        filing = civil_filing(clerk)
        start(filing, clerk)
    with time_machine.travel("2026-03-20 15:00 +0800", tick=False):
        with pytest.raises(ValidationError) as error:
            services.mediation_settle(
                filing=filing, user=clerk, agreement_on=date(2026, 3, 21), terms="分期还款"
            )
        assert error.value.messages == [BAD_AGREEMENT_DATE.format(start=date(2026, 3, 2))]
        mediation = services.mediation_settle(
            filing=filing,
            user=clerk,
            agreement_on=date(2026, 3, 20),
            terms="被告于2026年6月30日前分三期偿还150000元。",
        )
    filing = reloaded(filing)
    assert filing.state == FilingState.MEDIATED
    assert filing.case_number is None and filing.registered_at is None
    assert mediation.outcome == MediationOutcome.SETTLED and mediation.ended_by == clerk
    assert mediation.agreement_terms.startswith("被告于2026年6月30日前")
    assert actions(filing)[-1] == "mediation_settled"
    assert kinds(filing) == ["receipt"]  # the agreement is the parties' document; no court notice
    assert not mediation_list_for_court(user=clerk).exists()


def test_settled_with_judicial_confirmation_receives_a_诉前调确_application(clerk):
    with time_machine.travel(MONDAY, tick=False):
        filing = civil_filing(clerk)
        start(filing, clerk)
    with time_machine.travel("2026-03-20 15:00 +0800", tick=False):
        mediation = services.mediation_settle(
            filing=filing,
            user=clerk,
            agreement_on=date(2026, 3, 20),
            terms="分期还款",
            request_confirmation=True,
        )
        application = mediation.confirmation_filing
        assert application.case_type.code == "诉前调确"
        assert application.state == FilingState.RECEIVED
        # 民事诉讼法 art. 205: both parties apply jointly; no respondent.
        assert [(p.role, p.name) for p in application.parties.order_by("sort_order")] == [
            (PartyRole.PLAINTIFF, "张三"),
            (PartyRole.PLAINTIFF, "李四"),
        ]
        assert kinds(application) == ["receipt"]
        assert actions(filing)[-1] == "confirmation_requested"
        assert application.received_at.date() == date(2026, 3, 20)
        assert "（2026）豫0481民诉前调1号" in application.claims
        with pytest.raises(PermissionDenied):
            services.mediation_request_confirmation(filing=filing, user=clerk)
    # The application is examined and registered like any filing (its own 诉前调确 number then); it pays
    # no fee (诉讼费用交纳办法 art. 8).
    assert filing_services.filing_fee_due(application) == (None, None)
    with time_machine.travel("2026-03-23 10:00 +0800", tick=False):
        registered = filing_services.filing_register(filing=application, user=clerk)
    assert registered.case_number == "（2026）豫0481诉前调确1号"
    acceptance = Notice.objects.get(subject=f"filing:{application.pk}", kind="acceptance")
    text = pdf_text(acceptance)
    # An application, not a suit: 申请人, no 诉, and nothing to advance.
    assert "张三、李四关于" in text and "的诉前调解司法确认申请已收到" in text
    assert "经审查，申请符合法定受理条件，本院决定立案受理，立案日期为2026年3月23日" in text
    assert "起诉状" not in text and "本案暂不需要预交案件受理费" in text


def test_withdrawn_during_mediation(clerk):
    with time_machine.travel(MONDAY, tick=False):
        filing = civil_filing(clerk)
        start(filing, clerk)
        with pytest.raises(ValidationError):
            services.mediation_withdraw(filing=filing, user=clerk, reason="  ")
        mediation = services.mediation_withdraw(filing=filing, user=clerk, reason="双方已自行和解")
    filing = reloaded(filing)
    assert filing.state == FilingState.WITHDRAWN and filing.withdrawal_reason == "双方已自行和解"
    assert mediation.outcome == MediationOutcome.WITHDRAWN
    assert actions(filing)[-1] == "withdrawn"


def test_failed_goes_straight_to_registration_keeping_the_received_date(clerk):
    with time_machine.travel(MONDAY, tick=False):
        filing = civil_filing(clerk)
        received_at = filing.received_at
        start(filing, clerk)
    # Four weeks later, long past the 7 days of 登记立案规定 art. 8 (2026-03-09): suspended meanwhile.
    with time_machine.travel("2026-03-30 10:00 +0800", tick=False):
        registered = services.mediation_fail(filing=filing, user=clerk, reason="被告不同意分期还款")
    assert registered.state == FilingState.REGISTERED
    assert registered.received_at == received_at
    assert registered.case_number == "（2026）豫0481民初1号"
    assert not registered.registered_first and not registered.registered_on_spot
    # Started on the day of receipt: all 7 days were left, resumed from the day mediation ended.
    assert registered.limit_starts_on == date(2026, 3, 30)
    assert registered.decision_due_on == date(2026, 4, 7)  # 04-06 is 清明 (holiday): the next working day
    assert kinds(registered) == ["receipt", "acceptance", "fee"]
    acceptance = Notice.objects.get(subject=f"filing:{filing.pk}", kind="acceptance")
    text = pdf_text(acceptance)
    assert "（2026）豫0481民初1号" in text and "立案日期为2026年3月30日" in text
    # Registered like any filing, it goes on to assignment (no judge in this court: 待分案).
    assert actions(registered)[-4:] == ["mediation_started", "mediation_failed", "registered", "unassigned"]
    mediation = Mediation.objects.get(filing=filing)
    assert mediation.outcome == MediationOutcome.FAILED and mediation.outcome_note == "被告不同意分期还款"


def test_the_days_used_before_mediation_are_not_given_back(clerk):
    with time_machine.travel(MONDAY, tick=False):
        filing = civil_filing(clerk)
        filing_services.filing_decide_later(filing=filing, user=clerk)
    with time_machine.travel("2026-03-05 10:00 +0800", tick=False):
        mediation = start(filing, clerk)
    assert mediation.decision_days_left == 4  # 7 days from 03-02, three of them used
    with time_machine.travel("2026-03-16 10:00 +0800", tick=False):
        registered = services.mediation_fail(filing=filing, user=clerk, reason="调解不成")
    assert registered.decision_due_on == date(2026, 3, 20) and not registered.registered_first


def test_a_registration_refused_leaves_the_mediation_open(clerk, wugang):
    with time_machine.travel(MONDAY, tick=False):
        filing = civil_filing(clerk)
        start(filing, clerk)
        wugang.fee_account_number = ""
        wugang.save()
        with pytest.raises(ValidationError):
            services.mediation_fail(filing=filing, user=clerk, reason="调解不成")
    assert reloaded(filing).state == FilingState.IN_MEDIATION
    assert Mediation.objects.get(filing=filing).outcome == ""
    assert actions(filing)[-1] == "mediation_started"


# --- timeout ----------------------------------------------------------------------------------------


def test_timeout_listing_across_a_holiday(clerk, supervisor):
    with time_machine.travel("2026-09-01 10:00 +0800", tick=False):
        mediation = start(civil_filing(clerk), clerk)
    # 30 days end on 10-01, inside the National Day holiday (10-01..07): the limit moves to 10-08.
    assert mediation.due_on == date(2026, 10, 8)
    for day, overdue in (("2026-10-05", False), ("2026-10-08", False), ("2026-10-09", True)):
        with time_machine.travel(f"{day} 10:00 +0800", tick=False):
            listed = list(mediation_list_for_court(user=supervisor))
            assert listed == [mediation]
            assert listed[0].is_overdue(date.fromisoformat(day)) is overdue, day


def test_a_timed_out_mediation_is_registered_by_one_click_not_before(clerk):
    with time_machine.travel(MONDAY, tick=False):
        filing = civil_filing(clerk)
        start(filing, clerk)
    with time_machine.travel("2026-04-01 16:00 +0800", tick=False):
        with pytest.raises(ValidationError) as error:
            services.mediation_time_out(filing=filing, user=clerk)
        assert error.value.messages == [NOT_YET_DUE.format(due=date(2026, 4, 1))]
        assert reloaded(filing).state == FilingState.IN_MEDIATION
    # Nothing happens by itself: a week past the limit the filing still waits, listed as overdue.
    with time_machine.travel("2026-04-08 10:00 +0800", tick=False):
        assert reloaded(filing).state == FilingState.IN_MEDIATION
        registered = services.mediation_time_out(filing=filing, user=clerk)
    assert registered.state == FilingState.REGISTERED
    assert not registered.registered_first
    mediation = Mediation.objects.get(filing=filing)
    assert mediation.outcome == MediationOutcome.TIMED_OUT and mediation.ended_by == clerk
    assert "调解期满未达成协议" in registered.events.get(action="mediation_failed").summary
    # A second click (or a colleague's) is told the state, and nothing more happens.
    with time_machine.travel("2026-04-08 10:01 +0800", tick=False), pytest.raises(ValidationError) as error:
        services.mediation_time_out(filing=filing, user=clerk)
    assert "不在诉前调解中" in error.value.messages[0]
    assert registered.events.filter(action="registered").count() == 1


@pytest.mark.parametrize("state", [FilingState.REGISTERED, FilingState.MEDIATED, FilingState.WITHDRAWN])
def test_an_ended_mediation_takes_no_more_actions(clerk, state):
    from filing.permissions import can_act_on_mediation

    assert not can_act_on_mediation(Filing(state=state), clerk)


def test_a_clerk_role_acts_and_a_judge_does_not(db):
    from filing.permissions import can_act_on_mediation, can_view_mediations

    clerk, judge = UserFactory(role=CLERK), UserFactory(role=JUDGE)
    filing = Filing(state=FilingState.IN_MEDIATION)
    assert can_act_on_mediation(filing, clerk) and not can_act_on_mediation(filing, judge)
    assert can_view_mediations(clerk) and not can_view_mediations(judge)
