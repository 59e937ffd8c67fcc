"""The roster's pages through the HTTP client: who sees what, bad input, query counts, exports."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from courthall.roles import CLERK, SUPERVISOR
from courthall.roster.models import Attendance, LeaveRequest, LeaveState
from courthall.roster.services import NOT_SIGNED_IN
from courthall.supervision import OTHER_COURT
from tests.courthall.roster.factories import (
    AttendanceFactory,
    LeaveRequestFactory,
    OutingFactory,
    PostFactory,
    PostHoldingFactory,
    at,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 4)
NOW = at(TODAY, "11:30")


@pytest.fixture
def hall(holiday_table):
    """A court with a window held since 08:30, a guide desk left at 11:00, a clerk out since 10:30 who was
    due back at 11:00, and a supervisor."""
    window = PostFactory(name="1号窗口")
    court = window.court
    desk = PostFactory(court=court, name="导诉台")
    clerk = UserFactory(court=court, role=CLERK, full_name="张敏")
    PostHoldingFactory(post=window, started_at=at(TODAY, "08:30"))
    PostHoldingFactory(post=desk, started_at=at(TODAY, "08:30"), ended_at=at(TODAY, "11:00"))
    OutingFactory(person=clerk, went_at=at(TODAY, "10:30"), expected_back_at=at(TODAY, "11:00"))
    AttendanceFactory(person=clerk, signed_in_at=at(TODAY, "08:25"))
    return {
        "court": court,
        "window": window,
        "desk": desk,
        "clerk": clerk,
        "supervisor": UserFactory(court=court, role=SUPERVISOR),
    }


@time_machine.travel(NOW, tick=False)
def test_the_board_shows_holders_the_red_flag_and_the_out_of_office_board(
    client, hall, django_assert_max_num_queries
):
    client.force_login(hall["clerk"])
    with django_assert_max_num_queries(11):
        page = client.get(reverse("hall:board")).content.decode()
    assert "无人值守（自 11:00 起）" in page
    assert "市中级人民法院" in page and "逾时未归" in page


@time_machine.travel(NOW, tick=False)
def test_the_board_takes_the_same_queries_however_many_posts(client, hall, django_assert_max_num_queries):
    for n in range(8):
        post = PostFactory(court=hall["court"], name=f"{n + 5}号窗口")
        PostHoldingFactory(post=post, started_at=at(TODAY, "08:30"))
    client.force_login(hall["clerk"])
    with django_assert_max_num_queries(11):
        assert client.get(reverse("hall:board")).status_code == 200


def test_a_portal_user_may_not_see_the_board(client, hall):
    from tests.factories import PortalUserFactory

    client.force_login(PortalUserFactory())
    assert client.get(reverse("hall:board")).status_code == 403


@time_machine.travel(NOW, tick=False)
def test_signing_out_twice_shows_the_message_and_saves_nothing(client, hall):
    other = UserFactory(court=hall["court"], role=CLERK)
    client.force_login(other)
    response = client.post(reverse("hall:sign_out"))
    assert response.status_code == 200 and NOT_SIGNED_IN in response.content.decode()
    assert not Attendance.objects.filter(person=other).exists()


@time_machine.travel(NOW, tick=False)
def test_signing_in_at_a_post_through_the_page(client, hall):
    other = UserFactory(court=hall["court"], role=CLERK)
    client.force_login(other)
    response = client.post(reverse("hall:sign_in"), {"post": hall["desk"].pk})
    assert response.status_code == 302
    page = client.get(reverse("hall:me")).content.decode()
    assert "正在导诉台值守" in page


@time_machine.travel(NOW, tick=False)
def test_a_leave_request_with_a_bad_time_is_shown_again_with_the_message(client, hall):
    client.force_login(hall["clerk"])
    response = client.post(
        reverse("hall:leave_new"),
        {"kind": "sick", "starts_at": "2026-03-05T17:00", "ends_at": "2026-03-05T09:00", "reason": "发烧"},
    )
    assert "请假的结束时间须晚于开始时间。" in response.content.decode()
    response = client.post(
        reverse("hall:leave_new"), {"kind": "sick", "starts_at": "明天", "ends_at": "", "reason": "发烧"}
    )
    assert "时间格式不正确" in response.content.decode() and "请填写结束时间。" in response.content.decode()
    assert not LeaveRequest.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_supervisor_approves_from_the_inbox_and_another_court_gets_a_404(client, hall):
    leave = LeaveRequestFactory(person=hall["clerk"])
    client.force_login(hall["supervisor"])
    assert "张敏" in client.get(reverse("hall:leave_inbox")).content.decode()
    assert (
        client.post(reverse("hall:leave_decide", args=[leave.pk]), {"decision": "approve"}).status_code == 302
    )
    leave.refresh_from_db()
    assert leave.state == LeaveState.APPROVED
    stranger = UserFactory(role=SUPERVISOR)
    client.force_login(stranger)
    assert (
        client.post(reverse("hall:leave_decide", args=[leave.pk]), {"decision": "refuse"}).status_code == 404
    )
    assert client.post(reverse("hall:leave_decide", args=[999999]), {"decision": "refuse"}).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_panel_is_a_fragment_for_htmx_and_a_page_otherwise(client, hall, django_assert_max_num_queries):
    client.force_login(hall["supervisor"])
    url = reverse("hall:panel") + "?from=2026-03-04&to=2026-03-04"
    with django_assert_max_num_queries(18):
        fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<section") and "<html" not in fragment
    # Today up to 11:30: the window is held throughout (0 gaps); the guide desk 11:00–11:30 (1 gap, 30 min).
    assert "figure=gaps&amp;post=" in fragment
    page = client.get(url).content.decode()
    assert "<html" in page and 'id="hall-roster-panel"' in page


@time_machine.travel(NOW, tick=False)
def test_the_panel_is_for_supervisors_of_their_own_court(client, hall):
    client.force_login(hall["clerk"])
    assert client.get(reverse("hall:panel")).status_code == 403
    client.force_login(hall["supervisor"])
    response = client.get(reverse("hall:panel"), {"court": hall["court"].pk + 1})
    assert response.status_code == 403 and OTHER_COURT in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_gap_list_and_its_csv(client, hall):
    client.force_login(hall["supervisor"])
    query = {"figure": "gaps", "from": "2026-03-04", "to": "2026-03-04"}
    page = client.get(reverse("hall:list"), query).content.decode()
    assert "导诉台" in page and "共 1 条" in page
    response = client.get(reverse("hall:list"), {**query, "format": "csv"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    # One gap: the guide desk from 11:00 to now (11:30), 30 minutes.
    assert lines == ["岗位,日期,开始,结束,分钟", "导诉台,2026-03-04,11:00,11:30,30"]


@time_machine.travel(NOW, tick=False)
def test_lists_refuse_an_unknown_figure_or_format_without_a_500(client, hall):
    client.force_login(hall["supervisor"])
    assert client.get(reverse("hall:list"), {"figure": "nothing"}).status_code == 404
    response = client.get(reverse("hall:list"), {"figure": "out_now", "format": "pdf"})
    assert response.status_code == 200 and "导出格式只能是" in response.content.decode()
    response = client.get(reverse("hall:list"), {"figure": "sign_ins", "from": "2026-13-01"})
    assert response.status_code == 200 and "日期格式不正确" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_out_now_list_as_xlsx(client, hall):
    client.force_login(hall["supervisor"])
    response = client.get(reverse("hall:list"), {"figure": "overdue_back", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(response.streaming_content)[:2] == b"PK"


@time_machine.travel(NOW, tick=False)
def test_the_panel_takes_the_same_queries_for_a_long_period(client, hall, django_assert_max_num_queries):
    from datetime import timedelta

    for back in range(1, 40):
        day = TODAY - timedelta(days=back)
        PostHoldingFactory(post=hall["window"], started_at=at(day, "08:30"), ended_at=at(day, "17:30"))
        AttendanceFactory(person=UserFactory(court=hall["court"]), signed_in_at=at(day, "08:20"))
    client.force_login(hall["supervisor"])
    with django_assert_max_num_queries(18):
        response = client.get(reverse("hall:panel"), {"from": "2026-01-01", "to": "2026-03-04"})
    assert response.status_code == 200


@time_machine.travel(NOW, tick=False)
def test_every_figure_list_opens(client, hall):
    from courthall.roster.views_panel import FIGURES

    client.force_login(hall["supervisor"])
    for key in FIGURES:
        assert client.get(reverse("hall:list"), {"figure": key}).status_code == 200
    page = client.get(reverse("hall:list"), {"figure": "unstaffed_now"}).content.decode()
    # The guide desk, left at 11:00, is the one post unstaffed now.
    assert "导诉台" in page and "1号窗口" not in page and "共 1 条" in page
