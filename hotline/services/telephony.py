"""The telephony push endpoint's write path (每电必登, 舞钢规范第十条): each event offered / answered / ended
updates one Call and is kept as a CallEvent, in one transaction with the call's row locked.

A repeated identical event is harmless (the telephony system retries); anything else that does not fit the
call's story is refused with a Chinese message and changes nothing. Every refusal is a TelephonyRefused
carrying the HTTP status the endpoint answers with.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from courthall.models import Court, User
from courthall.validators import validate_phone
from hotline.clocks import callback_due_on
from hotline.models import Call, CallEvent, CallEventKind, CallSource, CallState, TelephonyToken
from hotline.services.calls import missed_calls_resolve

TOKEN_MISSING = "缺少话务系统令牌：请在请求头 Authorization 中以“Bearer 令牌”的形式提供本院的令牌。"
TOKEN_INVALID = "话务系统令牌无效或已停用，请联系本院系统管理员重新生成（manage.py hotline_token）。"
BODY_NOT_JSON = "请求内容不是有效的 JSON 对象。"
FIELDS_MISSING = "缺少字段：{fields}。"
FIELD_NOT_TEXT = "字段 {field} 应为文字。"
CALL_ID_TOO_LONG = "呼叫编号“{call_id}…”过长：最多 {limit} 个字符。"
EVENT_UNKNOWN = "事件“{event}”无效：只能是 offered（来电）、answered（接听）或 ended（挂断）。"
TIME_INVALID = "事件时间“{at}”无效：须为带时区的 ISO-8601 时间，如 2026-12-02T09:30:00+08:00。"
TIME_FUTURE = "事件时间“{at}”晚于现在，请核对话务系统的时钟。"
CALLER_INVALID = "来电号码无效：{problem}"
AGENT_UNKNOWN = "坐席“{agent}”不是本院的在岗工作人员，请核对话务系统中的坐席账号。"
CALL_UNKNOWN = "没有呼叫编号为“{call_id}”的来电：须先推送 offered（来电）事件。"
EVENT_CONFLICT = "呼叫“{call_id}”已有一条{kind}事件，内容与这次推送不同；同一事件只记一次，未作改动。"
ALREADY_ENDED = "呼叫“{call_id}”已于{when}挂断，不能再推送{kind}事件。"
ANSWER_BEFORE_OFFER = "接听时间（{at}）早于来电时间（{offered}），顺序不对，未作改动。"
END_BEFORE_OFFER = "挂断时间（{at}）早于来电时间（{offered}），顺序不对，未作改动。"
END_BEFORE_ANSWER = "挂断时间（{at}）早于接听时间（{answered}），顺序不对，未作改动。"

DUPLICATE = "duplicate"
RECORDED = "recorded"


class TelephonyRefused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class TelephonyEvent:
    call_id: str
    kind: str
    at: datetime
    caller: str = ""
    agent: User | None = None


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def telephony_token_create(*, court: Court, name: str = "话务系统") -> tuple[TelephonyToken, str]:
    """Make a court's token; returns the row and the token itself, which is shown once and never kept."""
    token = secrets.token_urlsafe(32)
    row = TelephonyToken(court=court, name=name, digest=token_digest(token))
    row.full_clean()
    row.save()
    return row, token


def telephony_court(authorization: str) -> Court:
    """The court whose token is in the `Authorization: Bearer …` header; 401 for none, unknown or revoked."""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TelephonyRefused(401, TOKEN_MISSING)
    row = (
        TelephonyToken.objects.select_related("court")
        .filter(digest=token_digest(token.strip()), revoked_at__isnull=True)
        .first()
    )
    if row is None:
        raise TelephonyRefused(401, TOKEN_INVALID)
    return row.court


def telephony_event_parse(*, court: Court, payload) -> TelephonyEvent:
    """Check one pushed event's fields (400 for what is malformed); the agent must be of `court`."""
    if not isinstance(payload, dict):
        raise TelephonyRefused(400, BODY_NOT_JSON)
    required = ["call_id", "event", "at"]
    if payload.get("event") == CallEventKind.OFFERED:
        required.append("caller")
    elif payload.get("event") == CallEventKind.ANSWERED:
        required.append("agent")
    missing = [
        field
        for field in required
        if payload.get(field) is None or (isinstance(payload[field], str) and not payload[field].strip())
    ]
    if missing:
        raise TelephonyRefused(400, FIELDS_MISSING.format(fields="、".join(missing)))
    for field in required:
        if not isinstance(payload[field], str):
            raise TelephonyRefused(400, FIELD_NOT_TEXT.format(field=field))
    call_id = payload["call_id"].strip()
    limit = Call._meta.get_field("call_id").max_length
    if len(call_id) > limit:
        raise TelephonyRefused(400, CALL_ID_TOO_LONG.format(call_id=call_id[:20], limit=limit))
    kind = payload["event"]
    if kind not in CallEventKind.values:
        raise TelephonyRefused(400, EVENT_UNKNOWN.format(event=kind))
    try:
        at = datetime.fromisoformat(payload["at"])
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        raise TelephonyRefused(400, TIME_INVALID.format(at=payload["at"]))
    if at > timezone.now() + _CLOCK_SKEW:
        raise TelephonyRefused(400, TIME_FUTURE.format(at=payload["at"]))
    caller, agent = "", None
    if kind == CallEventKind.OFFERED:
        try:
            caller = validate_phone(payload["caller"])
        except ValidationError as error:
            raise TelephonyRefused(400, CALLER_INVALID.format(problem="".join(error.messages))) from None
    if kind == CallEventKind.ANSWERED:
        agent = User.objects.filter(username=payload["agent"], court=court, is_active=True).first()
        if agent is None:
            raise TelephonyRefused(400, AGENT_UNKNOWN.format(agent=payload["agent"]))
    return TelephonyEvent(call_id=call_id, kind=kind, at=at, caller=caller, agent=agent)


