"""肩并肩: a clerk opens a party's account and draft at the counter, the party confirming by SMS code; the
party confirms the submission with a fresh code; the clerk submits for them."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from courthall.models import PortalAccount, PortalAccountKind, SmsMessage, User
from courthall.roles import CLERK, JUDGE, PARTY
from courthall.sms import CODE_EXPIRED, CODE_TOO_SOON, CODE_WRONG
from courthall.validators import RESIDENT_ID_CHECK
from filing.models import Draft, Filing, Visit
from filing.permissions import CONFIRMATION_STALE, NOT_CONFIRMED_BY_PARTY
from filing.services.online import filing_submit_online
from filing.services.side_by_side import (
    ID_NUMBER_OTHER_DETAILS,
    MOBILE_OTHER_ACCOUNT,
    draft_confirm_by_party,
    draft_send_party_code,
)
from filing.views.side_by_side import SESSION_KEY
from tests.factories import PortalAccountFactory, PortalUserFactory, UserFactory
from tests.filing.test_online import draft_for

MORNING = datetime(2026, 3, 16, 1, 30, tzinfo=UTC)  # a Monday, 9:30 in Shanghai
NAME = "赵六"
ID_NUMBER = "410423198807150018"
MOBILE = "13912345678"
DETAILS = {"full_name": NAME, "id_number": ID_NUMBER, "mobile": MOBILE}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def clock():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def counter(client, clerk, clock):
    client.force_login(clerk)
    return client


def code_sent_to(mobile: str) -> str:
    text = SmsMessage.objects.filter(mobile=mobile).order_by("-pk").values_list("text", flat=True).first()
    return re.search(r"验证码 (\d{6})", text).group(1)


def page_of(response) -> str:
    return response.content.decode()


def start(client, **details):
    return client.post(reverse("filing:side_by_side"), {**DETAILS, **details})


def party_account(**details) -> PortalAccount:
    values = {**DETAILS, **details}
    user = PortalUserFactory(
        username=values["mobile"], full_name=values["full_name"], mobile=values["mobile"], role=PARTY
    )
    return PortalAccountFactory(user=user, id_number=values["id_number"])


# --- Opening the account and the draft ----------------------------------------------------------------------


def test_a_new_party_gets_an_account_and_a_draft_the_clerk_helps_with(counter, clerk, wugang):
    response = start(counter)
    assert response.status_code == 302 and response.url == reverse("filing:side_by_side_code")
    assert not PortalAccount.objects.exists()
    sms = SmsMessage.objects.get(mobile=MOBILE)
    assert (
        "窗口工作人员张敏" in sms.text and "舞钢市人民法院" in sms.text and "请勿将验证码告诉" not in sms.text
    )

    page = page_of(counter.get(reverse("filing:side_by_side_code")))
    assert "139****5678" in page and MOBILE not in page

    response = counter.post(reverse("filing:side_by_side_code"), {"code": code_sent_to(MOBILE)})

    account = PortalAccount.objects.select_related("user").get(id_number=ID_NUMBER)
    draft = Draft.objects.get()
    assert response.status_code == 302 and response.url == reverse("filing:draft_edit", args=[draft.pk])
    assert account.kind == PortalAccountKind.PARTY and account.mobile_confirmed_at == MORNING
    assert account.can_submit
    user = account.user
    assert (user.username, user.mobile, user.full_name) == (MOBILE, MOBILE, NAME)
    assert not user.has_usable_password()
    assert user.groups.filter(name=PARTY.group_name).exists()
    assert (draft.owner, draft.helped_by, draft.court) == (user, clerk, wugang)
    assert draft.history.get().history_user == clerk
    assert "当事人短信验证码确认" in draft.history.get().history_change_reason
    assert account.history.get().history_user == clerk
    welcome = SmsMessage.objects.filter(mobile=MOBILE, purpose="窗口协助开通账号").get()
    assert "登录名为本手机号码" in welcome.text and "忘记密码 / 首次设置密码" in welcome.text
    assert SESSION_KEY not in counter.session
    # The clerk opens the draft; the party's account signs nobody in at the counter.
    assert int(counter.session["_auth_user_id"]) == clerk.pk


def test_a_party_with_an_account_keeps_it(counter, clerk):
    account = party_account()
    start(counter)
    response = counter.post(reverse("filing:side_by_side_code"), {"code": code_sent_to(MOBILE)})
    assert response.status_code == 302
    assert PortalAccount.objects.count() == 1 and User.objects.filter(mobile=MOBILE).count() == 1
    assert Draft.objects.get().owner == account.user
    assert not SmsMessage.objects.filter(purpose="窗口协助开通账号").exists()


@pytest.mark.parametrize(
    ("other", "field_message"),
    [
        ({"mobile": "13700001111"}, ID_NUMBER_OTHER_DETAILS),
        ({"full_name": "赵七"}, ID_NUMBER_OTHER_DETAILS),
        ({"id_number": "11010519491231002X"}, MOBILE_OTHER_ACCOUNT),
    ],
    ids=["same-id-other-mobile", "same-id-other-name", "same-mobile-other-id"],
)
def test_details_another_account_holds_are_refused_without_telling_its_details(counter, other, field_message):
    party_account(**other)
    response = start(counter)
    page = page_of(response)
    assert response.status_code == 200 and field_message in page
    for value in other.values():
        assert value not in page  # the other account's name, mobile or identity number
    assert not SmsMessage.objects.exists() and not Draft.objects.exists()


def test_a_lawyer_account_is_not_used_for_a_party(counter):
    party_account().__class__.objects.update(kind=PortalAccountKind.LAWYER)
    page = page_of(start(counter))
    assert "仅适用于当事人账号" in page and not SmsMessage.objects.exists()


def test_an_invalid_identity_number_is_refused(counter):
    response = start(counter, id_number="410423198807150019")
    assert RESIDENT_ID_CHECK in page_of(response)
    assert not SmsMessage.objects.exists()


def test_a_wrong_code_creates_nothing_and_says_how_many_tries_are_left(counter, settings):
    start(counter)
    right = code_sent_to(MOBILE)
    wrong = "000000" if right != "000000" else "111111"
    page = page_of(counter.post(reverse("filing:side_by_side_code"), {"code": wrong}))
    assert CODE_WRONG % {"left": settings.COURTHALL_SMS_CODE_MAX_ATTEMPTS - 1} in page
    assert not PortalAccount.objects.exists() and not Draft.objects.exists()


def test_an_expired_code_is_refused(counter, clock, settings):
    start(counter)
    code = code_sent_to(MOBILE)
    clock.shift(timedelta(minutes=settings.COURTHALL_SMS_CODE_MINUTES, seconds=1))
    page = page_of(counter.post(reverse("filing:side_by_side_code"), {"code": code}))
    assert CODE_EXPIRED in page and not Draft.objects.exists()


def test_codes_asked_for_too_often_are_refused(counter, clock, settings):
    start(counter)
    response = counter.post(reverse("filing:side_by_side_code"), {"resend": "1"}, follow=True)
    assert CODE_TOO_SOON % {"seconds": settings.COURTHALL_SMS_CODE_INTERVAL_SECONDS} in page_of(response)
    assert SmsMessage.objects.filter(mobile=MOBILE).count() == 1
    clock.shift(timedelta(seconds=settings.COURTHALL_SMS_CODE_INTERVAL_SECONDS))
    response = counter.post(reverse("filing:side_by_side_code"), {"resend": "1"}, follow=True)
    assert "已重新发送验证码" in page_of(response)
    assert SmsMessage.objects.filter(mobile=MOBILE).count() == 2


def test_the_code_page_without_details_sends_the_clerk_back(counter):
    response = counter.get(reverse("filing:side_by_side_code"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("filing:side_by_side")
    assert "已失效" in page_of(response)


def test_another_clerk_cannot_finish_what_one_started(client, counter, clerk, wugang):
    start(counter)
    colleague = UserFactory(court=wugang, role=CLERK)
    client.force_login(colleague)
    session = client.session
    session[SESSION_KEY] = {**DETAILS, "clerk_id": clerk.pk}
    session.save()
    response = client.post(reverse("filing:side_by_side_code"), {"code": code_sent_to(MOBILE)})
    assert response.status_code == 302 and response.url == reverse("filing:side_by_side")
    assert not Draft.objects.exists()


def test_only_the_counter_may_start(client, wugang, clock):
    assert client.get(reverse("filing:side_by_side")).status_code == 302  # to the login page
    client.force_login(UserFactory(court=wugang, role=JUDGE))
    assert client.get(reverse("filing:side_by_side")).status_code == 403
    party = party_account(mobile="13700002222", id_number="11010519491231002X").user
    client.force_login(party)
    assert client.post(reverse("filing:side_by_side"), DETAILS).status_code == 403
    assert not SmsMessage.objects.exists()


def test_a_visit_fills_in_the_party(counter, clerk, wugang):
    visit = Visit.objects.create(
        court=wugang,
        visitor_name=NAME,
        visitor_phone=MOBILE,
        visitor_id_number=ID_NUMBER,
        matter="filing",
        opened_by=clerk,
        responsible=clerk,
    )
    page = page_of(counter.get(reverse("filing:side_by_side") + f"?visit={visit.pk}"))
    assert f'value="{ID_NUMBER}"' in page and f'value="{MOBILE}"' in page
    other_court = UserFactory(role=CLERK)
    counter.force_login(other_court)
    assert counter.get(reverse("filing:side_by_side") + f"?visit={visit.pk}").status_code == 404


def test_the_counter_screen_links_to_it(counter):
    assert reverse("filing:side_by_side") in page_of(counter.get(reverse("filing:counter")))


# --- Confirming and submitting ---------------------------------------------------------------------------


@pytest.fixture
def helped_draft(clerk, wugang, clock):
    party = party_account().user
    draft = draft_for(party, wugang, agents=[])
    draft.helped_by = clerk
    draft.save()
    return draft


def test_the_clerk_submits_only_after_the_party_confirms_with_a_fresh_code(helped_draft, clerk, pdf_fonts):
    with pytest.raises(PermissionDenied, match=NOT_CONFIRMED_BY_PARTY):
        filing_submit_online(draft=helped_draft, user=clerk)

    draft_send_party_code(draft=helped_draft, clerk=clerk)
    sms = SmsMessage.objects.filter(mobile=MOBILE).latest("pk")
    assert "某某商贸有限公司" in sms.text and "张敏" in sms.text and "确认提交立案申请" in sms.text
    draft = draft_confirm_by_party(draft=helped_draft, code=code_sent_to(MOBILE), clerk=clerk)
    assert draft.party_confirmed_at == MORNING and draft.party_confirmation_valid

    filing = filing_submit_online(draft=draft, user=clerk)

    party = helped_draft.owner
    assert (filing.owner, filing.submitted_by, filing.helped_by) == (party, party, clerk)
    event = filing.events.get(action="submitted_online")
    assert event.actor == clerk
    assert "提交人 赵六" in event.summary
    assert "窗口工作人员张敏协助填写，当事人短信验证码确认" in event.summary
    assert event.data["party_confirmed_at"] == MORNING.isoformat()
    assert filing.history.first().history_user == clerk
    assert draft.history.filter(history_change_reason__contains="确认提交内容").exists()


def test_a_change_after_the_confirmation_needs_a_new_one(helped_draft, clerk, clock, pdf_fonts):
    draft_send_party_code(draft=helped_draft, clerk=clerk)
    draft = draft_confirm_by_party(draft=helped_draft, code=code_sent_to(MOBILE), clerk=clerk)
    draft.data["claims"] = "判令被告支付货款80000元。"
    draft.save()
    with pytest.raises(PermissionDenied, match=CONFIRMATION_STALE):
        filing_submit_online(draft=draft, user=clerk)
    draft.uploads.first().delete()
    with pytest.raises(PermissionDenied, match=CONFIRMATION_STALE):
        filing_submit_online(draft=draft, user=clerk)
    assert not Filing.objects.exists()


def test_the_party_confirms_on_the_confirm_page(counter, helped_draft, clerk, settings):
    url = reverse("filing:draft_party_confirm", args=[helped_draft.pk])
    page = page_of(counter.get(url))
    assert "某某商贸有限公司" in page and "139****5678" in page and "民事起诉状" in page

    response = counter.post(url, {"send": "1"}, follow=True)
    assert "确认验证码已发送" in page_of(response)
    response = counter.post(url, {"send": "1"}, follow=True)
    assert CODE_TOO_SOON % {"seconds": settings.COURTHALL_SMS_CODE_INTERVAL_SECONDS} in page_of(response)

    code = code_sent_to(MOBILE)
    wrong = "000000" if code != "000000" else "111111"
    assert "验证码不正确" in page_of(counter.post(url, {"code": wrong}))
    helped_draft.refresh_from_db()
    assert helped_draft.party_confirmed_at is None

    response = counter.post(url, {"code": code})
    assert response.status_code == 302 and response.url == reverse(
        "filing:draft_edit", args=[helped_draft.pk]
    )
    helped_draft.refresh_from_db()
    assert helped_draft.party_confirmation_valid
    assert "可以提交" in page_of(counter.get(url))


def test_the_confirm_page_is_a_404_for_anyone_but_the_helping_clerk(client, helped_draft, wugang):
    url = reverse("filing:draft_party_confirm", args=[helped_draft.pk])
    for stranger in (UserFactory(role=CLERK), UserFactory(court=wugang, role=CLERK)):
        client.force_login(stranger)
        assert client.get(url).status_code == 404
        assert client.post(url, {"send": "1"}).status_code == 404
    assert not SmsMessage.objects.exists()
    client.force_login(UserFactory(role=CLERK))
    assert client.get(reverse("filing:draft_edit", args=[helped_draft.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        draft_send_party_code(draft=helped_draft, clerk=UserFactory(court=wugang, role=CLERK))


def test_another_clerk_cannot_submit_a_confirmed_draft(helped_draft, clerk, wugang, pdf_fonts):
    draft_send_party_code(draft=helped_draft, clerk=clerk)
    draft = draft_confirm_by_party(draft=helped_draft, code=code_sent_to(MOBILE), clerk=clerk)
    with pytest.raises(PermissionDenied):
        filing_submit_online(draft=draft, user=UserFactory(court=wugang, role=CLERK))
    assert not Filing.objects.exists()


def test_the_party_may_still_submit_their_own_draft(helped_draft, clerk, pdf_fonts):
    filing = filing_submit_online(draft=helped_draft, user=helped_draft.owner)
    assert (filing.submitted_by, filing.helped_by) == (helped_draft.owner, clerk)
    summary = filing.events.get(action="submitted_online").summary
    assert "窗口工作人员张敏协助填写" in summary and "短信验证码确认" not in summary


def test_a_submitted_draft_cannot_be_confirmed_again(counter, helped_draft, clerk, pdf_fonts):
    filing_submit_online(draft=helped_draft, user=helped_draft.owner)
    url = reverse("filing:draft_party_confirm", args=[helped_draft.pk])
    response = counter.get(url)
    assert response.status_code == 403 and "已提交" in page_of(response)


def test_the_clerk_who_submits_for_the_party_lands_on_the_review_screen(
    counter, helped_draft, clerk, pdf_fonts
):
    # Found by the Chromium journey: the clerk used to be sent to the portal's "my filings", a 403 for staff.
    from filing.services.drafts import draft_attach_complaint

    draft_attach_complaint(draft=helped_draft, user=clerk)
    draft_send_party_code(draft=helped_draft, clerk=clerk)
    draft_confirm_by_party(draft=helped_draft, code=code_sent_to(MOBILE), clerk=clerk)
    response = counter.post(reverse("filing:draft_submit", args=[helped_draft.pk]), follow=True)
    filing = Filing.objects.get()
    assert response.redirect_chain[-1][0] == reverse("filing:online_review", args=[filing.pk])
    assert response.status_code == 200
    assert f"已为当事人{NAME}提交立案申请（收件第{filing.pk}号）" in page_of(response)
    # The submitted draft, opened again, leads the clerk to the online queue, not to a portal page.
    again = counter.get(reverse("filing:draft_edit", args=[helped_draft.pk]))
    assert again.url == reverse("filing:online_queue")


def test_the_counter_lists_the_clerks_unsubmitted_helped_drafts_and_no_one_elses(
    counter, helped_draft, clerk, wugang, pdf_fonts
):
    other_clerk = UserFactory(court=wugang, role=CLERK)
    others = draft_for(PortalUserFactory(role=PARTY), wugang)
    others.helped_by = other_clerk
    others.save()
    page = page_of(counter.get(reverse("filing:counter")))
    assert f'data-helped-draft="{helped_draft.pk}"' in page
    assert reverse("filing:draft_edit", args=[helped_draft.pk]) in page
    assert f'data-helped-draft="{others.pk}"' not in page

    draft_send_party_code(draft=helped_draft, clerk=clerk)
    draft_confirm_by_party(draft=helped_draft, code=code_sent_to(helped_draft.owner.mobile), clerk=clerk)
    filing_submit_online(draft=helped_draft, user=clerk)
    assert "data-helped-draft" not in page_of(counter.get(reverse("filing:counter")))
