"""First contact at the window (首接负责制, 舞钢规范第五条、第九条): services, selectors, who may do what."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from courthall.models import Department
from courthall.permissions import NOT_YOUR_ROLE
from courthall.roles import CLERK, JUDGE, SUPERVISOR
from courthall.validators import RESIDENT_ID_CHECK, RESIDENT_ID_LENGTH
from filing.models import Visit, VisitHandover, VisitMatter, VisitState
from filing.permissions import (
    ACCOUNT_INACTIVE,
    CANNOT_RECEIVE_VISIT,
    NOT_RESPONSIBLE,
    VISIT_CLOSED,
    can_act_on_visit,
    can_receive_visit,
    can_view_visit,
    can_work_counter,
)
from filing.selectors.visits import (
    visit_get_for_user,
    visit_handover_candidates,
    visit_history_list,
    visit_list_for_court,
    visit_list_open_for_department,
    visit_list_open_for_user,
)
from filing.services.visits import (
    HANDOVER_ALREADY_DEPARTMENT,
    HANDOVER_OTHER_COURT,
    HANDOVER_PARTY_NOT_INFORMED,
    HANDOVER_REASON_REQUIRED,
    HANDOVER_TARGET_BOTH,
    HANDOVER_TARGET_REQUIRED,
    HANDOVER_TO_SELF,
    ID_NUMBER_OTHER,
    MATTER_REQUIRED,
    MATTER_UNKNOWN,
    OTHER_COURT_VISIT,
    OUTCOME_REQUIRED,
    PHONE_LANDLINE_INVALID,
    PRIORITY_REASON_REQUIRED,
    PRIORITY_REASON_WITHOUT_PRIORITY,
    VISITOR_NAME_REQUIRED,
    visit_close,
    visit_hand_over,
    visit_open,
)
from tests.factories import UserFactory

MORNING = datetime(2026, 3, 16, 1, 30, tzinfo=UTC)  # 9:30 in Shanghai, a Monday
ELDERLY_ID = "11010519491231002X"  # born 1949-12-31


@pytest.fixture
def wg(demo_users):
    return demo_users["wg_clerk"].court


@pytest.fixture
def clerk(demo_users):
    return demo_users["wg_clerk"]


@pytest.fixture
def colleague(wg, clerk):
    """A second clerk at the same counter (the demo data has one per court)."""
    return UserFactory(court=wg, department=clerk.department, full_name="王丽", role=CLERK)


@pytest.fixture
def enforcement(wg):
    return Department.objects.get(court=wg, name="执行局")


def open_visit(user, **overrides) -> Visit:
    values = {"user": user, "visitor_name": "李秀英", "matter": VisitMatter.CONSULTATION} | overrides
    return visit_open(**values)


def messages_of(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


# --- Opening ----------------------------------------------------------------------------------------------


def test_the_first_receiver_is_the_person_responsible(clerk, wg):
    with time_machine.travel(MORNING, tick=False):
        visit = open_visit(
            clerk,
            visitor_name=" 李秀英 ",
            matter=VisitMatter.FILING,
            visitor_id_number=ELDERLY_ID.lower(),
            visitor_phone="138 0013 8000",
            priority=True,
            priority_reason="老年人",
            note="要起诉邻居",
        )
    visit.refresh_from_db()
    assert visit.court == wg
    assert visit.opened_by == clerk and visit.responsible == clerk
    assert visit.responsible_department is None
    assert visit.state == VisitState.OPEN and visit.opened_at == MORNING
    assert visit.visitor_name == "李秀英"
    assert visit.visitor_id_number == ELDERLY_ID
    assert visit.visitor_phone == "13800138000"
    assert (visit.priority, visit.priority_reason) == (True, "老年人")
    [record] = visit.history.all()
    assert record.history_user == clerk
    assert record.history_change_reason == "接待登记"


@pytest.mark.parametrize(
    ("id_number", "stored"),
    [
        ("", ""),
        ("１１０１０５１９４９１２３１００２ｘ", ELDERLY_ID),  # typed in full-width mode
        ("E12345678", "E12345678"),  # passport
        ("h1234567801", "H1234567801"),  # 港澳居民来往内地通行证
        ("12345678", "12345678"),  # 台湾居民来往大陆通行证
        ("A123456(7)", "A123456(7)"),  # Hong Kong identity card
    ],
)
def test_other_identity_documents_are_accepted(clerk, id_number, stored):
    # DOMAIN.md §10: parties without mainland ID exist; only what looks like a resident ID is checked as one.
    assert open_visit(clerk, visitor_id_number=id_number).visitor_id_number == stored


@pytest.mark.parametrize(
    ("phone", "stored"),
    [("0375-8123456", "03758123456"), ("+86 138-0013-8000", "13800138000"), ("8123456", "8123456")],
)
def test_landlines_and_mobiles_are_accepted(clerk, phone, stored):
    assert open_visit(clerk, visitor_phone=phone).visitor_phone == stored


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"visitor_name": "  "}, "visitor_name", VISITOR_NAME_REQUIRED),
        ({"matter": ""}, "matter", MATTER_REQUIRED),
        ({"matter": "divorce"}, "matter", MATTER_UNKNOWN % {"value": "divorce"}),
        ({"priority": True}, "priority_reason", PRIORITY_REASON_REQUIRED),
        ({"priority_reason": "老年人"}, "priority_reason", PRIORITY_REASON_WITHOUT_PRIORITY),
        ({"visitor_id_number": "11010519491231002"}, "visitor_id_number", RESIDENT_ID_LENGTH % {"count": 17}),
        ({"visitor_id_number": "110105194912310021"}, "visitor_id_number", RESIDENT_ID_CHECK),
        ({"visitor_id_number": "王五的身份证"}, "visitor_id_number", ID_NUMBER_OTHER),
        ({"visitor_phone": "0375-12"}, "visitor_phone", PHONE_LANDLINE_INVALID),
    ],
)
def test_bad_input_opens_nothing(clerk, overrides, field, message):
    with pytest.raises(ValidationError) as caught:
        open_visit(clerk, **overrides)
    assert messages_of(caught.value)[field] == [message]
    assert not Visit.objects.exists()


@pytest.mark.parametrize("username", ["wg_supervisor", "wg_judge", "wg_agent", "lawyer"])
def test_only_the_counter_opens_visits(demo_users, username):
    with pytest.raises(PermissionDenied, match=NOT_YOUR_ROLE):
        open_visit(demo_users[username])
    assert not Visit.objects.exists()


# --- Hand-over --------------------------------------------------------------------------------------------


def test_hand_over_to_a_colleague_makes_them_responsible(clerk, colleague):
    visit = open_visit(clerk)
    handover = visit_hand_over(
        visit=visit, user=clerk, to_user=colleague, reason="需联系承办法官", party_informed=True
    )
    visit.refresh_from_db()
    assert (handover.from_user, handover.to_user, handover.to_department) == (clerk, colleague, None)
    assert handover.party_informed and handover.reason == "需联系承办法官"
    assert visit.responsible == colleague and visit.opened_by == clerk
    assert list(visit_list_open_for_user(user=colleague)) == [visit]
    assert list(visit_list_open_for_user(user=clerk)) == []
    latest = visit.history.first()
    assert (latest.history_user, latest.history_change_reason) == (clerk, "移交给王丽")
    assert latest.responsible_id == colleague.pk


def test_hand_over_to_a_department_keeps_the_giver_responsible(clerk, colleague, enforcement, wg):
    # 首接负责制: a department is not a person; the giver stays accountable and follows up.
    visit = open_visit(clerk, matter=VisitMatter.OTHER)
    visit_hand_over(
        visit=visit, user=clerk, to_department=enforcement, reason="执行事项", party_informed=True
    )
    visit.refresh_from_db()
    assert visit.responsible == clerk and visit.responsible_department == enforcement
    assert list(visit_list_open_for_user(user=clerk)) == [visit]
    bailiff = UserFactory(court=wg, department=enforcement, role=JUDGE)
    assert list(visit_list_open_for_department(user=bailiff)) == [visit]
    assert visit_get_for_user(pk=visit.pk, user=bailiff) == visit
    assert list(visit_list_open_for_department(user=colleague)) == []

    # Handed on to a person, it leaves the department's list.
    visit_hand_over(visit=visit, user=clerk, to_user=colleague, reason="改由王丽跟进", party_informed=True)
    visit.refresh_from_db()
    assert visit.responsible == colleague and visit.responsible_department is None
    assert list(visit_list_open_for_department(user=bailiff)) == []
    assert [r.history_change_reason for r in visit_history_list(visit=visit)] == [
        "接待登记",
        "移交给执行局",
        "移交给王丽",
    ]


def test_hand_over_refusals_change_nothing(demo_users, clerk, colleague, enforcement, wg):
    other_court_clerk = demo_users["gc_clerk"]
    other_court_department = other_court_clerk.department
    inactive = UserFactory(court=wg, role=CLERK, full_name="退休的人", is_active=False)
    judge = demo_users["wg_judge"]
    visit = open_visit(clerk)
    visit_hand_over(visit=visit, user=clerk, to_department=enforcement, reason="执行", party_informed=True)
    good = {"reason": "需要移交", "party_informed": True}
    cases = [
        ({}, "to_user", HANDOVER_TARGET_REQUIRED),
        ({"to_user": colleague, "to_department": enforcement}, "to_user", HANDOVER_TARGET_BOTH),
        ({"to_user": other_court_clerk}, "to_user", HANDOVER_OTHER_COURT),
        ({"to_user": demo_users["lawyer"]}, "to_user", HANDOVER_OTHER_COURT),
        ({"to_department": other_court_department}, "to_department", HANDOVER_OTHER_COURT),
        (
            {"to_department": enforcement},
            "to_department",
            HANDOVER_ALREADY_DEPARTMENT.format(department="执行局"),
        ),
        ({"to_user": clerk}, "to_user", HANDOVER_TO_SELF),
        ({"to_user": inactive}, "to_user", ACCOUNT_INACTIVE.format(name="退休的人")),
        ({"to_user": judge}, "to_user", CANNOT_RECEIVE_VISIT.format(name=judge)),
        ({"to_user": colleague, "reason": "  "}, "reason", HANDOVER_REASON_REQUIRED),
        ({"to_user": colleague, "party_informed": False}, "party_informed", HANDOVER_PARTY_NOT_INFORMED),
    ]
    for overrides, field, message in cases:
        with pytest.raises(ValidationError) as caught:
            visit_hand_over(visit=visit, user=clerk, **(good | overrides))
        assert messages_of(caught.value)[field] == [message], overrides
    visit.refresh_from_db()
    assert visit.responsible == clerk and visit.responsible_department == enforcement
    assert visit.handovers.count() == 1
    assert visit.history.count() == 2


def test_only_the_responsible_person_or_a_supervisor_hands_over(demo_users, clerk, colleague):
    visit = open_visit(clerk)
    with pytest.raises(PermissionDenied, match=NOT_RESPONSIBLE):
        visit_hand_over(visit=visit, user=colleague, to_user=clerk, reason="抢过来", party_informed=True)
    with pytest.raises(PermissionDenied, match=OTHER_COURT_VISIT):
        visit_hand_over(
            visit=visit,
            user=demo_users["gc_supervisor"],
            to_user=colleague,
            reason="别的法院",
            party_informed=True,
        )
    supervisor = demo_users["wg_supervisor"]
    visit_hand_over(visit=visit, user=supervisor, to_user=colleague, reason="统筹安排", party_informed=True)
    visit.refresh_from_db()
    assert visit.responsible == colleague
    assert visit.history.first().history_user == supervisor


# --- Closing ----------------------------------------------------------------------------------------------


def test_close_records_the_outcome_once(clerk, colleague, demo_users):
    with time_machine.travel(MORNING, tick=False):
        visit = open_visit(clerk)
    with pytest.raises(ValidationError) as caught:
        visit_close(visit=visit, user=clerk, outcome="   ")
    assert messages_of(caught.value) == {"outcome": [OUTCOME_REQUIRED]}
    with pytest.raises(PermissionDenied, match=NOT_RESPONSIBLE):
        visit_close(visit=visit, user=colleague, outcome="不是我的")
    with pytest.raises(PermissionDenied, match=OTHER_COURT_VISIT):
        visit_close(visit=visit, user=demo_users["gc_supervisor"], outcome="别的法院")

    with time_machine.travel(MORNING + timedelta(minutes=20), tick=False):
        closed = visit_close(visit=visit, user=clerk, outcome="已解答诉讼费交纳方式")
    assert closed.state == VisitState.CLOSED
    assert closed.closed_at == MORNING + timedelta(minutes=20)
    assert closed.outcome == "已解答诉讼费交纳方式"
    latest = closed.history.first()
    assert (latest.history_user, latest.history_change_reason, latest.state) == (clerk, "办结", "closed")

    with pytest.raises(PermissionDenied, match=VISIT_CLOSED):
        visit_close(visit=visit, user=clerk, outcome="再办结一次")
    with pytest.raises(PermissionDenied, match=VISIT_CLOSED):
        visit_hand_over(visit=visit, user=clerk, to_user=colleague, reason="办结后", party_informed=True)
    visit.refresh_from_db()
    assert visit.outcome == "已解答诉讼费交纳方式"
    assert visit.history.count() == 2
    assert list(visit_list_open_for_user(user=clerk)) == []


def test_a_supervisor_may_close_a_clerks_visit(clerk, demo_users):
    visit = open_visit(clerk)
    closed = visit_close(visit=visit, user=demo_users["wg_supervisor"], outcome="负责人处理完毕")
    assert closed.state == VisitState.CLOSED
    assert closed.history.first().history_user == demo_users["wg_supervisor"]


# --- Two clerks at once -----------------------------------------------------------------------------------


def run_together(*calls):
    """Run each call in its own thread and database connection, all starting at once; return what each
    returned or raised."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.fixture
