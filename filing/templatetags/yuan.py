"""{% load yuan %}: amounts of money on the screens, as the documents print them ("3,300.00")."""

from django import template

from filing.fees import format_yuan

register = template.Library()


@register.filter
def yuan(value) -> str:
    """{{ payment.amount|yuan }} → 3,300.00; empty for a missing value."""
    return format_yuan(value) if value is not None and value != "" else ""
