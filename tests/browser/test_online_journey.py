"""A lawyer's online filing from registration to the acceptance notice served, in Chromium (issue 4, "Done
when"): registers, is verified by a clerk, files with real uploads and the generated complaint, is returned
for correction with a phone call, corrects item by item online, and finds the acceptance notice served.

The live server runs on the real clock; nothing is moved along by a service call.
"""

import re

import pytest

from courthall.models import Court
from filing.models import Filing, FilingState
from filing.services.filings import filing_notice_subject
from notices.models import Delivery, NoticeKind
from tests.browser.online_steps import (
    PASSWORD,
    PLAINTIFF_ID,
    alert_text,
    clerk_verifies,
    fetch_pdf,
    fill_case,
    fill_claims,
    fill_parties,
    fits_the_screen,
    images_loaded,
    pdf_file,
    png_file,
    register_lawyer,
    sign_in_as,
    sign_out,
    step_done,
    submit_draft,
    upload_and_generate,
)
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.browser

MOBILE = "13812345678"
LAWYER = "钱多多"


@pytest.fixture
def desk(settings, tmp_path, demo_users):
    """What the lawyer has on their desk, the media kept in tmp_path, and the court ready to print."""
    from courthall.pdf import cjk_font_families

    if not cjk_font_families():
        skip_or_fail("没有中文字体：无法生成文书 PDF")
    settings.MEDIA_ROOT = tmp_path / "media"
    court = Court.objects.get(code="豫0481")
    assert court.fee_account_number  # the demo court has its (demo) fee account
    return {
        "licence": png_file(tmp_path, "执业证照片"),
        "id_card": png_file(tmp_path, "原告身份证"),
        "evidence": pdf_file(tmp_path, "证据目录及借条", "证据目录", pages=2),
        "power": pdf_file(tmp_path, "授权委托书", "授权委托书"),
        "firm_letter": pdf_file(tmp_path, "律师事务所函", "律师事务所函"),
        "defendant": pdf_file(tmp_path, "被告身份信息", "被告身份信息（户籍证明）"),
        "agent_id": png_file(tmp_path, "律师执业证复印件"),
    }


def inbox_row(page, kind: str):
    return page.locator("tbody tr").filter(has=page.get_by_role("link", name=kind, exact=True))


