"""Whether a figure meets its target: the one rule used by reports, assignments and roll-ups."""

from decimal import Decimal

from dangvu.vntext.formats import format_number

from .models import Direction, ItemKind, Measure, TaskStatus


def figure_of(measure: str, value, numerator, denominator) -> Decimal | None:
    """The comparable figure: the value of a count, the percentage of a rate."""
    if measure == Measure.RATE:
        if numerator is None or not denominator:
            return None
        return Decimal(numerator) * 100 / Decimal(denominator)
    return None if value is None else Decimal(value)


def meets(figure: Decimal | None, goal: Decimal | None, direction: str) -> bool:
    if figure is None or goal is None:
        return False
    return figure >= goal if direction == Direction.HIGHER else figure <= goal


def is_achieved(item, goal, *, value=None, numerator=None, denominator=None, status="") -> bool:
    if item.kind == ItemKind.TASK:
        return status == TaskStatus.DONE
    return meets(figure_of(item.measure, value, numerator, denominator), goal, item.direction)


def figure_text(value) -> str:
    """A stored figure as users write it: 20 → "20", 96.50 → "96,5", 2229 → "2.229"."""
    if value is None:
        return ""
    number = Decimal(value).normalize()
    decimals = max(0, -number.as_tuple().exponent)
    return format_number(value, min(decimals, 2))
