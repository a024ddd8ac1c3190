"""Compare a report's claims with dangvu's own figures (issue 7 §2, last paragraph).

When the user names the unit and the period a report is about, each claim whose wording names
an indicator of the catalogue (:mod:`dangvu.reports.catalogue`) — "kết nạp … đảng viên" →
``dang_vien.ket_nap``, "chi bộ … sinh hoạt … đạt yêu cầu" → ``sinh_hoat.dat_chat_luong``, "ý
kiến … trả lời" → ``dan_van.tra_loi`` … — is compared with the stored aggregate of the unit's
subtree for that period (:func:`dangvu.reports.selectors.read_sheet`), and ``claim.system``
says what the system holds and whether the report agrees ("Khớp hệ thống" / "Khác hệ thống").

The mapping reads the words of the claim's clause up to its figure and the noun right after
it; a claim that names no indicator is left alone (``claim.system`` stays None). Which unit a
user may compare with is the reports' scope (:func:`dangvu.reports.selectors.report_units`):
:func:`resolve` refuses a unit outside it (:class:`OutOfScope`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from dangvu.reports.catalogue import catalogue
from dangvu.reports.periods import Period
from dangvu.reports.selectors import read_sheet, report_units
from dangvu.vntext.formats import format_number

from . import verdicts as v
from .extraction import CHANGE, DIFFERENCE, PERCENT, RATIO, SHARE_OF_BASE, TOTAL

MATCHES, DIFFERS, NO_DATA = "matches", "differs", "no_data"
SYSTEM_VERDICTS = {
    MATCHES: "Khớp hệ thống",
    DIFFERS: "Khác hệ thống",
    NO_DATA: "Hệ thống chưa có số liệu",
}


class OutOfScope(Exception):
    """The unit does not exist or is outside the user's reporting scope."""


class BadChoice(ValueError):
    """The unit or period given is not valid; the message says why, in Vietnamese."""


def resolve(user, unit_ref, period_code):
    """(unit, period) for a comparison, or None when neither is given.

    ``unit_ref`` is a unit's id or its code; the unit must be in ``user``'s reporting scope
    (``user=None``: any unit, for the command line run by an administrator)."""
    unit_ref = "" if unit_ref is None else str(unit_ref).strip()
    period_code = (period_code or "").strip()
    if not unit_ref and not period_code:
        return None
    if not unit_ref or not period_code:
        raise BadChoice("Để so sánh với hệ thống, hãy chọn cả tổ chức và kỳ báo cáo.")
    try:
        period = Period.parse(period_code)
    except ValidationError as error:
        raise BadChoice(" ".join(error.messages)) from error
    from dangvu.orgs.models import Unit

    units = Unit.objects.all() if user is None else report_units(user)
    found = units.filter(pk=int(unit_ref)) if unit_ref.isdigit() else units.none()
    if not found:
        found = units.filter(code=unit_ref)
    unit = found.first()
    if unit is None:
        raise OutOfScope(f"Không có tổ chức “{unit_ref}” trong phạm vi được xem số liệu.")
    return unit, period


# ---------------------------------------------------------------- mapping


@dataclass(frozen=True)
class Rule:
    """A claim names ``code`` (and ``category``) when its clause up to the figure matches
    ``context`` and the noun after the figure matches ``noun`` (either may be empty)."""

    code: str
    context: str = ""
    noun: str = ""
    category: str = ""
    lead: str = ""  # what must end the clause right before the figure ("có", "với")
    totals_only: bool = False  # a count of the whole: only for a total and its parts

    def matches(self, before: str, noun: str, after: str = "") -> bool:
        context = f"{before} {noun} {after}"
        return (
            (not self.context or re.search(self.context, context, re.I) is not None)
            and (not self.noun or re.match(self.noun, noun, re.I) is not None)
            and (not self.lead or re.search(self.lead + r"\s*$", before, re.I) is not None)
        )


