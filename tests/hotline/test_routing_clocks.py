"""The routing clocks across a weekend and a holiday (issue 6, part ROUTING): the due days the services
store come from hotline.clocks, and the days late the overdue list shows from courthall.deadlines.

The holiday rows are made here, in 2027, a year the seeded table does not cover."""

from datetime import date

import pytest

from courthall.deadlines import working_days_late
from courthall.models import HolidayKind
from hotline.models import TicketKind
from hotline.services.routing import ticket_ask_duty_judge, ticket_transfer, transfer_reply
from tests.hotline.routing_setup import frozen, holiday, make_hall

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    return make_hall()


def test_a_friday_transfer_with_a_monday_holiday_is_due_on_wednesday(hall):
    holiday("2027-04-05")  # 清明, a Monday
    with frozen("2027-04-02", "15:00"):  # Friday
        transfer = ticket_transfer(ticket=hall.ticket(), user=hall.agent, to_user=hall.judge, note="转交")
    assert transfer.reply_due_on == date(2027, 4, 7)  # Tuesday is the first working day, Wednesday the second


def test_without_the_holiday_the_same_transfer_is_due_on_tuesday(hall):
    holiday("2027-01-01")  # the year has data, but 04-05 is an ordinary Monday
    with frozen("2027-04-02", "15:00"):
        transfer = ticket_transfer(ticket=hall.ticket(), user=hall.agent, to_user=hall.judge, note="转交")
    assert transfer.reply_due_on == date(2027, 4, 6)


def test_a_same_day_ticket_taken_on_a_saturday_is_due_on_monday(hall):
    holiday("2027-01-01")
    with frozen("2027-03-06", "10:00"):  # Saturday
        ticket = hall.ticket(kind=TicketKind.CONTACT_JUDGE)
    assert ticket.transfer_due_on == date(2027, 3, 8)


def test_a_duty_question_on_a_make_up_saturday_is_due_that_saturday(hall):
    holiday("2027-02-20", HolidayKind.MAKEUP_WORKDAY, "春节调休")  # a Saturday worked
    hall.duty_shift("2027-02-20")
    with frozen("2027-02-20", "10:00"):
        transfer = ticket_ask_duty_judge(ticket=hall.ticket(), user=hall.agent, question="问题")
    assert transfer.reply_due_on == date(2027, 2, 20)


def test_a_duty_question_on_an_ordinary_sunday_is_due_on_monday(hall):
    holiday("2027-01-01")
    hall.duty_shift("2027-02-21")  # Sunday
    with frozen("2027-02-21", "10:00"):
        transfer = ticket_ask_duty_judge(ticket=hall.ticket(), user=hall.agent, question="问题")
    assert transfer.reply_due_on == date(2027, 2, 22)


def test_a_reply_on_friday_before_a_holiday_monday_is_answered_that_friday(hall):
    holiday("2027-04-05")
    with frozen("2027-04-01", "09:00"):
        ticket = hall.ticket()
        transfer = ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="转交")
    with frozen("2027-04-02", "16:00"):
        transfer_reply(transfer=transfer, user=hall.judge, reply="答复")
    ticket.refresh_from_db()
    assert ticket.answer_due_on == date(2027, 4, 2)


def test_days_late_count_working_days_only():
    holiday("2027-04-05")
    late = working_days_late(
        [date(2027, 4, 1), date(2027, 4, 2), date(2027, 4, 7), date(2027, 4, 9)], date(2027, 4, 7)
    )
    # Thursday 04-01: Fri 02, Tue 06, Wed 07 → 3; Friday 04-02: Tue, Wed → 2; due today or later → 0.
    assert late == {date(2027, 4, 1): 3, date(2027, 4, 2): 2, date(2027, 4, 7): 0, date(2027, 4, 9): 0}


def test_days_late_over_a_make_up_saturday():
    holiday("2027-02-20", HolidayKind.MAKEUP_WORKDAY)
    assert working_days_late([date(2027, 2, 19)], date(2027, 2, 22)) == {date(2027, 2, 19): 2}


def test_days_late_reads_the_holiday_table_once(django_assert_num_queries):
    holiday("2027-04-05")
    days = [date(2027, 3, day) for day in range(1, 29)]
    with django_assert_num_queries(1):
        working_days_late(days, date(2027, 4, 7))
