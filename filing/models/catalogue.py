from decimal import Decimal

from django.db import models
from simple_history.models import HistoricalRecords

from courthall.models import Province


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
    # 民事诉讼法 art. 122: a suit needs a defendant; special procedures (民特, 民催) have none.
    requires_defendant = models.BooleanField("须有被告（被申请人）", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "案件类型"
        verbose_name_plural = "案件类型"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code}（{self.name}）"


class CauseOfAction(models.Model):
    """案由: from the catalogue of 民事案件案由规定 (or its administrative counterpart); free text is allowed
    on the filing when a cause is missing here."""

    name = models.CharField("案由", max_length=100, unique=True)
    category = models.CharField("案件类别", max_length=20, choices=CaseCategory.choices)
    # Labour disputes and wage claims change the fee (诉讼费用交纳办法 art. 13) and the advance payment.
    fee_kind = models.CharField("诉讼费类别", max_length=20, blank=True, help_text="留空时按案件类型计算。")
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "案由"
        verbose_name_plural = "案由"
        ordering = ["category", "sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class MaterialCondition(models.TextChoices):
    ALWAYS = "always", "均须提交"
    WHEN_AGENT = "agent", "委托代理人时"
    WHEN_ORGANISATION = "organisation", "起诉人为法人或其他组织时"
    WHEN_PERSON = "person", "起诉人为自然人时"


class ChecklistItem(models.Model):
    """One material a filing of a case type must carry (登记立案规定 art. 6), as the clerk ticks it off."""

    case_type = models.ForeignKey(
        CaseType, on_delete=models.CASCADE, related_name="checklist", verbose_name="案件类型"
    )
    name = models.CharField("材料名称", max_length=100)
    description = models.CharField("说明", max_length=300, blank=True)
    condition = models.CharField(
        "何时需要", max_length=20, choices=MaterialCondition.choices, default="always"
    )
    # 登记立案规定 art. 6: the complaint original plus one copy for each defendant and other party.
    copies = models.PositiveSmallIntegerField("基本份数", default=1)
    copies_per_opponent = models.BooleanField("每名被告另加一份", default=False)
    original_required = models.BooleanField("须提交原件", default=False)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "材料清单项"
        verbose_name_plural = "材料清单"
        ordering = ["case_type", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["case_type", "name"], name="checklist_unique_name")]

    def __str__(self) -> str:
        return f"{self.case_type.code}：{self.name}"

    def copies_needed(self, *, opponents: int) -> int:
        return self.copies + (opponents if self.copies_per_opponent else 0)


class FeeSchedule(models.Model):
    """The amounts that 诉讼费用交纳办法 leaves to each province inside a range (DOMAIN.md §5).

    Defaults are the lower bounds; a court's administrator enters the province's own amounts.
    """

    province = models.CharField("省份", max_length=2, choices=Province.choices, unique=True)
    divorce = models.DecimalField(
        "离婚案件（50–300 元）", max_digits=10, decimal_places=2, default=Decimal("50")
    )
    personality_rights = models.DecimalField(
        "侵害人格权案件（100–500 元）", max_digits=10, decimal_places=2, default=Decimal("100")
    )
    other_non_property = models.DecimalField(
        "其他非财产案件（50–100 元）", max_digits=10, decimal_places=2, default=Decimal("50")
    )
    ip_without_amount = models.DecimalField(
        "知识产权案件·无争议金额（500–1000 元）", max_digits=10, decimal_places=2, default=Decimal("500")
    )
    jurisdiction_objection = models.DecimalField(
        "管辖权异议不成立（50–100 元）", max_digits=10, decimal_places=2, default=Decimal("50")
    )
    enforcement_without_amount = models.DecimalField(
        "申请执行·无执行金额（50–500 元）", max_digits=10, decimal_places=2, default=Decimal("50")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "诉讼费地方标准"
        verbose_name_plural = "诉讼费地方标准"
        ordering = ["province"]

    def __str__(self) -> str:
        return f"{self.get_province_display()}诉讼费标准"
