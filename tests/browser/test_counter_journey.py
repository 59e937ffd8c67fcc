"""A filing at the window, in Chromium, for a clerk of each seed court: receive it, then register it on the
spot, return it for correction, or refuse it; and print every document it produced.

Nothing is frozen here: the live server runs on the real clock, so the expected year is today's.
"""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from courthall.models import Court, User
from courthall.validators import RESIDENT_ID_CHECK
from filing.models import Filing
from filing.services.filings import BAD_AMOUNT, NO_CLAIMS, NO_DEFENDANT, NO_MATERIALS, filing_decide_later
from tests.browser.test_sign_in import sign_in
from tests.conftest import skip_or_fail
from tests.filing.conftest import civil_filing

pytestmark = pytest.mark.browser

# username, court, court code (DOMAIN.md §2)
SEED_CLERKS = [
    pytest.param("wg_clerk", "舞钢市人民法院", "豫0481", id="wugang"),
    pytest.param("gc_clerk", "济南市钢城区人民法院", "鲁0117", id="gangcheng"),
]
PLAINTIFF_ID = "11010519491231002X"
REFUSAL_TEMPLATE = "起诉人与本案没有直接利害关系"


@pytest.fixture
def courts_ready(demo_users):
    """The seed courts as their administrators leave them before the first registration: a fee account
    to print on the fee notice (without one, registering is refused), and fonts to print with."""
    from courthall.pdf import cjk_font_families

    if not cjk_font_families():
        skip_or_fail("没有中文字体：无法生成文书 PDF")
    for court in Court.objects.filter(code__in=["豫0481", "鲁0117"]):
        court.fee_account_name = court.fee_account_name or court.name
        court.fee_account_bank = court.fee_account_bank or "中国工商银行"
        court.fee_account_number = court.fee_account_number or f"6222{court.pk:012d}"
        court.save()
    return demo_users


def an_overdue_filing(username: str) -> Filing:
    """A filing put to review whose limit passed three days ago. The live server runs on the real clock,
    so the dates are moved back in the database rather than the clock forward."""
    user = User.objects.get(username=username)
    filing = filing_decide_later(filing=civil_filing(user, cause_text="买卖合同纠纷"), user=user)
    today = timezone.localdate()
    Filing.objects.filter(pk=filing.pk).update(
        received_at=timezone.now() - timedelta(days=10),
        limit_starts_on=today - timedelta(days=10),
        decision_due_on=today - timedelta(days=3),
    )
    return filing


def pdf_text(page, href: str) -> str:
    """The text of a stored PDF fetched with the browser's own session, whitespace removed."""
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


def documents(page) -> dict[str, str]:
    """The documents listed on the filing page: kind → the 打印 link (the latest of each kind)."""
    table = page.get_by_role("region", name="已出具的文书")
    links = {}
    for row in table.locator("tbody tr").all():
        # The first cell holds the kind, then its electronic service (电子送达) on the next line.
        kind = row.locator("td").first.inner_text().strip().splitlines()[0]
        links[kind] = row.get_by_role("link", name=re.compile("^打印")).get_attribute("href")
    return links


def receive_filing(page, screenshot, name: str, *, tick: tuple[str, ...]) -> None:
    """Fill in the new-filing page as a clerk does and receive the filing."""
    page.get_by_role("link", name="新立案登记").first.click()
    page.wait_for_url("**/filing/filings/new/")
    page.get_by_label("案件类型").select_option(label="民初（民事一审案件）")
    page.get_by_role("button", name="载入清单").click()
    page.get_by_role("checkbox", name="已收：起诉状").wait_for()
    page.get_by_role("combobox", name="案由", exact=True).select_option(label="民间借贷纠纷")
    page.get_by_label("争议金额（元）").fill("150000")
    page.get_by_label("诉讼请求").fill("判令被告偿还借款本金150000元及逾期利息。")
    page.get_by_label("事实和理由").fill("被告于2025年5月向原告借款150000元，约定三个月归还，到期未还。")
    page.locator("#id_parties-0-name").fill("张三")
    page.locator("#id_parties-0-id_number").fill(PLAINTIFF_ID)
    page.locator("#id_parties-0-phone").fill("13800138000")
    page.locator("#id_parties-0-address").fill("河南省舞钢市垭口街道")
    page.locator("#id_parties-1-name").fill("李四")
    page.locator("#id_parties-1-id_type").select_option("")
    page.locator("#id_parties-1-address").fill("河南省平顶山市新华区")
    for material in tick:
        page.get_by_role("checkbox", name=f"已收：{material}").check()
    page.get_by_label("提交材料人").fill("张三")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot(f"{name}_new_filing")
    page.get_by_role("button", name="收件并出具收据").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/$"))
    assert "已收到张三的立案材料" in page.get_by_role("alert").first.inner_text()
    assert "材料收据" in documents(page)


def register(page, screenshot, name: str, *, button: str) -> str:
    """From the filing page: 立案, confirm with the fee shown, and return the case number shown."""
    page.get_by_role("link", name=button, exact=True).click()
    page.wait_for_url("**/register/")
    assert "3,300.00 元" in page.locator("#fee-total").inner_text()  # DOMAIN.md §5: 150,000 → 3,300
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot(f"{name}_register_confirm")
    page.get_by_role("button", name="确认立案").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/$"))
    return page.locator("#case-number").inner_text().strip()


def check_registration_documents(page, court: str, case_number: str) -> None:
    links = documents(page)
    assert {"材料收据", "受理案件通知书", "交纳诉讼费用通知书"} <= set(links)
    for kind, href in links.items():
        text = pdf_text(page, href)
        assert court in text, kind
        if kind in ("受理案件通知书", "交纳诉讼费用通知书"):
            assert case_number in text, kind


