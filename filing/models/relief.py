"""Fee relief (司法救助: 缓交、减交、免交) under 《诉讼费用交纳办法》 arts. 44–51.

A party applies when filing, with the ground the Measures name and proof of hardship (art. 48); a
supervisor grants or refuses it, in writing either way (art. 48: a refusal states its reasons). While an
application is pending the payment limit does not run (filing.services.payment_limit).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from filing.models.filings import Filing, Party

# 诉讼费用交纳办法 art. 46 last paragraph: 减交比例不得低于30%.
MIN_REDUCTION_PERCENT = Decimal(30)


class ReliefKind(models.TextChoices):
    DEFER = "defer", "缓交"
    REDUCE = "reduce", "减交"
    WAIVE = "waive", "免交"


class ReliefGround(models.TextChoices):
    """The grounds of arts. 45 (免交), 46 (减交) and 47 (缓交), as the Measures word them."""

    # art. 45: 应当准予免交
    W1 = "45_1", "残疾人无固定生活来源的（第四十五条第（一）项）"
    W2 = "45_2", "追索赡养费、扶养费、抚育费、抚恤金的（第四十五条第（二）项）"
    W3 = (
        "45_3",
        (
            "最低生活保障对象、农村特困定期救济对象、农村五保供养对象或者领取失业保险金人员，无其他收入的"
            "（第四十五条第（三）项）"
        ),
    )
    W4 = (
        "45_4",
        (
            "因见义勇为或者为保护社会公共利益致使自身合法权益受到损害，本人或者其近亲属请求赔偿或者补偿的"
            "（第四十五条第（四）项）"
        ),
    )
    W5 = "45_5", "确实需要免交的其他情形（第四十五条第（五）项）"
    # art. 46: 应当准予减交
    R1 = (
        "46_1",
        (
            "因自然灾害等不可抗力造成生活困难，正在接受社会救济，或者家庭生产经营难以为继的（第四十六条第（一）项）"
        ),
    )
    R2 = "46_2", "属于国家规定的优抚、安置对象的（第四十六条第（二）项）"
    R3 = "46_3", "社会福利机构和救助管理站（第四十六条第（三）项）"
    R4 = "46_4", "确实需要减交的其他情形（第四十六条第（四）项）"
    # art. 47: 应当准予缓交
    D1 = "47_1", "追索社会保险金、经济补偿金的（第四十七条第（一）项）"
    D2 = (
        "47_2",
        (
            "海上事故、交通事故、医疗事故、工伤事故、产品质量事故或者其他人身伤害事故的受害人请求赔偿的"
            "（第四十七条第（二）项）"
        ),
    )
    D3 = "47_3", "正在接受有关部门法律援助的（第四十七条第（三）项）"
    D4 = "47_4", "确实需要缓交的其他情形（第四十七条第（四）项）"


# Which article's grounds support which relief.
GROUND_ARTICLE = {ReliefKind.WAIVE: "45", ReliefKind.REDUCE: "46", ReliefKind.DEFER: "47"}


def grounds_for(kind: str) -> list[tuple[str, str]]:
    article = GROUND_ARTICLE.get(kind)
    return [(value, label) for value, label in ReliefGround.choices if value.split("_")[0] == article]


def ground_citation(ground: str) -> str:
    """45_3 → 《诉讼费用交纳办法》第四十五条第（三）项 (as the decision prints it)."""
    label = ReliefGround(ground).label
    return "《诉讼费用交纳办法》" + label[label.rindex("（第") + 1 : -1]


class ReliefState(models.TextChoices):
    APPLIED = "applied", "待审批"
    GRANTED = "granted", "已准予"
    REFUSED = "refused", "不予批准"


class FeeRelief(ConcurrentTransitionMixin, models.Model):
    """One party's application for fee relief on one filing, and the supervisor's decision on it."""

    filing = models.ForeignKey(
        Filing, on_delete=models.PROTECT, related_name="fee_reliefs", verbose_name="立案申请"
    )
    applicant = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="fee_reliefs", verbose_name="申请人"
    )
    kind = models.CharField("救助方式", max_length=10, choices=ReliefKind.choices)
    ground = models.CharField("申请理由", max_length=10, choices=ReliefGround.choices)
    statement = models.TextField("经济困难情况说明")
    # art. 48: 足以证明其确有经济困难的证明材料. At the counter the clerk lists the paper handed in; through
    # the portal the filer uploads a file (Django's storage API, like every upload: DESIGN decision 7).
    proof = models.CharField("证明材料", max_length=300)
    proof_file = models.FileField("证明材料文件", upload_to="relief/%Y/%m/", blank=True)
    state = FSMField("状态", default=ReliefState.APPLIED, choices=ReliefState.choices, protected=True)
    applied_at = models.DateTimeField("申请时间")
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )

    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审批人",
    )
    percentage = models.DecimalField("减交比例（%）", max_digits=5, decimal_places=2, null=True, blank=True)
    deferred_to = models.DateField("缓交至", null=True, blank=True)
    refusal_reasons = models.TextField("不予批准理由", blank=True)
    fee_before = models.DecimalField(
        "救助前应交（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    fee_after = models.DecimalField(
        "救助后应交（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    notice = models.ForeignKey(
        "notices.Notice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="决定文书",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "司法救助申请"
        verbose_name_plural = "司法救助申请"
        ordering = ["filing", "applied_at", "pk"]
        constraints = [
            # One open application per filing: the limit is paused by it, and decided once.
            models.UniqueConstraint(
                fields=["filing"], condition=models.Q(state="applied"), name="fee_relief_one_pending"
            ),
        ]

    def __str__(self) -> str:
        return f"申请{self.get_kind_display()}（{self.get_state_display()}）"

    @property
    def ground_citation(self) -> str:
        return ground_citation(self.ground)

    @transition(field=state, source=ReliefState.APPLIED, target=ReliefState.GRANTED)
    def grant(self) -> None:
        pass

    @transition(field=state, source=ReliefState.APPLIED, target=ReliefState.REFUSED)
    def refuse(self) -> None:
        pass
