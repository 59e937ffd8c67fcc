from django.conf import settings
from django.db import models

from courthall.models import Court, SmsMessage


class ReminderKind(models.TextChoices):
    REPLY = "reply", "转办答复到期"
    ANSWER = "answer", "回复来电人到期"


class LineReminder(models.Model):
    """One morning's reminder SMS to one person about one clock (hotline.services.routing.reminders_send).

    At most one a person, clock and day (the unique constraint): the morning command may run twice."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+", verbose_name="法院")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="提醒对象"
    )
    kind = models.CharField("提醒事项", max_length=20, choices=ReminderKind.choices)
    on = models.DateField("提醒日期")
    due_count = models.PositiveIntegerField("今日到期件数")
    overdue_count = models.PositiveIntegerField("已超期件数")
    sms = models.ForeignKey(
        SmsMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="短信"
    )
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "热线督办提醒"
        verbose_name_plural = "热线督办提醒"
        ordering = ["-on", "kind", "person"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "on"], name="line_reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()} {self.person}"
