"""The SMS outbox and the one-time codes: rate limits, wrong, expired and reused codes, delivery."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from courthall.models import CodePurpose, OneTimeCode, SmsMessage
from courthall.sms import (
    CODE_BURNED,
    CODE_DAILY_LIMIT,
    CODE_EXPIRED,
    CODE_MISSING,
    CODE_TOO_SOON,
    CODE_USED,
    CODE_WRONG,
    send_code,
    sms_deliver,
    sms_send,
    verify_code,
)

pytestmark = pytest.mark.django_db

MOBILE = "13812345678"
REGISTER = CodePurpose.REGISTER
MORNING = datetime(2026, 3, 16, 1, 30, tzinfo=UTC)  # 9:30 in Shanghai


@pytest.fixture
def clock():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


def sent_code(mobile: str = MOBILE) -> str:
    """The code as the person reads it: from the last message in the outbox."""
    message = SmsMessage.objects.filter(mobile=mobile).order_by("-pk").first()
    return re.search(r"验证码为 (\d{6})", message.text).group(1)


def refusal(error: ValidationError) -> str:
    return error.messages[0]


def other_code(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_the_outbox_keeps_the_message_with_the_code_and_the_table_only_its_hash(clock):
    one_time_code = send_code(mobile="138-1234-5678", purpose=REGISTER)

    message = SmsMessage.objects.get()
    assert message.mobile == MOBILE
    assert message.purpose == "注册账号验证码"
    assert "10 分钟内有效" in message.text
    code = sent_code()
    assert len(code) == 6 and code.isdigit()
    assert code not in one_time_code.code_hash
    assert one_time_code.expires_at == MORNING + timedelta(minutes=10)
    assert message.sent_at is None  # delivered after commit, by the task


def test_a_code_is_accepted_once(clock):
    send_code(mobile=MOBILE, purpose=REGISTER)
    code = sent_code()

    accepted = verify_code(mobile=MOBILE, purpose=REGISTER, code=code)
    assert accepted.used_at == MORNING

    with pytest.raises(ValidationError) as error:
        verify_code(mobile=MOBILE, purpose=REGISTER, code=code)
    assert refusal(error.value) == CODE_USED


def test_a_wrong_code_counts_a_try_and_says_how_many_are_left(clock):
    send_code(mobile=MOBILE, purpose=REGISTER)

    with pytest.raises(ValidationError) as error:
        verify_code(mobile=MOBILE, purpose=REGISTER, code=other_code(sent_code()))

    assert refusal(error.value) == CODE_WRONG % {"left": 4}
    assert OneTimeCode.objects.get().attempts == 1
    assert verify_code(mobile=MOBILE, purpose=REGISTER, code=sent_code()).used_at is not None


def test_five_wrong_tries_burn_the_code_even_for_the_right_one_after(clock):
    send_code(mobile=MOBILE, purpose=REGISTER)
    code = sent_code()
    messages = []
    for _ in range(5):
        with pytest.raises(ValidationError) as error:
            verify_code(mobile=MOBILE, purpose=REGISTER, code=other_code(code))
        messages.append(refusal(error.value))

    assert messages[:4] == [CODE_WRONG % {"left": left} for left in (4, 3, 2, 1)]
    assert messages[4] == CODE_BURNED
    with pytest.raises(ValidationError) as error:
        verify_code(mobile=MOBILE, purpose=REGISTER, code=code)
    assert refusal(error.value) == CODE_BURNED
    assert OneTimeCode.objects.get().attempts == 5


def test_an_expired_code_is_refused(clock):
    send_code(mobile=MOBILE, purpose=REGISTER)
    clock.shift(timedelta(minutes=10))

    with pytest.raises(ValidationError) as error:
        verify_code(mobile=MOBILE, purpose=REGISTER, code=sent_code())
    assert refusal(error.value) == CODE_EXPIRED


def test_a_new_code_replaces_the_one_sent_before(clock):
    send_code(mobile=MOBILE, purpose=REGISTER)
    first = sent_code()
    clock.shift(timedelta(seconds=60))
    send_code(mobile=MOBILE, purpose=REGISTER)
    second = sent_code()

    if first != second:
        with pytest.raises(ValidationError):
            verify_code(mobile=MOBILE, purpose=REGISTER, code=first)
    assert verify_code(mobile=MOBILE, purpose=REGISTER, code=second)


def test_without_a_code_sent_there_is_nothing_to_verify(clock):
    with pytest.raises(ValidationError) as error:
        verify_code(mobile=MOBILE, purpose=REGISTER, code="123456")
    assert refusal(error.value) == CODE_MISSING


def test_one_code_a_minute_per_mobile(clock):
    send_code(mobile=MOBILE, purpose=REGISTER)
    clock.shift(timedelta(seconds=45))

    with pytest.raises(ValidationError) as error:
        send_code(mobile=MOBILE, purpose=REGISTER)
    assert error.value.code == "rate_limited"
    assert refusal(error.value) == CODE_TOO_SOON % {"seconds": 15}

    send_code(mobile="13912345678", purpose=REGISTER)  # another mobile is not held up
    clock.shift(timedelta(seconds=15))
    send_code(mobile=MOBILE, purpose=REGISTER)
    assert SmsMessage.objects.filter(mobile=MOBILE).count() == 2


def test_ten_codes_a_day_per_mobile_and_more_the_next_day(clock):
    for _ in range(10):
        send_code(mobile=MOBILE, purpose=REGISTER)
        clock.shift(timedelta(minutes=5))

    with pytest.raises(ValidationError) as error:
        send_code(mobile=MOBILE, purpose=REGISTER)
    assert refusal(error.value) == CODE_DAILY_LIMIT % {"limit": 10}

    clock.move_to(datetime(2026, 3, 16, 16, 0, tzinfo=UTC))  # 00:00 on the 17th in Shanghai
    send_code(mobile=MOBILE, purpose=REGISTER)
    assert SmsMessage.objects.filter(mobile=MOBILE).count() == 11


def test_the_limits_are_settings(clock, settings):
    settings.COURTHALL_SMS_CODE_INTERVAL_SECONDS = 5
    settings.COURTHALL_SMS_CODES_PER_DAY = 2
    settings.COURTHALL_SMS_CODE_MINUTES = 1
    first = send_code(mobile=MOBILE, purpose=REGISTER)
    clock.shift(timedelta(seconds=5))
    send_code(mobile=MOBILE, purpose=REGISTER)
    clock.shift(timedelta(seconds=5))

    with pytest.raises(ValidationError) as error:
        send_code(mobile=MOBILE, purpose=REGISTER)
    assert refusal(error.value) == CODE_DAILY_LIMIT % {"limit": 2}
    assert first.expires_at - first.created_at == timedelta(minutes=1)


def test_an_undelivered_code_sends_nothing_matches_nothing_and_counts_like_a_sent_one(clock):
    """deliver=False: the page that must answer alike for every mobile (setting a password)."""
    purpose = CodePurpose.SET_PASSWORD
    send_code(mobile=MOBILE, purpose=purpose, deliver=False)
    assert not SmsMessage.objects.exists()
    stored = OneTimeCode.objects.get()
    assert len(stored.code_hash) == 64 and stored.attempts == 0

    # A code typed for it is wrong, like any wrong code; five burn it.
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationError) as error:
            verify_code(mobile=MOBILE, purpose=purpose, code="123456")
        assert refusal(error.value) == CODE_WRONG % {"left": left}
    with pytest.raises(ValidationError) as error:
        verify_code(mobile=MOBILE, purpose=purpose, code="654321")
    assert refusal(error.value) == CODE_BURNED

    # It holds the mobile up for a minute, whatever the purpose asked next.
    with pytest.raises(ValidationError) as error:
        send_code(mobile=MOBILE, purpose=REGISTER)
    assert refusal(error.value) == CODE_TOO_SOON % {"seconds": 60}


def test_the_outbox_sender_marks_the_message_sent(clock):
    message = sms_send(mobile=MOBILE, text="测试短信", purpose="测试")

    sms_deliver.call(message.pk)

    message.refresh_from_db()
    assert message.sent_at == MORNING
    assert message.sender == "courthall.sms.OutboxSender"
    assert message.error == ""


class BrokenGateway:
    """A sender whose gateway refuses every message: what a real one does when its account is empty."""

    def send(self, message) -> None:
        raise ConnectionError("余额不足")


def test_a_sender_failure_is_recorded_on_the_message(clock, settings):
    settings.COURTHALL_SMS_SENDER = "tests.courthall.test_sms.BrokenGateway"
    message = sms_send(mobile=MOBILE, text="测试短信", purpose="测试")

    with pytest.raises(ConnectionError):
        sms_deliver.call(message.pk)

    message.refresh_from_db()
    assert message.sent_at is None
    assert message.error == "ConnectionError: 余额不足"


def test_the_message_is_handed_to_the_task_after_commit_and_not_before(
    clock, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_code(mobile=MOBILE, purpose=REGISTER)
        assert SmsMessage.objects.get().sent_at is None

    assert len(callbacks) == 1
    assert SmsMessage.objects.get().sent_at == MORNING
