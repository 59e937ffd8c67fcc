"""Steps of the online journeys (网上立案) in Chromium, shared by the journey tests: real files to upload,
signing in and out, registering a lawyer, and walking the draft's steps as a filer does."""

import io
import re
from pathlib import Path

from PIL import Image, ImageDraw
from pypdf import PdfReader

from courthall.models import SmsMessage
from tests.browser.conftest import COUNTER_SCREEN, SCREENSHOTS_DIR
from tests.browser.test_sign_in import sign_in

PASSWORD = "Hongqi-2026-qu"
PLAINTIFF_ID = "11010519491231002X"


# --- Files a filer has on their desk ----------------------------------------------------------------


def pdf_file(folder: Path, name: str, title: str, *, pages: int = 1) -> Path:
    """A real PDF with Chinese text on every page, as WeasyPrint prints it."""
    from weasyprint import HTML

    body = "".join(
        f'<section style="page-break-after: always"><h1>{title}</h1><p>第{n}页。'
        "本材料为测试用扫描件，内容为示例。</p></section>"
        for n in range(1, pages + 1)
    )
    path = folder / f"{name}.pdf"
    path.write_bytes(
        HTML(string=f'<html lang="zh"><body style="font-size: 14pt">{body}</body></html>').write_pdf()
    )
    return path


def png_file(folder: Path, name: str, *, size=(800, 520)) -> Path:
    """A phone photo of an identity card: a coloured card with a few bars of "text"."""
    image = Image.new("RGB", size, "#e9eef3")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((40, 40, size[0] - 40, size[1] - 40), radius=24, fill="#cfe3f5", outline="#2f5d8a")
    for row in range(5):
        draw.rectangle((80, 90 + row * 60, 80 + 420 - row * 40, 110 + row * 60), fill="#2f3b4a")
    draw.rectangle((size[0] - 260, 90, size[0] - 90, 300), fill="#a7b4c2")
    path = folder / f"{name}.png"
    image.save(path)
    return path


# --- Moving around ------------------------------------------------------------------------------------


def sign_out(page) -> None:
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/login/")


def sign_in_as(page, username: str, password: str, lands_on: str) -> None:
    sign_in(page, username, password)
    page.wait_for_url(f"**{lands_on}")


def fits_the_screen(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= COUNTER_SCREEN["width"], page.url


def alert_text(page) -> str:
    return "\n".join(page.get_by_role("alert").all_inner_texts())


def latest_code(mobile: str) -> str:
    """The code of the latest text message to `mobile` that carries one, read from the SMS outbox."""
    for text in SmsMessage.objects.filter(mobile=mobile).order_by("-pk").values_list("text", flat=True):
        if found := re.search(r"验证码为? ?(\d{6})", text):
            return found.group(1)
    raise AssertionError(f"no code was sent to {mobile}")


def fetch_pdf(page, href: str, *, save_as: str | None = None) -> str:
    """A PDF the page links to, fetched with the browser's own session (a PDF opens in a new tab, which
    headless Chromium downloads instead of showing); its text, whitespace removed."""
    response = page.request.get(href)
    assert response.status == 200, (href, response.status)
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    if save_as:
        SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS_DIR / f"{save_as}.pdf").write_bytes(body)
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages))


def images_loaded(page, selector: str) -> list[int]:
    """The natural widths of the images matched, once each has loaded (lazy ones scrolled into view)."""
    images = page.locator(selector)
    widths = []
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        image.evaluate("img => img.complete || new Promise(done => img.addEventListener('load', done))")
        widths.append(image.evaluate("img => img.naturalWidth"))
    return widths


# --- Registering and verifying a lawyer ---------------------------------------------------------------


def register_lawyer(page, *, name, id_number, mobile, firm, licence, photo: Path, screenshot=None) -> None:
    page.goto("/login/")
    page.get_by_role("link", name="注册账号").click()
    page.get_by_role("link", name="注册律师账号").click()
    page.get_by_label("真实姓名").fill(name)
    page.get_by_label("身份证号码").fill(id_number)
    page.get_by_label("手机号码").fill(mobile)
    page.get_by_label("执业机构（律师事务所）").fill(firm)
    page.get_by_label("律师执业证号").fill(licence)
    page.get_by_label("律师执业证（照片或扫描件）").set_input_files(photo)
    page.get_by_label("设置密码").fill(PASSWORD)
    page.get_by_label("再次输入密码").fill(PASSWORD)
    page.get_by_role("button", name="获取短信验证码").click()
    page.wait_for_url("**/accounts/register/confirm/")
    page.get_by_label("短信验证码").fill(latest_code(mobile))
    page.get_by_role("button", name="完成注册").click()
    page.wait_for_url("**/filing/portal/")
    assert "注册成功" in alert_text(page)
    if screenshot:
        screenshot("online_portal_unverified")


