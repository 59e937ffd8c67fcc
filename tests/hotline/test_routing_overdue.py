"""The overdue list (超期督办, issue 6, part ROUTING): which clock is late, by how many working days, who
is responsible and who received it; the filters the supervisors' panel links with; constant queries."""

from datetime import date

import pytest
from django.urls import reverse

from courthall.models import DepartmentKind
from courthall.roles import AGENT
from hotline.models import TicketKind
from hotline.selectors.routing import clock_rows, due_today_ticket_list, overdue_ticket_list
from hotline.services.routing import ticket_transfer, transfer_reply
from tests.factories import DepartmentFactory, UserFactory
from tests.hotline.routing_setup import frozen, holiday, make_hall

pytestmark = pytest.mark.django_db

TODAY = "2027-03-04"  # a Thursday


@pytest.fixture
def hall():
    holiday("2027-01-01")  # 2027 has data: weekends only around March
    return make_hall()


def late_tickets(hall, n: int = 1) -> dict:
    """n tickets late on each clock as of TODAY, and one due today."""
    enforcement = DepartmentFactory(court=hall.court, name="执行局", kind=DepartmentKind.ENFORCEMENT)
    made = {"transfer": [], "reply": [], "answer": [], "reply_elsewhere": [], "due_today": []}
    for _ in range(n):
        with frozen("2027-03-01", "09:00"):  # Monday
            made["transfer"].append(hall.ticket(kind=TicketKind.COMPLAINT, subject="投诉未当日转交"))
            ticket = hall.ticket(subject="联系法官，答复超期")
            ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="转交")
            made["reply"].append(ticket)
            elsewhere = hall.ticket(subject="执行局答复超期")
            ticket_transfer(ticket=elsewhere, user=hall.agent, to_department=enforcement, note="转交")
            made["reply_elsewhere"].append(elsewhere)
            answered = hall.ticket(subject="已答复未回复来电人")
            transfer = ticket_transfer(
                ticket=answered, user=hall.agent, to_department=hall.civil, note="转交"
            )
        with frozen("2027-03-02", "10:00"):
            transfer_reply(transfer=transfer, user=hall.colleague, reply="答复")
            made["answer"].append(answered)
            due = hall.ticket(subject="今日到期")
            ticket_transfer(ticket=due, user=hall.agent, to_user=hall.judge, note="转交")
            made["due_today"].append(due)
    return made


def test_each_clock_is_listed_with_its_working_days_late_and_people(hall):
    made = late_tickets(hall)
    with frozen(TODAY):
        rows = clock_rows(overdue_ticket_list(user=hall.agent, today=hall_today()), today=hall_today())
    by_ticket = {row.ticket.pk: row for row in rows}
    assert set(by_ticket) == {made[k][0].pk for k in ("transfer", "reply", "reply_elsewhere", "answer")}
    transfer = by_ticket[made["transfer"][0].pk]
    assert (transfer.clock, str(transfer.due_on), transfer.working_days_late) == ("transfer", "2027-03-01", 3)
    assert transfer.receiver == "" and transfer.ticket.first_responsible == hall.agent
    reply = by_ticket[made["reply"][0].pk]
    assert (reply.clock, str(reply.due_on), reply.working_days_late) == ("reply", "2027-03-03", 1)
    assert reply.receiver == "赵志强 · 民事审判庭"
    answer = by_ticket[made["answer"][0].pk]
    assert (answer.clock, str(answer.due_on), answer.working_days_late) == ("answer", "2027-03-02", 2)
    assert answer.receiver == "民事审判庭"
    assert rows[0].due_on <= rows[-1].due_on  # the longest late first


def hall_today():
    return date.fromisoformat(TODAY)


@pytest.mark.parametrize(("clock", "expected"), [("transfer", 1), ("reply", 2), ("answer", 1)])
def test_the_clock_filter(hall, clock, expected):
    made = late_tickets(hall)
    listed = overdue_ticket_list(user=hall.agent, today=hall_today(), clock=clock)
    assert listed.count() == expected
    assert made[clock][0] in listed


def test_the_department_filter_follows_the_receiver_of_a_reply(hall):
    made = late_tickets(hall)
    listed = set(
        overdue_ticket_list(user=hall.agent, today=hall_today(), clock="reply", department_id=hall.civil.pk)
    )
    assert listed == {made["reply"][0]}  # the judge is of the civil division; the 执行局's is elsewhere


def test_due_today_is_the_reminder(hall):
    made = late_tickets(hall)
    assert list(due_today_ticket_list(user=hall.agent, today=hall_today())) == made["due_today"]


def test_another_courts_tickets_are_not_listed(hall):
    late_tickets(hall)

    stranger = UserFactory(role=AGENT, court=hall.other_court)
    assert overdue_ticket_list(user=stranger, today=hall_today()).count() == 0


def test_the_page_shows_the_clocks_and_takes_the_panels_parameters(hall, client):
    made = late_tickets(hall)
    with frozen(TODAY):
        client.force_login(hall.supervisor)
        page = client.get(reverse("hotline:overdue"), {"clock": "reply", "department": hall.civil.pk})
    text = page.content.decode()
    assert page.status_code == 200
    assert made["reply"][0].number in text and "1 个工作日" in text
    assert made["transfer"][0].number not in text and made["reply_elsewhere"][0].number not in text


def test_a_bad_filter_is_said_and_the_whole_list_shown(hall, client):
    made = late_tickets(hall)
    with frozen(TODAY):
        client.force_login(hall.agent)
        page = client.get(
            reverse("hotline:overdue"), {"clock": "sleep", "department": hall.other_department.pk}
        )
    text = page.content.decode()
    assert page.status_code == 200
    assert "筛选条件无效（时限、部门）" in text
    assert made["transfer"][0].number in text


def test_a_judge_does_not_open_the_overdue_list(hall, client):
    client.force_login(hall.judge)
    assert client.get(reverse("hotline:overdue")).status_code == 403


@pytest.mark.parametrize("n", [1, 6])
def test_the_page_takes_the_same_queries_however_many_are_late(
    hall, client, n, django_assert_max_num_queries
):
    late_tickets(hall, n)
    with frozen(TODAY):
        client.force_login(hall.agent)
        client.get(reverse("hotline:overdue"))  # the session and the permission caches warm
        with django_assert_max_num_queries(16):
            page = client.get(reverse("hotline:overdue"))
    assert page.content.decode().count("个工作日") == 4 * n
