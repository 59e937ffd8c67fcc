"""The caller lookup (issue 6: the agent does not ask twice): a number's earlier calls, tickets and the
filings where it is a party's or an agent's phone, in the agent's court only, in constant queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courthall.roles import AGENT
from filing.models import AgentKind
from filing.selectors.contacts import filings_for_phone
from filing.services.filings import AgentInput
from hotline.selectors.calls import CALLER_LOOKUP_LIMIT
from tests.factories import CourtFactory, UserFactory
from tests.filing import conftest as filing_setup
from tests.filing.conftest import civil_filing
from tests.hotline.factories import CallFactory, TicketFactory

pytestmark = pytest.mark.django_db

# The filing tests' fixtures, by name, for pytest to find: the court of 舞钢 and a clerk who files.
clerk, wugang = filing_setup.clerk, filing_setup.wugang

NUMBER = "13800138000"  # civil_filing's plaintiff 张三


@pytest.fixture
def line_agent(wugang):
    return UserFactory(court=wugang, full_name="李娜", role=AGENT)


def lawyer_for_plaintiff(phone):
    return [
        AgentInput(
            party_index=0,
            kind=AgentKind.LAWYER,
            name="赵律师",
            phone=phone,
            licence_number="14104202010123456",
            firm="河南某某律师事务所",
        )
    ]


def test_lookup_shows_calls_tickets_and_filings_of_the_number(client, wugang, clerk, line_agent):
    as_party = civil_filing(clerk)
    as_agent = civil_filing(clerk, agents=lawyer_for_plaintiff("13900002222"))
    CallFactory(court=wugang, caller_number=NUMBER, agent=line_agent)
    TicketFactory(court=wugang, caller_number=NUMBER, subject="询问开庭时间", opened_by=line_agent)
    CallFactory(court=CourtFactory(), caller_number=NUMBER)  # another court's caller with the same number
    client.force_login(line_agent)

    response = client.get(reverse("hotline:caller"), {"number": "138 0013 8000"})
    lookup = response.context["lookup"]
    assert lookup.number == NUMBER
    assert [call.court for call in lookup.calls] == [wugang]
    assert [ticket.subject for ticket in lookup.tickets] == ["询问开庭时间"]
    assert {filing.pk for filing in lookup.filings} == {as_party.pk, as_agent.pk}
    page = response.content.decode()
    assert "张三（原告）" in page
    assert "询问开庭时间" in page

    by_agent_phone = filings_for_phone(court_id=wugang.pk, number="13900002222")
    assert [filing.pk for filing in by_agent_phone] == [as_agent.pk]
    assert [agent.name for agent in by_agent_phone[0].matched_agents] == ["赵律师"]


def test_lookup_is_court_scoped(wugang, clerk):
    civil_filing(clerk)
    assert not filings_for_phone(court_id=CourtFactory().pk, number=NUMBER).exists()


def test_lookup_is_newest_first_and_capped(wugang, line_agent):
    start = timezone.now() - datetime.timedelta(days=30)
    for day in range(CALLER_LOOKUP_LIMIT + 3):
        CallFactory(court=wugang, caller_number=NUMBER, offered_at=start + datetime.timedelta(days=day))
    from hotline.selectors.calls import caller_lookup

    calls = caller_lookup(user=line_agent, number=NUMBER).calls
    assert len(calls) == CALLER_LOOKUP_LIMIT
    assert calls == sorted(calls, key=lambda call: call.offered_at, reverse=True)


def test_without_a_number_the_fragment_is_empty(client, line_agent):
    client.force_login(line_agent)
    response = client.get(reverse("hotline:caller"))
    assert response.status_code == 200
    assert response.content.decode().strip() == ""


def test_the_call_page_shows_the_lookup(client, wugang, clerk, line_agent):
    civil_filing(clerk)
    call = CallFactory(court=wugang, caller_number=NUMBER)
    earlier = CallFactory(
        court=wugang, caller_number=NUMBER, offered_at=call.offered_at - datetime.timedelta(days=2)
    )
    client.force_login(line_agent)
    response = client.get(reverse("hotline:call_detail", args=[call.pk]))
    assert [c.pk for c in response.context["lookup"].calls] == [earlier.pk]  # not the call itself
    assert "张三（原告）" in response.content.decode()


@pytest.mark.parametrize("size", [1, 6])
def test_lookup_queries_do_not_grow(client, wugang, clerk, line_agent, size, django_assert_max_num_queries):
    for _ in range(size):
        civil_filing(clerk, agents=lawyer_for_plaintiff(NUMBER))
        CallFactory(court=wugang, caller_number=NUMBER)
        TicketFactory(court=wugang, caller_number=NUMBER, opened_by=line_agent)
    client.force_login(line_agent)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("hotline:caller"), {"number": NUMBER}).status_code == 200
