from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from courthall.admin_calendar import (
    MAX_RANGE_DAYS,
    MISSING_YEAR_WARNING,
    RANGE_BEFORE_START,
    RANGE_DATES_TAKEN,
    RANGE_TOO_LONG,
)
from courthall.models import Holiday, HolidayKind

pytestmark = pytest.mark.usefixtures("holiday_table")

SHANGHAI = ZoneInfo("Asia/Shanghai")
CHANGELIST = reverse("admin:courthall_holiday_changelist")
ADD = reverse("admin:courthall_holiday_add")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.com", "pw-not-used")


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def _warnings(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def _changelist_on(client, superuser, today: date):
    """The holiday list as the administrator sees it on `today` (signed in that day: sessions expire)."""
    with time_machine.travel(datetime(today.year, today.month, today.day, 9, 0, tzinfo=SHANGHAI), tick=False):
        client.force_login(superuser)
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return response


def test_changelist_warns_about_next_year_without_data(client, superuser):
    response = _changelist_on(client, superuser, date(2026, 11, 21))

    assert _warnings(response) == [MISSING_YEAR_WARNING.format(year=2027)]
    assert MISSING_YEAR_WARNING.format(year=2027) in response.text
    assert MISSING_YEAR_WARNING.format(year=2026) not in response.text


def test_no_warning_when_this_year_and_next_have_data(client, superuser):
    response = _changelist_on(client, superuser, date(2025, 6, 1))

    assert _warnings(response) == []


def test_warns_about_both_years_once_the_seeded_years_are_over(client, superuser):
    response = _changelist_on(client, superuser, date(2027, 3, 1))

    assert _warnings(response) == [MISSING_YEAR_WARNING.format(year=year) for year in (2027, 2028)]


def test_warning_goes_once_the_year_is_entered(client, superuser):
    Holiday.objects.create(date=date(2027, 1, 1), kind=HolidayKind.HOLIDAY, name="元旦")

    response = _changelist_on(client, superuser, date(2026, 11, 21))

    assert _warnings(response) == []


def test_changelist_lists_national_day(superuser_client):
    national_day = Holiday.objects.get(date=date(2026, 10, 1))

    for query in ["", "?year=2026", "?q=国庆"]:
        response = superuser_client.get(CHANGELIST + query)

        assert response.status_code == 200
        assert reverse("admin:courthall_holiday_change", args=[national_day.pk]) in response.text
        assert "国庆节" in response.text
        assert "星期四" in response.text


def test_year_filter_and_search(superuser_client):
    response = superuser_client.get(CHANGELIST + "?year=2015&q=抗战")

    # Newest first; 09-06 is the make-up Sunday that came with the two days off.
    assert [row.date for row in response.context["cl"].result_list] == [
        date(2015, 9, 6),
        date(2015, 9, 4),
        date(2015, 9, 3),
    ]


def test_kind_filter(superuser_client):
    response = superuser_client.get(CHANGELIST + "?year=2026&kind__exact=workday")

    assert {row.date.isoformat() for row in response.context["cl"].result_list} == {
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    }


def test_nonsense_year_parameter_is_ignored(superuser_client):
    assert superuser_client.get(CHANGELIST + "?year=abc").status_code == 200


def test_add_a_whole_span_at_once(superuser_client):
    # A made-up span in a year without data (the real 2027 notice may differ).
    form = {"date": "2027-02-06", "last_date": "2027-02-12", "kind": HolidayKind.HOLIDAY, "name": "测试假期"}
    response = superuser_client.post(ADD, form)

    assert response.status_code == 302
    rows = Holiday.objects.filter(date__range=(date(2027, 2, 6), date(2027, 2, 12)))
    assert [(row.kind, row.name) for row in rows] == [(HolidayKind.HOLIDAY, "测试假期")] * 7
    assert all(row.history.get().history_user.username == "root" for row in rows)


def test_add_a_single_day(superuser_client):
    response = superuser_client.post(
        ADD, {"date": "2027-02-20", "last_date": "", "kind": HolidayKind.MAKEUP_WORKDAY, "name": "测试"}
    )

    assert response.status_code == 302
    assert Holiday.objects.filter(date__year=2027).count() == 1


@pytest.mark.parametrize(
    ("last_date", "message"),
    [
        ("2027-02-01", RANGE_BEFORE_START),
        ("2027-03-31", RANGE_TOO_LONG.format(days=MAX_RANGE_DAYS)),
    ],
)
def test_add_span_refuses_a_bad_last_date(superuser_client, last_date, message):
    response = superuser_client.post(
        ADD, {"date": "2027-02-06", "last_date": last_date, "kind": HolidayKind.HOLIDAY, "name": "测试"}
    )

    assert response.status_code == 200
    assert message in response.text
    assert not Holiday.objects.filter(date__year=2027).exists()


def test_add_span_refuses_dates_already_entered(superuser_client):
    response = superuser_client.post(
        ADD, {"date": "2026-09-30", "last_date": "2026-10-02", "kind": HolidayKind.HOLIDAY, "name": "测试"}
    )

    assert response.status_code == 200
    assert RANGE_DATES_TAKEN.format(dates="2026-10-01、2026-10-02") in response.text
    assert not Holiday.objects.filter(date=date(2026, 9, 30)).exists()


def test_change_form_edits_one_day(superuser_client):
    row = Holiday.objects.get(date=date(2026, 10, 7))
    url = reverse("admin:courthall_holiday_change", args=[row.pk])

    assert "last_date" not in superuser_client.get(url).text
    form = {"date": "2026-10-07", "kind": HolidayKind.MAKEUP_WORKDAY, "name": "更正"}
    response = superuser_client.post(url, form)

    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.kind, row.name) == (HolidayKind.MAKEUP_WORKDAY, "更正")
