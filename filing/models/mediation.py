"""Pre-filing mediation (诉前调解) of a received filing, its mediator, the parties' consent and extensions.

民事诉讼法 art. 125 (先行调解): a dispute brought to court that suits mediation is mediated first, unless a
party refuses; so mediation starts only with the filer's recorded consent. 钢城承诺六 forbids unjustified
over-time mediation (严禁……无故超期诉前调解): the limit (settings.COURTHALL_MEDIATION_DAYS, 30 days by
default) is stored as `due_on`, extended only with the parties' recorded consent (MediationExtension), and a
mediation past it without an outcome is listed to supervisors as overdue.
"""

from datetime import date

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from courthall.models import Court
from filing.models.filings import Filing


class MediatorKind(models.TextChoices):
    # 特邀调解规定 (法释〔2016〕14号): the court's roster holds mediation organisations and mediators.
    PERSON = "person", "特邀调解员"
    ORGANISATION = "organisation", "特邀调解组织"
    COURT_STAFF = "court_staff", "本院专职调解员"


class Mediator(models.Model):
    """A mediator or mediation organisation on the court's roster (名册), kept by the court's administrator.
    A mediation may also name one typed in at the window; it keeps its own copy of name, kind and contact."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+", verbose_name="法院")
    name = models.CharField("姓名或名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=MediatorKind.choices)
    organisation = models.CharField(
        "所属组织", max_length=100, blank=True, help_text="调解员所在的调解组织。"
    )
    contact = models.CharField("联系方式", max_length=100, blank=True)
    active = models.BooleanField("在册", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "特邀调解名册"
        verbose_name_plural = "特邀调解名册"
        ordering = ["court", "sort_order", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", "当事人在窗口签署书面同意书"
    PORTAL = "portal", "当事人在诉讼服务网点击同意"
    RECORD = "record", "调解笔录记载并经当事人签字"


class MediationOutcome(models.TextChoices):
    SETTLED = "settled", "调解成功"
    WITHDRAWN = "withdrawn", "申请人撤回"
    FAILED = "failed", "调解不成，转立案"
    TIMED_OUT = "timed_out", "调解期满未达成协议，转立案"


class Mediation(models.Model):
    """The pre-filing mediation of one filing: number 民诉前调, mediator, consent, limit and outcome."""

    filing = models.OneToOneField(
        Filing, on_delete=models.PROTECT, related_name="mediation", verbose_name="立案申请"
    )
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+", verbose_name="法院")
    # 案号规定 (DOMAIN §2): 民诉前调 is numbered per court and year like a case: （2026）豫0481民诉前调1号.
    number = models.CharField("诉前调解案号", max_length=40, unique=True)
    year = models.PositiveSmallIntegerField("收案年度")
    sequence = models.PositiveIntegerField("编号")

    mediator = models.ForeignKey(
        Mediator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="名册中的调解人",
    )
    mediator_name = models.CharField("调解员或调解组织", max_length=100)
    mediator_kind = models.CharField("调解人类型", max_length=20, choices=MediatorKind.choices)
    mediator_contact = models.CharField("调解人联系方式", max_length=100, blank=True)

    consent_by = models.CharField("同意调解的当事人", max_length=200)
    consent_method = models.CharField("同意方式", max_length=20, choices=ConsentMethod.choices)
    consent_at = models.DateTimeField("同意时间")
    consent_note = models.CharField("同意情况说明", max_length=300, blank=True)

    started_at = models.DateTimeField("开始调解时间")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="委派人"
    )
    due_on = models.DateField("调解期限届满日")
    # 登记立案规定 art. 8's period is suspended while the dispute is mediated: the days it still had when the
    # mediation started, resumed when a failed mediation goes to registration. Empty: the type has no limit.
    decision_days_left = models.PositiveSmallIntegerField("中止时剩余审查期限（日）", null=True, blank=True)

    outcome = models.CharField("调解结果", max_length=20, choices=MediationOutcome.choices, blank=True)
    outcome_note = models.TextField("情况说明", blank=True)
    ended_at = models.DateTimeField("结束时间", null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="结束登记人",
    )
    agreement_on = models.DateField("调解协议达成日", null=True, blank=True)
    agreement_terms = models.TextField("调解协议内容", blank=True)
    # 民事诉讼法 art. 205: the parties may jointly apply for judicial confirmation of the agreement; the
    # application is a filing of its own (filing.services.mediation.mediation_request_confirmation).
    confirmation_filing = models.OneToOneField(
        Filing,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="confirmed_mediation",
        verbose_name="司法确认申请",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "诉前调解"
        verbose_name_plural = "诉前调解"
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["court", "outcome", "due_on"])]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return not self.outcome

    def is_overdue(self, today: date) -> bool:
        """钢城承诺六 (严禁无故超期诉前调解): past the limit without an outcome."""
        return self.is_open and today > self.due_on

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days


class MediationExtension(models.Model):
    """An extension of the mediation limit, which only the parties' consent allows (委派调解指导意见)."""

    mediation = models.ForeignKey(
        Mediation, on_delete=models.CASCADE, related_name="extensions", verbose_name="诉前调解"
    )
    previous_due_on = models.DateField("原届满日")
    new_due_on = models.DateField("延长后届满日")
    days = models.PositiveSmallIntegerField("延长天数")
    reason = models.CharField("延长理由", max_length=300)
    consent_by = models.CharField("同意延长的当事人", max_length=200)
    consent_method = models.CharField("同意方式", max_length=20, choices=ConsentMethod.choices)
    consent_at = models.DateTimeField("同意时间")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "诉前调解延期"
        verbose_name_plural = "诉前调解延期"
        ordering = ["mediation", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"延长至 {self.new_due_on:%Y-%m-%d}"


class MediationConsent(models.Model):
    """A portal filer's click agreeing to pre-filing mediation (民事诉讼法 art. 125: mediation only with
    the party's consent). The window then starts the mediation with ConsentMethod.PORTAL, which needs this
    record: a consent "given in the portal" is never only the clerk's word."""

    filing = models.OneToOneField(
        Filing, on_delete=models.CASCADE, related_name="mediation_consent", verbose_name="立案申请"
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="同意人账号"
    )
    name = models.CharField("同意人", max_length=100)
    given_at = models.DateTimeField("同意时间")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "网上同意诉前调解"
        verbose_name_plural = "网上同意诉前调解"

    def __str__(self) -> str:
        return f"{self.name} {self.given_at:%Y-%m-%d %H:%M}"
