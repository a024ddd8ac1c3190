"""The arithmetic of a claim: recompute the stated figure from its parts and say whether it
holds, in Vietnamese.

A stated percentage with ``d`` decimals is *consistent* when the exact value lies within half
a unit of its last digit (|exact − stated| ≤ 0,5·10⁻ᵈ); *truncated* when it is not, but the
exact value cut (not rounded) to ``d`` decimals gives it (a style issue, not an error);
otherwise *inconsistent*. Numbers are :class:`~decimal.Decimal` throughout.
"""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext

from dangvu.vntext.formats import format_number, format_percent

CONSISTENT = "consistent"
TRUNCATED = "truncated"
INCONSISTENT = "inconsistent"
UNCHECKED = "unchecked"

VERDICTS = {
    CONSISTENT: "Khớp",
    TRUNCATED: "Khớp nếu cắt bớt (nên làm tròn)",
    INCONSISTENT: "Không khớp",
    UNCHECKED: "Không kiểm tra được",
}

_PRECISION = 40


def half_unit(decimals: int) -> Decimal:
    """0,5 for "13%", 0,05 for "96,1%"."""
    return Decimal(5).scaleb(-(decimals + 1))


def quantize(value: Decimal, decimals: int, rounding=ROUND_HALF_UP) -> Decimal:
    with localcontext() as context:
        context.prec = _PRECISION
        return value.quantize(Decimal(1).scaleb(-decimals), rounding=rounding)


def judge(exact: Decimal, stated: Decimal, decimals: int) -> str:
    """consistent / truncated / inconsistent for a stated value against the exact one."""
    with localcontext() as context:
        context.prec = _PRECISION
        if abs(exact - stated) <= half_unit(decimals):
            return CONSISTENT
        if quantize(exact, decimals, ROUND_DOWN) == stated:
            return TRUNCATED
    return INCONSISTENT