def slow_handover_save(monkeypatch):
    """Hold the lock a moment after the checks: without select_for_update both hand-overs would pass them."""
    original = VisitHandover.full_clean

    def slow(self, *args, **kwargs):
        threading.Event().wait(0.3)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(VisitHandover, "full_clean", slow)


@pytest.mark.django_db(transaction=True)
def test_two_hand_overs_at_once_one_wins(clerk, colleague, wg, slow_handover_save):
    third = UserFactory(court=wg, role=CLERK, full_name="赵强")
    visit = open_visit(clerk)
    results = run_together(
        lambda: visit_hand_over(visit=visit, user=clerk, to_user=colleague, reason="甲", party_informed=True),
        lambda: visit_hand_over(visit=visit, user=clerk, to_user=third, reason="乙", party_informed=True),
    )
    won = [r for r in results if isinstance(r, VisitHandover)]
    lost = [r for r in results if isinstance(r, Exception)]
    assert len(won) == 1 and len(lost) == 1
    assert isinstance(lost[0], PermissionDenied) and str(lost[0]) == NOT_RESPONSIBLE
    visit.refresh_from_db()
    assert visit.responsible == won[0].to_user
    assert visit.handovers.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_closes_at_once_one_wins(clerk, demo_users):
    visit = open_visit(clerk)
    results = run_together(
        lambda: visit_close(visit=visit, user=clerk, outcome="窗口办结"),
        lambda: visit_close(visit=visit, user=demo_users["wg_supervisor"], outcome="负责人办结"),
    )
    assert sum(isinstance(r, Visit) for r in results) == 1
    [lost] = [r for r in results if isinstance(r, Exception)]
    assert isinstance(lost, PermissionDenied) and str(lost) == VISIT_CLOSED
    assert visit.history.filter(state=VisitState.CLOSED).count() == 1


