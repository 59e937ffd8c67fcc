"""A party works out the court fee in Chromium before coming to the hall: no account, no JavaScript needed."""

import pytest

from filing.fees import NOT_A_NUMBER

pytestmark = pytest.mark.browser


def test_party_works_out_the_fee_of_a_property_case(page, db, screenshot):
    page.goto("/fees/")
    assert page.get_by_role("heading", name="诉讼费计算器").is_visible()
    assert page.get_by_label("法院所在省份").input_value() == "豫"

    page.get_by_label("案件或申请类别").select_option(label="财产案件")
    page.get_by_label("金额", exact=True).fill("150000")
    page.get_by_role("button", name="计算").click()
    page.wait_for_url("**/fees/?*kind=property*")

    total = page.locator("[data-fee-total]")
    assert total.get_attribute("data-fee-total") == "3300.00"
    assert total.inner_text() == "3,300.00"
    assert total.is_visible()
    result = page.get_by_role("region", name="计算结果").inner_text()
    assert "90,000.00 元 × 2.5%" in result
    assert "交纳诉讼费用通知书为准" in result
    # The form keeps what the party chose, so a second try changes one thing only.
    assert page.get_by_label("金额", exact=True).input_value() == "150000"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot("fee_calculator")


def test_party_is_told_what_to_correct(page, db, screenshot):
    page.goto("/fees/")
    page.get_by_label("案件或申请类别").select_option(label="财产案件")
    page.get_by_label("金额", exact=True).fill("十五万")
    page.get_by_role("button", name="计算").click()
    page.wait_for_url("**/fees/?*")

    alert = page.get_by_role("alert")
    alert.wait_for()
    assert NOT_A_NUMBER.format(field="金额") in alert.inner_text()
    assert page.locator("[data-fee-total]").count() == 0
    screenshot("fee_calculator_error")
