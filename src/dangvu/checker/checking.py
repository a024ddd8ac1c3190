"""The report checker's entry point: a text (or an uploaded file) in, its claims out.

:func:`check_text` normalises the text (NFC), finds every checkable figure with
:mod:`dangvu.checker.extraction` and returns a :class:`Report` whose spans refer to
``report.text``. :func:`compare_with_system` is where the comparison with dangvu's own
figures will plug in (issue 6, Reports): it is called for every report and does nothing yet.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import verdicts as v
from .extraction import Claim, find_claims, normalize


@dataclass
class Report:
    text: str
    claims: list[Claim] = field(default_factory=list)
    source: str = ""  # file name, or "" for pasted text

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(claim.verdict for claim in self.claims)
        return {verdict: counted.get(verdict, 0) for verdict in v.VERDICTS}

    @property
    def checkable(self) -> list[Claim]:
        return [c for c in self.claims if c.verdict != v.UNCHECKED]

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "text": self.text,
            "counts": self.counts,
            "claims": [claim.as_dict(self.text) for claim in self.claims],
        }


def check_text(text: str, *, source: str = "", user=None, unit=None, period=None) -> Report:
    """Check every figure of ``text``; ``user``/``unit``/``period`` are for the comparison
    with the system's figures (see :func:`compare_with_system`)."""
    normalized = normalize(text)
    report = Report(text=normalized, claims=find_claims(normalized), source=source)
    compare_with_system(report, user=user, unit=unit, period=period)
    return report


def compare_with_system(report: Report, *, user=None, unit=None, period=None) -> None:
    """Hook for issue 6 (Reports): compare each claim with dangvu's own figure.

    When the Reports issue provides its indicator catalogue, this function will, for a report
    about ``unit`` over ``period`` known to dangvu and readable by ``user``, map each claim
    whose wording names an indicator (e.g. "đảng viên sinh hoạt", "kết nạp") to that
    indicator, compute the system's value for the unit subtree and period, and set
    ``claim.system = {"indicator": code, "value": …, "verdict": …, "explanation": …}``.
    Until then it leaves ``claim.system`` as None (the page and the API show nothing for it).
    """
    return None
