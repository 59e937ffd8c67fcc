"""The year-end watch (钢城承诺六：严禁年底不立案) against a hand-counted set of filings.

The set (2026; December 2026's ISO weeks are 1–6, 7–13, 14–20, 21–27 and 28–31 December):
  January–November: 8 received in March, each registered the same day; 1 received in October and refused;
    1 received 25 November, registered 3 December. Received 10, registered 8: the ratio is 80%.
  Week 1 (1–6 Dec):  received D1 (registered 1 Dec) and D2 (awaiting correction) → 2; registered D1 and
    the 25 November one → 2 (100%).
  Week 2 (7–13):     received D3 (registered 8 Dec), D4 (under review) → 2; registered 1 (50%, but the
    second week is not a "later" week: not flagged).
  Week 3 (14–20):    received D5, D6, both registered in the week → 2 and 2 (100%).
  Week 4 (21–27):    received D7 (registered 21 Dec), D8 (received), D9, D10 (under review) → 4; 1 (25%,
    under 80% of 80% = 64%: flagged).
  Week 5 (28 Dec):   received D11 (received) → 1; 0 (0%: flagged).
  Undecided across the new year on 28 December: D2, D4, D8, D9, D10, D11 → 6, all still open.
  December 2025: one filing received 20 December 2025 (its third week), still under review: it is last
    year's only undecided one and last December's third week's only receipt.
  Another court's filing received in December counts nowhere.
"""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from courthall.roles import CLERK
from courthall.supervision import BAD_DATE, OTHER_COURT, Period, PeriodChoice, period_choice_from_query
from filing.models import FilingState
from filing.selectors.year_end import (
    NO_DECEMBER,
    NOT_DECEMBER,
    SHOWING_LAST_DECEMBER,
    watched_year,
    year_end_watch,
)
from tests.factories import CourtFactory, UserFactory
from tests.filing.panel_data import at, filing

DEC = 12


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


@pytest.fixture
def year_2026(wugang, clerk):
    made = {}
    for day in range(2, 10):
        filing(wugang, d(3, day), registered_on=d(3, day), registered_by=clerk)
    filing(wugang, d(10, 12), state=FilingState.REFUSED, decided_on=d(10, 14), decided_by=clerk)
    filing(wugang, d(11, 25), registered_on=d(DEC, 3), registered_by=clerk)
    made["D1"] = filing(wugang, d(DEC, 1), registered_on=d(DEC, 1), registered_by=clerk)
    made["D2"] = filing(wugang, d(DEC, 2), state=FilingState.AWAITING_CORRECTION, decided_on=d(DEC, 4))
    made["D3"] = filing(wugang, d(DEC, 8), registered_on=d(DEC, 8), registered_by=clerk)
    made["D4"] = filing(wugang, d(DEC, 9))
    made["D5"] = filing(wugang, d(DEC, 15), registered_on=d(DEC, 15), registered_by=clerk)
    made["D6"] = filing(wugang, d(DEC, 16), registered_on=d(DEC, 17), registered_by=clerk)
    made["D7"] = filing(wugang, d(DEC, 21), registered_on=d(DEC, 21), registered_by=clerk)
    made["D8"] = filing(wugang, d(DEC, 22), state=FilingState.RECEIVED)
    made["D9"] = filing(wugang, d(DEC, 23))
    made["D10"] = filing(wugang, d(DEC, 24))
    made["D11"] = filing(wugang, d(DEC, 28), state=FilingState.RECEIVED)
    filing(wugang, d(DEC, 20, 2025))
    filing(CourtFactory(), d(DEC, 22))
    return made


def choice_for(today: date, **query) -> PeriodChoice:
    from django.http import QueryDict

    params = QueryDict(mutable=True)
    params.update(query)
    return period_choice_from_query(params, today=today)


@time_machine.travel(at(d(DEC, 28)), tick=False)
def test_december_weeks_against_january_to_november(wugang, year_2026):
    today = d(DEC, 28)
    watch = year_end_watch(court_id=wugang.pk, choice=choice_for(today), today=today)

    assert watch.year == 2026 and watch.notes == ()
    assert [(w.period.start_on.day, w.period.end_on.day) for w in watch.weeks] == [
        (1, 6),
        (7, 13),
        (14, 20),
        (21, 27),
        (28, 28),  # clipped to today
    ]
    assert [(w.received, w.registered) for w in watch.weeks] == [(2, 2), (2, 1), (2, 2), (4, 1), (1, 0)]
    assert [w.ratio_percent for w in watch.weeks] == [100, 50, 100, 25, 0]
    # 10 received and 8 registered over the 334 days of January–November.
    assert watch.baseline_ratio == pytest.approx(0.8)
    assert watch.baseline_received_per_week == pytest.approx(10 / 334 * 7)
    assert watch.weeks[0].baseline_received == pytest.approx(10 / 334 * 6)  # a six-day week
    # The second week's 50% is early in the month; the fourth's and the fifth's are flagged.
    assert [w.flagged for w in watch.weeks] == [False, False, False, True, True]
    assert watch.undecided == 6 and watch.undecided_open == 6
    # With a comparison, each week beside the same dates of 2025: 20 December 2025 is in 14–20 December.
    assert [w.earlier_received for w in watch.weeks] == [0, 0, 1, 0, 0]
    assert watch.earlier_undecided == 1 and watch.undecided_change == 5
    assert watch.chart["labels"][0] == "12月1日–6日"
    assert watch.chart["series"][0]["data"] == [2, 2, 2, 4, 1]


