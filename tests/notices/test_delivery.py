"""Electronic service (电子送达): a document delivered to a portal user's inbox, announced by SMS, served
the first time its recipient opens it — and never by anyone else's opening."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courthall.models import SmsMessage
from courthall.roles import CLERK, LAWYER, PARTY
from notices.kinds import snapshot_matter
from notices.models import Delivery
from notices.permissions import can_view_notice
from notices.services import (
    DELIVERY_SMS_PURPOSE,
    NOT_THE_RECIPIENT,
    notice_deliver,
    notice_issue,
    notice_open,
)
from tests.factories import PortalUserFactory, UserFactory

pytestmark = pytest.mark.usefixtures("fake_render")

SHANGHAI = ZoneInfo("Asia/Shanghai")
ISSUED = datetime(2026, 11, 20, 21, 0, tzinfo=SHANGHAI)
FIRST_OPEN = datetime(2026, 11, 23, 9, 15, tzinfo=SHANGHAI)
SECOND_OPEN = datetime(2026, 11, 24, 16, 40, tzinfo=SHANGHAI)


@pytest.fixture
def lawyer(db):
    return PortalUserFactory(full_name="王律师", mobile="13912345678", role=LAWYER)


@pytest.fixture
def delivered(issue, lawyer):
    """deliver("acceptance") → a notice issued and delivered to the lawyer at ISSUED."""

    def make(kind: str = "acceptance", recipient=None):
        with time_machine.travel(ISSUED, tick=False):
            notice = issue(kind)
            notice_deliver(notice=notice, recipient=recipient or lawyer)
        return notice

    return make


def delivered_url(notice) -> str:
    return reverse("notices:delivered", args=[notice.pk])


# --- Delivering ------------------------------------------------------------------------------------------


@time_machine.travel(ISSUED, tick=False)
def test_delivering_puts_the_notice_in_the_inbox_and_queues_an_sms(issue, lawyer):
    notice = issue("acceptance")

    delivery = notice_deliver(notice=notice, recipient=lawyer)

    assert delivery.recipient == lawyer and delivery.notice == notice
    assert delivery.served_at is None and delivery.created_at == ISSUED
    message = SmsMessage.objects.get()
    assert delivery.sms == message and delivery.announced_at == message.created_at == ISSUED
    assert message.mobile == "13912345678" and message.purpose == DELIVERY_SMS_PURPOSE
    assert message.sent_at is None  # handed to the sender only after the transaction commits
    assert "【舞钢市人民法院】王律师" in message.text
    assert f"受理案件通知书（{notice.number}）" in message.text
    assert "请登录网上立案平台查看" in message.text
    assert delivery.history.count() == 1


def test_delivering_again_returns_the_same_delivery_and_sends_nothing_more(issue, lawyer):
    notice = issue()
    first = notice_deliver(notice=notice, recipient=lawyer)
    assert notice_deliver(notice=notice, recipient=lawyer) == first
    assert Delivery.objects.count() == 1 and SmsMessage.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(notice=notice, recipient=lawyer)


def test_a_recipient_without_a_usable_mobile_still_finds_it_in_the_inbox(issue):
    for mobile in ("", "12345"):
        recipient = PortalUserFactory(mobile=mobile, role=PARTY)
        delivery = notice_deliver(notice=issue(), recipient=recipient)
        assert delivery.sms is None and delivery.announced_at is None
    assert not SmsMessage.objects.exists()


def test_the_sms_goes_to_the_sender_after_commit(issue, lawyer, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notice_deliver(notice=issue(), recipient=lawyer)
        assert SmsMessage.objects.get().sent_at is None
    assert SmsMessage.objects.get().sent_at is not None


def test_nothing_is_delivered_when_the_issuing_transaction_rolls_back(clerk, court, snapshot_for, lawyer):
    with pytest.raises(RuntimeError), transaction.atomic():
        notice = notice_issue(
            court=court,
            kind="receipt",
            subject="filing:1",
            addressee="王律师",
            snapshot=snapshot_for("receipt"),
            issued_by=clerk,
        )
        notice_deliver(notice=notice, recipient=lawyer)
        raise RuntimeError("the decision failed")
    assert not Delivery.objects.exists() and not SmsMessage.objects.exists()


# --- Serving: the first opening by the recipient ---------------------------------------------------------


def test_the_service_time_is_the_first_opening_and_never_changes(delivered, lawyer):
    notice = delivered()
    with time_machine.travel(FIRST_OPEN, tick=False):
        assert notice_open(notice=notice, user=lawyer).served_at == FIRST_OPEN
    with time_machine.travel(SECOND_OPEN, tick=False):
        assert notice_open(notice=notice, user=lawyer).served_at == FIRST_OPEN
    delivery = Delivery.objects.get()
    assert delivery.served_at == FIRST_OPEN
    # Created, then served: the second opening wrote nothing.
    assert [h.served_at for h in delivery.history.order_by("history_id")] == [None, FIRST_OPEN]
    assert delivery.history.latest().history_user == lawyer


def test_serve_changes_a_served_delivery_no_more(delivered):
    delivery = Delivery.objects.get(notice=delivered())
    assert delivery.serve(FIRST_OPEN) is True
    assert delivery.serve(SECOND_OPEN) is False
    assert delivery.served_at == FIRST_OPEN


@pytest.mark.parametrize("who", ["clerk", "other_lawyer"])
def test_nobody_but_the_recipient_serves_it(delivered, clerk, who):
    notice = delivered()
    user = clerk if who == "clerk" else PortalUserFactory(role=LAWYER)
    with pytest.raises(PermissionDenied, match=NOT_THE_RECIPIENT):
        notice_open(notice=notice, user=user)
    assert Delivery.objects.get().served_at is None


def test_the_recipient_may_view_the_notice_and_other_portal_users_may_not(delivered, lawyer, clerk):
    notice = delivered()
    assert can_view_notice(notice, lawyer)
    assert can_view_notice(notice, clerk)
    assert not can_view_notice(notice, PortalUserFactory(role=LAWYER))


# --- Through the HTTP interface --------------------------------------------------------------------------


def test_the_recipient_opens_the_pdf_and_the_first_time_is_recorded(client, delivered, lawyer):
    notice = delivered()
    client.force_login(lawyer)
    with time_machine.travel(FIRST_OPEN, tick=False):
        response = client.get(delivered_url(notice))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == bytes(notice.pdf)
    assert response["Content-Disposition"].startswith("inline;")
    with time_machine.travel(SECOND_OPEN, tick=False):
        response = client.get(delivered_url(notice), {"download": "1"})
    assert response["Content-Disposition"].startswith("attachment;")
    assert Delivery.objects.get().served_at == FIRST_OPEN


def test_a_staff_reader_does_not_serve_it(client, delivered, clerk):
    notice = delivered()
    client.force_login(clerk)
    assert client.get(reverse("notices:pdf", args=[notice.pk])).status_code == 200
    assert client.get(delivered_url(notice)).status_code == 404
    assert Delivery.objects.get().served_at is None


def test_the_recipient_following_a_staff_link_is_sent_to_the_serving_address(client, delivered, lawyer):
    notice = delivered()
    client.force_login(lawyer)
    response = client.get(reverse("notices:pdf", args=[notice.pk]), {"download": "1"})
    assert response.status_code == 302 and response["Location"] == delivered_url(notice) + "?download=1"


@pytest.mark.parametrize("who", ["other_lawyer", "other_court_clerk", "anonymous"])
def test_anyone_else_gets_a_404(client, delivered, who):
    notice = delivered()
    if who == "other_lawyer":
        client.force_login(PortalUserFactory(role=LAWYER))
    elif who == "other_court_clerk":
        client.force_login(UserFactory(role=CLERK))
    response = client.get(delivered_url(notice))
    if who == "anonymous":
        assert response.status_code == 302 and reverse("login") in response["Location"]
    else:
        assert response.status_code == 404
        assert client.get(reverse("notices:pdf", args=[notice.pk])).status_code == 404
    assert client.get(reverse("notices:delivered", args=[notice.pk + 1000])).status_code in (302, 404)
    assert Delivery.objects.get().served_at is None


def test_the_inbox_lists_my_documents_newest_first_with_the_unread_marked(client, delivered, lawyer):
    receipt = delivered("receipt")
    with time_machine.travel(SECOND_OPEN, tick=False):
        acceptance = delivered("acceptance")
        notice_open(notice=receipt, user=lawyer)
    someone_elses = delivered("fee", recipient=PortalUserFactory(role=PARTY))
    client.force_login(lawyer)

    response = client.get(reverse("notices:inbox"))

    assert response.status_code == 200
    rows = [delivery.notice for delivery in response.context["page"]]
    assert rows == [acceptance, receipt]
    html = response.content.decode()
    assert someone_elses.number not in html
    assert f'data-notice="{acceptance.pk}" class="ch-unread"' in html
    assert f'data-notice="{receipt.pk}">' in html
    assert "已送达</span> 2026年11月24日 16:40" in html
    assert "未读" in html
    # The navigation counts the one unread document.
    assert 'id="inbox-unread"' in html and ">1<span" in html


def test_the_inbox_is_for_portal_users(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("notices:inbox")).status_code == 403


def test_the_inbox_pages_and_its_queries_do_not_grow_with_the_documents(
    client, issue, lawyer, django_assert_max_num_queries
):
    client.force_login(lawyer)
    notice_deliver(notice=issue(), recipient=lawyer)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notices:inbox"))
    for _ in range(35):
        notice_deliver(notice=issue(), recipient=lawyer)
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("notices:inbox"))
    assert len(response.context["page"]) == 30
    assert "第 1 / 2 页，共 36 件" in response.content.decode()
    assert len(client.get(reverse("notices:inbox"), {"page": 2}).context["page"]) == 6


def test_the_unread_count_is_one_query_and_shown_only_to_portal_users(client, delivered, lawyer, clerk):
    delivered("receipt")
    delivered("acceptance")
    client.force_login(lawyer)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("home"), follow=True).content.decode()
    assert "文书送达" in html and ">2<span" in html
    counts = [q["sql"] for q in queries if 'FROM "notices_delivery"' in q["sql"]]
    assert len(counts) == 1 and "COUNT(" in counts[0]

    client.force_login(clerk)
    html = client.get(reverse("home"), follow=True).content.decode()
    assert 'id="inbox-unread"' not in html and "文书送达" not in html


def test_the_inbox_names_what_each_document_is_about(snapshot_for):
    assert snapshot_matter(snapshot_for("acceptance")) == "(2026)豫0481民初123号"
    assert snapshot_matter(snapshot_for("correction")) == "张某某诉平顶山某某商贸有限公司买卖合同纠纷"
    assert snapshot_matter(snapshot_for("receipt")) == "收件第20260305-0007号"
    assert snapshot_matter({"court": {}}) == snapshot_matter(None) == ""
