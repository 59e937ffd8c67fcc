"""The first minute of a working day, in Chromium: sign in, land on one's own home page, sign out."""

import pytest

from courthall.forms import INVALID_LOGIN

pytestmark = pytest.mark.browser


def sign_in(page, username: str, password: str) -> None:
    page.goto("/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.keyboard.press("Enter")


def test_clerk_signs_in_to_the_counter_and_out_again(page, demo_users, demo_password, screenshot):
    page.goto("/")
    assert page.title().startswith("登录")
    screenshot("login")

    sign_in(page, "wg_clerk", demo_password)
    page.wait_for_url("**/filing/counter/")
    assert page.get_by_role("heading", name="立案窗口").is_visible()
    header = page.locator("header").inner_text()
    assert "舞钢市人民法院" in header and "张敏" in header and "窗口工作人员" in header
    assert page.get_by_role("link", name="立案窗口").get_attribute("aria-current") == "page"
    # Nothing on the page may overflow the counter's 1366-pixel screen sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot("counter")

    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/login/")
    page.goto("/filing/counter/")
    assert "/login/" in page.url


def test_wrong_password_is_refused_in_chinese(page, demo_users):
    sign_in(page, "wg_clerk", "not-the-password")
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text().strip() == INVALID_LOGIN
    assert "/login/" in page.url


def test_lawyer_lands_on_the_portal_without_staff_pages(page, demo_users, demo_password, screenshot):
    sign_in(page, "lawyer", demo_password)
    page.wait_for_url("**/filing/portal/")
    nav = page.get_by_role("navigation", name="主导航").inner_text()
    assert "我的立案" in nav
    assert "立案窗口" not in nav and "监督总览" not in nav
    screenshot("portal")
