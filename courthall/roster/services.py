"""Every write of the hall roster (舞钢规范第十三条): sign in and out, take a post, go out and come back.

Each action locks the person's own row first, so two tabs of one person cannot both sign in; the partial
unique constraints (one open sign-in, holding, outing per person) stand behind it. Every save records the
acting user in the record's history (django-simple-history), and the record itself says when.

A record left open on an earlier day (nobody signed out) is closed the next time its person acts, at the
post's closing time that day (EndReason.NOT_SIGNED_OUT); until then the panel reads it the same way
(selectors.holding_spans), so the figures do not change when it is closed.
"""

from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from courthall.roster.models import Attendance, EndReason, OpeningSpan, Outing, Post, PostHolding
from courthall.roster.permissions import can_use_roster
from courthall.supervision import local_at

ALREADY_SIGNED_IN = "您已于{at}签到，无需重复签到；如需换岗，请选择岗位后点“上岗”。"
NOT_SIGNED_IN = "您尚未签到，不能签退。"
SIGN_IN_FIRST = "请先签到，再{action}。"
COME_BACK_FIRST = "您正在外出，请先登记返回，再上岗。"
NOT_AT_A_POST = "您当前没有在岗记录。"
NO_SUCH_POST = "该岗位不存在或已停用。"
ALREADY_AT_POST = "您已在{post}值守。"
ALREADY_OUT = "您已登记外出（去向：{destination}），请先登记返回。"
NOT_OUT = "您当前没有外出登记，无需登记返回。"
NO_DESTINATION = "请填写去向。"
NO_REASON = "请填写外出事由。"
BACK_NOT_AFTER_NOW = "预计返回时间须晚于现在（{now}）。"
BACK_NOT_TODAY = "外出须在当天返回；跨日外出请提交请假申请。"


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _lock_person(user):
    """Serialise one person's roster actions (two tabs, a double click) on their user row."""
    return get_user_model().objects.select_for_update().get(pk=user.pk)


def _clock(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M}"


def post_closing_at(post_id: int, on: date, *, after: datetime) -> datetime:
    """When a post closed on `on`: its last opening span's end, or `after` if there is none or it had closed
    before `after` (a holding begun after closing time ends where it began)."""
    last = OpeningSpan.objects.filter(post_id=post_id).aggregate(last=Max("ends_at"))["last"]
    if last is None:
        return after
    return max(after, local_at(on, last))


def _court_closing_at(court_id: int, on: date, *, after: datetime) -> datetime:
    last = OpeningSpan.objects.filter(post__court_id=court_id, post__active=True).aggregate(
        last=Max("ends_at")
    )["last"]
    if last is None:
        return max(after, local_at(on, time(23, 59)))
    return max(after, local_at(on, last))


def _save(record, user) -> None:
    record._history_user = user
    record.full_clean()
    record.save()


def _close_stale(person, today: date) -> None:
    """Close what `person` left open on an earlier day (EndReason.NOT_SIGNED_OUT)."""
    for holding in PostHolding.objects.filter(person=person, ended_at__isnull=True, on__lt=today):
        holding.ended_at = post_closing_at(holding.post_id, holding.on, after=holding.started_at)
        holding.end_reason = EndReason.NOT_SIGNED_OUT
        _save(holding, person)
    for outing in Outing.objects.filter(person=person, came_back_at__isnull=True, on__lt=today):
        outing.came_back_at = max(outing.went_at, outing.expected_back_at)
        outing.end_reason = EndReason.NOT_SIGNED_OUT
        _save(outing, person)
    for attendance in Attendance.objects.filter(person=person, signed_out_at__isnull=True, on__lt=today):
        attendance.signed_out_at = _court_closing_at(
            attendance.court_id, attendance.on, after=attendance.signed_in_at
        )
        attendance.end_reason = EndReason.NOT_SIGNED_OUT
        _save(attendance, person)


def _begin(user) -> tuple[datetime, date]:
    """Every action starts here: check, lock the person, tidy what an earlier day left open."""
    _require(can_use_roster(user))
    _lock_person(user)
    now = timezone.now()
    today = timezone.localdate(now)
    _close_stale(user, today)
    return now, today


def _open_attendance(user) -> Attendance | None:
    return Attendance.objects.filter(person=user, signed_out_at__isnull=True).first()


def _open_holding(user) -> PostHolding | None:
    return PostHolding.objects.select_related("post").filter(person=user, ended_at__isnull=True).first()


def _open_outing(user) -> Outing | None:
    return Outing.objects.filter(person=user, came_back_at__isnull=True).first()


def _end_holding(holding: PostHolding | None, user, now: datetime, reason: str) -> None:
    if holding is not None:
        holding.ended_at, holding.end_reason = now, reason
        _save(holding, user)


