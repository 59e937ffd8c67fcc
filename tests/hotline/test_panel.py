"""The supervisors' hotline panel: each figure, the link behind it, who may see it, its query bound."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from courthall.permissions import NOT_YOUR_ROLE
from courthall.roles import AGENT, JUDGE, SUPERVISOR
from hotline.models import (
    CallState,
    Satisfaction,
    TicketKind,
    TicketState,
    Transfer,
    TransferKind,
)
from hotline.selectors.panel import NO_DEPARTMENT, hotline_panel
from tests.factories import DepartmentFactory, UserFactory
from tests.hotline.factories import CallFactory, TicketFactory

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
# Wednesday 18 March 2026, 15:00 in Beijing; the week began on Monday the 16th.
NOW = datetime(2026, 3, 18, 15, 0, tzinfo=BEIJING)
TODAY = NOW.date()
YESTERDAY = TODAY - timedelta(days=1)


def _call(court, on: date, **kwargs):
    return CallFactory(court=court, offered_at=datetime.combine(on, time(10, 0), BEIJING), **kwargs)


def _missed(court, on: date, **kwargs):
    return _call(
        court, on, state=CallState.ABANDONED, agent=None, talk_seconds=None, callback_due_on=on, **kwargs
    )


def _transfer(ticket, *, to_department=None, to_user=None, replied=False):
    return Transfer.objects.create(
        ticket=ticket,
        kind=TransferKind.TRANSFER,
        at=timezone.now(),
        by=ticket.first_responsible,
        to_department=to_department,
        to_user=to_user,
        note="请答复",
        reply_due_on=ticket.reply_due_on or TODAY,
        replied_at=timezone.now() if replied else None,
    )


@time_machine.travel(NOW, tick=False)
def test_answer_rates_today_and_this_week():
    supervisor = UserFactory(role=SUPERVISOR)
    court = supervisor.court
    for _ in range(3):
        _call(court, TODAY)
    _missed(court, TODAY)
    _call(court, TODAY - timedelta(days=2))  # Monday
    _call(court, TODAY - timedelta(days=3))  # last Sunday: not this week
    _call(court, TODAY, state=CallState.RINGING, agent=None)  # still ringing: offered, not yet answered

    panel = hotline_panel(court_id=court.pk, today=TODAY)

    assert [day.on for day in panel.week] == [date(2026, 3, 16), YESTERDAY, TODAY]
    assert (panel.today_calls.offered, panel.today_calls.answered, panel.today_calls.abandoned) == (5, 3, 1)
    assert panel.today_calls.answer_percent == "60%"
    assert (panel.week_calls.offered, panel.week_calls.answered) == (6, 4)
    assert panel.week_calls.answer_percent == "66.6%"  # rounded down: never 100% while a call is missed
    assert panel.week[1].answer_percent == ""


@time_machine.travel(NOW, tick=False)
def test_missed_calls_waiting_for_a_callback_and_the_overdue_ones():
    court = UserFactory(role=SUPERVISOR).court
    _missed(court, TODAY)
    _missed(court, YESTERDAY)  # due yesterday: overdue
    _missed(court, YESTERDAY, called_back_at=timezone.now())  # reached: off the list
    _missed(UserFactory().court, YESTERDAY)  # another court
    panel = hotline_panel(court_id=court.pk, today=TODAY)
    assert (panel.callbacks_waiting, panel.callbacks_overdue) == (2, 1)


def _taken(court, on: date, **kwargs):
    return TicketFactory(
        court=court, opened_at=datetime.combine(on, time(9, 0), BEIJING), opened_on=on, **kwargs
    )


def _closed(court, taken_on: date, closed_on: date, **kwargs):
    closed_at = datetime.combine(closed_on, time(16, 0), BEIJING)
    return _taken(court, taken_on, state=TicketState.CLOSED, closed_at=closed_at, **kwargs)


@time_machine.travel(NOW, tick=False)
def test_open_tickets_by_state_and_the_weeks_tickets_by_kind_and_satisfaction(client):
    supervisor = UserFactory(role=SUPERVISOR)
    court = supervisor.court
    monday, last_sunday = date(2026, 3, 16), date(2026, 3, 15)
    _taken(court, TODAY)  # open consultation, this week
    _taken(court, monday, kind=TicketKind.COMPLAINT, state=TicketState.TRANSFERRED)  # this week
    _taken(court, date(2026, 2, 2), state=TicketState.REPLIED)  # open, taken weeks ago
    _closed(court, monday, TODAY, satisfaction=Satisfaction.SATISFIED)  # taken and closed this week
    _closed(court, last_sunday, monday, satisfaction=Satisfaction.DISSATISFIED)  # closed this week only
    _closed(court, date(2026, 1, 5), last_sunday, satisfaction=Satisfaction.SATISFIED)  # history
    _closed(UserFactory().court, TODAY, TODAY, satisfaction=Satisfaction.SATISFIED)  # another court

    panel = hotline_panel(court_id=court.pk, today=TODAY)

    # Open now, whenever taken: the consultation (open), the complaint (transferred), the February one
    # (replied). No "closed" row: the closed ones are history.
    states = {value: n for value, _, n in panel.by_state}
    assert states == {"open": 1, "with_duty_judge": 0, "transferred": 1, "replied": 1}
    # Closed Monday 16 to today: the one closed today and the one closed on Monday, not last Sunday's.
    assert panel.closed_this_week[0] == 2
    # Taken Monday 16 to today: today's consultation, Monday's complaint, Monday's closed consultation.
    kinds = {value: n for value, _, n, _ in panel.by_kind}
    assert (kinds["consultation"], kinds["complaint"], kinds["query"]) == (2, 1, 0)
    # Of those three, one was followed up (satisfied); the dissatisfied one was taken last Sunday.
    assert {value: n for value, _, n, _ in panel.by_satisfaction} == {
        "satisfied": 1,
        "basically": 0,
        "dissatisfied": 0,
    }
    # Each week's number opens the same rows in the overview's list, over Monday to today.
    client.force_login(supervisor)
    week = "from=2026-03-16&to=2026-03-18&compare=none&by=day"
    shown = [(url, n) for _, _, n, url in [*panel.by_kind, *panel.by_satisfaction]] + [
        tuple(reversed(panel.closed_this_week))
    ]
    for url, n in shown:
        assert url.startswith(reverse("hotline:overview_list")) and week in url
        assert client.get(url).context["page"].paginator.count == n, url


@time_machine.travel(NOW, tick=False)
def test_overdue_clocks_by_department():
    supervisor = UserFactory(role=SUPERVISOR)
    court = supervisor.court
    hall = DepartmentFactory(court=court, name="诉讼服务中心")
    civil = DepartmentFactory(court=court, name="民一庭")
    criminal = DepartmentFactory(court=court, name="刑事审判庭")
    agent = UserFactory(court=court, department=hall)
    judge = UserFactory(court=court, department=criminal)
    # transfer: open, due yesterday → late with the first-responsible agent's department.
    TicketFactory(court=court, opened_by=agent, kind=TicketKind.COMPLAINT, transfer_due_on=YESTERDAY)
    TicketFactory(court=court, opened_by=agent, kind=TicketKind.COMPLAINT, transfer_due_on=TODAY)  # not yet
    TicketFactory(court=court, opened_by=agent, state=TicketState.CLOSED, transfer_due_on=YESTERDAY)  # done
    # reply: late at the department the open transfer went to, or its judge's department.
    late = TicketFactory(court=court, opened_by=agent, state=TicketState.TRANSFERRED, reply_due_on=YESTERDAY)
    _transfer(late, to_department=civil)
    to_judge = TicketFactory(
        court=court, opened_by=agent, state=TicketState.TRANSFERRED, reply_due_on=YESTERDAY
    )
    _transfer(to_judge, to_department=civil, replied=True)  # an earlier transfer, answered: not this one
    _transfer(to_judge, to_user=judge)
    on_time = TicketFactory(court=court, opened_by=agent, state=TicketState.TRANSFERRED, reply_due_on=TODAY)
    _transfer(on_time, to_department=civil)
    # answer: reply in, caller not told by yesterday; the agent has no department.
    loner = UserFactory(court=court)
    TicketFactory(court=court, opened_by=loner, state=TicketState.REPLIED, answer_due_on=YESTERDAY)

    panel = hotline_panel(court_id=court.pk, today=TODAY)

    rows = {row.department: row.cells for row in panel.overdue}
    assert rows == {
        "民一庭": [("transfer", 0), ("reply", 1), ("answer", 0)],
        "刑事审判庭": [("transfer", 0), ("reply", 1), ("answer", 0)],
        "诉讼服务中心": [("transfer", 1), ("reply", 0), ("answer", 0)],
        NO_DEPARTMENT: [("transfer", 0), ("reply", 0), ("answer", 1)],
    }
    assert panel.overdue[-1].department == NO_DEPARTMENT
    assert panel.overdue_totals == {"transfer": 1, "reply": 2, "answer": 1}


@time_machine.travel(NOW, tick=False)
def test_each_figure_links_to_the_list_behind_it(client):
    supervisor = UserFactory(role=SUPERVISOR)
    court = supervisor.court
    civil = DepartmentFactory(court=court, name="民一庭")
    _call(court, TODAY)
    _missed(court, YESTERDAY)
    ticket = TicketFactory(court=court, state=TicketState.TRANSFERRED, reply_due_on=YESTERDAY)
    _transfer(ticket, to_department=civil)
    client.force_login(supervisor)

    page = client.get(reverse("hotline:panel")).content.decode()

    calls, callbacks = reverse("hotline:call_list"), reverse("hotline:callbacks")
    tickets, overdue = reverse("hotline:ticket_list"), reverse("hotline:overdue")
    for href in [
        f"{calls}?on=2026-03-18&amp;state=answered",
        f"{calls}?on=2026-03-18&amp;state=abandoned",
        f"{calls}?on=2026-03-17&amp;state=abandoned",
        f"{calls}?on=2026-03-16",
        callbacks,
        f"{tickets}?state=transferred",
        f"{overdue}?clock=reply&amp;department={civil.pk}",
        f"{overdue}?clock=transfer",
    ]:
        assert f'href="{href}"' in page, href


def test_only_supervisors_see_the_panel(client):
    for role in (AGENT, JUDGE):
        client.force_login(UserFactory(role=role))
        response = client.get(reverse("hotline:panel"))
        assert response.status_code == 403
        assert NOT_YOUR_ROLE in response.content.decode()
    client.logout()
    assert client.get(reverse("hotline:panel")).status_code == 302


def test_the_overview_and_the_subnav_link_to_the_panel(client):
    client.force_login(UserFactory(role=SUPERVISOR))
    panel, staffing = reverse("hotline:panel"), reverse("hotline:staffing")
    overview = client.get(reverse("overview")).content.decode()
    assert f'href="{panel}"' in overview and f'href="{staffing}"' in overview
    page = client.get(staffing).content.decode()
    assert f'href="{panel}"' in page


def test_agents_find_the_staffing_chart_but_not_the_panel_in_the_subnav(client):
    client.force_login(UserFactory(role=AGENT))
    home = client.get(reverse("hotline:home")).content.decode()
    assert 'href="{}"'.format(reverse("hotline:staffing")) in home
    page = client.get(reverse("hotline:staffing")).content.decode()
    assert 'href="{}"'.format(reverse("hotline:panel")) not in page
    assert 'href="{}"'.format(reverse("hotline:home")) in page


@time_machine.travel(NOW, tick=False)
def test_the_panel_takes_the_same_queries_however_much_data(client, django_assert_max_num_queries):
    supervisor = UserFactory(role=SUPERVISOR)
    court = supervisor.court
    client.force_login(supervisor)

    def seed(n: int, first: int):
        for i in range(first, first + n):
            department = DepartmentFactory(court=court, name=f"审判庭{i}")
            agent = UserFactory(court=court, department=department)
            _call(court, TODAY - timedelta(days=i % 3))
            _missed(court, YESTERDAY)
            TicketFactory(court=court, opened_by=agent, transfer_due_on=YESTERDAY)
            TicketFactory(court=court, opened_by=agent, state=TicketState.REPLIED, answer_due_on=YESTERDAY)
            late = TicketFactory(
                court=court, opened_by=agent, state=TicketState.TRANSFERRED, reply_due_on=YESTERDAY
            )
            _transfer(late, to_department=department)

    seed(2, 0)
    with django_assert_max_num_queries(13):
        assert client.get(reverse("hotline:panel")).status_code == 200
    seed(20, 2)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("hotline:panel"))
    assert len(response.context["panel"].overdue) == 22
