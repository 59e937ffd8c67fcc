"""Leave requests (请假) and their decision (舞钢规范第十三条: 有事请假按照请假审批程序): the writes.

pending → approved / refused (with the reasons) by the head of the requester's department (or the court's
supervisor, courthall.roster.permissions.can_decide_leave); pending or not-yet-begun approved → cancelled
by the requester. A request overlapping another pending or approved one of the same person is refused.
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition

from courthall.roster.models import LEAVE_HOLDS_TIME, LeaveKind, LeaveRequest
from courthall.roster.permissions import can_cancel_leave, can_decide_leave
from courthall.roster.services import _begin, _require

UNKNOWN_KIND = "请选择假别（事假、病假、年休假、调休或其他）。"
NO_REASON = "请填写请假事由。"
ENDS_BEFORE_START = "请假的结束时间须晚于开始时间。"
TOO_LONG = "一次请假最长 {days} 天，请分段申请。"
TOO_FAR_BACK = "补请假最早只能从 {days} 天前开始。"
OVERLAP = (
    "与您{starts}至{ends}的{kind}申请（{state}）时间重叠，本次申请未保存。请调整时间，或先撤回那份申请。"
)
NO_REFUSAL_REASON = "不予批准的，请写明理由。"
DECIDED_MEANWHILE = "该申请刚刚已被处理（{state}），请刷新页面查看。"

MAX_LEAVE_DAYS = 180
# Sick leave is often asked for afterwards (补假); a month back is as far as a head can still check it.
MAX_DAYS_BACK = 31


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y年%-m月%-d日 %H:%M}"


@transaction.atomic
def leave_request(*, user, kind: str, starts_at: datetime, ends_at: datetime, reason: str) -> LeaveRequest:
    """Ask for leave. Every problem is reported at once; nothing is saved unless all is well. The person's
    row is locked first, so two requests sent together cannot both pass the overlap check."""
    now, _ = _begin(user)
    errors = []
    if kind not in LeaveKind.values:
        errors.append(UNKNOWN_KIND)
    if not reason.strip():
        errors.append(NO_REASON)
    if ends_at <= starts_at:
        errors.append(ENDS_BEFORE_START)
    else:
        if ends_at - starts_at > timedelta(days=MAX_LEAVE_DAYS):
            errors.append(TOO_LONG.format(days=MAX_LEAVE_DAYS))
        if starts_at < now - timedelta(days=MAX_DAYS_BACK):
            errors.append(TOO_FAR_BACK.format(days=MAX_DAYS_BACK))
        other = (
            LeaveRequest.objects.filter(
                person=user, state__in=LEAVE_HOLDS_TIME, starts_at__lt=ends_at, ends_at__gt=starts_at
            )
            .order_by("starts_at")
            .first()
        )
        if other is not None:
            errors.append(
                OVERLAP.format(
                    starts=_when(other.starts_at),
                    ends=_when(other.ends_at),
                    kind=other.get_kind_display(),
                    state=other.get_state_display(),
                )
            )
    if errors:
        raise ValidationError(errors)
    leave = LeaveRequest(
        court_id=user.court_id,
        person=user,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason.strip(),
        requested_at=now,
    )
    leave._history_user = user
    leave.full_clean(exclude=["state"])
    leave.save()
    return leave


def _locked(leave: LeaveRequest) -> LeaveRequest:
    return (
        LeaveRequest.objects.select_for_update(of=("self",))
        .select_related("person__department")
        .get(pk=leave.pk)
    )


def _save_transition(leave: LeaveRequest, user) -> None:
    leave._history_user = user
    try:
        leave.save()
    except ConcurrentTransition:
        current = LeaveRequest.objects.get(pk=leave.pk)
        raise ValidationError(DECIDED_MEANWHILE.format(state=current.get_state_display())) from None


@transaction.atomic
def leave_approve(*, leave: LeaveRequest, user) -> LeaveRequest:
    leave = _locked(leave)
    _require(can_decide_leave(leave, user))
    leave.approve()
    leave.decided_at, leave.decided_by = timezone.now(), user
    _save_transition(leave, user)
    return leave


@transaction.atomic
def leave_refuse(*, leave: LeaveRequest, user, reason: str) -> LeaveRequest:
    leave = _locked(leave)
    _require(can_decide_leave(leave, user))
    if not reason.strip():
        raise ValidationError(NO_REFUSAL_REASON)
    leave.refuse()
    leave.decided_at, leave.decided_by, leave.refusal_reason = timezone.now(), user, reason.strip()
    _save_transition(leave, user)
    return leave


@transaction.atomic
def leave_cancel(*, leave: LeaveRequest, user) -> LeaveRequest:
    leave = _locked(leave)
    _require(can_cancel_leave(leave, user))
    leave.cancel()
    leave.cancelled_at = timezone.now()
    _save_transition(leave, user)
    return leave
