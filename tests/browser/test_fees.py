"""The fee ledger in Chromium (诉讼费收退, seed 000 第四条): a clerk registers a filing at the window and
it goes to its judge at once (自动分案); the party pays part of the 3,300 yuan at the POS and the rest by
bank transfer, each with its receipt; the plaintiff withdraws and the fee is halved (诉讼费用交纳办法
art. 15), the clerk asks for the refund, and a supervisor approves it from the list of refunds awaiting
approval. The balance and the timeline show it.

Nothing is frozen: the live server runs on the real clock, so payments are dated today.
"""

import re

import pytest

from tests.browser.conftest import SCREENSHOTS_DIR
from tests.browser.test_counter_journey import (  # noqa: F401
    courts_ready,
    pdf_text,
    receive_filing,
    register,
)
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("courts_ready")]

SCREEN_WIDTH = 1366


def fees_panel(page):
    return page.get_by_role("region", name="诉讼费", exact=True)


def record_payment(page, *, amount: str, method: str, reference: str) -> None:
    panel = fees_panel(page)
    form = panel.locator("#fee-payment-form")
    if form.get_attribute("open") is None:
        form.locator("summary").click()
    panel.get_by_label("交费金额（元）").fill(amount)
    panel.get_by_label("交费方式").select_option(label=method)
    panel.get_by_label("交易流水号").fill(reference)
    assert panel.get_by_label("交款人").input_value() == "张三"  # the plaintiff, filled in
    panel.get_by_role("button", name="登记并出具收据").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/#fees$"))


def test_partial_payment_then_a_refund_approved_by_a_supervisor(page, demo_password, screenshot):
    sign_in(page, "wg_clerk", demo_password)
    page.wait_for_url("**/filing/counter/")
    page.goto("/filing/filings/queue/")
    receive_filing(
        page, screenshot, "fees", tick=("起诉状", "原告身份证明", "被告身份信息", "证据目录及证据")
    )
    case_number = register(page, screenshot, "fees", button="当场立案")
    filing_url = page.url
    # 自动分案 (舞钢规范第七条 当天分案): registered, the case has its judge at once — the demo court's
    # one civil judge — chosen by the recorded rule.
    assert page.locator("#current-judge").inner_text().strip() == "赵志强"
    assert "自动分案" in page.locator("#assignment").inner_text()

    panel = fees_panel(page)
    assert "尚未交费" in panel.inner_text()
    assert panel.locator("#fee-owed").inner_text().strip() == "3,300.00 元"

    # The party pays part at the POS: the receipt is issued, the rest is still owed.
    record_payment(page, amount="2000", method="POS 刷卡", reference="POS20260305093211")
    assert "已登记交费 2,000.00 元" in page.get_by_role("alert").first.inner_text()
    panel = fees_panel(page)
    assert panel.locator("#fee-owed").inner_text().strip() == "1,300.00 元"
    payments = panel.locator("#fee-payments tbody tr")
    assert payments.count() == 1 and "POS20260305093211" in payments.first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN_WIDTH
    screenshot("fees_detail_partial")
    panel.screenshot(path=SCREENSHOTS_DIR / "fees_panel_partial.png")
    receipt = payments.first.get_by_role("link", name=re.compile("^打印交费收据")).get_attribute("href")
    text = pdf_text(page, receipt)
    assert "诉讼费交费收据" in text and case_number in text
    assert "人民币（大写）贰仟元整¥2000.00" in text and "交本笔后3300.002000.001300.00" in text
    # Kept for a person to look at (pdftoppm -png -r 60 var/screenshots/fees_receipt.pdf).
    (SCREENSHOTS_DIR / "fees_receipt.pdf").write_bytes(page.request.get(receipt).body())

    # More than the rest is refused, nothing is entered; then the rest by bank transfer.
    panel = fees_panel(page)
    panel.locator("#fee-payment-form summary").click()
    panel.get_by_label("交费金额（元）").fill("1500")
    panel.get_by_label("交费方式").select_option(label="银行转账")
    panel.get_by_label("交易流水号").fill("TRF-0305-88")
    panel.get_by_role("button", name="登记并出具收据").click()
    page.wait_for_url("**/fees/payments/new/")
    assert "超过尚欠的 1,300.00 元，未登记" in page.get_by_role("alert").first.inner_text()
    screenshot("fees_payment_refused")
    page.get_by_label("交费金额（元）").fill("1300")
    page.get_by_role("button", name="登记并出具收据").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/#fees$"))
    panel = fees_panel(page)
    assert panel.locator("#fee-owed").inner_text().strip() == "0.00 元（已交清）"
    assert panel.locator("#fee-payments tbody tr").count() == 2

    # The plaintiff withdraws: the acceptance fee is halved (art. 15) and 1,650 is to be given back.
    panel.locator("#fee-refund-form summary").click()
    panel.get_by_label("退费金额（元）").fill("1650")
    panel.get_by_label("退费原因").select_option(label="撤诉减半收取")
    panel.get_by_label("说明").fill("原告申请撤诉，本院已裁定准许。")
    panel.get_by_role("button", name="提交退费申请").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/#fees$"))
    panel = fees_panel(page)
    assert "待审批" in panel.locator("#fee-refunds").inner_text()
    assert panel.locator('[data-fee="pending"]').inner_text().strip() == "1,650.00 元"
    assert panel.get_by_role("button", name="批准退费").count() == 0  # the clerk cannot approve
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/login/")

    # The supervisor approves it from the list of refunds awaiting approval.
    sign_in(page, "wg_supervisor", demo_password)
    page.wait_for_url("**/overview/")
    page.get_by_role("link", name="退费审批").click()
    page.wait_for_url("**/filing/fees/refunds/")
    row = page.locator("#pending-refunds tbody tr", has_text=case_number)
    assert "1,650.00" in row.inner_text() and "撤诉减半收取" in row.inner_text()
    screenshot("fees_pending_refunds")
    row.get_by_label("审批意见").fill("撤诉裁定已生效，同意退还一半受理费。")
    row.get_by_role("button", name="批准退费").click()
    page.wait_for_url("**/filing/fees/refunds/")
    assert "已批准退费 1,650.00 元" in page.get_by_role("alert").first.inner_text()
    assert page.locator("#no-pending-refunds").is_visible()

    page.goto(filing_url)
    panel = fees_panel(page)
    assert panel.locator('[data-fee="refunded"]').inner_text().strip() == "1,650.00 元"
    assert "现应交 1,650.00 元" in panel.locator('[data-fee="reduced"]').inner_text()
    assert panel.locator("#fee-owed").inner_text().strip() == "0.00 元（已交清）"
    assert "已批准" in panel.locator("#fee-refunds").inner_text()
    timeline = page.get_by_role("region", name="流程记录").inner_text()
    assert "自动分案：承办法官 赵志强" in timeline
    assert "收到诉讼费 2,000.00 元" in timeline and "收到诉讼费 1,300.00 元" in timeline
    assert "申请退费 1,650.00 元（撤诉减半收取）" in timeline
    assert "批准退费 1,650.00 元（撤诉减半收取）" in timeline
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN_WIDTH
    screenshot("fees_detail_after_refund")
    panel.screenshot(path=SCREENSHOTS_DIR / "fees_panel_after_refund.png")
