"""Who may issue and who may open a court's documents: one table, role × action → allowed."""

import pytest
from django.contrib.auth.models import AnonymousUser

from courthall.permissions import NO_COURT, NOT_SIGNED_IN, NOT_YOUR_ROLE
from courthall.roles import ROLES_BY_KEY
from notices.models import Notice
from notices.permissions import NOT_THIS_COURT, NOT_THIS_COURTS_STAFF, can_issue_notice, can_view_notice
from tests.factories import CourtFactory, UserFactory

# role → (may issue, may view), in the role's own court
TABLE = {
    "clerk": (True, True),
    "judge": (True, True),  # a refusal is the judge's ruling
    "duty_judge": (True, True),
    "supervisor": (False, True),
    "agent": (False, False),
    "sysadmin": (False, False),  # configuration, not case documents (the admin's register is separate)
    "lawyer": (False, False),  # the portal will come through can_view_notice's hook
    "intern_lawyer": (False, False),
    "party": (False, False),
}


@pytest.mark.parametrize(("role_key", "allowed"), TABLE.items())
def test_role_table(court, role_key, allowed):
    role = ROLES_BY_KEY[role_key]
    user = UserFactory(role=role, court=court if role.staff else None)
    notice = Notice(court=court)
    assert (bool(can_issue_notice(court, user)), bool(can_view_notice(notice, user))) == allowed
    if not allowed[1]:
        assert can_view_notice(notice, user).reason in {NOT_YOUR_ROLE, NO_COURT}


def test_every_role_is_in_the_table():
    assert set(TABLE) == set(ROLES_BY_KEY)


def test_staff_of_another_court_may_do_nothing(court):
    clerk_elsewhere = UserFactory(role=ROLES_BY_KEY["clerk"], court=CourtFactory())
    assert can_issue_notice(court, clerk_elsewhere).reason == NOT_THIS_COURTS_STAFF
    assert can_view_notice(Notice(court=court), clerk_elsewhere).reason == NOT_THIS_COURT


def test_a_visitor_may_do_nothing(court):
    assert can_view_notice(Notice(court=court), AnonymousUser()).reason == NOT_SIGNED_IN
    assert can_issue_notice(court, AnonymousUser()).reason == NOT_SIGNED_IN


def test_a_supervisor_issues_only_their_fee_relief_decisions(court):
    """诉讼费用交纳办法 arts. 44–48: the head of the service centre decides fee relief and signs it."""
    supervisor = UserFactory(role=ROLES_BY_KEY["supervisor"], court=court)
    assert can_issue_notice(court, supervisor, "relief_grant")
    assert can_issue_notice(court, supervisor, "relief_refusal")
    assert not can_issue_notice(court, supervisor, "treated_withdrawn")
    assert not can_issue_notice(court, supervisor, "fee")
    agent = UserFactory(role=ROLES_BY_KEY["agent"], court=court)
    assert not can_issue_notice(court, agent, "relief_grant")
