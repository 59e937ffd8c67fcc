"""A case query tells case information only to an identified party or agent of that court's case (case
number, name and ID number); every other attempt is refused with the same words and nothing shown."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hotline.models import CaseQuery, CaseQueryResult, TicketKind
from hotline.permissions import NOT_A_QUERY
from hotline.services.tickets import (
    CASE_ID_REQUIRED,
    CASE_NAME_REQUIRED,
    CASE_NUMBER_REQUIRED,
    CASE_QUERY_REFUSED,
    ticket_query_case,
)
from tests.factories import CourtFactory
from tests.hotline.conftest import registered_case
from tests.hotline.factories import TicketFactory

CASE = "（2026）豫0481民初123号"
PLAINTIFF = ("张三", "11010519491231002X")
AGENT = ("王律师", "410481198503120032")


@pytest.fixture
def case(court):
    return registered_case(court, CASE, parties=[PLAINTIFF, ("李四", "410481199001010011")], agents=[AGENT])


@pytest.fixture
def query_ticket(agent):
    return TicketFactory(court=agent.court, opened_by=agent, kind=TicketKind.QUERY)


@pytest.mark.parametrize(
    ("case_number", "name", "id_number", "identified"),
    [
        (CASE, *PLAINTIFF, True),  # a party
        (CASE, "李四", "410481199001010011", True),  # the other party
        (CASE, *AGENT, True),  # an agent
        (CASE, "张三", "11010519491231002x", True),  # lowercase x is the same ID number
        (" (2026)豫0481民初123号 ", "张 三", "110105 19491231002X", True),  # spaces, half-width brackets
        (CASE, "张三", "110105194912310011", False),  # wrong ID number
        (CASE, "张四", "11010519491231002X", False),  # wrong name
        (CASE, "张三", "410481198503120032", False),  # one person's name, another's ID number
        ("（2026）豫0481民初999号", *PLAINTIFF, False),  # unknown number
    ],
)
def test_identification_rule(case, query_ticket, agent, case_number, name, id_number, identified):
    query = ticket_query_case(
        ticket=query_ticket, user=agent, case_number=case_number, name=name, id_number=id_number
    )
    query_ticket.refresh_from_db()
    if identified:
        assert query.result == CaseQueryResult.IDENTIFIED
        assert query.filing == case
        assert query_ticket.filing == case
        assert query.reason == ""
    else:
        assert query.result == CaseQueryResult.REFUSED
        assert query.filing is None
        assert query_ticket.filing is None
        assert query.reason == CASE_QUERY_REFUSED


def test_another_courts_case_is_refused_like_an_unknown_one(query_ticket, agent):
    registered_case(CourtFactory(), CASE, parties=[PLAINTIFF])
    query = ticket_query_case(
        ticket=query_ticket, user=agent, case_number=CASE, name=PLAINTIFF[0], id_number=PLAINTIFF[1]
    )
    assert query.result == CaseQueryResult.REFUSED
    assert query.reason == CASE_QUERY_REFUSED


def test_a_party_without_an_id_number_on_file_is_never_identified(court, query_ticket, agent):
    registered_case(court, CASE, parties=[("张三", "")])
    query = ticket_query_case(ticket=query_ticket, user=agent, case_number=CASE, name="张三", id_number="X")
    assert query.result == CaseQueryResult.REFUSED


@pytest.mark.parametrize("missing", ["case_number", "name", "id_number"])
def test_a_query_without_identification_is_refused_and_not_kept(case, query_ticket, agent, missing):
    values = {"case_number": CASE, "name": PLAINTIFF[0], "id_number": PLAINTIFF[1], missing: " "}
    with pytest.raises(ValidationError) as error:
        ticket_query_case(ticket=query_ticket, user=agent, **values)
    assert error.value.message_dict[missing] == [
        {"case_number": CASE_NUMBER_REQUIRED, "name": CASE_NAME_REQUIRED, "id_number": CASE_ID_REQUIRED}[
            missing
        ]
    ]
    assert not CaseQuery.objects.exists()
    query_ticket.refresh_from_db()
    assert query_ticket.filing is None


def test_only_a_query_ticket_queries_a_case(case, agent):
    ticket = TicketFactory(court=agent.court, opened_by=agent, kind=TicketKind.CONSULTATION)
    with pytest.raises(PermissionDenied, match=NOT_A_QUERY):
        ticket_query_case(
            ticket=ticket, user=agent, case_number=CASE, name=PLAINTIFF[0], id_number=PLAINTIFF[1]
        )
    assert not CaseQuery.objects.exists()


def test_every_attempt_is_kept_refused_ones_included(case, query_ticket, agent):
    ticket_query_case(ticket=query_ticket, user=agent, case_number=CASE, name="张四", id_number="1")
    ticket_query_case(
        ticket=query_ticket, user=agent, case_number=CASE, name=PLAINTIFF[0], id_number=PLAINTIFF[1]
    )
    results = list(CaseQuery.objects.filter(ticket=query_ticket).values_list("result", flat=True))
    assert results == [CaseQueryResult.REFUSED, CaseQueryResult.IDENTIFIED]
    assert [e.action for e in query_ticket.events.all()] == ["case_query", "case_query"]
