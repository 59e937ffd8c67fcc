"""Filters for the notices' PDF templates: {% load notice_pdf %}."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

from courthall.pdf import chinese_numeral

register = template.Library()

_TRAILING_PUNCTUATION = "。；;，,.：:、 \u3000"


@register.filter
def clause(value, suffix: str = "") -> str:
    """Text to be followed by the template's own punctuation: trailing 。；， (and `suffix`) dropped.

    {{ problem|clause }}。 never prints 。。, and {{ legal_basis|clause:"规定" }}规定 never 规定规定.
    """
    text = str(value or "").rstrip(_TRAILING_PUNCTUATION)
    if suffix:
        for ending in (f"之{suffix}", f"的{suffix}", suffix):
            if text.endswith(ending):
                return text.removesuffix(ending).rstrip(_TRAILING_PUNCTUATION)
    return text


@register.filter
def cn_numeral(value) -> str:
    """2 → 二 (第二次提交)."""
    return chinese_numeral(int(value))


@register.filter
def matter(value) -> str:
    """{"plaintiffs": [...], "defendants": [...], "cause": …} → 张某某诉某某公司买卖合同纠纷."""
    return f"{'、'.join(value['plaintiffs'])}诉{'、'.join(value['defendants'])}{value['cause']}"


@register.filter
def sum_of(items, key: str) -> int:
    """{{ materials|sum_of:"pages" }}: the total of one number over a list of objects."""
    return sum(item[key] for item in items)


_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CAPITAL_UNITS = ("", "拾", "佰", "仟")
_CAPITAL_GROUPS = ("", "万", "亿", "万亿")


def _capital_group(number: int) -> str:
    """1010 → 壹仟零壹拾: one group of four digits, a 零 for each run of zeros inside it."""
    text, zero = "", False
    for power in range(3, -1, -1):
        digit = number // 10**power % 10
        if digit == 0:
            zero = bool(text)
        else:
            text += ("零" if zero else "") + _CAPITAL_DIGITS[digit] + _CAPITAL_UNITS[power]
            zero = False
    return text


@register.filter
def yuan_in_capitals(value) -> str:
    """ "3300.00" → 叁仟叁佰元整; "1001.05" → 壹仟零壹元零伍分: an amount in 大写 as receipts print it.

    支付结算办法 附一《正确填写票据和结算凭证的基本规定》: 整 after 元 or 角, none after 分; a 零 where digits
    in the middle are zero.
    """
    cents = int((Decimal(str(value)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    groups = []
    while yuan:
        groups.append(yuan % 10_000)
        yuan //= 10_000
    text, gap = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            gap = bool(text)
            continue
        if text and (gap or group < 1000):
            text += "零"
        text += _capital_group(group) + _CAPITAL_GROUPS[index]
        gap = False
    if text:
        text += "元"
    if jiao == 0 and fen == 0:
        return (text or "零元") + "整"
    if jiao:
        text += _CAPITAL_DIGITS[jiao] + "角"
    elif text:
        text += "零"
    return text + (_CAPITAL_DIGITS[fen] + "分" if fen else "整")
