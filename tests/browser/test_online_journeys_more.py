"""More online journeys in Chromium (issue 4, "Done when"): a party files side by side with a clerk (肩并肩),
an intern lawyer files for the lawyer of their firm, and another lawyer sees none of it."""

import re

import pytest
from django.utils import timezone

from courthall.models import PortalAccountKind, User
from courthall.roles import LAWYER
from filing.models import Draft, Filing
from filing.services.filings import filing_notice_subject
from notices.models import Delivery, NoticeKind
from tests.browser.online_steps import (
    PASSWORD,
    alert_text,
    fill_case,
    fill_claims,
    fill_parties,
    fits_the_screen,
    latest_code,
    pdf_file,
    png_file,
    sign_in_as,
    sign_out,
    step_done,
    submit_draft,
    upload_and_generate,
)
from tests.conftest import skip_or_fail
from tests.factories import PortalAccountFactory, PortalUserFactory

pytestmark = pytest.mark.browser

PARTY_MOBILE = "13912345678"
PARTY_ID = "410481196001010010"


@pytest.fixture
def desk(settings, tmp_path, demo_users):
    from courthall.pdf import cjk_font_families

    if not cjk_font_families():
        skip_or_fail("没有中文字体：无法生成文书 PDF")
    settings.MEDIA_ROOT = tmp_path / "media"
    return {
        "id_card": png_file(tmp_path, "原告身份证"),
        "evidence": pdf_file(tmp_path, "证据目录及借条", "证据目录"),
        "power": pdf_file(tmp_path, "授权委托书", "授权委托书"),
        "firm_letter": pdf_file(tmp_path, "律师事务所函", "律师事务所函"),
    }


def test_a_party_files_side_by_side_with_a_clerk(page, desk, demo_password, screenshot, settings):
    # The party asks for two codes within a minute (opening the account, confirming the filing); the
    # interval between codes is a setting, and these two are a minute apart at the slowest counter.
    settings.COURTHALL_SMS_CODE_INTERVAL_SECONDS = 0
    page.set_default_timeout(10_000)
    sign_in_as(page, "wg_clerk", demo_password, "/filing/counter/")
    page.get_by_role("link", name="肩并肩协助网上立案").click()
    page.wait_for_url("**/filing/side-by-side/")
    page.get_by_label("当事人姓名").fill("赵六")
    page.get_by_label("当事人身份证号码").fill(PARTY_ID)
    page.get_by_label("当事人手机号码").fill(PARTY_MOBILE)
    fits_the_screen(page)
    screenshot("side_start")
    page.get_by_role("button", name="向当事人手机发送验证码").click()
    page.wait_for_url("**/filing/side-by-side/code/")
    assert "139****5678" in page.locator("main").inner_text()
    page.get_by_role("textbox", name="短信验证码").fill(latest_code(PARTY_MOBILE))
    fits_the_screen(page)
    screenshot("side_code")
    page.get_by_role("button", name="验证并新建立案草稿").click()
    page.wait_for_url(re.compile(r"/portal/drafts/\d+/case/$"))
    assert "已为当事人赵六开通诉讼服务网账号" in alert_text(page)
    party = User.objects.get(portal_account__kind=PortalAccountKind.PARTY, mobile=PARTY_MOBILE)

    fill_case(page, screenshot, "side")
    fill_parties(page, screenshot, "side", plaintiff="赵六", plaintiff_id=PARTY_ID, phone=PARTY_MOBILE)
    fits_the_screen(page)
    screenshot("side_step_agents")
    step_done(page, "claims")
    fill_claims(page, screenshot, "side")
    upload_and_generate(page, {"原告身份证明": desk["id_card"], "证据目录及证据": desk["evidence"]})
    fits_the_screen(page)
    screenshot("side_step_materials")
    step_done(page, "confirm")
    submit = page.get_by_role("button", name="提交立案申请")
    assert submit.is_disabled()  # not before the party confirms
    assert "当事人" in page.locator("#cannot-submit").inner_text()

    page.get_by_role("link", name="请当事人用短信验证码确认").click()
    page.wait_for_url(re.compile(r"/party-confirm/$"))
    page.get_by_role("button", name=re.compile("发送确认验证码")).click()
    assert "确认验证码已发送" in alert_text(page)
    page.get_by_role("textbox", name="短信验证码").fill(latest_code(PARTY_MOBILE))
    fits_the_screen(page)
    screenshot("side_party_confirm")
    page.get_by_role("button", name="当事人确认").click()
    page.wait_for_url(re.compile(r"/portal/drafts/\d+/confirm/$"))
    assert "当事人已用短信验证码确认" in alert_text(page)
    screenshot("side_step_confirm_confirmed")
    page.get_by_role("button", name="提交立案申请").click()
    page.wait_for_url(re.compile(r"/filing/filings/\d+/review/$"))  # the clerk goes on to review it
    message = alert_text(page)
    assert "已为当事人赵六提交立案申请" in message, message
    assert "窗口工作人员 张敏（肩并肩）" in page.locator("#submitter").inner_text()
    filing = Filing.objects.get(pk=int(re.search(r"收件第(\d+)号", message).group(1)))
    fits_the_screen(page)
    screenshot("side_submitted")

    clerk = User.objects.get(username="wg_clerk")
    assert (filing.owner, filing.submitted_by, filing.helped_by) == (party, party, clerk)
    receipt = Delivery.objects.get(
        notice__subject=filing_notice_subject(filing), notice__kind=NoticeKind.RECEIPT
    )
    assert receipt.recipient == party and receipt.served_at is None
    sign_out(page)

    # The party, at home with a password of their own, finds the receipt in their inbox.
    party.set_password(PASSWORD)
    party.save()
    sign_in_as(page, PARTY_MOBILE, PASSWORD, "/filing/portal/")
    assert f"收件第{filing.pk}号" in page.locator(f'tr[data-filing="{filing.pk}"]').inner_text()
    page.get_by_role("link", name=re.compile("^文书送达")).click()
    row = page.locator(f'tr[data-notice="{receipt.notice_id}"]')
    assert "材料收据" in row.inner_text() and "未读" in row.inner_text()
    fits_the_screen(page)
    screenshot("side_party_inbox")


