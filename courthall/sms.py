"""Text messages and the one-time codes sent by them.

`sms_send` writes the message to the outbox (SmsMessage) inside the caller's transaction and, once that
commits, enqueues the `sms_deliver` task (django.tasks, the django-tasks-db backend: `manage.py db_worker`
runs it), which hands the message to the sender named by settings.COURTHALL_SMS_SENDER. A sender is any
class with `send(message: SmsMessage) -> None` that raises when the message did not go out; the default,
OutboxSender, sends nothing: the message stays in the outbox, which administrators read in the admin.

One-time codes: `send_code` refuses a mobile that asked too recently or too often today; `verify_code`
accepts only the latest code of a (mobile, purpose), once, before it expires and before too many wrong
tries. Only a keyed hash of a code is stored.
"""

import secrets
from datetime import timedelta
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.module_loading import import_string

from courthall.models import CodePurpose, OneTimeCode, SmsMessage
from courthall.validators import validate_mobile

CODE_TEXT = (
    "您的{purpose}验证码为 {code}，{minutes} 分钟内有效。"
    "请勿将验证码告诉任何人；法院工作人员不会向您索要验证码。"
)
CODE_TOO_SOON = "验证码发送过于频繁，请 %(seconds)d 秒后再获取。"
CODE_DAILY_LIMIT = "该手机号码今天已获取 %(limit)d 次验证码，已达上限，请明天再试。"
CODE_MISSING = "请先获取短信验证码。"
CODE_WRONG = "验证码不正确，还可以再试 %(left)d 次。"
CODE_BURNED = "验证码输错次数过多，已经失效，请重新获取。"
CODE_EXPIRED = "验证码已过期，请重新获取。"
CODE_USED = "该验证码已经使用过，请重新获取。"

CODE_DIGITS = 6
_HMAC_SALT = "courthall.sms.OneTimeCode"


class SmsSender(Protocol):
    def send(self, message: SmsMessage) -> None: ...


class OutboxSender:
    """Keeps the message in the outbox and sends nothing: for trying the system and for courts that read
    the outbox (admin → 短信发件箱) until an SMS gateway is connected."""

    def send(self, message: SmsMessage) -> None:
        return None


def sms_send(*, mobile: str, text: str, purpose: str) -> SmsMessage:
    """Put a message in the outbox; it is delivered after the surrounding transaction commits (and never,
    if it rolls back). `purpose` is a short Chinese label shown in the outbox ("注册账号验证码")."""
    with transaction.atomic():
        message = SmsMessage(mobile=validate_mobile(mobile), text=text, purpose=purpose)
        message.full_clean()
        message.save()
        transaction.on_commit(lambda: sms_deliver.enqueue(message.pk))
    return message


@task
def sms_deliver(message_id: int) -> None:
    """Hand one outbox message to the configured sender; a message already sent is left alone.

    A sender's exception is recorded on the message and raised again, so the task shows as failed.
    """
    sender_path = settings.COURTHALL_SMS_SENDER
    failure = None
    with transaction.atomic():
        message = SmsMessage.objects.select_for_update().get(pk=message_id)
        if message.sent_at is not None:
            return
        message.sender = sender_path
        try:
            import_string(sender_path)().send(message)
        except Exception as error:
            failure = error
            message.error = f"{type(error).__name__}: {error}"
        else:
            message.sent_at = timezone.now()
            message.error = ""
        message.save(update_fields=["sender", "sent_at", "error"])
    # Raised once the error is saved, so that the task is marked failed and the outbox says why.
    if failure is not None:
        raise failure


# --- One-time codes ---------------------------------------------------------------------------------------


def _code_hash(*, mobile: str, purpose: str, code: str) -> str:
    # Keyed with SECRET_KEY: a leaked table does not give 6-digit codes back by trying all million.
    return salted_hmac(_HMAC_SALT, f"{mobile}:{purpose}:{code}", algorithm="sha256").hexdigest()