def percent_of(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole == 0:
        return None
    with localcontext() as context:
        context.prec = _PRECISION
        return Decimal(part) * 100 / Decimal(whole)


def change_percent(old: Decimal, new: Decimal) -> Decimal | None:
    if old == 0:
        return None
    with localcontext() as context:
        context.prec = _PRECISION
        return (Decimal(new) - Decimal(old)) * 100 / abs(Decimal(old))


def shown(value: Decimal, decimals: int) -> str:
    """The percentage with the stated precision, at least one decimal: "97,2%"."""
    return format_percent(quantize(value, max(decimals, 1)), max(decimals, 1))


def stated_text(value: Decimal, decimals: int) -> str:
    return format_percent(value, decimals)


def bases_for(numerator: Decimal, stated: Decimal, decimals: int) -> range:
    """Whole denominators B with numerator/B rounding to ``stated`` (may be empty)."""
    h = half_unit(decimals)
    with localcontext() as context:
        context.prec = _PRECISION
        high_pct, low_pct = stated + h, stated - h
        if high_pct <= 0:
            return range(0)
        lowest = math.floor(numerator * 100 / high_pct) + 1
        highest = math.floor(numerator * 100 / low_pct) if low_pct > 0 else lowest + 10**6
    return range(max(lowest, 1), highest + 1)


def numerators_for(denominator: Decimal, stated: Decimal, decimals: int) -> range:
    """Whole numerators N with N/denominator rounding to ``stated`` (may be empty)."""
    h = half_unit(decimals)
    with localcontext() as context:
        context.prec = _PRECISION
        lowest = math.ceil(denominator * (stated - h) / 100)
        highest = math.ceil(denominator * (stated + h) / 100) - 1
    return range(max(lowest, 0), highest + 1)


def nearest(candidates: range, target: Decimal) -> int | None:
    if not candidates:
        return None
    target_int = int(target)
    if candidates.start <= target_int < candidates.stop:
        return target_int
    return candidates.start if target_int < candidates.start else candidates.stop - 1


def ratio_verdict(numerator: Decimal, denominator: Decimal, stated: Decimal, decimals: int):
    """(verdict, exact, explanation, suggestion) for "numerator/denominator … stated%"."""
    exact = percent_of(numerator, denominator)
    n, d, s = format_number(numerator), format_number(denominator), stated_text(stated, decimals)
    if exact is None:
        return UNCHECKED, None, f"Tổng số bằng 0 nên không tính được tỷ lệ {s}.", None
    verdict = judge(exact, stated, decimals)
    right = shown(exact, decimals)
    if verdict == CONSISTENT:
        return verdict, exact, f"{n}/{d} = {right}: khớp với {s}.", None
    if verdict == TRUNCATED:
        rounded = format_percent(quantize(exact, decimals), decimals)
        return (
            verdict,
            exact,
            f"{n}/{d} = {_precise(exact, decimals)}, làm tròn là {rounded}; {s} chỉ đúng khi "
            f"cắt bớt chữ số thập phân (nên ghi {rounded}).",
            None,
        )
    explanation = f"{n}/{d} = {right}, không phải {s}."
    base = nearest(bases_for(numerator, stated, decimals), denominator)
    top = nearest(numerators_for(denominator, stated, decimals), numerator)
    hints = []
    if base is not None:
        hints.append(f"tổng số phải là {format_number(base)}")
    if top is not None and top <= denominator:
        hints.append(f"số đạt phải là {format_number(top)}")
    suggestion = {"base": base, "numerator": top}
    if hints:
        explanation += f" Để đúng {s} thì " + " hoặc ".join(hints) + "."
    return verdict, exact, explanation, suggestion


# a rate written as a bound ("đạt hơn 80,4%", "chiếm tỷ lệ gần 67%"): what the exact rate
# must satisfy, with half a unit of the last digit of slack
RATE_BOUNDS = {
    "hơn": lambda exact, stated, h: exact > stated - h,
    "trên": lambda exact, stated, h: exact > stated - h,
    "gần": lambda exact, stated, h: stated * Decimal("0.9") <= exact <= stated + h,
    "khoảng": lambda exact, stated, h: abs(exact - stated) <= stated * Decimal("0.1") + h,
    "xấp xỉ": lambda exact, stated, h: abs(exact - stated) <= stated * Decimal("0.1") + h,
    "dưới": lambda exact, stated, h: exact < stated + h,
    "chưa đến": lambda exact, stated, h: exact < stated + h,
}


def bounded_ratio_verdict(
    numerator: Decimal, denominator: Decimal, stated: Decimal, decimals: int, bound: str
):
    """(verdict, exact, explanation, suggestion) for "numerator/denominator … đạt hơn
    stated%" (``bound`` one of :data:`RATE_BOUNDS`)."""
    exact = percent_of(numerator, denominator)
    n, d, s = format_number(numerator), format_number(denominator), stated_text(stated, decimals)
    if exact is None:
        return UNCHECKED, None, f"Tổng số bằng 0 nên không tính được tỷ lệ {bound} {s}.", None
    right = shown(exact, decimals)
    with localcontext() as context:
        context.prec = _PRECISION
        holds = RATE_BOUNDS[bound](exact, stated, half_unit(decimals))
    if holds:
        return CONSISTENT, exact, f"{n}/{d} = {right}: đúng là {bound} {s}.", None
    return INCONSISTENT, exact, f"{n}/{d} = {right}, không phải {bound} {s}.", None


def over_target_verdict(done: Decimal, target: Decimal, stated: Decimal, decimals: int):
    """(verdict, exact, explanation) for "done …, vượt stated% chỉ tiêu (target)"."""
    share = percent_of(done, target)
    d, t, s = format_number(done), format_number(target), stated_text(stated, decimals)
    if share is None:
        return UNCHECKED, None, f"Chỉ tiêu bằng 0 nên không tính được vượt {s}."
    with localcontext() as context:
        context.prec = _PRECISION
        exact = share - 100
    verdict = judge(exact, stated, decimals)
    text = f"{d}/{t} = {shown(share, decimals)} chỉ tiêu, tức là vượt {shown(exact, decimals)}"
    if verdict == CONSISTENT:
        return verdict, exact, f"{text}: khớp."
    if verdict == TRUNCATED:
        return verdict, exact, f"{text}; {s} chỉ đúng khi cắt bớt chữ số."
    return verdict, exact, f"{text}, không phải {s}."


def change_verdict(
    old: Decimal,
    new: Decimal,
    direction: str,
    stated: Decimal,
    decimals: int,
    labels: tuple[str, str] | None = None,
):
    """(verdict, exact, explanation) for "old … new …, tăng/giảm stated%"; ``direction`` is
    "tăng" or "giảm"; ``labels`` are the two values as written ("58,6 triệu")."""
    exact = change_percent(old, new)
    o, n = labels or (format_number(old), format_number(new))
    s = stated_text(stated, decimals)
    if exact is None:
        return UNCHECKED, None, f"Số liệu kỳ trước bằng 0 nên không tính được {direction} {s}."
    actual = "tăng" if exact > 0 else "giảm" if exact < 0 else "không đổi"
    magnitude = abs(exact)
    if actual != direction and magnitude > half_unit(decimals):
        return (
            INCONSISTENT,
            exact,
            f"Từ {o} đến {n} là {actual} {shown(magnitude, decimals)}, không phải {direction} {s}.",
        )
    verdict = judge(magnitude, stated, decimals)
    word = "xuống" if exact < 0 else "lên"
    if verdict == CONSISTENT:
        return (
            verdict,
            exact,
            f"Từ {o} {word} {n} là {direction} {shown(magnitude, decimals)}: khớp.",
        )
    if verdict == TRUNCATED:
        rounded = format_percent(quantize(magnitude, decimals), decimals)
        return (
            verdict,
            exact,
            f"Từ {o} {word} {n} là {direction} {_precise(magnitude, decimals)}, làm tròn là "
            f"{rounded}; {s} chỉ đúng khi cắt bớt chữ số.",
        )
    return (
        verdict,
        exact,
        f"Từ {o} {word} {n} là {actual} {shown(magnitude, decimals)}, không phải {direction} {s}.",
    )


def difference_verdict(old: Decimal, new: Decimal, direction: str, stated: Decimal):
    """(verdict, exact, explanation) for "old … new …, tăng/giảm stated (units)"."""
    exact = Decimal(new) - Decimal(old)
    o, n, s = format_number(old), format_number(new), format_number(stated)
    actual = "tăng" if exact > 0 else "giảm" if exact < 0 else "không đổi"
    if actual == direction and abs(exact) == stated:
        return CONSISTENT, exact, f"Từ {o} đến {n} là {direction} {s}: khớp."
    return (
        INCONSISTENT,
        exact,
        f"Từ {o} đến {n} là {actual} {format_number(abs(exact))}, không phải {direction} {s}.",
    )


BOUNDS = {
    "": ("bằng", lambda total, parts: parts == total),
    "trên": ("trên", lambda total, parts: parts > total),
    "hơn": ("hơn", lambda total, parts: parts > total),
    "vượt": ("hơn", lambda total, parts: parts > total),
    "ít nhất": ("ít nhất", lambda total, parts: parts >= total),
    "tối thiểu": ("ít nhất", lambda total, parts: parts >= total),
    "gần": ("gần", lambda total, parts: total * Decimal("0.9") <= parts <= total),
    "khoảng": ("khoảng", lambda total, parts: abs(parts - total) <= total * Decimal("0.1")),
    "xấp xỉ": ("khoảng", lambda total, parts: abs(parts - total) <= total * Decimal("0.1")),
    "dưới": ("dưới", lambda total, parts: parts < total),
    "chưa đến": ("dưới", lambda total, parts: parts < total),
}


def total_verdict(total: Decimal, parts: list[Decimal], bound: str, exhaustive: bool):
    """(verdict, sum, explanation) for a total against its stated parts."""
    added = sum(parts, Decimal(0))
    sum_text = " + ".join(format_number(p) for p in parts) + f" = {format_number(added)}"
    word, holds = BOUNDS.get(bound, BOUNDS[""])
    t = format_number(total)
    if holds(total, added):
        if bound:
            return CONSISTENT, added, f"{sum_text}, đúng là {word} {t}."
        return CONSISTENT, added, f"{sum_text}: khớp với tổng {t}."
    if not exhaustive and added <= total:
        return (
            UNCHECKED,
            added,
            f"{sum_text}, ít hơn {t}; các thành phần có thể chưa được kể hết.",
        )
    if bound:
        return INCONSISTENT, added, f"{sum_text}, không phải {word} {t}."
    return INCONSISTENT, added, f"{sum_text}, không phải {t}."


def shares_verdict(shares: list[tuple[Decimal, int]], exhaustive: bool):
    """(verdict, sum, explanation) for shares of one whole that should add up to 100%."""
    added = sum((v for v, _ in shares), Decimal(0))
    tolerance = sum((half_unit(d) for _, d in shares), Decimal(0))
    decimals = max(d for _, d in shares)
    text = " + ".join(format_percent(v, d) for v, d in shares)
    total = format_percent(added, decimals)
    if abs(added - 100) <= tolerance:
        return CONSISTENT, added, f"{text} = {total}: cộng lại đủ 100%."
    if added > 100 or exhaustive:
        return INCONSISTENT, added, f"{text} = {total}, không phải 100%."
    return UNCHECKED, added, f"{text} = {total}; có thể chưa kể hết các phần."


def _precise(value: Decimal, decimals: int) -> str:
    return format_percent(quantize(value, decimals + 2), decimals + 2)
