"""Server-side charts: the same figures give the same SVG (drawn once), the PNG is a PNG."""

from dangvu.reports.charts import BarChart


def test_svg_is_reproducible_and_drawn_once(monkeypatch):
    chart = BarChart(title="Đảng viên", labels=("Xã Phú Mỹ", "Xã An Hòa"), values=(120, 3456))
    svg = chart.svg()
    assert svg.startswith("<svg") and "Phú Mỹ" in svg and "3.456" in svg
    calls = []
    monkeypatch.setattr(BarChart, "_render_svg", lambda self: calls.append(self) or "x")
    assert BarChart(chart.title, chart.labels, chart.values).svg() == svg  # cached
    assert BarChart(chart.title, chart.labels, (121, 3456)).svg() == "x"  # new figures
    assert len(calls) == 1


def test_png():
    assert BarChart("T", ("A",), (1,)).png().startswith(b"\x89PNG")
