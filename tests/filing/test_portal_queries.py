"""My filings and the clerks' online queue make a bounded number of queries, the same for 3 filings as for
30 (issue 4, Speed: queries per page constant in the number of filings; bench/portal.py times them)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courthall.roles import CLERK
from filing.models import CaseType, Channel, Filing, FilingState, Party, PartyRole
from tests.factories import PortalUserFactory, UserFactory

# Session, user (with the court and the portal account), permissions (2), groups, count, filings, parties
# (, the inbox count and the drafts): eight or ten today, whatever the number of filings.
MAX_QUERIES = 10


def online_filings(owner, court, count: int, *, submitted_by=None) -> list[Filing]:
    now = timezone.now()
    case_type = CaseType.objects.get(code="民初")
    filings = Filing.objects.bulk_create(
        Filing(
            court=court,
            channel=Channel.ONLINE,
            case_type=case_type,
            cause_text="买卖合同纠纷",
            claims="判令被告支付货款。",
            state=[FilingState.RECEIVED, FilingState.UNDER_REVIEW, FilingState.AWAITING_CORRECTION][n % 3],
            received_at=now - timedelta(hours=n),
            limit_starts_on=timezone.localdate(now),
            decision_due_on=timezone.localdate(now) + timedelta(days=7),
            online_review_due_on=timezone.localdate(now),
            online_review_limit_on=timezone.localdate(now) + timedelta(days=3),
            owner=owner,
            submitted_by=submitted_by or owner,
        )
        for n in range(count)
    )
    Party.objects.bulk_create(
        Party(filing=filing, role=role, name=name)
        for filing in filings
        for role, name in ((PartyRole.PLAINTIFF, "赵六"), (PartyRole.DEFENDANT, "某某商贸有限公司"))
    )
    return filings


def queries_for(client, url: str) -> int:
    client.get(url)  # the session and caches as on any later request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("count", [3, 30])
def test_my_filings_queries_are_bounded(client, lawyer, wugang, count, django_assert_max_num_queries):
    intern = PortalUserFactory()
    online_filings(lawyer, wugang, count, submitted_by=intern)
    client.force_login(lawyer)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("filing:portal"))
    assert response.content.decode().count("data-filing=") == count
    assert "某某商贸有限公司" in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_online_queue_queries_are_bounded(client, lawyer, wugang, count, django_assert_max_num_queries):
    online_filings(lawyer, wugang, count)
    clerk = UserFactory(court=wugang, role=CLERK)
    client.force_login(clerk)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("filing:online_queue"))
    assert response.content.decode().count("data-filing=") == count


def test_the_queries_do_not_grow_with_the_filings(client, lawyer, wugang):
    clerk = UserFactory(court=wugang, role=CLERK)
    online_filings(lawyer, wugang, 3)
    client.force_login(lawyer)
    portal_few = queries_for(client, reverse("filing:portal"))
    client.force_login(clerk)
    queue_few = queries_for(client, reverse("filing:online_queue"))

    online_filings(lawyer, wugang, 27)
    client.force_login(lawyer)
    assert queries_for(client, reverse("filing:portal")) == portal_few
    client.force_login(clerk)
    assert queries_for(client, reverse("filing:online_queue")) == queue_few
