"""A portal user's own filing: its page, the online correction and the withdrawal (filing.views.portal)."""

from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courthall.models import PortalAccountKind
from courthall.roles import INTERN_LAWYER, LAWYER
from courthall.uploads import TYPE_NOT_ACCEPTED
from filing.models import (
    CorrectionAnswer,
    Filing,
    FilingEvent,
    FilingState,
    RoundKind,
    SubmissionRound,
    Upload,
)
from filing.permissions import NOT_AWAITING_CORRECTION, NOT_WITHDRAWABLE
from filing.selectors.filings import filing_online_queue
from filing.services import filings as counter
from filing.services.filings import CorrectionInput
from filing.services.online import filing_submit_online
from filing.services.portal import (
    NO_ANSWER,
    NOT_AN_ITEM,
    CorrectionAnswerInput,
    filing_submit_corrections_online,
    filing_withdraw_online,
)
from notices.models import Delivery, Notice
from notices.services import notice_reissue
from tests.courthall.test_uploads import photo, sample_pdf, upload
from tests.factories import PortalAccountFactory, PortalUserFactory
from tests.filing.test_online import draft_for
from tests.filing.test_online_review import phone_call

pytestmark = pytest.mark.usefixtures("pdf_fonts")

WEDNESDAY = "2026-11-18 09:30 +0800"
FRIDAY = "2026-11-20 10:00 +0800"
ITEMS = [
    CorrectionInput(material="授权委托书", problem="未经委托人签名", provide="提交委托人签名的授权委托书"),
    CorrectionInput(material="被告住所", problem="起诉状未写明被告住所", provide="写明被告的住所"),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media) -> set[Path]:
    return {path for path in Path(media).rglob("*") if path.is_file()}


def other_lawyer():
    user = PortalUserFactory(full_name="赵律师", role=LAWYER)
    PortalAccountFactory(user=user, kind=PortalAccountKind.LAWYER, firm="甲所", verified_at=timezone.now())
    return user


def intern_of(lawyer):
    intern = PortalUserFactory(full_name="李实习", role=INTERN_LAWYER)
    PortalAccountFactory(
        user=intern,
        kind=PortalAccountKind.INTERN,
        firm="河南某某律师事务所",
        intern_certificate_number="2026410009",
        supervising_lawyer=lawyer,
        verified_at=timezone.now(),
    )
    return intern


def submitted(user, court) -> Filing:
    with time_machine.travel(WEDNESDAY, tick=False):
        return filing_submit_online(draft=draft_for(user, court), user=user)


def awaiting_correction(user, court, clerk) -> Filing:
    filing = submitted(user, court)
    with time_machine.travel(WEDNESDAY, tick=False):
        counter.filing_return_for_correction(
            filing=filing, user=clerk, items=ITEMS, phone_call=phone_call(called_at=timezone.now())
        )
    return Filing.objects.get(pk=filing.pk)


def items_of(filing):
    return list(filing.corrections.get().items.order_by("pk"))


def page(client, user, filing, name="portal_filing"):
    client.force_login(user)
    return client.get(reverse(f"filing:{name}", args=[filing.pk]))


# --- The page ------------------------------------------------------------------------------------------


def test_the_filer_sees_state_limits_parties_materials_documents_and_timeline(client, lawyer, wugang):
    filing = submitted(lawyer, wugang)
    receipt = Notice.objects.get(subject=f"filing:{filing.pk}")
    with time_machine.travel(WEDNESDAY, tick=False):
        response = page(client, lawyer, filing)
    assert response.status_code == 200
    body = response.content.decode()
    assert "已收材料" in body and "赵六" in body and "某某商贸有限公司" in body
    assert "2026年11月18日 审核，最迟 2026年11月23日" in body  # same day; 3 working days
    assert "2026年11月25日 前决定是否立案" in body  # 登记立案规定 art. 8: 7 days
    assert reverse("filing:portal_notice", args=[filing.pk, receipt.pk]) in body
    assert 'data-served="no"' in body and "未读" in body
    for uploaded in Upload.objects.filter(round__filing=filing):
        assert reverse("filing:upload_file", args=[uploaded.pk]) in body
    assert 'data-action="submitted_online"' in body and 'data-action="materials_received"' in body
    assert reverse("filing:portal_withdraw", args=[filing.pk]) in body
    assert reverse("filing:portal_correct", args=[filing.pk]) not in body


