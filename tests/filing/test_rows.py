"""The list rows built in Python from plain values print what Django's template filters, {% url %} and the
filing's own properties print."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from courthall.roles import CLERK
from filing.models import Filing, FilingState, Party, PartyRole
from filing.selectors.filings import filing_online_queue, portal_filings
from filing.selectors.rows import local_time, month_day, online_queue_rows, pk_url, portal_rows
from tests.factories import PortalUserFactory, UserFactory
from tests.filing.test_portal_queries import online_filings


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


@pytest.fixture
def intern_filing(lawyer, wugang):
    """An online filing an intern submitted for the lawyer, two plaintiffs named in the complaint's order."""
    intern = PortalUserFactory(full_name="蒋悦")
    [filing] = online_filings(lawyer, wugang, 1, submitted_by=intern)
    Party.objects.create(filing=filing, role=PartyRole.PLAINTIFF, name="钱七", sort_order=1)
    Party.objects.create(filing=filing, role=PartyRole.THIRD_PARTY, name="第三人甲")
    return filing


def test_queue_row_prints_the_filing(intern_filing, wugang):
    clerk = UserFactory(court=wugang, role=CLERK)
    today = timezone.localdate()
    [row] = online_queue_rows(filing_online_queue(user=clerk), user=clerk, today=today, may_review=True)
    assert (row.pk, row.case_type_code, row.state) == (
        intern_filing.pk,
        "民初",
        intern_filing.get_state_display(),
    )
    assert row.state_badge_class == intern_filing.state_badge_class
    assert (row.plaintiffs, row.defendants) == ("赵六 钱七", "某某商贸有限公司")
    assert (row.submitter, row.for_lawyer) == ("蒋悦", "王律师")
    assert row.claim_url == reverse("filing:filing_claim", args=[intern_filing.pk])
    assert row.first_receiver == "" and not row.red

    Filing.objects.filter(pk=intern_filing.pk).update(first_receiver=clerk)
    [row] = online_queue_rows(filing_online_queue(user=clerk), user=clerk, today=today, may_review=True)
    assert (row.first_receiver, row.first_receiver_is_me, row.claim_url) == (clerk.get_full_name(), True, "")
    # Four days on the 3-working-day limit is missed at the latest: the row is red.
    [row] = online_queue_rows(
        filing_online_queue(user=clerk), user=clerk, today=today + timedelta(days=8), may_review=True
    )
    assert row.outer_missed and row.statutory_missed and row.red


def test_portal_row_prints_the_filing(intern_filing, lawyer):
    [row] = portal_rows(portal_filings(user=lawyer))
    assert (row.title, row.court, row.cause) == (
        f"收件第{intern_filing.pk}号",
        "舞钢市人民法院",
        "买卖合同纠纷",
    )
    assert (row.plaintiffs, row.defendants) == ("赵六 钱七", "某某商贸有限公司")
    assert (row.submitted_by, row.lawyer) == ("蒋悦", "王律师")
    assert row.url == reverse("filing:portal_filing", args=[intern_filing.pk])
    assert row.limit == f"最迟 {month_day(intern_filing.online_review_limit_on)} 审核"

    Filing.objects.filter(pk=intern_filing.pk).update(
        state=FilingState.REGISTERED, case_number="（2026）豫0481民初5号"
    )
    [row] = portal_rows(portal_filings(user=lawyer))
    assert (row.title, row.state, row.limit) == ("（2026）豫0481民初5号", "已立案", "—")
