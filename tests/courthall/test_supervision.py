from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.test import RequestFactory

from courthall import supervision
from courthall.supervision import Period, period_choice_from_query, supervised_court_id

TODAY = date(2026, 12, 3)


def choose(query: str):
    return period_choice_from_query(QueryDict(query), today=TODAY)


def test_the_default_is_the_last_30_days_against_the_30_before():
    choice = choose("")
    assert choice.period == Period(date(2026, 11, 4), TODAY)
    assert choice.comparison == Period(date(2026, 10, 5), date(2026, 11, 3))
    assert choice.bucket == "day"
    assert choice.errors == ()


def test_a_chosen_range_with_last_year_as_comparison_and_its_query_string():
    choice = choose("from=2024-03-01&to=2024-12-31&compare=last_year")
    assert choice.period.days == 306
    assert choice.comparison == Period(date(2023, 3, 1), date(2023, 12, 31))
    assert choice.bucket == "week"
    assert choice.query(figure="overdue") == (
        "from=2024-03-01&to=2024-12-31&compare=last_year&by=week&figure=overdue"
    )
    leap_day = Period(date(2024, 2, 29), date(2024, 2, 29))
    assert leap_day.last_year() == Period(date(2023, 2, 28), date(2023, 2, 28))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2026-12-01&to=2026-11-01", supervision.REVERSED_RANGE),
        ("from=1899-01-01&to=2026-11-01", supervision.ABSURD_RANGE),
        ("from=2026-11-01&to=2027-01-01", supervision.ABSURD_RANGE),
        ("from=2026-13-01", supervision.BAD_DATE),
        ("from=x&to=y", supervision.BAD_DATE),
        ("from=2000-01-01&to=2026-12-01", supervision.TOO_LONG_RANGE),
    ],
)
def test_bad_ranges_fall_back_to_the_default_with_one_message(query, message):
    choice = choose(query)
    assert choice.errors == (message,)
    assert choice.period == Period(date(2026, 11, 4), TODAY)


def test_unknown_comparison_and_bucket_fall_back():
    choice = choose("compare=forever&by=hour")
    assert (choice.compare, choice.bucket, choice.errors) == ("previous", "day", ())
    assert choose("compare=none").comparison is None


def test_another_courts_panel_is_refused(rf: RequestFactory):
    class User:
        court_id = 7

    request = rf.get("/", {"court": "8"})
    request.user = User()
    with pytest.raises(PermissionDenied, match=supervision.OTHER_COURT):
        supervised_court_id(request)
    request = rf.get("/", {"court": "7"})
    request.user = User()
    assert supervised_court_id(request) == 7


def test_buckets_are_clipped_weeks_and_months():
    period = Period(date(2026, 11, 26), date(2026, 12, 9))  # Thursday to the Wednesday two weeks later
    assert [(label, span.days) for label, span in supervision.buckets(period, "week")] == [
        ("11月26日起", 4),  # Thu–Sun
        ("11月30日起", 7),
        ("12月7日起", 3),  # Mon–Wed
    ]
    assert [label for label, _ in supervision.buckets(period, "month")] == ["2026年11月", "2026年12月"]
    assert len(supervision.buckets(period, "day")) == 14


def test_a_chart_sums_days_into_buckets_and_lays_the_comparison_beside():
    query = QueryDict("from=2026-11-30&to=2026-12-13&by=week&compare=previous")
    choice = period_choice_from_query(query, today=date(2026, 12, 31))
    received = {date(2026, 11, 30): 2, date(2026, 12, 6): 1, date(2026, 12, 7): 4, date(2026, 12, 20): 9}
    before = {date(2026, 11, 16): 3, date(2026, 11, 29): 5}
    chart = supervision.chart(
        title="收案", choice=choice, lines={"收案": received}, comparison_lines={"收案": before}
    )
    assert chart["labels"] == ["11月30日起", "12月7日起"]
    assert chart["series"][0]["data"] == [3, 4]  # 12-20 lies outside the period
    assert chart["series"][1] == {"name": "收案（上一周期）", "data": [3, 5], "dashed": True}
    assert chart["rows"] == [("11月30日起", [3, 3]), ("12月7日起", [4, 5])]