# --- Selectors --------------------------------------------------------------------------------------------


def test_my_list_puts_priority_first_then_the_longest_waiting(clerk, colleague):
    with time_machine.travel(MORNING, tick=False):
        early = open_visit(clerk, visitor_name="早到")
    with time_machine.travel(MORNING + timedelta(minutes=5), tick=False):
        later = open_visit(clerk, visitor_name="晚到")
    with time_machine.travel(MORNING + timedelta(minutes=10), tick=False):
        elderly = open_visit(clerk, visitor_name="老人", priority=True, priority_reason="老年人")
        open_visit(colleague, visitor_name="别人的")
    closed = open_visit(clerk, visitor_name="已办结")
    visit_close(visit=closed, user=clerk, outcome="好了")
    assert list(visit_list_open_for_user(user=clerk)) == [elderly, early, later]


def test_another_courts_visit_is_not_found(clerk, demo_users):
    visit = open_visit(clerk)
    for username in ("gc_clerk", "gc_supervisor", "lawyer", "wg_judge", "wg_agent"):
        with pytest.raises(Http404):
            visit_get_for_user(pk=visit.pk, user=demo_users[username])
    with pytest.raises(Http404):
        visit_get_for_user(pk=visit.pk + 1000, user=clerk)
    assert visit_get_for_user(pk=visit.pk, user=demo_users["wg_supervisor"]) == visit
    assert list(visit_list_for_court(user=demo_users["gc_supervisor"])) == []


