"""The first-contact screens through the HTTP client: whole journeys, and the crafted requests they refuse."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import NoReverseMatch, reverse

from courthall.models import Department
from courthall.roles import CLERK
from courthall.validators import RESIDENT_ID_CHECK
from filing.forms.visits import HANDOVER_CHOICE_UNAVAILABLE
from filing.models import Visit, VisitMatter, VisitState
from filing.permissions import NOT_RESPONSIBLE, VISIT_CLOSED
from filing.services.visits import (
    HANDOVER_PARTY_NOT_INFORMED,
    HANDOVER_TARGET_BOTH,
    HANDOVER_TARGET_REQUIRED,
    MATTER_REQUIRED,
    MATTER_UNKNOWN,
    OUTCOME_REQUIRED,
    PRIORITY_REASON_REQUIRED,
    VISITOR_NAME_REQUIRED,
    visit_close,
    visit_hand_over,
    visit_open,
)
from tests.factories import UserFactory

MORNING = datetime(2026, 3, 16, 1, 30, tzinfo=UTC)  # 9:30 in Shanghai


@pytest.fixture
def clerk(demo_users):
    return demo_users["wg_clerk"]


@pytest.fixture
def colleague(clerk):
    return UserFactory(court=clerk.court, department=clerk.department, full_name="王丽", role=CLERK)


@pytest.fixture
def visit(clerk):
    with time_machine.travel(MORNING, tick=False):
        return visit_open(
            user=clerk,
            visitor_name="李秀英",
            matter=VisitMatter.CONSULTATION,
            priority=True,
            priority_reason="老年人",
        )


def page_of(response) -> str:
    return response.content.decode()


def main_of(response) -> str:
    """The page's <main>: the rest carries a fresh CSRF token on every response."""
    return page_of(response).split("<main", 1)[1].split("</main>", 1)[0]


def snapshot(visit: Visit) -> tuple:
    visit.refresh_from_db()
    return (
        visit.state,
        visit.responsible_id,
        visit.responsible_department_id,
        visit.outcome,
        visit.history.count(),
    )


# --- The counter screen -----------------------------------------------------------------------------------


def test_counter_shows_the_form_and_my_open_visits(client, clerk, colleague, visit):
    visit_open(user=colleague, visitor_name="别人的来访", matter=VisitMatter.QUERY)
    client.force_login(clerk)
    with time_machine.travel(MORNING + timedelta(minutes=25), tick=False):
        page = page_of(client.get(reverse("filing:counter")))
    assert "立案窗口" in page and "接待新来访" in page
    assert 'name="visitor_name"' in page and "autofocus" in page and 'accesskey="n"' in page
    for label in VisitMatter.labels:
        assert label in page
    assert "我的未办结接待" in page
    assert reverse("filing:visit", args=[visit.pk]) in page
    assert "优先 · 老年人" in page
    assert "已等候 25" in page
    assert "别人的来访" not in page
    assert "一次性全面告知" in page  # what the counter will hold next is still announced


def test_opening_a_visit_leads_to_it(client, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("filing:visit_open"),
        {
            "visitor_name": "李秀英",
            "matter": VisitMatter.FILING,
            "visitor_phone": "13800138000",
            "visitor_id_number": "11010519491231002X",
            "priority": "on",
            "priority_reason": "老年人",
            "note": "要起诉邻居",
        },
    )
    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("filing:visit", args=[visit.pk])
    assert visit.responsible == clerk and visit.priority
    page = page_of(client.get(response["Location"]))
    assert "已登记李秀英的来访（立案）" in page
    assert "11010519491231002X" in page and "要起诉邻居" in page
    assert "接待登记" in page  # the history timeline
    try:
        filing_new = reverse("filing:filing_new")
    except NoReverseMatch:
        assert "开始立案登记" not in page
    else:
        assert f"{filing_new}?visit={visit.pk}" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"visitor_name": "   "}, VISITOR_NAME_REQUIRED),
        ({"matter": ""}, MATTER_REQUIRED),
        ({"matter": "lawsuit"}, MATTER_UNKNOWN % {"value": "lawsuit"}),
        ({"priority": "on"}, PRIORITY_REASON_REQUIRED),
        ({"visitor_id_number": "110105194912310021"}, RESIDENT_ID_CHECK),
    ],
)
def test_bad_input_reshows_the_counter_with_the_message(client, clerk, overrides, message):
    client.force_login(clerk)
    data = {"visitor_name": "李秀英", "matter": VisitMatter.QUERY} | overrides
    response = client.post(reverse("filing:visit_open"), data)
    assert response.status_code == 200
    page = page_of(response)
    assert message in page
    assert "is-invalid" in page
    assert not Visit.objects.exists()


