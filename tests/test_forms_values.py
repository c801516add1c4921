"""Indicator cells read into operator, number and unit, as the form prints them.

Operators before the number (≥ ≤ ＞ ＜ ＝ ≧ ≦, 不低于 不少于 不超过 不高于 至少 约 …) and operator
words after it (以上 以下 以内 之内 内 左右); units as printed, compound ones included (台（套）,
人次, 个工作日, 元/人.月); a short label naming the measure before the figure (合格率95.4%).
Qualitative cells, dates and ranges stay text: value None.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.forms.values import ParsedValue, parse_indicator_value


@pytest.mark.parametrize("text, parsed", [
    ("≥330台（套）", ParsedValue("≥", Decimal("330"), "台（套）")),
    ("≥330（台/套）", ParsedValue("≥", Decimal("330"), "台/套")),
    ("≤5%", ParsedValue("≤", Decimal("5"), "%")),
    ("≥95分", ParsedValue("≥", Decimal("95"), "分")),
    ("100%", ParsedValue(None, Decimal("100"), "%")),
    ("100％", ParsedValue(None, Decimal("100"), "%")),
    ("5000万元以内", ParsedValue("≤", Decimal("5000"), "万元")),
    ("不低于90%", ParsedValue("≥", Decimal("90"), "%")),
    ("不少于100人", ParsedValue("≥", Decimal("100"), "人")),
    ("不超过3次", ParsedValue("≤", Decimal("3"), "次")),
    ("≤30个工作日", ParsedValue("≤", Decimal("30"), "个工作日")),
    ("90%以上", ParsedValue("≥", Decimal("90"), "%")),
    ("10%以下", ParsedValue("≤", Decimal("10"), "%")),
    ("30天内", ParsedValue("≤", Decimal("30"), "天")),
    ("约100人", ParsedValue("≈", Decimal("100"), "人")),
    ("300人左右", ParsedValue("≈", Decimal("300"), "人")),
    ("≧90%", ParsedValue("≥", Decimal("90"), "%")),
    ("≦5%", ParsedValue("≤", Decimal("5"), "%")),
    ("＜5次", ParsedValue("<", Decimal("5"), "次")),
    ("＝100", ParsedValue("=", Decimal("100"), None)),
    ("≥ 95 %", ParsedValue("≥", Decimal("95"), "%")),
    ("≥1.5万人次", ParsedValue("≥", Decimal("1.5"), "万人次")),
    ("=570元/人.月", ParsedValue("=", Decimal("570"), "元/人.月")),
    ("≥24h", ParsedValue("≥", Decimal("24"), "h")),
    ("合格率95.4%", ParsedValue(None, Decimal("95.4"), "%")),
    ("满意度>95%", ParsedValue(">", Decimal("95"), "%")),
    ("年离职率低于2%", ParsedValue("<", Decimal("2"), "%")),
    ("初次报告98%以上", ParsedValue("≥", Decimal("98"), "%")),
    # an operator without a single figure: the operator only
    ("≤2026年12月1日", ParsedValue("≤", None, None)),
    # text, not a number
    ("按时完成", ParsedValue()),
    ("2026年12月底前", ParsedValue()),
    ("1-12月", ParsedValue()),
    ("上涨5%-10%", ParsedValue()),
    ("350人（±10%）", ParsedValue()),
    ("100%正常", ParsedValue()),
    ("每月1次", ParsedValue()),  # the period belongs to the meaning: kept as text
    ("全年12个月", ParsedValue()),
    ("优", ParsedValue()),
])
def test_indicator_value_parts(text, parsed):
    assert parse_indicator_value(text) == parsed