def test_my_filings_links_to_the_page(client, lawyer, wugang):
    filing = submitted(lawyer, wugang)
    client.force_login(lawyer)
    body = client.get(reverse("filing:portal")).content.decode()
    assert reverse("filing:portal_filing", args=[filing.pk]) in body


def test_an_interns_filing_is_the_interns_and_the_lawyers_and_nobody_elses(client, lawyer, wugang, clerk):
    intern = intern_of(lawyer)
    with time_machine.travel(WEDNESDAY, tick=False):
        filing = filing_submit_online(draft=draft_for(intern, wugang), user=intern)
    for user in (intern, lawyer):
        response = page(client, user, filing)
        assert response.status_code == 200
        assert "由 李实习 提交，代理律师 王律师" in response.content.decode()
    stranger = other_lawyer()
    for name in ("portal_filing", "portal_correct", "portal_withdraw"):
        assert page(client, stranger, filing, name).status_code == 404
    # A clerk of the court uses the clerk's filing page; the portal's is not for staff.
    assert page(client, clerk, filing).status_code == 403
    assert page(client, lawyer, Filing(pk=filing.pk + 1000)).status_code == 404
    client.logout()
    assert client.get(reverse("filing:portal_filing", args=[filing.pk])).status_code == 302


def test_the_timeline_shows_the_filer_no_internal_records(client, lawyer, wugang, clerk):
    filing = submitted(lawyer, wugang)
    FilingEvent.objects.create(
        filing=filing, actor=clerk, action="phone_note", summary="内部备注：电话未接通"
    )
    FilingEvent.objects.create(
        filing=filing,
        actor=clerk,
        action="correction_requested",
        summary="出具补正材料通知书 X1，共 1 项；其中二次告知 1 项，经 刘芳 批准：内部审批理由",
    )
    body = page(client, lawyer, filing).content.decode()
    assert "出具补正材料通知书 X1，共 1 项" in body
    assert "内部备注" not in body and "内部审批理由" not in body
    # Court staff appear as the court, not by name.
    assert "张敏" not in body.split('id="timeline"')[1]


def test_documents_are_shown_in_their_current_version(client, lawyer, wugang, clerk):
    filing = submitted(lawyer, wugang)
    receipt = Notice.objects.get(subject=f"filing:{filing.pk}")
    newer = notice_reissue(notice=receipt, snapshot=receipt.snapshot, issued_by=clerk)
    body = page(client, lawyer, filing).content.decode()
    assert f'data-notice="{newer.pk}"' in body and f'data-notice="{receipt.pk}"' not in body
    assert "第2版" in body


def test_awaiting_correction_shows_the_checklist_and_the_deadline(client, lawyer, wugang, clerk):
    filing = awaiting_correction(lawyer, wugang, clerk)
    with time_machine.travel(WEDNESDAY, tick=False):
        body = page(client, lawyer, filing).content.decode()
    assert 'id="correction-checklist"' in body
    assert "未经委托人签名" in body and "写明被告的住所" in body
    assert "2026年11月25日 前" in body  # 7 days (COURTHALL_CORRECTION_DAYS)
    assert reverse("filing:portal_correct", args=[filing.pk]) in body
    assert "补正期限已过" not in body
    with time_machine.travel("2026-11-27 09:00 +0800", tick=False):
        assert "补正期限已过" in page(client, lawyer, filing).content.decode()


def test_the_page_takes_a_fixed_number_of_queries(client, lawyer, wugang, clerk):
    filing = awaiting_correction(lawyer, wugang, clerk)
    client.force_login(lawyer)
    url = reverse("filing:portal_filing", args=[filing.pk])
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    # More filings, a correction round with files and explanations, its receipt, more events.
    for _ in range(3):
        submitted(lawyer, wugang)
    first_item, second_item = items_of(filing)
    with time_machine.travel(FRIDAY, tick=False):
        filing_submit_corrections_online(
            filing=filing,
            user=lawyer,
            answers=[
                CorrectionAnswerInput(item_id=first_item.pk, file=upload(photo("png"), "委托书.png")),
                CorrectionAnswerInput(item_id=second_item.pk, explanation="被告住所：河南省平顶山市某路1号"),
            ],
        )
    with CaptureQueriesContext(connection) as second:
        body = client.get(url).content.decode()
    assert body.count('data-round="') == 2 and "河南省平顶山市某路1号" in body
    # 19: the fee relief panel reads the applications (the payment limit comes with the filing).
    assert len(second) == len(first) <= 19


