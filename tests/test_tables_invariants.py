"""Invariants of functional-classification tables (STYLE.md practice 21), and their tests.

项 sum to their 款, 款 to their 类, 类 to the 合计 row; per row, 基本支出 + 项目支出 = 合计.
The helpers return the mismatches rather than asserting, so corpus tests can report a
source that is itself inconsistent instead of failing on it.
"""

from __future__ import annotations

from decimal import Decimal

from extractors.document import Document, Format, Paragraph, build_table
from extractors.tables import extract_standard_tables
from models.records import LineItem


def hierarchy_mismatches(items: list[LineItem], table: str, column: str) -> list[tuple]:
    """(parent code, parent value, sum of children) where children do not add up."""
    values = {i.code: i.value for i in items
              if i.table == table and i.column == column and i.code and i.value is not None}
    out = []
    for code, value in sorted(values.items()):
        children = [c for c in values if len(c) == len(code) + 2 and c.startswith(code)]
        if children and len(code) in (3, 5):
            total = sum(values[c] for c in children)
            if total != value:
                out.append((code, value, total))
    grand = [i.value for i in items if i.table == table and i.column == column
             and i.level == "合计" and i.code is None]
    classes = sum((v for c, v in values.items() if len(c) == 3), Decimal(0))
    if grand and values and grand[0] != classes:
        out.append(("合计", grand[0], classes))
    return out


def column_mismatches(items: list[LineItem], table: str, parts=("basic", "project")) -> list[tuple]:
    """Rows where the stated parts (基本 + 项目) differ from the row's 合计."""
    rows: dict[tuple, dict[str, Decimal]] = {}
    for i in items:
        if i.table == table:
            rows.setdefault((i.source.block, i.source.row, i.code, i.name), {})[i.column] = i.value
    out = []
    for key, cols in rows.items():
        if "total" in cols and any(p in cols for p in parts):
            stated = sum((cols[p] for p in parts if p in cols), Decimal(0))
            if stated != cols["total"]:
                out.append((key[2], key[3], cols["total"], stated))
    return out


def test_helpers_find_a_broken_sum():
    rows = [
        [("项目", 1, 2), ("本年支出合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)],
        [("合计", 1, 2), ("10.00", 1, 1), ("8.00", 1, 1), ("2.00", 1, 1)],
        [("201", 1, 1), ("一般公共服务支出", 1, 1), ("10.00", 1, 1), ("8.00", 1, 1), ("2.00", 1, 1)],
        [("20103", 1, 1), ("政府办公厅（室）及相关机构事务", 1, 1), ("10.00", 1, 1), ("8.00", 1, 1), ("2.00", 1, 1)],
        [("2010301", 1, 1), ("行政运行", 1, 1), ("8.00", 1, 1), ("8.00", 1, 1), ("", 1, 1)],
        [("2010302", 1, 1), ("一般行政管理事务", 1, 1), ("2.50", 1, 1), ("", 1, 1), ("2.00", 1, 1)],
    ]
    doc = Document([Paragraph("支出决算表"), Paragraph("单位：万元"), build_table(rows)], Format.DOCX)
    items = extract_standard_tables(doc).line_items
    assert hierarchy_mismatches(items, "expenditure", "total") == [
        ("20103", Decimal("10.00"), Decimal("10.50"))]
    assert hierarchy_mismatches(items, "expenditure", "basic") == []
    assert column_mismatches(items, "expenditure") == [
        ("2010302", "一般行政管理事务", Decimal("2.50"), Decimal("2.00"))]