def test_only_the_counter_opens_visits(client, demo_users):
    client.force_login(demo_users["wg_supervisor"])
    response = client.post(reverse("filing:visit_open"), {"visitor_name": "李秀英", "matter": "query"})
    assert response.status_code == 403
    assert not Visit.objects.exists()
    client.force_login(demo_users["wg_clerk"])
    assert client.get(reverse("filing:visit_open")).status_code == 405


# --- Another court, and visitors ---------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["filing:visit", "filing:visit_handover", "filing:visit_close"])
def test_another_courts_visit_is_a_404(client, demo_users, visit, url_name):
    before = snapshot(visit)
    url = reverse(url_name, args=[visit.pk])
    for username in ("gc_clerk", "gc_supervisor"):
        client.force_login(demo_users[username])
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"outcome": "别的法院办结", "to_user": demo_users[username].pk}).status_code
            == 404
        )
    assert snapshot(visit) == before


def test_a_missing_visit_and_a_forbidden_one_look_the_same(client, demo_users, visit):
    client.force_login(demo_users["wg_judge"])
    forbidden = client.get(reverse("filing:visit", args=[visit.pk]))
    missing = client.get(reverse("filing:visit", args=[visit.pk + 1000]))
    assert forbidden.status_code == missing.status_code == 404
    assert main_of(forbidden) == main_of(missing)


