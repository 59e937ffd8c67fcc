"""Court fees (诉讼费用) under 《诉讼费用交纳办法》 (国务院令第481号, "the Measures"), DOMAIN.md §5.

The public calculator, filing registration and the hotline all call `compute_fee`; filing registration
finds the kind with `fee_kind_for_case_type`. Articles cited in comments are articles of the Measures.

Money is `Decimal` from end to end. The Measures fix no rounding, so nothing is rounded on the way: the
exact total is quantized once, to 0.01 yuan, ROUND_HALF_UP. The explanation lines keep their exact values
(they add up to the exact total); show them with `format_yuan`.

Halving (arts. 15, 16, 18) applies to acceptance fees (案件受理费) only, never to application fees (申请费).
Whether two grounds (say simplified procedure, then mediation) halve twice is unverified (DOMAIN.md §5):
by default a fee is halved once however many grounds apply; the setting COURTHALL_FEE_HALVE_TWICE=True
halves it again for each further ground. The setting is read on every call.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings

from courthall.models import Province
from filing.models import FeeSchedule

ACT = "《诉讼费用交纳办法》"

# The kinds of fee, in the order a party looks for them. Acceptance fees (art. 13) first, then the
# application fees (art. 14).
FEE_KINDS: dict[str, str] = {
    "property": "财产案件",
    "divorce": "离婚案件",
    "personality": "侵害人格权案件",
    "non_property": "其他非财产案件",
    "ip": "知识产权民事案件",
    "labour": "劳动争议案件",
    "admin_special": "商标、专利、海事行政案件",
    "admin_other": "其他行政案件",
    "enforcement": "申请执行",
    "preservation": "申请保全",
    "payment_order": "申请支付令",
    "public_summons": "申请公示催告",
    "arbitration": "申请撤销仲裁裁决或认定仲裁协议效力",
    "bankruptcy": "破产案件",
}
ACCEPTANCE_FEE_KINDS = frozenset(
    ["property", "divorce", "personality", "non_property", "ip", "labour", "admin_special", "admin_other"]
)

SOURCES = {
    "property": "第十三条第（一）项",
    "divorce": "第十三条第（二）项第1目",
    "personality": "第十三条第（二）项第2目",
    "non_property": "第十三条第（二）项第3目",
    "ip": "第十三条第（三）项",
    "labour": "第十三条第（四）项",
    "admin_special": "第十三条第（五）项第1目",
    "admin_other": "第十三条第（五）项第2目",
    "jurisdiction_objection": "第十三条第（六）项",
    "enforcement": "第十四条第（一）项",
    "preservation": "第十四条第（二）项",
    "payment_order": "第十四条第（三）项",
    "public_summons": "第十四条第（四）项",
    "arbitration": "第十四条第（五）项",
    "bankruptcy": "第十四条第（六）项",
}

# Art. 13 last paragraph (and art. 14(1)1 for enforcement): the amounts each province fixes inside a
# range, by FeeSchedule field: (lowest, highest, article).
PROVINCE_AMOUNT_RANGES: dict[str, tuple[Decimal, Decimal, str]] = {
    "divorce": (Decimal(50), Decimal(300), "第十三条第（二）项"),
    "personality_rights": (Decimal(100), Decimal(500), "第十三条第（二）项"),
    "other_non_property": (Decimal(50), Decimal(100), "第十三条第（二）项"),
    "ip_without_amount": (Decimal(500), Decimal(1000), "第十三条第（三）项"),
    "jurisdiction_objection": (Decimal(50), Decimal(100), "第十三条第（六）项"),
    "enforcement_without_amount": (Decimal(50), Decimal(500), "第十四条第（一）项"),
}

# Input errors. `{field}` is the name of the amount as the kind calls it (执行金额, 破产财产总额 …).
UNKNOWN_KIND = "未知的诉讼费类别“{kind}”，请从列表中选择。"
UNKNOWN_PROVINCE = "未知的省份“{province}”，请从列表中选择。"
NOT_A_NUMBER = "{field}须为数字（单位：元），如 150000 或 150000.50。"
NEGATIVE_AMOUNT = "{field}不能为负数。"
AMOUNT_TOO_LARGE = "{field}超过 10 万亿元，请核对是否多输入了数字。"
AMOUNT_REQUIRED = "{kind}须填写{field}。"
AMOUNT_NOT_USED = "{kind}不按{field}计算，请清空该项。"
AMOUNT_IGNORED = "{kind}按件交纳，与金额无关。"
NO_HALVING = "{kind}交纳的是申请费，不适用减半交纳（第十五条、第十六条、第十八条只适用于案件受理费）。"
WAGE_CLAIM_KIND = "可以不预交的是追索劳动报酬案件的案件受理费（第二十条），请选择“财产案件”或“劳动争议案件”。"
OUT_OF_RANGE = "{label}须在 {low} 至 {high} 元之间（{act}{article}）。"

# Notes on the result.
ENFORCEMENT_PAID_AFTER = "申请执行费不由申请人预交，执行后交纳（第二十条）。"
BANKRUPTCY_PAID_AFTER = "破产申请费不由申请人预交，清算后交纳（第二十条）。"
WAGE_CLAIM_NO_ADVANCE = "追索劳动报酬的案件可以不预交案件受理费（第二十条）；费用由谁负担在裁判文书中确定。"
HALVED_ONCE = "同时具有多项减半事由的，本计算只减半一次（是否叠加减半尚无定论）。"

MAX_AMOUNT = Decimal(10) ** 13
CENT = Decimal("0.01")

AMOUNT_LABEL = "金额"
PROPERTY_AMOUNT_LABEL = "分割财产总额"
DAMAGES_LABEL = "损害赔偿金额"
# The inputs each kind uses, by the name it gives them, and which of them it cannot do without.
KIND_INPUTS: dict[str, dict[str, str]] = {
    "property": {"amount": "诉讼请求金额"},
    "divorce": {"property_amount": PROPERTY_AMOUNT_LABEL},
    "personality": {"damages": DAMAGES_LABEL},
    "ip": {"amount": "争议金额"},
    "enforcement": {"amount": "执行金额"},
    "preservation": {"amount": "保全财产数额"},
    "payment_order": {"amount": "请求给付金额"},
    "bankruptcy": {"amount": "破产财产总额"},
}
REQUIRED_AMOUNT_KINDS = frozenset(["property", "payment_order", "bankruptcy"])
GENERIC_INPUT_LABELS = {
    "amount": AMOUNT_LABEL,
    "property_amount": PROPERTY_AMOUNT_LABEL,
    "damages": DAMAGES_LABEL,
}

Band = tuple[Decimal | None, Decimal]  # (upper bound of the band, None for "all above"; rate)

# Art. 13(1): above 10,000 yuan, each part of the amount at its own rate.
PROPERTY_FLAT, PROPERTY_FLAT_UP_TO = Decimal(50), Decimal(10_000)
PROPERTY_BANDS: tuple[Band, ...] = (
    (Decimal(100_000), Decimal("0.025")),
    (Decimal(200_000), Decimal("0.02")),
    (Decimal(500_000), Decimal("0.015")),
    (Decimal(1_000_000), Decimal("0.01")),
    (Decimal(2_000_000), Decimal("0.009")),
    (Decimal(5_000_000), Decimal("0.008")),
    (Decimal(10_000_000), Decimal("0.007")),
    (Decimal(20_000_000), Decimal("0.006")),
    (None, Decimal("0.005")),
)
# Art. 13(2)1: property to divide up to 200,000 costs nothing more.
DIVORCE_FREE_UP_TO = Decimal(200_000)
DIVORCE_BANDS: tuple[Band, ...] = ((None, Decimal("0.005")),)
# Art. 13(2)2: damages up to 50,000 cost nothing more.
PERSONALITY_FREE_UP_TO = Decimal(50_000)
PERSONALITY_BANDS: tuple[Band, ...] = ((Decimal(100_000), Decimal("0.01")), (None, Decimal("0.005")))
LABOUR_FEE = Decimal(10)  # art. 13(4)
ADMIN_SPECIAL_FEE = Decimal(100)  # art. 13(5)1
ADMIN_OTHER_FEE = Decimal(50)  # art. 13(5)2
# Art. 14(1)2.
ENFORCEMENT_FLAT, ENFORCEMENT_FLAT_UP_TO = Decimal(50), Decimal(10_000)
ENFORCEMENT_BANDS: tuple[Band, ...] = (
    (Decimal(500_000), Decimal("0.015")),
    (Decimal(5_000_000), Decimal("0.01")),
    (Decimal(10_000_000), Decimal("0.005")),
    (None, Decimal("0.001")),
)
# Art. 14(2): on the property actually preserved; 30 yuan when none is named.
PRESERVATION_FLAT, PRESERVATION_FLAT_UP_TO = Decimal(30), Decimal(1_000)
PRESERVATION_BANDS: tuple[Band, ...] = ((Decimal(100_000), Decimal("0.01")), (None, Decimal("0.005")))
PRESERVATION_CAP = Decimal(5_000)
PUBLIC_SUMMONS_FEE = Decimal(100)  # art. 14(4)
ARBITRATION_FEE = Decimal(400)  # art. 14(5)
BANKRUPTCY_CAP = Decimal(300_000)  # art. 14(6)

# Arts. 15, 16, 18, in the order they are shown.
HALVING_GROUNDS = (
    ("simplified", "适用简易程序审理", "第十六条"),
    ("mediated_or_withdrawn", "以调解方式结案或者申请撤诉", "第十五条"),
    ("counterclaim", "反诉或有独立请求权的第三人的请求合并审理", "第十八条"),
)

Line = tuple[str, Decimal]


class FeeInputError(ValueError):
    """Input compute_fee cannot use. `field` names the argument at fault (None: the whole request)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class FeeResult:
    """A fee and how it was reached.

    `total` is rounded to 0.01 yuan; `lines` are the exact steps (label, amount; reductions negative) and
    add up to the unrounded total. `paid_after`: not advanced by the applicant but paid after enforcement
    or liquidation (art. 20). `no_advance`: a wage claim, which may be filed without advancing the fee
    (art. 20); the fee is still owed. `source` names the articles applied.
    """

    kind: str
    total: Decimal
    lines: list[Line]
    paid_after: bool
    note: str
    source: str = ""
    no_advance: bool = False


