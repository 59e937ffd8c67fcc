"""Filters for the notices' PDF templates: {% load notice_pdf %}."""

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
