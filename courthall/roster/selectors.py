"""Reads of the hall roster: the board now (第十三条: 岗位有人值守, 外出登记牌), a person's own day, the
head's inbox. Each reads today's or the open records only, by indexed (court, date) or partial indexes."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone

from courthall.deadlines import is_working_day
from courthall.roster.intervals import SHORTEST_GAP, gaps
from courthall.roster.leave import MAX_LEAVE_DAYS
from courthall.roster.models import (
    Attendance,
    LeaveRequest,
    LeaveState,
    Outing,
    Post,
    PostHolding,
)
from courthall.supervision import Period, day_start, local_at

SUPERVISE = "courthall.supervise"


def opening_spans(post: Post, on: date) -> list[tuple[datetime, datetime]]:
    """The post's opening hours on `on` as local datetimes (the caller knows `on` is a working day).
    Reads post.spans.all(): prefetch it."""
    return [(local_at(on, span.starts_at), local_at(on, span.ends_at)) for span in post.spans.all()]


def held_span(started_at: datetime, ended_at: datetime | None, on: date, now: datetime) -> tuple:
    """A holding as a span. Still open: today it lasts until now; on an earlier day (nobody signed out) until
    the end of that day, which within the opening hours is the post's closing time — what
    services._close_stale writes when the person next acts, so the figures do not change then."""
    if ended_at is not None:
        return started_at, ended_at
    if on == timezone.localdate(now):
        return started_at, max(started_at, now)
    return started_at, day_start(on + timedelta(days=1))


@dataclass
class PostNow:
    post: Post
    hours: list[str]
    holders: list = field(default_factory=list)
    open_now: bool = False
    unstaffed_since: datetime | None = None
    gaps_today: int = 0

    @property
    def unstaffed(self) -> bool:
        return self.open_now and not self.holders


@dataclass
class Board:
    now: datetime
    working_day: bool
    posts: list[PostNow]
    outings: list[Outing]
    on_leave: list[LeaveRequest]

    @property
    def unstaffed(self) -> list[PostNow]:
        return [row for row in self.posts if row.unstaffed]

    @property
    def overdue(self) -> list[Outing]:
        return [outing for outing in self.outings if outing.expected_back_at < self.now]


def active_posts(court_id: int):
    return (
        Post.objects.filter(court_id=court_id, active=True)
        .prefetch_related("spans")
        .order_by("order", "name")
    )


def open_outings(court_id: int, today: date):
    """外出登记牌: who is out now (the open outings of today)."""
    return (
        Outing.objects.filter(court_id=court_id, on=today, came_back_at__isnull=True)
        .select_related("person")
        .order_by("expected_back_at", "pk")
    )


def leave_covering(court_id: int, today: date):
    """Approved leave that covers part of `today`. A leave lasts at most MAX_LEAVE_DAYS, which bounds the
    scan of the (court, starts_at) index."""
    start, end = Period(today, today).span()
    return (
        LeaveRequest.objects.filter(
            court_id=court_id,
            state=LeaveState.APPROVED,
            starts_at__lt=end,
            starts_at__gte=start - timedelta(days=MAX_LEAVE_DAYS),
            ends_at__gt=start,
        )
        .select_related("person")
        .order_by("ends_at", "pk")
    )


def hall_board(*, court_id: int, now: datetime) -> Board:
    """The board of `court_id` at `now`: each active post with its holders or the red flag "无人值守" with
    since when (computed live from today's holdings), and the out-of-office board. Six queries."""
    today = timezone.localdate(now)
    working = is_working_day(today)
    posts = list(active_posts(court_id))
    holdings: dict[int, list[PostHolding]] = {}
    for holding in PostHolding.objects.filter(court_id=court_id, on=today).select_related("person"):
        holdings.setdefault(holding.post_id, []).append(holding)
    rows = []
    for post in posts:
        row = PostNow(post, [str(span) for span in post.spans.all()])
        mine = holdings.get(post.pk, [])
        row.holders = [holding.person for holding in mine if holding.ended_at is None]
        if working and post.opened_on <= today:
            spans = opening_spans(post, today)
            row.open_now = any(start <= now < end for start, end in spans)
            # Today so far: the opening hours up to now, minus every holding (open ones last until now).
            so_far = [(start, min(end, now)) for start, end in spans if start < now]
            found = gaps(so_far, [held_span(h.started_at, h.ended_at, today, now) for h in mine])
            row.gaps_today = sum(end - start >= SHORTEST_GAP for start, end in found)
            if row.unstaffed and found and found[-1][1] == now:
                row.unstaffed_since = found[-1][0]
        rows.append(row)
    return Board(
        now=now,
        working_day=working,
        posts=rows,
        outings=list(open_outings(court_id, today)),
        on_leave=list(leave_covering(court_id, today)),
    )


@dataclass(frozen=True)
class MyDay:
    attendance: Attendance | None
    holding: PostHolding | None
    outing: Outing | None
    posts: list[Post]
    leave: list[LeaveRequest]


def my_day(*, user) -> MyDay:
    """A person's own roster page: signed in?, the post held, an outing, and their leave requests (the
    latest 20). Five queries."""
    return MyDay(
        attendance=Attendance.objects.filter(person=user, signed_out_at__isnull=True).first(),
        holding=PostHolding.objects.select_related("post").filter(person=user, ended_at__isnull=True).first(),
        outing=Outing.objects.filter(person=user, came_back_at__isnull=True).first(),
        posts=list(Post.objects.filter(court_id=user.court_id, active=True).order_by("order", "name")),
        leave=list(LeaveRequest.objects.filter(person=user).select_related("decided_by")[:20]),
    )


def leave_inbox(*, user):
    """The pending requests `user` may decide (courthall.roster.permissions.can_decide_leave, as a query):
    those of the departments they head, and — for the court's supervisor — those whose department has no
    head, who have no department, or who are the head."""
    mine = Q(person__department__head=user)
    if user.has_perm(SUPERVISE):
        mine |= (
            Q(person__department__isnull=True)
            | Q(person__department__head__isnull=True)
            | Q(person__department__head=F("person"))
        )
    return (
        LeaveRequest.objects.filter(court_id=user.court_id, state=LeaveState.PENDING)
        .exclude(person=user)
        .filter(mine)
        .select_related("person__department")
        .order_by("starts_at", "pk")
    )


def leave_get_for_user(*, pk: int, user) -> LeaveRequest:
    """A leave request of the user's own court (another court's: 404, whether or not it exists)."""
    leave = (
        LeaveRequest.objects.select_related("person__department")
        .filter(pk=pk, court_id=user.court_id)
        .first()
    )
    if leave is None or user.court_id is None:
        raise Http404("没有找到该请假申请。")
    return leave
