"""A party whose account a clerk opened at the counter sets a first password in Chromium and signs in."""

import re

import pytest

from courthall.accounts.services import portal_party_account_open
from courthall.accounts.views import PASSWORD_SET
from courthall.models import SmsMessage
from tests.browser.conftest import COUNTER_SCREEN
from tests.browser.test_sign_in import sign_in

pytestmark = pytest.mark.browser

MOBILE = "13912345678"
PASSWORD = "Hongqi-2026-qu"


def test_a_party_opened_at_the_counter_sets_a_password_and_signs_in(page, demo_users, screenshot):
    portal_party_account_open(
        full_name="孙二娘", id_number="410423198807150018", mobile=MOBILE, clerk=demo_users["wg_clerk"]
    )
    welcome = SmsMessage.objects.get(mobile=MOBILE, purpose="窗口协助开通账号").text
    assert "忘记密码 / 首次设置密码" in welcome

    page.goto("/login/")
    page.get_by_role("link", name="忘记密码 / 首次设置密码").click()
    page.wait_for_url("**/accounts/password/")
    page.get_by_label("手机号码").fill(MOBILE)
    assert page.evaluate("document.documentElement.scrollWidth") <= COUNTER_SCREEN["width"]
    screenshot("password_reset")
    page.get_by_role("button", name="获取短信验证码").click()

    page.wait_for_url("**/accounts/password/confirm/")
    assert "如该手机号已注册，验证码已发送至 139****5678" in page.locator("main").inner_text()
    text = SmsMessage.objects.filter(mobile=MOBILE).latest("pk").text
    page.get_by_label("短信验证码").fill(re.search(r"验证码为 (\d{6})", text).group(1))
    page.get_by_label("新密码", exact=True).fill(PASSWORD)
    page.get_by_label("再次输入新密码").fill("Hongqi-2026-qv")
    page.get_by_role("button", name="设置密码").click()
    page.get_by_text("两次输入的密码不一致。").wait_for()
    page.get_by_label("新密码", exact=True).fill(PASSWORD)
    page.get_by_label("再次输入新密码").fill(PASSWORD)
    assert page.evaluate("document.documentElement.scrollWidth") <= COUNTER_SCREEN["width"]
    screenshot("password_reset_confirm")
    page.get_by_role("button", name="设置密码").click()

    page.wait_for_url("**/login/")
    assert PASSWORD_SET in page.get_by_role("alert").first.inner_text()
    screenshot("password_reset_done")
    assert "密码已于" in SmsMessage.objects.filter(mobile=MOBILE).latest("pk").text

    sign_in(page, MOBILE, PASSWORD)
    page.wait_for_url("**/filing/portal/")
    assert "孙二娘" in page.locator("header").inner_text()