# --- Online correction ---------------------------------------------------------------------------------


def test_online_correction_restarts_the_limit_keeps_the_received_time_and_issues_a_receipt(
    lawyer, wugang, clerk
):
    filing = awaiting_correction(lawyer, wugang, clerk)
    received_at = filing.received_at
    first_item, second_item = items_of(filing)
    with time_machine.travel(FRIDAY, tick=False):
        filing = filing_submit_corrections_online(
            filing=filing,
            user=lawyer,
            answers=[
                CorrectionAnswerInput(item_id=first_item.pk, file=upload(sample_pdf(), "委托书.pdf")),
                CorrectionAnswerInput(item_id=second_item.pk, explanation="被告住所：河南省平顶山市某路1号"),
            ],
        )
    filing.refresh_from_db()
    assert filing.state == FilingState.UNDER_REVIEW
    assert filing.received_at == received_at
    # 登记立案规定 art. 7: the period runs again from the day the corrections arrive (Friday): 7 days.
    assert filing.limit_starts_on == date(2026, 11, 20)
    assert filing.decision_due_on == date(2026, 11, 27)
    # Back in the online queue: reviewed the same day, at the latest in 3 working days (Wednesday).
    assert (filing.online_review_due_on, filing.online_review_limit_on) == (
        date(2026, 11, 20),
        date(2026, 11, 25),
    )
    assert filing in filing_online_queue(user=clerk)

    round_ = filing.rounds.get(number=2)
    assert round_.kind == RoundKind.CORRECTION and round_.submitter_name == "王律师"
    [stored] = round_.uploads.all()
    assert (
        stored.name == "授权委托书"
        and stored.pages == 2
        and stored.uploaded_by == lawyer
        and stored.thumbnail
    )
    assert [item.name for item in round_.items.all()] == ["授权委托书", "补正说明（网上填写，共1项）"]
    answers = {answer.item_id: answer for answer in CorrectionAnswer.objects.filter(round=round_)}
    assert answers[first_item.pk].upload == stored and answers[second_item.pk].explanation.startswith(
        "被告住所"
    )

    receipt = Notice.objects.filter(subject=f"filing:{filing.pk}", kind="receipt").order_by("-pk").first()
    assert receipt.issued_automatically and receipt.issued_by == lawyer and receipt.snapshot["round"] == 2
    event = filing.events.get(action="corrections_submitted")
    assert event.actor == lawyer and "审查期限自2026年11月20日起重新计算，至2026年11月27日" in event.summary
    assert "已过" not in event.summary


def test_corrections_sent_through_the_page(client, lawyer, wugang, clerk, media):
    filing = awaiting_correction(lawyer, wugang, clerk)
    first_item, second_item = items_of(filing)
    client.force_login(lawyer)
    url = reverse("filing:portal_correct", args=[filing.pk])
    with time_machine.travel(FRIDAY, tick=False):
        form = client.get(url).content.decode()
        assert f'name="file_{first_item.pk}"' in form and f'name="explanation_{second_item.pk}"' in form
        response = client.post(
            url,
            {
                f"file_{first_item.pk}": upload(photo("jpeg"), "委托书.jpg", "image/jpeg"),
                f"explanation_{first_item.pk}": "已由委托人签名",
                f"explanation_{second_item.pk}": "被告住所：河南省平顶山市某路1号",
            },
            follow=True,
        )
    body = response.content.decode()
    assert "补正材料已提交，材料收据已出具。审查期限自今日起重新计算，至 2026年11月27日" in body
    stored = Upload.objects.get(round__filing=filing, round__number=2)
    assert reverse("filing:upload_thumbnail", args=[stored.pk]) in body
    assert "已由委托人签名" in body