def test_court_list_filters_by_state(clerk, demo_users):
    first = open_visit(clerk, visitor_name="甲")
    second = open_visit(clerk, visitor_name="乙")
    visit_close(visit=first, user=clerk, outcome="办好了")
    supervisor = demo_users["wg_supervisor"]
    assert list(visit_list_for_court(user=supervisor, state=VisitState.OPEN)) == [second]
    assert list(visit_list_for_court(user=supervisor, state=VisitState.CLOSED)) == [first]
    assert set(visit_list_for_court(user=supervisor)) == {first, second}


def test_hand_over_candidates_are_active_colleagues_who_can_take_it(demo_users, clerk, colleague, wg):
    UserFactory(court=wg, role=CLERK, is_active=False)
    UserFactory(court=wg, role=JUDGE)
    granted = UserFactory(court=wg, full_name="单独授权")
    granted.user_permissions.add(Permission.objects.get(codename="work_counter"))
    visit = open_visit(clerk)
    candidates = set(visit_handover_candidates(user=clerk, visit=visit))
    assert candidates == {colleague, demo_users["wg_supervisor"], granted}
    assert all(can_receive_visit(user) for user in candidates)


# --- Who may do what: role × action → allowed -------------------------------------------------------------

ACTIONS = ("open", "view", "hand_over_or_close", "be_handed_it")
# actor → what they may do with a visit wg_clerk opened in 舞钢 and still holds ("be_handed_it": appears
# in the list of colleagues wg_clerk may hand it to)
ALLOWED = {
    "responsible_clerk": {"open", "view", "hand_over_or_close"},
    "colleague_clerk": {"open", "view", "be_handed_it"},
    "wg_supervisor": {"view", "hand_over_or_close", "be_handed_it"},
    "wg_judge": set(),
    "wg_duty_judge": set(),
    "wg_agent": set(),
    "wg_sysadmin": set(),
    "gc_clerk": {"open"},  # at their own court's counter; the visit itself is a 404 for them
    "lawyer": set(),
    "party": set(),
}


