from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from courthall.models import Court


class KnowledgeTopic(models.TextChoices):
    # 舞钢规范第十一条: the procedural questions the line answers itself.
    FILING_CONDITIONS = "filing_conditions", "立案条件与材料"
    JURISDICTION = "jurisdiction", "管辖"
    FEES = "fees", "诉讼费用"
    FEE_RELIEF = "fee_relief", "诉讼费缓减免"
    PROCEDURE = "procedure", "诉讼程序"
    SERVICES = "services", "诉讼服务事项"
    OTHER = "other", "其他"


class KnowledgeAnswer(models.Model):
    """An approved answer to a procedural question, kept by the court's administrators. Agents read it out
    and the ticket records which answer, in which words, was given. `court` empty: shared by every court."""

    court = models.ForeignKey(
        Court,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="knowledge_answers",
        verbose_name="法院",
        help_text="留空表示各法院通用。",
    )
    topic = models.CharField("主题", max_length=30, choices=KnowledgeTopic.choices)
    question = models.CharField("问题", max_length=200)
    keywords = models.CharField("检索关键词", max_length=200, blank=True, help_text="以空格分隔。")
    answer = models.TextField("答复口径")
    basis = models.CharField("依据", max_length=300, blank=True)
    active = models.BooleanField("在用", default=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审定人",
    )
    approved_on = models.DateField("审定日期", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "答复口径"
        verbose_name_plural = "知识库（答复口径）"
        ordering = ["topic", "question"]

    def __str__(self) -> str:
        return self.question