def test_every_item_needs_a_file_or_an_explanation_and_nothing_is_stored_without(
    client, lawyer, wugang, clerk, media
):
    filing = awaiting_correction(lawyer, wugang, clerk)
    first_item, second_item = items_of(filing)
    before = stored_files(media)
    client.force_login(lawyer)
    response = client.post(
        reverse("filing:portal_correct", args=[filing.pk]),
        {f"file_{first_item.pk}": upload(sample_pdf(), "委托书.pdf"), f"explanation_{second_item.pk}": "  "},
    )
    assert response.status_code == 200
    assert NO_ANSWER.format(n=2, material="被告住所") in response.content.decode()
    assert "请重新选择要上传的文件" in response.content.decode()
    assert Filing.objects.get(pk=filing.pk).state == FilingState.AWAITING_CORRECTION
    assert not SubmissionRound.objects.filter(filing=filing, number=2).exists()
    assert stored_files(media) == before


def test_a_renamed_executable_is_refused_with_the_upload_checks_message(client, lawyer, wugang, clerk, media):
    filing = awaiting_correction(lawyer, wugang, clerk)
    first_item, second_item = items_of(filing)
    before = stored_files(media)
    client.force_login(lawyer)
    response = client.post(
        reverse("filing:portal_correct", args=[filing.pk]),
        {
            f"file_{first_item.pk}": upload(b"MZ\x90\x00\x03\x00\x00\x00 program", "委托书.pdf"),
            f"explanation_{second_item.pk}": "被告住所：河南省平顶山市某路1号",
        },
    )
    assert response.status_code == 200
    assert TYPE_NOT_ACCEPTED % {"name": "委托书.pdf"} in response.content.decode()
    assert Filing.objects.get(pk=filing.pk).state == FilingState.AWAITING_CORRECTION
    assert not Upload.objects.filter(round__number=2).exists() and stored_files(media) == before


def test_a_failure_after_files_were_written_leaves_no_file_and_no_row(lawyer, wugang, clerk, media):
    filing = awaiting_correction(lawyer, wugang, clerk)
    first_item, second_item = items_of(filing)
    before = stored_files(media)
    notices = Notice.objects.count()
    # PostgreSQL refuses the NUL in the second explanation, after both files were written.
    with pytest.raises(Exception, match="NUL"):
        filing_submit_corrections_online(
            filing=filing,
            user=lawyer,
            answers=[
                CorrectionAnswerInput(item_id=first_item.pk, file=upload(sample_pdf(), "委托书.pdf")),
                CorrectionAnswerInput(
                    item_id=second_item.pk, file=upload(photo("png"), "住所.png"), explanation="住所\x00"
                ),
            ],
        )
    assert stored_files(media) == before
    assert Filing.objects.get(pk=filing.pk).state == FilingState.AWAITING_CORRECTION
    assert Notice.objects.count() == notices and not CorrectionAnswer.objects.exists()


def test_corrections_after_the_deadline_are_accepted_until_the_court_records_the_lapse(lawyer, wugang, clerk):
    filing = awaiting_correction(lawyer, wugang, clerk)
    answers = [CorrectionAnswerInput(item_id=item.pk, explanation="已补正") for item in items_of(filing)]
    with time_machine.travel("2026-11-27 09:00 +0800", tick=False):  # deadline Wednesday 25th
        filing = filing_submit_corrections_online(filing=filing, user=lawyer, answers=answers)
    assert filing.state == FilingState.UNDER_REVIEW
    summary = filing.events.get(action="corrections_submitted").summary
    assert "补正期限（2026年11月25日）已过 2 日" in summary and "予以接收" in summary


def test_a_returned_filing_can_no_longer_be_corrected(lawyer, wugang, clerk):
    filing = awaiting_correction(lawyer, wugang, clerk)
    answers = [CorrectionAnswerInput(item_id=item.pk, explanation="已补正") for item in items_of(filing)]
    with time_machine.travel("2026-11-27 09:00 +0800", tick=False):
        counter.filing_lapse_correction(filing=filing, user=clerk)
        with pytest.raises(ValidationError, match="逾期未补正已退回"):
            filing_submit_corrections_online(filing=filing, user=lawyer, answers=answers)


