"""The hall roster (舞钢规范第十三条): sign-in, posts and who holds them, going out, leave.

第十三条: 大厅工作人员严格落实签到制度，有事请假按照请假审批程序，外出办事时要请示领导，并在外出登记牌上进行
标示。立案诉服大厅的导诉台、自助服务区、立案窗口要保证有人值守。

Registered in courthall/models.py (app_label "courthall"). Every record carries its court and its local
date (`on`), so that the board (today, open records) and the panel (a period) read an indexed range.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from courthall.models import Court

__all__ = [
    "Attendance",
    "EndReason",
    "LeaveKind",
    "LeaveRequest",
    "LeaveState",
    "OpeningSpan",
    "Outing",
    "Post",
    "PostHolding",
    "PostKind",
]


class PostKind(models.TextChoices):
    GUIDE_DESK = "guide_desk", "导诉台"
    SELF_SERVICE = "self_service", "自助服务区"
    FILING_WINDOW = "filing_window", "立案窗口"
    HOTLINE_SEAT = "hotline_seat", "12368 坐席"
    OTHER = "other", "其他岗位"


class Post(models.Model):
    """A place in the hall that must be staffed during its opening hours (第十三条: 保证有人值守)."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="posts", verbose_name="法院")
    kind = models.CharField("岗位类别", max_length=20, choices=PostKind.choices)
    name = models.CharField("岗位名称", max_length=50, help_text="如“3号窗口”“导诉台”。")
    order = models.PositiveSmallIntegerField("排序", default=0, help_text="值守看板上按此从小到大排列。")
    active = models.BooleanField("启用", default=True, help_text="停用的岗位不再显示，也不计无人值守。")
    # A post set up today has no holdings for the days before: they are not gaps.
    opened_on = models.DateField(
        "启用日期", default=timezone.localdate, help_text="从这一天起计算该岗位的无人值守时段。"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "值守岗位"
        verbose_name_plural = "值守岗位"
        ordering = ["court", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="post_unique_name")]

    def __str__(self) -> str:
        return self.name


