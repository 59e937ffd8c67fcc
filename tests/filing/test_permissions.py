"""One table: role × action at the window → allowed or not."""

import pytest

from courthall.roles import AGENT, CLERK, DUTY_JUDGE, JUDGE, LAWYER, SUPERVISOR, SYSADMIN
from filing.models import CaseType, Filing, FilingState
from filing.permissions import (
    can_act_on_mediation,
    can_approve_second_notice,
    can_decide_filing,
    can_reassign_filing,
    can_refuse_filing,
    can_send_to_mediation,
    can_view_filing,
    can_view_mediations,
    can_work_counter,
)
from tests.factories import UserFactory

ACTIONS = {
    "receive": lambda filing, user: can_work_counter(user),
    "view": can_view_filing,
    "decide": can_decide_filing,
    "refuse": can_refuse_filing,
    "approve_second_notice": can_approve_second_notice,
    "send_to_mediation": can_send_to_mediation,
    "act_on_mediation": lambda filing, user: can_act_on_mediation(
        Filing(state=FilingState.IN_MEDIATION), user
    ),
    "view_mediations": lambda filing, user: can_view_mediations(user),
}
ALLOWED = {
    CLERK: {
        "receive",
        "view",
        "decide",
        "refuse",
        "send_to_mediation",
        "act_on_mediation",
        "view_mediations",
    },
    SUPERVISOR: {"view", "approve_second_notice", "view_mediations"},
    AGENT: set(),
    DUTY_JUDGE: set(),
    JUDGE: set(),
    SYSADMIN: set(),
    LAWYER: set(),
}


@pytest.mark.parametrize("role", list(ALLOWED), ids=lambda role: role.key)
def test_role_by_action(db, role, django_user_model):
    court_bound = role.staff
    user = UserFactory(role=role) if court_bound else UserFactory(court=None, role=role)
    filing = Filing(state=FilingState.RECEIVED, case_type=CaseType(code="民初"))
    for action, check in ACTIONS.items():
        decision = check(filing, user)
        assert bool(decision) == (action in ALLOWED[role]), (role.key, action)
        if not decision:
            assert decision.reason


@pytest.mark.parametrize("state", [FilingState.REGISTERED, FilingState.REFUSED, FilingState.WITHDRAWN])
def test_a_decided_filing_cannot_be_decided_again(db, state):
    clerk = UserFactory(role=CLERK)
    filing = Filing(state=state)
    assert not can_decide_filing(filing, clerk)
    assert not can_refuse_filing(filing, clerk)


def test_only_a_supervisor_of_the_filings_own_court_approves_a_second_notice(db):
    own, other = UserFactory(role=SUPERVISOR), UserFactory(role=SUPERVISOR)
    filing = Filing(state=FilingState.UNDER_REVIEW, court=own.court)
    assert can_approve_second_notice(filing, own)
    assert not can_approve_second_notice(filing, other)


# --- Reassignment (自动分案): a supervisor of the filing's own court, once registered ---------------------

REASSIGN_ALLOWED = {SUPERVISOR}


@pytest.mark.parametrize("role", list(ALLOWED), ids=lambda role: role.key)
def test_role_by_reassign(db, role):
    user = UserFactory(role=role) if role.staff else UserFactory(court=None, role=role)
    filing = Filing(state=FilingState.REGISTERED, court=user.court)
    decision = can_reassign_filing(filing, user)
    assert bool(decision) == (role in REASSIGN_ALLOWED), role.key
    assert decision or decision.reason


@pytest.mark.parametrize("state", [FilingState.RECEIVED, FilingState.UNDER_REVIEW, FilingState.REFUSED])
def test_only_a_registered_filing_is_reassigned(db, state):
    supervisor = UserFactory(role=SUPERVISOR)
    assert not can_reassign_filing(Filing(state=state, court=supervisor.court), supervisor)


def test_another_courts_supervisor_does_not_reassign(db):
    own, other = UserFactory(role=SUPERVISOR), UserFactory(role=SUPERVISOR)
    filing = Filing(state=FilingState.REGISTERED, court=own.court)
    assert can_reassign_filing(filing, own) and not can_reassign_filing(filing, other)
