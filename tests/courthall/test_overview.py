"""The supervisors' overview: one period for the whole page, the apps' panels by URL name (htmx)."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import NoReverseMatch, reverse

from courthall import supervision, views
from courthall.roles import CLERK, SUPERVISOR
from tests.factories import CourtFactory, UserFactory

# A Wednesday in March 2026, 10:00 in the court's time zone.
NOW = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def resolves(url_name: str) -> bool:
    try:
        reverse(url_name)
    except NoReverseMatch:
        return False
    return True


def hx_gets(page: str) -> list[str]:
    return [url.replace("&amp;", "&") for url in re.findall(r'hx-get="([^"]+)"', page)]


@pytest.fixture
def supervisor(db):
    return UserFactory(role=SUPERVISOR)


@time_machine.travel(NOW, tick=False)
def test_every_panel_that_resolves_is_loaded_in_order_for_the_chosen_period(client, supervisor):
    """Whatever panels are merged, each one served appears once, in the page's order, with the period's
    query string; a name no app serves yet is left out without an error."""
    client.force_login(supervisor)
    page = client.get(reverse("overview"), {"from": "2026-03-01", "to": "2026-03-15", "compare": "last_year"})
    assert page.status_code == 200
    query = "from=2026-03-01&to=2026-03-15&compare=last_year&by=day"
    expected = [f"{reverse(name)}?{query}" for name, _ in views.OVERVIEW_PANELS if resolves(name)]
    assert hx_gets(page.content.decode()) == expected
    if not expected:
        assert "各业务板块尚未接入本页" in page.content.decode()


@time_machine.travel(NOW, tick=False)
def test_a_panel_is_swapped_in_on_load_with_a_plain_link_and_unknown_names_are_skipped(
    client, supervisor, monkeypatch
):
    # hotline:panel is on main; "nobody:panel" is served by no app.
    monkeypatch.setattr(
        views,
        "OVERVIEW_PANELS",
        (("nobody:panel", "未建"), ("hotline:panel", "12368 热线"), ("x:y", "又一个")),
    )
    client.force_login(supervisor)
    page = client.get(reverse("overview"), {"from": "2026-02-01", "to": "2026-03-18", "compare": "none"})
    html = page.content.decode()
    url = reverse("hotline:panel") + "?from=2026-02-01&to=2026-03-18&compare=none&by=day"
    assert hx_gets(html) == [url]
    section = html[html.index('id="hotline-panel"') :]
    section = section[: section.index("</section>")]
    assert 'hx-trigger="load"' in section and "正在加载…" in section
    assert f'href="{url.replace("&", "&amp;")}"' in section  # the full page, for a browser without JS
    assert "未建" not in html and "又一个" not in html
    assert client.get(url).status_code == 200  # the URL the panel is loaded from answers for the supervisor


@time_machine.travel(NOW, tick=False)
def test_the_period_form_and_the_quick_ranges(client, supervisor):
    client.force_login(supervisor)
    html = client.get(reverse("overview")).content.decode()
    # The default: the last 30 days ending today (18 March back to 17 February), against the 30 before.
    assert 'name="from" value="2026-02-17"' in html and 'name="to" value="2026-03-18"' in html
    assert '<option value="previous" selected>上一周期</option>' in html
    assert '<option value="day" selected>按日</option>' in html
    assert "2026年2月17日至2026年3月18日（30 天），对比2026年1月18日至2026年2月16日" in html
    # 今天, the last 7 days (12–18 March), this month (from the 1st), this year (from 1 January).
    for label, start_on in (
        ("今天", "2026-03-18"),
        ("最近7天", "2026-03-12"),
        ("本月", "2026-03-01"),
        ("本年", "2026-01-01"),
    ):
        assert f'href="?from={start_on}&amp;to=2026-03-18&amp;compare=previous">{label}</a>' in html
    assert 'href="?from=2026-02-17&amp;to=2026-03-18&amp;compare=previous">最近30天</a>' in html


@time_machine.travel(NOW, tick=False)
def test_a_bad_period_says_why_and_falls_back_to_the_last_30_days(client, supervisor, monkeypatch):
    monkeypatch.setattr(views, "OVERVIEW_PANELS", (("hotline:panel", "12368 热线"),))
    client.force_login(supervisor)
    response = client.get(reverse("overview"), {"from": "2026-03-40", "to": "2026-03-01", "by": "hour"})
    assert response.status_code == 200
    html = response.content.decode()
    assert supervision.BAD_DATE in html and 'role="alert"' in html
    assert 'name="from" value="2026-02-17"' in html
    assert hx_gets(html) == [
        reverse("hotline:panel") + "?from=2026-02-17&to=2026-03-18&compare=previous&by=day"
    ]
    reversed_range = client.get(reverse("overview"), {"from": "2026-03-10", "to": "2026-03-01"})
    assert supervision.REVERSED_RANGE in reversed_range.content.decode()


def test_another_courts_overview_is_refused_whether_or_not_it_exists(client, supervisor):
    client.force_login(supervisor)
    other = CourtFactory()
    for court in (other.pk, 987654):
        response = client.get(reverse("overview"), {"court": court})
        assert response.status_code == 403
        assert supervision.OTHER_COURT in response.content.decode()
    assert client.get(reverse("overview"), {"court": supervisor.court_id}).status_code == 200


def test_a_clerk_is_refused_and_a_visitor_is_sent_to_sign_in(client, db):
    client.force_login(UserFactory(role=CLERK))
    assert client.get(reverse("overview")).status_code == 403
    client.logout()
    response = client.get(reverse("overview"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_page_loads_the_chart_scripts_once_and_keeps_its_lists(
    client, supervisor, django_assert_max_num_queries
):
    client.force_login(supervisor)
    with django_assert_max_num_queries(8):
        html = client.get(reverse("overview")).content.decode()
    assert html.count("echarts.min.js") == 1 and html.count("js/charts.js") == 1
    assert reverse("filing:filing_unassigned") in html and reverse("hotline:staffing") in html
    assert "正在建设中" not in html
