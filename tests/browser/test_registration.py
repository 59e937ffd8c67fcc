"""A lawyer registers in Chromium with a photo of the licence and the SMS code; a clerk verifies the copy."""

import re

import pytest
from PIL import Image

from courthall.models import PortalAccount, SmsMessage
from tests.browser.conftest import COUNTER_SCREEN
from tests.browser.test_sign_in import sign_in

pytestmark = pytest.mark.browser

MOBILE = "13812345678"


@pytest.fixture
def licence_photo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "执业证.png"
    image = Image.new("RGB", (640, 420), "#f3efe2")
    image.paste(Image.new("RGB", (600, 60), "#9f1c1c"), (20, 20))
    image.save(path)
    return path


def test_lawyer_registers_and_a_clerk_verifies_the_licence(
    page, demo_users, demo_password, licence_photo, screenshot
):
    page.goto("/login/")
    page.get_by_role("link", name="注册账号").click()
    page.wait_for_url("**/accounts/register/")
    screenshot("register_choose")

    page.get_by_role("link", name="注册律师账号").click()
    page.get_by_label("真实姓名").fill("钱多多")
    page.get_by_label("身份证号码").fill("410423198807150018")
    page.get_by_label("手机号码").fill(MOBILE)
    page.get_by_label("执业机构（律师事务所）").fill("河南某某律师事务所")
    page.get_by_label("律师执业证号").fill("14104201510000099")
    page.get_by_label("律师执业证（照片或扫描件）").set_input_files(licence_photo)
    page.get_by_label("设置密码").fill("Hongqi-2026-qu")
    page.get_by_label("再次输入密码").fill("Hongqi-2026-qu")
    assert page.evaluate("document.documentElement.scrollWidth") <= COUNTER_SCREEN["width"]
    screenshot("register_lawyer")
    page.get_by_role("button", name="获取短信验证码").click()

    page.wait_for_url("**/accounts/register/confirm/")
    assert "138****5678" in page.locator("main").inner_text()
    code = re.search(r"验证码为 (\d{6})", SmsMessage.objects.get(mobile=MOBILE).text).group(1)
    page.get_by_label("短信验证码").fill(code)
    screenshot("register_confirm")
    page.get_by_role("button", name="完成注册").click()
    page.wait_for_url("**/filing/portal/")
    assert "注册成功" in page.get_by_role("alert").first.inner_text()
    page.get_by_role("button", name="退出登录").click()

    sign_in(page, "wg_clerk", demo_password)
    page.get_by_role("link", name="律师核验").click()
    page.wait_for_url("**/accounts/verification/")
    assert "不得要求提交证件原件" in page.locator("main").inner_text()
    image = page.get_by_role("img", name="律师执业证复印件")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 640
    assert page.evaluate("document.documentElement.scrollWidth") <= COUNTER_SCREEN["width"]
    screenshot("verification")

    page.get_by_role("button", name="核验通过").click()
    page.get_by_text("已核验通过：钱多多（律师）").wait_for()
    account = PortalAccount.objects.get(user__username=MOBILE)
    assert account.verified_by == demo_users["wg_clerk"] and account.can_submit
    screenshot("verification_done")
