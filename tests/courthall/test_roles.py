"""Roles: which page each role reaches (one table), and that staff never see another court's records."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from courthall.permissions import NO_COURT, NOT_YOUR_ROLE, PORTAL_ONLY
from courthall.roles import CLERK, LAWYER, ROLES, sync_role_groups
from tests.factories import UserFactory

PAGES = {
    "counter": "filing:counter",
    "cases": "filing:my_cases",
    "portal": "filing:portal",
    "hotline": "hotline:home",
    "duty": "hotline:duty",
    "overview": "overview",
    "admin": "admin:index",
}

# role → the pages it may open (every other page is refused)
ALLOWED = {
    "clerk": {"counter"},
    "agent": {"hotline"},
    "duty_judge": {"duty", "cases"},
    "judge": {"cases"},
    "supervisor": {"overview"},
    "sysadmin": {"admin"},
    "lawyer": {"portal"},
    "intern_lawyer": {"portal"},
    "party": {"portal"},
}

HOME = {
    "clerk": "/filing/counter/",
    "agent": "/hotline/",
    "duty_judge": "/hotline/duty/",
    "judge": "/filing/cases/",
    "supervisor": "/overview/",
    "sysadmin": "/admin/",
    "lawyer": "/filing/portal/",
    "intern_lawyer": "/filing/portal/",
    "party": "/filing/portal/",
}

STAFF_USERNAMES = [f"{court}_{role}" for court in ("wg", "gc") for role in list(ALLOWED)[:6]]
PORTAL_USERNAMES = {"lawyer": "lawyer", "intern": "intern_lawyer", "party": "party"}


def role_key(username: str) -> str:
    return PORTAL_USERNAMES.get(username) or username.split("_", 1)[1]


def test_every_role_has_a_group_with_its_permissions(db):
    for role in ROLES:
        group = Group.objects.get(name=role.group_name)
        granted = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert set(role.permissions) <= granted


def test_role_sync_is_idempotent(db):
    before = {g.name: g.permissions.count() for g in Group.objects.all()}
    sync_role_groups()
    assert {g.name: g.permissions.count() for g in Group.objects.all()} == before


def test_demo_users_cover_every_role_in_both_courts(demo_users):
    for role in ROLES:
        holders = [u for u in demo_users.values() if u.groups.filter(name=role.group_name).exists()]
        if role.staff:
            assert {u.court.name for u in holders} == {"舞钢市人民法院", "济南市钢城区人民法院"}, role.key
        else:
            assert holders and all(u.court is None for u in holders), role.key


@pytest.mark.parametrize("username", STAFF_USERNAMES + list(PORTAL_USERNAMES))
def test_each_demo_user_signs_in_and_lands_on_their_home(client, demo_users, demo_password, username):
    response = client.post(reverse("login"), {"username": username, "password": demo_password}, follow=True)
    key = role_key(username)
    assert response.redirect_chain[-1][0] == HOME[key]
    assert response.status_code == 200
    page = response.content.decode()
    user = demo_users[username]
    if user.court is not None:
        other = "济南市钢城区人民法院" if user.court.name == "舞钢市人民法院" else "舞钢市人民法院"
        assert user.court.name in page
        assert other not in page


@pytest.mark.parametrize("username", STAFF_USERNAMES + list(PORTAL_USERNAMES))
def test_each_demo_user_reaches_only_their_own_pages(client, demo_users, username):
    client.force_login(demo_users[username])
    allowed = ALLOWED[role_key(username)]
    for page, url_name in PAGES.items():
        response = client.get(reverse(url_name))
        if page in allowed:
            assert response.status_code == 200, (username, page)
        elif page == "admin":
            assert response.status_code == 302 and "/admin/login/" in response["Location"], username
        else:
            assert response.status_code == 403, (username, page)
            assert (NOT_YOUR_ROLE if page != "portal" else PORTAL_ONLY) in response.content.decode()


def test_staff_without_a_court_is_told_why(client, db):
    clerk = UserFactory(court=None, role=CLERK)
    client.force_login(clerk)
    response = client.get(reverse("filing:counter"))
    assert response.status_code == 403
    assert NO_COURT in response.content.decode()


def test_court_staff_with_a_portal_role_is_kept_out_of_the_portal(client, db):
    client.force_login(UserFactory(role=LAWYER))
    assert client.get(reverse("filing:portal")).status_code == 403


def test_a_person_with_no_role_is_told_so(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("home"), follow=True)
    assert "尚未分配岗位" in response.content.decode()


def test_visitors_are_sent_to_the_login_page(client, db):
    for url_name in ("home", "filing:counter", "overview", "hotline:home"):
        response = client.get(reverse(url_name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_court_admin_sees_only_their_own_court(client, demo_users):
    client.force_login(demo_users["wg_sysadmin"])
    users_page = client.get(reverse("admin:courthall_user_changelist")).content.decode()
    assert "wg_clerk" in users_page
    assert "gc_clerk" not in users_page
    courts_page = client.get(reverse("admin:courthall_court_changelist")).content.decode()
    assert "舞钢市人民法院" in courts_page
    assert "济南市钢城区人民法院" not in courts_page

    other_clerk = demo_users["gc_clerk"]
    response = client.get(reverse("admin:courthall_user_change", args=[other_clerk.pk]), follow=True)
    assert "gc_clerk" not in response.content.decode().split("<main", 1)[-1].split("</main>")[0] or (
        response.redirect_chain and response.redirect_chain[-1][0] == reverse("admin:index")
    )
    other_department = demo_users["gc_clerk"].department
    response = client.post(
        reverse("admin:courthall_department_change", args=[other_department.pk]),
        {"court": other_department.court_id, "name": "被篡改", "kind": "filing"},
    )
    other_department.refresh_from_db()
    assert other_department.name == "立案庭（诉讼服务中心）"


def test_court_admin_can_correct_the_court_code(client, demo_users):
    # DOMAIN.md §2: 鲁0117 is unverified; the court's own administrator must be able to correct it.
    client.force_login(demo_users["gc_sysadmin"])
    court = demo_users["gc_sysadmin"].court
    versions_before = court.history.count()
    response = client.post(
        reverse("admin:courthall_court_change", args=[court.pk]),
        {
            "name": court.name,
            "code": "鲁1203",
            "province": "鲁",
            "address": court.address,
            "hotline_phone": "12368",
            "complaint_phone": "",
            "supervision_phone": court.supervision_phone,
            "fee_account_name": "",
            "fee_account_bank": "",
            "fee_account_number": "",
        },
    )
    assert response.status_code == 302
    court.refresh_from_db()
    assert court.code == "鲁1203"
    assert court.history.count() == versions_before + 1
    assert court.history.first().code == "鲁1203"


def test_national_tables_are_read_only_for_a_court_admin(client, demo_users):
    # The holiday table and the case-type catalogue are shared by every court on the server.
    client.force_login(demo_users["wg_sysadmin"])
    assert client.get(reverse("admin:courthall_holiday_changelist")).status_code == 200
    assert client.get(reverse("admin:courthall_holiday_add")).status_code == 403
    assert client.get(reverse("admin:filing_casetype_changelist")).status_code == 200
    assert client.get(reverse("admin:filing_casetype_add")).status_code == 403


def test_checklists_and_causes_are_kept_in_the_admin(admin_client, reference_data):
    from filing.models import CaseType

    civil = CaseType.objects.get(code="民初")
    page = admin_client.get(reverse("admin:filing_casetype_change", args=[civil.pk])).content.decode()
    assert "起诉状" in page and "每名被告另加一份" in page
    causes = admin_client.get(reverse("admin:filing_causeofaction_changelist")).content.decode()
    assert "民间借贷纠纷" in causes