class OpeningSpan(models.Model):
    """One span of a post's opening hours (e.g. 08:30–12:00), kept on every working day: Monday–Friday and
    the make-up working days (调休), never on public holidays (courthall.deadlines)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="spans", verbose_name="岗位")
    starts_at = models.TimeField("开始时间")
    ends_at = models.TimeField("结束时间")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "开放时段"
        verbose_name_plural = "开放时段"
        ordering = ["post", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="openingspan_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class EndReason(models.TextChoices):
    SIGNED_OUT = "signed_out", "签退"
    SWITCHED = "switched", "换岗"
    WENT_OUT = "went_out", "外出"
    CAME_BACK = "came_back", "返回"
    # Nobody signed out that day: the record is closed the next time the person acts (services._close_stale).
    NOT_SIGNED_OUT = "not_signed_out", "未签退（按当日闭厅时间结束）"


class Attendance(models.Model):
    """One sign-in (签到) and its sign-out (签退): the attendance record of 第十三条's 签到制度."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+", verbose_name="法院")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendances", verbose_name="人员"
    )
    on = models.DateField("日期")
    signed_in_at = models.DateTimeField("签到时间")
    signed_out_at = models.DateTimeField("签退时间", null=True, blank=True)
    end_reason = models.CharField("结束方式", max_length=20, choices=EndReason.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "签到记录"
        verbose_name_plural = "签到记录"
        ordering = ["-signed_in_at", "-pk"]
        indexes = [models.Index(fields=["court", "on"], name="attendance_court_on")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(signed_out_at__isnull=True), name="attendance_one_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.on:%Y-%m-%d}"


class PostHolding(models.Model):
    """A person holding a post from `started_at` to `ended_at` (open while ended_at is empty).

    A person holds one post at a time; a post may be held by several (two guides at the 导诉台)."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+", verbose_name="法院")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="holdings", verbose_name="岗位")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="post_holdings", verbose_name="人员"
    )
    on = models.DateField("日期")
    started_at = models.DateTimeField("上岗时间")
    ended_at = models.DateTimeField("离岗时间", null=True, blank=True)
    end_reason = models.CharField("离岗原因", max_length=20, choices=EndReason.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "岗位值守记录"
        verbose_name_plural = "岗位值守记录"
        ordering = ["-started_at", "-pk"]
        indexes = [
            models.Index(fields=["post", "on"], name="postholding_post_on"),
            models.Index(fields=["court", "on"], name="postholding_court_on"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(ended_at__isnull=True), name="postholding_one_open"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=models.F("started_at")),
                name="postholding_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post} {self.person} {self.on:%Y-%m-%d}"


class Outing(models.Model):
    """Going out during work hours (外出办事), as shown on the out-of-office board (外出登记牌)."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+", verbose_name="法院")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="outings", verbose_name="人员"
    )
    on = models.DateField("日期")
    destination = models.CharField("去向", max_length=100)
    reason = models.CharField("事由", max_length=200)
    went_at = models.DateTimeField("外出时间")
    expected_back_at = models.DateTimeField("预计返回时间")
    came_back_at = models.DateTimeField("返回时间", null=True, blank=True)
    end_reason = models.CharField("结束方式", max_length=20, choices=EndReason.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "外出登记"
        verbose_name_plural = "外出登记"
        ordering = ["-went_at", "-pk"]
        indexes = [models.Index(fields=["court", "on"], name="outing_court_on")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(came_back_at__isnull=True), name="outing_one_open"
            ),
            models.CheckConstraint(
                condition=models.Q(expected_back_at__gt=models.F("went_at")), name="outing_back_after_going"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.destination}"


class LeaveKind(models.TextChoices):
    PERSONAL = "personal", "事假"
    SICK = "sick", "病假"
    ANNUAL = "annual", "年休假"
    COMPENSATORY = "compensatory", "调休"
    OTHER = "other", "其他"


class LeaveState(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "不予批准"
    CANCELLED = "cancelled", "已撤回"


# The states that hold the person's time: a new request may not overlap them.
LEAVE_HOLDS_TIME = (LeaveState.PENDING, LeaveState.APPROVED)


class LeaveRequest(ConcurrentTransitionMixin, models.Model):
    """A leave request (请假) and its decision by the person's head (第十三条: 请假审批程序)."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+", verbose_name="法院")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="leave_requests",
        verbose_name="申请人",
    )
    kind = models.CharField("假别", max_length=20, choices=LeaveKind.choices)
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    reason = models.TextField("事由")
    state = FSMField("状态", default=LeaveState.PENDING, choices=LeaveState.choices, protected=True)
    requested_at = models.DateTimeField("申请时间")
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审批人",
    )
    refusal_reason = models.TextField("不予批准的理由", blank=True)
    cancelled_at = models.DateTimeField("撤回时间", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "请假申请"
        verbose_name_plural = "请假申请"
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "starts_at"], name="leave_person_starts"),
            models.Index(fields=["court", "starts_at"], name="leave_court_starts"),
            models.Index(fields=["court", "decided_at"], name="leave_court_decided"),
            models.Index(fields=["court"], condition=models.Q(state="pending"), name="leave_court_pending"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="leave_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_kind_display()}"

    @transition(field=state, source=LeaveState.PENDING, target=LeaveState.APPROVED)
    def approve(self) -> None:
        pass

    @transition(field=state, source=LeaveState.PENDING, target=LeaveState.REFUSED)
    def refuse(self) -> None:
        pass

    # The requester withdraws a request still pending, or an approved leave that has not begun.
    @transition(field=state, source=[LeaveState.PENDING, LeaveState.APPROVED], target=LeaveState.CANCELLED)
    def cancel(self) -> None:
        pass
