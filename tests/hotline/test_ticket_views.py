"""The ticket pages through the HTTP client: the workbench, the list, the ticket page and its actions;
bad input re-renders and changes nothing; another court's ticket is a 404; not allowed is a 403."""

import pytest
from django.urls import reverse

from hotline.models import (
    CallState,
    CaseQuery,
    KnowledgeAnswer,
    Ticket,
    TicketKind,
    TicketState,
)
from hotline.permissions import KIND_NEEDS_TRANSFER
from hotline.services.tickets import ANSWER_REQUIRED, CASE_QUERY_REFUSED, SUBJECT_REQUIRED
from tests.factories import CourtFactory, UserFactory
from tests.hotline.conftest import registered_case
from tests.hotline.factories import CallFactory, KnowledgeAnswerFactory, TicketFactory


def test_the_workbench_shows_the_call_and_the_queue(client, agent):
    call = CallFactory(court=agent.court, agent=agent, state=CallState.TALKING, caller_number="13911112222")
    TicketFactory(court=agent.court, opened_by=agent, subject="咨询管辖")
    client.force_login(agent)
    response = client.get(reverse("hotline:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "13911112222" in body
    assert f"?call={call.pk}" in body
    assert "咨询管辖" in body
    assert 'id="caller-lookup"' in body


def test_new_ticket_bad_input_re_renders_and_opens_nothing(client, agent):
    client.force_login(agent)
    response = client.post(
        reverse("hotline:ticket_new"),
        {"kind": "consultation", "channel": "phone", "caller_name": "王", "subject": ""},
    )
    assert response.status_code == 200
    assert SUBJECT_REQUIRED in response.content.decode()
    assert not Ticket.objects.exists()


def test_new_ticket_from_a_call(client, agent):
    call = CallFactory(court=agent.court, agent=agent, state=CallState.TALKING)
    client.force_login(agent)
    response = client.post(
        reverse("hotline:ticket_new"),
        {
            "kind": "consultation",
            "channel": "phone",
            "caller_name": "王",
            "subject": "立案材料",
            "call": call.pk,
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response.url == reverse("hotline:ticket_detail", args=[ticket.pk])
    call.refresh_from_db()
    assert call.ticket == ticket


def test_another_courts_call_is_a_404(client, agent):
    call = CallFactory(court=CourtFactory())
    client.force_login(agent)
    assert client.get(reverse("hotline:ticket_new") + f"?call={call.pk}").status_code == 404


def test_another_courts_ticket_is_a_404(client, agent):
    ticket = TicketFactory(court=CourtFactory())
    client.force_login(agent)
    assert client.get(reverse("hotline:ticket_detail", args=[ticket.pk])).status_code == 404
    assert client.post(reverse("hotline:ticket_answer", args=[ticket.pk]), {"answer": "x"}).status_code == 404


def test_a_judge_without_a_transfer_does_not_see_a_ticket(client, agent, judge):
    ticket = TicketFactory(court=agent.court, opened_by=agent)
    client.force_login(judge)
    assert client.get(reverse("hotline:ticket_detail", args=[ticket.pk])).status_code == 404
    assert client.get(reverse("hotline:ticket_list")).status_code == 403


def test_answering_someone_elses_ticket_is_a_403_with_the_reason(client, agent, other_agent):
    ticket = TicketFactory(court=agent.court, opened_by=agent)
    client.force_login(other_agent)
    response = client.post(reverse("hotline:ticket_answer", args=[ticket.pk]), {"answer": "x"})
    assert response.status_code == 403
    assert "首问负责人" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.state == TicketState.OPEN


def test_a_complaint_answered_on_the_spot_is_a_403(client, agent):
    ticket = TicketFactory(court=agent.court, opened_by=agent, kind=TicketKind.COMPLAINT)
    client.force_login(agent)
    response = client.post(reverse("hotline:ticket_answer", args=[ticket.pk]), {"answer": "x"})
    assert response.status_code == 403
    assert KIND_NEEDS_TRANSFER.format(kind="投诉") in response.content.decode()


def test_answer_without_words_re_renders_the_ticket_page(client, agent):
    ticket = TicketFactory(court=agent.court, opened_by=agent)
    client.force_login(agent)
    response = client.post(reverse("hotline:ticket_answer", args=[ticket.pk]), {"answer": " "})
    assert response.status_code == 200
    assert ANSWER_REQUIRED in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.state == TicketState.OPEN


def test_answer_from_the_knowledge_base(client, agent):
    ticket = TicketFactory(court=agent.court, opened_by=agent)
    knowledge = KnowledgeAnswerFactory()
    client.force_login(agent)
    response = client.post(
        reverse("hotline:ticket_answer", args=[ticket.pk]),
        {"answer": knowledge.answer, "knowledge_answer": knowledge.pk},
    )
    assert response.status_code == 302
    page = client.get(reverse("hotline:ticket_detail", args=[ticket.pk])).content.decode()
    assert "当场答复" in page and knowledge.answer in page


def test_knowledge_search_fragment(client, agent):
    KnowledgeAnswerFactory(question="诉讼费怎么交？", keywords="交费")
    client.force_login(agent)
    response = client.get(reverse("hotline:knowledge_search"), {"q": "交费"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "诉讼费怎么交？" in body and "<html" not in body
    assert "<html" in client.get(reverse("hotline:knowledge_search"), {"q": "交费"}).content.decode()


def test_the_shared_knowledge_base_is_loaded_with_the_reference_data(reference_data):
    assert KnowledgeAnswer.objects.filter(court__isnull=True, active=True).count() >= 12
    assert KnowledgeAnswer.objects.filter(basis__contains="第四十四条").exists()


def test_case_query_identified_shows_the_case_and_refused_shows_the_reason(client, agent):
    registered_case(agent.court, "（2026）豫0481民初1号", parties=[("张三", "11010519491231002X")])
    ticket = TicketFactory(court=agent.court, opened_by=agent, kind=TicketKind.QUERY)
    client.force_login(agent)
    url = reverse("hotline:ticket_case_query", args=[ticket.pk])
    client.post(url, {"case_number": "（2026）豫0481民初1号", "name": "张三", "id_number": "1"})
    page = client.get(reverse("hotline:ticket_detail", args=[ticket.pk])).content.decode()
    assert CASE_QUERY_REFUSED in page and "民间借贷纠纷" not in page
    client.post(
        url, {"case_number": "（2026）豫0481民初1号", "name": "张三", "id_number": "11010519491231002x"}
    )
    page = client.get(reverse("hotline:ticket_detail", args=[ticket.pk])).content.decode()
    assert "民间借贷纠纷" in page and 'id="case-information"' in page
    assert CaseQuery.objects.count() == 2


def test_ticket_list_filters_by_exact_values(client, supervisor, agent):
    TicketFactory(
        court=agent.court,
        opened_by=agent,
        subject="甲事项",
        state=TicketState.CLOSED,
        satisfaction="satisfied",
    )
    TicketFactory(court=agent.court, opened_by=agent, subject="乙事项", kind=TicketKind.COMPLAINT)
    client.force_login(supervisor)
    url = reverse("hotline:ticket_list")
    assert (
        "甲事项" in (body := client.get(url, {"state": "closed"}).content.decode()) and "乙事项" not in body
    )
    assert (
        "乙事项" in (body := client.get(url, {"kind": "complaint"}).content.decode()) and "甲事项" not in body
    )
    assert (
        "甲事项" in (body := client.get(url, {"satisfaction": "satisfied"}).content.decode())
        and "乙事项" not in body
    )
    assert "没有符合条件的工单" in client.get(url, {"mine": "1"}).content.decode()


def test_a_portal_user_leaves_a_message(client, portal_user, court):
    client.force_login(portal_user)
    response = client.post(
        reverse("hotline:portal_message"),
        {"court": court.pk, "kind": "contact_judge", "subject": "联系法官", "text": "请法官回电"},
    )
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.court == court and ticket.channel == "portal" and ticket.first_responsible is None


def test_a_clerk_opens_a_ticket_from_the_visit_page(client, clerk):
    from filing.models import Visit

    visit = Visit.objects.create(
        court=clerk.court, visitor_name="李秀英", matter="consultation", opened_by=clerk, responsible=clerk
    )
    client.force_login(clerk)
    page = client.get(reverse("filing:visit", args=[visit.pk])).content.decode()
    assert f"{reverse('hotline:ticket_new')}?visit={visit.pk}" in page
    assert "李秀英" in client.get(reverse("hotline:ticket_new"), {"visit": visit.pk}).content.decode()


def test_the_court_administrator_edits_only_their_courts_knowledge_answers(client, sysadmin):
    shared = KnowledgeAnswerFactory()
    own = KnowledgeAnswerFactory(court=sysadmin.court)
    other = KnowledgeAnswerFactory(court=CourtFactory())
    client.force_login(sysadmin)
    changelist = client.get(reverse("admin:hotline_knowledgeanswer_changelist")).content.decode()
    assert shared.question in changelist and own.question in changelist and other.question not in changelist
    url = reverse("admin:hotline_knowledgeanswer_change", args=[shared.pk])
    client.post(url, {"topic": "fees", "question": "改了", "answer": "改了", "active": "on"})
    shared.refresh_from_db()
    assert shared.question != "改了"


@pytest.mark.parametrize("size", [3, 30])
def test_workbench_queries_stay_constant(client, agent, django_assert_max_num_queries, size):
    for _ in range(size):
        TicketFactory(court=agent.court, opened_by=agent)
        TicketFactory(court=agent.court, opened_by=agent, channel="portal", first_responsible=None)
    CallFactory(court=agent.court, agent=agent, state=CallState.TALKING)
    client.force_login(agent)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("hotline:home")).status_code == 200


@pytest.mark.parametrize("size", [3, 60])
def test_ticket_list_queries_stay_constant(client, supervisor, agent, django_assert_max_num_queries, size):
    for _ in range(size):
        TicketFactory(court=agent.court, opened_by=UserFactory(court=agent.court))
    client.force_login(supervisor)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("hotline:ticket_list")).status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_ticket_page_queries_stay_constant(client, agent, django_assert_max_num_queries, size):
    from hotline.services.tickets import ticket_query_case

    ticket = TicketFactory(court=agent.court, opened_by=agent, kind=TicketKind.QUERY)
    for _ in range(size):
        CallFactory(court=agent.court, agent=agent, ticket=ticket)
        ticket_query_case(
            ticket=ticket, user=agent, case_number="（2026）豫0481民初9号", name="张", id_number="1"
        )
    client.force_login(agent)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("hotline:ticket_detail", args=[ticket.pk])).status_code == 200
