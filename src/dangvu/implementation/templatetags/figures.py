"""``{{ value|figure }}``: a target or result without trailing zeros ("20", "96,5")."""

from django import template

from dangvu.implementation.achievement import figure_text

register = template.Library()


@register.filter
def figure(value) -> str:
    try:
        return figure_text(value)
    except (TypeError, ValueError, ArithmeticError):
        return "" if value is None else str(value)
