"""Calls entered by hand and callbacks to missed callers (每电必登; 钢城承诺三: 接通率 100%).

A missed call stays on the callback list until a callback reaches the caller, or until the caller calls
again the same day and is answered (then the later call is named on the missed one: `resolved_by_call`).
Every change to a call is in its history with the acting user and the reason.
"""

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from courthall.models import User
from courthall.validators import validate_phone
from hotline.clocks import callback_due_on
from hotline.models import Call, Callback, CallbackOutcome, CallSource, CallState
from hotline.permissions import can_enter_call, can_log_callback

CALL_TIME_REQUIRED = "请填写来电时间。"
CALL_TIME_FUTURE = "来电时间（{when}）晚于现在，请填写实际来电的时间。"
WAIT_REQUIRED = "请填写等待秒数（来电振铃到接听或挂断的秒数）。"
TALK_REQUIRED = "已接听的来电请填写通话秒数。"
TALK_WITHOUT_ANSWER = "未接通的来电没有通话时长，请清空通话秒数，或改选“已接听”。"
AGENT_REQUIRED = "已接听的来电请选择接听坐席。"
AGENT_WITHOUT_ANSWER = "未接通的来电没有接听坐席，请清空接听坐席，或改选“已接听”。"
AGENT_OTHER_COURT = "接听坐席须是本院的工作人员。"
CALL_ENDS_IN_FUTURE = "按填写的时长，这通来电要到{when}才结束，晚于现在，请核对来电时间和秒数。"

CALLBACK_TIME_REQUIRED = "请填写回拨时间。"
CALLBACK_TIME_FUTURE = "回拨时间（{when}）晚于现在，请填写实际回拨的时间。"
CALLBACK_TIME_TOO_EARLY = "回拨时间（{when}）早于这通未接来电的时间（{offered}），请核对。"
CALLBACK_OUTCOME_REQUIRED = "请选择回拨结果。"
CALLBACK_CONTENT_REQUIRED = "回拨接通时，请写明与来电人沟通的内容（一次办好：记下告知了什么）。"

RESOLVED_BY_CALLBACK = "回拨接通"
RESOLVED_BY_LATER_CALL = "来电人再次来电已接通（{call_id}），无需回拨"


def call_enter(
    *,
    user: User,
    caller_number: str,
    offered_at: datetime | None,
    answered: bool,
    wait_seconds: int | None,
    talk_seconds: int | None = None,
    agent: User | None = None,
    note: str = "",
) -> Call:
    """Log a call the telephony system did not push (an outage): source MANUAL, call id "M-…". Every
    problem is reported at once, by field."""
    if not (decision := can_enter_call(user)):
        raise PermissionDenied(decision.reason)
    errors: dict[str, list[str]] = {}
    try:
        caller_number = validate_phone(caller_number)
    except ValidationError as error:
        errors["caller_number"] = error.messages
    if offered_at is None:
        errors["offered_at"] = [CALL_TIME_REQUIRED]
    elif offered_at > timezone.now():
        errors["offered_at"] = [CALL_TIME_FUTURE.format(when=_shown(offered_at))]
    if wait_seconds is None:
        errors["wait_seconds"] = [WAIT_REQUIRED]
    if answered:
        if talk_seconds is None:
            errors["talk_seconds"] = [TALK_REQUIRED]
        if agent is None:
            errors["agent"] = [AGENT_REQUIRED]
        elif agent.court_id != user.court_id:
            errors["agent"] = [AGENT_OTHER_COURT]
    else:
        if talk_seconds:
            errors["talk_seconds"] = [TALK_WITHOUT_ANSWER]
        if agent is not None:
            errors["agent"] = [AGENT_WITHOUT_ANSWER]
    if not errors:
        ended_at = offered_at + timedelta(seconds=wait_seconds + ((talk_seconds or 0) if answered else 0))
        if ended_at > timezone.now():
            errors["offered_at"] = [CALL_ENDS_IN_FUTURE.format(when=_shown(ended_at))]
    if errors:
        raise ValidationError(errors)

    local = timezone.localtime(offered_at)
    call = Call(
        court_id=user.court_id,
        call_id=f"M-{local:%Y%m%d%H%M}-{secrets.token_hex(3)}",
        source=CallSource.MANUAL,
        caller_number=caller_number,
        offered_at=offered_at,
        offered_on=local.date(),
        ended_at=ended_at,
        wait_seconds=wait_seconds,
        entered_by=user,
        note=note.strip(),
    )
    if answered:
        call.state = CallState.ANSWERED
        call.agent = agent
        call.answered_at = offered_at + timedelta(seconds=wait_seconds)
        call.talk_seconds = talk_seconds
    else:
        call.state = CallState.ABANDONED
        call.callback_due_on = callback_due_on(call.offered_on)
    with transaction.atomic():
        call.full_clean()
        _record(call, user, "人工登记来电")
        call.save()
        if answered:
            missed_calls_resolve(answered=call, user=user)
    return call


