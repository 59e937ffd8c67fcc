"""The morning reminders (issue 6, part ROUTING): one SMS a person and clock a working day, to the right
mobile, never twice; the management command the scheduler calls."""

from datetime import date

import pytest
from django.core.management import call_command

from courthall.models import SmsMessage
from hotline.models import LineReminder, ReminderKind
from hotline.services.routing import reminders_send, ticket_transfer, transfer_reply
from tests.hotline.routing_setup import frozen, holiday, make_hall

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    holiday("2027-01-01")
    return make_hall()


def owed(hall):
    """As of Thursday 2027-03-04: the judge owes one reply overdue and one due today; the civil division
    one due today; the agent one answer overdue."""
    with frozen("2027-03-01", "09:00"):
        ticket_transfer(ticket=hall.ticket(), user=hall.agent, to_user=hall.judge, note="转交")
        answered = hall.ticket()
        transfer = ticket_transfer(ticket=answered, user=hall.agent, to_user=hall.colleague, note="转交")
        transfer_reply(transfer=transfer, user=hall.colleague, reply="答复")
    with frozen("2027-03-02", "09:00"):
        ticket_transfer(ticket=hall.ticket(), user=hall.agent, to_user=hall.judge, note="转交")
        ticket_transfer(ticket=hall.ticket(), user=hall.agent, to_department=hall.civil, note="转交")


def test_each_person_gets_one_sms_with_their_counts_on_their_mobile(hall):
    owed(hall)
    reminders_send(today=date(2027, 3, 4))
    to_judge = SmsMessage.objects.get(mobile=hall.judge.mobile)
    assert "今日到期 2 件、已超期 1 件" in to_judge.text  # their own due today, and the division's
    to_colleague = SmsMessage.objects.get(mobile=hall.colleague.mobile)
    assert "今日到期 1 件、已超期 0 件" in to_colleague.text  # the division's
    to_agent = SmsMessage.objects.get(mobile=hall.agent.mobile)
    assert "回复来电人" in to_agent.text and "已超期 1 件" in to_agent.text
    assert SmsMessage.objects.count() == 3
    assert LineReminder.objects.get(person=hall.agent).kind == ReminderKind.ANSWER


def test_a_second_run_the_same_day_sends_nothing_more_and_the_next_day_sends_again(hall):
    owed(hall)
    first = reminders_send(today=date(2027, 3, 4))
    assert len(first) == 3
    assert reminders_send(today=date(2027, 3, 4)) == []
    assert SmsMessage.objects.count() == 3
    assert len(reminders_send(today=date(2027, 3, 5))) == 3
    assert SmsMessage.objects.count() == 6


def test_a_rest_day_sends_nothing(hall):
    owed(hall)
    assert reminders_send(today=date(2027, 3, 6)) == []  # Saturday
    assert not SmsMessage.objects.exists()


def test_nothing_due_sends_nothing(hall):
    with frozen("2027-03-04", "09:00"):
        ticket_transfer(ticket=hall.ticket(), user=hall.agent, to_user=hall.judge, note="转交")  # due 03-08
    assert reminders_send(today=date(2027, 3, 4)) == []


def test_a_person_without_a_mobile_is_recorded_without_an_sms(hall):
    hall.judge.mobile = ""
    hall.judge.save()
    owed(hall)
    reminders_send(today=date(2027, 3, 4))
    reminder = LineReminder.objects.get(person=hall.judge)
    assert reminder.sms is None and reminder.due_count == 2 and reminder.overdue_count == 1


def test_the_command_runs_the_task_once_a_day(hall, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    owed(hall)
    with frozen("2027-03-04", "08:30"):
        call_command("hotline_reminders")
        call_command("hotline_reminders")
    assert SmsMessage.objects.count() == 3
