"""A visitor reads a court's service commitments in Chromium and switches to large text (适老化); a clerk
finds the focus by keyboard at the counter."""

import re

import pytest

from courthall.commitments import Achievement, Commitment, register, registered, unregister
from courthall.models import Court
from tests.browser.conftest import COUNTER_SCREEN
from tests.browser.test_sign_in import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def one_commitment():
    """Only a commitment of the test's own (the apps register theirs once merged), with a fixed figure:
    the page's arithmetic is checked in tests/courthall/test_public.py, here what a visitor sees."""
    before = registered()
    for commitment in before:
        unregister(commitment.key)

    def measure(*, court_id, period):
        return Achievement(met=197, total=200)

    register(
        Commitment(
            "test.receipts",
            1,
            "收到材料，当场出具收据",
            "您交来的每一份材料，当场给您收据。",
            "舞钢规范第五条",
            measure,
        )
    )
    yield
    unregister("test.receipts")
    for commitment in before:
        register(commitment)


def root_font_size(page) -> float:
    return float(page.evaluate("getComputedStyle(document.documentElement).fontSize").removesuffix("px"))


def test_a_visitor_reads_the_commitments_in_large_text(page, reference_data, one_commitment, screenshot):
    page.goto("/login/")
    page.get_by_role("link", name="服务承诺公开").first.click()
    page.wait_for_url("**/courts/")
    page.get_by_role("link", name="济南市钢城区人民法院").click()
    page.wait_for_url(re.compile(r"/courts/\d+/commitments/$"))
    assert page.get_by_role("heading", name="济南市钢城区人民法院诉讼服务承诺").is_visible()
    assert "98.5%（197/200）" in page.locator("[data-figure]").inner_text()
    assert page.locator("#channel-supervision").inner_text() == "0531-76881643"  # seed 002 二
    assert root_font_size(page) == 16
    screenshot("commitments_standard")

    page.get_by_role("button", name="大字模式").click()
    assert "ch-large" in page.evaluate("document.documentElement.className")
    assert root_font_size(page) == 20
    assert page.get_by_role("button", name="标准模式").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= COUNTER_SCREEN["width"]
    screenshot("commitments_large")

    page.reload()  # remembered by the browser, and drawn large by the server on the first paint
    assert "ch-large" in page.evaluate("document.documentElement.className")
    assert root_font_size(page) == 20
    page.get_by_role("button", name="标准模式").click()
    assert root_font_size(page) == 16
    page.reload()
    assert root_font_size(page) == 16


def test_without_javascript_the_switch_posts_and_comes_back(browser, live_server, reference_data):
    context = browser.new_context(
        viewport=COUNTER_SCREEN, locale="zh-CN", base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    court = Court.objects.get(name="舞钢市人民法院")
    page.goto(f"/courts/{court.pk}/commitments/")
    page.get_by_role("button", name="大字模式").click()
    page.wait_for_url(f"**/courts/{court.pk}/commitments/")
    assert 'class="ch-large"' in page.content() and root_font_size(page) == 20
    context.close()


def test_the_counter_by_keyboard_the_skip_link_and_a_visible_focus(page, demo_users, demo_password):
    sign_in(page, "wg_clerk", demo_password)
    page.wait_for_url("**/filing/counter/")
    page.goto("/filing/filings/queue/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    assert skip.evaluate("element => element === document.activeElement") and skip.is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the first control of the page itself, past the navigation
    focused = page.evaluate_handle("document.activeElement")
    assert focused.evaluate("element => element.closest('main') !== null")
    assert focused.evaluate("element => element.textContent.trim()") == "立案窗口"
    assert focused.evaluate("element => getComputedStyle(element).outlineWidth") == "3px"
    page.keyboard.press("Enter")
    page.wait_for_url("**/filing/counter/")
    # The counter opens with the cursor in the visitor's name, ready to type; its access keys are listed.
    assert page.evaluate("document.activeElement.name") == "visitor_name"
    assert page.locator("#shortcuts").inner_text().startswith("快捷键")
