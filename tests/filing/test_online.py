"""Submitting an online filing (filing.services.online) and the clerks' online queue."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from courthall.models import PortalAccountKind
from courthall.roles import CLERK, INTERN_LAWYER, LAWYER
from filing.models import CaseType, Channel, Draft, Filing, FilingState, Upload
from filing.selectors.filings import filing_online_clock
from filing.services.online import filing_submit_online
from notices.models import Notice
from tests.factories import PortalAccountFactory, PortalUserFactory, UserFactory

pytestmark = pytest.mark.usefixtures("pdf_fonts")

FRIDAY_EVENING = "2026-11-20 21:00 +0800"
WEDNESDAY_MORNING = "2026-11-18 09:30 +0800"
PLAINTIFF = {
    "role": "plaintiff",
    "name": "赵六",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "address": "河南省舞钢市",
}
DEFENDANT = {
    "role": "defendant",
    "name": "某某商贸有限公司",
    "kind": "legal_person",
    "address": "河南省平顶山市",
}


def draft_for(user, court, **data) -> Draft:
    values = {
        "claims": "判令被告支付货款50000元。",
        "facts": "原告向被告供货，被告未付款。",
        "cause_text": "买卖合同纠纷",
        "amount_in_dispute": "50000",
        "parties": [PLAINTIFF, DEFENDANT],
        "agents": [
            {
                "party_index": 0,
                "kind": "lawyer",
                "name": user.full_name,
                "licence_number": "14104202010123456",
            }
        ],
    }
    values.update(data)
    draft = Draft.objects.create(
        owner=user, court=court, case_type=CaseType.objects.get(code="民初"), data=values, step="confirm"
    )
    for name in ("民事起诉状", "原告身份证明", "授权委托书"):
        upload = Upload(
            draft=draft,
            name=name,
            content_type="application/pdf",
            size=10,
            sha256="0" * 64,
            pages=2,
            uploaded_by=user,
            uploaded_at=timezone.now(),
        )
        upload.file.save("x.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
        upload.save()
    return draft


@time_machine.travel(FRIDAY_EVENING, tick=False)
def test_submitting_stamps_the_time_stores_the_clocks_and_issues_the_receipt(lawyer, wugang):
    draft = draft_for(lawyer, wugang)
    filing = filing_submit_online(draft=draft, user=lawyer)
    assert filing.channel == Channel.ONLINE and filing.state == FilingState.RECEIVED
    assert filing.owner == lawyer and filing.submitted_by == lawyer and filing.first_receiver is None
    assert timezone.localtime(filing.received_at).hour == 21
    # Friday 21:00 counts as Saturday: reviewed on Monday, at the latest on Wednesday; the statutory
    # period runs from Friday, the date it arrived (登记立案规定 art. 8: 7 days → Friday 27 November).
    assert filing.online_review_due_on == date(2026, 11, 23)
    assert filing.online_review_limit_on == date(2026, 11, 25)
    assert filing.decision_due_on == date(2026, 11, 27)
    receipt = Notice.objects.get(subject=f"filing:{filing.pk}")
    assert receipt.kind == "receipt" and receipt.issued_automatically and receipt.issued_by == lawyer
    assert receipt.snapshot["clerk"]["name"] == "网上立案系统（自动出具）"
    assert [m["name"] for m in receipt.snapshot["materials"]] == ["民事起诉状", "原告身份证明", "授权委托书"]
    round_ = filing.rounds.get()
    assert sorted(round_.uploads.values_list("name", flat=True)) == [
        "原告身份证明",
        "授权委托书",
        "民事起诉状",
    ]
    draft.refresh_from_db()
    assert draft.filing == filing
    assert filing.events.filter(action="submitted_online").exists()


@time_machine.travel(WEDNESDAY_MORNING, tick=False)
def test_a_draft_is_submitted_once(lawyer, wugang):
    draft = draft_for(lawyer, wugang)
    filing_submit_online(draft=draft, user=lawyer)
    with pytest.raises(ValidationError, match="已于2026年11月18日 09:30提交"):
        filing_submit_online(draft=draft, user=lawyer)
    assert Filing.objects.count() == 1


def test_someone_elses_draft_cannot_be_submitted(lawyer, wugang):
    other = PortalUserFactory(role=LAWYER)
    PortalAccountFactory(user=other, kind=PortalAccountKind.LAWYER, firm="甲所", verified_at=timezone.now())
    with pytest.raises(PermissionDenied, match="不是您的草稿"):
        filing_submit_online(draft=draft_for(lawyer, wugang), user=other)
    assert Filing.objects.count() == 0


def test_an_unverified_lawyer_keeps_the_draft_but_cannot_submit(wugang, reference_data):
    user = PortalUserFactory(role=LAWYER)
    PortalAccountFactory(user=user, kind=PortalAccountKind.LAWYER, firm="甲所")
    draft = draft_for(user, wugang)
    with pytest.raises(PermissionDenied, match="尚未通过法院核验"):
        filing_submit_online(draft=draft, user=user)
    assert Filing.objects.count() == 0 and Notice.objects.count() == 0
    assert Draft.objects.get(pk=draft.pk).filing is None


def test_every_missing_entry_is_named_at_once_and_nothing_is_stored(lawyer, wugang):
    draft = draft_for(lawyer, wugang, claims="", parties=[PLAINTIFF], cause_text="")
    with pytest.raises(ValidationError) as error:
        filing_submit_online(draft=draft, user=lawyer)
    messages = " ".join(error.value.messages)
    assert "诉讼请求" in messages and "被告" in messages and "案由" in messages
    assert Filing.objects.count() == 0 and Notice.objects.count() == 0


@pytest.mark.parametrize("parties", ["not a list", [1, 2], [{"role": "plaintiff", "name": ["x"]}]])
def test_malformed_draft_data_is_a_message_not_a_500(lawyer, wugang, parties):
    draft = draft_for(lawyer, wugang, parties=parties)
    with pytest.raises(ValidationError):
        filing_submit_online(draft=draft, user=lawyer)
    assert Filing.objects.count() == 0


@time_machine.travel(WEDNESDAY_MORNING, tick=False)
def test_an_intern_files_for_a_verified_lawyer_of_the_same_firm(lawyer, wugang):
    intern = PortalUserFactory(full_name="李实习", role=INTERN_LAWYER)
    PortalAccountFactory(
        user=intern,
        kind=PortalAccountKind.INTERN,
        firm="河南某某律师事务所",
        intern_certificate_number="2026410001",
        supervising_lawyer=lawyer,
        verified_at=timezone.now(),
    )
    filing = filing_submit_online(draft=draft_for(intern, wugang), user=intern)
    assert filing.owner == lawyer and filing.submitted_by == intern
    assert "代理律师 王律师" in filing.events.get(action="submitted_online").summary


def test_an_intern_cannot_file_for_a_lawyer_of_another_firm(lawyer, wugang):
    intern = PortalUserFactory(role=INTERN_LAWYER)
    PortalAccountFactory(
        user=intern,
        kind=PortalAccountKind.INTERN,
        firm="另一律师事务所",
        intern_certificate_number="2026410002",
        verified_at=timezone.now(),
    )
    draft = draft_for(intern, wugang, lawyer_id=lawyer.pk)
    with pytest.raises(ValidationError, match="本所一名已核验的执业律师"):
        filing_submit_online(draft=draft, user=intern)
    assert Filing.objects.count() == 0


# --- The online queue ------------------------------------------------------------------------------------


def test_online_queue_orders_by_the_same_day_date_and_flags_missed_limits(client, lawyer, wugang):
    with time_machine.travel("2026-11-18 10:00 +0800", tick=False):
        wednesday = filing_submit_online(draft=draft_for(lawyer, wugang), user=lawyer)
    with time_machine.travel("2026-11-16 10:00 +0800", tick=False):
        monday = filing_submit_online(draft=draft_for(lawyer, wugang), user=lawyer, business_environment=True)
    clerk = UserFactory(court=wugang, role=CLERK)
    client.force_login(clerk)
    with time_machine.travel("2026-11-19 10:00 +0800", tick=False):
        response = client.get(reverse("filing:online_queue"))
        clock = filing_online_clock(Filing.objects.get(pk=monday.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index(f'data-filing="{monday.pk}"') < body.index(f'data-filing="{wednesday.pk}"')
    # Monday's business-environment filing missed its same-day review (Monday) but not its 3 days (Thursday)
    assert clock.same_day_missed and not clock.outer_missed and not clock.statutory_missed
    row = body[body.index(f'data-filing="{monday.pk}"') - 40 :]
    assert "table-danger" in row[:80]
    assert "涉营商环境" in body


def test_online_queue_shows_only_the_courts_own_filings(client, lawyer, wugang):
    filing = filing_submit_online(draft=draft_for(lawyer, wugang), user=lawyer)
    from courthall.models import Court

    other_clerk = UserFactory(court=Court.objects.exclude(pk=wugang.pk).first(), role=CLERK)
    client.force_login(other_clerk)
    response = client.get(reverse("filing:online_queue"))
    assert response.status_code == 200
    assert f'data-filing="{filing.pk}"' not in response.content.decode()


def test_portal_users_do_not_see_the_online_queue(client, lawyer):
    client.force_login(lawyer)
    assert client.get(reverse("filing:online_queue")).status_code == 403


# --- My filings ------------------------------------------------------------------------------------------


def test_my_filings_lists_the_users_own_filings_and_drafts_only(client, lawyer, wugang):
    mine = filing_submit_online(draft=draft_for(lawyer, wugang), user=lawyer)
    waiting = Draft.objects.create(owner=lawyer, court=wugang, data={})
    other = PortalUserFactory(role=LAWYER)
    PortalAccountFactory(user=other, kind=PortalAccountKind.LAWYER, firm="甲所", verified_at=timezone.now())
    theirs = filing_submit_online(draft=draft_for(other, wugang), user=other)

    client.force_login(lawyer)
    body = client.get(reverse("filing:portal")).content.decode()
    assert f'data-filing="{mine.pk}"' in body and f'data-draft="{waiting.pk}"' in body
    assert f'data-filing="{theirs.pk}"' not in body


def test_an_intern_sees_the_filings_they_submitted(client, lawyer, wugang):
    intern = PortalUserFactory(role=INTERN_LAWYER)
    PortalAccountFactory(
        user=intern,
        kind=PortalAccountKind.INTERN,
        firm="河南某某律师事务所",
        intern_certificate_number="2026410003",
        supervising_lawyer=lawyer,
        verified_at=timezone.now(),
    )
    filing = filing_submit_online(draft=draft_for(intern, wugang), user=intern)
    for user in (intern, lawyer):
        client.force_login(user)
        body = client.get(reverse("filing:portal")).content.decode()
        assert f'data-filing="{filing.pk}"' in body
    assert "由 " in body and "提交，代理律师" in body


def test_an_unverified_lawyer_is_told_drafts_wait_for_verification(client, wugang, reference_data):
    user = PortalUserFactory(role=LAWYER)
    PortalAccountFactory(user=user, kind=PortalAccountKind.LAWYER, firm="甲所")
    client.force_login(user)
    assert "尚未通过法院核验" in client.get(reverse("filing:portal")).content.decode()
