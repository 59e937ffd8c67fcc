"""A supervisor opens the overview in Chromium, drills into an overdue figure and takes the list away
as Excel: the panels arrive by htmx, the number opens the very rows it counts, the file holds them."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone

from courthall.models import Court
from filing.models import FilingState
from tests.browser.test_sign_in import sign_in
from tests.filing.factories_overview import FilingFactory

pytestmark = pytest.mark.browser


def overdue_filing(court, *, days_ago: int, due_days_ago: int, state=FilingState.UNDER_REVIEW):
    received = timezone.now() - timedelta(days=days_ago)
    return FilingFactory(
        court=court,
        state=state,
        received_at=received,
        decision_due_on=timezone.localdate() - timedelta(days=due_days_ago),
    )


def test_a_supervisor_drills_into_an_overdue_figure_and_exports_it(
    page, demo_users, demo_password, screenshot
):
    wugang = Court.objects.get(name="舞钢市人民法院")
    gangcheng = Court.objects.get(name="济南市钢城区人民法院")
    late = [
        overdue_filing(wugang, days_ago=12, due_days_ago=4),
        overdue_filing(wugang, days_ago=9, due_days_ago=1),
    ]
    overdue_filing(wugang, days_ago=2, due_days_ago=-5)  # still inside its limit
    overdue_filing(wugang, days_ago=20, due_days_ago=12, state=FilingState.REGISTERED)  # decided: not overdue
    overdue_filing(gangcheng, days_ago=12, due_days_ago=4)  # another court's

    sign_in(page, "wg_supervisor", demo_password)
    page.wait_for_url("**/overview/")
    panel = page.locator("#panel-filing")
    panel.wait_for()  # swapped in by htmx
    for name in ("12368 热线", "大厅值守", "年底立案监测", "首接负责"):
        assert page.get_by_role("heading", name=name).first.is_visible(), name
    figure = panel.locator('[data-figure="overdue_statutory"]')
    assert figure.inner_text() == "2"
    page.locator(".ch-echart svg").first.wait_for()  # ECharts drew the chart
    screenshot("overview_supervisor")

    figure.click()
    page.wait_for_url("**/overview/list/**")
    assert page.get_by_role("heading", name="超过法定审查期限未决").is_visible()
    rows = page.locator("#figure-rows tbody tr")
    assert rows.count() == 2
    # Ordered by the limit: the one that ran out first comes first.
    assert f"收件 {late[0].pk}" in rows.nth(0).inner_text()
    assert f"收件 {late[1].pk}" in rows.nth(1).inner_text()
    screenshot("overview_drill_down")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="导出 Excel").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(download.path().read_bytes())).active
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][0] == "案号或收件号"
    assert [row[0] for row in table[1:]] == [f"收件 {late[0].pk}", f"收件 {late[1].pk}"]
    assert table[1][-1] == (timezone.localdate() - timedelta(days=4)).isoformat()
