"""First contact at the counter in Chromium, by keyboard: an elderly visitor is received with priority,
handed over to a colleague with the party told (舞钢规范第九条), and the colleague closes the visit."""

import pytest

from courthall.roles import CLERK
from filing.models import Visit, VisitState
from filing.services.visits import HANDOVER_PARTY_NOT_INFORMED
from tests.browser.conftest import COUNTER_SCREEN
from tests.browser.test_sign_in import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def focused_name(page) -> str:
    return page.evaluate("document.activeElement.name || document.activeElement.textContent.trim()")


def press_access_key(page, letter: str) -> None:
    """Alt+letter as a real keyboard sends it (Chromium on Linux): a key-down and a character, which
    Playwright's keyboard.press leaves out when Alt is held, so an accesskey would never fire."""
    cdp = page.context.new_cdp_session(page)
    key = {"modifiers": 1, "key": letter, "code": f"Key{letter.upper()}"}
    cdp.send(
        "Input.dispatchKeyEvent", {"type": "rawKeyDown", "windowsVirtualKeyCode": ord(letter.upper()), **key}
    )
    cdp.send("Input.dispatchKeyEvent", {"type": "char", "text": letter, "unmodifiedText": letter, **key})
    cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "windowsVirtualKeyCode": ord(letter.upper()), **key})
    cdp.detach()


def assert_fits_the_counter_screen(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= COUNTER_SCREEN["width"]


def test_priority_visit_received_handed_over_and_closed_by_keyboard(
    page, demo_users, demo_password, screenshot
):
    clerk = demo_users["wg_clerk"]
    UserFactory(
        username="wg_clerk2",
        full_name="王丽",
        court=clerk.court,
        department=clerk.department,
        password=demo_password,
        role=CLERK,
    )

    # The clerk receives an elderly visitor: the cursor waits in the name field.
    sign_in(page, "wg_clerk", demo_password)
    page.wait_for_url("**/filing/counter/")
    assert focused_name(page) == "visitor_name"
    page.keyboard.type("李秀英")
    page.keyboard.press("Tab")
    page.keyboard.type("13800138000")
    page.keyboard.press("Tab")
    page.keyboard.type("11010519491231002X")
    page.keyboard.press("Tab")  # into the matters; the arrow keys choose: 立案 → 查询 → 咨询 → 联系法官
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert page.locator("input[name=matter]:checked").get_attribute("value") == "contact_judge"
    page.keyboard.press("Tab")
    assert focused_name(page) == "priority"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("老年人")
    page.keyboard.press("Tab")
    page.keyboard.type("想联系承办法官，询问开庭时间")
    assert_fits_the_counter_screen(page)
    screenshot("visit_counter_form")
    page.keyboard.press("Tab")
    assert focused_name(page) == "登记接待"
    page.keyboard.press("Enter")

    page.wait_for_url("**/filing/visits/*/")
    assert "已登记李秀英的来访（联系法官）" in page.get_by_role("alert").inner_text()
    assert "优先办理 · 老年人" in page.inner_text("main")
    assert_fits_the_counter_screen(page)
    screenshot("visit_detail")

    # 舞钢规范第九条: hand it over — refused until the party has been told.
    press_access_key(page, "y")
    page.wait_for_url("**/handover/")
    assert focused_name(page) == "to_user"
    for _ in range(5):
        if "王丽" in page.locator("select[name=to_user] option:checked").inner_text():
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # past the department
    page.keyboard.press("Tab")
    page.keyboard.type("联系法官事项由王丽跟进")
    page.keyboard.press("Tab")
    assert focused_name(page) == "party_informed"
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert HANDOVER_PARTY_NOT_INFORMED in page.inner_text("main")
    screenshot("visit_handover_refused")
    page.locator("input[name=party_informed]").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_url("**/filing/counter/")
    assert "已将李秀英的来访移交给王丽" in page.get_by_role("alert").inner_text()
    assert "没有未办结的接待" in page.inner_text("main")
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/login/")

    # The colleague finds it on their own list, priority marked, and closes it.
    sign_in(page, "wg_clerk2", demo_password)
    page.wait_for_url("**/filing/counter/")
    my_visits = page.get_by_role("list", name="我的未办结接待，优先办理在前，其余按等候时间")
    assert "李秀英" in my_visits.inner_text() and "优先 · 老年人" in my_visits.inner_text()
    screenshot("visit_counter_colleague")
    page.get_by_role("link", name="李秀英").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/filing/visits/*/")
    assert "联系法官事项由王丽跟进" in page.inner_text("main")
    screenshot("visit_detail_handed_over")
    press_access_key(page, "j")
    page.wait_for_url("**/close/")
    assert focused_name(page) == "outcome"
    page.keyboard.type("已联系赵志强法官，开庭时间已告知当事人")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_url("**/filing/counter/")
    assert "李秀英的来访已办结" in page.get_by_role("alert").inner_text()
    visit = Visit.objects.get()
    assert visit.state == VisitState.CLOSED
    assert visit.opened_by == clerk and visit.responsible.username == "wg_clerk2"
    assert [record.history_user.username for record in visit.history.order_by("history_date")] == [
        "wg_clerk",
        "wg_clerk",
        "wg_clerk2",
    ]