def test_correcting_a_filing_not_awaiting_correction_is_a_message(client, lawyer, wugang):
    filing = submitted(lawyer, wugang)
    client.force_login(lawyer)
    url = reverse("filing:portal_correct", args=[filing.pk])
    for response in (client.get(url, follow=True), client.post(url, {}, follow=True)):
        assert NOT_AWAITING_CORRECTION.format(state="已收材料") in response.content.decode()
    assert Filing.objects.get(pk=filing.pk).state == FilingState.RECEIVED
    with pytest.raises(ValidationError, match="不需要补正材料"):
        filing_submit_corrections_online(filing=filing, user=lawyer, answers=[])


def test_forged_items_and_someone_elses_filing_change_nothing(lawyer, wugang, clerk):
    filing = awaiting_correction(lawyer, wugang, clerk)
    elsewhere = awaiting_correction(other_lawyer(), wugang, clerk)
    answers = [CorrectionAnswerInput(item_id=item.pk, explanation="已补正") for item in items_of(filing)]
    foreign = [CorrectionAnswerInput(item_id=items_of(elsewhere)[0].pk, explanation="已补正")]
    with pytest.raises(ValidationError, match=NOT_AN_ITEM):
        filing_submit_corrections_online(filing=filing, user=lawyer, answers=answers + foreign)
    with pytest.raises(PermissionDenied):
        filing_submit_corrections_online(filing=elsewhere, user=lawyer, answers=answers)
    with pytest.raises(PermissionDenied):
        filing_withdraw_online(filing=elsewhere, user=lawyer)
    assert set(Filing.objects.values_list("state", flat=True)) == {FilingState.AWAITING_CORRECTION}


def test_another_filings_upload_is_a_404(client, lawyer, wugang):
    filing = submitted(lawyer, wugang)
    mine = Upload.objects.filter(round__filing=filing).first()
    client.force_login(other_lawyer())
    assert client.get(reverse("filing:upload_file", args=[mine.pk])).status_code == 404
    assert client.get(reverse("filing:upload_thumbnail", args=[mine.pk])).status_code == 404


def test_posting_to_someone_elses_filing_is_a_404_and_changes_nothing(client, lawyer, wugang, clerk):
    filing = awaiting_correction(lawyer, wugang, clerk)
    client.force_login(other_lawyer())
    items = items_of(filing)
    data = {f"explanation_{item.pk}": "已补正" for item in items}
    assert client.post(reverse("filing:portal_correct", args=[filing.pk]), data).status_code == 404
    assert client.post(reverse("filing:portal_withdraw", args=[filing.pk]), {}).status_code == 404
    assert Filing.objects.get(pk=filing.pk).state == FilingState.AWAITING_CORRECTION


# --- Withdrawal ----------------------------------------------------------------------------------------


def test_the_filer_withdraws_after_confirming_and_the_clerk_sees_it(client, lawyer, wugang, clerk):
    filing = awaiting_correction(lawyer, wugang, clerk)
    url = reverse("filing:portal_withdraw", args=[filing.pk])
    confirm = page(client, lawyer, filing, "portal_withdraw")
    assert confirm.status_code == 200 and "撤回不能取消" in confirm.content.decode()
    assert Filing.objects.get(pk=filing.pk).state == FilingState.AWAITING_CORRECTION  # GET changes nothing
    response = client.post(url, {"reason": "双方已自行和解"}, follow=True)
    assert "您已撤回该立案申请" in response.content.decode()
    filing.refresh_from_db()
    assert filing.state == FilingState.WITHDRAWN and filing.withdrawal_reason == "双方已自行和解"
    assert filing.decided_by == lawyer
    event = filing.events.get(action="withdrawn")
    assert event.actor == lawyer and event.summary == "申请人 王律师 在网上撤回立案申请：双方已自行和解"
    assert filing.history.first().history_user == lawyer
    client.force_login(clerk)
    assert event.summary in client.get(reverse("filing:filing_detail", args=[filing.pk])).content.decode()


def test_an_intern_withdraws_without_a_reason(lawyer, wugang):
    intern = intern_of(lawyer)
    with time_machine.travel(WEDNESDAY, tick=False):
        filing = filing_submit_online(draft=draft_for(intern, wugang), user=intern)
    filing = filing_withdraw_online(filing=filing, user=intern)
    assert filing.state == FilingState.WITHDRAWN
    assert filing.events.get(action="withdrawn").summary.endswith("（未说明原因）")


