"""The 12368 line in Chromium: a call comes in, the agent opens a ticket from it, searches the knowledge
base, answers on the spot from an approved answer; the ticket shows closed with the answer, and the
caller's satisfaction is recorded. Also the case query's answer and refusal, as the agent sees them."""

import pytest
from django.utils import timezone

from hotline.models import Call, CallState, Ticket, TicketKind, TicketOutcome, TicketState
from hotline.services.tickets import CASE_QUERY_REFUSED
from tests.browser.test_sign_in import sign_in
from tests.hotline.conftest import registered_case
from tests.hotline.factories import CallFactory, TicketFactory

pytestmark = pytest.mark.browser

SHOTS = "/work/main/var/screenshots"


def test_a_call_is_answered_on_the_spot_from_the_knowledge_base(page, demo_users, demo_password):
    agent = demo_users["wg_agent"]
    # Earlier work in the agent's queue, one of it overdue, and a portal message nobody has taken.
    TicketFactory(
        court=agent.court,
        opened_by=agent,
        kind=TicketKind.CONTACT_JUDGE,
        subject="联系承办法官询问开庭时间",
        transfer_due_on=timezone.localdate(),
    )
    overdue = TicketFactory(
        court=agent.court, opened_by=agent, kind=TicketKind.COMPLAINT, subject="投诉窗口排队时间长"
    )
    Ticket.objects.filter(pk=overdue.pk).update(transfer_due_on="2026-01-05")
    TicketFactory(
        court=agent.court,
        opened_by=agent,
        channel="portal",
        first_responsible=None,
        subject="网上留言：询问执行进度",
    )
    # The telephony endpoint has put a call through to the agent.
    call = CallFactory(
        court=agent.court, agent=agent, state=CallState.TALKING, caller_number="13937500001", wait_seconds=4
    )

    sign_in(page, "wg_agent", demo_password)
    page.wait_for_url("**/hotline/")
    assert page.locator("#current-call-number").inner_text() == "13937500001"
    page.screenshot(path=f"{SHOTS}/issue6-tickets-workbench.png", full_page=True)

    page.get_by_role("link", name="为本次来电开工单").click()
    page.wait_for_url(f"**/hotline/tickets/new/?call={call.pk}")
    page.get_by_label("类别").select_option("consultation")
    page.get_by_label("来电（来访）人").fill("王先生")
    page.get_by_label("事项摘要").fill("咨询起诉需要准备哪些材料")
    page.get_by_role("button", name="受理，开工单").click()
    page.wait_for_url("**/hotline/tickets/*/")
    ticket = Ticket.objects.get(call=call)
    assert Call.objects.get(pk=call.pk).ticket == ticket

    page.get_by_label("检索知识库").fill("起诉 材料")
    page.get_by_role("button", name="检索知识库").click()
    result = page.get_by_role("article", name="起诉需要准备哪些材料？")
    result.wait_for()
    page.screenshot(path=f"{SHOTS}/issue6-tickets-knowledge-search.png", full_page=True)
    result.get_by_role("button", name="选用此答复").click()
    assert "起诉状" in page.get_by_label("告知来电人的答复").input_value()
    page.get_by_role("button", name="已告知来电人，当场办结").click()

    page.locator("#ticket-answer").wait_for()
    assert page.locator("#ticket-state").inner_text() == "已办结"
    assert "起诉状" in page.locator("#ticket-answer").inner_text()
    ticket.refresh_from_db()
    assert ticket.state == TicketState.CLOSED and ticket.outcome == TicketOutcome.ON_THE_SPOT
    assert ticket.knowledge_answer.question == "起诉需要准备哪些材料？"

    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="记录回访").click()
    page.get_by_text("已记录回访：满意。").wait_for()
    ticket.refresh_from_db()
    assert ticket.satisfaction == "satisfied"
    page.screenshot(path=f"{SHOTS}/issue6-tickets-closed.png", full_page=True)


def test_a_case_query_answered_and_refused(page, demo_users, demo_password):
    agent = demo_users["wg_agent"]
    registered_case(
        agent.court, "（2026）豫0481民初321号", parties=[("张三", "11010519491231002X"), ("李四", "")]
    )
    ticket = TicketFactory(
        court=agent.court, opened_by=agent, kind=TicketKind.QUERY, subject="查询案件进度", caller_name="张三"
    )
    sign_in(page, "wg_agent", demo_password)
    page.wait_for_url("**/hotline/")
    page.goto(f"/hotline/tickets/{ticket.pk}/")
    page.get_by_label("案号").fill("（2026）豫0481民初321号")
    page.get_by_label("证件号码").fill("110105194912310011")
    page.get_by_role("button", name="核实身份并查询").click()
    page.locator("#case-refusal").wait_for()
    assert CASE_QUERY_REFUSED in page.locator("#case-refusal").inner_text()
    page.screenshot(path=f"{SHOTS}/issue6-tickets-case-refused.png", full_page=True)

    page.get_by_label("案号").fill("（2026）豫0481民初321号")
    page.get_by_label("证件号码").fill("11010519491231002x")
    page.get_by_role("button", name="核实身份并查询").click()
    page.locator("#case-information").wait_for()
    assert "民间借贷纠纷" in page.locator("#case-information").inner_text()
    page.screenshot(path=f"{SHOTS}/issue6-tickets-case-identified.png", full_page=True)