def format_yuan(value: Decimal) -> str:
    """ "3,300.00": rounded half up to the fen, with thousands separators."""
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def fee_schedule_for(province: str) -> FeeSchedule:
    """The province's FeeSchedule; an unsaved one with the legal lower bounds if it has none yet."""
    if province not in Province.values:
        raise FeeInputError(UNKNOWN_PROVINCE.format(province=province), field="province")
    return FeeSchedule.objects.filter(province=province).first() or FeeSchedule(province=province)


def fee_kind_for_case_type(case_type_code: str, *, has_amount: bool) -> str | None:
    """The fee kind for a filing of this case type (fixtures/case_types.json), None when it pays no fee.

    A civil suit's kind depends on whether it claims an amount; divorce, personality rights, IP and
    labour cases are told apart by the cause of action (CauseOfAction.fee_kind), not here.
    """
    match case_type_code:
        # 民撤: a third-party revocation suit is a suit like any other and pays under art. 13.
        case "民初" | "民撤":
            return "property" if has_amount else "non_property"
        case "民督":
            return "payment_order"
        case "民催":
            return "public_summons"
        case "财保":
            return "preservation"
        case "执" | "执恢":
            return "enforcement"
        case "行初":
            # Trademark, patent and maritime cases (admin_special) are told apart by the cause of action.
            return "admin_other"
        case _:
            # Art. 8: special procedure (民特, 诉前调确) pays nothing; the Measures charge no criminal case
            # (刑初: private prosecution); mediation, fee relief and enforcement objections pay nothing.
            return None


