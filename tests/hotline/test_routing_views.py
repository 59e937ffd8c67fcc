"""Routing pages through the HTTP client (issue 6, part ROUTING): 404 for what one may not see, 403 with
the reason, bad input re-shown with the message and nothing changed; the receipt PDF; the inbox and the
duty judge's queue."""

import pytest
from django.urls import reverse

from hotline.models import TicketKind, TicketState, Transfer
from hotline.permissions import NOT_THE_RECEIVER, TICKET_NOT_TRANSFERABLE
from hotline.routing_forms import TRANSFER_CHOICE_UNAVAILABLE
from hotline.services.routing import (
    MATERIALS_REQUIRED,
    NO_DUTY_JUDGE,
    TRANSFER_NOTE_REQUIRED,
    ticket_ask_duty_judge,
    ticket_transfer,
    transfer_reply,
)
from tests.courthall.test_pdf import pdf_text, require_cjk_font
from tests.factories import UserFactory
from tests.hotline.routing_setup import frozen, make_hall

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    return make_hall()


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_agent_transfers_a_ticket_to_a_judge(hall, client):
    ticket = hall.ticket()
    signed_in(client, hall.agent)
    url = reverse("hotline:ticket_transfer", args=[ticket.pk])
    form = client.get(url)
    assert form.status_code == 200 and "赵志强 · 民事审判庭" in form.content.decode()
    assert "郑凯" not in form.content.decode()  # the other court's judge is not offered

    response = client.post(url, {"to_user": hall.judge.pk, "note": "来电人想联系承办法官"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("hotline:ticket_detail", args=[ticket.pk])
    assert "已转交赵志强" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.state == TicketState.TRANSFERRED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"note": "转交"}, "请选择转交给哪位法官或哪个部门。"),
        ({"to_user": "judge", "note": ""}, TRANSFER_NOTE_REQUIRED),
        ({"to_user": "other_judge", "note": "转交"}, TRANSFER_CHOICE_UNAVAILABLE),
        ({"to_department": "other_department", "note": "转交"}, TRANSFER_CHOICE_UNAVAILABLE),
        ({"to_user": "abc", "note": "转交"}, TRANSFER_CHOICE_UNAVAILABLE),
    ],
)
def test_bad_transfer_input_is_shown_and_changes_nothing(hall, client, data, message):
    ticket = hall.ticket()
    data = {
        key: getattr(hall, value).pk if hasattr(hall, str(value)) else value for key, value in data.items()
    }
    response = signed_in(client, hall.agent).post(reverse("hotline:ticket_transfer", args=[ticket.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "尚未转办" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.state == TicketState.OPEN and not ticket.transfers.exists() and not ticket.events.exists()


def test_another_courts_ticket_is_404_and_a_judge_may_not_transfer(hall, client):
    ticket = hall.ticket()
    stranger = UserFactory(court=hall.other_court)
    stranger.groups.set(hall.agent.groups.all())
    assert (
        signed_in(client, stranger).get(reverse("hotline:ticket_transfer", args=[ticket.pk])).status_code
        == 404
    )
    # A judge it was not transferred to does not see the ticket at all.
    assert (
        signed_in(client, hall.judge).get(reverse("hotline:ticket_transfer", args=[ticket.pk])).status_code
        == 404
    )


def test_a_transferred_ticket_cannot_be_transferred_again_403_with_the_reason(hall, client):
    ticket = hall.ticket()
    ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="转交")
    response = signed_in(client, hall.agent).get(reverse("hotline:ticket_transfer", args=[ticket.pk]))
    assert response.status_code == 403
    assert TICKET_NOT_TRANSFERABLE.format(state="已转办待答复") in response.content.decode()


def test_a_material_transfer_page_takes_the_materials_and_links_the_receipt(hall, client, cjk_font):
    ticket = hall.ticket(kind=TicketKind.MATERIAL_TRANSFER, caller_name="张某某", subject="转交证据材料")
    signed_in(client, hall.agent)
    url = reverse("hotline:ticket_transfer", args=[ticket.pk])
    # What the browser posts: four rows, each with its counts at 1 and no name until one is typed.
    management = {"materials-TOTAL_FORMS": "4", "materials-INITIAL_FORMS": "0"}
    management |= {f"materials-{i}-{count}": "1" for i in range(4) for count in ("copies", "pages")}
    missing = client.post(
        url, {"to_user": hall.judge.pk, "note": "转交", "submitter": "张某某", **management}
    )
    assert MATERIALS_REQUIRED in missing.content.decode() and not ticket.transfers.exists()
    unnamed = client.post(
        url, {"to_user": hall.judge.pk, "note": "转交", **management, "materials-0-pages": "3"}
    )
    assert "请填写材料名称。" in unnamed.content.decode() and not ticket.transfers.exists()

    rows = {"materials-0-name": "证据补充材料", "materials-0-copies": "1", "materials-0-pages": "5"}
    rows |= {"materials-1-name": "质证意见", "materials-1-copies": "2", "materials-1-pages": "3"}
    rows |= {"materials-1-is_original": "on"}
    data = {"to_user": hall.judge.pk, "note": "请转承办法官", "submitter": "张某某", **management, **rows}
    routing = client.post(url, data, follow=True).content.decode()
    transfer = ticket.transfers.get()
    receipt_url = reverse("hotline:transfer_receipt", args=[transfer.pk])
    assert receipt_url in routing
    pdf = client.get(receipt_url)
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    for expected in (
        "材料收转回执",
        "张某某",
        "赵志强（民事审判庭）",
        "证据补充材料",
        "质证意见",
        ticket.number,
    ):
        assert expected in text, expected
    # The judge it went to may print it too; another court's staff get a 404.
    assert signed_in(client, hall.judge).get(receipt_url).status_code == 200
    assert signed_in(client, hall.other_judge).get(receipt_url).status_code == 404


@pytest.fixture
def cjk_font():
    require_cjk_font()


def test_no_duty_judge_is_shown_on_the_form_and_changes_nothing(hall, client):
    ticket = hall.ticket()
    with frozen("2027-03-03"):
        response = signed_in(client, hall.agent).post(
            reverse("hotline:ticket_ask_duty_judge", args=[ticket.pk]), {"question": "诉前保全需要什么材料？"}
        )
    assert response.status_code == 200
    assert NO_DUTY_JUDGE.format(day="2027-03-03") in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.state == TicketState.OPEN and not ticket.transfers.exists()


def test_the_duty_judge_answers_in_their_queue(hall, client):
    hall.duty_shift("2027-03-03", "08:30", "17:30")
    with frozen("2027-03-03", "09:00"):
        first = ticket_ask_duty_judge(
            ticket=hall.ticket(subject="第一问"), user=hall.agent, question="先问的"
        )
    with frozen("2027-03-03", "10:00"):
        ticket_ask_duty_judge(ticket=hall.ticket(subject="第二问"), user=hall.agent, question="后问的")
        queue = signed_in(client, hall.duty_judge).get(reverse("hotline:duty")).content.decode()
        assert queue.index("先问的") < queue.index("后问的")  # oldest first
        assert "08:30–17:30</span> 王建国" in queue  # today's roster
        response = client.post(
            reverse("hotline:transfer_reply", args=[first.pk]), {"reply": "需提交保全申请书"}
        )
    assert response.status_code == 302 and response["Location"] == reverse("hotline:duty")
    assert Transfer.objects.get(pk=first.pk).reply == "需提交保全申请书"


def test_the_receivers_inbox_lists_mine_and_my_departments_by_due_day(hall, client):
    with frozen("2027-02-26"):  # Friday: due Tuesday 03-02, late on Wednesday
        department = ticket_transfer(
            ticket=hall.ticket(subject="转民事审判庭的"), user=hall.agent, to_department=hall.civil, note="转"
        )
    with frozen("2027-03-03"):
        ticket_transfer(
            ticket=hall.ticket(subject="转给我的"), user=hall.agent, to_user=hall.judge, note="转"
        )
        ticket_transfer(
            ticket=hall.ticket(subject="转给同事的"), user=hall.agent, to_user=hall.colleague, note="转"
        )
        page = signed_in(client, hall.judge).get(reverse("hotline:inbox")).content.decode()
    assert page.index("转民事审判庭的") < page.index("转给我的")
    assert "转给同事的" not in page
    assert "已超期" in page and "今日到期" not in page  # mine is due on Friday 03-05
    assert reverse("hotline:transfer_reply", args=[department.pk]) in page


def test_the_inbox_is_for_those_who_handle_cases(hall, client):
    assert signed_in(client, hall.agent).get(reverse("hotline:inbox")).status_code == 403


def test_the_judge_replies_from_the_inbox_and_the_ticket_says_so(hall, client):
    ticket = hall.ticket()
    transfer = ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="转交")
    signed_in(client, hall.judge)
    url = reverse("hotline:transfer_reply", args=[transfer.pk])
    empty = client.post(url, {"reply": "  "})
    assert "请填写答复内容。" in empty.content.decode()
    assert client.post(url, {"reply": "下周二开庭"})["Location"] == reverse("hotline:inbox")
    routing = (
        signed_in(client, hall.agent).get(reverse("hotline:ticket_detail", args=[ticket.pk])).content.decode()
    )
    assert "下周二开庭" in routing and "待回复来电人" in routing


def test_someone_who_sees_the_ticket_but_is_not_the_receiver_gets_403(hall, client):
    transfer = ticket_transfer(ticket=hall.ticket(), user=hall.agent, to_user=hall.judge, note="转交")
    response = signed_in(client, hall.agent).get(reverse("hotline:transfer_reply", args=[transfer.pk]))
    assert response.status_code == 403 and NOT_THE_RECEIVER in response.content.decode()
    assert (
        signed_in(client, hall.colleague)
        .get(reverse("hotline:transfer_reply", args=[transfer.pk]))
        .status_code
        == 404
    )


def test_an_appointment_reply_without_the_time_is_refused(hall, client):
    with frozen("2027-03-03"):
        ticket = hall.ticket(kind=TicketKind.APPOINTMENT, appointment_kind="file_review")
        transfer = ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="申请阅卷")
        signed_in(client, hall.judge)
        url = reverse("hotline:transfer_reply", args=[transfer.pk])
        refused = client.post(url, {"reply": "可以阅卷"})
        assert "预约事项须写明安排的时间" in refused.content.decode()
        bad = client.post(url, {"reply": "可以阅卷", "arranged_at": "下周"})
        assert "请按“2026-03-05 09:30”的格式填写安排的时间。" in bad.content.decode()
        assert client.post(url, {"reply": "可以阅卷", "arranged_at": "2027-03-05T09:30"}).status_code == 302
    transfer.refresh_from_db()
    assert f"{transfer.arranged_at:%H:%M}" in ("01:30", "09:30")


def test_the_inbox_takes_the_same_queries_at_two_sizes(hall, client, django_assert_max_num_queries):
    for size in (2, 8):
        while Transfer.objects.filter(to_user=hall.judge).count() < size:
            transfer = ticket_transfer(ticket=hall.ticket(), user=hall.agent, to_user=hall.judge, note="转交")
        transfer_reply(transfer=transfer, user=hall.judge, reply="答复")
        signed_in(client, hall.judge)
        with django_assert_max_num_queries(10):
            assert client.get(reverse("hotline:inbox")).status_code == 200


def test_the_duty_queue_takes_the_same_queries_at_two_sizes(hall, client, django_assert_max_num_queries):
    hall.duty_shift("2027-03-03")
    with frozen("2027-03-03"):
        for size in (2, 8):
            while Transfer.objects.filter(to_user=hall.duty_judge).count() < size:
                ticket_ask_duty_judge(ticket=hall.ticket(), user=hall.agent, question="问题")
            signed_in(client, hall.duty_judge)
            with django_assert_max_num_queries(10):
                assert client.get(reverse("hotline:duty")).status_code == 200
