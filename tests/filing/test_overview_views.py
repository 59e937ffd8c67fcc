"""The filing panel page, its drill-down lists and their exports (issue 7)."""

import csv
import io
import re
import zipfile
from datetime import date

import pytest
import time_machine

from courthall import daily_counts
from courthall.models import Department
from courthall.roles import JUDGE
from courthall.supervision import OTHER_COURT
from filing.models import Filing, Party, PartyRole
from filing.selectors.figures import UNKNOWN_FIGURE
from tests.factories import UserFactory
from tests.filing.factories_overview import FilingFactory, at, hand_counted_data

NOW = at("2026-11-18", "10:00")
QUERY = "from=2026-11-02&to=2026-11-15&compare=previous&by=day"


@pytest.fixture
def data(wugang, clerk, supervisor):
    department = Department.objects.get(court=wugang, name="民事审判庭")
    judge = UserFactory(court=wugang, full_name="王法官", role=JUDGE, department=department)
    return hand_counted_data(wugang, clerk=clerk, supervisor=supervisor, judge=judge, department=department)


@time_machine.travel(NOW, tick=False)
def test_the_panel_is_for_supervisors_of_their_own_court(client, data, clerk, supervisor):
    client.force_login(clerk)
    assert client.get("/filing/overview/").status_code == 403
    client.force_login(supervisor)
    refused = client.get("/filing/overview/?court=99999")
    assert refused.status_code == 403 and OTHER_COURT in refused.content.decode()


@time_machine.travel(NOW, tick=False)
def test_htmx_gets_the_section_and_a_browser_the_full_page(client, data, supervisor):
    client.force_login(supervisor)
    fragment = client.get(f"/filing/overview/?{QUERY}", headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("{#") is False and "<html" not in fragment
    assert '<section class="card ch-panel' in fragment
    page = client.get(f"/filing/overview/?{QUERY}").content.decode()
    assert "<html" in page and "echarts.min.js" in page and '<section class="card ch-panel' in page
    # The number links to its list with the period: registered on the spot, 1 against 2 before, ▼ -1.
    link = re.search(r'href="([^"]+)" data-figure="registered_on_spot">(\d+)<', page)
    assert link.group(2) == "1" and "figure=registered_on_spot" in link.group(1)
    assert "from=2026-11-02" in link.group(1).replace("&amp;", "&")
    assert "▼ -1" in page


@time_machine.travel(NOW, tick=False)
def test_a_bad_period_shows_its_message_and_the_default_period(client, data, supervisor):
    client.force_login(supervisor)
    page = client.get("/filing/overview/?from=2026-13-01").content.decode()
    assert "日期格式不正确" in page
    listing = client.get("/filing/overview/list/?figure=received&from=2026-11-15&to=2026-11-02")
    assert listing.status_code == 200 and "开始日期不能晚于结束日期" in listing.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_list_shows_the_figures_rows_with_links(client, data, supervisor):
    client.force_login(supervisor)
    page = client.get(f"/filing/overview/list/?figure=second_notices&{QUERY}").content.decode()
    assert "经批准的二次告知" in page and 'id="row-count">1<' in page
    # Who approved and why.
    assert "刘芳" in page and "原借条复印件系补正后才发现字迹不清" in page
    assert f"/filing/filings/{data['L'].pk}/" in page


@time_machine.travel(NOW, tick=False)
def test_unknown_figure_is_a_404_with_a_message(client, supervisor):
    client.force_login(supervisor)
    response = client.get("/filing/overview/list/?figure=nonsense")
    assert response.status_code == 404 and UNKNOWN_FIGURE in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_list_pages_thirty_rows_keeping_the_period(client, wugang, supervisor):
    for minute in range(31):
        FilingFactory(court=wugang, received_at=at("2026-11-10", f"09:{minute:02d}"))
    client.force_login(supervisor)
    first = client.get(f"/filing/overview/list/?figure=received&{QUERY}").content.decode()
    assert first.count("<tr>") == 31  # the heading and 30 rows
    assert "figure=received&amp;page=2" in first
    second = client.get(f"/filing/overview/list/?figure=received&{QUERY}&page=2").content.decode()
    assert second.count("<tr>") == 2


@time_machine.travel(NOW, tick=False)
def test_csv_export_has_the_rows_of_the_list(client, data, supervisor):
    refused = data["M"]
    for order, (role, name) in enumerate([(PartyRole.PLAINTIFF, "王某"), (PartyRole.DEFENDANT, "李某公司")]):
        Party.objects.create(filing=refused, role=role, name=name, sort_order=order)
    refused.first_receiver = refused.decided_by
    refused.save(update_fields=["first_receiver"])
    client.force_login(supervisor)
    response = client.get(f"/filing/overview/list/?figure=refusals&{QUERY}&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "案号或收件号",
        "当事人",
        "第一责任人",
        "立案渠道",
        "案件类型",
        "收到材料时间",
        "状态",
        "裁定时间",
        "处理人",
        "不予受理理由",
        "法律依据",
    ]
    assert rows[1][1:] == [
        "王某、李某公司",  # in their order, in one sub-select
        "张敏",
        "窗口立案",
        "民事一审案件",
        "2026-11-06 10:00",
        "不予受理",
        "2026-11-07 10:00",
        "张敏",
        "不属于人民法院受理民事诉讼的范围",
        "《中华人民共和国民事诉讼法》第一百二十七条",
    ]
    assert len(rows) == 2


@time_machine.travel(NOW, tick=False)
def test_xlsx_export_has_the_rows_of_the_list(client, data, supervisor):
    client.force_login(supervisor)
    response = client.get(f"/filing/overview/list/?figure=late_assignments&{QUERY}&format=xlsx")
    assert "spreadsheetml" in response["Content-Type"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count("<row ") == 3  # heading, J, K
    assert "（2026）豫0481民初2号" in sheet and "（2026）豫0481民初3号" in sheet
    assert "首次分案时间" in sheet and "立案庭无可分案的法官" in sheet


@time_machine.travel(NOW, tick=False)
def test_a_bad_format_is_refused_with_a_message(client, data, supervisor):
    client.force_login(supervisor)
    response = client.get(f"/filing/overview/list/?figure=received&{QUERY}&format=pdf")
    assert response.status_code == 400 and "导出格式只能是" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_panel_costs_the_same_queries_at_two_sizes(
    client, data, wugang, supervisor, django_assert_max_num_queries
):
    client.force_login(supervisor)
    client.get(f"/filing/overview/?{QUERY}")  # the first request stores the settled days (daily counts)
    with django_assert_max_num_queries(14) as small:
        client.get(f"/filing/overview/?{QUERY}")
    for day in range(2, 16):
        for hour in range(8, 16):
            FilingFactory(
                court=wugang,
                received_at=at(f"2026-11-{day:02d}", f"{hour:02d}:00"),
                decision_due_on=date(2026, 11, 20),
            )
    # Filings entered afterwards with past dates are not in the stored days until they are forgotten.
    daily_counts.forget(court_id=wugang.pk)
    client.get(f"/filing/overview/?{QUERY}")
    with django_assert_max_num_queries(14) as large:
        response = client.get(f"/filing/overview/?{QUERY}")
    shown = int(re.search(r'data-figure="received">(\d+)<', response.content.decode()).group(1))
    received = Filing.objects.filter(
        court=wugang, received_at__gte=at("2026-11-02", "00:00"), received_at__lt=at("2026-11-16", "00:00")
    )
    assert shown == received.count() > 14 * 8
    assert len(small.captured_queries) == len(large.captured_queries)
