from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from courthall.models import Court


class CallSource(models.TextChoices):
    TELEPHONY = "telephony", "话务系统推送"
    MANUAL = "manual", "人工登记"


class CallState(models.TextChoices):
    # 每电必登: a call is on the log from the moment it is offered to the line.
    RINGING = "ringing", "振铃中"
    TALKING = "talking", "通话中"
    ANSWERED = "answered", "已接听"
    ABANDONED = "abandoned", "未接通"


class Call(models.Model):
    """One call to the court's 12368 line (舞钢规范第十条; 钢城承诺三: 接通率 100%).

    Written by the telephony push endpoint (hotline.services.telephony) or entered by hand. An abandoned
    call waits on the callback list until a callback reaches the caller (`called_back_at`); it is due the
    same working day (`callback_due_on`, from courthall.deadlines).
    """

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="calls", verbose_name="法院")
    # The telephony system's id of the call; a hand-entered call gets one of ours ("M-…").
    call_id = models.CharField("呼叫编号", max_length=64)
    source = models.CharField("登记方式", max_length=20, choices=CallSource.choices)
    caller_number = models.CharField("来电号码", max_length=30)
    state = models.CharField("状态", max_length=20, choices=CallState.choices, default=CallState.RINGING)
    offered_at = models.DateTimeField("来电时间")
    # The court's local date of offered_at: the per-day figures and the callback list read it.
    offered_on = models.DateField("来电日期")
    answered_at = models.DateTimeField("接听时间", null=True, blank=True)
    ended_at = models.DateTimeField("挂断时间", null=True, blank=True)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answered_calls",
        verbose_name="接听坐席",
    )
    wait_seconds = models.PositiveIntegerField("等待秒数", null=True, blank=True)
    talk_seconds = models.PositiveIntegerField("通话秒数", null=True, blank=True)
    # The ticket the call was about (a ticket gathers every call on one request).
    ticket = models.ForeignKey(
        "hotline.Ticket",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name="工单",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记人",
    )
    # --- abandoned calls: the callback list (钢城承诺三) -----------------------------------------------
    callback_due_on = models.DateField("回拨期限", null=True, blank=True)
    called_back_at = models.DateTimeField("回拨接通时间", null=True, blank=True)
    # Issue 6, part CALLS: a missed caller who calls again the same day and is answered needs no callback;
    # that later call is named here, so the log shows why the missed call left the list.
    resolved_by_call = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="再次来电已接通",
    )
    note = models.TextField("备注", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "来电"
        verbose_name_plural = "来电登记"
        ordering = ["-offered_at"]
        constraints = [models.UniqueConstraint(fields=["court", "call_id"], name="call_unique_id")]
        indexes = [
            models.Index(fields=["court", "offered_on"]),
            models.Index(fields=["court", "caller_number", "offered_at"]),
            models.Index(
                fields=["court", "callback_due_on", "offered_at"],
                condition=models.Q(state="abandoned", called_back_at__isnull=True),
                name="call_callback_list",
            ),
            # The agent's workbench reads the call they are on: a handful of rows, not the agent's history.
            models.Index(
                fields=["agent", "answered_at"],
                condition=models.Q(state="talking"),
                name="call_talking_by_agent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.caller_number} {self.offered_at:%Y-%m-%d %H:%M}"


class CallEventKind(models.TextChoices):
    OFFERED = "offered", "来电"
    ANSWERED = "answered", "接听"
    ENDED = "ended", "挂断"


class CallEvent(models.Model):
    """One telephony event as it was accepted: the raw payload, kept. At most one of each kind per call,
    so a repeated push changes nothing."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="events", verbose_name="来电")
    kind = models.CharField("事件", max_length=20, choices=CallEventKind.choices)
    at = models.DateTimeField("事件时间")
    received_at = models.DateTimeField("收到时间", auto_now_add=True)
    payload = models.JSONField("原始数据", default=dict)

    class Meta:
        verbose_name = "话务事件"
        verbose_name_plural = "话务事件"
        ordering = ["call", "at", "pk"]
        constraints = [models.UniqueConstraint(fields=["call", "kind"], name="call_event_once")]

    def __str__(self) -> str:
        return f"{self.call.call_id} {self.get_kind_display()}"


class TelephonyToken(models.Model):
    """A court's credential for the telephony push endpoint. Only the SHA-256 of the token is kept; the
    token itself is shown once, when it is made (manage.py hotline_token)."""

    court = models.ForeignKey(
        Court, on_delete=models.PROTECT, related_name="telephony_tokens", verbose_name="法院"
    )
    name = models.CharField("用途", max_length=100, default="话务系统")
    digest = models.CharField("令牌摘要（SHA-256）", max_length=64, unique=True)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    revoked_at = models.DateTimeField("停用时间", null=True, blank=True)

    class Meta:
        verbose_name = "话务系统令牌"
        verbose_name_plural = "话务系统令牌"
        ordering = ["court", "-created_at"]

    def __str__(self) -> str:
        return f"{self.court} {self.name}"


class CallbackOutcome(models.TextChoices):
    REACHED = "reached", "已接通"
    NO_ANSWER = "no_answer", "无人接听"
    BUSY = "busy", "占线"
    UNREACHABLE = "unreachable", "空号、停机或号码有误"


class Callback(models.Model):
    """A call made by the line to a person: to a missed caller (against `call`), or to give a ticket's
    answer (against `ticket`) — when, by whom, to which number, what was said (seed 002 一次办好)."""

    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callbacks",
        verbose_name="未接来电",
    )
    ticket = models.ForeignKey(
        "hotline.Ticket",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callbacks",
        verbose_name="工单",
    )
    number = models.CharField("回拨号码", max_length=30)
    at = models.DateTimeField("回拨时间")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="回拨人"
    )
    outcome = models.CharField("结果", max_length=20, choices=CallbackOutcome.choices)
    content = models.TextField("告知内容", blank=True)
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "回拨记录"
        verbose_name_plural = "回拨记录"
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(call__isnull=False) | models.Q(ticket__isnull=False),
                name="callback_has_subject",
            )
        ]

    def __str__(self) -> str:
        return f"回拨 {self.number} {self.at:%Y-%m-%d %H:%M}"
