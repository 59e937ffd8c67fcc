"""A missed call called back, in Chromium (issue 6, part CALLS; 钢城承诺三: 接通率 100%): the telephony system
pushes a call nobody answered, it shows on the agent's callback list, the agent calls back, reaches the
caller and logs it; the call leaves the list and its page shows the callback and the caller's filing."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hotline.models import Call, Callback, CallbackOutcome, CallState
from hotline.services.telephony import telephony_token_create
from tests.browser.conftest import COUNTER_SCREEN
from tests.browser.test_sign_in import sign_in
from tests.filing.conftest import civil_filing
from tests.hotline.factories import CallFactory

pytestmark = pytest.mark.browser

SHOTS = "issue6-calls2-"  # "issue6-calls-" is taken by another part's screenshots
NUMBER = "13800138000"  # civil_filing's plaintiff 张三


def assert_fits_the_screen(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= COUNTER_SCREEN["width"]


def push(token: str, **payload) -> dict:
    response = Client().post(
        reverse("hotline:telephony_events"),
        data=json.dumps(payload),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.content.decode()
    return response.json()


def test_missed_call_is_called_back_and_leaves_the_list(page, demo_users, demo_password, screenshot):
    agent = demo_users["wg_agent"]
    court = agent.court
    civil_filing(demo_users["wg_clerk"])  # the caller is a plaintiff of this court
    _, token = telephony_token_create(court=court)
    now = timezone.now().replace(microsecond=0)
    # Some earlier traffic on the line, for the log and the lookup.
    CallFactory(court=court, caller_number=NUMBER, agent=agent, offered_at=now - timedelta(days=3))
    CallFactory(court=court, caller_number="13912345678", agent=agent, offered_at=now - timedelta(hours=2))
    overdue = CallFactory(
        court=court,
        caller_number="03758188000",
        state=CallState.ABANDONED,
        agent=None,
        answered_at=None,
        talk_seconds=None,
        wait_seconds=25,
        offered_at=now - timedelta(days=7),
        callback_due_on=timezone.localdate(now - timedelta(days=7)),
    )
    Callback.objects.create(
        call=overdue,
        number=overdue.caller_number,
        at=now - timedelta(days=7) + timedelta(hours=1),
        by=agent,
        outcome=CallbackOutcome.NO_ANSWER,
    )

    # The telephony system pushes a call that rang 40 seconds and was hung up.
    offered = now - timedelta(minutes=20)
    push(token, call_id="PBX-0001", event="offered", at=offered.isoformat(), caller=NUMBER)
    assert (
        push(token, call_id="PBX-0001", event="ended", at=(offered + timedelta(seconds=40)).isoformat())[
            "state"
        ]
        == CallState.ABANDONED
    )
    call = Call.objects.get(call_id="PBX-0001")

    sign_in(page, "wg_agent", demo_password)
    page.wait_for_url("**/hotline/")
    page.get_by_role("link", name="未接来电回拨").click()  # from the line's home page
    page.wait_for_url("**/hotline/callbacks/")
    row = page.locator(f"#call-{call.pk}")
    assert NUMBER in row.inner_text()
    assert "今天" in row.inner_text()
    assert "已逾期" in page.locator(f"#call-{overdue.pk}").inner_text()
    assert "无人接听" in page.locator(f"#call-{overdue.pk}").inner_text()  # the earlier attempt
    assert_fits_the_screen(page)
    screenshot(f"{SHOTS}callback-list")

    # The agent calls back, reaches the caller and logs what was said.
    row.get_by_role("link", name="登记回拨").click()
    page.wait_for_url(f"**/hotline/calls/{call.pk}/callback/")
    assert "张三（原告）" in page.inner_text("#caller-lookup")
    page.get_by_label("已接通").check()
    page.get_by_label("告知内容").fill("来电人询问立案后何时开庭，已告知等待承办法官通知，并告知承办庭电话。")
    assert_fits_the_screen(page)
    screenshot(f"{SHOTS}callback-form")
    page.get_by_role("button", name="保存回拨记录").click()
    page.wait_for_url("**/hotline/callbacks/")
    assert "已移出回拨名单" in page.get_by_role("alert").inner_text()
    assert page.locator(f"#call-{call.pk}").count() == 0

    call.refresh_from_db()
    assert call.called_back_at is not None
    assert call.callbacks.get().outcome == CallbackOutcome.REACHED

    # The call's page shows the callback and the caller's earlier contacts.
    page.goto(f"/hotline/calls/{call.pk}/")
    assert "回拨接通" in page.inner_text("#callback-status")
    assert "已告知等待承办法官通知" in page.inner_text("#callbacks")
    assert "张三（原告）" in page.inner_text("#caller-lookup")
    assert_fits_the_screen(page)
    screenshot(f"{SHOTS}call-detail")

    page.get_by_role("link", name="来电登记").click()
    page.wait_for_url("**/hotline/calls/")
    assert "PBX" not in page.inner_text("main")  # the log shows times and numbers, not ids
    assert NUMBER in page.inner_text("main")
    assert_fits_the_screen(page)
    screenshot(f"{SHOTS}call-log")

    # Entering a call by hand: typing the number brings up the caller's records beside the form (htmx).
    page.get_by_role("link", name="人工登记来电").click()
    page.wait_for_url("**/hotline/calls/new/")
    page.get_by_label("来电号码").fill(NUMBER)
    page.locator("#caller-lookup-box #caller-lookup").wait_for()
    assert "张三（原告）" in page.inner_text("#caller-lookup-box")
    assert_fits_the_screen(page)
    screenshot(f"{SHOTS}call-new")