def test_visitors_are_sent_to_sign_in(client, visit):
    response = client.get(reverse("filing:visit", args=[visit.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- Hand-over --------------------------------------------------------------------------------------------


def test_hand_over_to_a_colleague_who_then_closes_it(client, clerk, colleague, demo_users, visit):
    client.force_login(clerk)
    form_page = page_of(client.get(reverse("filing:visit_handover", args=[visit.pk])))
    assert "王丽" in form_page and "执行局" in form_page
    assert demo_users["gc_clerk"].get_full_name() not in form_page
    assert "已向当事人说明情况" in form_page

    response = client.post(
        reverse("filing:visit_handover", args=[visit.pk]),
        {"to_user": colleague.pk, "reason": "需联系承办法官", "party_informed": "on"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("filing:counter")
    counter = page_of(client.get(reverse("filing:counter")))
    assert "已将李秀英的来访移交给王丽" in counter
    assert reverse("filing:visit", args=[visit.pk]) not in counter
    detail = page_of(client.get(reverse("filing:visit", args=[visit.pk])))
    assert "需联系承办法官" in detail and "移交给王丽" in detail
    assert reverse("filing:visit_close", args=[visit.pk]) not in detail  # no longer his to close
    assert NOT_RESPONSIBLE in detail

    client.force_login(colleague)
    assert reverse("filing:visit", args=[visit.pk]) in page_of(client.get(reverse("filing:counter")))
    response = client.post(
        reverse("filing:visit_close", args=[visit.pk]), {"outcome": "已联系法官，答复当事人"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("filing:counter")
    visit.refresh_from_db()
    assert visit.state == VisitState.CLOSED and visit.outcome == "已联系法官，答复当事人"
    assert [(r.history_user, r.history_change_reason) for r in visit.history.order_by("history_date")] == [
        (clerk, "接待登记"),
        (clerk, "移交给王丽"),
        (colleague, "办结"),
    ]


def test_hand_over_to_a_department(client, clerk, demo_users, visit):
    civil = demo_users["wg_judge"].department
    client.force_login(clerk)
    response = client.post(
        reverse("filing:visit_handover", args=[visit.pk]),
        {"to_department": civil.pk, "reason": "联系承办法官", "party_informed": "on"},
    )
    assert response.status_code == 302
    counter = page_of(client.get(reverse("filing:counter")))
    assert "已移交民事审判庭，待跟进办结" in counter  # still on the giver's list

    client.force_login(demo_users["wg_judge"])
    department_page = page_of(client.get(reverse("filing:visit_department_list")))
    assert "李秀英" in department_page
    detail = page_of(client.get(reverse("filing:visit", args=[visit.pk])))
    assert "联系承办法官" in detail
    assert reverse("filing:visit_close", args=[visit.pk]) not in detail
    assert client.get(reverse("filing:visit_close", args=[visit.pk])).status_code == 403


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"to_user": "other_court_clerk"}, HANDOVER_CHOICE_UNAVAILABLE),
        ({"to_department": "other_court_department"}, HANDOVER_CHOICE_UNAVAILABLE),
        ({"to_user": "judge"}, HANDOVER_CHOICE_UNAVAILABLE),
        ({"to_user": "clerk"}, HANDOVER_CHOICE_UNAVAILABLE),
        ({"to_user": "999999"}, HANDOVER_CHOICE_UNAVAILABLE),
        ({"to_user": "colleague", "to_department": "enforcement"}, HANDOVER_TARGET_BOTH),
        ({}, HANDOVER_TARGET_REQUIRED),
        ({"to_user": "colleague", "party_informed": ""}, HANDOVER_PARTY_NOT_INFORMED),
    ],
)
def test_crafted_hand_overs_are_refused(client, demo_users, clerk, colleague, visit, data, message):
    ids = {
        "other_court_clerk": demo_users["gc_clerk"].pk,
        "other_court_department": demo_users["gc_clerk"].department_id,
        "judge": demo_users["wg_judge"].pk,
        "clerk": clerk.pk,
        "colleague": colleague.pk,
        "enforcement": Department.objects.get(court=clerk.court, name="执行局").pk,
    }
    post = {"reason": "移交", "party_informed": "on"} | {
        key: ids.get(value, value) for key, value in data.items()
    }
    before = snapshot(visit)
    client.force_login(clerk)
    response = client.post(reverse("filing:visit_handover", args=[visit.pk]), post)
    assert response.status_code == 200
    assert message in page_of(response)
    assert snapshot(visit) == before
    assert not visit.handovers.exists()


# --- Closing ----------------------------------------------------------------------------------------------


def test_closing_someone_elses_visit_is_refused_with_the_reason(client, colleague, visit):
    before = snapshot(visit)
    client.force_login(colleague)
    for response in (
        client.get(reverse("filing:visit_close", args=[visit.pk])),
        client.post(reverse("filing:visit_close", args=[visit.pk]), {"outcome": "我来办结"}),
        client.post(reverse("filing:visit_handover", args=[visit.pk]), {"to_user": colleague.pk}),
    ):
        assert response.status_code == 403
        assert NOT_RESPONSIBLE in page_of(response)
    assert snapshot(visit) == before


def test_closing_twice_is_refused_and_changes_nothing(client, clerk, visit):
    client.force_login(clerk)
    url = reverse("filing:visit_close", args=[visit.pk])
    empty = client.post(url, {"outcome": "  "})
    assert empty.status_code == 200 and OUTCOME_REQUIRED in page_of(empty)
    assert client.post(url, {"outcome": "已答复"}).status_code == 302
    after_first = snapshot(visit)
    again = client.post(url, {"outcome": "再次办结"})
    assert again.status_code == 403 and VISIT_CLOSED in page_of(again)
    assert snapshot(visit) == after_first
    detail = page_of(client.get(reverse("filing:visit", args=[visit.pk])))
    assert "已办结" in detail and "已答复" in detail and VISIT_CLOSED in detail


def test_a_supervisor_acts_and_returns_to_the_visit(client, demo_users, colleague, visit):
    client.force_login(demo_users["wg_supervisor"])
    response = client.post(
        reverse("filing:visit_handover", args=[visit.pk]),
        {"to_user": colleague.pk, "reason": "统筹安排", "party_informed": "on"},
    )
    assert response["Location"] == reverse("filing:visit", args=[visit.pk])
    visit.refresh_from_db()
    assert visit.responsible == colleague
    assert visit.history.first().history_user == demo_users["wg_supervisor"]


# --- Lists ------------------------------------------------------------------------------------------------


def test_supervisors_see_the_courts_visits(client, demo_users, clerk, visit):
    done = visit_open(user=clerk, visitor_name="已办完的人", matter=VisitMatter.FEES)
    visit_close(visit=done, user=clerk, outcome="已退费")
    other = visit_open(user=demo_users["gc_clerk"], visitor_name="钢城的来访", matter=VisitMatter.QUERY)
    client.force_login(demo_users["wg_supervisor"])
    open_page = page_of(client.get(reverse("filing:visit_list")))
    assert "李秀英" in open_page and "已办完的人" not in open_page and "钢城的来访" not in open_page
    all_page = page_of(client.get(reverse("filing:visit_list"), {"state": ""}))
    assert "李秀英" in all_page and "已办完的人" in all_page and other.visitor_name not in all_page
    closed_page = page_of(client.get(reverse("filing:visit_list"), {"state": "closed"}))
    assert "李秀英" not in closed_page and "已办完的人" in closed_page
    client.force_login(clerk)
    assert client.get(reverse("filing:visit_list")).status_code == 403


def test_department_list_is_only_the_departments(client, demo_users, clerk, visit):
    enforcement = Department.objects.get(court=clerk.court, name="执行局")
    visit_hand_over(visit=visit, user=clerk, to_department=enforcement, reason="执行", party_informed=True)
    client.force_login(demo_users["wg_judge"])  # 民事审判庭
    assert "李秀英" not in page_of(client.get(reverse("filing:visit_department_list")))
    assert client.get(reverse("filing:visit", args=[visit.pk])).status_code == 404
