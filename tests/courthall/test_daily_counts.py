"""Maintained daily counts: settled days are counted once and stored, open days are counted live."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Count
from django.db.models.functions import TruncDate

from courthall import daily_counts
from courthall.models import Court, DailyCount, User
from courthall.supervision import Period

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 20)


@pytest.fixture
def court(reference_data):
    return Court.objects.get(name="舞钢市人民法院")


def joined(court, *days: str) -> None:
    for index, day in enumerate(days):
        moment = datetime.fromisoformat(f"{day}T09:00").replace(tzinfo=SHANGHAI)
        User.objects.create(username=f"u{day}{index}{User.objects.count()}", court=court, date_joined=moment)


def counter(court, asked: list[Period]):
    """Staff who joined, per day: a stand-in figure; records which spans it was asked to count."""

    def count(span: Period) -> dict[date, int]:
        asked.append(span)
        start, end = span.span()
        rows = User.objects.filter(court=court, date_joined__gte=start, date_joined__lt=end)
        return dict(
            rows.annotate(day=TruncDate("date_joined"))
            .values("day")
            .annotate(n=Count("pk"))
            .values_list("day", "n")
        )

    return count


def test_settled_days_are_counted_once_and_the_open_ones_every_time(court):
    joined(court, "2026-11-16", "2026-11-16", "2026-11-18", "2026-11-19", "2026-11-20")
    asked: list[Period] = []
    week = Period(date(2026, 11, 16), TODAY)
    first = daily_counts.daily_counts(
        court_id=court.pk,
        key="t.joined",
        period=week,
        today=TODAY,
        settles_after=2,
        count_days=counter(court, asked),
    )
    assert first == {date(2026, 11, d): n for d, n in ((16, 2), (17, 0), (18, 1), (19, 1), (20, 1))}
    # Rows may change for two days after their day: 16 and 17 are settled (stored, the zero too); 18 may
    # still change until the 20th is over, so 18–20 are counted live.
    assert asked == [Period(date(2026, 11, 16), date(2026, 11, 17)), Period(date(2026, 11, 18), TODAY)]
    assert DailyCount.objects.filter(key="t.joined").count() == 2

    joined(court, "2026-11-20")  # today: seen at once
    asked.clear()
    second = daily_counts.daily_counts(
        court_id=court.pk,
        key="t.joined",
        period=week,
        today=TODAY,
        settles_after=2,
        count_days=counter(court, asked),
    )
    assert second[date(2026, 11, 20)] == 2 and second[date(2026, 11, 16)] == 2
    assert asked == [Period(date(2026, 11, 18), TODAY)]  # the stored days were not counted again


def test_totals_of_many_figures_in_one_read_and_forgetting(court, django_assert_num_queries):
    joined(court, "2026-11-02", "2026-11-03", "2026-11-03")
    asked: list[Period] = []
    spans = [
        ("t.a", Period(date(2026, 11, 1), date(2026, 11, 3))),
        ("t.b", Period(date(2026, 11, 3), date(2026, 11, 3))),
    ]
    assert daily_counts.settled_totals(
        court_id=court.pk, asked=[(key, span, counter(court, asked)) for key, span in spans]
    ) == [3, 2]
    with django_assert_num_queries(1):  # all stored now: one read for both
        assert daily_counts.settled_totals(
            court_id=court.pk, asked=[(key, span, counter(court, asked)) for key, span in spans]
        ) == [3, 2]
    joined(court, "2026-11-01")  # entered afterwards with a past date: not seen …
    assert daily_counts.settled_totals(
        court_id=court.pk, asked=[("t.a", spans[0][1], counter(court, asked))]
    ) == [3]
    assert daily_counts.forget(court_id=court.pk, key_prefix="t.a") == 3
    # … until the stored days are forgotten.
    assert daily_counts.settled_totals(
        court_id=court.pk, asked=[("t.a", spans[0][1], counter(court, asked))]
    ) == [4]


def test_the_command_forgets_one_courts_stored_days(court):
    from io import StringIO

    from django.core.management import CommandError, call_command

    other = Court.objects.get(name="济南市钢城区人民法院")
    for each in (court, other):
        DailyCount.objects.create(court=each, key="filing.received", on=date(2026, 11, 2), count=5)
    output = StringIO()
    call_command("daily_counts", "--forget", "--court", "舞钢市人民法院", stdout=output)
    assert "已清除 1 条" in output.getvalue()
    assert list(DailyCount.objects.values_list("court__name", flat=True)) == ["济南市钢城区人民法院"]
    with pytest.raises(CommandError, match="没有名为"):
        call_command("daily_counts", "--forget", "--court", "不存在的法院")
    with pytest.raises(CommandError, match="--forget"):
        call_command("daily_counts")


def test_totals_per_group_stored_once_with_a_marker_per_day(court, django_assert_num_queries):
    # A stand-in figure: staff who joined, per day and per name (no name: the group None).
    for day, name in (("2026-11-02", "甲"), ("2026-11-03", "甲"), ("2026-11-03", "乙"), ("2026-11-03", "")):
        moment = datetime.fromisoformat(f"{day}T09:00").replace(tzinfo=SHANGHAI)
        User.objects.create(
            username=f"g{User.objects.count()}", court=court, full_name=name, date_joined=moment
        )
    asked: list[Period] = []

    def count(span: Period) -> dict:
        asked.append(span)
        start, end = span.span()
        rows = User.objects.filter(court=court, date_joined__gte=start, date_joined__lt=end)
        return {
            (day, name or None): n
            for day, name, n in rows.annotate(day=TruncDate("date_joined"))
            .values("day", "full_name")
            .annotate(n=Count("pk"))
            .values_list("day", "full_name", "n")
        }

    three_days = Period(date(2026, 11, 1), date(2026, 11, 3))
    third = Period(date(2026, 11, 3), date(2026, 11, 3))
    first = daily_counts.grouped_settled_totals(
        court_id=court.pk, asked=[("t.g", three_days, count), ("t.g", third, count)], groups=["甲", "乙"]
    )
    # 1–3 Nov: 甲 joined on the 2nd and the 3rd (2), 乙 and the nameless one on the 3rd (1 each); the 3rd
    # alone: one each.
    assert first == [{"甲": 2, "乙": 1, None: 1}, {"甲": 1, "乙": 1, None: 1}]
    assert asked == [three_days]  # the second span's days were stored by the first: not counted again
    # A marker per day (0, 1, 3 joined) and a row per group only where it had someone: 甲 on the 2nd; 甲,
    # 乙 and the nameless one on the 3rd.
    stored = dict(DailyCount.objects.filter(key="t.g").values_list("on", "count"))
    assert stored == {date(2026, 11, 1): 0, date(2026, 11, 2): 1, date(2026, 11, 3): 3}
    assert DailyCount.objects.filter(key__startswith="t.g.").count() == 4
    assert DailyCount.objects.get(key="t.g.none").count == 1

    with django_assert_num_queries(1):  # all stored: one read, nothing counted
        again = daily_counts.grouped_settled_totals(
            court_id=court.pk, asked=[("t.g", three_days, count)], groups=["甲", "乙"]
        )
    assert again == [{"甲": 2, "乙": 1, None: 1}] and asked == [three_days]
    # A caller that expects only 甲: the markers' totals show another group, read again by prefix.
    with django_assert_num_queries(2):
        unexpected = daily_counts.grouped_settled_totals(
            court_id=court.pk, asked=[("t.g", three_days, count)], groups=["甲"]
        )
    assert unexpected == [{"甲": 2, "乙": 1, None: 1}]