@time_machine.travel(at(d(1, 10, 2027)), tick=False)
def test_in_january_last_december_and_the_filings_decided_in_the_new_year(wugang, clerk, year_2026):
    # D10 registered on 5 January and D8 refused on 6 January: both were undecided across the new year.
    # (2027 is beyond chinesecalendar: nothing here reads the holiday table, which falls back to weekends.)
    type(year_2026["D10"]).objects.filter(pk=year_2026["D10"].pk).update(
        state=FilingState.REGISTERED,
        registered_at=at(d(1, 5, 2027)),
        decided_at=at(d(1, 5, 2027)),
        registered_by=clerk,
    )
    type(year_2026["D8"]).objects.filter(pk=year_2026["D8"].pk).update(
        state=FilingState.REFUSED, decided_at=at(d(1, 6, 2027)), decided_by=clerk
    )
    today = d(1, 10, 2027)
    watch = year_end_watch(court_id=wugang.pk, choice=choice_for(today, compare="none"), today=today)

    assert watch.year == 2026
    assert watch.notes == (NOT_DECEMBER, SHOWING_LAST_DECEMBER.format(year=2026))
    assert len(watch.weeks) == 5 and watch.weeks[-1].period == Period(d(DEC, 28), d(DEC, 31))
    # The January registration is not a December week's: the weeks are as on 28 December.
    assert [(w.received, w.registered) for w in watch.weeks] == [(2, 2), (2, 1), (2, 2), (4, 1), (1, 0)]
    # Still open: D2, D4, D9, D11; decided in January: D8, D10.
    assert watch.undecided == 6 and watch.undecided_open == 4
    assert watch.earlier_undecided is None and watch.weeks[0].earlier_received is None


def test_which_december():
    assert watched_year(Period(d(DEC, 1), d(DEC, 28))) == 2026
    # A period in November 2026 reaches no December: 2025's ended eleven months before it starts.
    assert watched_year(Period(d(11, 1), d(11, 30))) is None
    assert watched_year(Period(d(1, 1), d(11, 30))) is None
    assert watched_year(Period(d(1, 1, 2025), d(6, 30))) == 2025  # reaches December 2025
    assert watched_year(Period(d(1, 2, 2027), d(1, 20, 2027))) == 2026  # the January after


@time_machine.travel(at(d(6, 30)), tick=False)
def test_outside_december_says_when_it_applies(client, supervisor, year_2026):
    client.force_login(supervisor)
    response = client.get(reverse("filing:overview_year_end"), {"from": "2026-06-01", "to": "2026-06-30"})
    assert response.status_code == 200
    assert response.context["panel"].year is None
    content = response.content.decode()
    assert NOT_DECEMBER in content and NO_DECEMBER in content


@time_machine.travel(at(d(DEC, 28)), tick=False)
def test_each_number_opens_its_list(client, supervisor, year_2026):
    client.force_login(supervisor)
    response = client.get(reverse("filing:overview_year_end"))
    watch = response.context["panel"]
    week4 = watch.weeks[3]
    for url, expected in ((week4.received_url, 4), (week4.registered_url, 1), (watch.undecided_url, 6)):
        listed = client.get(url)
        assert listed.status_code == 200
        assert listed.context["page"].paginator.count == expected
    export = client.get(week4.received_url + "&format=csv")
    assert export.status_code == 200
    assert len(b"".join(export.streaming_content).decode("utf-8-sig").strip().splitlines()) == 1 + 4


@time_machine.travel(at(d(DEC, 28)), tick=False)
def test_page_fragment_and_refusals(client, supervisor, wugang, year_2026):
    client.force_login(supervisor)
    url = reverse("filing:overview_year_end")
    page = client.get(url).content.decode()
    assert "<html" in page and 'data-chart="year-end-weeks-chart-data"' in page and "echarts" in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<section") and "<html" not in fragment
    assert 'id="year-end-weeks"' in fragment and "table-danger" in fragment  # the flagged weeks

    bad = client.get(url, {"from": "2026-13-01"})
    assert bad.status_code == 200 and BAD_DATE in bad.content.decode()

    other = client.get(url, {"court": str(CourtFactory().pk)})
    assert other.status_code == 403 and OTHER_COURT in other.content.decode()
    client.force_login(UserFactory(court=wugang, role=CLERK))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("extra", [0, 40])
@time_machine.travel(at(d(DEC, 28)), tick=False)
def test_query_count_does_not_grow_with_the_data(
    client, supervisor, wugang, year_2026, extra, django_assert_max_num_queries
):
    for n in range(extra):
        filing(wugang, d(DEC, 1 + n % 27), registered_on=d(DEC, 1 + n % 27) if n % 2 else None)
    client.force_login(supervisor)
    url = reverse("filing:overview_year_end")
    client.get(url)
    # Session, user, permissions (2), roles for the header: 5; received and registered by day (each its
    # stored days and today's live count: 4), the undecided, last year's undecided (stored): 2.
    with django_assert_max_num_queries(11):
        assert client.get(url).status_code == 200
