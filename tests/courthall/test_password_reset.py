"""忘记密码 / 首次设置密码 through the HTTP client: a portal user sets a password with an SMS code; every
mobile gets the same answer; the limits of the codes; staff are never reset this way; the SMS texts."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.test import Client
from django.urls import reverse

from courthall.accounts.forms import PASSWORD_MISMATCH
from courthall.accounts.services import (
    OPENED_AT_COUNTER_SMS,
    PASSWORD_NOT_SETTABLE,
    portal_party_account_open,
)
from courthall.accounts.views import PASSWORD_SESSION_KEY, PASSWORD_SET, PASSWORD_SETTING_EXPIRED
from courthall.models import OneTimeCode, SmsMessage, User
from courthall.roles import CLERK, PARTY
from courthall.sms import CODE_BURNED, CODE_DAILY_LIMIT, CODE_EXPIRED, CODE_TOO_SOON, CODE_WRONG
from tests.factories import PortalAccountFactory, PortalUserFactory, UserFactory

MORNING = datetime(2026, 3, 16, 1, 30, tzinfo=UTC)  # 9:30 in Shanghai
MOBILE = "13912345678"
OTHER_MOBILE = "13900005678"  # masked alike: 139****5678
OLD_PASSWORD = "Old-password-2025"
NEW_PASSWORD = "Hongqi-2026-qu"
CODE_PURPOSE = "设置登录密码验证码"  # the outbox's label of the code's SMS


@pytest.fixture
def clock():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def opened_at_counter(demo_users):
    """A party whose account a clerk opened at the counter (肩并肩): no usable password yet."""
    return portal_party_account_open(
        full_name="孙二娘", id_number="410423198807150018", mobile=MOBILE, clerk=demo_users["wg_clerk"]
    ).user


@pytest.fixture
def party(db):
    user = PortalUserFactory(username=MOBILE, mobile=MOBILE, role=PARTY, password=OLD_PASSWORD)
    PortalAccountFactory(user=user)
    return user


def page_of(response) -> str:
    return response.content.decode()


def main_of(response, mobile: str) -> str:
    """The page's <main>, without the CSRF tokens that differ from one response to the next and with the
    mobile typed in (shown back in its field) as "MOBILE"."""
    main = re.search(r"<main.*</main>", page_of(response), re.S).group(0)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main).replace(mobile, "MOBILE")


def code_sent_to(mobile: str) -> str:
    text = SmsMessage.objects.filter(mobile=mobile, purpose=CODE_PURPOSE).latest("pk").text
    return re.search(r"验证码为 (\d{6})", text).group(1)


def ask_code(client, mobile: str = MOBILE):
    return client.post(reverse("accounts:password_reset"), {"mobile": mobile})


def set_password(client, code: str, password1: str = NEW_PASSWORD, password2: str | None = None):
    return client.post(
        reverse("accounts:password_reset_confirm"),
        {"code": code, "password1": password1, "password2": password2 or password1},
    )


def sign_in(client, password: str, username: str = MOBILE):
    return client.post(reverse("login"), {"username": username, "password": password})


def signed_in_user_id(client) -> int | None:
    """Who the client's session belongs to once Django has checked it (the password hash included)."""
    response = client.get(reverse("home"))
    return response.wsgi_request.user.pk


# --- The whole flow ---------------------------------------------------------------------------------------


