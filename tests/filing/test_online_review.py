"""The clerks' review of online filings: the review screen, the claim (首接负责制), the phone call on a
return (舞钢规范第七条) and the three notices of an online registration (举证通知书 among them)."""

from datetime import timedelta
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from courthall.models import Court
from courthall.roles import CLERK
from courthall.uploads import check_upload
from filing.models import CorrectionRequest, Filing, FilingState, PhoneOutcome
from filing.permissions import CLAIMED_BY_OTHER
from filing.services import filings as services
from filing.services.filings import CorrectionInput
from filing.services.online import filing_claim, filing_submit_online
from filing.services.phone_calls import PHONE_CALL_REQUIRED, PHONE_NOTE_REQUIRED, PhoneCallInput
from filing.services.uploads import upload_store
from notices.models import Notice
from tests.courthall.test_uploads import photo, sample_pdf, upload
from tests.factories import UserFactory
from tests.filing.test_online import draft_for

pytestmark = pytest.mark.usefixtures("pdf_fonts")

WEDNESDAY = "2026-11-18 09:30 +0800"
WEDNESDAY_LATER = "2026-11-18 10:30 +0800"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def online_filing(lawyer, court, *, real_files: bool = False, **kwargs) -> Filing:
    """A submitted online civil filing (赵六诉某某商贸有限公司买卖合同纠纷); `real_files` adds a real PDF
    and a photo, each stored with its thumbnail, to the three uploads of draft_for."""
    draft = draft_for(lawyer, court)
    if real_files:
        for data, name, filename in (
            (sample_pdf(), "买卖合同", "合同.pdf"),
            (photo("jpeg"), "送货单照片", "送货单.jpg"),
        ):
            file = upload(data, filename, "application/octet-stream")
            upload_store(file=file, checked=check_upload(file), name=name, uploaded_by=lawyer, draft=draft)
    return filing_submit_online(draft=draft, user=lawyer, **kwargs)


def other_court_clerk(court):
    return UserFactory(court=Court.objects.exclude(pk=court.pk).first(), role=CLERK)


def pdf_text(notice: Notice) -> str:
    return "".join(page.extract_text().replace("\n", "") for page in PdfReader(BytesIO(notice.pdf)).pages)


def phone_call(**overrides) -> PhoneCallInput:
    values = {
        "called_at": timezone.now() - timedelta(minutes=5),
        "number": "13800138000",
        "outcome": PhoneOutcome.REACHED,
        "note": "",
    }
    return PhoneCallInput(**{**values, **overrides})


ITEMS = [CorrectionInput(material="民事起诉状", problem="未写明被告住所", provide="补充被告住所后的起诉状")]


# --- The review screen ---------------------------------------------------------------------------------