def clerk_verifies(page, clerk_password: str, name: str) -> None:
    sign_in_as(page, "wg_clerk", clerk_password, "/filing/counter/")
    page.get_by_role("link", name="律师核验").click()
    page.wait_for_url("**/accounts/verification/")
    row = page.locator("main").get_by_text(name).first
    row.wait_for()
    page.get_by_role("button", name="核验通过").first.click()
    page.get_by_text(f"已核验通过：{name}（律师）").wait_for()
    sign_out(page)


# --- The draft's steps ----------------------------------------------------------------------------


def step_done(page, step: str) -> None:
    """Press 保存并继续 and land on `step`."""
    page.get_by_role("button", name="保存并继续").click()
    page.wait_for_url(f"**/{step}/")


def fill_case(page, screenshot, prefix: str) -> None:
    page.get_by_label("受理法院").select_option(label="舞钢市人民法院")
    page.get_by_label("案件类型").select_option(label="民初（民事一审案件）")
    page.get_by_role("combobox", name="案由", exact=True).select_option(label="民间借贷纠纷")
    page.get_by_label("争议金额（元）").fill("150000")
    fits_the_screen(page)
    screenshot(f"{prefix}_step_case")
    step_done(page, "parties")


def fill_parties(page, screenshot, prefix: str, *, plaintiff: str, plaintiff_id: str, phone: str) -> None:
    page.locator("#id_parties-0-name").fill(plaintiff)
    page.locator("#id_parties-0-id_number").fill(plaintiff_id)
    page.locator("#id_parties-0-phone").fill(phone)
    page.locator("#id_parties-0-address").fill("河南省舞钢市垭口街道建设路12号")
    page.locator("#id_parties-1-name").fill("李四")
    page.locator("#id_parties-1-id_type").select_option("")
    page.locator("#id_parties-1-phone").fill("13700137000")
    page.locator("#id_parties-1-address").fill("河南省平顶山市新华区中兴路8号")
    fits_the_screen(page)
    screenshot(f"{prefix}_step_parties")
    step_done(page, "agents")


def fill_claims(page, screenshot, prefix: str) -> None:
    page.get_by_role("textbox", name="诉讼请求", exact=True).fill(
        "判令被告偿还借款本金150000元；\n判令被告承担本案诉讼费用。"
    )
    page.get_by_role("textbox", name="事实和理由", exact=True).fill(
        "2025年5月10日，被告因经营需要向原告借款150000元，约定三个月内归还，并出具借条一张。"
        "借款到期后，原告多次催要，被告至今未还。为维护原告合法权益，特诉至贵院。"
    )
    page.locator("#id_evidence-0-name").fill("借条")
    page.locator("#id_evidence-0-source").fill("被告出具")
    page.locator("#id_evidence-0-purpose").fill("双方存在借贷关系")
    fits_the_screen(page)
    screenshot(f"{prefix}_step_claims")
    step_done(page, "materials")


def upload_and_generate(page, files: dict[str, Path]) -> str:
    """Choose a file for each named material, press 保存, then 生成起诉状并加入材料; the complaint's link."""
    for label, path in files.items():
        page.get_by_label(label, exact=True).set_input_files(path)
    page.get_by_role("button", name="保存", exact=True).click()
    page.get_by_text(f"已上传 {len(files)} 份材料。").wait_for()
    page.get_by_role("button", name="生成起诉状并加入材料").click()
    page.get_by_text("已根据填写内容生成民事起诉状").wait_for()
    return page.get_by_role("link", name="下载核对").get_attribute("href")


def submit_draft(page, screenshot, prefix: str) -> int:
    """From the confirm step: 提交立案申请; the filing's number from the message."""
    assert "填写内容完整，可以提交。" in page.locator("main").inner_text()
    fits_the_screen(page)
    screenshot(f"{prefix}_step_confirm")
    page.get_by_role("button", name="提交立案申请").click()
    page.wait_for_url("**/filing/portal/")
    message = alert_text(page)
    assert "材料收据已出具" in message
    return int(re.search(r"收件第(\d+)号", message).group(1))
