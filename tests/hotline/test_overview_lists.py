"""The list behind each figure of the line's overview panel, its Excel and CSV exports, who may open them,
and what a bad period, figure or format shows (issue 7)."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils.http import urlencode

from courthall.exports import UNKNOWN_FORMAT
from courthall.roles import AGENT, SUPERVISOR
from courthall.supervision import BAD_DATE, OTHER_COURT, REVERSED_RANGE
from hotline.views.overview import UNKNOWN_FIGURE
from tests.factories import UserFactory
from tests.hotline.overview_setup import NOW, PERIOD_QUERY, calls, tickets_and_transfers
from tests.hotline.routing_setup import frozen, make_hall

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    hall = make_hall()
    calls(hall.court, hall.other_court)
    hall.made = tickets_and_transfers(hall)
    return hall


def _get(client, name: str, **query):
    with frozen(NOW, "18:00"):
        return client.get(reverse(name) + "?" + urlencode(query))


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_list_of_same_day_transfers(client, hall):
    client.force_login(hall.supervisor)
    response = _get(client, "hotline:overview_list", figure="transfer.same_day", **PERIOD_QUERY)
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count == 3  # A, D, H: the panel's number
    numbers = {cells[0] for _, cells in response.context["table"]}
    assert numbers == {hall.made[key].number for key in ("a", "d", "h")}
    html = response.content.decode()
    assert "当日转交" in html and "共 3 件" in html
    assert reverse("hotline:ticket_detail", args=[hall.made["a"].pk]) in html
    assert "导出 Excel" in html and "导出 CSV" in html


def test_the_panel_links_each_number_to_its_list(client, hall):
    client.force_login(hall.supervisor)
    response = _get(client, "hotline:overview_panel", **PERIOD_QUERY)
    html = response.content.decode()
    late = response.context["overview"].shown["transfer.late"]
    assert f'href="{late.url.replace("&", "&amp;")}" data-figure="transfer.late">3</a>' in html
    listed = _get(
        client, "hotline:overview_list", **dict(pair.split("=") for pair in late.url.split("?")[1].split("&"))
    )
    assert listed.context["page"].paginator.count == 3


def test_the_xlsx_export_holds_the_rows_of_the_list(client, hall):
    client.force_login(hall.supervisor)
    response = _get(client, "hotline:overview_list", figure="reply.late", format="xlsx", **PERIOD_QUERY)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(_body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("工单编号", "工单类别", "方式", "转交时间")
    # Late replies: E's transfer (never replied) and F's (replied 10-12 for 10-10), in the order sent.
    body = rows[1:]
    assert [row[0] for row in body] == [hall.made["e"].number, hall.made["f"].number]
    assert [row[1] for row in body] == ["咨询", "投诉"]
    assert body[0][3] == "2026-10-08 10:30"  # Beijing time, as the hall read it
    assert body[0][7] == "2026-10-10" and body[0][8] is None  # due 10-10, no reply
    assert body[1][8] == "2026-10-12 10:00"
    assert all(row[5] == "赵志强" for row in body)


def test_the_csv_export_of_missed_calls(client, hall):
    client.force_login(hall.supervisor)
    response = _get(client, "hotline:overview_list", figure="calls.abandoned", format="csv", **PERIOD_QUERY)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))
    assert rows[0] == [
        "来电时间",
        "来电号码",
        "状态",
        "接听坐席",
        "等待秒数",
        "通话秒数",
        "回拨期限",
        "回拨接通时间",
    ]
    # Three missed 1–10 Oct, the latest first: 10-10, then the two of 10-08 (one reached at 11:00).
    assert [row[0][:10] for row in rows[1:]] == ["2026-10-10", "2026-10-08", "2026-10-08"]
    assert {row[2] for row in rows[1:]} == {"未接通"}
    assert sorted(row[7] for row in rows[1:]) == ["", "", "2026-10-08 11:00"]


def test_a_list_of_the_open_tickets_ignores_the_period(client, hall):
    client.force_login(hall.supervisor)
    response = _get(
        client, "hotline:overview_list", figure="overdue.answer", **{"from": "2026-01-01", "to": "2026-01-02"}
    )
    numbers = {cells[0] for _, cells in response.context["table"]}
    assert numbers == {hall.made["a"].number, hall.made["i"].number}
    assert "截至今天仍未办结的工单" in response.content.decode()


def test_a_long_list_is_paged(client, hall):
    from tests.hotline.factories import TicketFactory
    from tests.hotline.routing_setup import at

    for _ in range(55):
        TicketFactory(court=hall.court, opened_at=at("2026-10-04"), opened_by=hall.agent)
    client.force_login(hall.supervisor)
    first = _get(client, "hotline:overview_list", figure="tickets.received", **PERIOD_QUERY)
    assert first.context["page"].paginator.count == 64  # 9 of the data set + 55
    assert len(first.context["table"]) == 50
    second = _get(client, "hotline:overview_list", figure="tickets.received", page=2, **PERIOD_QUERY)
    assert len(second.context["table"]) == 14
    assert "page=2" in first.content.decode() and "from=2026-10-01" in first.content.decode()


def test_an_unknown_figure_is_a_404_with_the_reason(client, hall):
    client.force_login(hall.supervisor)
    response = _get(client, "hotline:overview_list", figure="calls.everything", **PERIOD_QUERY)
    assert response.status_code == 404
    assert UNKNOWN_FIGURE in response.content.decode()


def test_an_unknown_export_format_shows_the_message(client, hall):
    client.force_login(hall.supervisor)
    response = _get(client, "hotline:overview_list", figure="calls.offered", format="pdf", **PERIOD_QUERY)
    assert response.status_code == 400
    assert UNKNOWN_FORMAT in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-13-01", "to": "2026-10-10"}, BAD_DATE),
        ({"from": "2026-10-10", "to": "2026-10-01"}, REVERSED_RANGE),
    ],
)
def test_a_bad_period_shows_the_message_and_the_default_period(client, hall, query, message):
    client.force_login(hall.supervisor)
    for name in ("hotline:overview_panel", "hotline:overview_list"):
        response = _get(client, name, figure="calls.offered", **query)
        assert response.status_code == 200
        assert message in response.content.decode()
        # The last 30 days up to today instead: 13 Sept – 12 Oct.
        assert response.context["choice"].period.start_on.isoformat() == "2026-09-13"


def test_htmx_gets_the_fragment_and_a_browser_the_page(client, hall):
    client.force_login(hall.supervisor)
    with frozen(NOW, "18:00"):
        url = reverse("hotline:overview_panel") + "?" + urlencode(PERIOD_QUERY)
        fragment = client.get(url, headers={"HX-Request": "true"})
        page = client.get(url)
    text = fragment.content.decode().strip()
    assert text.startswith('<section class="card')
    assert "<html" not in text and "echarts" not in text
    assert "HX-Request" in fragment["Vary"]
    full = page.content.decode()
    assert "<html" in full and "echarts.min.js" in full and 'id="hotline-overview"' in full


def test_another_courts_supervisor_is_refused(client, hall):
    stranger = UserFactory(court=hall.other_court, role=SUPERVISOR)
    client.force_login(stranger)
    for name in ("hotline:overview_panel", "hotline:overview_list"):
        response = _get(client, name, figure="calls.offered", court=hall.court.pk, **PERIOD_QUERY)
        assert response.status_code == 403
        assert OTHER_COURT in response.content.decode()
    # Their own panel counts only their own court: the one call of theirs on 10-08.
    own = _get(client, "hotline:overview_panel", **PERIOD_QUERY)
    assert own.context["overview"].shown["calls.offered"].value == 1
    assert own.context["overview"].shown["transfer.late"].value == 0


def test_an_agent_may_not_open_the_panel_or_its_lists(client, hall):
    client.force_login(UserFactory(court=hall.court, role=AGENT))
    assert _get(client, "hotline:overview_panel", **PERIOD_QUERY).status_code == 403
    assert _get(client, "hotline:overview_list", figure="calls.offered", **PERIOD_QUERY).status_code == 403
    client.logout()
    assert _get(client, "hotline:overview_panel").status_code == 302  # to the login page
