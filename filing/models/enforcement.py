"""The effective judgment an application for enforcement (执) rests on, and the clerk's check of it.

钢城承诺四 (一次办好): the applicant is never asked for a certificate of effectiveness (生效证明); the clerk
checks in the courts' case systems that the judgment took effect and records the result here. The amount to
enforce is the filing's own `amount_in_dispute` (it feeds the fee: 诉讼费用交纳办法 art. 14(1)).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from filing.models.filings import Filing


class InstrumentKind(models.TextChoices):
    """The kinds of 执行依据 (民事诉讼法 arts. 243–249): a court's own instruments first."""

    JUDGMENT = "judgment", "判决书"
    RULING = "ruling", "裁定书"
    MEDIATION = "mediation", "调解书"
    PAYMENT_ORDER = "payment_order", "支付令"
    ARBITRAL_AWARD = "arbitral_award", "仲裁裁决书"
    NOTARIAL_DEED = "notarial_deed", "公证债权文书"


# A court's instruments carry a case number (案号规定, DOMAIN §2); an arbitral award or a notarial deed
# carries the number its own body gives it, in that body's format.
COURT_INSTRUMENTS = frozenset(
    {InstrumentKind.JUDGMENT, InstrumentKind.RULING, InstrumentKind.MEDIATION, InstrumentKind.PAYMENT_ORDER}
)


class Effectiveness(models.TextChoices):
    UNCHECKED = "unchecked", "待核实"
    EFFECTIVE = "effective", "已生效"
    NOT_EFFECTIVE = "not_effective", "未生效"


class CheckSource(models.TextChoices):
    """Where the clerk looked (钢城承诺四: 通过全流程办案平台自行核实文书生效信息)."""

    OWN_SYSTEM = "own_system", "本院审判系统（全流程办案平台）"
    SUPERIOR_SYSTEM = "superior_system", "上级法院审判系统"
    OTHER_COURT = "other_court", "其他法院办案系统"
    ISSUING_BODY = "issuing_body", "向作出机构核实（仲裁机构、公证机构）"
    OTHER = "other", "其他方式（在说明中写明）"


class EnforcementBasis(models.Model):
    """执行依据 of a 执 filing, one per filing, written when the filing is received."""

    filing = models.OneToOneField(
        Filing, on_delete=models.CASCADE, related_name="enforcement_basis", verbose_name="立案申请"
    )
    instrument = models.CharField("文书种类", max_length=20, choices=InstrumentKind.choices)
    # A court's case number as printed (full-width brackets); an award's or deed's number as written on it.
    case_number = models.CharField("执行依据案号（文书编号）", max_length=60)
    issuer = models.CharField("作出法院（机构）", max_length=100)
    effective_on = models.DateField("生效日期（或文书作出日期）")

    effectiveness = models.CharField(
        "生效核实结果", max_length=20, choices=Effectiveness.choices, default=Effectiveness.UNCHECKED
    )
    checked_source = models.CharField("核实途径", max_length=20, choices=CheckSource.choices, blank=True)
    checked_note = models.TextField("核实情况说明", blank=True)
    checked_at = models.DateTimeField("核实时间", null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="核实人",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "执行依据"
        verbose_name_plural = "执行依据"
        indexes = [models.Index(fields=["case_number"])]

    def __str__(self) -> str:
        return f"{self.issuer}{self.case_number}{self.get_instrument_display()}"

    @property
    def confirmed(self) -> bool:
        return self.effectiveness == Effectiveness.EFFECTIVE

    @property
    def is_court_instrument(self) -> bool:
        return self.instrument in COURT_INSTRUMENTS
