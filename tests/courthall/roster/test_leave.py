"""Leave requests (舞钢规范第十三条: 请假审批程序): who decides, the overlap refusal, the workflow."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from courthall.roles import CLERK, JUDGE, SUPERVISOR
from courthall.roster import leave as services
from courthall.roster.leave import ENDS_BEFORE_START
from courthall.roster.models import LeaveKind, LeaveRequest, LeaveState
from courthall.roster.permissions import (
    HEAD_OWN_LEAVE,
    NOT_THE_HEAD,
    OTHER_COURT_LEAVE,
    OWN_LEAVE,
    can_decide_leave,
)
from courthall.roster.selectors import leave_inbox
from tests.courthall.roster.factories import LeaveRequestFactory, at
from tests.factories import CourtFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 4)
NOW = at(TODAY, "09:00")


@pytest.fixture
def court_people():
    """One court: a filing division with a head, a civil division without one, a supervisor; and the head
    of another court's filing division."""
    court = CourtFactory()
    filing = DepartmentFactory(court=court, name="立案庭")
    civil = DepartmentFactory(court=court, name="民事审判庭", kind="civil")
    head = UserFactory(court=court, department=filing, role=JUDGE, full_name="庭长")
    filing.head = head
    filing.save()
    other_court = CourtFactory()
    other_department = DepartmentFactory(court=other_court)
    other_head = UserFactory(court=other_court, department=other_department, role=SUPERVISOR)
    other_department.head = other_head
    other_department.save()
    return {
        "head": head,
        "clerk": UserFactory(court=court, department=filing, role=CLERK),
        "colleague": UserFactory(court=court, department=filing, role=CLERK),
        "civil_judge": UserFactory(court=court, department=civil, role=JUDGE),
        "supervisor": UserFactory(court=court, department=filing, role=SUPERVISOR),
        "other_court_head": other_head,
    }


# requester × decider → allowed (the rule of courthall.roster.permissions.can_decide_leave)
DECISIONS = [
    ("clerk", "head", True),  # the head of the requester's department
    ("clerk", "supervisor", False),  # the department has a head: not the supervisor
    ("clerk", "colleague", False),
    ("clerk", "clerk", False),  # never the requester
    ("clerk", "other_court_head", False),  # another court's head
    ("civil_judge", "supervisor", True),  # no head in 民事审判庭: the court's supervisor
    ("civil_judge", "head", False),  # the head of another department
    ("head", "head", False),
    ("head", "supervisor", True),  # the head's own leave goes to the supervisor
]


@pytest.mark.parametrize(("requester", "decider", "allowed"), DECISIONS)
def test_who_may_decide_a_leave_request(court_people, requester, decider, allowed):
    leave = LeaveRequestFactory(person=court_people[requester])
    assert bool(can_decide_leave(leave, court_people[decider])) is allowed


def test_refusals_say_why(court_people):
    leave = LeaveRequestFactory(person=court_people["clerk"])
    assert can_decide_leave(leave, court_people["clerk"]).reason == OWN_LEAVE
    assert can_decide_leave(leave, court_people["other_court_head"]).reason == OTHER_COURT_LEAVE
    assert can_decide_leave(leave, court_people["supervisor"]).reason == NOT_THE_HEAD.format(
        department="立案庭", head="庭长"
    )
    own = LeaveRequestFactory(person=court_people["head"])
    assert can_decide_leave(own, court_people["colleague"]).reason == HEAD_OWN_LEAVE


def test_another_courts_head_cannot_approve_through_the_service(court_people):
    leave = LeaveRequestFactory(person=court_people["clerk"])
    with pytest.raises(PermissionDenied):
        services.leave_approve(leave=leave, user=court_people["other_court_head"])
    leave.refresh_from_db()
    assert leave.state == LeaveState.PENDING


@time_machine.travel(NOW, tick=False)
def test_the_head_approves_and_the_history_says_who(court_people):
    leave = services.leave_request(
        user=court_people["clerk"],
        kind=LeaveKind.ANNUAL,
        starts_at=at(TODAY + timedelta(days=1), "08:30"),
        ends_at=at(TODAY + timedelta(days=1), "17:30"),
        reason="年休假",
    )
    services.leave_approve(leave=leave, user=court_people["head"])
    leave.refresh_from_db()
    assert (leave.state, leave.decided_by, leave.decided_at) == (
        LeaveState.APPROVED,
        court_people["head"],
        NOW,
    )
    assert [record.history_user for record in leave.history.order_by("history_date")] == [
        court_people["clerk"],
        court_people["head"],
    ]


