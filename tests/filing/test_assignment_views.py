"""Assignment through the HTTP interface: the judge's 我的案件, the case's page with its explanation, the
supervisors' 待分案 list and 改分, who may do what, and bad input."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from courthall.models import Court, Department
from courthall.roles import JUDGE, SUPERVISOR
from filing.models import Assignment, AssignmentKind, Filing, JudgeAbsence
from filing.services.assignment import JUDGE_REQUIRED, REASON_REQUIRED
from filing.services.filings import filing_register
from tests.factories import UserFactory
from tests.filing.conftest import civil_filing

pytestmark = pytest.mark.usefixtures("pdf_fonts")

MONDAY = "2026-03-02 10:00 +0800"
TUESDAY = "2026-03-03 09:00 +0800"


@pytest.fixture
def civil(wugang):
    return Department.objects.get(court=wugang, name="民事审判庭")


@pytest.fixture
def zhao(wugang, civil):
    return UserFactory(court=wugang, department=civil, full_name="赵志强", role=JUDGE)


def register(clerk, **overrides) -> Filing:
    filing = filing_register(filing=civil_filing(clerk, **overrides), user=clerk)
    filing.refresh_from_db()
    return filing


def test_a_judge_sees_new_cases_first_marked_new_until_opened(client, clerk, zhao, wugang, civil):
    with time_machine.travel(MONDAY, tick=False):
        older = register(clerk)
    client.force_login(zhao)
    client.get(reverse("filing:filing_detail", args=[older.pk]))  # opened: no longer new
    with time_machine.travel(TUESDAY, tick=False):
        newer = register(clerk, cause_text="买卖合同纠纷")
    assert newer.judge == zhao
    other_judge = UserFactory(court=wugang, department=civil, role=JUDGE)
    page = client.get(reverse("filing:my_cases"))
    assert page.status_code == 200
    rows = list(page.context["page"])
    assert [f.pk for f in rows] == [newer.pk, older.pk]
    assert [f.is_new for f in rows] == [True, False]
    html = page.content.decode()
    assert html.count(">新</span>") == 1 and newer.case_number in html and older.case_number in html
    # Another judge's list is theirs alone.
    client.force_login(other_judge)
    assert list(client.get(reverse("filing:my_cases")).context["page"]) == []


@time_machine.travel(MONDAY, tick=False)
def test_a_judge_opens_their_own_case_and_not_another(client, clerk, zhao, wugang, civil):
    mine = register(clerk)
    other = UserFactory(court=wugang, department=civil, role=JUDGE)
    client.force_login(other)
    assert client.get(reverse("filing:filing_detail", args=[mine.pk])).status_code == 404
    assert Assignment.objects.get(filing=mine).seen_at is None  # someone else looking is not the judge
    client.force_login(zhao)
    page = client.get(reverse("filing:filing_detail", args=[mine.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="current-judge">赵志强' in html and "民事审判庭" in html
    assert reverse("filing:filing_reassign", args=[mine.pk]) not in html  # not theirs to reassign
    assert Assignment.objects.get(filing=mine).seen_at is not None


@time_machine.travel(MONDAY, tick=False)
def test_the_case_page_explains_the_choice(client, clerk, zhao, wugang, civil, supervisor):
    UserFactory(court=wugang, department=civil, full_name="钱多多", role=JUDGE)
    for _ in range(2):
        register(clerk)  # one each
    filing = register(clerk)
    client.force_login(supervisor)
    html = client.get(reverse("filing:filing_detail", args=[filing.pk])).content.decode()
    assignment = filing.assignments.get()
    assert "自动分案 → " + filing.judge.full_name in html
    assert "候选法官" in html and "赵志强" in html and "钱多多" in html
    assert f'随机种子 <span class="font-monospace">{assignment.seed}</span>' in html
    assert reverse("filing:filing_reassign", args=[filing.pk]) in html
    assert "自动分案：承办法官" in html  # the timeline entry


@time_machine.travel(MONDAY, tick=False)
def test_a_supervisor_reassigns_through_the_form(client, clerk, zhao, wugang, civil, supervisor):
    filing = register(clerk)
    qian = UserFactory(court=wugang, department=civil, full_name="钱多多", role=JUDGE)
    url = reverse("filing:filing_reassign", args=[filing.pk])
    client.force_login(supervisor)
    form_page = client.get(url)
    assert form_page.status_code == 200
    html = form_page.content.decode()
    assert f'value="{qian.pk}"' in html and "钱多多（民事审判庭，在办 0 件，权重 1）" in html
    assert "已由赵志强承办，无需改分" in html  # the current judge is marked in the list
    response = client.post(url, {"judge": qian.pk, "reason": "赵志强法官系原告亲属，申请回避。"})
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.judge == qian
    latest = filing.assignments.last()
    assert latest.kind == AssignmentKind.REASSIGNMENT and latest.by == supervisor
    page = client.get(reverse("filing:filing_detail", args=[filing.pk])).content.decode()
    assert "改分：由 赵志强 改由 钱多多 承办" in page and "已改由钱多多承办" in page


@time_machine.travel(MONDAY, tick=False)
def test_bad_reassignments_are_refused_with_the_reason_and_change_nothing(
    client, clerk, zhao, wugang, civil, supervisor
):
    filing = register(clerk)
    gangcheng = Court.objects.get(code="鲁0117")
    outsider = UserFactory(
        court=gangcheng, department=Department.objects.get(court=gangcheng, name="民事审判庭"), role=JUDGE
    )
    away = UserFactory(court=wugang, department=civil, full_name="孙休", role=JUDGE)
    JudgeAbsence.objects.create(
        judge=away, starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 2), kind="training"
    )
    url = reverse("filing:filing_reassign", args=[filing.pk])
    client.force_login(supervisor)
    cases = [
        ({"judge": outsider.pk, "reason": "工作需要"}, f"{outsider.full_name}不是本院的法官"),
        ({"judge": away.pk, "reason": "工作需要"}, "孙休2026年3月2日至2026年3月2日培训"),
        ({"judge": "", "reason": "工作需要"}, JUDGE_REQUIRED),
        ({"judge": "abc", "reason": "工作需要"}, JUDGE_REQUIRED),
        ({"judge": "99999999", "reason": "工作需要"}, JUDGE_REQUIRED),
        ({"judge": away.pk, "reason": ""}, REASON_REQUIRED),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 200, data
        assert message in response.content.decode(), data
    filing.refresh_from_db()
    assert filing.judge == zhao and filing.assignments.count() == 1
    assert not filing.events.filter(action="reassigned").exists()


@time_machine.travel(MONDAY, tick=False)
def test_who_may_reassign_and_see_the_waiting_list(client, clerk, zhao, wugang, civil):
    filing = register(clerk)
    url = reverse("filing:filing_reassign", args=[filing.pk])
    for user in (clerk, zhao):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"judge": zhao.pk, "reason": "x"}).status_code == 403
        assert client.get(reverse("filing:filing_unassigned")).status_code == 403
    # Another court's supervisor does not learn that the case exists.
    client.force_login(UserFactory(court=Court.objects.get(code="鲁0117"), role=SUPERVISOR))
    assert client.get(url).status_code == 404
    assert client.post(reverse("filing:filing_assign_again", args=[filing.pk])).status_code == 404
    assert Filing.objects.get(pk=filing.pk).judge == zhao


@time_machine.travel(MONDAY, tick=False)
def test_a_case_nobody_can_take_waits_on_the_list_and_is_assigned_by_hand(
    client, clerk, civil, wugang, supervisor
):
    filing = register(clerk)  # no judge in 民事审判庭 yet
    assert filing.judge is None
    client.force_login(supervisor)
    waiting = client.get(reverse("filing:filing_unassigned"))
    assert [f.pk for f in waiting.context["page"]] == [filing.pk]
    assert "今天没有可以分案的法官" in waiting.content.decode()
    detail = client.get(reverse("filing:filing_detail", args=[filing.pk])).content.decode()
    assert "待分案" in detail and reverse("filing:filing_assign_again", args=[filing.pk]) in detail
    judge = UserFactory(court=wugang, department=civil, full_name="李新", role=JUDGE)
    response = client.post(reverse("filing:filing_assign_again", args=[filing.pk]), follow=True)
    assert "已重新自动分案：李新承办" in response.content.decode()
    filing.refresh_from_db()
    assert filing.judge == judge
    assert list(client.get(reverse("filing:filing_unassigned")).context["page"]) == []
