"""The interval arithmetic behind "unstaffed" (舞钢规范第十三条), on hand-counted spans."""

from datetime import time

from courthall.roster.intervals import gaps, merged, minutes
from tests.courthall.roster.factories import at

T = time.fromisoformat


def test_the_worked_example_has_two_gaps_of_seventy_minutes():
    # Open 08:30–12:00 and 14:30–17:30; held 08:40–11:00 and 14:30–18:00 (past closing: no credit).
    opening = [(T("08:30"), T("12:00")), (T("14:30"), T("17:30"))]
    held = [(T("08:40"), T("11:00")), (T("14:30"), T("18:00"))]
    assert gaps(opening, held) == [(T("08:30"), T("08:40")), (T("11:00"), T("12:00"))]


def test_minutes_of_the_worked_example():
    from datetime import date

    day = date(2026, 3, 4)
    # 08:30–08:40 is 10 minutes, 11:00–12:00 is 60: 70 in all.
    assert minutes([(at(day, "08:30"), at(day, "08:40")), (at(day, "11:00"), at(day, "12:00"))]) == 70


def test_overlapping_holdings_count_once_and_touching_ones_leave_no_gap():
    opening = [(T("08:30"), T("12:00"))]
    # Two guides overlap 09:00–10:00; the second hands over to a third at 11:00 exactly.
    held = [(T("08:30"), T("10:00")), (T("09:00"), T("11:00")), (T("11:00"), T("12:00"))]
    assert gaps(opening, held) == []
    assert merged(held) == [(T("08:30"), T("12:00"))]


def test_nobody_all_day_is_one_gap_per_opening_span():
    opening = [(T("08:30"), T("12:00")), (T("14:30"), T("17:30"))]
    assert gaps(opening, []) == opening


def test_a_holding_inside_a_span_leaves_a_gap_either_side():
    assert gaps([(T("08:30"), T("12:00"))], [(T("09:00"), T("10:00"))]) == [
        (T("08:30"), T("09:00")),
        (T("10:00"), T("12:00")),
    ]


def test_a_holding_over_lunch_covers_the_end_of_the_morning_and_the_start_of_the_afternoon():
    opening = [(T("08:30"), T("12:00")), (T("14:30"), T("17:30"))]
    assert gaps(opening, [(T("11:30"), T("15:00"))]) == [
        (T("08:30"), T("11:30")),
        (T("15:00"), T("17:30")),
    ]


def test_empty_and_reversed_spans_are_ignored():
    assert gaps([(T("08:30"), T("08:30"))], []) == []
    assert gaps([(T("08:30"), T("09:00"))], [(T("09:00"), T("08:30"))]) == [(T("08:30"), T("09:00"))]
