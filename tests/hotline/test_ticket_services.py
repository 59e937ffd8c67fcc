"""Opening tickets (phone, call, visit, portal), answering from the knowledge base, referring to a lawyer,
the one complete answer by callback, satisfaction; and the transfer clock across a weekend and a holiday."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courthall.models import Holiday, HolidayKind
from filing.models import Visit, VisitMatter
from hotline.models import (
    Callback,
    CallbackOutcome,
    CallState,
    Satisfaction,
    Ticket,
    TicketChannel,
    TicketKind,
    TicketOutcome,
    TicketState,
)
from hotline.permissions import KIND_NEEDS_TRANSFER, SATISFACTION_ALREADY, TAKEN_ALREADY
from hotline.selectors.knowledge import knowledge_search
from hotline.services.tickets import (
    ANSWER_REQUIRED,
    APPOINTMENT_KIND_REQUIRED,
    CALL_HAS_TICKET,
    CALLBACK_CONTENT_REQUIRED,
    CALLBACK_IN_FUTURE,
    CALLER_REQUIRED,
    KNOWLEDGE_ANSWER_UNAVAILABLE,
    PORTAL_KIND_UNKNOWN,
    REFERRED_TO_LAWYER_ANSWER,
    SUBJECT_REQUIRED,
    portal_message_leave,
    ticket_answer_by_callback,
    ticket_answer_on_the_spot,
    ticket_open,
    ticket_record_satisfaction,
    ticket_refer_to_lawyer,
    ticket_take,
)
from tests.factories import CourtFactory
from tests.hotline.factories import CallFactory, KnowledgeAnswerFactory, TicketFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def open_consultation(user, **overrides):
    values = {
        "user": user,
        "kind": TicketKind.CONSULTATION,
        "caller_name": "王先生",
        "subject": "起诉要带什么",
    }
    return ticket_open(**{**values, **overrides})


def test_the_agent_who_takes_a_ticket_is_its_first_responsible_person(agent):
    ticket = open_consultation(agent, caller_number="13800000000")
    assert ticket.opened_by == ticket.first_responsible == agent
    assert ticket.court == agent.court
    assert ticket.channel == TicketChannel.PHONE
    assert ticket.opened_on == timezone.localdate(ticket.opened_at)
    assert ticket.transfer_due_on is None  # a consultation has no same-day transfer clock
    assert [event.action for event in ticket.events.all()] == ["opened"]
    assert ticket.history.first().history_user == agent


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"subject": " "}, "subject", SUBJECT_REQUIRED),
        ({"caller_name": "", "caller_number": ""}, "caller_name", CALLER_REQUIRED),
        ({"kind": TicketKind.APPOINTMENT}, "appointment_kind", APPOINTMENT_KIND_REQUIRED),
    ],
)
def test_bad_input_opens_nothing(agent, values, field, message):
    with pytest.raises(ValidationError) as error:
        open_consultation(agent, **values)
    assert error.value.message_dict[field] == [message]
    assert not Ticket.objects.exists()


def test_a_ticket_from_a_call_links_the_call_once(agent):
    call = CallFactory(court=agent.court, agent=agent, state=CallState.TALKING, caller_number="13912345678")
    ticket = open_consultation(agent, call=call, caller_number="")
    call.refresh_from_db()
    assert call.ticket == ticket
    assert ticket.call == call
    assert ticket.caller_number == "13912345678"
    with pytest.raises(ValidationError) as error:
        open_consultation(agent, call=call)
    assert error.value.message_dict["call"] == [CALL_HAS_TICKET.format(number=ticket)]
    assert Ticket.objects.count() == 1


def test_a_clerk_opens_a_ticket_from_a_counter_visit(clerk):
    visit = Visit.objects.create(
        court=clerk.court,
        visitor_name="李秀英",
        matter=VisitMatter.CONTACT_JUDGE,
        opened_by=clerk,
        responsible=clerk,
    )
    ticket = open_consultation(clerk, visit=visit, kind=TicketKind.CONTACT_JUDGE, channel=TicketChannel.PHONE)
    assert ticket.channel == TicketChannel.COUNTER
    assert ticket.visit == visit
    assert ticket.first_responsible == clerk
    assert ticket.transfer_due_on is not None


def test_a_portal_message_waits_unassigned_until_an_agent_takes_it(portal_user, agent, other_agent):
    ticket = portal_message_leave(
        user=portal_user, court=agent.court, kind=TicketKind.COMPLAINT, subject="法官不接电话", text="……"
    )
    assert ticket.channel == TicketChannel.PORTAL
    assert ticket.first_responsible is None
    assert ticket.caller_name == "李当事人" and ticket.caller_number == "13700000001"
    assert ticket.transfer_due_on is not None  # complaints are transferred the same working day
    ticket_take(ticket=ticket, user=agent)
    ticket.refresh_from_db()
    assert ticket.first_responsible == agent
    with pytest.raises(PermissionDenied, match=TAKEN_ALREADY.format(who=agent)):
        ticket_take(ticket=ticket, user=other_agent)


def test_a_portal_message_of_a_kind_the_portal_does_not_offer_is_refused(portal_user, court):
    with pytest.raises(ValidationError) as error:
        portal_message_leave(user=portal_user, court=court, kind=TicketKind.PETITION, subject="s", text="t")
    assert error.value.message_dict["kind"] == [PORTAL_KIND_UNKNOWN]


def test_answer_on_the_spot_records_the_words_and_the_knowledge_answer(agent):
    ticket = open_consultation(agent)
    knowledge = KnowledgeAnswerFactory()
    ticket_answer_on_the_spot(
        ticket=ticket, user=agent, answer="起诉状和身份证明。", knowledge_answer=knowledge
    )
    ticket.refresh_from_db()
    assert ticket.state == TicketState.CLOSED
    assert ticket.outcome == TicketOutcome.ON_THE_SPOT
    assert ticket.answer == "起诉状和身份证明。"
    assert ticket.knowledge_answer == knowledge
    assert ticket.answered_by == agent and ticket.answered_at == ticket.closed_at


def test_answer_on_the_spot_needs_the_words_said(agent):
    ticket = open_consultation(agent)
    with pytest.raises(ValidationError) as error:
        ticket_answer_on_the_spot(ticket=ticket, user=agent, answer="  ")
    assert error.value.message_dict["answer"] == [ANSWER_REQUIRED]
    ticket.refresh_from_db()
    assert ticket.state == TicketState.OPEN


def test_another_courts_knowledge_answer_is_refused(agent):
    ticket = open_consultation(agent)
    with pytest.raises(ValidationError) as error:
        ticket_answer_on_the_spot(
            ticket=ticket,
            user=agent,
            answer="…",
            knowledge_answer=KnowledgeAnswerFactory(court=CourtFactory()),
        )
    assert error.value.message_dict["knowledge_answer"] == [KNOWLEDGE_ANSWER_UNAVAILABLE]


def test_a_complaint_is_not_closed_on_the_spot(agent):
    ticket = open_consultation(agent, kind=TicketKind.COMPLAINT)
    with pytest.raises(PermissionDenied, match=KIND_NEEDS_TRANSFER.format(kind="投诉")):
        ticket_answer_on_the_spot(ticket=ticket, user=agent, answer="…")


def test_referred_to_a_lawyer_with_the_standard_explanation(agent):
    ticket = ticket_refer_to_lawyer(ticket=open_consultation(agent), user=agent)
    assert ticket.outcome == TicketOutcome.REFERRED_TO_LAWYER
    assert ticket.answer == REFERRED_TO_LAWYER_ANSWER
    assert "第十一条" in REFERRED_TO_LAWYER_ANSWER


def test_a_callback_not_reached_is_logged_and_the_ticket_stays_open(agent):
    ticket = open_consultation(agent, kind=TicketKind.CONTACT_JUDGE, caller_number="13800000000")
    ticket_answer_by_callback(ticket=ticket, user=agent, at=timezone.now(), outcome=CallbackOutcome.BUSY)
    ticket.refresh_from_db()
    assert ticket.state == TicketState.OPEN
    assert Callback.objects.get().outcome == CallbackOutcome.BUSY


def test_closing_by_callback_needs_what_the_caller_was_told(agent):
    ticket = open_consultation(agent)
    with pytest.raises(ValidationError) as error:
        ticket_answer_by_callback(
            ticket=ticket, user=agent, at=timezone.now(), outcome=CallbackOutcome.REACHED
        )
    assert error.value.message_dict["content"] == [CALLBACK_CONTENT_REQUIRED]
    assert not Callback.objects.exists()
    ticket.refresh_from_db()
    assert ticket.state == TicketState.OPEN


def test_a_callback_in_the_future_is_refused(agent):
    ticket = open_consultation(agent)
    with pytest.raises(ValidationError) as error:
        ticket_answer_by_callback(
            ticket=ticket,
            user=agent,
            at=timezone.now() + datetime.timedelta(hours=1),
            outcome=CallbackOutcome.REACHED,
            content="…",
        )
    assert error.value.message_dict["at"] == [CALLBACK_IN_FUTURE]


def test_a_reached_callback_closes_with_the_answer_given(agent):
    ticket = TicketFactory(
        court=agent.court,
        opened_by=agent,
        state=TicketState.REPLIED,
        opened_at=timezone.now() - datetime.timedelta(hours=2),
    )
    at = timezone.now() - datetime.timedelta(minutes=5)
    callback = ticket_answer_by_callback(
        ticket=ticket, user=agent, at=at, outcome=CallbackOutcome.REACHED, content="法官答复：材料已收到。"
    )
    ticket.refresh_from_db()
    assert ticket.state == TicketState.CLOSED
    assert ticket.outcome == TicketOutcome.CALLED_BACK
    assert ticket.answer == callback.content and ticket.answered_at == at
    assert callback.number == ticket.caller_number


def test_satisfaction_is_recorded_once(agent):
    ticket = TicketFactory(court=agent.court, opened_by=agent, state=TicketState.CLOSED)
    ticket_record_satisfaction(ticket=ticket, user=agent, satisfaction=Satisfaction.BASICALLY, note="等得久")
    ticket.refresh_from_db()
    assert ticket.satisfaction == Satisfaction.BASICALLY and ticket.satisfaction_note == "等得久"
    with pytest.raises(PermissionDenied, match=SATISFACTION_ALREADY.format(satisfaction="基本满意")):
        ticket_record_satisfaction(ticket=ticket, user=agent, satisfaction=Satisfaction.SATISFIED)


def test_knowledge_search_finds_shared_and_own_active_answers_only(agent):
    shared = KnowledgeAnswerFactory(question="诉讼费怎么交？", keywords="交费", answer="七日内交纳。")
    own = KnowledgeAnswerFactory(
        court=agent.court, question="本院交费窗口在哪？", keywords="交费", answer="一楼。"
    )
    KnowledgeAnswerFactory(court=CourtFactory(), question="外院交费？", keywords="交费", answer="…")
    KnowledgeAnswerFactory(question="旧口径交费", keywords="交费", answer="…", active=False)
    assert set(knowledge_search(user=agent, q="交费")) == {shared, own}
    assert knowledge_search(user=agent, q="七日") == [shared]  # the answer text is searched too
    assert knowledge_search(user=agent, q="交费 一楼") == [own]  # every word must match
    assert knowledge_search(user=agent, q="  ") == []


# --- the transfer clock across a weekend and a holiday (seed 002: 当日转交) -----------------------------


def _national_day_2026():
    for day in range(1, 8):
        Holiday.objects.update_or_create(
            date=datetime.date(2026, 10, day), defaults={"kind": HolidayKind.HOLIDAY, "name": "国庆节"}
        )
    Holiday.objects.update_or_create(
        date=datetime.date(2026, 10, 10), defaults={"kind": HolidayKind.MAKEUP_WORKDAY, "name": "国庆节调休"}
    )


@pytest.mark.parametrize(
    ("taken_at", "due_on"),
    [
        (datetime.datetime(2026, 12, 5, 10, 0), datetime.date(2026, 12, 7)),  # Saturday → Monday
        (datetime.datetime(2026, 12, 4, 17, 30), datetime.date(2026, 12, 4)),  # Friday evening: that day
        (datetime.datetime(2026, 9, 30, 16, 0), datetime.date(2026, 9, 30)),  # eve of National Day: that day
        (datetime.datetime(2026, 10, 1, 9, 0), datetime.date(2026, 10, 8)),  # in the holiday → first workday
        (datetime.datetime(2026, 10, 10, 9, 0), datetime.date(2026, 10, 10)),  # make-up Saturday works
    ],
)
def test_transfer_due_on_across_a_weekend_and_a_holiday(agent, taken_at, due_on):
    _national_day_2026()
    with time_machine.travel(taken_at.replace(tzinfo=SHANGHAI), tick=False):
        ticket = open_consultation(agent, kind=TicketKind.CONTACT_JUDGE)
    assert ticket.opened_on == taken_at.date()
    assert ticket.transfer_due_on == due_on