@time_machine.travel(WEDNESDAY, tick=False)
def test_the_review_screen_shows_the_uploads_beside_the_decisions(client, lawyer, wugang, clerk):
    filing = online_filing(lawyer, wugang, real_files=True)
    uploads = list(filing.rounds.get().uploads.order_by("pk"))
    pdf, picture = uploads[-2], uploads[-1]
    assert pdf.thumbnail and picture.thumbnail and not uploads[0].thumbnail
    client.force_login(clerk)

    response = client.get(reverse("filing:online_review", args=[filing.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    for item in uploads:
        assert f"?doc={item.pk}" in body
    # Stored thumbnails are shown; a file without one gets the file icon instead.
    assert reverse("filing:upload_thumbnail", args=[pdf.pk]) in body
    assert reverse("filing:upload_thumbnail", args=[picture.pk]) in body
    assert reverse("filing:upload_thumbnail", args=[uploads[0].pk]) not in body
    assert 'class="ch-file-icon"' in body
    # The first document is open in the viewer; the page counts and the checklist are there.
    assert f'<iframe src="{reverse("filing:upload_file", args=[uploads[0].pk])}' in body
    assert f"共 {len(uploads)} 份，{sum(u.pages for u in uploads)} 页" in body
    assert [s.item.name for s in response.context["statuses"]]
    # Who filed, the clocks, the claim and the decisions.
    assert "王律师" in body and "律师" in body and "河南某某律师事务所" in body
    assert 'id="clock-same-day"' in body and "11月18日" in body
    assert "未认领" in body and reverse("filing:filing_claim", args=[filing.pk]) in body
    next_url = f"{reverse('filing:online_review', args=[filing.pk])}?doc={uploads[0].pk}"
    assert f'name="next" value="{next_url}"' in body
    for name in ("filing_register", "filing_refuse", "filing_jurisdiction", "filing_decide_later"):
        assert f'action="{reverse(f"filing:{name}", args=[filing.pk])}"' in body
    assert "举证通知书" in body

    photo_page = client.get(reverse("filing:online_review", args=[filing.pk]), {"doc": picture.pk})
    assert f'<img src="{reverse("filing:upload_file", args=[picture.pk])}"' in photo_page.content.decode()


def test_the_review_screen_is_a_404_for_another_court_and_a_403_for_a_portal_user(client, lawyer, wugang):
    filing = online_filing(lawyer, wugang)
    client.force_login(other_court_clerk(wugang))
    assert client.get(reverse("filing:online_review", args=[filing.pk])).status_code == 404
    assert client.post(reverse("filing:filing_claim", args=[filing.pk])).status_code == 404
    assert client.get(reverse("filing:online_review", args=[999999])).status_code == 404
    client.force_login(lawyer)
    assert client.get(reverse("filing:online_review", args=[filing.pk])).status_code == 403
    filing.refresh_from_db()
    assert filing.first_receiver is None


def test_a_counter_filing_has_no_review_screen_but_its_page(client, clerk):
    from tests.filing.conftest import civil_filing

    filing = civil_filing(clerk)
    client.force_login(clerk)
    response = client.get(reverse("filing:online_review", args=[filing.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "filing:filing_detail", args=[filing.pk]
    )


@time_machine.travel(WEDNESDAY, tick=False)
def test_a_decision_posted_from_the_review_screen_comes_back_to_it_and_a_foreign_next_does_not(
    client, lawyer, wugang, clerk
):
    filing = online_filing(lawyer, wugang)
    client.force_login(clerk)
    review = reverse("filing:online_review", args=[filing.pk])
    response = client.post(reverse("filing:filing_decide_later", args=[filing.pk]), {"next": review})
    assert response.status_code == 302 and response["Location"] == review
    other = online_filing(lawyer, wugang)
    response = client.post(
        reverse("filing:filing_decide_later", args=[other.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("filing:filing_detail", args=[other.pk])


# --- The claim (首接负责制) -------------------------------------------------------------------------------


@time_machine.travel(WEDNESDAY, tick=False)
def test_a_clerk_claims_an_online_filing_once(client, lawyer, wugang, clerk):
    filing = online_filing(lawyer, wugang)
    history = filing.history.count()
    client.force_login(clerk)
    queue = client.get(reverse("filing:online_queue")).content.decode()
    assert f'aria-label="认领收件第{filing.pk}号"' in queue

    response = client.post(reverse("filing:filing_claim", args=[filing.pk]))
    assert response["Location"] == reverse("filing:online_review", args=[filing.pk])
    filing.refresh_from_db()
    assert filing.first_receiver == clerk
    assert filing.history.count() == history + 1
    assert filing.history.first().history_user == clerk
    event = filing.events.get(action="claimed")
    assert event.actor == clerk and "首接负责人 张敏" in event.summary
    # A second click changes nothing.
    client.post(reverse("filing:filing_claim", args=[filing.pk]))
    assert filing.events.filter(action="claimed").count() == 1
    queue = client.get(reverse("filing:online_queue")).content.decode()
    assert f'aria-label="认领收件第{filing.pk}号"' not in queue and "张敏" in queue


@time_machine.travel(WEDNESDAY, tick=False)
def test_a_filing_claimed_by_someone_else_cannot_be_claimed_and_says_who_has_it(
    client, lawyer, wugang, clerk
):
    filing = online_filing(lawyer, wugang)
    filing_claim(filing=filing, user=clerk)
    colleague = UserFactory(court=wugang, full_name="李强", role=CLERK)
    message = CLAIMED_BY_OTHER.format(who="张敏")
    with pytest.raises(ValidationError, match="已由张敏认领"):
        filing_claim(filing=filing, user=colleague)

    client.force_login(colleague)
    response = client.post(reverse("filing:filing_claim", args=[filing.pk]), follow=True)
    assert message in [str(m) for m in response.context["messages"]]
    filing.refresh_from_db()
    assert filing.first_receiver == clerk
    assert filing.events.filter(action="claimed").count() == 1
    assert "认领收件" not in client.get(reverse("filing:online_queue")).content.decode()


@time_machine.travel(WEDNESDAY, tick=False)
def test_deciding_an_unclaimed_online_filing_claims_it_and_says_so(lawyer, wugang, clerk):
    filing = online_filing(lawyer, wugang)
    services.filing_decide_later(filing=filing, user=clerk)
    filing.refresh_from_db()
    assert filing.first_receiver == clerk and filing.state == FilingState.UNDER_REVIEW
    claimed, deferred = filing.events.filter(action__in=["claimed", "decide_later"]).order_by("pk")
    assert claimed.action == "claimed" and "办理时一并认领" in claimed.summary and claimed.data["implicit"]
    assert deferred.action == "decide_later"
    # Deciding again later does not claim again; a filing claimed by another keeps its first receiver.
    colleague = UserFactory(court=wugang, role=CLERK)
    services.filing_register(filing=filing, user=colleague)
    filing.refresh_from_db()
    assert filing.first_receiver == clerk and filing.registered_by == colleague
    assert filing.events.filter(action="claimed").count() == 1


# --- The phone call on a return (舞钢规范第七条 电话通知) ---------------------------------------------------


@time_machine.travel(WEDNESDAY_LATER, tick=False)
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (None, PHONE_CALL_REQUIRED),
        ({"called_at": None}, "请填写电话通知的时间。"),
        ({"called_at": "future"}, "晚于现在"),
        ({"called_at": "before"}, "早于收到该立案申请的时间"),
        ({"number": ""}, "请填写拨打的电话号码。"),
        ({"number": "8188000"}, "格式不正确"),
        ({"number": "1380013800"}, "手机号码应为 11 位数字"),
        ({"outcome": ""}, "请选择电话通知的结果。"),
        ({"outcome": PhoneOutcome.OTHER}, PHONE_NOTE_REQUIRED),
    ],
)
def test_returning_an_online_filing_needs_a_real_phone_call(lawyer, wugang, clerk, call, message):
    with time_machine.travel(WEDNESDAY, tick=False):
        filing = online_filing(lawyer, wugang)
    if call is not None:
        when = {
            "future": timezone.now() + timedelta(minutes=2),
            "before": timezone.now() - timedelta(hours=2),
        }
        call = phone_call(**{k: when.get(v, v) if k == "called_at" else v for k, v in call.items()})
    with pytest.raises(ValidationError) as refused:
        services.filing_return_for_correction(filing=filing, user=clerk, items=ITEMS, phone_call=call)
    assert any(message in m for m in refused.value.messages)
    filing.refresh_from_db()
    assert filing.state == FilingState.RECEIVED and filing.first_receiver is None
    assert not CorrectionRequest.objects.exists()
    assert not Notice.objects.filter(kind="correction").exists()


@time_machine.travel(WEDNESDAY_LATER, tick=False)
def test_the_return_page_of_an_online_filing_records_the_call(client, lawyer, wugang, clerk):
    with time_machine.travel(WEDNESDAY, tick=False):
        filing = online_filing(lawyer, wugang)
    from tests.filing.test_filing_views import shown_values

    client.force_login(clerk)
    review = reverse("filing:online_review", args=[filing.pk])
    url = reverse("filing:filing_correction", args=[filing.pk])
    page = client.get(url, {"next": review})
    phone = page.context["phone"]
    assert phone["number"].value() == lawyer.mobile  # the filer's mobile, prefilled
    assert page.context["uploads"]  # the uploads are listed beside the form
    data = shown_values(page.context["intake"].items, phone)
    data.update({"next": review, "action": "save"})

    # Without an outcome: refused, with the message, nothing issued.
    refused = client.post(url, data)
    assert refused.status_code == 200 and "请选择电话通知的结果。" in refused.content.decode()
    assert not CorrectionRequest.objects.exists()

    data.update(
        {"called_at": "2026-11-18T10:20", "outcome": "not_reached", "note": "连拨两次无人接听，已发短信"}
    )
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == review
    request = CorrectionRequest.objects.get()
    assert request.phone_number == lawyer.mobile and request.phone_outcome == PhoneOutcome.NOT_REACHED
    assert timezone.localtime(request.phone_called_at).strftime("%H:%M") == "10:20"
    event = filing.events.get(action="correction_requested")
    assert (
        f"电话通知 {lawyer.mobile}（2026年11月18日 10:20，未接通：连拨两次无人接听，已发短信）"
        in event.summary
    )
    detail = client.get(reverse("filing:filing_detail", args=[filing.pk])).content.decode()
    assert request.phone_call_summary in detail
    assert request.phone_call_summary in client.get(review).content.decode()


def test_a_counter_filing_is_returned_without_a_phone_call(clerk):
    from tests.filing.conftest import civil_filing

    filing = civil_filing(clerk)
    request = services.filing_return_for_correction(filing=filing, user=clerk, items=ITEMS)
    assert request.phone_called_at is None and request.phone_call_summary == ""


# --- Registering online: three notices --------------------------------------------------------------------


@time_machine.travel(WEDNESDAY, tick=False)
def test_registering_an_online_civil_filing_issues_acceptance_fee_and_evidence_notices(
    client, lawyer, wugang, clerk
):
    filing = online_filing(lawyer, wugang)
    client.force_login(clerk)
    review = reverse("filing:online_review", args=[filing.pk])
    response = client.post(reverse("filing:filing_register", args=[filing.pk]), {"next": review})
    assert response["Location"] == review
    filing.refresh_from_db()
    assert filing.state == FilingState.REGISTERED and filing.first_receiver == clerk
    issued = Notice.objects.filter(subject=f"filing:{filing.pk}").exclude(kind="receipt")
    assert sorted(issued.values_list("kind", flat=True)) == ["acceptance", "evidence", "fee"]
    evidence = issued.get(kind="evidence")
    text = pdf_text(evidence)
    for phrase in (
        "举证通知书",
        filing.case_number.replace("(", "（").replace(")", "）"),
        "赵六：",
        "赵六诉某某商贸有限公司买卖合同纠纷一案",
        "民事诉讼法》第六十七条第一款",
        "自收到本通知书之次日起十五日内",
        "第六十八条第二款",
        "采纳该证据但予以训诫、罚款",
        "申请本院调查收集",
        "申请保全证据",
        "舞钢市人民法院",
        "二〇二六年十一月十八日",
    ):
        assert phrase in text, phrase
    registered = filing.events.get(action="registered")
    assert evidence.number in registered.summary


@time_machine.travel(WEDNESDAY, tick=False)
def test_a_counter_filing_is_registered_without_an_evidence_notice(clerk):
    from tests.filing.conftest import civil_filing

    filing = services.filing_register(filing=civil_filing(clerk), user=clerk)
    kinds = set(Notice.objects.filter(subject=f"filing:{filing.pk}").values_list("kind", flat=True))
    assert kinds == {"receipt", "acceptance", "fee"}


# --- Queries: bounded, and the same with more filings ------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@time_machine.travel(WEDNESDAY, tick=False)
def test_the_review_screen_and_the_queue_take_a_fixed_number_of_queries(
    client, lawyer, wugang, clerk, django_assert_max_num_queries
):
    first = online_filing(lawyer, wugang, real_files=True)
    filing_claim(filing=first, user=clerk)
    client.force_login(clerk)
    review = reverse("filing:online_review", args=[first.pk])
    queue = reverse("filing:online_queue")
    with django_assert_max_num_queries(25):
        client.get(review)
    with django_assert_max_num_queries(12):
        client.get(queue)
    review_queries, queue_queries = count_queries(client, review), count_queries(client, queue)

    for _ in range(4):
        online_filing(lawyer, wugang, real_files=True)
    assert count_queries(client, queue) == queue_queries
    assert count_queries(client, review) == review_queries