def compute_fee(
    kind: str,
    *,
    province: str,
    amount: Decimal | None = None,
    property_amount: Decimal | None = None,
    damages: Decimal | None = None,
    simplified: bool = False,
    mediated_or_withdrawn: bool = False,
    counterclaim: bool = False,
    wage_claim: bool = False,
) -> FeeResult:
    """The fee for one case or application of `kind` (a FEE_KINDS code) in `province` (a Province code).

    `amount` is the amount claimed, to enforce, to preserve, or the bankrupt estate; `property_amount` the
    property a divorce divides; `damages` the damages claimed for a personality right. Reads the
    province's FeeSchedule (one query, only for kinds with a province amount). Raises FeeInputError (a
    ValueError) with a Chinese message for input it cannot use; it never guesses.
    """
    if kind not in FEE_KINDS:
        raise FeeInputError(UNKNOWN_KIND.format(kind=kind), field="kind")
    if province not in Province.values:
        raise FeeInputError(UNKNOWN_PROVINCE.format(province=province), field="province")
    label = FEE_KINDS[kind]
    inputs = KIND_INPUTS.get(kind, {})
    given = {}
    for name, value in (("amount", amount), ("property_amount", property_amount), ("damages", damages)):
        if value is not None:
            given[name] = _checked_amount(
                value, field=name, label=inputs.get(name, GENERIC_INPUT_LABELS[name])
            )
    notes = []
    if not inputs and given:
        # A fee per case whatever the amount (labour disputes, public summons …): the amount a filing
        # records is no error, it just does not count.
        notes.append(AMOUNT_IGNORED.format(kind=label))
        given = {}
    for name in given:
        if name not in inputs:
            # The kind counts another amount: the number is likely in the wrong box, and the fee would be.
            raise FeeInputError(
                AMOUNT_NOT_USED.format(kind=label, field=GENERIC_INPUT_LABELS[name]), field=name
            )
    if kind in REQUIRED_AMOUNT_KINDS and "amount" not in given:
        raise FeeInputError(AMOUNT_REQUIRED.format(kind=label, field=inputs["amount"]), field="amount")
    grounds = {
        "simplified": simplified,
        "mediated_or_withdrawn": mediated_or_withdrawn,
        "counterclaim": counterclaim,
    }
    if kind not in ACCEPTANCE_FEE_KINDS:
        for name, applies in grounds.items():
            if applies:
                raise FeeInputError(NO_HALVING.format(kind=label), field=name)
    if wage_claim and kind not in ("property", "labour"):
        raise FeeInputError(WAGE_CLAIM_KIND, field="wage_claim")

    lines, base_notes = _base_lines(kind, province, **given)
    notes.extend(base_notes)
    articles = [SOURCES[kind]]
    applying = [(text, article) for name, text, article in HALVING_GROUNDS if grounds[name]]
    if applying:
        halve_twice = getattr(settings, "COURTHALL_FEE_HALVE_TWICE", False)
        steps = applying if halve_twice else [applying[0]]
        for text, article in steps:
            lines.append((f"减半交纳：{text}（{article}）", -sum(value for _, value in lines) / 2))
        if not halve_twice and len(applying) > 1:
            notes.append(HALVED_ONCE)
        articles.extend(article for _, article in applying)
    if wage_claim:
        notes.append(WAGE_CLAIM_NO_ADVANCE)
        articles.append("第二十条")
    paid_after = kind in ("enforcement", "bankruptcy")
    if paid_after:
        articles.append("第二十条")
    total = sum((value for _, value in lines), Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP)
    return FeeResult(
        kind=kind,
        total=total,
        lines=lines,
        paid_after=paid_after,
        note="".join(notes),
        source=ACT + "、".join(articles),
        no_advance=wage_claim,
    )


