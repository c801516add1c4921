"""Year-on-year change columns of row tables: 增减额 / 比上年增减 → ``change`` (money, in 万元),
增减(%) / 增长率 → ``change_pct`` (a percentage, never converted as money)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.document import Document, Format, Paragraph, build_table
from extractors.tables import extract_standard_tables
from extractors.tables.headers import change_measure


def _cells(*texts: str) -> list[tuple[str, int, int]]:
    return [(t, 1, 1) for t in texts]


def _items(*blocks):
    doc = Document(blocks=list(blocks), format=Format.DOCX)
    return extract_standard_tables(doc).line_items


@pytest.mark.parametrize(("path", "measure"), [
    (("2026年预算数比2025年执行数", "增减额"), "change"),
    (("2026年预算数比2025年执行数", "增减(%)"), "change_pct"),
    (("比上年增减", "金额"), "change"),
    (("比上年增减", "%"), "change_pct"),
    (("增减额",), "change"),
    (("比上年增减",), "change"),
    (("增长率",), "change_pct"),
    (("增减变化情况", "增减率"), "change_pct"),
    (("占比(%)",), None),
    (("比重",), None),
    (("本年支出", "合计"), None),
    (("年初预算数", "小计"), None),
])
def test_change_columns_by_header_words(path, measure):
    assert change_measure(path) == measure


# 国家信访局 2026 部门公开表5 一般公共预算支出表 (p10), its 行政运行 row as printed.
_CENTRAL = [
    [("功能分类科目", 1, 2), ("2025年执行数", 1, 2), ("2026年预算数", 1, 3),
     ("2026年预算数比2025年执行数", 1, 2), ("2026年预算数比2025年执行数（扣除中央基建投资）", 1, 2)],
    [("科目编码", 2, 1), ("科目名称", 2, 1), ("执行数", 2, 1), ("扣除中央基建投资后执行数", 2, 1),
     ("年初预算数", 1, 3), ("增减额", 2, 1), ("增减(%)", 2, 1), ("增减额", 2, 1), ("增减(%)", 2, 1)],
    _cells("小计", "基本支出", "项目支出"),
    _cells("2014001", "行政运行", "5,555.07", "5,555.07", "5,826.21", "5,826.21", "",
           "271.14", "4.88%", "271.14", "4.88%"),
    _cells("2014099", "其他信访事务支出", "25,143.24", "1,601.04", "3,623.98", "", "3,623.98",
           "-21,519.26", "-85.59%", "2,022.94", "126.35%"),
]


def test_central_change_amount_and_percent_columns():
    items = _items(Paragraph("一般公共预算支出表"), Paragraph("单位：万元"), build_table(_CENTRAL))
    got = {(i.code, i.column): (i.value, i.unit) for i in items if "change" in i.column}
    assert got[("2014001", "change")] == (Decimal("271.14"), "万元")
    assert got[("2014001", "change_pct")] == (Decimal("4.88"), "%")
    assert got[("2014099", "change")] == (Decimal("-21519.26"), "万元")
    assert got[("2014099", "change_pct")] == (Decimal("-85.59"), "%")
    # The second comparison (扣除中央基建投资) keeps its own name, never overwriting the first.
    second = {(c, m) for c, m in got if m.endswith(":change") or m.endswith(":change_pct")}
    assert len(second) == 4
    assert got[("2014099", next(m for c, m in second if c == "2014099" and m.endswith(":change")))] == (
        Decimal("2022.94"), "万元")


def test_change_in_yuan_is_converted_but_its_percentage_is_not():
    rows = [
        [("科目编码", 2, 1), ("科目名称", 2, 1), ("本年预算", 2, 1), ("比上年增减", 1, 2)],
        _cells("金额", "%"),
        _cells("2010301", "行政运行", "15,686,797.42", "-1,200,000.00", "-7.11"),
    ]
    items = _items(Paragraph("2025年部门一般公共预算支出功能分类预算表"), Paragraph("单位：元"),
                   build_table(rows))
    got = {i.column: (i.value, i.unit, i.printed_unit) for i in items}
    assert got["change"] == (Decimal("-120"), "万元", "元")
    assert got["change_pct"] == (Decimal("-7.11"), "%", "%")
    assert got["budget"][0] == Decimal("1568.679742")
