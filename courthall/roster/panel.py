"""The supervisors' hall roster panel (舞钢规范第十三条): what is wrong now, and what the period counted.

"Counted" (第十三条: 导诉台、自助服务区、立案窗口要保证有人值守): for each active post and each working day of
the period (from the post's opened_on, up to now), the opening spans minus the union of that day's
holdings are the gaps. Read from the stored holdings of the period's days only, by the (court, on) index.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Q
from django.utils import timezone

from courthall.deadlines import working_days_between
from courthall.roster.intervals import SHORTEST_GAP, gaps, minutes
from courthall.roster.models import Attendance, LeaveRequest, LeaveState, PostHolding
from courthall.roster.selectors import Board, active_posts, held_span, opening_spans
from courthall.supervision import Period, within


@dataclass(frozen=True)
class Gap:
    post_id: int
    post: str
    on: date
    starts_at: datetime
    ends_at: datetime

    @property
    def minutes(self) -> int:
        return minutes([(self.starts_at, self.ends_at)])


@dataclass
class PostGaps:
    post_id: int
    name: str
    kind: str
    gaps: int = 0
    minutes: int = 0


@dataclass
class RosterPanel:
    board: Board
    period: Period
    by_post: list[PostGaps] = field(default_factory=list)
    sign_ins: int = 0
    leave_approved: int = 0
    leave_refused: int = 0
    leave_pending: int = 0

    @property
    def gaps(self) -> int:
        return sum(row.gaps for row in self.by_post)

    @property
    def minutes(self) -> int:
        return sum(row.minutes for row in self.by_post)

    @property
    def leave_decided(self) -> int:
        return self.leave_approved + self.leave_refused


def unstaffed_gaps(
    *, court_id: int, period: Period, now: datetime, post_id: int | None = None
) -> Iterator[Gap]:
    """Every gap of the period, post by post in board order, day by day. Four queries whatever the period:
    the posts and their spans, the holiday table, the holdings of the period's days."""
    today = timezone.localdate(now)
    last = min(period.end_on, today)
    if last < period.start_on:
        return
    posts = active_posts(court_id)
    if post_id is not None:
        posts = posts.filter(pk=post_id)
    posts = list(posts)
    days = working_days_between(period.start_on, last)
    held: dict[tuple[int, date], list[tuple]] = {}
    holdings = PostHolding.objects.filter(court_id=court_id, on__gte=period.start_on, on__lte=last)
    if post_id is not None:
        holdings = holdings.filter(post_id=post_id)
    for holding_post, on, started_at, ended_at in holdings.values_list(
        "post_id", "on", "started_at", "ended_at"
    ).iterator(chunk_size=2000):
        held.setdefault((holding_post, on), []).append(held_span(started_at, ended_at, on, now))
    for post in posts:
        for on in days:
            if on < post.opened_on:
                continue
            spans = opening_spans(post, on)
            if on == today:
                # Today counts only up to now: the rest of the day has not been unstaffed yet.
                spans = [(start, min(end, now)) for start, end in spans if start < now]
            for start, end in gaps(spans, held.get((post.pk, on), []), shortest=SHORTEST_GAP):
                yield Gap(post.pk, post.name, on, start, end)


def roster_panel(*, court_id: int, period: Period, board: Board) -> RosterPanel:
    """The panel: the board's figures now and the period's counts. The board's six queries plus seven."""
    panel = RosterPanel(board=board, period=period)
    rows: dict[int, PostGaps] = {
        row.post.pk: PostGaps(row.post.pk, row.post.name, row.post.get_kind_display()) for row in board.posts
    }
    for gap in unstaffed_gaps(court_id=court_id, period=period, now=board.now):
        row = rows[gap.post_id]
        row.gaps += 1
        row.minutes += gap.minutes
    panel.by_post = list(rows.values())
    panel.sign_ins = Attendance.objects.filter(
        court_id=court_id, on__gte=period.start_on, on__lte=period.end_on
    ).count()
    decided = LeaveRequest.objects.filter(within("decided_at", period), court_id=court_id).aggregate(
        approved=Count("pk", filter=Q(state=LeaveState.APPROVED)),
        refused=Count("pk", filter=Q(state=LeaveState.REFUSED)),
    )
    panel.leave_approved, panel.leave_refused = decided["approved"], decided["refused"]
    panel.leave_pending = LeaveRequest.objects.filter(court_id=court_id, state=LeaveState.PENDING).count()
    return panel
