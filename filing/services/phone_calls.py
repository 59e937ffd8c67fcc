"""The phone call made to the filer when an online filing is returned for correction (舞钢规范第七条:
网上立案退回补正的，电话通知当事人). Recorded on the CorrectionRequest by filing_return_for_correction."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from courthall.validators import validate_phone
from filing.models import Channel, Filing, PhoneOutcome

PHONE_CALL_REQUIRED = (
    "网上提交的立案申请退回补正时，须记录电话通知起诉人的情况（舞钢规范第七条）："
    "通知时间、拨打的号码和通知结果。"
)
PHONE_TIME_REQUIRED = "请填写电话通知的时间。"
PHONE_TIME_FUTURE = "电话通知时间（{when}）晚于现在，请填写实际拨打电话的时间。"
PHONE_TIME_TOO_EARLY = "电话通知时间（{when}）早于收到该立案申请的时间（{received}），请核对。"
PHONE_NUMBER_REQUIRED = "请填写拨打的电话号码。"
PHONE_OUTCOME_REQUIRED = "请选择电话通知的结果。"
PHONE_NOTE_REQUIRED = "电话通知结果为“其他”时，请写明情况。"


@dataclass(frozen=True)
class PhoneCallInput:
    """The call made to the filer when an online filing is returned (舞钢规范第七条 电话通知)."""

    called_at: datetime | None
    number: str
    outcome: str
    note: str = ""


def phone_call_fields(filing: Filing, call: PhoneCallInput | None) -> dict:
    """The CorrectionRequest fields of the call; every problem at once. None: no call recorded, which
    only a counter filing may do (its filer is handed the notice in person)."""
    if call is None:
        if filing.channel == Channel.ONLINE:
            raise ValidationError(PHONE_CALL_REQUIRED)
        return {}
    errors = []
    called_at = call.called_at
    if called_at is None:
        errors.append(PHONE_TIME_REQUIRED)
    else:
        shown = timezone.localtime(called_at).strftime("%Y年%m月%d日 %H:%M")
        if called_at > timezone.now():
            errors.append(PHONE_TIME_FUTURE.format(when=shown))
        elif called_at < filing.received_at.replace(second=0, microsecond=0):
            received = timezone.localtime(filing.received_at).strftime("%Y年%m月%d日 %H:%M")
            errors.append(PHONE_TIME_TOO_EARLY.format(when=shown, received=received))
    number = call.number.strip()
    if not number:
        errors.append(PHONE_NUMBER_REQUIRED)
    else:
        try:
            number = validate_phone(number)
        except ValidationError as error:
            errors.extend(error.messages)
    if call.outcome not in PhoneOutcome.values:
        errors.append(PHONE_OUTCOME_REQUIRED)
    elif call.outcome == PhoneOutcome.OTHER and not call.note.strip():
        errors.append(PHONE_NOTE_REQUIRED)
    if errors:
        raise ValidationError(errors)
    return {
        "phone_called_at": called_at,
        "phone_number": number,
        "phone_outcome": call.outcome,
        "phone_note": call.note.strip(),
    }