def _start_holding(user, post: Post, now: datetime, today: date) -> PostHolding:
    holding = PostHolding(court_id=user.court_id, post=post, person=user, on=today, started_at=now)
    _save(holding, user)
    return holding


def _active_post(user, post_id: int | None) -> Post | None:
    if post_id is None:
        return None
    post = Post.objects.filter(pk=post_id, court_id=user.court_id, active=True).first()
    if post is None:
        raise ValidationError(NO_SUCH_POST)
    return post


@transaction.atomic
def roster_sign_in(*, user, post_id: int | None = None) -> Attendance:
    """签到: start the day's attendance and, with a post, start holding it (第十三条 签到制度)."""
    now, today = _begin(user)
    post = _active_post(user, post_id)
    if (attendance := _open_attendance(user)) is not None:
        raise ValidationError(ALREADY_SIGNED_IN.format(at=_clock(attendance.signed_in_at)))
    attendance = Attendance(court_id=user.court_id, person=user, on=today, signed_in_at=now)
    _save(attendance, user)
    if post is not None:
        _start_holding(user, post, now, today)
    return attendance


@transaction.atomic
def roster_take_post(*, user, post_id: int) -> PostHolding:
    """上岗 / 换岗: hold `post_id` from now, ending the post held before (if any)."""
    now, today = _begin(user)
    post = _active_post(user, post_id)
    if _open_attendance(user) is None:
        raise ValidationError(SIGN_IN_FIRST.format(action="上岗"))
    if _open_outing(user) is not None:
        raise ValidationError(COME_BACK_FIRST)
    holding = _open_holding(user)
    if holding is not None and holding.post_id == post.pk:
        raise ValidationError(ALREADY_AT_POST.format(post=post.name))
    _end_holding(holding, user, now, EndReason.SWITCHED)
    return _start_holding(user, post, now, today)


@transaction.atomic
def roster_leave_post(*, user) -> None:
    """离岗 without signing out (back-office work): the post shows as unstaffed from now."""
    now, _ = _begin(user)
    holding = _open_holding(user)
    if holding is None:
        raise ValidationError(NOT_AT_A_POST)
    _end_holding(holding, user, now, EndReason.SIGNED_OUT)


@transaction.atomic
def roster_sign_out(*, user) -> Attendance:
    """签退: end the attendance, the post held and an outing still open."""
    now, _ = _begin(user)
    attendance = _open_attendance(user)
    if attendance is None:
        raise ValidationError(NOT_SIGNED_IN)
    _end_holding(_open_holding(user), user, now, EndReason.SIGNED_OUT)
    if (outing := _open_outing(user)) is not None:
        outing.came_back_at, outing.end_reason = now, EndReason.SIGNED_OUT
        _save(outing, user)
    attendance.signed_out_at, attendance.end_reason = now, EndReason.SIGNED_OUT
    _save(attendance, user)
    return attendance


@transaction.atomic
def roster_go_out(*, user, destination: str, reason: str, expected_back_at: datetime) -> Outing:
    """外出登记 (第十三条: 外出办事时要请示领导，并在外出登记牌上进行标示): where, why, expected back.
    Ends the post held: the post is unstaffed while its holder is out."""
    now, today = _begin(user)
    errors = []
    if not destination.strip():
        errors.append(NO_DESTINATION)
    if not reason.strip():
        errors.append(NO_REASON)
    if expected_back_at <= now:
        errors.append(BACK_NOT_AFTER_NOW.format(now=_clock(now)))
    elif timezone.localdate(expected_back_at) != today:
        errors.append(BACK_NOT_TODAY)
    if _open_attendance(user) is None:
        errors.append(SIGN_IN_FIRST.format(action="登记外出"))
    if (outing := _open_outing(user)) is not None:
        errors.append(ALREADY_OUT.format(destination=outing.destination))
    if errors:
        raise ValidationError(errors)
    _end_holding(_open_holding(user), user, now, EndReason.WENT_OUT)
    outing = Outing(
        court_id=user.court_id,
        person=user,
        on=today,
        destination=destination.strip(),
        reason=reason.strip(),
        went_at=now,
        expected_back_at=expected_back_at,
    )
    _save(outing, user)
    return outing


@transaction.atomic
def roster_come_back(*, user, post_id: int | None = None) -> Outing:
    """返回: end the outing and, with a post, take it again."""
    now, today = _begin(user)
    post = _active_post(user, post_id)
    outing = _open_outing(user)
    if outing is None:
        raise ValidationError(NOT_OUT)
    outing.came_back_at, outing.end_reason = now, EndReason.CAME_BACK
    _save(outing, user)
    if post is not None:
        _start_holding(user, post, now, today)
    return outing
