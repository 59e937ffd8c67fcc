"""A contact-the-judge request in Chromium (issue 6, part ROUTING): the agent transfers it to the judge the
same day (seed 002), the judge answers it in their 热线转办 inbox, and the ticket shows the reply, waiting
for the agent to call the caller back. The duty judge's queue and the overdue list are looked at too.

The callback that closes the ticket is the tickets part's page (ticket_answer_by_callback), not yet in
main when this was written: the journey stops once the reply shows on the ticket as 待回复来电人."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courthall.models import Department
from hotline.models import LineShift, ShiftDuty, TicketKind, TicketOutcome, TicketState
from hotline.services.routing import ticket_ask_duty_judge, ticket_transfer
from tests.browser.conftest import COUNTER_SCREEN
from tests.browser.test_sign_in import sign_in
from tests.hotline.factories import TicketFactory

pytestmark = pytest.mark.browser

SHOTS = "issue6-routing-"


def assert_fits_the_screen(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= COUNTER_SCREEN["width"]


def test_contact_the_judge_is_transferred_and_answered_in_the_inbox(
    page, browser, live_server, demo_users, demo_password, screenshot
):
    agent, judge = demo_users["wg_agent"], demo_users["wg_judge"]
    ticket = TicketFactory(
        court=agent.court,
        kind=TicketKind.CONTACT_JUDGE,
        opened_by=agent,
        caller_name="李秀英",
        caller_number="13800138000",
        subject="想联系承办法官，询问（2026）豫0481民初123号的开庭时间",
        request_text="来电人称收到传票但开庭时间看不清，希望法官回电确认。",
        transfer_due_on=timezone.localdate(),
    )

    # The agent opens the ticket's routing and transfers it to the civil judge.
    sign_in(page, "wg_agent", demo_password)
    page.wait_for_url("**/hotline/")
    page.goto(f"/hotline/tickets/{ticket.pk}/")
    page.get_by_role("link", name="转办", exact=True).click()
    page.wait_for_url(f"**/hotline/tickets/{ticket.pk}/transfer/")
    page.get_by_label("转交给法官").select_option(label=f"{judge} · {judge.department.name}")
    page.get_by_label("转交说明").fill("来电人李秀英询问开庭时间，请法官确认后答复，由热线回复来电人。")
    assert_fits_the_screen(page)
    screenshot(f"{SHOTS}transfer-form")
    page.get_by_role("button", name="确认转办").click()
    page.wait_for_url(f"**/hotline/tickets/{ticket.pk}/")
    assert f"已转交{judge}" in page.get_by_role("alert").inner_text()
    assert "已转办待答复" in page.inner_text("main")

    # The judge finds it in 热线转办 and answers.
    judge_context = browser.new_context(viewport=COUNTER_SCREEN, locale="zh-CN", base_url=live_server.url)
    judge_page = judge_context.new_page()
    sign_in(judge_page, "wg_judge", demo_password)
    judge_page.wait_for_url("**/filing/**")
    judge_page.get_by_role("link", name="热线转办").click()
    judge_page.wait_for_url("**/hotline/inbox/")
    assert ticket.subject in judge_page.inner_text("main")
    assert_fits_the_screen(judge_page)
    judge_page.screenshot(path=_path(f"{SHOTS}inbox"), full_page=True)
    judge_page.get_by_role("link", name="答复").first.click()
    judge_page.get_by_label("答复内容").fill("开庭时间为下周二上午九时，地点第三审判庭，请按时到庭。")
    judge_page.get_by_role("button", name="提交答复").click()
    judge_page.wait_for_url("**/hotline/inbox/")
    assert "已答复工单" in judge_page.get_by_role("alert").inner_text()
    assert "下周二上午九时" in judge_page.inner_text("main")  # under 最近已答复
    judge_context.close()

    # Back on the agent's screen, the reply shows and the ticket waits for the callback.
    page.reload()
    main = page.inner_text("main")
    assert "下周二上午九时" in main and "待回复来电人" in main
    ticket.refresh_from_db()
    assert ticket.state == TicketState.REPLIED
    screenshot(f"{SHOTS}ticket-replied")

    # The agent calls the caller back with the judge's answer, which closes the ticket (one complete answer).
    page.get_by_label("结果").select_option(label="已接通")
    page.get_by_label("告知内容").fill("已告知来电人：开庭时间为下周二上午九时，地点第三审判庭。")
    page.get_by_role("button", name="登记回拨").click()
    page.wait_for_url(f"**/hotline/tickets/{ticket.pk}/")
    ticket.refresh_from_db()
    assert ticket.state == TicketState.CLOSED
    assert ticket.outcome == TicketOutcome.CALLED_BACK
    callback = ticket.callbacks.get()
    assert (callback.by, callback.number) == (agent, "13800138000")
    assert "第三审判庭" in page.inner_text("main")


def _path(name: str):
    from tests.browser.conftest import SCREENSHOTS_DIR

    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS_DIR / f"{name}.png"


def test_the_duty_judge_queue_and_the_overdue_list(page, demo_users, demo_password, screenshot):
    agent, duty_judge, judge = demo_users["wg_agent"], demo_users["wg_duty_judge"], demo_users["wg_judge"]
    now = timezone.localtime()
    LineShift.objects.create(
        court=agent.court,
        duty=ShiftDuty.DUTY_JUDGE,
        person=duty_judge,
        on=now.date(),
        starts_at=now.replace(hour=0, minute=0).time(),
        ends_at=now.replace(hour=23, minute=59).time(),
    )
    for subject, question in [
        ("咨询诉前财产保全", "来电人问诉前财产保全需要提供多少担保、多久作出裁定？"),
        ("咨询追加被执行人", "来电人问申请追加被执行人应向哪个部门提出、需要什么材料？"),
    ]:
        ticket = TicketFactory(court=agent.court, opened_by=agent, subject=subject)
        ticket_ask_duty_judge(ticket=ticket, user=agent, question=question)

    # Overdue: a complaint not transferred for a week, a transfer whose reply is late.
    week_ago = timezone.now() - timedelta(days=7)
    TicketFactory(
        court=agent.court,
        kind=TicketKind.COMPLAINT,
        opened_by=agent,
        opened_at=week_ago,
        subject="投诉执行干警态度，未当日转交",
        transfer_due_on=timezone.localdate(week_ago),
    )
    late = TicketFactory(
        court=agent.court, kind=TicketKind.CONTACT_JUDGE, opened_by=agent, subject="联系法官"
    )
    ticket_transfer(ticket=late, user=agent, to_user=judge, note="转交")
    late.__class__.objects.filter(pk=late.pk).update(reply_due_on=timezone.localdate() - timedelta(days=5))
    enforcement = Department.objects.get(court=agent.court, name="执行局")
    elsewhere = TicketFactory(court=agent.court, kind=TicketKind.SUGGESTION, opened_by=agent, subject="建议")
    ticket_transfer(ticket=elsewhere, user=agent, to_department=enforcement, note="转交")

    sign_in(page, "wg_duty_judge", demo_password)
    page.wait_for_url("**/hotline/duty/")
    main = page.inner_text("main")
    assert main.index("诉前财产保全") < main.index("追加被执行人")
    assert "今日值班安排" in main and str(duty_judge) in main
    assert_fits_the_screen(page)
    screenshot(f"{SHOTS}duty-queue")

    page.context.clear_cookies()
    sign_in(page, "wg_agent", demo_password)
    page.wait_for_url("**/hotline/")
    page.goto("/hotline/overdue/")
    main = page.inner_text("main")
    assert "投诉执行干警态度" in main and "个工作日" in main
    assert "今日到期" in main
    assert_fits_the_screen(page)
    screenshot(f"{SHOTS}overdue")
    page.get_by_label("时限").select_option(label="答复")
    page.get_by_role("button", name="筛选").click()
    assert "投诉执行干警态度" not in page.inner_text("main")
    assert "赵志强 · 民事审判庭" in page.inner_text("main")


def test_a_material_transfer_lists_the_materials_and_gives_the_receipt(
    page, demo_users, demo_password, screenshot
):
    agent, judge = demo_users["wg_agent"], demo_users["wg_judge"]
    ticket = TicketFactory(
        court=agent.court,
        kind=TicketKind.MATERIAL_TRANSFER,
        opened_by=agent,
        caller_name="张某某",
        subject="当事人送来补充证据，请转承办法官",
    )
    sign_in(page, "wg_agent", demo_password)
    page.wait_for_url("**/hotline/")
    page.goto(f"/hotline/tickets/{ticket.pk}/transfer/")
    page.get_by_label("转交给法官").select_option(label=f"{judge} · {judge.department.name}")
    page.get_by_label("转交说明").fill("当事人张某某送来补充证据两份，请承办法官查收。")
    rows = page.locator("tbody tr")
    rows.nth(0).locator("input[name$=name]").fill("银行转账凭证")
    rows.nth(0).locator("input[name$=pages]").fill("6")
    rows.nth(1).locator("input[name$=name]").fill("微信聊天记录截图（打印件）")
    rows.nth(1).locator("input[name$=copies]").fill("2")
    rows.nth(1).locator("input[name$=pages]").fill("12")
    rows.nth(1).locator("input[name$=is_original]").check()
    assert_fits_the_screen(page)
    screenshot(f"{SHOTS}material-transfer-form")
    page.get_by_role("button", name="确认转办").click()
    page.wait_for_url(f"**/hotline/tickets/{ticket.pk}/")
    main = page.inner_text("main")
    assert "银行转账凭证（1份6页）" in main and "微信聊天记录截图（打印件）（2份12页，原件）" in main
    with page.expect_popup() as popup:
        page.get_by_role("link", name="材料收转回执").click()
    assert popup.value.url.endswith(f"/hotline/transfers/{ticket.transfers.get().pk}/receipt/")
