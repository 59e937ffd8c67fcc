"""The filing panel's figures against a small data set counted by hand (factories_overview.py)."""

from datetime import date

import pytest
import time_machine
from django.http import QueryDict

from courthall.models import Department
from courthall.roles import JUDGE
from courthall.supervision import period_choice_from_query
from filing.selectors import figures
from filing.selectors.overview_panel import filing_panel
from tests.factories import UserFactory
from tests.filing.factories_overview import at, hand_counted_data

TODAY = date(2026, 11, 18)
NOW = at("2026-11-18", "10:00")
QUERY = "from=2026-11-02&to=2026-11-15&compare=previous&by=day"


@pytest.fixture
def data(wugang, clerk, supervisor):
    department = Department.objects.get(court=wugang, name="民事审判庭")
    judge = UserFactory(court=wugang, full_name="王法官", role=JUDGE, department=department)
    return hand_counted_data(wugang, clerk=clerk, supervisor=supervisor, judge=judge, department=department)


def choice():
    return period_choice_from_query(QueryDict(QUERY), today=TODAY)


def count(key, court, query=QUERY):
    picked = period_choice_from_query(QueryDict(query), today=TODAY)
    return figures.figure_count(figures.get(key), court_id=court.pk, choice=picked, today=TODAY)


def letters(key, court, data, query=QUERY):
    """The letters of the data set's filings in a figure's list, in the list's order."""
    picked = period_choice_from_query(QueryDict(query), today=TODAY)
    figure = figures.get(key)
    by_pk = {filing.pk: name for name, filing in data.items()}
    field = "pk" if "pk" in figure.values else "filing_id"
    rows = figures.figure_rows(figure, court_id=court.pk, choice=picked, today=TODAY)
    return [by_pk[row[field]] for row in rows]


@time_machine.travel(NOW, tick=False)
def test_now_figures(data, wugang):
    # Received today by channel (the calendar day): A at the counter, B online; C came 17-11 18:00.
    assert letters("received_today_counter", wugang, data) == ["A"]
    assert letters("received_today_online", wugang, data) == ["B"]
    assert count("received_today_cross_region", wugang) == 0
    # Waiting (undecided, limit not passed): A B C D F H T; G awaits correction (off the clock), E is past
    # its limit, P and Q are in mediation. F's limit is today, H's in 2 days, the rest 4 days or more.
    assert sorted(letters("waiting", wugang, data)) == ["A", "B", "C", "D", "F", "H", "T"]
    assert letters("waiting_due_today", wugang, data) == ["F"]
    assert letters("waiting_due_soon", wugang, data) == ["H"]
    assert letters("waiting_due_later", wugang, data) == [
        "T",
        "D",
        "C",
        "B",
        "A",
    ]  # by the limit, then received
    # Overdue: same-day review missed by E (11-10), D and T (11-16); C and B are due today.
    assert letters("overdue_same_day", wugang, data) == ["E", "T", "D"]  # by the date, then received
    # The 3-working-day limit missed by E alone (11-13); D and T have until 11-19.
    assert letters("overdue_three_days", wugang, data) == ["E"]
    # The statutory period passed undecided: E (11-17). G's 11-12 does not count: awaiting correction.
    assert letters("overdue_statutory", wugang, data) == ["E"]
    # Mediation P ended 11-16 without an outcome; Q has until 11-20.
    assert letters("overdue_mediation", wugang, data) == ["P"]


@time_machine.travel(NOW, tick=False)
def test_flow_figures_over_the_period_and_the_comparison(data, wugang):
    # Received 11-02..15: K E F G H I J L M T Q (S and P came 11-01, D 11-16).
    assert sorted(letters("received", wugang, data)) == sorted("KEFGHIJLMTQ")
    assert letters("registered", wugang, data) == ["S", "I", "J", "K", "L"]
    assert letters("registered_on_spot", wugang, data) == ["I"]
    assert letters("registered_first", wugang, data) == ["K"]
    assert letters("refusals", wugang, data) == ["M"]
    # J assigned three days after registration; K never (its day is over). I, L, S the same day.
    assert letters("late_assignments", wugang, data) == ["J", "K"]
    # I's limit passed 11-12 with 100 yuan due; K paid its 50 yuan in time.
    assert letters("unpaid_at_limit", wugang, data) == ["I"]
    # Corrections: G (11-06) lapsed, L's two notices (11-05, 11-09) answered by 11-09 and 11-10.
    assert letters("corrections_issued", wugang, data) == ["L", "G", "L"]
    assert letters("corrections_corrected", wugang, data) == ["L", "L"]
    assert letters("corrections_lapsed", wugang, data) == ["G"]
    # One approved second-notice item (L's follow-up has two items, one of them second).
    assert letters("second_notices", wugang, data) == ["L"]
    # The previous period 10-19..11-01: N and O on the spot; N's fee unpaid at 10-30 (treated as withdrawn).
    previous = "from=2026-10-19&to=2026-11-01&compare=none"
    assert letters("registered_on_spot", wugang, data, previous) == ["N", "O"]
    assert letters("unpaid_at_limit", wugang, data, previous) == ["N"]
    assert sorted(letters("received", wugang, data, previous)) == ["N", "O", "P", "S"]


