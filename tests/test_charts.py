"""Trend charts: HTML (self-contained), SVG and PNG with Chinese labels; a clear message
when no CJK font or chart library is there. (The PNGs were also looked at by eye.)"""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from compare import charts, fonts
from compare.trend import build_trend

pytest.importorskip("altair", reason="charts are the optional extra juesuan[charts]")
pytest.importorskip("vl_convert", reason="charts are the optional extra juesuan[charts]")


def _rows():
    points = [{"report_id": y, "department": "甲局", "scope": "department", "kind": "final",
               "fiscal_year": y, "series": "expenditure.total", "value": D(v), "unit": "万元",
               "page": 3, "origin": "table", "stated_prior": D(p) if p else None,
               "stated_prior_year": y - 1}
              for y, v, p in ((2020, "100.00", None), (2021, "110.00", "90.00"))]
    return [r.as_dict() for r in build_trend(points, {"expenditure.total": "支出总额"})]


def test_spec_has_chinese_labels_and_marks_the_restatement():
    spec = charts.trend_chart(_rows())
    values = spec["datasets"] if "datasets" in spec else None
    text = str(spec)
    assert "支出总额（万元）" in text and "甲局" in text and "决算" in text
    assert values is None or any("是" in str(v) for v in values.values())


@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_writes_each_format(tmp_path, suffix):
    if suffix == ".png" and fonts.find_cjk_font() is None:
        pytest.skip(fonts.HOW_TO_GET_ONE)
    path = charts.write_chart(charts.trend_chart(_rows()), tmp_path / f"t{suffix}")
    data = path.read_bytes()
    if suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    elif suffix == ".svg":
        svg = data.decode()
        assert "支出总额" in svg and "Noto Sans CJK SC" in svg
    else:
        html = data.decode()
        assert "甲局" in html
        # opens offline: no script, style or image fetched from anywhere
        assert not re.search(r"<script[^>]+src=|<link[^>]+href=[\"']?https?:", html)


def test_png_without_a_cjk_font_says_which_package(monkeypatch, tmp_path):
    monkeypatch.setattr(charts, "find_cjk_font", lambda: None)
    with pytest.raises(charts.ChartUnavailable, match="fonts-noto-cjk"):
        charts.write_chart(charts.trend_chart(_rows()), tmp_path / "t.png")


def test_unknown_extension_is_refused(tmp_path):
    with pytest.raises(charts.ChartUnavailable, match=".html, .svg, .png"):
        charts.write_chart(charts.trend_chart(_rows()), tmp_path / "t.pdf")


def test_font_from_the_environment(monkeypatch, tmp_path):
    font = tmp_path / "NotoSansCJK-Regular.ttc"
    font.write_bytes(b"x")
    monkeypatch.setenv("JUESUAN_CJK_FONT", str(font))
    assert fonts.find_cjk_font() == fonts.CjkFont("Noto Sans CJK SC", font)
