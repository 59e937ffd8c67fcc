"""The first-contact panel (首接负责制, 舞钢规范第五条、第九条) against a hand-counted set of visits.

Today is 28 December 2026; the default period is 29 November – 28 December, compared with the 30 days
before it (30 October – 28 November).
  张敏 (clerk): open visits opened 20 December and 28 December → 2, the oldest 8 days old.
  王强: one open visit opened 27 December → 1, 1 day old; it came from 张敏 by a hand-over on 27 December.
  Closed: one visit closed 10 December (in the period), one closed 5 November (the comparison period).
  Hand-overs: 27 December (张敏 → 王强) and 2 December (王强 → 张敏) in the period; 1 November in the
    comparison period. Another court's open visit and hand-over count nowhere.
"""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from courthall.roles import CLERK
from courthall.supervision import BAD_DATE, OTHER_COURT, period_choice_from_query
from filing.selectors.first_contact import first_contact_panel
from tests.factories import CourtFactory, UserFactory
from tests.filing.panel_data import at, handover, visit

TODAY = date(2026, 12, 28)


def dec(day: int) -> date:
    return date(2026, 12, day)


@pytest.fixture
def visits(wugang, clerk):
    wang = UserFactory(court=wugang, full_name="王强", role=CLERK)
    visit(wugang, clerk, at(dec(20), 9))
    visit(wugang, clerk, at(dec(28), 9))
    handed = visit(wugang, wang, at(dec(27), 9))
    handover(handed, clerk, wang, at(dec(27), 10))
    closed = visit(wugang, clerk, at(dec(10), 9), closed_at=at(dec(10), 11))
    handover(closed, wang, clerk, at(dec(2), 10), reason="需要立案窗口办理")
    older = visit(wugang, clerk, at(date(2026, 11, 1), 9), closed_at=at(date(2026, 11, 5), 11))
    handover(older, clerk, wang, at(date(2026, 11, 1), 10))
    other_court = CourtFactory()
    stranger = UserFactory(court=other_court)
    handover(
        visit(other_court, stranger, at(dec(26))), stranger, UserFactory(court=other_court), at(dec(26), 11)
    )
    return {"wang": wang}


@time_machine.travel(at(TODAY, 12), tick=False)
def test_open_visits_per_person_hand_overs_and_closings(wugang, clerk, visits):
    from django.http import QueryDict

    choice = period_choice_from_query(QueryDict(), today=TODAY)
    panel = first_contact_panel(court_id=wugang.pk, choice=choice, today=TODAY)

    assert [(p.name, p.open, p.oldest_days) for p in panel.responsible] == [("张敏", 2, 8), ("王强", 1, 1)]
    assert panel.open_total == 3 and panel.oldest_days == 8
    assert panel.handovers == 2 and panel.earlier_handovers == 1 and panel.handovers_change == 1
    assert [(h.from_name, h.to_name) for h in panel.latest_handovers] == [("张敏", "王强"), ("王强", "张敏")]
    assert panel.closed == 1 and panel.earlier_closed == 1 and panel.closed_change == 0


@time_machine.travel(at(TODAY, 12), tick=False)
def test_each_number_opens_its_list_and_exports(client, supervisor, clerk, visits):
    client.force_login(supervisor)
    panel = client.get(reverse("filing:overview_first_contact")).context["panel"]
    zhang = panel.responsible[0]
    for url, expected in (
        (panel.open_url, 3),
        (zhang.url, 2),
        (panel.handovers_url, 2),
        (panel.closed_url, 1),
    ):
        listed = client.get(url)
        assert listed.status_code == 200 and listed.context["page"].paginator.count == expected
    # One person's list keeps the person in its exports (`person` is a parameter the figure carries).
    export = client.get(zhang.url + "&format=csv")
    lines = b"".join(export.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 2 and all("张敏" in line for line in lines[1:])


@time_machine.travel(at(TODAY, 12), tick=False)
def test_page_fragment_and_refusals(client, supervisor, wugang, visits):
    client.force_login(supervisor)
    url = reverse("filing:overview_first_contact")
    page = client.get(url).content.decode()
    assert "<html" in page and 'id="first-contact-people"' in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert (
        fragment.lstrip().startswith("<section")
        and "<html" not in fragment
        and "需要立案窗口办理" in fragment
    )

    bad = client.get(url, {"to": "2026-12-99"})
    assert bad.status_code == 200 and BAD_DATE in bad.content.decode()
    other = client.get(url, {"court": str(CourtFactory().pk)})
    assert other.status_code == 403 and OTHER_COURT in other.content.decode()
    client.force_login(UserFactory(court=wugang, role=CLERK))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("extra", [0, 30])
@time_machine.travel(at(TODAY, 12), tick=False)
def test_query_count_does_not_grow_with_the_data(
    client, supervisor, wugang, clerk, visits, extra, django_assert_max_num_queries
):
    for n in range(extra):
        person = UserFactory(court=wugang, role=CLERK)
        handover(visit(wugang, person, at(dec(1 + n % 27))), person, clerk, at(dec(1 + n % 27), 11))
    client.force_login(supervisor)
    url = reverse("filing:overview_first_contact")
    client.get(url)
    # Session, user, permissions (2), roles for the header: 5; open per person, hand-over counts, latest
    # hand-overs, closings: 4.
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200
