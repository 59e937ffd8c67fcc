"""Routing services (issue 6, part ROUTING): transfer, ask the duty judge, reply — what they change, what
they refuse, and that a refusal changes nothing."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from courthall.roles import AGENT
from hotline.models import TicketEvent, TicketKind, TicketState, Transfer, TransferKind
from hotline.permissions import NOT_THE_RECEIVER, TICKET_NOT_FOR_DUTY_JUDGE
from hotline.services.routing import (
    ARRANGED_AT_REQUIRED,
    DUTY_JUDGE_IS_YOU,
    MATERIALS_REQUIRED,
    MATERIALS_TO_A_JUDGE,
    NO_DUTY_JUDGE,
    TRANSFER_NOT_A_JUDGE,
    TRANSFER_OTHER_COURT,
    TRANSFER_TARGET_BOTH,
    TRANSFER_TARGET_REQUIRED,
    MaterialInput,
    ticket_ask_duty_judge,
    ticket_transfer,
    transfer_reply,
)
from tests.factories import UserFactory
from tests.hotline.routing_setup import at, frozen, make_hall

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    return make_hall()


def unchanged(ticket) -> tuple:
    ticket.refresh_from_db()
    return ticket.state, ticket.transfers.count(), ticket.events.count(), ticket.history.count()


def messages_of(raised) -> str:
    return " ".join(raised.value.messages)


# --- Transfer ------------------------------------------------------------------------------------------


def test_a_transfer_to_a_judge_starts_the_reply_clock_and_keeps_the_first_responsible(hall):
    with frozen("2027-03-03", "09:00"):  # a Wednesday
        ticket = hall.ticket()
        transfer = ticket_transfer(
            ticket=ticket, user=hall.agent, to_user=hall.judge, note="来电人想联系承办法官"
        )

    ticket.refresh_from_db()
    assert ticket.state == TicketState.TRANSFERRED
    assert transfer.kind == TransferKind.TRANSFER and transfer.to_user == hall.judge
    assert str(transfer.reply_due_on) == "2027-03-05"  # 2 working days
    assert ticket.reply_due_on == transfer.reply_due_on
    assert ticket.transferred_at == at("2027-03-03", "09:00")
    assert ticket.first_responsible == hall.agent
    event = ticket.events.get(action="transfer")
    assert event.actor == hall.agent and event.data["late"] is False and "赵志强" in event.summary
    assert ticket.history.latest().history_user == hall.agent
    assert transfer.history.latest().history_user == hall.agent


def test_a_transfer_to_a_department_of_the_same_court(hall):
    ticket = hall.ticket(kind=TicketKind.COMPLAINT)
    transfer = ticket_transfer(ticket=ticket, user=hall.agent, to_department=hall.civil, note="投诉审判作风")
    assert transfer.to_department == hall.civil and transfer.to_user is None


@pytest.mark.parametrize("target", ["person", "department"])
def test_a_transfer_to_another_court_is_refused_and_changes_nothing(hall, target):
    ticket = hall.ticket()
    before = unchanged(ticket)
    receiver = (
        {"to_user": hall.other_judge} if target == "person" else {"to_department": hall.other_department}
    )
    with pytest.raises(ValidationError) as raised:
        ticket_transfer(ticket=ticket, user=hall.agent, note="转交", **receiver)
    assert TRANSFER_OTHER_COURT in messages_of(raised)
    assert unchanged(ticket) == before


def test_a_transfer_needs_one_receiver(hall):
    ticket = hall.ticket()
    with pytest.raises(ValidationError) as raised:
        ticket_transfer(ticket=ticket, user=hall.agent, note="转交")
    assert TRANSFER_TARGET_REQUIRED in messages_of(raised)
    with pytest.raises(ValidationError) as raised:
        ticket_transfer(
            ticket=ticket, user=hall.agent, note="转交", to_user=hall.judge, to_department=hall.civil
        )
    assert TRANSFER_TARGET_BOTH in messages_of(raised)
    assert ticket.transfers.count() == 0


def test_a_person_who_is_not_a_judge_does_not_receive_a_transfer(hall):
    colleague = UserFactory(role=AGENT, court=hall.court, department=hall.centre, full_name="周婷")
    with pytest.raises(ValidationError) as raised:
        ticket_transfer(ticket=hall.ticket(), user=hall.agent, note="转交", to_user=colleague)
    assert TRANSFER_NOT_A_JUDGE.format(name="周婷") in messages_of(raised)


def test_only_the_line_transfers(hall):
    ticket = hall.ticket()
    with pytest.raises(PermissionDenied):
        ticket_transfer(ticket=ticket, user=hall.judge, to_user=hall.colleague, note="转交")


def test_a_same_day_kind_transferred_the_next_working_day_is_taken_and_flagged_late(hall):
    with frozen("2027-03-05", "16:00"):  # Friday
        ticket = hall.ticket(kind=TicketKind.SUGGESTION)
    assert str(ticket.transfer_due_on) == "2027-03-05"
    with frozen("2027-03-08", "09:00"):  # Monday
        ticket_transfer(ticket=ticket, user=hall.agent, to_department=hall.civil, note="建议")
    event = ticket.events.get(action="transfer")
    assert event.data["late"] is True
    assert "超过当日转交期限（2027-03-05）" in event.summary


def test_an_appointment_is_due_within_three_working_days(hall):
    with frozen("2027-03-03", "09:00"):  # Wednesday
        ticket = hall.ticket(kind=TicketKind.APPOINTMENT, appointment_kind="file_review")
        transfer = ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="申请阅卷")
    assert str(transfer.reply_due_on) == "2027-03-08"  # Thu, Fri, Mon


def test_a_material_transfer_lists_the_materials_and_issues_the_receipt(hall, settings):
    ticket = hall.ticket(kind=TicketKind.MATERIAL_TRANSFER, caller_name="张某某")
    materials = [MaterialInput("证据补充材料", copies=1, pages=5), MaterialInput("质证意见", 2, 3, True)]
    transfer = ticket_transfer(
        ticket=ticket, user=hall.agent, to_user=hall.judge, note="转交", materials=materials
    )
    assert transfer.materials == [
        {"name": "证据补充材料", "copies": 1, "pages": 5, "original": False},
        {"name": "质证意见", "copies": 2, "pages": 3, "original": True},
    ]
    receipt = transfer.receipt
    assert receipt.kind == "transfer_receipt" and receipt.subject == f"ticket:{ticket.pk}"
    assert receipt.addressee == "张某某" and receipt.issued_by == hall.agent
    assert receipt.snapshot["receiver"] == {"name": "赵志强", "department": "民事审判庭"}
    assert ticket.events.get(action="transfer").data["receipt"] == receipt.pk


@pytest.mark.parametrize(
    ("arguments", "message"),
    [({"materials": []}, MATERIALS_REQUIRED), ({"to_department": "civil"}, MATERIALS_TO_A_JUDGE)],
)
def test_a_material_transfer_needs_materials_and_a_judge(hall, arguments, message):
    ticket = hall.ticket(kind=TicketKind.MATERIAL_TRANSFER)
    receiver = {"to_department": hall.civil} if arguments.get("to_department") else {"to_user": hall.judge}
    materials = arguments.get("materials", [MaterialInput("证据", 1, 1)])
    with pytest.raises(ValidationError) as raised:
        ticket_transfer(ticket=ticket, user=hall.agent, note="转交", materials=materials, **receiver)
    assert message in messages_of(raised)
    assert ticket.transfers.count() == 0


# --- The duty judge -------------------------------------------------------------------------------------


def test_the_question_goes_to_the_duty_judge_whose_shift_covers_now(hall):
    hall.duty_shift("2027-03-03", "08:30", "12:00", person=hall.colleague)
    hall.duty_shift("2027-03-03", "12:00", "17:30")
    with frozen("2027-03-03", "14:00"):
        ticket = hall.ticket(kind=TicketKind.CONSULTATION)
        transfer = ticket_ask_duty_judge(ticket=ticket, user=hall.agent, question="诉前保全需要什么材料？")
    ticket.refresh_from_db()
    assert transfer.kind == TransferKind.DUTY_JUDGE and transfer.to_user == hall.duty_judge
    assert str(transfer.reply_due_on) == "2027-03-03"  # the same day
    assert ticket.state == TicketState.WITH_DUTY_JUDGE and ticket.reply_due_on == transfer.reply_due_on
    assert ticket.events.get(action="ask_duty_judge").actor == hall.agent


def test_outside_the_shifts_the_question_goes_to_that_days_judge(hall):
    hall.duty_shift("2027-03-03", "08:30", "12:00")
    with frozen("2027-03-03", "18:30"):
        transfer = ticket_ask_duty_judge(ticket=hall.ticket(), user=hall.agent, question="问题")
    assert transfer.to_user == hall.duty_judge


def test_no_duty_judge_today_is_a_clear_refusal_and_changes_nothing(hall):
    hall.duty_shift("2027-03-04")  # tomorrow, not today
    with frozen("2027-03-03", "10:00"):
        ticket = hall.ticket()
        before = unchanged(ticket)
        with pytest.raises(ValidationError) as raised:
            ticket_ask_duty_judge(ticket=ticket, user=hall.agent, question="问题")
    assert NO_DUTY_JUDGE.format(day="2027-03-03") in messages_of(raised)
    assert unchanged(ticket) == before


def test_a_duty_judge_on_the_line_does_not_ask_themself(hall):
    hall.duty_judge.groups.add(Group.objects.get(name=AGENT.group_name))
    hall.duty_shift("2027-03-03")
    with frozen("2027-03-03", "10:00"), pytest.raises(ValidationError) as raised:
        ticket = hall.ticket(opened_by=hall.duty_judge, first_responsible=hall.duty_judge)
        ticket_ask_duty_judge(ticket=ticket, user=hall.duty_judge, question="问题")
    assert DUTY_JUDGE_IS_YOU in messages_of(raised)


def test_only_an_open_ticket_goes_to_the_duty_judge(hall):
    hall.duty_shift("2027-03-03")
    with frozen("2027-03-03", "10:00"):
        ticket = hall.ticket()
        ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="转交")
        with pytest.raises(PermissionDenied) as raised:
            ticket_ask_duty_judge(ticket=ticket, user=hall.agent, question="问题")
    assert str(raised.value) == TICKET_NOT_FOR_DUTY_JUDGE.format(state="已转办待答复")


# --- Replies --------------------------------------------------------------------------------------------


def test_the_receivers_reply_starts_the_answer_clock(hall):
    with frozen("2027-03-03", "09:00"):
        ticket = hall.ticket()
        transfer = ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="转交")
    with frozen("2027-03-04", "15:00"):
        transfer_reply(transfer=transfer, user=hall.judge, reply="下周二上午开庭，请按传票到庭。")
    ticket.refresh_from_db()
    transfer.refresh_from_db()
    assert ticket.state == TicketState.REPLIED
    assert transfer.replied_by == hall.judge and transfer.replied_at == at("2027-03-04", "15:00")
    assert ticket.replied_at == transfer.replied_at and str(ticket.answer_due_on) == "2027-03-04"
    event = ticket.events.get(action="reply")
    assert event.actor == hall.judge and event.data["late"] is False
    assert ticket.first_responsible == hall.agent


def test_a_member_of_the_department_replies_for_it(hall):
    ticket = hall.ticket()
    transfer = ticket_transfer(ticket=ticket, user=hall.agent, to_department=hall.civil, note="转交")
    transfer_reply(transfer=transfer, user=hall.colleague, reply="已转承办法官，明日回电。")
    assert Transfer.objects.get(pk=transfer.pk).replied_by == hall.colleague


@pytest.mark.parametrize("who", ["colleague", "agent", "other_judge", "duty_judge"])
def test_anyone_but_the_receiver_is_refused_and_changes_nothing(hall, who):
    ticket = hall.ticket()
    transfer = ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="转交")
    before = unchanged(ticket)
    with pytest.raises(PermissionDenied) as raised:
        transfer_reply(transfer=transfer, user=getattr(hall, who), reply="答复")
    assert str(raised.value) == NOT_THE_RECEIVER
    assert unchanged(ticket) == before
    assert Transfer.objects.get(pk=transfer.pk).replied_at is None


def test_a_late_reply_is_taken_and_flagged(hall):
    with frozen("2027-03-03", "09:00"):
        ticket = hall.ticket()
        transfer = ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="转交")
    with frozen("2027-03-08", "09:00"):  # due Friday 03-05
        transfer_reply(transfer=transfer, user=hall.judge, reply="答复")
    event = TicketEvent.objects.get(ticket=ticket, action="reply")
    assert event.data["late"] is True and "超过答复期限（2027-03-05）" in event.summary


def test_an_appointment_reply_names_the_arranged_time(hall):
    with frozen("2027-03-03", "09:00"):
        ticket = hall.ticket(kind=TicketKind.APPOINTMENT, appointment_kind="file_review")
        transfer = ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="申请阅卷")
        with pytest.raises(ValidationError) as raised:
            transfer_reply(transfer=transfer, user=hall.judge, reply="可以阅卷")
        assert ARRANGED_AT_REQUIRED in messages_of(raised)
        transfer_reply(
            transfer=transfer, user=hall.judge, reply="可以阅卷", arranged_at=at("2027-03-05", "09:30")
        )
    transfer.refresh_from_db()
    assert transfer.arranged_at == at("2027-03-05", "09:30")
    assert "约定时间 2027-03-05 09:30" in ticket.events.get(action="reply").summary


def test_a_reply_is_given_once(hall):
    ticket = hall.ticket()
    transfer = ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="转交")
    transfer_reply(transfer=transfer, user=hall.judge, reply="答复")
    with pytest.raises(PermissionDenied) as raised:
        transfer_reply(transfer=transfer, user=hall.judge, reply="再答复")
    assert "不能重复答复" in str(raised.value)
