"""The staffing chart and the supervisors' hotline panel in Chromium, on four weeks of demo calls."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from courthall.models import Department
from courthall.roles import AGENT
from hotline.demo import load_hotline_demo
from hotline.models import CallState, LineShift, ShiftDuty, TicketKind, TicketState
from tests.browser.conftest import COUNTER_SCREEN
from tests.browser.test_sign_in import sign_in
from tests.factories import UserFactory
from tests.hotline.factories import CallFactory, TicketFactory

pytestmark = pytest.mark.browser


def _seed(demo_users, demo_password):
    agent = demo_users["wg_agent"]
    load_hotline_demo()
    # A second agent on the morning peak, so that the roster differs from hour to hour.
    helper = UserFactory(username="wg_agent2", full_name="李敏", court=agent.court, role=AGENT)
    today = timezone.localdate()
    LineShift.objects.bulk_create(
        LineShift(
            court=agent.court,
            duty=ShiftDuty.AGENT,
            person=helper,
            on=today - timedelta(days=n),
            starts_at=time(9, 0),
            ends_at=time(12, 0),
        )
        for n in range(1, 36)
        if (today - timedelta(days=n)).isoweekday() <= 5
    )
    civil = Department.objects.filter(court=agent.court).exclude(pk=agent.department_id).first()
    yesterday = today - timedelta(days=1)
    for kind, state, extra in [
        (TicketKind.CONSULTATION, TicketState.CLOSED, {"satisfaction": "satisfied"}),
        (TicketKind.CONSULTATION, TicketState.CLOSED, {"satisfaction": "basically"}),
        (TicketKind.COMPLAINT, TicketState.OPEN, {"transfer_due_on": yesterday}),
        (TicketKind.CONTACT_JUDGE, TicketState.TRANSFERRED, {"reply_due_on": yesterday}),
        (TicketKind.QUERY, TicketState.REPLIED, {"answer_due_on": yesterday}),
        (TicketKind.SUGGESTION, TicketState.CLOSED, {"satisfaction": "dissatisfied"}),
    ]:
        ticket = TicketFactory(court=agent.court, opened_by=agent, kind=kind, state=state, **extra)
        if state == TicketState.TRANSFERRED and civil is not None:
            ticket.transfers.create(
                kind="transfer",
                at=timezone.now(),
                by=agent,
                to_department=civil,
                note="请答复",
                reply_due_on=yesterday,
            )
    CallFactory(court=agent.court, agent=agent)
    CallFactory(
        court=agent.court,
        agent=None,
        state=CallState.ABANDONED,
        talk_seconds=None,
        callback_due_on=yesterday,
        offered_at=timezone.now() - timedelta(days=1),
    )


def test_agent_reads_the_staffing_chart(page, demo_users, demo_password, screenshot):
    _seed(demo_users, demo_password)
    sign_in(page, "wg_agent", demo_password)
    page.wait_for_url("**/hotline/")
    page.goto("/hotline/staffing/")
    assert page.get_by_role("heading", name="热线人员配置").is_visible()
    assert page.locator("svg.ch-chart").count() == 5  # Monday to Friday
    assert page.locator("svg.ch-chart rect.ch-bar-needed").count() == 50
    assert page.evaluate("document.documentElement.scrollWidth") <= COUNTER_SCREEN["width"]
    screenshot("issue6-staffing-chart")


def test_supervisor_reads_the_panel_and_follows_the_subnav(page, demo_users, demo_password, screenshot):
    _seed(demo_users, demo_password)
    sign_in(page, "wg_supervisor", demo_password)
    page.wait_for_url("**/overview/")
    page.get_by_role("link", name="12368 热线监督（接通率、回拨、超期工单）").click()
    page.wait_for_url("**/hotline/panel/")
    assert page.get_by_role("heading", name="12368 热线监督").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= COUNTER_SCREEN["width"]
    screenshot("issue6-staffing-panel")
    page.get_by_role("navigation", name="12368 热线").get_by_role("link", name="人员配置").click()
    page.wait_for_url("**/hotline/staffing/")
    screenshot("issue6-staffing-chart-supervisor")