def test_a_party_opened_at_the_counter_sets_a_first_password_and_signs_in(client, clock, opened_at_counter):
    welcome = SmsMessage.objects.get(mobile=MOBILE, purpose="窗口协助开通账号")
    assert welcome.text == OPENED_AT_COUNTER_SMS.format(court="舞钢市人民法院")
    assert "忘记密码 / 首次设置密码" in welcome.text and "本手机号码" in welcome.text
    assert sign_in(client, "").status_code == 200  # no password to sign in with yet

    login_page = page_of(client.get(reverse("login")))
    assert f'href="{reverse("accounts:password_reset")}">忘记密码 / 首次设置密码</a>' in login_page

    response = ask_code(client)
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_confirm")
    sms = SmsMessage.objects.get(mobile=MOBILE, purpose=CODE_PURPOSE)
    assert sms.text.startswith("您正在设置诉讼服务网登录密码，验证码为 ")
    assert "10 分钟内有效" in sms.text and "法院工作人员不会向您索要验证码" in sms.text
    page = page_of(client.get(reverse("accounts:password_reset_confirm")))
    assert "如该手机号已注册，验证码已发送至 139****5678" in page and MOBILE not in page

    clock.shift(timedelta(minutes=2))
    response = set_password(client, code_sent_to(MOBILE))
    assert response.status_code == 302 and response.url == reverse("login")
    assert PASSWORD_SET in page_of(client.get(response.url))
    assert PASSWORD_SESSION_KEY not in client.session

    user = User.objects.get(pk=opened_at_counter.pk)
    assert user.check_password(NEW_PASSWORD)
    notice = SmsMessage.objects.filter(mobile=MOBILE).latest("pk")
    assert notice.text == "您的诉讼服务网账号密码已于2026年03月16日 09:32修改；如非本人操作请致电12368。"
    history = user.portal_account.history.first()
    assert (history.history_user, history.history_change_reason) == (user, "首次设置登录密码")

    response = sign_in(client, NEW_PASSWORD)
    assert response.status_code == 302
    assert int(client.session[AUTH_SESSION_KEY]) == user.pk
    assert client.get(reverse("filing:portal")).status_code == 200


def test_setting_a_password_signs_out_every_earlier_session(clock, party):
    phone, office = Client(), Client()
    assert sign_in(office, OLD_PASSWORD).status_code == 302
    assert sign_in(phone, OLD_PASSWORD).status_code == 302
    assert signed_in_user_id(office) == party.pk

    # Done from the phone, where the party is signed in: that session ends too (no
    # update_session_auth_hash), and so does the one left open in the office.
    assert ask_code(phone).status_code == 302
    assert set_password(phone, code_sent_to(MOBILE)).status_code == 302
    assert AUTH_SESSION_KEY not in phone.session
    assert signed_in_user_id(phone) is None
    assert signed_in_user_id(office) is None
    assert office.get(reverse("filing:portal")).url.startswith(reverse("login"))

    assert sign_in(office, OLD_PASSWORD).status_code == 200
    assert sign_in(office, NEW_PASSWORD).status_code == 302
    assert signed_in_user_id(office) == party.pk
    history = party.portal_account.history.first()
    assert history.history_change_reason == "重设登录密码"


# --- One answer for every mobile --------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["nobody", "staff", "staff-with-mobile-username", "inactive"])
def test_a_mobile_without_a_portal_account_gets_the_same_answers_and_no_sms(client, party, clock, who):
    if who == "staff":
        UserFactory(mobile=OTHER_MOBILE, role=CLERK, password=OLD_PASSWORD)
    elif who == "staff-with-mobile-username":
        UserFactory(username=OTHER_MOBILE, mobile=OTHER_MOBILE, role=CLERK, password=OLD_PASSWORD)
    elif who == "inactive":
        other = PortalUserFactory(username=OTHER_MOBILE, mobile=OTHER_MOBILE, password=OLD_PASSWORD)
        PortalAccountFactory(user=other)
        User.objects.filter(pk=other.pk).update(is_active=False)
    registered, stranger = Client(), Client()

    answers = []
    for client_, mobile in ((registered, MOBILE), (stranger, OTHER_MOBILE)):
        asked = ask_code(client_, mobile)
        shown = client_.get(asked.url)
        wrong = set_password(client_, "000000")
        again = ask_code(client_, mobile)
        answers.append(
            (asked.status_code, asked.url, *(main_of(page, mobile) for page in (shown, wrong, again)))
        )
    assert answers[0] == answers[1]
    _, _, shown, wrong, again = answers[1]
    assert "如该手机号已注册，验证码已发送至 139****5678" in shown
    assert CODE_WRONG % {"left": 4} in wrong
    assert CODE_TOO_SOON % {"seconds": 60} in again

    assert not SmsMessage.objects.filter(mobile=OTHER_MOBILE).exists()
    assert SmsMessage.objects.filter(mobile=MOBILE, purpose=CODE_PURPOSE).count() == 1
    assert not any(user.check_password("000000") for user in User.objects.filter(mobile=OTHER_MOBILE))


def test_an_account_made_staff_after_the_code_was_sent_is_not_reset(client, party, clock, demo_users):
    ask_code(client)
    User.objects.filter(pk=party.pk).update(court=demo_users["wg_clerk"].court)
    response = set_password(client, code_sent_to(MOBILE))
    assert response.status_code == 200 and PASSWORD_NOT_SETTABLE in page_of(response)
    party.refresh_from_db()
    assert party.check_password(OLD_PASSWORD)
    assert not SmsMessage.objects.filter(mobile=MOBILE, text__contains="修改").exists()