def test_after_a_decision_withdrawing_is_a_message_and_changes_nothing(client, lawyer, wugang, clerk):
    filing = submitted(lawyer, wugang)
    counter.filing_register(filing=filing, user=clerk)
    message = NOT_WITHDRAWABLE.format(state="已立案")
    client.force_login(lawyer)
    url = reverse("filing:portal_withdraw", args=[filing.pk])
    for response in (client.get(url, follow=True), client.post(url, {"reason": "不想打了"}, follow=True)):
        assert message in response.content.decode()
    with pytest.raises(ValidationError, match="不能再撤回"):
        filing_withdraw_online(filing=filing, user=lawyer)
    filing.refresh_from_db()
    assert filing.state == FilingState.REGISTERED and not filing.events.filter(action="withdrawn").exists()
    body = page(client, lawyer, filing).content.decode()
    assert reverse("filing:portal_withdraw", args=[filing.pk]) not in body and filing.case_number in body


def test_the_clerk_sees_each_items_answer_beside_it(client, lawyer, wugang, clerk):
    filing = awaiting_correction(lawyer, wugang, clerk)
    first_item, second_item = items_of(filing)
    with time_machine.travel(FRIDAY, tick=False):
        filing_submit_corrections_online(
            filing=filing,
            user=lawyer,
            answers=[
                CorrectionAnswerInput(item_id=first_item.pk, file=upload(photo("png"), "委托书.png")),
                CorrectionAnswerInput(item_id=second_item.pk, explanation="被告住所：河南省平顶山市某路1号"),
            ],
        )
    stored = Upload.objects.get(round__filing=filing, round__number=2)
    client.force_login(clerk)
    body = client.get(reverse("filing:filing_detail", args=[filing.pk])).content.decode()
    assert reverse("filing:upload_file", args=[stored.pk]) in body
    assert "网上补正：被告住所：河南省平顶山市某路1号" in body.replace(
        '<span style="white-space: pre-line">', ""
    )


# --- Documents opened from the page ---------------------------------------------------------------------


def test_the_owner_opening_a_document_from_the_page_is_served_once(client, lawyer, wugang):
    filing = submitted(lawyer, wugang)
    receipt = Notice.objects.get(subject=f"filing:{filing.pk}")
    url = reverse("filing:portal_notice", args=[filing.pk, receipt.pk])
    client.force_login(lawyer)
    with time_machine.travel("2026-11-19 08:40 +0800", tick=False):
        response = client.get(url)
    assert response.status_code == 200 and response.content == bytes(receipt.pdf)
    with time_machine.travel("2026-11-20 10:00 +0800", tick=False):
        assert client.get(url).status_code == 200
    served = Delivery.objects.get(notice=receipt).served_at
    assert timezone.localtime(served).strftime("%m-%d %H:%M") == "11-19 08:40"
    assert 'data-served="yes"' in page(client, lawyer, filing).content.decode()


def test_the_intern_reads_the_lawyers_document_without_serving_it(client, lawyer, wugang):
    intern = intern_of(lawyer)
    draft = draft_for(intern, wugang)
    with time_machine.travel(WEDNESDAY, tick=False):
        filing = filing_submit_online(draft=draft, user=intern)
    receipt = Notice.objects.get(subject=f"filing:{filing.pk}")
    client.force_login(intern)
    response = client.get(reverse("filing:portal_notice", args=[filing.pk, receipt.pk]))
    assert response.status_code == 200
    assert Delivery.objects.get(notice=receipt, recipient=lawyer).served_at is None


def test_another_lawyer_or_another_filings_document_is_a_404(client, lawyer, wugang):
    filing = submitted(lawyer, wugang)
    other = submitted(lawyer, wugang)
    receipt = Notice.objects.get(subject=f"filing:{filing.pk}")
    client.force_login(other_lawyer())
    assert client.get(reverse("filing:portal_notice", args=[filing.pk, receipt.pk])).status_code == 404
    client.force_login(lawyer)
    # The notice exists and is the lawyer's, but not of this filing: the URL is forged.
    assert client.get(reverse("filing:portal_notice", args=[other.pk, receipt.pk])).status_code == 404
    assert Delivery.objects.get(notice=receipt).served_at is None