_MEMBERS = r"(?:đảng viên|đồng chí)"
_LEVELS = [
    ("muc:KHTNV", r"không hoàn thành"),
    ("muc:HTXSNV", r"hoàn thành xuất sắc"),
    ("muc:HTTNV", r"hoàn thành tốt"),
    ("muc:HTNV", r"hoàn thành nhiệm vụ"),
]
OR_BETTER = "trở lên"  # a level "… trở lên": the ratings indicator's total, not one level
_STATE_LEAD = r"(?:\bcó|\bvới|tổng số|\bgồm|hiện có|là)"

# most specific first; the first rule that matches names the indicator
RULES = [
    Rule("ky_luat.dang_vien", context=r"kỷ luật", noun=_MEMBERS),
    Rule("ky_luat.to_chuc", context=r"kỷ luật", noun=r"(?:tổ chức|chi bộ|đảng bộ)"),
    Rule("dang_vien.ket_nap", context=r"kết nạp lại", noun=_MEMBERS, category="loai:ket_nap_lai"),
    Rule("dang_vien.ket_nap", context=r"kết nạp|phát triển", noun=_MEMBERS),
    Rule("dang_vien.huy_hieu", context=r"huy hiệu"),
    Rule("dang_vien.chinh_thuc", context=r"công nhận", noun=_MEMBERS),
    Rule("hoc_tap.hoi_nghi", context=r"học tập|quán triệt", noun=r"hội nghị"),
    Rule(
        "hoc_tap.tham_gia",
        context=r"(?:học tập|quán triệt).*(?:tham gia|dự)|"
        r"(?:tham gia|dự)\s+(?:học tập|quán triệt)",
    ),
    Rule("sinh_hoat.du_hop", context=r"(?:dự|tham gia)\s+sinh hoạt|dự họp"),
    Rule(
        "sinh_hoat.dat_chat_luong", context=r"sinh hoạt.*(?:đạt yêu cầu|chất lượng)", noun=r"chi bộ"
    ),
    Rule(
        "sinh_hoat.hoi_nghi",
        context=r"sinh hoạt chuyên đề",
        noun=r"(?:buổi|kỳ|cuộc)",
        category="loai:chuyen_de",
    ),
    Rule(
        "sinh_hoat.hoi_nghi",
        context=r"sinh hoạt (?:chi bộ )?thường kỳ",
        noun=r"(?:buổi|kỳ|cuộc)",
        category="loai:thuong_ky",
    ),
    # "14.233 buổi sinh hoạt (thường kỳ 14.154, chuyên đề 79)": every meeting
    Rule("sinh_hoat.hoi_nghi", context=r"sinh hoạt", noun=r"(?:buổi|kỳ|cuộc)"),
    Rule("dan_van.dung_han", context=r"(?:ý kiến|kiến nghị|phản ánh).*đúng hạn"),
    Rule(
        "dan_van.tra_loi",
        context=r"(?:ý kiến|kiến nghị|phản ánh).*(?:trả lời|giải quyết)|"
        r"(?:trả lời|giải quyết).*(?:ý kiến|kiến nghị|phản ánh)",
    ),
    Rule("kiem_tra.cuoc", context=r"giám sát", noun=r"cuộc", category="hoat_dong:giam_sat"),
    Rule("kiem_tra.cuoc", context=r"kiểm tra", noun=r"cuộc", category="hoat_dong:kiem_tra"),
    Rule("thi_dua.mo_hinh", noun=r"mô hình"),
    Rule(
        "dang_vien.so_luong",
        context=r"miễn (?:công tác|sinh hoạt)",
        noun=_MEMBERS,
        category="trang_thai:mien_sinh_hoat",
    ),
    Rule(
        "dang_vien.so_luong",
        noun=_MEMBERS + r"\s+dự bị",
        lead=_STATE_LEAD,
        category="trang_thai:du_bi",
    ),
    Rule(
        "dang_vien.so_luong",
        noun=_MEMBERS + r"\s+chính thức",
        lead=_STATE_LEAD,
        category="trang_thai:chinh_thuc",
    ),
    Rule("dang_vien.so_luong", noun=_MEMBERS + r"\s+nữ", lead=_STATE_LEAD, category="gioi_tinh:nu"),
    Rule(
        "dang_vien.so_luong",
        noun=_MEMBERS + r"(?!\s+(?:được|dự|tham|bị|có|đã))",
        lead=_STATE_LEAD,
        totals_only=True,
    ),
    Rule(
        "to_chuc.so_luong",
        noun=r"tổ chức cơ sở đảng",
        lead=_STATE_LEAD,
        category="cap:co_so",
        totals_only=True,
    ),
    Rule(
        "to_chuc.so_luong",
        noun=r"chi bộ",
        lead=_STATE_LEAD,
        category="cap:chi_bo",
        totals_only=True,
    ),
]

