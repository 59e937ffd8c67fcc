"""The line's panel over a chosen period (issue 7): each figure against the hand-counted data set of
tests/hotline/overview_setup.py, the comparison beside it, the commitment's measure, the query bound."""

from datetime import date

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from courthall import daily_counts
from courthall.commitments import registered
from courthall.models import DailyCount
from courthall.supervision import Period, period_choice_from_query
from hotline import clocks
from hotline.models import Call, CallState
from hotline.selectors.figures import FIGURES, figure_rows
from hotline.selectors.overview import hotline_overview
from tests.hotline.factories import CallFactory, TicketFactory
from tests.hotline.overview_setup import NOW, PERIOD_QUERY, calls, tickets_and_transfers
from tests.hotline.routing_setup import at, frozen, make_hall

pytestmark = pytest.mark.django_db
TODAY = date.fromisoformat(NOW)
PERIOD = Period(date(2026, 10, 1), date(2026, 10, 10))


@pytest.fixture
def hall():
    hall = make_hall()
    calls(hall.court, hall.other_court)
    hall.made = tickets_and_transfers(hall)
    return hall


def _overview(hall, **query):
    choice = period_choice_from_query(QueryDict(urlencode({**PERIOD_QUERY, **query})), today=TODAY)
    return hotline_overview(court_id=hall.court.pk, choice=choice, today=TODAY)


def _values(overview, *keys):
    return {key: overview.shown[key].value for key in keys}


def _compared(overview, *keys):
    return {key: overview.shown[key].compared for key in keys}


def test_the_stored_transfer_days_across_national_day(hall):
    # A taken on the holiday: due the first working day after it; C on a Friday; D on the make-up Saturday.
    made = hall.made
    assert made["a"].transfer_due_on == date(2026, 10, 8)
    assert made["b"].transfer_due_on == date(2026, 10, 8)
    assert made["c"].transfer_due_on == date(2026, 10, 9)
    assert made["d"].transfer_due_on == date(2026, 10, 10)
    assert made["e"].transfer_due_on is None  # a consultation has no transfer clock
    # The reply clock of A's transfer (10-08) counts Friday and the make-up Saturday.
    made["a"].refresh_from_db()
    assert made["a"].transfers.get().reply_due_on == date(2026, 10, 10)


def test_calls_and_callbacks(hall):
    with frozen(NOW, "18:00"):
        overview = _overview(hall)
    # Period: 3+1 answered, 3 missed (one reached again), 1 ringing = 8 offered; comparison: 2 answered.
    assert _values(overview, "calls.offered", "calls.answered", "calls.abandoned", "calls.called_back") == {
        "calls.offered": 8,
        "calls.answered": 4,
        "calls.abandoned": 3,
        "calls.called_back": 1,
    }
    assert _compared(overview, "calls.offered", "calls.answered", "calls.abandoned") == {
        "calls.offered": 2,
        "calls.answered": 2,
        "calls.abandoned": 0,
    }
    # Missed, not called back, due before today: 10-08, 10-10 and 09-20 (today's is not yet overdue).
    assert overview.shown["callbacks.overdue"].value == 3
    assert overview.shown["callbacks.overdue"].compared is None  # a snapshot has nothing to compare
    rates = {
        row.label: row for group in overview.groups for row in group.rows if getattr(row, "is_rate", False)
    }
    assert (rates["接通率"].text, rates["接通率"].compared_text) == ("50%", "100%")
    assert rates["接通率"].change_text == "▼ 50 个百分点"
    assert rates["接通率"].change_class == "text-danger"
    assert rates["回拨率"].text == "33.3%"  # 1 of 3, rounded down
    assert rates["回拨率"].compared_text == ""  # no missed call in the comparison period


def test_same_day_transfers_measured_against_the_stored_day(hall):
    with frozen(NOW, "18:00"):
        overview = _overview(hall)
    # Same day: A (10-08 for a holiday ticket), D (the make-up Saturday), H (by its stored day 10-12).
    # Late: B (10-09 for 10-08), C (10-10 07:30 Beijing, still 10-09 in UTC), G (still open, due 10-10).
    assert _values(overview, "transfer.same_day", "transfer.late") == {
        "transfer.same_day": 3,
        "transfer.late": 3,
    }
    # Comparison: I transferred the day it was taken; F (09-30) only on 10-08.
    assert _compared(overview, "transfer.same_day", "transfer.late") == {
        "transfer.same_day": 1,
        "transfer.late": 1,
    }
    assert overview.shown["transfer.same_day"].change_text == "▲ 2"
    assert overview.shown["transfer.late"].change_class == "text-danger"  # more late ones: worse
    same_day = set(
        figure_rows(FIGURES["transfer.same_day"], court_id=hall.court.pk, period=PERIOD, today=TODAY)
    )
    made = hall.made
    assert same_day == {made["a"], made["d"], made["h"]}
    # Recomputed today, H's day would be 10-09 and its transfer late: the panel reads the stored 10-12.
    assert clocks.transfer_due_on(made["h"].kind, made["h"].opened_on) == date(2026, 10, 9)


