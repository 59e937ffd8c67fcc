"""The clerk's list 逾期未交费 (按撤诉处理待决定) in Chromium, and the ruling from it.

The filings are registered in the past (time travelled) so their limits crossed the National Day holiday
of 2026 (DOMAIN §4); the live server then runs on the real clock, after every limit.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from filing.services.filings import filing_register
from filing.services.relief import ReliefInput, relief_apply
from tests.browser.test_counter_journey import courts_ready, pdf_text  # noqa: F401
from tests.browser.test_sign_in import sign_in
from tests.filing.conftest import civil_filing

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("courts_ready")]

SHANGHAI = ZoneInfo("Asia/Shanghai")
SCREEN_WIDTH = 1366


def registered_on(clerk, day: str, **overrides):
    with time_machine.travel(datetime.fromisoformat(f"{day}T10:00").replace(tzinfo=SHANGHAI), tick=False):
        return filing_register(filing=civil_filing(clerk, **overrides), user=clerk)


def test_the_unpaid_list_leads_to_the_ruling(page, courts_ready, demo_password, screenshot):  # noqa: F811
    clerk = courts_ready["wg_clerk"]
    earliest = registered_on(clerk, "2026-09-24")  # 10-01 falls in the holiday: the limit is 10-08
    later = registered_on(clerk, "2026-10-20", amount="50000")
    paused = registered_on(clerk, "2026-09-28")
    with time_machine.travel(datetime(2026, 9, 29, 10, tzinfo=SHANGHAI), tick=False):
        relief_apply(
            filing=paused,
            user=clerk,
            data=ReliefInput(
                applicant_id=paused.parties.get(role="plaintiff").pk,
                kind="waive",
                ground="45_3",
                statement="低保对象",
                proof="低保证明",
            ),
        )

    sign_in(page, "wg_clerk", demo_password)
    page.wait_for_url("**/filing/counter/")
    page.goto("/filing/filings/unpaid/")
    table = page.get_by_role("region", name="逾期未交费的案件")
    rows = table.locator("tbody tr").all_inner_texts()
    assert [earliest.case_number in rows[0], later.case_number in rows[1]] == [True, True]
    assert len(rows) == 2  # the application pending pauses the third
    assert "2026年10月8日" in rows[0] and "3,300.00" in rows[0]
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN_WIDTH
    screenshot("unpaid_list")

    table.locator("tbody tr").first.get_by_role("link", name="决定").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/unpaid/$"))
    page.get_by_label("裁定按撤诉处理").check()
    screenshot("unpaid_decide")
    page.get_by_role("button", name="确认").click()
    page.wait_for_url("**/filing/filings/unpaid/")
    assert "已裁定按撤诉处理" in page.locator(".alert").first.inner_text()
    assert page.get_by_role("region", name="逾期未交费的案件").locator("tbody tr").count() == 1

    page.goto(f"/filing/filings/{earliest.pk}/")
    assert "按撤诉处理" in page.locator("h1").inner_text()
    screenshot("unpaid_treated_as_withdrawn_detail")
