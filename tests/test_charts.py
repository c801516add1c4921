"""Trend charts: HTML (self-contained), SVG and PNG with Chinese labels; a clear message
when no CJK font or chart library is there. (The PNGs were also looked at by eye.)"""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from compare import charts, fonts
from compare.trend import build_trend

# altair and vl-convert ([charts]) are test dependencies too: missing, these tests fail, not skip.


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


def _diff_row(section, name, change, **extra):
    row = {"department": "甲局", "year_a": 2020, "year_b": 2021, "section": section, "status": "changed",
           "table": None, "column": None, "code_a": None, "code_b": None, "name_a": name, "name_b": name,
           "value_a": D(100), "value_b": D(100) + D(change), "change": D(change), "change_pct": D(change),
           "unit": "万元", "page_a": 1, "page_b": 2}
    return {**row, **extra}


def test_diff_chart_picks_money_facts_and_class_lines_once():
    rows = [
        _diff_row("fact", "支出总额", "-5"),
        _diff_row("fact", "公务用车保有量", "1", unit="辆"),  # a count: not on a 万元 axis
        _diff_row("line", "一般公共服务支出", "12", table="general_budget_expenditure", column="total", code_b="201"),
        _diff_row("line", "一般公共服务支出", "12", table="expenditure", column="total", code_b="201"),
        _diff_row("line", "行政运行", "30", table="expenditure", column="total", code_b="2010301"),  # 项
        _diff_row("line", "工资福利支出", "9", table="general_budget_basic", column="total", code_b="301"),
        _diff_row("fact", "收入总额", "0", status="unchanged"),
    ]
    data = charts.diff_data(rows)
    assert [d["项目"] for d in data] == ["201 一般公共服务支出（类）", "支出总额"]
    assert [d["方向"] for d in data] == ["增加", "减少"]
    spec = charts.diff_chart(rows)
    assert "甲局 2020→2021 变化" in str(spec)


def test_a_restated_figure_is_drawn_with_the_prior_figure_stated():
    data = charts.trend_data(_rows())
    stated = [d for d in data if d["点"] != "报告数"]
    assert [(d["年度"], d["数值"], d["点"]) for d in stated] == [("2020", 90.0, "2021年报告所述上年数")]