# The telephony system's clock and ours may differ by a little; more than this is a wrong clock.
_CLOCK_SKEW = timedelta(minutes=2)


def telephony_event_record(*, court: Court, event: TelephonyEvent, payload: dict) -> tuple[Call, str]:
    """Apply one event to its call; returns the call and RECORDED or DUPLICATE. Locks the call's row, so
    of two pushes of the same event at once the second sees the first and is a duplicate."""
    with transaction.atomic():
        call = Call.objects.select_for_update().filter(court=court, call_id=event.call_id).first()
        if call is None:
            if event.kind != CallEventKind.OFFERED:
                raise TelephonyRefused(404, CALL_UNKNOWN.format(call_id=event.call_id))
            try:
                with transaction.atomic():
                    call = _offer(court, event, payload)
            except IntegrityError:
                # The same offer pushed twice at the same moment: the other one made the call.
                call = Call.objects.select_for_update().get(court=court, call_id=event.call_id)
            else:
                return call, RECORDED
        earlier = call.events.filter(kind=event.kind).first()
        if earlier is not None:
            if _same(call, earlier, event):
                return call, DUPLICATE
            raise TelephonyRefused(
                409, EVENT_CONFLICT.format(call_id=call.call_id, kind=CallEventKind(event.kind).label)
            )
        if event.kind == CallEventKind.OFFERED:
            raise TelephonyRefused(
                409, EVENT_CONFLICT.format(call_id=call.call_id, kind=CallEventKind.OFFERED.label)
            )
        if call.state in (CallState.ANSWERED, CallState.ABANDONED):
            raise TelephonyRefused(
                409,
                ALREADY_ENDED.format(
                    call_id=call.call_id, when=_shown(call.ended_at), kind=CallEventKind(event.kind).label
                ),
            )
        if event.kind == CallEventKind.ANSWERED:
            _answer(call, event)
        else:
            _end(call, event)
        call.full_clean()
        call._change_reason = f"话务系统推送：{CallEventKind(event.kind).label}"
        call.save()
        CallEvent.objects.create(call=call, kind=event.kind, at=event.at, payload=payload)
        if event.kind == CallEventKind.ANSWERED:
            missed_calls_resolve(answered=call, user=None)
    return call, RECORDED


def _offer(court: Court, event: TelephonyEvent, payload: dict) -> Call:
    call = Call(
        court=court,
        call_id=event.call_id,
        source=CallSource.TELEPHONY,
        caller_number=event.caller,
        state=CallState.RINGING,
        offered_at=event.at,
        offered_on=timezone.localdate(event.at),
    )
    call.full_clean()
    call._change_reason = "话务系统推送：来电"
    call.save()
    CallEvent.objects.create(call=call, kind=CallEventKind.OFFERED, at=event.at, payload=payload)
    return call


def _answer(call: Call, event: TelephonyEvent) -> None:
    if call.state == CallState.TALKING:
        # Answered already, yet no answered event kept: cannot happen through this endpoint.
        raise TelephonyRefused(
            409, EVENT_CONFLICT.format(call_id=call.call_id, kind=CallEventKind.ANSWERED.label)
        )
    if event.at < call.offered_at:
        raise TelephonyRefused(
            409,
            ANSWER_BEFORE_OFFER.format(
                at=_shown(event.at, seconds=True), offered=_shown(call.offered_at, seconds=True)
            ),
        )
    call.state = CallState.TALKING
    call.agent = event.agent
    call.answered_at = event.at
    call.wait_seconds = _seconds(call.offered_at, event.at)


def _end(call: Call, event: TelephonyEvent) -> None:
    if event.at < call.offered_at:
        raise TelephonyRefused(
            409,
            END_BEFORE_OFFER.format(
                at=_shown(event.at, seconds=True), offered=_shown(call.offered_at, seconds=True)
            ),
        )
    call.ended_at = event.at
    if call.state == CallState.TALKING:
        if event.at < call.answered_at:
            raise TelephonyRefused(
                409,
                END_BEFORE_ANSWER.format(
                    at=_shown(event.at, seconds=True), answered=_shown(call.answered_at, seconds=True)
                ),
            )
        call.state = CallState.ANSWERED
        call.talk_seconds = _seconds(call.answered_at, event.at)
    else:
        # Rang and nobody answered: onto the callback list, due the same working day (钢城承诺三).
        call.state = CallState.ABANDONED
        call.wait_seconds = _seconds(call.offered_at, event.at)
        call.callback_due_on = callback_due_on(call.offered_on)


def _same(call: Call, earlier: CallEvent, event: TelephonyEvent) -> bool:
    if earlier.at != event.at:
        return False
    if event.kind == CallEventKind.OFFERED:
        return call.caller_number == event.caller
    if event.kind == CallEventKind.ANSWERED:
        return call.agent_id == event.agent.pk
    return True


def _seconds(start: datetime, end: datetime) -> int:
    return round((end - start).total_seconds())


def _shown(moment: datetime, *, seconds: bool = False) -> str:
    return timezone.localtime(moment).strftime("%Y年%m月%d日 %H:%M:%S" if seconds else "%Y年%m月%d日 %H:%M")
