from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from courthall.models import Court


class ShiftDuty(models.TextChoices):
    AGENT = "agent", "热线坐席"
    DUTY_JUDGE = "duty_judge", "值班法官"


class LineShift(models.Model):
    """Who is on the line when (舞钢规范第十条: people wait for calls, not calls for people): agents' shifts,
    which the staffing chart sets beside the agents needed, and the duty judge of the day."""

    court = models.ForeignKey(
        Court, on_delete=models.PROTECT, related_name="line_shifts", verbose_name="法院"
    )
    duty = models.CharField("岗位", max_length=20, choices=ShiftDuty.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="line_shifts", verbose_name="人员"
    )
    on = models.DateField("日期")
    starts_at = models.TimeField("开始时间")
    ends_at = models.TimeField("结束时间")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "热线排班"
        verbose_name_plural = "热线排班"
        ordering = ["on", "starts_at", "duty"]
        indexes = [models.Index(fields=["court", "duty", "on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_duty_display()} {self.person}"
