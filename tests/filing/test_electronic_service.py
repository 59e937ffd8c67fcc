"""Electronic service of a filing's documents (电子送达): every notice of an online filing goes to its
owner's inbox with an SMS; the clerk's page and the filing's timeline show whether it was served."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courthall.models import PortalAccountKind, SmsMessage
from courthall.roles import INTERN_LAWYER
from filing.services.filings import filing_register
from filing.services.online import filing_submit_online
from notices.models import Delivery, Notice
from notices.services import notice_open
from tests.factories import PortalAccountFactory, PortalUserFactory
from tests.filing.conftest import civil_filing
from tests.filing.test_online import draft_for

pytestmark = pytest.mark.usefixtures("pdf_fonts")

SHANGHAI = ZoneInfo("Asia/Shanghai")
SUBMITTED = datetime(2026, 11, 18, 21, 0, tzinfo=SHANGHAI)
REGISTERED = datetime(2026, 11, 19, 10, 0, tzinfo=SHANGHAI)
OPENED = datetime(2026, 11, 19, 20, 30, tzinfo=SHANGHAI)


@pytest.fixture
def online_filing(lawyer, wugang):
    with time_machine.travel(SUBMITTED, tick=False):
        return filing_submit_online(draft=draft_for(lawyer, wugang), user=lawyer)


def test_the_receipt_of_an_online_filing_is_served_on_its_owner(online_filing, lawyer):
    receipt = Notice.objects.get(subject=f"filing:{online_filing.pk}")
    delivery = Delivery.objects.get()
    assert delivery.notice == receipt and delivery.recipient == lawyer
    assert delivery.served_at is None and delivery.announced_at == SUBMITTED
    message = SmsMessage.objects.get()
    assert message.mobile == lawyer.mobile and delivery.sms == message
    assert f"材料收据（{receipt.number}）" in message.text and "舞钢市人民法院" in message.text


def test_registering_online_serves_the_acceptance_fee_and_evidence_notices(online_filing, clerk, lawyer):
    with time_machine.travel(REGISTERED, tick=False):
        filing_register(filing=online_filing, user=clerk)
    kinds = sorted(Delivery.objects.filter(recipient=lawyer).values_list("notice__kind", flat=True))
    assert kinds == ["acceptance", "evidence", "fee", "receipt"]  # DOMAIN §3: all served electronically
    assert SmsMessage.objects.filter(mobile=lawyer.mobile).count() == 4


def test_an_interns_filing_is_served_on_the_lawyer(lawyer, wugang):
    intern = PortalUserFactory(full_name="李实习", role=INTERN_LAWYER)
    PortalAccountFactory(
        user=intern,
        kind=PortalAccountKind.INTERN,
        firm="河南某某律师事务所",
        intern_certificate_number="2026410001",
        supervising_lawyer=lawyer,
        verified_at=timezone.now(),
    )
    filing_submit_online(draft=draft_for(intern, wugang), user=intern)
    assert list(Delivery.objects.values_list("recipient", flat=True)) == [lawyer.pk]
    assert not SmsMessage.objects.filter(mobile=intern.mobile).exists()


def test_a_counter_filing_is_handed_over_on_paper(clerk):
    filing = civil_filing(clerk)
    filing_register(filing=filing, user=clerk)
    assert Notice.objects.count() == 3
    assert not Delivery.objects.exists() and not SmsMessage.objects.exists()


# --- The clerk's page ------------------------------------------------------------------------------------


def test_the_clerk_sees_served_and_not_served_and_the_timeline_shows_the_service(
    client, online_filing, clerk, lawyer
):
    with time_machine.travel(REGISTERED, tick=False):
        filing_register(filing=online_filing, user=clerk)
    acceptance = Notice.objects.get(kind="acceptance")
    with time_machine.travel(OPENED, tick=False):
        notice_open(notice=acceptance, user=lawyer)
    client.force_login(clerk)

    response = client.get(reverse("filing:filing_detail", args=[online_filing.pk]))

    html = response.content.decode()
    assert '<div class="small text-success" data-service="served">已送达 11月19日 20:30</div>' in html
    assert "未送达（已短信通知 11月18日 21:00）" in html  # the receipt
    assert "未送达（已短信通知 11月19日 10:00）" in html  # the fee notice
    assert html.count('data-service="unserved"') == 3  # the receipt, the fee notice, the 举证通知书
    timeline = response.context["timeline"]
    assert [entry.action for entry in timeline][-1] == "served"
    served = timeline[-1]
    assert served.at == OPENED and served.actor == lawyer
    assert acceptance.number in served.summary and "文书已送达" in html
    # The clerk opening the document serves nothing.
    client.get(reverse("notices:pdf", args=[Notice.objects.get(kind="fee").pk]))
    assert Delivery.objects.filter(served_at__isnull=False).count() == 1


def test_a_counter_filings_documents_say_service_does_not_apply(client, clerk):
    filing = civil_filing(clerk)
    client.force_login(clerk)
    html = client.get(reverse("filing:filing_detail", args=[filing.pk])).content.decode()
    assert 'data-service="na"' in html and "不适用（窗口当面交付）" in html
    assert 'data-service="served"' not in html and 'data-service="unserved"' not in html


def test_the_clerks_page_reads_the_service_in_one_query(client, online_filing, clerk, lawyer):
    client.force_login(clerk)
    url = reverse("filing:filing_detail", args=[online_filing.pk])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    with time_machine.travel(REGISTERED, tick=False):
        filing_register(filing=online_filing, user=clerk)
    for notice in Notice.objects.all():
        notice_open(notice=notice, user=lawyer)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    deliveries = [q for q in after if 'FROM "notices_delivery"' in q["sql"]]
    assert len(deliveries) == 1
    # Registering adds what registration shows (registered_by, and the fee ledger panel: its payments and
    # its refunds); the documents and their service add none.
    assert len(after) <= len(before) + 3
