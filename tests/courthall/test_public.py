"""The public pages (no login): each court's service commitments with the figures achieved over the last
30 days, the complaint and supervision channels, and the large-text switch (适老化)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from courthall.commitments import Achievement, Commitment, register, registered, unregister
from courthall.models import User
from courthall.public import TEXT_COOKIE
from courthall.roles import CLERK, LAWYER, SUPERVISOR
from tests.factories import CourtFactory, PortalUserFactory, UserFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 18, 10, 0, tzinfo=SHANGHAI)
LIST_PATH = "/admin/courthall/user/"


def staff_joined(*, court_id, period) -> Achievement:
    """A commitment the test can count by hand: of the court's staff who joined in the period, how many are
    active. It reads real rows over the period, as the apps' measures do."""
    joined = User.objects.filter(
        court_id=court_id, date_joined__date__gte=period.start_on, date_joined__date__lte=period.end_on
    )
    return Achievement(
        met=joined.filter(is_active=True).count(),
        total=joined.count(),
        list_url=f"{LIST_PATH}?court={court_id}",
    )


@pytest.fixture
def only_these_commitments():
    """Empty the registry (the apps register theirs once merged), put it back afterwards."""
    before = registered()
    for commitment in before:
        unregister(commitment.key)
    yield register
    for commitment in registered():
        unregister(commitment.key)
    for commitment in before:
        register(commitment)


@pytest.fixture
def staff_commitment(only_these_commitments):
    only_these_commitments(
        Commitment(
            key="test.staff_joined",
            order=1,
            title="新到岗人员当天开通账号",
            promise="新同事到岗当天就能登录办理业务。",
            source="测试条款第一条",
            measure=staff_joined,
        )
    )


@pytest.fixture
def court(db):
    return CourtFactory(
        name="舞阳测试法院",
        address="河南省舞钢市测试路1号",
        hotline_phone="12368",
        supervision_phone="0375-8000000",
    )


def joined(court, days_ago: int, *, active: bool = True) -> User:
    return UserFactory(court=court, is_active=active, date_joined=NOW - timedelta(days=days_ago))


@time_machine.travel(NOW, tick=False)
def test_a_visitor_reads_each_commitment_with_its_figure_for_the_last_30_days(
    client, court, staff_commitment, django_assert_max_num_queries
):
    joined(court, 0)  # today: in
    joined(court, 29)  # 17 February, the first of the 30 days: in
    joined(court, 10, active=False)  # in, but not met
    joined(court, 30)  # 16 February: one day before the period
    joined(CourtFactory(), 3)  # another court's
    # Of the three in the period two are met: 2/3 = 66.7%.
    with django_assert_max_num_queries(3):  # the court, and the measure's two counts
        response = client.get(reverse("commitments", args=[court.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "舞阳测试法院诉讼服务承诺" in html
    assert "新到岗人员当天开通账号" in html and "新同事到岗当天就能登录办理业务。" in html
    assert "依据：测试条款第一条" in html
    assert "66.7%（2/3）" in html
    assert "2026年2月17日至2026年3月18日" in html
    assert LIST_PATH not in html  # the public sees no lists


@time_machine.travel(NOW, tick=False)
def test_a_court_with_nothing_to_measure_says_so(client, court, staff_commitment):
    html = client.get(reverse("commitments", args=[court.pk])).content.decode()
    assert "本期无此类事项" in html and "%（" not in html


def test_the_page_says_plainly_when_no_commitment_is_registered(client, court, only_these_commitments):
    html = client.get(reverse("commitments", args=[court.pk])).content.decode()
    assert "本院的服务承诺尚未接入本系统，暂时没有可以公布的数字。" in html
    assert "投诉与监督渠道" in html


def test_the_channels_and_what_is_not_published(client, court, only_these_commitments):
    html = client.get(reverse("commitments", args=[court.pk])).content.decode()
    assert '<dd class="col-sm-8 col-lg-9" id="channel-hotline">12368</dd>' in html
    assert '<dd class="col-sm-8 col-lg-9" id="channel-supervision">0375-8000000</dd>' in html
    assert (
        '<dd class="col-sm-8 col-lg-9" id="channel-complaint">未公布</dd>' in html
    )  # no complaint phone stored
    assert "河南省舞钢市测试路1号" in html
    assert "意见箱" in html and "专人负责处理群众投诉" in html  # 舞钢规范第九条 3.


def test_an_unknown_court_is_a_chinese_404(client, db):
    response = client.get(reverse("commitments", args=[987654]))
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_only_that_courts_supervisor_follows_the_figure_to_its_list(client, court, staff_commitment):
    joined(court, 1)
    url = reverse("commitments", args=[court.pk])
    link = f'<a href="{LIST_PATH}?court={court.pk}"'
    long_ago = NOW - timedelta(days=400)  # the people looking joined long before the period: 1 of 1
    outsiders = (
        UserFactory(role=SUPERVISOR, date_joined=long_ago),  # another court's supervisor
        UserFactory(court=court, role=CLERK, date_joined=long_ago),
        PortalUserFactory(role=LAWYER, date_joined=long_ago),
    )
    for outsider in outsiders:
        client.force_login(outsider)
        html = client.get(url).content.decode()
        assert "100.0%（1/1）" in html and link not in html, outsider
    client.force_login(UserFactory(court=court, role=SUPERVISOR, date_joined=long_ago))
    html = client.get(url).content.decode()
    assert f"{link} " in html and "100.0%（1/1）</a>" in html


def test_the_index_lists_the_courts_and_the_login_page_links_to_it(client, court):
    html = client.get(reverse("courts")).content.decode()
    assert f'href="{reverse("commitments", args=[court.pk])}"' in html and "舞阳测试法院" in html
    assert f'href="{reverse("courts")}"' in client.get(reverse("login")).content.decode()


def test_the_text_size_switch_sets_the_cookie_and_goes_back(client, db):
    response = client.post(reverse("text_size"), {"size": "large", "next": "/courts/?x=1"})
    assert response.status_code == 302 and response["Location"] == "/courts/?x=1"
    cookie = response.cookies[TEXT_COOKIE]
    assert cookie.value == "large" and cookie["max-age"] == 365 * 24 * 3600
    assert cookie["samesite"] == "Lax" and cookie["path"] == "/"
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="zh-Hans" class="ch-large">' in html and "标准模式" in html

    response = client.post(reverse("text_size"), {"size": "standard", "next": "/login/"})
    assert response["Location"] == "/login/" and response.cookies[TEXT_COOKIE]["max-age"] == 0
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="zh-Hans">' in html and "大字模式" in html


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""])
def test_the_text_size_switch_never_sends_anyone_off_site(client, db, next_url):
    response = client.post(reverse("text_size"), {"size": "large", "next": next_url})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(reverse("text_size")).status_code == 405


def test_the_switch_is_on_the_portal_but_not_on_staff_screens(client, db):
    client.cookies[TEXT_COOKIE] = "large"
    client.force_login(PortalUserFactory(role=LAWYER))
    html = client.get(reverse("filing:portal")).content.decode()
    assert 'class="ch-large"' in html and "data-text-size" in html
    client.force_login(UserFactory(role=CLERK))
    html = client.get(reverse("filing:counter")).content.decode()
    assert 'class="ch-large"' not in html and "data-text-size" not in html
