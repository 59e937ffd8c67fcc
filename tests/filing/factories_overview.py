"""Factories for the filing panel's tests (tests/filing/test_overview*.py): records made as they stand
after the services ran, with the dates a hand-counted data set needs."""

from datetime import date, datetime

import factory
from django.utils import timezone

from filing.models import (
    Assignment,
    CaseType,
    Channel,
    CorrectionItem,
    CorrectionRequest,
    Filing,
    Mediation,
    PaymentLimit,
    RoundKind,
    SubmissionRound,
)


def at(day: str, clock: str = "10:00") -> datetime:
    """An aware moment in the court's time zone: at("2026-11-03", "09:30")."""
    return timezone.make_aware(datetime.fromisoformat(f"{day}T{clock}"))


class FilingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Filing

    channel = Channel.COUNTER
    case_type = factory.LazyFunction(lambda: CaseType.objects.get(code="民初"))
    claims = "判令被告偿还借款本金150000元及利息。"
    received_at = factory.LazyFunction(timezone.now)
    limit_starts_on = factory.LazyAttribute(lambda o: timezone.localdate(o.received_at))


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubmissionRound

    number = 1
    kind = RoundKind.INITIAL
    submitter_name = "张三"
    received_at = factory.LazyAttribute(lambda o: o.filing.received_at)


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CorrectionRequest

    deadline_on = date(2026, 11, 13)


class CorrectionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CorrectionItem

    material = "借条"
    problem = "复印件无法辨认"
    provide = "清晰的复印件"


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    kind = "automatic"


class MediationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mediation

    number = factory.Sequence(lambda n: f"（2026）豫0481民诉前调{n + 1}号")
    year = 2026
    sequence = factory.Sequence(lambda n: n + 1)
    mediator_name = "舞钢市人民调解委员会"
    mediator_kind = "organisation"
    consent_by = "张三"
    consent_method = "signed_form"
    consent_at = factory.LazyAttribute(lambda o: o.started_at)


class PaymentLimitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaymentLimit


def hand_counted_data(court, *, clerk, supervisor, judge, department) -> dict:
    """The small data set the panel's figures are counted against by hand (tests/filing/test_overview.py).

    Today is Wednesday 2026-11-18; the period is 2026-11-02..15, the comparison period 2026-10-19..11-01.
    Letters name the filings as the tests' comments do."""
    d = date.fromisoformat
    online = Channel.ONLINE

    def filing(letter, received, **fields):
        made = FilingFactory(court=court, received_at=received, **fields)
        made.letter = letter
        return made

    def assigned(filing, when):
        AssignmentFactory(filing=filing, judge=judge, department=department, at=when)

    f = {}
    # Received today (calendar day 2026-11-18), waiting.
    f["A"] = filing("A", at("2026-11-18", "09:00"), decision_due_on=d("2026-11-25"))
    f["B"] = filing(
        "B",
        at("2026-11-18", "08:30"),
        channel=online,
        state="under_review",
        online_review_due_on=d("2026-11-18"),
        online_review_limit_on=d("2026-11-23"),
        decision_due_on=d("2026-11-25"),
    )
    # Submitted after 17:00 yesterday: counts as received today for the clocks, not "received today".
    f["C"] = filing(
        "C",
        at("2026-11-17", "18:00"),
        channel=online,
        online_review_due_on=d("2026-11-18"),
        online_review_limit_on=d("2026-11-23"),
        decision_due_on=d("2026-11-24"),
    )
    f["D"] = filing(
        "D",
        at("2026-11-16", "10:00"),
        channel=online,
        state="under_review",
        online_review_due_on=d("2026-11-16"),
        online_review_limit_on=d("2026-11-19"),
        decision_due_on=d("2026-11-23"),
    )
    f["E"] = filing(
        "E",
        at("2026-11-10", "10:00"),
        channel=online,
        online_review_due_on=d("2026-11-10"),
        online_review_limit_on=d("2026-11-13"),
        decision_due_on=d("2026-11-17"),
    )
    f["F"] = filing("F", at("2026-11-11"), state="under_review", decision_due_on=d("2026-11-18"))
    f["G"] = filing("G", at("2026-11-05"), state="awaiting_correction", decision_due_on=d("2026-11-12"))
    f["H"] = filing("H", at("2026-11-12"), state="under_review", decision_due_on=d("2026-11-20"))
    f["T"] = filing(
        "T",
        at("2026-11-15", "18:00"),
        channel=online,
        online_review_due_on=d("2026-11-16"),
        online_review_limit_on=d("2026-11-19"),
        decision_due_on=d("2026-11-22"),
    )
    # Registered in the period.
    f["I"] = filing(
        "I",
        at("2026-11-03", "09:00"),
        state="registered",
        case_number="（2026）豫0481民初1号",
        registered_at=at("2026-11-03", "09:30"),
        decided_at=at("2026-11-03", "09:30"),
        registered_on_spot=True,
        fee_total="100.00",
    )
    assigned(f["I"], at("2026-11-03", "09:31"))
    f["J"] = filing(
        "J",
        at("2026-11-04", "10:00"),
        channel=online,
        state="registered",
        case_number="（2026）豫0481民初2号",
        online_review_due_on=d("2026-11-04"),
        online_review_limit_on=d("2026-11-09"),
        registered_at=at("2026-11-06"),
        decided_at=at("2026-11-06"),
    )
    assigned(f["J"], at("2026-11-09", "08:30"))
    f["K"] = filing(
        "K",
        at("2026-11-02"),
        state="registered",
        case_number="（2026）豫0481民初3号",
        decision_due_on=d("2026-11-09"),
        registered_at=at("2026-11-10"),
        decided_at=at("2026-11-10"),
        registered_first=True,
        fee_total="50.00",
        unassigned_reason="立案庭无可分案的法官",
    )
    f["L"] = filing(
        "L",
        at("2026-11-05", "10:00"),
        channel=online,
        state="registered",
        case_number="（2026）豫0481民初4号",
        online_review_due_on=d("2026-11-05"),
        online_review_limit_on=d("2026-11-10"),
        registered_at=at("2026-11-10", "11:00"),
        decided_at=at("2026-11-10", "11:00"),
    )
    assigned(f["L"], at("2026-11-10", "11:01"))
    f["S"] = filing(
        "S",
        at("2026-11-01", "17:30"),
        channel=online,
        state="registered",
        case_number="（2026）豫0481民初5号",
        online_review_due_on=d("2026-11-02"),
        online_review_limit_on=d("2026-11-05"),
        registered_at=at("2026-11-02"),
        decided_at=at("2026-11-02"),
    )
    assigned(f["S"], at("2026-11-02", "10:01"))
    f["M"] = filing(
        "M",
        at("2026-11-06"),
        state="refused",
        decided_at=at("2026-11-07"),
        decided_by=clerk,
        refusal_reasons="不属于人民法院受理民事诉讼的范围",
        refusal_basis="《中华人民共和国民事诉讼法》第一百二十七条",
    )
    # Mediations: P past its limit, Q not yet.
    for letter, received, due in (("P", "2026-11-01", "2026-11-16"), ("Q", "2026-11-14", "2026-11-20")):
        f[letter] = filing(letter, at(received), state="in_mediation")
        MediationFactory(
            filing=f[letter], court=court, started_by=clerk, started_at=at(received), due_on=d(due)
        )
    # The comparison period: two on-the-spot registrations, one later treated as withdrawn (fee unpaid).
    f["N"] = filing(
        "N",
        at("2026-10-26"),
        state="treated_withdrawn",
        case_number="（2026）豫0481民初901号",
        registered_at=at("2026-10-26", "10:10"),
        registered_on_spot=True,
        fee_total="80.00",
    )
    assigned(f["N"], at("2026-10-26", "10:11"))
    f["O"] = filing(
        "O",
        at("2026-10-27"),
        state="registered",
        case_number="（2026）豫0481民初902号",
        registered_at=at("2026-10-27", "10:10"),
        registered_on_spot=True,
    )
    assigned(f["O"], at("2026-10-27", "10:11"))

    # Correction notices: G's lapsed (no answer by 11-13); L's first answered in time, then a follow-up with
    # one second-notice item (approved by the supervisor) and one ordinary item, also answered in time.
    g_round = RoundFactory(filing=f["G"], received_by=clerk)
    CorrectionFactory(
        filing=f["G"],
        after_round=g_round,
        issued_at=at("2026-11-06"),
        issued_by=clerk,
        deadline_on=d("2026-11-13"),
    )
    l_first = RoundFactory(filing=f["L"], received_by=clerk)
    l1 = CorrectionFactory(
        filing=f["L"],
        after_round=l_first,
        issued_at=at("2026-11-05", "15:00"),
        issued_by=clerk,
        deadline_on=d("2026-11-12"),
    )
    CorrectionItemFactory(request=l1, material="原告身份证明", problem="未提交", provide="身份证复印件")
    l_second = RoundFactory(
        filing=f["L"],
        number=2,
        kind=RoundKind.CORRECTION,
        received_by=clerk,
        received_at=at("2026-11-09", "09:00"),
    )
    l2 = CorrectionFactory(
        filing=f["L"],
        after_round=l_second,
        follow_up=True,
        issued_at=at("2026-11-09", "16:00"),
        issued_by=clerk,
        deadline_on=d("2026-11-16"),
    )
    CorrectionItemFactory(
        request=l2,
        second_notice=True,
        approved_by=supervisor,
        approval_reason="原借条复印件系补正后才发现字迹不清",
    )
    CorrectionItemFactory(request=l2, material="证据目录", problem="未列明证据来源", provide="补充证据来源")
    RoundFactory(
        filing=f["L"],
        number=3,
        kind=RoundKind.CORRECTION,
        received_by=clerk,
        received_at=at("2026-11-10", "09:00"),
    )
    # Payment limits: I unpaid at 11-12; K paid in full; N (comparison) treated as withdrawn.
    from filing.models import FeePayment

    PaymentLimitFactory(filing=f["I"], due_on=d("2026-11-12"))
    PaymentLimitFactory(filing=f["K"], due_on=d("2026-11-13"))
    FeePayment.objects.create(
        filing=f["K"],
        amount="50.00",
        method="pos",
        reference="P-1",
        payer="张三",
        paid_on=d("2026-11-11"),
        recorded_at=at("2026-11-11"),
        recorded_by=clerk,
    )
    PaymentLimitFactory(filing=f["N"], due_on=d("2026-10-30"))
    return f