@time_machine.travel(NOW, tick=False)
def test_the_panel_counts_are_the_lists_lengths_and_compare_with_the_previous_period(data, wugang):
    panel = filing_panel(court_id=wugang.pk, choice=choice(), today=TODAY)
    shown = [*panel["received_today"], panel["waiting"], *panel["waiting_by_days_left"], *panel["overdue"]]
    for item in [*shown, *panel["flow"]]:
        assert item.count == count(item.figure.key, wugang), item.figure.key
    flow = {item.figure.key: item for item in panel["flow"]}
    # On the spot: 1 now against 2 before: ▼ −1. Registered: 5 against 2: ▲ +3.
    assert (flow["registered_on_spot"].count, flow["registered_on_spot"].compare_count) == (1, 2)
    assert (flow["registered_on_spot"].trend, flow["registered_on_spot"].difference) == ("▼", -1)
    assert (flow["registered"].trend, flow["registered"].difference) == ("▲", 3)
    # More refusals is worse (red), more registrations better (green).
    assert flow["refusals"].trend_class == "text-danger"
    assert flow["registered"].trend_class == "text-success"
    assert flow["received"].compare_url.endswith(
        "from=2026-10-19&to=2026-11-01&compare=previous&by=day&figure=received"
    )
    assert panel["received_today_total"] == 2


@time_machine.travel(NOW, tick=False)
def test_the_chart_counts_received_and_registered_by_day_and_week(data, wugang):
    panel = filing_panel(court_id=wugang.pk, choice=choice(), today=TODAY)
    lines = {line["name"]: line["data"] for line in panel["chart"]["series"]}
    assert len(lines["收件"]) == 14
    # 11-05: G and L received; 11-10: K and L registered.
    assert lines["收件"][3] == 2
    assert lines["立案"][8] == 2
    assert sum(lines["收件"]) == 11 and sum(lines["立案"]) == 5
    # The previous period's line beside it: N (10-26, its 8th day) and O.
    assert sum(lines["收件（上一周期）"]) == 4
    weekly = period_choice_from_query(QueryDict(QUERY.replace("by=day", "by=week")), today=TODAY)
    week_lines = {
        line["name"]: line["data"]
        for line in filing_panel(court_id=wugang.pk, choice=weekly, today=TODAY)["chart"]["series"]
    }
    # Weeks from Monday 11-02 and Monday 11-09: registered S I J, then K L.
    assert week_lines["立案"] == [3, 2]


def test_a_seven_day_limit_running_into_national_day_ends_on_the_next_working_day(wugang, clerk):
    """Received 2026-09-30: 7 days end 10-07, a holiday (10-01..07, DOMAIN.md §4), so the limit is 10-08."""
    from tests.filing.conftest import civil_filing

    with time_machine.travel(at("2026-09-30", "09:00"), tick=False):
        filing = civil_filing(clerk)
        filing.refresh_from_db()
        assert filing.decision_due_on == date(2026, 10, 8)
        from filing.services.filings import filing_decide_later

        filing_decide_later(filing=filing, user=clerk)
    query = "from=2026-09-30&to=2026-10-08"
    day = period_choice_from_query(QueryDict(query), today=date(2026, 10, 8))

    def on(key, today):
        return figures.figure_count(figures.get(key), court_id=wugang.pk, choice=day, today=today)

    # On 10-07 (a holiday) and 10-08 it is still within the limit — on 10-08 due today; overdue from 10-09.
    assert (on("waiting_due_later", date(2026, 10, 5)), on("overdue_statutory", date(2026, 10, 7))) == (1, 0)
    assert (on("waiting_due_soon", date(2026, 10, 7)), on("overdue_statutory", date(2026, 10, 8))) == (1, 0)
    assert on("waiting_due_today", date(2026, 10, 8)) == 1
    assert on("overdue_statutory", date(2026, 10, 9)) == 1


@time_machine.travel(NOW, tick=False)
def test_another_courts_filings_are_not_counted(data, wugang):
    from tests.factories import CourtFactory
    from tests.filing.factories_overview import FilingFactory

    other = CourtFactory()
    FilingFactory(court=other, received_at=at("2026-11-18", "08:00"), decision_due_on=date(2026, 11, 1))
    assert count("received_today_counter", wugang) == 1
    assert count("overdue_statutory", wugang) == 1
    assert count("overdue_statutory", other) == 1