@time_machine.travel(NOW, tick=False)
def test_a_refusal_needs_its_reasons(court_people):
    leave = LeaveRequestFactory(person=court_people["civil_judge"])
    with pytest.raises(ValidationError):
        services.leave_refuse(leave=leave, user=court_people["supervisor"], reason="  ")
    services.leave_refuse(leave=leave, user=court_people["supervisor"], reason="庭审排期冲突")
    leave.refresh_from_db()
    assert (leave.state, leave.refusal_reason) == (LeaveState.REFUSED, "庭审排期冲突")
    # Decided once: a second decision is refused with the state it is in.
    assert not can_decide_leave(leave, court_people["supervisor"])


@time_machine.travel(NOW, tick=False)
def test_an_overlapping_request_is_refused_with_a_clear_message_and_nothing_saved(court_people):
    clerk = court_people["clerk"]
    LeaveRequestFactory(person=clerk, starts_at=at(TODAY, "14:30"), ends_at=at(TODAY, "17:30"))
    with pytest.raises(ValidationError) as refused:
        services.leave_request(
            user=clerk,
            kind=LeaveKind.SICK,
            starts_at=at(TODAY, "16:00"),
            ends_at=at(TODAY + timedelta(days=1), "12:00"),
            reason="发烧",
        )
    assert refused.value.messages == [
        "与您2026年3月4日 14:30至2026年3月4日 17:30的事假申请（待审批）时间重叠，本次申请未保存。"
        "请调整时间，或先撤回那份申请。"
    ]
    assert LeaveRequest.objects.filter(person=clerk).count() == 1


@time_machine.travel(NOW, tick=False)
def test_touching_requests_do_not_overlap_and_refused_or_cancelled_ones_hold_no_time(court_people):
    clerk = court_people["clerk"]
    LeaveRequestFactory(person=clerk, starts_at=at(TODAY, "08:30"), ends_at=at(TODAY, "12:00"))
    LeaveRequestFactory(
        person=clerk, starts_at=at(TODAY, "14:30"), ends_at=at(TODAY, "17:30"), state=LeaveState.REFUSED
    )
    # Starts when the morning one ends; covers the refused afternoon one.
    services.leave_request(
        user=clerk,
        kind=LeaveKind.PERSONAL,
        starts_at=at(TODAY, "12:00"),
        ends_at=at(TODAY, "17:30"),
        reason="办事",
    )
    assert LeaveRequest.objects.filter(person=clerk, state=LeaveState.PENDING).count() == 2


@time_machine.travel(NOW, tick=False)
def test_reversed_times_are_refused(court_people):
    with pytest.raises(ValidationError) as refused:
        services.leave_request(
            user=court_people["clerk"],
            kind=LeaveKind.PERSONAL,
            starts_at=at(TODAY, "17:00"),
            ends_at=at(TODAY, "09:00"),
            reason="办事",
        )
    assert ENDS_BEFORE_START in refused.value.messages
    assert not LeaveRequest.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_requester_cancels_a_pending_request_but_not_one_that_began(court_people):
    clerk = court_people["clerk"]
    pending = LeaveRequestFactory(person=clerk)
    services.leave_cancel(leave=pending, user=clerk)
    pending.refresh_from_db()
    assert pending.state == LeaveState.CANCELLED
    begun = LeaveRequestFactory(
        person=clerk, starts_at=at(TODAY, "08:30"), ends_at=at(TODAY, "17:30"), state=LeaveState.APPROVED
    )
    with pytest.raises(PermissionDenied):
        services.leave_cancel(leave=begun, user=clerk)
    with pytest.raises(PermissionDenied):
        services.leave_cancel(leave=LeaveRequestFactory(person=clerk), user=court_people["head"])


def test_each_decider_sees_exactly_the_requests_they_may_decide(court_people):
    people = court_people
    requests = {name: LeaveRequestFactory(person=people[name]) for name in ("clerk", "civil_judge", "head")}
    assert list(leave_inbox(user=people["head"])) == [requests["clerk"]]
    assert set(leave_inbox(user=people["supervisor"])) == {requests["civil_judge"], requests["head"]}
    assert list(leave_inbox(user=people["colleague"])) == []
    assert list(leave_inbox(user=people["other_court_head"])) == []
    # The inbox and the permission agree for every pending request.
    for decider in people.values():
        shown = set(leave_inbox(user=decider))
        for leave in requests.values():
            assert (leave in shown) is bool(can_decide_leave(leave, decider))
