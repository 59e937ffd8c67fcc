"""Pre-filing mediation in Chromium: the clerk sends a received filing to mediation with the party's consent,
looks at the mediation panel, and a supervisor sees the court's list with an overdue mediation in red; the
clerk registers that one with one click from the list (钢城承诺六: 严禁无故超期诉前调解).

The live server runs on the real clock: the overdue mediation is made two months back (time_machine only
around its creation), the one sent through the browser is today's.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from courthall.models import User
from filing.models import ConsentMethod, Filing, FilingState, MediatorKind
from filing.services import mediation as services
from filing.services.mediation import MediatorInput
from tests.browser.test_counter_journey import courts_ready  # noqa: F401
from tests.browser.test_sign_in import sign_in
from tests.filing.conftest import civil_filing

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("courts_ready")]

SCREEN_WIDTH = 1366


def test_mediation_panel_and_the_list_with_an_overdue_row(page, demo_password, screenshot):
    clerk = User.objects.get(username="wg_clerk")
    with time_machine.travel(timezone.now() - timedelta(days=60), tick=False):
        late = civil_filing(clerk)
        services.mediation_start(
            filing=late,
            user=clerk,
            mediator=MediatorInput(name="舞钢市人民调解委员会", kind=MediatorKind.ORGANISATION),
            consent_by="原告张三",
            consent_method=ConsentMethod.SIGNED_FORM,
        )
    fresh = civil_filing(clerk)

    sign_in(page, "wg_clerk", demo_password)
    page.wait_for_url("**/filing/counter/")
    page.goto(f"/filing/filings/{fresh.pk}/")
    page.get_by_role("region", name="办理").get_by_role("link", name="诉前调解").click()
    page.wait_for_url("**/mediation/")
    page.get_by_label("同意调解的当事人").fill("原告张三")
    page.get_by_label("同意方式").select_option(label="当事人在窗口签署书面同意书")
    page.get_by_label("调解人姓名或名称").fill("王明")
    page.get_by_label("调解人类型").select_option(label="特邀调解员")
    page.get_by_label("调解人联系方式").fill("13900001111")
    screenshot("mediation_start")
    page.get_by_role("button", name="转诉前调解").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/$"))
    panel = page.get_by_role("region", name=re.compile("诉前调解"))
    number = page.locator("#mediation-number").inner_text().strip()
    assert re.fullmatch(rf"（{timezone.localdate().year}）豫0481民诉前调\d+号", number)
    assert "王明" in panel.inner_text() and "调解中" in panel.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN_WIDTH
    screenshot("mediation_panel")

    page.context.clear_cookies()
    sign_in(page, "wg_supervisor", demo_password)
    page.wait_for_url("**/overview/")
    page.goto("/filing/mediations/")
    late_row = page.locator(f"#mediation-{late.mediation.pk}")
    assert "table-danger" in late_row.get_attribute("class")
    assert "已超期" in late_row.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN_WIDTH
    screenshot("mediation_list_supervisor")

    page.context.clear_cookies()
    sign_in(page, "wg_clerk", demo_password)
    page.wait_for_url("**/filing/counter/")
    page.goto("/filing/mediations/")
    page.locator(f"#mediation-{late.mediation.pk}").get_by_role("button", name="转立案").click()
    page.wait_for_url("**/filing/mediations/")
    assert "已转立案" in page.get_by_role("alert").first.inner_text()
    screenshot("mediation_list_after_registration")
    registered = Filing.objects.get(pk=late.pk)
    assert registered.state == FilingState.REGISTERED and not registered.registered_first
