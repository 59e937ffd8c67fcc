from django.db import models
from simple_history.models import HistoricalRecords


class CaseCategory(models.TextChoices):
    CIVIL = "civil", "民事"
    CRIMINAL = "criminal", "刑事"
    ADMINISTRATIVE = "administrative", "行政"
    ENFORCEMENT = "enforcement", "执行"
    PRESERVATION = "preservation", "非诉保全"
    JUDICIAL_AID = "judicial_aid", "司法救助"
    MEDIATION = "mediation", "诉前调解"


class CaseType(models.Model):
    """A case type and its 类型代字 (案号规定), key of the per-(court, year, type) case-number counter."""

    code = models.CharField("类型代字", max_length=10, unique=True, help_text="如“民初”“执恢”。")
    name = models.CharField("案件类型", max_length=50)
    category = models.CharField("案件类别", max_length=20, choices=CaseCategory.choices)
    # 登记立案规定 art. 8: the days a court has to decide on a filing it could not decide on the spot
    # (7 civil and administrative, 15 private prosecution, 30 third-party revocation). Empty: no such limit.
    decision_days = models.PositiveSmallIntegerField("立案审查期限（日）", null=True, blank=True)
    accepts_filings = models.BooleanField("可登记立案", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "案件类型"
        verbose_name_plural = "案件类型"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code}（{self.name}）"
