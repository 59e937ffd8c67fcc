"""Filters for documents printed to PDF: {% load documents %}."""

from django import template

from courthall import pdf

register = template.Library()


@register.filter
def chinese_date(value) -> str:
    """{{ issued_on|chinese_date }} → 二〇二六年三月五日; empty for a missing or unusable value."""
    if value in (None, ""):
        return ""
    try:
        return pdf.chinese_date(value)
    except (TypeError, ValueError):
        return ""


@register.filter
def full_width_brackets(value) -> str:
    """{{ case_number|full_width_brackets }} → （2026）豫0481民初123号, however it was typed."""
    if value in (None, ""):
        return ""
    return pdf.full_width_brackets(str(value))
