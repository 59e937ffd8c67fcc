from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from courthall.models import Court, Department


class VisitMatter(models.TextChoices):
    # 舞钢规范第四条 and 钢城承诺一: what one window does for a visitor.
    FILING = "filing", "立案"
    QUERY = "query", "查询"
    CONSULTATION = "consultation", "咨询"
    CONTACT_JUDGE = "contact_judge", "联系法官"
    FEES = "fees", "交退费"
    FILE_REVIEW = "file_review", "阅卷"
    PRESERVATION = "preservation", "保全"
    APPRAISAL = "appraisal", "鉴定"
    COMPLAINT = "complaint", "投诉建议"
    MATERIAL_TRANSFER = "material_transfer", "材料收转"
    OTHER = "other", "其他"


class VisitState(models.TextChoices):
    OPEN = "open", "接待中"
    CLOSED = "closed", "已办结"


class Visit(models.Model):
    """One person at the window, from first contact to an outcome (首接负责制, 舞钢规范第五条、第九条).

    The clerk who opens it is responsible until it is closed; a hand-over moves the responsibility and
    is recorded in VisitHandover.
    """

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="visits", verbose_name="法院")
    visitor_name = models.CharField("来访人姓名", max_length=50)
    visitor_id_number = models.CharField("证件号码", max_length=30, blank=True)
    visitor_phone = models.CharField("联系电话", max_length=20, blank=True)
    matter = models.CharField("来访事项", max_length=20, choices=VisitMatter.choices)
    # 钢城承诺五: elderly, disabled and special-needs visitors are served first.
    priority = models.BooleanField("优先办理", default=False)
    priority_reason = models.CharField("优先原因", max_length=50, blank=True)
    note = models.TextField("情况记录", blank=True)
    state = models.CharField("状态", max_length=10, choices=VisitState.choices, default=VisitState.OPEN)
    opened_at = models.DateTimeField("接待时间", auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="首位接待人"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visits", verbose_name="第一责任人"
    )
    responsible_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="责任部门"
    )
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    outcome = models.TextField("办理结果", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "接待登记"
        verbose_name_plural = "接待登记"
        ordering = ["-priority", "opened_at"]
        indexes = [
            models.Index(fields=["court", "state", "responsible"]),
            # The first-contact panel (filing.selectors.first_contact): visits closed over a period.
            models.Index(fields=["court", "closed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.visitor_name}（{self.get_matter_display()}）"


class VisitHandover(models.Model):
    """A hand-over of a visit to another person or department: to whom, why, and that the party was told
    (舞钢规范第九条：对职责范围以外的事项，及时移交有关部门和人员，并向当事人说明情况)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="handovers", verbose_name="接待")
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="移交人"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="接收人",
    )
    to_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="接收部门"
    )
    reason = models.TextField("移交原因")
    party_informed = models.BooleanField("已向当事人说明", default=False)
    at = models.DateTimeField("移交时间", auto_now_add=True)

    class Meta:
        verbose_name = "接待移交"
        verbose_name_plural = "接待移交"
        ordering = ["at"]
        # The first-contact panel: hand-overs over a period.
        indexes = [models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"移交：{self.reason[:20]}"