def test_a_lawyer_files_online_corrects_and_finds_the_acceptance_notice_served(
    page, desk, demo_password, screenshot
):
    page.set_default_timeout(10_000)
    # --- Registers, and is verified by the clerk -----------------------------------------------------
    register_lawyer(
        page,
        name=LAWYER,
        id_number="410423198807150018",
        mobile=MOBILE,
        firm="河南某某律师事务所",
        licence="14104201510000099",
        photo=desk["licence"],
        screenshot=screenshot,
    )
    assert "尚未通过法院核验" in page.locator("main").inner_text()
    sign_out(page)
    clerk_verifies(page, demo_password, LAWYER)

    # --- Files online, step by step ------------------------------------------------------------------
    sign_in_as(page, MOBILE, PASSWORD, "/filing/portal/")
    assert "尚未通过法院核验" not in page.locator("main").inner_text()
    page.get_by_role("button", name="网上立案").click()
    page.wait_for_url(re.compile(r"/portal/drafts/\d+/case/$"))
    fill_case(page, screenshot, "lawyer")
    fill_parties(page, screenshot, "lawyer", plaintiff="张三", plaintiff_id=PLAINTIFF_ID, phone="13800138000")

    assert f"{LAWYER}" in page.locator("#lawyer-agent").inner_text()
    assert page.get_by_label("被代理人").input_value() == "0"  # the plaintiff, chosen for them
    page.get_by_label("特别授权（代为承认、放弃、变更诉讼请求，进行和解等）").check()
    fits_the_screen(page)
    screenshot("lawyer_step_agents")
    step_done(page, "claims")
    fill_claims(page, screenshot, "lawyer")

    complaint = upload_and_generate(
        page,
        {
            "原告身份证明": desk["id_card"],
            "证据目录及证据": desk["evidence"],
            "授权委托书": desk["power"],
            "律师事务所函": desk["firm_letter"],
        },
    )
    text = fetch_pdf(page, complaint, save_as="lawyer_complaint")
    for expected in ("民事起诉状", "张三", "李四", "判令被告偿还借款本金150000元", "借条", "舞钢市人民法院"):
        assert expected in text, expected
    assert images_loaded(page, "img.ch-thumb") and all(images_loaded(page, "img.ch-thumb"))
    fits_the_screen(page)
    screenshot("lawyer_step_materials")
    step_done(page, "confirm")
    filing_pk = submit_draft(page, screenshot, "lawyer")

    filing = Filing.objects.get(pk=filing_pk)
    received_at = filing.received_at
    assert filing.state == FilingState.RECEIVED and filing.submitted_by == filing.owner
    row = page.locator(f'tr[data-filing="{filing_pk}"]')
    assert "已收件" in row.inner_text() or "收件" in row.inner_text()
    fits_the_screen(page)
    screenshot("lawyer_portal_list")
    row.get_by_role("link", name=f"收件第{filing_pk}号").click()
    page.wait_for_url(f"**/portal/filings/{filing_pk}/")
    documents = page.get_by_role("region", name="法院文书")
    assert "未读" in documents.inner_text()
    receipt = documents.get_by_role("link", name=re.compile("^查看材料收据"))
    receipt_text = fetch_pdf(page, receipt.get_attribute("href"), save_as="lawyer_receipt")
    assert LAWYER in receipt_text and "律师事务所函" in receipt_text
    page.reload()
    assert "已送达" in page.get_by_role("region", name="法院文书").inner_text()
    fits_the_screen(page)
    screenshot("lawyer_filing_received")
    sign_out(page)

    # --- The clerk claims it, reviews it and returns it for correction, with the phone call ----------------
    sign_in_as(page, "wg_clerk", demo_password, "/filing/counter/")
    page.get_by_role("link", name="网上立案队列").first.click()
    page.wait_for_url("**/filing/filings/online/")
    queued = page.locator(f'tr[data-filing="{filing_pk}"]')
    assert LAWYER in queued.inner_text()
    fits_the_screen(page)
    screenshot("clerk_online_queue")
    queued.get_by_role("button", name=f"认领收件第{filing_pk}号").click()
    page.wait_for_url(f"**/filing/filings/{filing_pk}/review/")
    assert "已认领" in alert_text(page)
    widths = images_loaded(page, ".ch-reader-list img")
    assert len(widths) == 5 and all(width > 0 for width in widths), widths
    assert "张敏" in page.locator("#first-receiver").inner_text()
    fits_the_screen(page)
    screenshot("clerk_review")

    page.get_by_role("link", name="补正告知（一次性告知并电话通知）").click()
    page.wait_for_url(f"**/filing/filings/{filing_pk}/correction/**")
    materials = [page.locator(f"#id_items-{n}-material").input_value() for n in range(2)]
    assert "被告身份信息" in materials and "代理人身份证明" in materials, materials
    assert page.get_by_label("拨打的号码").input_value() == MOBILE
    page.get_by_label("接通并已告知").check()
    page.get_by_label("情况说明").fill("已电话告知钱律师须补交被告身份信息和代理人身份证明。")
    fits_the_screen(page)
    screenshot("clerk_correction")
    page.get_by_role("button", name="出具补正材料通知书").click()
    page.wait_for_url(f"**/filing/filings/{filing_pk}/review/**")
    assert "补正" in alert_text(page)
    assert "接通并已告知" in page.locator(".phone-call").inner_text()
    sign_out(page)

    # --- The lawyer finds the correction notice, opens it, corrects item by item -------------------------
    sign_in_as(page, MOBILE, PASSWORD, "/filing/portal/")
    assert page.locator("#inbox-unread").inner_text().startswith("1")
    page.get_by_role("link", name=re.compile("^文书送达")).click()
    page.wait_for_url("**/notices/inbox/")
    correction_row = inbox_row(page, "补正材料通知书")
    assert "未读" in correction_row.inner_text()
    fits_the_screen(page)
    screenshot("lawyer_inbox_correction")
    text = fetch_pdf(
        page, correction_row.get_by_role("link", name="补正材料通知书", exact=True).get_attribute("href")
    )
    assert "被告身份信息" in text
    page.reload()
    assert "已送达" in inbox_row(page, "补正材料通知书").inner_text()
    assert page.locator("#inbox-unread").count() == 0

    page.get_by_role("link", name="我的立案").click()
    page.get_by_role("link", name=f"收件第{filing_pk}号").click()
    checklist = page.locator("#correction-checklist")
    assert "被告身份信息" in checklist.inner_text() and "代理人身份证明" in checklist.inner_text()
    fits_the_screen(page)
    screenshot("lawyer_correction_checklist")
    page.get_by_role("link", name="逐项补正并提交").click()
    page.wait_for_url(f"**/portal/filings/{filing_pk}/correct/")
    for n, item in enumerate(page.locator("li[data-item]").all(), start=1):
        upload = desk["defendant"] if "被告身份信息" in item.inner_text() else desk["agent_id"]
        page.get_by_label(f"第{n}项 补正的文件").set_input_files(upload)
    page.get_by_label("第1项 补正说明").fill("已补交，请审查。")
    fits_the_screen(page)
    screenshot("lawyer_correct")
    page.get_by_role("button", name="提交补正").click()
    page.wait_for_url(f"**/portal/filings/{filing_pk}/")
    assert "补正材料已提交" in alert_text(page)
    assert page.locator('[data-round="2"]').count() == 1
    screenshot("lawyer_filing_corrected")
    sign_out(page)

    # --- The clerk registers it ---------------------------------------------------------------------
    sign_in_as(page, "wg_clerk", demo_password, "/filing/counter/")
    page.get_by_role("link", name="网上立案队列").first.click()
    page.locator(f'tr[data-filing="{filing_pk}"]').get_by_role("link", name=f"收件第{filing_pk}号").click()
    page.wait_for_url(f"**/filing/filings/{filing_pk}/review/")
    widths = images_loaded(page, ".ch-reader-list img")
    assert len(widths) == 7 and all(width > 0 for width in widths), widths
    assert "3,300.00" in page.locator("#fee-total").inner_text()
    screenshot("clerk_review_corrected")
    page.locator("#register-form").get_by_role("button", name="立案").click()
    page.wait_for_url(f"**/filing/filings/{filing_pk}/review/**")
    case_number = page.locator("#case-number").inner_text()
    assert re.fullmatch(r"（\d{4}）豫0481民初\d+号", case_number), case_number
    screenshot("clerk_review_registered")
    sign_out(page)

    # --- The lawyer finds the three notices and opens the acceptance notice -------------------------------
    sign_in_as(page, MOBILE, PASSWORD, "/filing/portal/")
    # The receipt of the corrections, the acceptance notice, the fee notice and the 举证通知书.
    assert page.locator("#inbox-unread").inner_text().startswith("4")
    page.get_by_role("link", name=re.compile("^文书送达")).click()
    for kind in ("受理案件通知书", "交纳诉讼费用通知书", "举证通知书"):
        assert "未读" in inbox_row(page, kind).inner_text(), kind
    fits_the_screen(page)
    screenshot("lawyer_inbox_registered")
    acceptance = inbox_row(page, "受理案件通知书").get_by_role("link", name="受理案件通知书", exact=True)
    assert case_number in fetch_pdf(page, acceptance.get_attribute("href"), save_as="lawyer_acceptance")
    page.reload()
    assert "已送达" in inbox_row(page, "受理案件通知书").inner_text()
    assert "未读" in inbox_row(page, "举证通知书").inner_text()
    assert page.locator("#inbox-unread").inner_text().startswith("3")
    screenshot("lawyer_inbox_served")
    sign_out(page)

    # --- The clerk's filing page shows it served -----------------------------------------------------------
    sign_in_as(page, "wg_clerk", demo_password, "/filing/counter/")
    page.goto(f"/filing/filings/{filing_pk}/")
    documents = page.get_by_role("region", name="已出具的文书")
    rows = {
        row.locator("td").first.inner_text().strip().splitlines()[0]: row
        for row in documents.locator("tbody tr").all()
    }
    assert "已送达" in rows["受理案件通知书"].inner_text()
    assert "未送达" in rows["举证通知书"].inner_text()
    evidence = rows["举证通知书"].get_by_role("link", name=re.compile("^打印")).get_attribute("href")
    assert "举证" in fetch_pdf(page, evidence, save_as="lawyer_evidence_notice")
    fits_the_screen(page)
    screenshot("clerk_filing_served")

    # --- Through the correction the filing kept its received time; it is registered -----------------------
    filing.refresh_from_db()
    assert filing.state == FilingState.REGISTERED and filing.case_number == case_number
    assert filing.received_at == received_at
    assert filing.rounds.count() == 2 and filing.first_receiver.username == "wg_clerk"
    served = Delivery.objects.get(
        notice__subject=filing_notice_subject(filing), notice__kind=NoticeKind.ACCEPTANCE
    )
    assert served.recipient == filing.owner and served.served_at is not None