def jurisdiction_objection_fee(*, province: str) -> FeeResult:
    """The fee a party pays when their objection to jurisdiction fails (art. 13(6)): charged when the
    ruling is made, not on filing, so it is not among FEE_KINDS."""
    amount = fee_schedule_for(province).jurisdiction_objection
    return FeeResult(
        kind="jurisdiction_objection",
        total=amount.quantize(CENT, rounding=ROUND_HALF_UP),
        lines=[(f"管辖权异议不成立（{Province(province).label}标准）", amount)],
        paid_after=False,
        note="",
        source=ACT + SOURCES["jurisdiction_objection"],
    )


def _checked_amount(value, *, field: str, label: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise FeeInputError(NOT_A_NUMBER.format(field=label), field=field)
    try:
        number = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except InvalidOperation:
        raise FeeInputError(NOT_A_NUMBER.format(field=label), field=field) from None
    if not number.is_finite():
        raise FeeInputError(NOT_A_NUMBER.format(field=label), field=field)
    if number < 0:
        raise FeeInputError(NEGATIVE_AMOUNT.format(field=label), field=field)
    if number > MAX_AMOUNT:
        raise FeeInputError(AMOUNT_TOO_LARGE.format(field=label), field=field)
    return number


def _base_lines(
    kind: str,
    province: str,
    *,
    amount: Decimal | None = None,
    property_amount: Decimal | None = None,
    damages: Decimal | None = None,
) -> tuple[list[Line], list[str]]:
    """The fee before halving, as lines, and the notes that go with it."""
    local = f"（{Province(province).label}标准）"
    match kind:
        case "property":
            return _property_lines(amount), []
        case "divorce":
            flat = fee_schedule_for(province).divorce
            return _banded(
                property_amount, f"离婚案件每件{local}", flat, DIVORCE_FREE_UP_TO, DIVORCE_BANDS
            ), []
        case "personality":
            flat = fee_schedule_for(province).personality_rights
            return _banded(
                damages, f"侵害人格权案件每件{local}", flat, PERSONALITY_FREE_UP_TO, PERSONALITY_BANDS
            ), []
        case "non_property":
            return [(f"其他非财产案件每件{local}", fee_schedule_for(province).other_non_property)], []
        case "ip":
            if amount is not None:
                return _property_lines(amount), []
            return [
                (f"无争议金额的知识产权民事案件每件{local}", fee_schedule_for(province).ip_without_amount)
            ], []
        case "labour":
            return [("劳动争议案件每件", LABOUR_FEE)], []
        case "admin_special":
            return [("商标、专利、海事行政案件每件", ADMIN_SPECIAL_FEE)], []
        case "admin_other":
            return [("其他行政案件每件", ADMIN_OTHER_FEE)], []
        case "enforcement":
            if amount is None:
                return [
                    (f"无执行金额的每件{local}", fee_schedule_for(province).enforcement_without_amount)
                ], [ENFORCEMENT_PAID_AFTER]
            lines = _banded(
                amount,
                "执行金额不超过 1 万元的部分",
                ENFORCEMENT_FLAT,
                ENFORCEMENT_FLAT_UP_TO,
                ENFORCEMENT_BANDS,
            )
            return lines, [ENFORCEMENT_PAID_AFTER]
        case "preservation":
            flat_label = "不涉及财产数额" if amount is None else "保全财产不超过 1000 元的部分"
            lines = _banded(
                amount, flat_label, PRESERVATION_FLAT, PRESERVATION_FLAT_UP_TO, PRESERVATION_BANDS
            )
            return _capped(lines, PRESERVATION_CAP, "申请保全措施交纳的费用最多不超过 5000 元"), []
        case "payment_order":
            lines = _property_lines(amount)
            subtotal = sum(value for _, value in lines)
            lines.append(("比照财产案件受理费标准的 1/3 交纳", subtotal / 3 - subtotal))
            return lines, []
        case "public_summons":
            return [("申请公示催告每件", PUBLIC_SUMMONS_FEE)], []
        case "arbitration":
            return [("申请撤销仲裁裁决或认定仲裁协议效力每件", ARBITRATION_FEE)], []
        case "bankruptcy":
            lines = _property_lines(amount)
            lines.append(("按财产案件受理费标准减半交纳", -sum(value for _, value in lines) / 2))
            return _capped(lines, BANKRUPTCY_CAP, "破产案件申请费最高不超过 30 万元"), [BANKRUPTCY_PAID_AFTER]
    raise AssertionError(kind)  # compute_fee checked the kind


def _property_lines(amount: Decimal) -> list[Line]:
    return _banded(amount, "不超过 1 万元的部分", PROPERTY_FLAT, PROPERTY_FLAT_UP_TO, PROPERTY_BANDS)


def _banded(
    amount: Decimal | None, flat_label: str, flat: Decimal, flat_up_to: Decimal, bands: tuple[Band, ...]
) -> list[Line]:
    """A flat amount that covers everything up to `flat_up_to`, then each part above at its band's rate."""
    lines = [(flat_label, flat)]
    lower = flat_up_to
    for upper, rate in bands:
        if amount is None or amount <= lower:
            break
        part = (amount if upper is None else min(amount, upper)) - lower
        span = (
            f"超过 {_in_words(lower)}的部分"
            if upper is None
            else f"{_in_words(lower)}至 {_in_words(upper)}的部分"
        )
        lines.append((f"{span}：{format_yuan(part)} 元 × {(rate * 100).normalize():f}%", part * rate))
        if upper is None:
            break
        lower = upper
    return lines


def _capped(lines: list[Line], cap: Decimal, label: str) -> list[Line]:
    subtotal = sum(value for _, value in lines)
    if subtotal > cap:
        lines.append((label, cap - subtotal))
    return lines


def _in_words(value: Decimal) -> str:
    """10000 → "1 万元", 1000 → "1000 元": bands are named as the Measures name them."""
    if value % 10_000 == 0:
        return f"{value // 10_000} 万元"
    return f"{value} 元"