def test_replies_within_the_limit_and_late(hall):
    with frozen(NOW, "18:00"):
        overview = _overview(hall)
    # Transfers sent 1–10 Oct: A, E, F (10-08), B (10-09), C, D (10-10).
    # In time: A (due 10-10, replied 10-10), D (due 10-13, replied 10-12). Late: F (due 10-10, replied
    # 10-12), E (due 10-10, no reply). B and C are not due yet: neither.
    assert _values(overview, "reply.in_time", "reply.late") == {"reply.in_time": 2, "reply.late": 2}
    # Comparison: I's transfer of 09-29, due 10-08 across the holiday, replied 10-08.
    assert _compared(overview, "reply.in_time", "reply.late") == {"reply.in_time": 1, "reply.late": 0}


def test_tickets_by_kind_and_satisfaction(hall):
    with frozen(NOW, "18:00"):
        overview = _overview(hall)
    # Taken 1–10 Oct: A D G complaints, B suggestion, C H contact_judge, E S1 consultations, S2 query.
    assert _values(
        overview,
        "tickets.received",
        "tickets.complaint",
        "tickets.suggestion",
        "tickets.contact_judge",
        "tickets.consultation",
        "tickets.query",
        "tickets.petition",
    ) == {
        "tickets.received": 9,
        "tickets.complaint": 3,
        "tickets.suggestion": 1,
        "tickets.contact_judge": 2,
        "tickets.consultation": 2,
        "tickets.query": 1,
        "tickets.petition": 0,
    }
    assert overview.shown["tickets.received"].compared == 3  # F, I, S3
    assert _values(
        overview, "satisfaction.satisfied", "satisfaction.basically", "satisfaction.dissatisfied"
    ) == {
        "satisfaction.satisfied": 1,
        "satisfaction.basically": 0,
        "satisfaction.dissatisfied": 1,
    }
    assert overview.shown["satisfaction.satisfied"].compared == 1  # S3
    assert overview.shown["satisfaction.satisfied"].change_text == "持平"


def test_open_tickets_overdue_now(hall):
    with frozen(NOW, "18:00"):
        overview = _overview(hall)
    # Transfer: G (due 10-10). Reply: E (due 10-10). Answer to the caller: A (reply in 10-10) and I (10-08);
    # D's and F's replies came in today, so today is still their day.
    assert _values(overview, "overdue.transfer", "overdue.reply", "overdue.answer") == {
        "overdue.transfer": 1,
        "overdue.reply": 1,
        "overdue.answer": 2,
    }
    # The same whatever period is chosen: they are about today.
    with frozen(NOW, "18:00"):
        other = _overview(hall, **{"from": "2026-01-01", "to": "2026-01-31"})
    assert other.shown["overdue.answer"].value == 2


def test_every_figure_counts_the_rows_of_its_list(hall):
    with frozen(NOW, "18:00"):
        overview = _overview(hall)
        # Every figure but the week page's own (the tickets closed in a week) is on this panel.
        assert set(FIGURES) - set(overview.shown) == {"tickets.closed"}
        for key, shown in overview.shown.items():
            rows = figure_rows(FIGURES[key], court_id=hall.court.pk, period=PERIOD, today=TODAY)
            assert shown.value == rows.count(), key
            assert shown.url.startswith(reverse("hotline:overview_list") + "?")


def test_without_comparison_nothing_is_compared(hall):
    with frozen(NOW, "18:00"):
        overview = _overview(hall, compare="none")
    assert overview.shown["calls.offered"].compared is None
    assert overview.shown["calls.offered"].change_text == ""
    assert [line["name"] for line in overview.chart["series"]] == ["来电", "已接听"]