def callback_log(
    *,
    call: Call,
    user: User,
    at: datetime | None,
    outcome: str,
    content: str = "",
    number: str = "",
) -> Callback:
    """Log a callback to a missed caller. REACHED takes the call off the list (`called_back_at`); any other
    outcome keeps it there, with this attempt shown. Locks the call: of two agents calling the same
    person back at once, the second is told the first reached them."""
    with transaction.atomic():
        locked = (
            Call.objects.select_for_update(of=("self",)).select_related("resolved_by_call").get(pk=call.pk)
        )
        if not (decision := can_log_callback(locked, user)):
            raise PermissionDenied(decision.reason)
        errors: dict[str, list[str]] = {}
        if at is None:
            errors["at"] = [CALLBACK_TIME_REQUIRED]
        elif at > timezone.now():
            errors["at"] = [CALLBACK_TIME_FUTURE.format(when=_shown(at))]
        elif at < locked.offered_at.replace(second=0, microsecond=0):
            errors["at"] = [
                CALLBACK_TIME_TOO_EARLY.format(when=_shown(at), offered=_shown(locked.offered_at))
            ]
        if outcome not in CallbackOutcome.values:
            errors["outcome"] = [CALLBACK_OUTCOME_REQUIRED]
        content = content.strip()
        if outcome == CallbackOutcome.REACHED and not content:
            errors["content"] = [CALLBACK_CONTENT_REQUIRED]
        number = number.strip() or locked.caller_number
        try:
            number = validate_phone(number)
        except ValidationError as error:
            errors["number"] = error.messages
        if errors:
            raise ValidationError(errors)
        callback = Callback(call=locked, number=number, at=at, by=user, outcome=outcome, content=content)
        callback.full_clean()
        callback.save()
        if outcome == CallbackOutcome.REACHED:
            locked.called_back_at = at
            _record(locked, user, RESOLVED_BY_CALLBACK)
            locked.save(update_fields=["called_back_at"])
    return callback


def missed_calls_resolve(*, answered: Call, user: User | None) -> list[Call]:
    """The caller of `answered` got through: their missed calls of the same day, before this one, leave
    the callback list, each naming this call. Call inside the transaction that saved `answered`."""
    missed = list(
        Call.objects.select_for_update()
        .filter(
            court_id=answered.court_id,
            caller_number=answered.caller_number,
            state=CallState.ABANDONED,
            called_back_at__isnull=True,
            offered_on=answered.offered_on,
            offered_at__lt=answered.offered_at,
        )
        .order_by("offered_at")
    )
    for call in missed:
        call.called_back_at = answered.answered_at
        call.resolved_by_call = answered
        _record(call, user, RESOLVED_BY_LATER_CALL.format(call_id=answered.call_id))
        call.save(update_fields=["called_back_at", "resolved_by_call"])
    return missed


def _record(call: Call, user: User | None, change: str) -> None:
    """Name the acting user and the change in the history row the next save writes."""
    call._history_user = user
    call._change_reason = change[:100]


def _shown(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y年%m月%d日 %H:%M")
