"""An application for enforcement (执) at the window, in Chromium: the clerk takes the application with its
执行依据 (no certificate of effectiveness: 钢城承诺四), confirms on the filing page that the judgment took
effect, and registers it; the acceptance notice is the enforcement one and no fee notice is issued.

Nothing is frozen: the live server runs on the real clock, so the dates used lie well in the past.
"""

import re

import pytest
from django.utils import timezone

from tests.browser.test_counter_journey import courts_ready, documents, pdf_text  # noqa: F401
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("courts_ready")]

SCREEN_WIDTH = 1366


def test_an_application_for_enforcement_is_checked_then_registered(page, demo_password, screenshot):
    sign_in(page, "wg_clerk", demo_password)
    page.wait_for_url("**/filing/counter/")
    page.goto("/filing/filings/new/")
    page.get_by_label("案件类型").select_option(label="执（首次执行案件）")
    page.get_by_role("button", name="载入清单").click()
    page.get_by_role("heading", name="执行依据（生效法律文书）").wait_for()
    page.get_by_role("combobox", name="案由", exact=True).select_option(label="申请执行民事判决")
    page.get_by_label("申请执行金额（元）").fill("100000")
    page.get_by_label("申请执行事项").fill("强制被执行人李四支付借款本金100000元及利息。")
    page.get_by_label("文书种类").select_option(label="判决书")
    page.get_by_label("执行依据案号").fill("(2025)豫0481民初456号")
    page.get_by_label("作出法院（机构）").fill("舞钢市人民法院")
    page.get_by_label("生效日期").fill("2025-06-30")
    page.locator("#id_parties-0-name").fill("张三")
    page.locator("#id_parties-0-id_type").select_option("")
    page.locator("#id_parties-0-address").fill("河南省舞钢市垭口街道")
    page.locator("#id_parties-1-name").fill("李四")
    page.locator("#id_parties-1-id_type").select_option("")
    page.locator("#id_parties-1-address").fill("河南省平顶山市新华区")
    for material in ("申请执行书", "生效法律文书", "申请人身份证明"):
        page.get_by_role("checkbox", name=f"已收：{material}").check()
    page.get_by_label("提交材料人").fill("张三")
    materials = page.get_by_role("region", name="收到的材料").inner_text()
    assert "生效证明" not in materials.replace("无须提交生效证明", "")
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN_WIDTH
    screenshot("enforcement_new_filing")
    page.get_by_role("button", name="收件并出具收据").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/$"))

    # The filing page: the basis waits for the check; 立案 is not offered yet.
    basis = page.get_by_role("region", name="执行依据")
    assert "（2025）豫0481民初456号" in basis.inner_text() and "待核实" in basis.inner_text()
    assert page.get_by_role("link", name="当场立案").count() == 0
    assert page.locator("#register-waits").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN_WIDTH
    screenshot("enforcement_detail_unchecked")

    basis.get_by_label("已生效").check()
    assert basis.get_by_label("核实途径").input_value() == "own_system"  # this court's own judgment
    basis.get_by_label("核实情况说明").fill("本院审判系统显示该判决已于2025年6月30日生效")
    basis.get_by_role("button", name="确认生效").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/$"))
    assert "已记录：执行依据已生效" in page.get_by_role("alert").first.inner_text()
    assert "已生效" in page.locator("#effectiveness").inner_text()
    assert "核实执行依据" in page.get_by_role("region", name="流程记录").inner_text()
    screenshot("enforcement_detail_confirmed")

    page.get_by_role("link", name="当场立案", exact=True).click()
    page.wait_for_url("**/register/")
    assert "1,400.00 元" in page.locator("#fee-total").inner_text()  # 50 + 90,000 × 1.5%
    assert "受理执行案件通知书" in page.locator("main").inner_text()
    screenshot("enforcement_register_confirm")
    page.get_by_role("button", name="确认立案").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/$"))
    case_number = page.locator("#case-number").inner_text().strip()
    assert re.fullmatch(rf"（{timezone.localdate().year}）豫0481执\d+号", case_number)
    screenshot("enforcement_detail_registered")

    links = documents(page)
    assert set(links) == {"材料收据", "受理执行案件通知书"}
    text = pdf_text(page, links["受理执行案件通知书"])
    assert "你（单位）申请执行舞钢市人民法院（2025）豫0481民初456号判决书一案" in text
    assert case_number in text and "执行后交纳" in text and "无须另行提交法律文书生效证明" in text
