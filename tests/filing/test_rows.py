"""The list rows built in Python print what Django's template filters and {% url %} printed before."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from filing.selectors.rows import local_time, month_day, pk_url


@pytest.mark.parametrize("pk", [1, 7, 42, 2147483647, 10**12])
@pytest.mark.parametrize("name", ["filing:online_review", "filing:filing_claim", "filing:portal_filing"])
def test_pk_url_is_reverse(name, pk):
    assert pk_url(name)(pk) == reverse(name, args=[pk])


@pytest.mark.parametrize("day", [date(2026, 1, 1), date(2026, 11, 9), date(2026, 12, 31)])
def test_month_day_is_the_date_filter(day):
    assert month_day(day) == date_format(day, "n月j日")
    assert month_day(None) == ""


# 16:30 UTC is half past midnight the next day in Shanghai: the row shows the local day, as the filter did.
@pytest.mark.parametrize(
    "moment",
    [datetime(2026, 11, 3, 1, 5, tzinfo=UTC), datetime(2026, 12, 31, 16, 30, tzinfo=UTC)],
)
def test_local_time_is_the_date_filter_in_local_time(moment):
    local = timezone.localtime(moment)
    assert local_time(moment) == date_format(local, "n月j日 H:i")
    assert local_time(moment, year=True) == date_format(local, "Y年n月j日 H:i")
    assert local_time(datetime(2026, 12, 31, 16, 30, tzinfo=UTC), year=True) == "2027年1月1日 00:30"
