"""The staffing chart: its figures (selector), its page (view) and its query bound."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from courthall.roles import AGENT, JUDGE, SUPERVISOR
from hotline.models import CallState, ShiftDuty
from hotline.permissions import NOT_LINE_STAFF
from hotline.selectors.staffing import default_period, staffing_table
from hotline.staffing import agents_needed
from hotline.staffing_chart import staffing_chart
from hotline.views.staffing import PERIOD_BACKWARDS, PERIOD_TOO_LONG
from tests.factories import CourtFactory, UserFactory
from tests.hotline.factories import CallFactory, LineShiftFactory

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
# Wednesday 18 March 2026: the last four complete weeks run Monday 16 February to Sunday 15 March.
TODAY = datetime(2026, 3, 18, 9, 0, tzinfo=BEIJING)
FIRST, LAST = date(2026, 2, 16), date(2026, 3, 15)
MONDAYS = [FIRST + timedelta(weeks=n) for n in range(4)]


def _call(court, on: date, hour: int, minute: int = 5, **kwargs):
    return CallFactory(court=court, offered_at=datetime.combine(on, time(hour, minute), BEIJING), **kwargs)


def _row(table, weekday: int, hour: int):
    return next(row for row in table.rows if (row.weekday, row.hour) == (weekday, hour))


def test_default_period_is_the_last_four_complete_weeks():
    assert default_period(TODAY.date()) == (FIRST, LAST)
    # On a Monday the week just ended counts.
    assert default_period(date(2026, 3, 16)) == (FIRST, LAST)


def test_hour_of_the_week_figures():
    court = CourtFactory()
    # Monday 10–11: 8 calls over the four Mondays (2 a week), 6 answered of 120 s and 240 s, 2 missed.
    for monday in MONDAYS:
        _call(court, monday, 10, talk_seconds=120)
    for monday in MONDAYS[:2]:
        _call(court, monday, 10, 30, talk_seconds=240)
    for monday in MONDAYS[2:]:
        _call(court, monday, 10, 40, state=CallState.ABANDONED, agent=None, talk_seconds=None)
    # One agent on every Monday 08:30–17:30, a second on two of them.
    for monday in MONDAYS:
        LineShiftFactory(court=court, on=monday)
    for monday in MONDAYS[:2]:
        LineShiftFactory(court=court, on=monday, starts_at=time(10, 0), ends_at=time(12, 0))

    table = staffing_table(court_id=court.pk, first_on=FIRST, last_on=LAST)

    row = _row(table, 1, 10)
    assert row.offered_per_week == 2
    assert row.offered == 8 and row.answered == 6
    assert row.handling_seconds == 160  # (4 × 120 + 2 × 240) / 6, no wrap-up
    assert row.needed == agents_needed(2, 160, 10, 0.9) == 1
    assert row.rostered == 1.5  # 4 full shifts + 2 = 6 agent-hours over 4 Mondays
    assert row.answer_percent == "75%"
    # 08:30 starts half-way through the 08–09 hour.
    assert _row(table, 1, 8).rostered == 0.5
    assert _row(table, 1, 17).rostered == 0.5
    # An hour without calls needs no one.
    assert _row(table, 1, 9).needed == 0
    assert _row(table, 1, 9).answer_percent == ""


def test_the_hall_hours_are_always_shown_and_other_hours_only_with_calls():
    court = CourtFactory()
    _call(court, MONDAYS[0], 20)  # an evening call
    table = staffing_table(court_id=court.pk, first_on=FIRST, last_on=LAST)
    hours_of_monday = [row.hour for row in table.rows if row.weekday == 1]
    assert hours_of_monday == [*range(8, 18), 20]
    # Weekdays Monday–Friday; no weekend day without calls or shifts.
    assert sorted({row.weekday for row in table.rows}) == [1, 2, 3, 4, 5]
    saturday = FIRST + timedelta(days=5)
    _call(court, saturday, 9)
    table = staffing_table(court_id=court.pk, first_on=FIRST, last_on=LAST)
    assert [row.hour for row in table.rows if row.weekday == 6] == list(range(8, 18))


def test_calls_of_another_court_outside_the_period_and_ringing_do_not_count():
    court = CourtFactory()
    _call(CourtFactory(), MONDAYS[0], 10)
    _call(court, FIRST - timedelta(days=7), 10)
    _call(court, LAST + timedelta(days=1), 10)
    _call(court, MONDAYS[0], 10, state=CallState.RINGING, agent=None)
    LineShiftFactory(court=court, on=MONDAYS[0], duty=ShiftDuty.DUTY_JUDGE)  # a duty judge is not an agent
    table = staffing_table(court_id=court.pk, first_on=FIRST, last_on=LAST)
    row = _row(table, 1, 10)
    assert (row.offered, row.rostered) == (0, 0)


def test_an_hour_whose_calls_were_all_missed_uses_the_period_handling_time():
    court = CourtFactory()
    for monday in MONDAYS:
        _call(court, monday, 9, talk_seconds=300)
        for _ in range(5):
            _call(court, monday, 11, state=CallState.ABANDONED, agent=None, talk_seconds=None)
    table = staffing_table(court_id=court.pk, first_on=FIRST, last_on=LAST)
    row = _row(table, 1, 11)
    assert row.handling_seconds == 300
    assert row.needed == agents_needed(5, 300, 10, 0.9) > 0
    assert row.answer_percent == "0%"


def test_the_target_comes_from_the_settings(settings):
    court = CourtFactory()
    for monday in MONDAYS:
        for minute in range(0, 60, 2):
            _call(court, monday, 10, minute)  # 30 calls of 180 s an hour: 1.5 erlangs
    strict = _row(staffing_table(court_id=court.pk, first_on=FIRST, last_on=LAST), 1, 10).needed
    settings.COURTHALL_HOTLINE_ANSWER_WITHIN_SECONDS = 60
    settings.COURTHALL_HOTLINE_SERVICE_LEVEL = 0.5
    loose = _row(staffing_table(court_id=court.pk, first_on=FIRST, last_on=LAST), 1, 10).needed
    assert strict == agents_needed(30, 180, 10, 0.9)
    assert loose == agents_needed(30, 180, 60, 0.5) < strict


# --- the page ----------------------------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("role", [AGENT, SUPERVISOR])
def test_agents_and_supervisors_see_the_chart_and_the_table(client, role):
    user = UserFactory(role=role)
    for monday in MONDAYS:
        _call(user.court, monday, 10)
        LineShiftFactory(court=user.court, on=monday)
    client.force_login(user)
    response = client.get(reverse("hotline:staffing"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page and 'class="ch-bar-needed"' in page
    assert "2026年2月16日至2026年3月15日" in page
    assert response.context["table"].first_on == FIRST
    assert _row(response.context["table"], 1, 10).offered == 4


@time_machine.travel(TODAY, tick=False)
def test_a_chosen_period(client):
    user = UserFactory(role=AGENT)
    _call(user.court, date(2026, 3, 16), 10)  # this week's Monday: outside the default
    client.force_login(user)
    response = client.get(reverse("hotline:staffing"), {"first_on": "2026-03-16", "last_on": "2026-03-17"})
    table = response.context["table"]
    assert (table.first_on, table.last_on) == (date(2026, 3, 16), date(2026, 3, 17))
    assert _row(table, 1, 10).offered_per_week == 1


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    "query,message",
    [
        ({"first_on": "2026-03-10", "last_on": "2026-03-01"}, PERIOD_BACKWARDS),
        ({"first_on": "2024-01-01", "last_on": "2026-03-01"}, PERIOD_TOO_LONG),
        ({"first_on": "2026-13-40", "last_on": "2026-03-01"}, "开始日期："),
    ],
)
def test_a_bad_period_says_so_and_shows_the_default(client, query, message):
    client.force_login(UserFactory(role=AGENT))
    response = client.get(reverse("hotline:staffing"), query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["table"].first_on == FIRST


def test_others_are_refused_with_the_reason_and_visitors_sent_to_sign_in(client):
    client.force_login(UserFactory(role=JUDGE))
    response = client.get(reverse("hotline:staffing"))
    assert response.status_code == 403
    assert NOT_LINE_STAFF in response.content.decode()
    client.logout()
    assert client.get(reverse("hotline:staffing")).status_code == 302


@time_machine.travel(TODAY, tick=False)
def test_the_page_takes_the_same_queries_however_many_calls(client, django_assert_max_num_queries):
    user = UserFactory(role=SUPERVISOR)
    client.force_login(user)

    def seed(weeks_of_calls: int):
        for monday in MONDAYS[:weeks_of_calls]:
            for day in range(5):
                for hour in range(8, 18):
                    _call(user.court, monday + timedelta(days=day), hour)
                LineShiftFactory(court=user.court, on=monday + timedelta(days=day))

    seed(1)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("hotline:staffing")).status_code == 200
    seed(4)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("hotline:staffing")).status_code == 200


def test_the_chart_draws_each_hour_to_one_scale_for_the_week():
    court = CourtFactory()
    for monday in MONDAYS:
        for minute in range(0, 60, 3):
            _call(court, monday, 10, minute)  # 20 calls of 180 s an hour
        LineShiftFactory(court=court, on=monday)
    table = staffing_table(court_id=court.pk, first_on=FIRST, last_on=LAST)
    charts = staffing_chart(table)
    assert [chart.name for chart in charts] == ["周一", "周二", "周三", "周四", "周五"]
    monday = charts[0]
    needed = {bar.label.split()[0]: bar for bar in monday.needed}
    rostered = {bar.label.split()[0]: bar for bar in monday.rostered}
    top = max(tick.value for tick in monday.ticks)
    assert needed["10–11"].value == _row(table, 1, 10).needed > 0
    # Heights are to scale: the full plot height is the top tick.
    assert needed["10–11"].height == pytest.approx(needed["10–11"].value / top * 120)
    assert rostered["09–10"].height == pytest.approx(1 / top * 120)
    assert rostered["08–09"].height == pytest.approx(rostered["09–10"].height / 2)
    # Bars stand on the axis; every day shares Monday's scale.
    assert needed["10–11"].y + needed["10–11"].height == pytest.approx(monday.plot_bottom)
    assert {max(tick.value for tick in chart.ticks) for chart in charts} == {top}
    short = [row for row in table.rows if row.weekday == 1 and row.needed > row.rostered]
    assert monday.short_hours == len(short) > 0