# --- Codes: wrong, burnt, expired, limits -----------------------------------------------------------------


def test_a_wrong_code_changes_nothing_and_five_burn_the_code(client, party, clock):
    ask_code(client)
    code = code_sent_to(MOBILE)
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        assert CODE_WRONG % {"left": left} in page_of(set_password(client, wrong))
    assert CODE_BURNED in page_of(set_password(client, wrong))
    # Burnt: the right code no longer works either.
    assert CODE_BURNED in page_of(set_password(client, code))
    party.refresh_from_db()
    assert party.check_password(OLD_PASSWORD)
    assert not SmsMessage.objects.filter(mobile=MOBILE, text__contains="修改").exists()

    clock.shift(timedelta(seconds=60))
    response = client.post(reverse("accounts:password_reset_confirm"), {"resend": "1"})
    assert response.url == reverse("accounts:password_reset_confirm")
    assert "如该手机号已注册，验证码已重新发送。" in page_of(client.get(response.url))
    assert set_password(client, code_sent_to(MOBILE)).status_code == 302
    party.refresh_from_db()
    assert party.check_password(NEW_PASSWORD)


def test_an_expired_code_is_refused(client, party, clock):
    ask_code(client)
    clock.shift(timedelta(minutes=10, seconds=1))
    assert CODE_EXPIRED in page_of(set_password(client, code_sent_to(MOBILE)))
    party.refresh_from_db()
    assert party.check_password(OLD_PASSWORD)


@pytest.mark.parametrize(
    ("password1", "password2", "message"),
    [
        (NEW_PASSWORD, "Hongqi-2026-qv", PASSWORD_MISMATCH),
        ("20260316", None, "密码只包含数字。"),
        ("password", None, "这个密码太常见了。"),
        ("Qu-26", None, "此密码太短，至少要包含 8 个字符。"),
        (f"{MOBILE}a", None, "密码跟 用户名 太相似了。"),
    ],
    ids=["mismatch", "numeric", "common", "short", "like-the-username"],
)
def test_a_bad_new_password_is_refused_in_chinese_and_the_code_is_kept(
    client, party, clock, password1, password2, message
):
    ask_code(client)
    code = code_sent_to(MOBILE)
    response = set_password(client, code, password1, password2)
    assert response.status_code == 200 and message in page_of(response)
    party.refresh_from_db()
    assert party.check_password(OLD_PASSWORD)
    # The code was not tried, so it still works with a good password.
    assert set_password(client, code).status_code == 302


def test_a_malformed_mobile_or_code_is_told_so(client, party, clock):
    assert "请填写注册时使用的手机号码。" in page_of(ask_code(client, ""))
    response = ask_code(client, "1391234567")
    assert response.status_code == 200 and "手机号码" in page_of(response)
    assert not OneTimeCode.objects.exists()
    ask_code(client)
    assert "验证码是 6 位数字。" in page_of(set_password(client, "12ab56"))


def test_asking_too_often_is_refused_the_same_for_every_mobile(client, party, clock, settings):
    settings.COURTHALL_SMS_CODES_PER_DAY = 2
    for mobile in (MOBILE, OTHER_MOBILE):
        assert ask_code(client, mobile).status_code == 302
        clock.shift(timedelta(seconds=30))
        assert CODE_TOO_SOON % {"seconds": 30} in page_of(ask_code(client, mobile))
        clock.shift(timedelta(seconds=30))
        assert ask_code(client, mobile).status_code == 302
        clock.shift(timedelta(minutes=5))
        assert CODE_DAILY_LIMIT % {"limit": 2} in page_of(ask_code(client, mobile))
    assert SmsMessage.objects.filter(mobile=MOBILE, purpose=CODE_PURPOSE).count() == 2
    assert not SmsMessage.objects.filter(mobile=OTHER_MOBILE).exists()


def test_the_second_page_without_the_first_goes_back_to_it(client, db):
    response = client.get(reverse("accounts:password_reset_confirm"))
    assert response.url == reverse("accounts:password_reset")
    assert PASSWORD_SETTING_EXPIRED in page_of(client.get(response.url))
