import os
import re
import subprocess
import sys

from django.conf import settings
from django.urls import reverse

from courthall.forms import INVALID_LOGIN


def test_login_page_is_in_chinese(client, db):
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="zh-Hans">' in page
    assert "诉讼服务中心" in page
    assert "用户名" in page and "密码" in page


def test_wrong_password_and_unknown_user_get_the_same_answer(client, demo_users):
    wrong_password = client.post(reverse("login"), {"username": "wg_clerk", "password": "wrong"})
    unknown_user = client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    for response in (wrong_password, unknown_user):
        assert response.status_code == 200
        assert INVALID_LOGIN in response.content.decode()
        assert "_auth_user_id" not in client.session

    # Apart from the echoed username and the per-response CSRF tokens, the two pages are the same.
    def comparable(response, username: str) -> str:
        return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode()).replace(username, "")

    assert comparable(wrong_password, "wg_clerk") == comparable(unknown_user, "nobody")


def test_inactive_user_is_refused_like_a_wrong_password(client, demo_users, demo_password):
    clerk = demo_users["wg_clerk"]
    clerk.is_active = False
    clerk.save()
    response = client.post(reverse("login"), {"username": "wg_clerk", "password": demo_password})
    assert INVALID_LOGIN in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(client, demo_users):
    client.force_login(demo_users["wg_clerk"])
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("filing:counter")).status_code == 302


def test_home_pages_say_what_will_appear(client, demo_users):
    client.force_login(demo_users["wg_clerk"])
    page = client.get(reverse("filing:counter")).content.decode()
    assert "立案窗口" in page
    assert "一次性全面告知" in page
    assert "张敏" in page


def test_healthz_answers_with_one_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("healthz"))
    assert response.content == b"ok"


def test_admin_speaks_chinese(client, demo_users):
    client.force_login(demo_users["wg_sysadmin"])
    page = client.get(reverse("admin:index")).content.decode()
    assert "诉讼服务中心 · 系统管理" in page
    assert "法院" in page and "部门" in page


def start_django(**env_overrides: str) -> subprocess.CompletedProcess:
    """Start Django in a new process with the given environment, as a server would."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env.update(env_overrides, DJANGO_SETTINGS_MODULE="courthall.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_the_development_secret_key():
    refused = start_django(DEBUG="false")
    assert refused.returncode != 0
    assert "SECRET_KEY" in refused.stderr and "开发用密钥" in refused.stderr

    production_key = "a-real-production-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    started = start_django(DEBUG="false", SECRET_KEY=production_key)
    assert started.returncode == 0, started.stderr


def test_the_supervisors_overview_leads_to_every_list_they_answer_for(client, demo_users):
    """Each link of 监督总览 opens for the supervisor (no 403 or 404 behind a button on their home page)."""
    client.force_login(demo_users["wg_supervisor"])
    page = client.get(reverse("overview")).content.decode()
    nav = page[page.index('aria-label="已上线"') :]
    links = re.findall(r'href="(/[^"]+)"', nav[: nav.index("</nav>")])
    assert len(links) == 4  # 退费审批 is in the navigation itself; + hotline panel and staffing (issue 6)
    for link in links:
        assert client.get(link).status_code == 200, link
