"""The report checker's entry point: a text (or an uploaded file) in, its claims out.

:func:`check_text` normalises the text (NFC), finds every checkable figure with
:mod:`dangvu.checker.extraction` and returns a :class:`Report` whose spans refer to
``report.text``. :func:`compare_with_system` is where the comparison with dangvu's own
figures plugs in (issue 6, Reports; :mod:`dangvu.checker.system`) when a unit and a period
are given.
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
    """Compare each claim with dangvu's own figure (issue 7 §2; :mod:`.system`).

    For a report about ``unit`` over ``period`` (a :class:`~dangvu.reports.periods.Period`),
    each claim whose wording names an indicator of the catalogue gets ``claim.system`` (the
    system's value and base, "Khớp hệ thống" / "Khác hệ thống"). Without a unit and a period
    nothing is compared. A unit outside ``user``'s reporting scope raises
    :class:`~dangvu.checker.system.OutOfScope`."""
    if unit is None or period is None:
        return
    from .system import compare

    compare(report, unit, period, user=user)