def send_code(*, mobile: str, purpose: str, text: str = CODE_TEXT, deliver: bool = True) -> OneTimeCode:
    """Send a fresh code to `mobile` for `purpose` (a CodePurpose); the codes sent before stop counting.

    `text` is the message, with {code} and {minutes} (and {purpose}) to fill in. The default warns never
    to tell the code to anyone; a code the person is meant to read out to a clerk at the counter (肩并肩)
    says so instead.

    `deliver=False` records a code that no SMS carries and no typed code matches, under the same limits:
    for a page that must answer alike whether or not the mobile has an account (setting a password), so
    that asking twice, or typing a code, tells a stranger nothing either.

    Raises ValidationError (code "rate_limited") when the mobile had a code less than
    COURTHALL_SMS_CODE_INTERVAL_SECONDS ago or COURTHALL_SMS_CODES_PER_DAY codes today, whatever purpose.
    """
    mobile = validate_mobile(mobile)
    now = timezone.now()
    with transaction.atomic():
        # Locks the mobile's codes of the last day, so two requests from one page do not both pass.
        # (Two requests for a mobile that never had a code can still both pass: that costs one SMS.)
        day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        recent = list(
            OneTimeCode.objects.select_for_update()
            .filter(mobile=mobile, created_at__gte=min(day_start, now - timedelta(days=1)))
            .order_by("-created_at")
            .values_list("created_at", flat=True)
        )
        interval = timedelta(seconds=settings.COURTHALL_SMS_CODE_INTERVAL_SECONDS)
        if recent and now - recent[0] < interval:
            wait = interval - (now - recent[0])
            raise ValidationError(
                CODE_TOO_SOON, code="rate_limited", params={"seconds": max(1, round(wait.total_seconds()))}
            )
        limit = settings.COURTHALL_SMS_CODES_PER_DAY
        if sum(created_at >= day_start for created_at in recent) >= limit:
            raise ValidationError(CODE_DAILY_LIMIT, code="rate_limited", params={"limit": limit})

        code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
        minutes = settings.COURTHALL_SMS_CODE_MINUTES
        # An undelivered code stores random bytes, not the hash of any code: nothing typed can match it.
        code_hash = (
            _code_hash(mobile=mobile, purpose=purpose, code=code) if deliver else secrets.token_hex(32)
        )
        one_time_code = OneTimeCode.objects.create(
            mobile=mobile,
            purpose=purpose,
            code_hash=code_hash,
            created_at=now,
            expires_at=now + timedelta(minutes=minutes),
        )
        if deliver:
            label = CodePurpose(purpose).label
            sms_send(
                mobile=mobile,
                text=text.format(purpose=label, code=code, minutes=minutes),
                purpose=f"{label}验证码",
            )
    return one_time_code


def verify_code(*, mobile: str, purpose: str, code: str) -> OneTimeCode:
    """Accept `code` for `mobile` and `purpose`, once; raise ValidationError with the reason otherwise.

    Call it OUTSIDE any transaction that the refusal would roll back: a wrong try is counted in a
    transaction of its own, and the ValidationError is raised after that has committed.
    """
    mobile = validate_mobile(mobile)
    code = code.strip()
    refusal = None
    with transaction.atomic():
        latest = (
            OneTimeCode.objects.select_for_update()
            .filter(mobile=mobile, purpose=purpose)
            .order_by("-created_at", "-pk")
            .first()
        )
        max_attempts = settings.COURTHALL_SMS_CODE_MAX_ATTEMPTS
        now = timezone.now()
        if latest is None:
            refusal = ValidationError(CODE_MISSING, code="missing")
        elif latest.used_at is not None:
            refusal = ValidationError(CODE_USED, code="used")
        elif latest.attempts >= max_attempts:
            refusal = ValidationError(CODE_BURNED, code="burned")
        elif latest.expires_at <= now:
            refusal = ValidationError(CODE_EXPIRED, code="expired")
        elif not constant_time_compare(
            latest.code_hash, _code_hash(mobile=mobile, purpose=purpose, code=code)
        ):
            latest.attempts += 1
            latest.save(update_fields=["attempts"])
            left = max_attempts - latest.attempts
            if left <= 0:
                refusal = ValidationError(CODE_BURNED, code="burned")
            else:
                refusal = ValidationError(CODE_WRONG, code="wrong", params={"left": left})
        else:
            latest.used_at = now
            latest.save(update_fields=["used_at"])
    if refusal is not None:
        raise refusal
    return latest
