from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from courthall.models import Court, Department


class TicketKind(models.TextChoices):
    # DOMAIN.md §7: the categories in use nationally, plus material transfers and 其他.
    CONSULTATION = "consultation", "咨询"
    QUERY = "query", "查询"
    CONTACT_JUDGE = "contact_judge", "联系法官"
    APPOINTMENT = "appointment", "预约"
    MATERIAL_TRANSFER = "material_transfer", "材料收转"
    COMPLAINT = "complaint", "投诉"
    SUGGESTION = "suggestion", "建议"
    REPORT = "report", "举报"
    PETITION = "petition", "涉诉信访"
    OTHER = "other", "其他"


class TicketChannel(models.TextChoices):
    PHONE = "phone", "12368 电话"
    COUNTER = "counter", "窗口"
    PORTAL = "portal", "网上留言"


class AppointmentKind(models.TextChoices):
    FILE_REVIEW = "file_review", "阅卷"
    MEET_JUDGE = "meet_judge", "约见法官"
    OTHER = "other", "其他"


class TicketState(models.TextChoices):
    # 收、转、办、督、复、评 (DOMAIN.md §7).
    OPEN = "open", "办理中"
    WITH_DUTY_JUDGE = "with_duty_judge", "待值班法官答复"
    TRANSFERRED = "transferred", "已转办待答复"
    REPLIED = "replied", "待回复来电人"
    CLOSED = "closed", "已办结"


class TicketOutcome(models.TextChoices):
    ON_THE_SPOT = "on_the_spot", "当场答复"
    CALLED_BACK = "called_back", "回复来电人"
    REFERRED_TO_LAWYER = "referred_to_lawyer", "实体问题，建议咨询律师"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


TICKET_STATE_BADGES = {
    TicketState.OPEN: "text-bg-primary",
    TicketState.WITH_DUTY_JUDGE: "text-bg-info",
    TicketState.TRANSFERRED: "text-bg-warning",
    TicketState.REPLIED: "text-bg-danger",
    TicketState.CLOSED: "text-bg-success",
}


