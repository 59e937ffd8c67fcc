"""Automatic assignment (自动分案) in Chromium, on the demo courts: a case registered at the window is on the
civil judge's 我的案件 at once, marked 新; the supervisor sees why it went to that judge and reassigns it
with a written reason; both are on the timeline."""

import re

import pytest

from filing.services.filings import filing_register
from tests.browser.test_counter_journey import courts_ready  # noqa: F401
from tests.browser.test_sign_in import sign_in
from tests.filing.conftest import civil_filing

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("courts_ready")]

SCREEN_WIDTH = 1366


def test_a_registered_case_reaches_the_judge_and_is_reassigned(page, demo_users, demo_password, screenshot):
    filing = filing_register(filing=civil_filing(demo_users["wg_clerk"]), user=demo_users["wg_clerk"])

    sign_in(page, "wg_judge", demo_password)
    page.wait_for_url("**/filing/cases/")
    row = page.locator("#my-cases tbody tr").first
    assert filing.case_number in row.inner_text() and "新" in row.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN_WIDTH
    screenshot("assignment_my_cases")
    row.get_by_role("link", name=filing.case_number).click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/$"))
    panel = page.get_by_role("region", name="承办法官")
    assert "赵志强" in panel.inner_text() and "民事审判庭" in panel.inner_text()
    assert panel.get_by_role("link", name="改分").count() == 0
    page.goto("/filing/cases/")
    assert "新" not in page.locator("#my-cases tbody tr").first.locator("td").first.inner_text()
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/login/")

    sign_in(page, "wg_supervisor", demo_password)
    page.wait_for_url("**/overview/")
    page.goto(f"/filing/filings/{filing.pk}/")
    panel = page.get_by_role("region", name="承办法官")
    assert "候选法官" in panel.inner_text() and "随机种子" in panel.inner_text()
    screenshot("assignment_detail_supervisor")
    panel.get_by_role("link", name="改分").click()
    page.get_by_label("承办法官").select_option(str(demo_users["wg_enf_judge"].pk))
    page.get_by_label("理由").fill("赵志强法官系原告近亲属，依法回避。")
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN_WIDTH
    screenshot("assignment_reassign_form")
    page.get_by_role("button", name="确认改分").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/$"))
    assert "孙立军" in page.get_by_role("region", name="承办法官").inner_text()
    timeline = page.get_by_role("region", name="流程记录").inner_text()
    assert "自动分案：承办法官 赵志强" in timeline and "改分：由 赵志强 改由 孙立军 承办" in timeline
    screenshot("assignment_detail_reassigned")
