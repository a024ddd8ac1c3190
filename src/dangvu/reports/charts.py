"""Charts drawn on the server: the same figure as SVG on the page and PNG in the DOCX.

matplotlib's object API (no pyplot, so no global state between requests), DejaVu Sans for the
Vietnamese letters, no timestamps or random ids in the SVG so the output is reproducible.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from dangvu.vntext.formats import format_number

MAX_BARS = 20
RED = "#b71c1c"


@dataclass(frozen=True)
class BarChart:
    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    unit: str = ""  # "%" for rates

    def _figure(self) -> Figure:
        labels, values = self.labels[:MAX_BARS], self.values[:MAX_BARS]
        height = 1.2 + 0.32 * max(len(labels), 1)
        figure = Figure(figsize=(7.5, height), dpi=150)
        figure.patch.set_facecolor("white")
        axes = figure.add_subplot()
        positions = range(len(labels))
        axes.barh(list(positions), list(values), color=RED)
        axes.set_yticks(list(positions), labels=[_short(label) for label in labels], fontsize=8)
        axes.invert_yaxis()
        axes.set_title(self.title, fontsize=10, fontfamily="DejaVu Sans")
        decimals = 1 if self.unit == "%" else 0
        axes.xaxis.set_major_formatter(
            FuncFormatter(lambda x, _pos: format_number(float(x), decimals) + self.unit)
        )
        axes.tick_params(axis="x", labelsize=8)
        for spine in ("top", "right"):
            axes.spines[spine].set_visible(False)
        for position, value in zip(positions, values, strict=True):
            axes.annotate(
                format_number(float(value), decimals) + self.unit,
                (value, position),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=7,
            )
        figure.tight_layout()
        return figure

    def svg(self) -> str:
        return _svg(self)

    def _render_svg(self) -> str:
        buffer = io.StringIO()
        # fixed ids (no random salt) and the text kept as text: small, searchable, reproducible
        with rc_context({"svg.hashsalt": "dangvu", "svg.fonttype": "none"}):
            FigureCanvasSVG(self._figure()).print_svg(buffer, metadata={"Date": None})
        text = buffer.getvalue()
        return text[text.index("<svg") :]  # inline in the page: no XML prolog, no doctype

    def png(self) -> bytes:
        buffer = io.BytesIO()
        FigureCanvasAgg(self._figure()).print_png(buffer, metadata={"Software": None})
        return buffer.getvalue()


@lru_cache(maxsize=256)
def _svg(chart: BarChart) -> str:
    """Drawing costs a few hundred ms; the same figures give the same chart, so a page shown
    again (or by another user) reuses it. The key is the chart itself: new figures, new key."""
    return chart._render_svg()


def _short(label: str, width: int = 38) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