@pytest.mark.parametrize(("username", "court", "code"), SEED_CLERKS)
def test_receive_and_register_on_the_spot(
    page, courts_ready, demo_password, screenshot, username, court, code
):
    sign_in(page, username, demo_password)
    page.wait_for_url("**/filing/counter/")
    page.goto("/filing/filings/queue/")
    receive_filing(
        page, screenshot, username, tick=("起诉状", "原告身份证明", "被告身份信息", "证据目录及证据")
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot(f"{username}_detail_received")

    case_number = register(page, screenshot, username, button="当场立案")
    year = timezone.localdate().year
    assert re.fullmatch(rf"（{year}）{code}民初\d+号", case_number)
    assert "已立案" in page.locator("h1").inner_text()
    screenshot(f"{username}_detail_registered")
    check_registration_documents(page, court, case_number)


@pytest.mark.parametrize(("username", "court", "code"), SEED_CLERKS)
def test_return_for_correction_then_register(
    page, courts_ready, demo_password, screenshot, username, court, code
):
    sign_in(page, username, demo_password)
    page.wait_for_url("**/filing/counter/")
    page.goto("/filing/filings/queue/")
    receive_filing(page, screenshot, f"{username}_correction", tick=("起诉状", "原告身份证明"))

    page.get_by_role("link", name="补正告知").click()
    page.wait_for_url("**/correction/")
    # The one notice already lists everything the checklist still lacks.
    assert page.locator("#id_items-0-material").input_value() == "被告身份信息"
    assert page.locator("#id_items-1-material").input_value() == "证据目录及证据"
    page.locator("#id_items-2-material").fill("起诉状")
    page.locator("#id_items-2-problem").fill("起诉人未签名")
    page.locator("#id_items-2-provide").fill("由起诉人签名的起诉状")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot(f"{username}_correction_form")
    page.get_by_role("button", name="出具补正材料通知书").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/$"))
    assert "待补正" in page.locator("h1").inner_text()
    notice_text = pdf_text(page, documents(page)["补正材料通知书"])
    assert court in notice_text and "被告身份信息" in notice_text

    detail_url = page.url
    overdue = an_overdue_filing(username)
    page.goto("/filing/filings/queue/")
    rows = page.get_by_role("region", name="待审查的立案申请").locator("tbody tr")
    # The nearest limit first: the overdue one, flagged in red; then ours, waiting for corrections.
    assert rows.nth(0).get_by_role("link").inner_text() == f"收件第{overdue.pk}号"
    assert "已届满，须先行立案" in rows.nth(0).inner_text()
    assert "民间借贷纠纷" in rows.nth(1).inner_text() and "待补正" in rows.nth(1).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot(f"{username}_queue")
    rows.nth(0).get_by_role("link").click()
    assert page.get_by_role("link", name="先行立案").is_visible()
    screenshot(f"{username}_detail_overdue")
    page.goto(detail_url)

    page.get_by_role("link", name="收到补正材料").click()
    page.wait_for_url("**/corrections-received/")
    page.get_by_role("checkbox", name="已收：被告身份信息").check()
    page.get_by_role("checkbox", name="已收：证据目录及证据").check()
    page.locator("#id_extras-0-name").fill("签名后的起诉状")
    screenshot(f"{username}_corrections_received")
    page.get_by_role("button", name="收件并出具收据").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/$"))
    assert "待审查" in page.locator("h1").inner_text()

    case_number = register(page, screenshot, f"{username}_after_correction", button="立案")
    assert re.fullmatch(rf"（{timezone.localdate().year}）{code}民初\d+号", case_number)
    check_registration_documents(page, court, case_number)


@pytest.mark.parametrize(("username", "court", "code"), SEED_CLERKS)
def test_refuse_with_a_reason_template(page, courts_ready, demo_password, screenshot, username, court, code):
    sign_in(page, username, demo_password)
    page.wait_for_url("**/filing/counter/")
    page.goto("/filing/filings/queue/")
    # A first try without a defendant: every message at the top, nothing typed is lost.
    page.get_by_role("link", name="新立案登记").first.click()
    page.get_by_label("案件类型").select_option(label="民初（民事一审案件）")
    page.get_by_role("button", name="载入清单").click()
    page.locator("#id_parties-0-name").fill("张三")
    page.locator("#id_parties-0-id_number").fill("110105194912310021")
    page.get_by_label("争议金额（元）").fill("-1")
    page.keyboard.press("Enter")  # Enter receives, not 载入清单 nor 增加一行
    alert = page.get_by_role("alert")
    alert.wait_for()
    for message in (NO_DEFENDANT, BAD_AMOUNT, NO_CLAIMS, RESIDENT_ID_CHECK, NO_MATERIALS):
        assert message in alert.inner_text()
    assert page.locator("#id_parties-0-name").input_value() == "张三"
    assert page.get_by_role("checkbox", name="已收：起诉状").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot(f"{username}_new_filing_errors")

    receive_filing(page, screenshot, f"{username}_refusal", tick=("起诉状", "原告身份证明"))

    page.get_by_role("link", name="不予受理").click()
    page.wait_for_url("**/refuse/")
    page.get_by_role("link", name=re.compile(REFUSAL_TEMPLATE)).click()
    reasons = page.get_by_label("不予受理的理由").input_value()
    assert REFUSAL_TEMPLATE in reasons
    assert "第一百二十二条第一项" in page.get_by_label("法律依据").input_value()
    screenshot(f"{username}_refuse_form")
    page.get_by_role("button", name="作出不予受理裁定").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/$"))
    assert "不予受理" in page.locator("h1").inner_text()
    text = pdf_text(page, documents(page)["不予受理裁定书"])
    assert court in text and re.sub(r"\s+", "", reasons) in text