def decide(action: str, visit: Visit, user) -> bool:
    if action == "open":
        return bool(can_work_counter(user))
    if action == "view":
        try:
            visit_get_for_user(pk=visit.pk, user=user)
        except Http404:
            return False
        return True
    if action == "hand_over_or_close":
        # Another court's visit never reaches the permission: the selector answers 404 first.
        return visit.court_id == user.court_id and bool(can_act_on_visit(visit, user))
    return visit_handover_candidates(user=visit.responsible, visit=visit).filter(pk=user.pk).exists()


@pytest.mark.parametrize("actor", list(ALLOWED))
def test_permissions_table(demo_users, clerk, colleague, actor):
    visit = open_visit(clerk)
    user = {"responsible_clerk": clerk, "colleague_clerk": colleague}.get(actor) or demo_users[actor]
    allowed = {action for action in ACTIONS if decide(action, visit, user)}
    assert allowed == ALLOWED[actor]


def test_nobody_acts_on_a_closed_visit_but_everyone_who_could_still_sees_it(demo_users, clerk):
    visit = visit_close(visit=open_visit(clerk), user=clerk, outcome="办结")
    for user in (clerk, demo_users["wg_supervisor"]):
        assert can_act_on_visit(visit, user).reason == VISIT_CLOSED
        assert can_view_visit(visit, user)


def test_a_department_sees_what_was_handed_to_it_and_nothing_else(demo_users, clerk):
    judge = demo_users["wg_judge"]  # 民事审判庭
    civil = judge.department
    visit = open_visit(clerk)
    assert not can_view_visit(visit, judge)
    visit_hand_over(visit=visit, user=clerk, to_department=civil, reason="联系法官", party_informed=True)
    visit.refresh_from_db()
    assert can_view_visit(visit, judge)
    assert not can_act_on_visit(visit, judge)
    assert not can_view_visit(visit, demo_users["wg_agent"])


def test_supervisors_may_be_given_visits(demo_users):
    assert can_receive_visit(demo_users["wg_supervisor"])
    assert not can_receive_visit(UserFactory(role=SUPERVISOR, is_active=False))