class Ticket(ConcurrentTransitionMixin, models.Model):
    """One request to the service hall, whatever the channel (工单): from taking it to one complete answer.

    The person who takes it stays its first-responsible person (舞钢规范第九条 首问负责) through transfers.
    Its clocks are computed by courthall.deadlines and stored here (DESIGN decision 4): `transfer_due_on`
    (seed 002: contact-the-judge, complaints and suggestions transferred the same working day),
    `reply_due_on` (the receiver's reply), `answer_due_on` (the caller told once the reply is in).
    Transitions only change fields; hotline.services does the rest.
    """

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="tickets", verbose_name="法院")
    kind = models.CharField("类别", max_length=20, choices=TicketKind.choices)
    appointment_kind = models.CharField(
        "预约事项", max_length=20, choices=AppointmentKind.choices, blank=True
    )
    channel = models.CharField("渠道", max_length=20, choices=TicketChannel.choices)
    state = FSMField("状态", default=TicketState.OPEN, choices=TicketState.choices, protected=True)

    caller_name = models.CharField("来电（来访）人", max_length=50, blank=True)
    caller_number = models.CharField("联系电话", max_length=30, blank=True)
    subject = models.CharField("事项摘要", max_length=200)
    request_text = models.TextField("诉求内容", blank=True)

    # Where it came from: the call it was taken on, the counter visit that opened it.
    call = models.ForeignKey(
        "hotline.Call",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="来电",
    )
    visit = models.ForeignKey(
        "filing.Visit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name="窗口接待",
    )
    # The case it concerns, once the caller was identified as its party or agent (hotline case queries).
    filing = models.ForeignKey(
        "filing.Filing",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name="所涉案件",
    )

    opened_at = models.DateTimeField("受理时间")
    opened_on = models.DateField("受理日期")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="受理人"
    )
    # Empty only for a portal message nobody has taken yet: it waits in the line's queue until an agent
    # takes it (hotline.services.tickets.ticket_take) and becomes its first-responsible person.
    first_responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name="首问负责人",
    )

    # --- clocks (courthall.deadlines; DOMAIN.md §7) --------------------------------------------------
    transfer_due_on = models.DateField("转交期限", null=True, blank=True)
    transferred_at = models.DateTimeField("转交时间", null=True, blank=True)
    reply_due_on = models.DateField("答复期限", null=True, blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    answer_due_on = models.DateField("回复来电人期限", null=True, blank=True)

    # --- the one complete answer ---------------------------------------------------------------------
    outcome = models.CharField("办结方式", max_length=30, choices=TicketOutcome.choices, blank=True)
    answer = models.TextField("告知来电人的答复", blank=True)
    knowledge_answer = models.ForeignKey(
        "hotline.KnowledgeAnswer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="所用知识库答复",
    )
    answered_at = models.DateTimeField("答复来电人时间", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="答复人",
    )
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)

    # --- 评: the satisfaction follow-up --------------------------------------------------------------
    satisfaction = models.CharField("满意度", max_length=20, choices=Satisfaction.choices, blank=True)
    satisfaction_at = models.DateTimeField("回访时间", null=True, blank=True)
    satisfaction_note = models.TextField("回访记录", blank=True)

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "工单"
        verbose_name_plural = "工单"
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["court", "state", "opened_at"]),
            models.Index(fields=["court", "opened_on"]),
            models.Index(fields=["first_responsible", "state", "opened_at"]),
            # The workbench's queue and its count: the agent's open tickets, not their years of closed ones.
            models.Index(
                fields=["first_responsible", "opened_at"],
                condition=~models.Q(state="closed"),
                name="ticket_open_by_responsible",
            ),
            models.Index(fields=["court", "caller_number", "opened_at"]),
            models.Index(
                fields=["court", "transfer_due_on"],
                condition=models.Q(state="open", transfer_due_on__isnull=False),
                name="ticket_transfer_clock",
            ),
            models.Index(
                fields=["court", "reply_due_on"],
                condition=models.Q(state__in=["transferred", "with_duty_judge"]),
                name="ticket_reply_clock",
            ),
            models.Index(
                fields=["court", "answer_due_on"],
                condition=models.Q(state="replied"),
                name="ticket_answer_clock",
            ),
            # The week's page counts the tickets closed this week (issue 7), not every closed one.
            models.Index(
                fields=["court", "closed_at"],
                condition=models.Q(state="closed"),
                name="ticket_closed_at",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        """The number read to the caller: year and sequence, e.g. 2026-000123."""
        return f"{self.opened_at:%Y}-{self.pk:06d}" if self.pk else "（未保存）"

    @property
    def state_badge_class(self) -> str:
        return TICKET_STATE_BADGES.get(self.state, "text-bg-secondary")

    # --- transitions: fields only; hotline.services does the rest -------------------------------------

    @transition(field=state, source=TicketState.OPEN, target=TicketState.CLOSED)
    def answer_on_the_spot(self) -> None:
        self.outcome = TicketOutcome.ON_THE_SPOT

    @transition(field=state, source=TicketState.OPEN, target=TicketState.CLOSED)
    def refer_to_lawyer(self) -> None:
        # 舞钢规范第十一条: substantive legal questions on a specific case are not answered on the line.
        self.outcome = TicketOutcome.REFERRED_TO_LAWYER

    @transition(field=state, source=TicketState.OPEN, target=TicketState.WITH_DUTY_JUDGE)
    def ask_duty_judge(self) -> None:
        pass

    @transition(field=state, source=[TicketState.OPEN, TicketState.REPLIED], target=TicketState.TRANSFERRED)
    def transfer(self) -> None:
        pass

    @transition(
        field=state, source=[TicketState.WITH_DUTY_JUDGE, TicketState.TRANSFERRED], target=TicketState.REPLIED
    )
    def receive_reply(self) -> None:
        pass

    # A ticket not answered on the spot: closed once the caller has been given the answer (a callback).
    @transition(field=state, source=[TicketState.OPEN, TicketState.REPLIED], target=TicketState.CLOSED)
    def answer_by_callback(self) -> None:
        self.outcome = TicketOutcome.CALLED_BACK


class TicketEvent(models.Model):
    """Append-only timeline of a ticket: who did what, when, why (DESIGN decision 2)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events", verbose_name="工单")
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="操作人"
    )
    action = models.CharField("操作", max_length=40)
    summary = models.TextField("说明", blank=True)
    data = models.JSONField("数据", default=dict, blank=True)

    class Meta:
        verbose_name = "工单流转记录"
        verbose_name_plural = "工单流转记录"
        ordering = ["ticket", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class TransferKind(models.TextChoices):
    TRANSFER = "transfer", "转办"
    DUTY_JUDGE = "duty_judge", "提请值班法官"


class Transfer(models.Model):
    """A ticket sent to a judge or a department to handle (转办), or a question put to the duty judge of the
    day. The receiver replies here; the first-responsible person then answers the caller."""

    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="transfers", verbose_name="工单"
    )
    kind = models.CharField("方式", max_length=20, choices=TransferKind.choices)
    at = models.DateTimeField("转交时间")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="转交人"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hotline_transfers",
        verbose_name="接收人",
    )
    to_department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hotline_transfers",
        verbose_name="接收部门",
    )
    note = models.TextField("转交说明")
    reply_due_on = models.DateField("答复期限")
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="答复人",
    )
    reply = models.TextField("答复内容", blank=True)

    # --- routing (issue 6, part ROUTING) ------------------------------------------------------------
    # 预约 (阅卷 and others): the time the receiver arranged, given with the reply.
    arranged_at = models.DateTimeField("约定时间", null=True, blank=True)
    # 材料收转: what the caller handed in for the judge, as the receipt lists it (name, copies, pages,
    # original), and the receipt issued (notices, kind transfer_receipt).
    materials = models.JSONField("转交材料", default=list, blank=True)
    receipt = models.ForeignKey(
        "notices.Notice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="材料收转回执",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "转办"
        verbose_name_plural = "转办"
        ordering = ["ticket", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(to_user__isnull=False) | models.Q(to_department__isnull=False),
                name="transfer_has_receiver",
            )
        ]
        indexes = [
            models.Index(
                fields=["to_user", "reply_due_on"],
                condition=models.Q(replied_at__isnull=True),
                name="transfer_open_by_user",
            ),
            models.Index(
                fields=["to_department", "reply_due_on"],
                condition=models.Q(replied_at__isnull=True),
                name="transfer_open_by_department",
            ),
            # --- overview panel (issue 7, part hotline_panel): the transfers sent in a period ---
            models.Index(fields=["at"], name="transfer_sent_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.ticket}"


class CaseQueryResult(models.TextChoices):
    IDENTIFIED = "identified", "身份核实，已告知案件信息"
    REFUSED = "refused", "未能核实身份，未告知"


class CaseQuery(models.Model):
    """One attempt to query a case on a ticket: the case number and the identity given, and whether the
    caller was identified as a party or agent of that case. Kept for every attempt, refused ones included."""

    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="case_queries", verbose_name="工单"
    )
    case_number = models.CharField("案号", max_length=40)
    name = models.CharField("来电人自报姓名", max_length=100)
    id_number = models.CharField("来电人证件号码", max_length=40)
    result = models.CharField("结果", max_length=20, choices=CaseQueryResult.choices)
    reason = models.TextField("未能告知的原因", blank=True)
    filing = models.ForeignKey(
        "filing.Filing",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="案件",
    )
    at = models.DateTimeField("查询时间", auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="查询人"
    )

    class Meta:
        verbose_name = "案件查询"
        verbose_name_plural = "案件查询"
        ordering = ["ticket", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_number} {self.get_result_display()}"