_CLAUSE_START = re.compile(r"[;\n:(]|\.(?=\s)|,\s*(?=trong đó)")


def _before(text: str, position: int) -> str:
    """The clause up to ``position`` (at most 120 characters)."""
    window = text[max(position - 120, 0) : position]
    starts = [m.end() for m in _CLAUSE_START.finditer(window)]
    return window[starts[-1] :] if starts else window


def _after(text: str, position: int) -> str:
    """The rest of the clause after ``position`` (at most 80 characters)."""
    window = text[position : position + 80]
    end = re.search(r"[;\n]|\.(?=\s)|\(", window)
    return (window[: end.start()] if end else window).lower()


def _noun(text: str, position: int) -> str:
    match = re.match(r"[ \t]*((?:[^\W\d_]+[ \t]*){1,5})", text[position : position + 60])
    return match.group(1).strip().lower() if match else ""


def _level(text: str, start: int, end: int) -> str:
    """The rating level named around a count ("hoàn thành tốt nhiệm vụ 1.089 đồng chí",
    "7 chi bộ hoàn thành xuất sắc nhiệm vụ"), or ""."""
    before = re.split(r"[,;:(]", text[max(start - 60, 0) : start])[-1]
    after = re.split(r"[,;()]", text[end : end + 90])[0]  # "/18.695 đảng viên … trở lên"
    for around in (before, after):
        for category, words in _LEVELS:
            if re.search(words, around, re.I):
                if re.search(words + r"\s+nhiệm vụ\s+trở lên", around, re.I):
                    return OR_BETTER  # "hoàn thành tốt nhiệm vụ trở lên": the indicator's total
                return category
    return ""


@dataclass
class Mapped:
    code: str
    category: str
    part: dict  # the figure of the claim compared with the system (a count or a percentage)
    base: dict | None = None  # the claim's base, compared with a rate's base


def _subject(claim) -> tuple[dict | None, dict | None]:
    roles = {part["role"]: part for part in claim.parts}
    if claim.kind in (RATIO, SHARE_OF_BASE):
        return roles.get("số đạt"), roles.get("tổng số")
    if claim.kind == TOTAL:
        return roles.get("tổng nêu"), None
    if claim.kind in (CHANGE, DIFFERENCE):
        return roles.get("kỳ này"), None
    if claim.kind == PERCENT:
        return roles.get("tỷ lệ nêu"), None
    return None, None


def map_claim(text: str, claim) -> Mapped | None:
    """The indicator a claim is about, read from its wording, or None."""
    part, base = _subject(claim)
    if part is None or "\t" in text[claim.start : claim.end]:
        return None  # tables: the header, not the clause, names what is counted
    before = _before(text, part["start"]).lower()
    noun = _noun(text, part["end"])
    if not noun and base is not None and claim.kind == RATIO:
        noun = _noun(text, base["end"])  # "27/30 lượt cán bộ": the noun follows the base
    last = max(part["end"], base["end"] if base is not None and claim.kind == RATIO else 0)
    after = _after(text, last) if claim.kind != PERCENT else ""
    if claim.kind == PERCENT:
        noun = ""
    level = _level(text, part["start"], part["end"]) if claim.kind != PERCENT else ""
    if level and re.match(r"(?:đảng viên|đồng chí|chi bộ|tổ chức|đảng bộ)", noun + " "):
        code = "xep_loai.dang_vien" if re.match(_MEMBERS, noun) else "xep_loai.to_chuc"
        return Mapped(code, "" if level == OR_BETTER else level, part)
    items = catalogue()
    for rule in RULES:
        if rule.code not in items:
            continue
        if claim.kind == PERCENT and not items[rule.code].is_rate:
            continue
        if claim.kind == PERCENT and (rule.noun or rule.lead):
            continue  # a percentage alone: only its wording names a rate
        if rule.totals_only and claim.kind != TOTAL:
            continue  # "có 1.712 chi bộ duy trì sinh hoạt …": a share is not the whole
        if rule.matches(before, noun, after):
            return Mapped(rule.code, rule.category, part, base)
    return None