def test_an_intern_files_for_the_lawyer_of_their_firm(page, desk, demo_users, demo_password, screenshot):
    page.set_default_timeout(10_000)
    lawyer, intern = demo_users["lawyer"], demo_users["intern"]
    sign_in_as(page, "intern", demo_password, "/filing/portal/")
    page.get_by_role("button", name="网上立案").click()
    page.wait_for_url(re.compile(r"/portal/drafts/\d+/case/$"))
    fill_case(page, screenshot, "intern")
    fill_parties(page, screenshot, "intern", plaintiff="孙七", plaintiff_id=PARTY_ID, phone="13800138001")
    page.get_by_label("代理律师（您为之提交的本所执业律师）").select_option(label=lawyer.get_full_name())
    fits_the_screen(page)
    screenshot("intern_step_agents")
    step_done(page, "claims")
    assert lawyer.get_full_name() in Draft.objects.get(owner=intern).data["agents"][0]["name"]
    fill_claims(page, screenshot, "intern")
    upload_and_generate(
        page,
        {
            "原告身份证明": desk["id_card"],
            "证据目录及证据": desk["evidence"],
            "授权委托书": desk["power"],
            "律师事务所函": desk["firm_letter"],
        },
    )
    step_done(page, "confirm")
    filing_pk = submit_draft(page, screenshot, "intern")
    row = page.locator(f'tr[data-filing="{filing_pk}"]')
    assert f"代理律师 {lawyer.get_full_name()}" in row.inner_text()
    screenshot("intern_portal_list")

    filing = Filing.objects.get(pk=filing_pk)
    assert filing.owner == lawyer and filing.submitted_by == intern
    agent = filing.agents.get()
    assert (
        agent.name == lawyer.get_full_name() and agent.licence_number == lawyer.portal_account.licence_number
    )
    sign_out(page)

    sign_in_as(page, "lawyer", demo_password, "/filing/portal/")
    row = page.locator(f'tr[data-filing="{filing_pk}"]')
    assert f"由 {intern.get_full_name()} 提交" in row.inner_text()
    row.get_by_role("link", name=f"收件第{filing_pk}号").click()
    page.wait_for_url(f"**/portal/filings/{filing_pk}/")
    assert "孙七" in page.locator("main").inner_text()
    fits_the_screen(page)
    screenshot("intern_lawyer_filing")


def test_another_lawyer_sees_nothing_of_the_first_lawyers_filing(page, desk, demo_users, demo_password):
    page.set_default_timeout(10_000)
    # The first lawyer (the demo lawyer) files, and a draft is left half-way.
    sign_in_as(page, "lawyer", demo_password, "/filing/portal/")
    page.get_by_role("button", name="网上立案").click()
    page.wait_for_url(re.compile(r"/portal/drafts/\d+/case/$"))
    fill_case(page, lambda name: None, "x")
    fill_parties(page, lambda name: None, "x", plaintiff="周八", plaintiff_id=PARTY_ID, phone="13800138002")
    step_done(page, "claims")
    fill_claims(page, lambda name: None, "x")
    complaint = upload_and_generate(
        page,
        {
            "原告身份证明": desk["id_card"],
            "证据目录及证据": desk["evidence"],
            "授权委托书": desk["power"],
            "律师事务所函": desk["firm_letter"],
        },
    )
    step_done(page, "confirm")
    filing_pk = submit_draft(page, lambda name: None, "x")
    page.get_by_role("button", name="网上立案").click()
    page.wait_for_url(re.compile(r"/portal/drafts/\d+/case/$"))
    draft_url = page.url
    sign_out(page)

    filing = Filing.objects.get(pk=filing_pk)
    upload = filing.rounds.get().uploads.first()
    notice_pk = Delivery.objects.get(recipient=filing.owner).notice_id

    # A second verified lawyer of another firm.
    other = PortalUserFactory(username="13600000009", mobile="13600000009", full_name="冯律师", role=LAWYER)
    other.set_password(PASSWORD)
    other.save()
    PortalAccountFactory(
        user=other,
        kind=PortalAccountKind.LAWYER,
        firm="河南另一律师事务所",
        licence_number="14104201510000077",
        verified_at=timezone.now(),
    )
    sign_in_as(page, "13600000009", PASSWORD, "/filing/portal/")
    assert "还没有立案申请" in page.locator("main").inner_text()
    assert "周八" not in page.locator("main").inner_text()
    for url in (
        f"/filing/portal/filings/{filing_pk}/",
        f"/filing/portal/filings/{filing_pk}/correct/",
        f"/filing/portal/filings/{filing_pk}/withdraw/",
        f"/filing/portal/filings/{filing_pk}/notices/{notice_pk}/",
        f"/filing/uploads/{upload.pk}/",
        f"/filing/uploads/{upload.pk}/thumbnail.png",
        f"/notices/inbox/{notice_pk}/",
        f"/notices/{notice_pk}/pdf/",
        complaint,
        draft_url,
        draft_url.replace("/case/", "/"),
    ):
        response = page.goto(url)
        assert response.status == 404, (url, response.status)
    page.goto("/notices/inbox/")
    assert "还没有送达给您的文书" in page.locator("main").inner_text()
    assert not Delivery.objects.filter(recipient=other).exists()