def test_the_chart_draws_calls_offered_and_answered_by_day(hall):
    with frozen(NOW, "18:00"):
        overview = _overview(hall, by="day")
    chart = overview.chart
    assert chart["labels"][0] == "10月1日" and len(chart["labels"]) == 10
    offered, answered, offered_before, answered_before = (line["data"] for line in chart["series"])
    assert (offered[7], answered[7]) == (6, 3)  # 10-08: 3 answered, 2 missed, 1 ringing
    assert (offered[9], answered[9]) == (2, 1)  # 10-10
    assert sum(offered) == 8 and sum(answered) == 4
    assert (offered_before[4], answered_before[4]) == (2, 2)  # 09-25: the fifth day of 21–30 September
    assert chart["series"][2]["dashed"] is True


def test_the_commitment_measures_with_the_panels_figures(hall):
    commitment = next(c for c in registered() if c.key == "hotline.same_day_transfer")
    with frozen(NOW, "18:00"):
        achievement = commitment.measure(court_id=hall.court.pk, period=PERIOD)
        overview = _overview(hall)
    assert (achievement.met, achievement.total) == (3, 6)  # same day A D H; late B C G
    assert achievement.met == overview.shown["transfer.same_day"].value
    assert achievement.total - achievement.met == overview.shown["transfer.late"].value
    assert achievement.rate_text() == "50.0%"
    assert achievement.list_url.startswith(reverse("hotline:overview_list") + "?")
    assert "figure=transfer.same_day" in achievement.list_url and "from=2026-10-01" in achievement.list_url


def test_the_commitment_with_nothing_to_measure(hall):
    with frozen(NOW, "18:00"):
        commitment = next(c for c in registered() if c.key == "hotline.same_day_transfer")
        achievement = commitment.measure(court_id=hall.other_court.pk, period=PERIOD)
    assert (achievement.met, achievement.total) == (0, 0)


def _grow(court, agent, n: int) -> None:
    for index in range(n):
        day = f"2026-10-0{1 + index % 9}"
        CallFactory(court=court, offered_at=at(day))
        TicketFactory(court=court, opened_at=at(day), opened_by=agent)


def test_the_panel_takes_the_same_queries_however_much_data(client, django_assert_max_num_queries):
    hall = make_hall()
    client.force_login(hall.supervisor)
    url = reverse("hotline:overview_panel") + "?" + urlencode(PERIOD_QUERY)
    counted = []
    for size in (2, 40):
        _grow(hall.court, hall.agent, size)
        # Rows entered afterwards with past dates are not in the stored days until they are forgotten;
        # the first request counts the settled days once and stores them (courthall.daily_counts).
        daily_counts.forget(court_id=hall.court.pk)
        with frozen(NOW, "18:00"):
            assert client.get(url).status_code == 200
        with (
            frozen(NOW, "18:00"),
            CaptureQueriesContext(connection) as queries,
            django_assert_max_num_queries(16),
        ):
            assert client.get(url).status_code == 200
        counted.append(len(queries))
    assert counted[0] == counted[1]


def test_settled_days_are_stored_and_a_later_callback_still_counts(hall):
    with frozen(NOW, "18:00"):
        first = _overview(hall)
    # Calls settle the day after next: 1–10 October is stored, for each of its 10 days.
    stored = DailyCount.objects.filter(court=hall.court, key="hotline.calls.offered", on__lte=PERIOD.end_on)
    assert stored.filter(on__gte=PERIOD.start_on).count() == 10
    assert first.shown["calls.called_back"].value == 1
    # The missed call of 10-10 is called back today: it leaves the callback list, so it counts at once
    # (the missed calls less those still waiting), with no stored day to forget.
    Call.objects.filter(court=hall.court, offered_on=date(2026, 10, 10), state=CallState.ABANDONED).update(
        called_back_at=at(NOW, "17:00")
    )
    # A call entered afterwards on a stored day is not seen until the stored days are forgotten.
    CallFactory(court=hall.court, offered_at=at("2026-10-09"))
    with frozen(NOW, "18:00"):
        second = _overview(hall)
    assert second.shown["calls.called_back"].value == 2
    assert second.shown["calls.offered"].value == 8
    daily_counts.forget(court_id=hall.court.pk, key_prefix="hotline.")
    with frozen(NOW, "18:00"):
        third = _overview(hall)
    assert third.shown["calls.offered"].value == 9  # the 8 of test_calls_and_callbacks and the new one
    # The chart's line is the same stored and live days: its buckets add up to the figure.
    assert sum(third.chart["series"][0]["data"]) == 9
