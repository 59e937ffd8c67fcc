"""Automatic assignment (自动分案, 钢城承诺 一网办好; 舞钢规范第七条 当天分案): who takes which cases.

A court configures which of its departments take which case types (DepartmentCaseType), each judge's
weight and whether they take new cases (JudgeAssignmentSetting; a judge without one takes cases at
weight 1), and absences (JudgeAbsence). Every assignment, automatic or by a supervisor, is an Assignment
row that records the candidates as they stood, the random seed and the reason: enough to explain it and
to replay it (filing.services.assignment.assignment_replay).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from courthall.models import Department
from filing.models.catalogue import CaseType

DEFAULT_WEIGHT = Decimal("1")


class DepartmentCaseType(models.Model):
    """A department of a court takes new cases of this type. A type may go to several departments (a civil
    division and the people's tribunals): their judges are then candidates together."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="case_types", verbose_name="承办部门"
    )
    case_type = models.ForeignKey(
        CaseType, on_delete=models.PROTECT, related_name="+", verbose_name="案件类型"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "部门承办的案件类型"
        verbose_name_plural = "分案范围（部门承办的案件类型）"
        ordering = ["department", "case_type"]
        constraints = [
            models.UniqueConstraint(fields=["department", "case_type"], name="departmentcasetype_unique")
        ]

    def __str__(self) -> str:
        return f"{self.department.name}：{self.case_type.code}"


class JudgeAssignmentSetting(models.Model):
    """How much of the new work a judge takes. A part-time judge (a division head, a judge also on duty in
    the hall) has a smaller weight: with weight 0.5 they are given half the open cases of a full judge."""

    judge = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignment_setting",
        verbose_name="法官",
    )
    weight = models.DecimalField(
        "分案权重",
        max_digits=4,
        decimal_places=2,
        default=DEFAULT_WEIGHT,
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal("10"))],
        help_text="专职办案为 1；兼顾其他工作的可设为 0.5 等，按比例少分案。",
    )
    takes_new_cases = models.BooleanField(
        "参与分案", default=True, help_text="取消勾选后不再自动分给新案件（已分的案件不变）。"
    )
    note = models.CharField("备注", max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "法官分案设置"
        verbose_name_plural = "法官分案设置"
        ordering = ["judge"]

    def __str__(self) -> str:
        return f"{self.judge}（权重 {self.weight}）"


class AbsenceKind(models.TextChoices):
    LEAVE = "leave", "休假"
    TRAINING = "training", "培训"
    OTHER = "other", "其他"


class JudgeAbsence(models.Model):
    """A judge is away from `starts_on` to `ends_on`, both days included: no new cases on those days."""

    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences", verbose_name="法官"
    )
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    kind = models.CharField("类型", max_length=10, choices=AbsenceKind.choices, default=AbsenceKind.LEAVE)
    note = models.CharField("说明", max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "法官请假、培训"
        verbose_name_plural = "法官请假、培训"
        ordering = ["-starts_on", "judge"]
        indexes = [models.Index(fields=["judge", "starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="judgeabsence_ends_after_start",
                violation_error_message="结束日期不能早于开始日期。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.judge} {self.get_kind_display()} {self.starts_on:%Y-%m-%d}—{self.ends_on:%Y-%m-%d}"


class AssignmentKind(models.TextChoices):
    AUTOMATIC = "automatic", "自动分案"
    MANUAL = "manual", "指定分案"
    REASSIGNMENT = "reassignment", "改分"


class Assignment(models.Model):
    """One assignment of a filing to a judge; append-only: the filing's current judge is the latest.

    `candidates` is the list the choice was made from, as it stood: [{"id", "name", "department_id",
    "open", "weight"}] ordered by id; with `seed`, assignment_replay recomputes the same judge.
    """

    filing = models.ForeignKey(
        "filing.Filing", on_delete=models.CASCADE, related_name="assignments", verbose_name="立案申请"
    )
    kind = models.CharField("方式", max_length=20, choices=AssignmentKind.choices)
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name="承办法官",
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name="承办部门"
    )
    previous_judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="原承办法官",
    )
    at = models.DateTimeField("分案时间")
    # Empty for an automatic assignment (the system chose); the supervisor for one made by hand.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="分案人",
    )
    seed = models.BigIntegerField("随机种子", null=True, blank=True)
    candidates = models.JSONField("候选法官及在办案件数", default=list, blank=True)
    reason = models.TextField("理由", blank=True)
    # When the judge first opened the case after this assignment: until then it is 新 on 我的案件.
    seen_at = models.DateTimeField("法官查看时间", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "分案记录"
        verbose_name_plural = "分案记录"
        ordering = ["filing", "at", "pk"]
        indexes = [models.Index(fields=["judge", "at"])]

    def __str__(self) -> str:
        return f"{self.filing} → {self.judge}（{self.get_kind_display()}）"
