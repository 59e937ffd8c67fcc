"""Factories for the line's records. They build rows directly, as a test's starting point; what a test
checks goes through hotline.services."""

import datetime

import factory
from django.utils import timezone

from hotline.models import (
    Call,
    CallSource,
    CallState,
    KnowledgeAnswer,
    KnowledgeTopic,
    LineShift,
    ShiftDuty,
    Ticket,
    TicketChannel,
    TicketKind,
)
from tests.factories import CourtFactory, UserFactory


class CallFactory(factory.django.DjangoModelFactory):
    """An answered call; pass state=CallState.ABANDONED (and agent=None) for a missed one."""

    class Meta:
        model = Call

    court = factory.SubFactory(CourtFactory)
    call_id = factory.Sequence(lambda n: f"T-{n:08d}")
    source = CallSource.TELEPHONY
    caller_number = factory.Sequence(lambda n: f"139{n:08d}")
    state = CallState.ANSWERED
    offered_at = factory.LazyFunction(timezone.now)
    offered_on = factory.LazyAttribute(lambda call: timezone.localdate(call.offered_at))
    answered_at = factory.LazyAttribute(lambda call: call.offered_at + datetime.timedelta(seconds=6))
    ended_at = factory.LazyAttribute(lambda call: call.offered_at + datetime.timedelta(seconds=186))
    agent = factory.SubFactory(UserFactory, court=factory.SelfAttribute("..court"))
    wait_seconds = 6
    talk_seconds = 180


class TicketFactory(factory.django.DjangoModelFactory):
    """An open consultation taken on the phone by an agent of the ticket's court."""

    class Meta:
        model = Ticket

    court = factory.SubFactory(CourtFactory)
    kind = TicketKind.CONSULTATION
    channel = TicketChannel.PHONE
    caller_name = "王先生"
    caller_number = factory.Sequence(lambda n: f"138{n:08d}")
    subject = "咨询起诉需要准备的材料"
    opened_at = factory.LazyFunction(timezone.now)
    opened_on = factory.LazyAttribute(lambda ticket: timezone.localdate(ticket.opened_at))
    opened_by = factory.SubFactory(UserFactory, court=factory.SelfAttribute("..court"))
    first_responsible = factory.SelfAttribute("opened_by")


class KnowledgeAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgeAnswer

    court = None
    topic = KnowledgeTopic.FILING_CONDITIONS
    question = factory.Sequence(lambda n: f"起诉需要准备哪些材料？（{n}）")
    keywords = "起诉 材料 立案"
    answer = "起诉状（按被告人数提交副本）、原告身份证明、证据材料及证据目录。"
    basis = "《民事诉讼法》第一百二十四条"


# --- staffing (issue 6, part STAFFING) ---------------------------------------------------------------------


class LineShiftFactory(factory.django.DjangoModelFactory):
    """An agent's 08:30–17:30 shift on the line today."""

    class Meta:
        model = LineShift

    court = factory.SubFactory(CourtFactory)
    duty = ShiftDuty.AGENT
    person = factory.SubFactory(UserFactory, court=factory.SelfAttribute("..court"))
    on = factory.LazyFunction(timezone.localdate)
    starts_at = datetime.time(8, 30)
    ends_at = datetime.time(17, 30)