# ---------------------------------------------------------------- comparison


def compare(report, unit, period: Period, user=None) -> None:
    """Fill ``claim.system`` for every claim of ``report`` that names an indicator; with a
    ``user``, only for a unit in their reporting scope (:class:`OutOfScope` otherwise)."""
    if user is not None and not report_units(user).filter(pk=unit.pk).exists():
        raise OutOfScope("Tổ chức này nằm ngoài phạm vi được xem số liệu.")
    sheet = None
    items = catalogue()
    for claim in report.claims:
        mapped = map_claim(report.text, claim)
        if mapped is None:
            continue
        if sheet is None:
            sheet = read_sheet(unit, period)
        indicator = items[mapped.code]
        name = indicator.name
        if mapped.category:
            name += f" — {indicator.categories.get(mapped.category, mapped.category)}"
        system = {
            "indicator": mapped.code,
            "category": mapped.category,
            "name": name,
            "unit": unit.name,
            "period": period.label,
            "value": None,
            "base": None,
            "shown": "",
            "verdict": NO_DATA,
            "verdict_label": SYSTEM_VERDICTS[NO_DATA],
            "explanation": (
                f"Hệ thống chưa có số liệu “{name}” của {unit.name} ({period.label}); "
                "số liệu được tổng hợp định kỳ."
            ),
        }
        if sheet.built:
            figure = sheet.figure(mapped.code, mapped.category)
            system.update(_verdict(claim, mapped, figure.value, figure.base, indicator, name))
            system["value"], system["base"] = figure.value, figure.base
        claim.system = system


def _verdict(claim, mapped: Mapped, value: int, base: int | None, indicator, name: str) -> dict:
    stated = mapped.part
    where = f"Hệ thống: {name}"
    if claim.kind == PERCENT:
        if not base:
            return {
                "shown": "—",
                "verdict": NO_DATA,
                "verdict_label": SYSTEM_VERDICTS[NO_DATA],
                "explanation": f"{where}: chưa có số liệu để tính tỷ lệ.",
            }
        exact = v.percent_of(Decimal(value), Decimal(base))
        decimals = _decimals(stated["text"])
        shown = f"{format_number(value)}/{format_number(base)} ({v.shown(exact, decimals)})"
        same = v.judge(exact, Decimal(stated["value"]), decimals) == v.CONSISTENT
        explanation = f"{where} {shown}; báo cáo ghi {stated['text']}."
    else:
        shown = format_number(value)
        same = Decimal(stated["value"]) == value
        if indicator.is_rate and mapped.base is not None:
            shown = f"{format_number(value)}/{format_number(base or 0)}"
            same = same and base is not None and Decimal(mapped.base["value"]) == base
            written = f"{stated['text']}/{mapped.base['text']}"
        else:
            written = stated["text"]
        explanation = f"{where} {shown}; báo cáo ghi {written}."
    verdict = MATCHES if same else DIFFERS
    if not same:
        explanation += " Cần đối chiếu lại số liệu với hệ thống."
    return {
        "shown": shown,
        "verdict": verdict,
        "verdict_label": SYSTEM_VERDICTS[verdict],
        "explanation": explanation,
    }


def _decimals(text: str) -> int:
    digits = re.search(r"[.,](\d+)\s*%", text)
    return len(digits.group(1)) if digits else 0
