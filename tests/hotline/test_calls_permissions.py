"""Who may use the call pages (issue 6, part CALLS): one table, role × action → allowed."""

import pytest
from django.utils import timezone

from courthall.roles import AGENT, CLERK, DUTY_JUDGE, JUDGE, SUPERVISOR
from hotline.models import CallState
from hotline.permissions import (
    CALL_ALREADY_CALLED_BACK,
    CALL_NOT_MISSED,
    can_enter_call,
    can_log_callback,
    can_view_calls,
)
from tests.factories import CourtFactory, UserFactory
from tests.hotline.factories import CallFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(AGENT, True), (SUPERVISOR, True), (CLERK, False), (DUTY_JUDGE, False), (JUDGE, False)],
)
def test_role_may_view_the_call_log_and_callback_list(role, allowed, client):
    from django.urls import reverse

    user = UserFactory(court=CourtFactory(), role=role)
    assert bool(can_view_calls(user)) is allowed
    client.force_login(user)
    for name in ("hotline:call_list", "hotline:callbacks"):
        assert client.get(reverse(name)).status_code == (200 if allowed else 403)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(AGENT, True), (CLERK, False), (DUTY_JUDGE, False), (JUDGE, False), (SUPERVISOR, False)],
)
def test_role_may_enter_calls_and_log_callbacks(role, allowed):
    court = CourtFactory()
    user = UserFactory(court=court, role=role)
    call = CallFactory(court=court, state=CallState.ABANDONED, agent=None)
    assert bool(can_enter_call(user)) is allowed
    assert bool(can_log_callback(call, user)) is allowed


def test_callback_only_while_the_call_is_on_the_list():
    court = CourtFactory()
    agent = UserFactory(court=court, role=AGENT)
    assert can_log_callback(CallFactory(court=court), agent).reason == CALL_NOT_MISSED
    done = CallFactory(court=court, state=CallState.ABANDONED, agent=None, called_back_at=timezone.now())
    assert can_log_callback(done, agent).reason.startswith(CALL_ALREADY_CALLED_BACK.split("{")[0])
