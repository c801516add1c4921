"""Row totals against their columns (``row_sum``), only where the columns are the whole row.

A table row's 合计 equals the sum of its measure columns only when the table prints no other
money column beside them. Budget income tables of many provinces add 财政专户管理资金,
上年结转, 单位资金 or "其中" columns that the standard parts do not name; a 合计 over such a
row is not the sum of the named parts, so the named parts are then a 其中 list (reported only
when they exceed the 合计). Which columns a table has comes from the table's own header, as
the table reader recorded it (``ReportRecord.tables_found``), else from the row's cells.

A part may be printed as its own subdivisions: 财政拨款 as 一般公共预算 + 政府性基金 + 国有资本经营,
基本支出 as 人员经费 + 公用经费. The part is used when printed, else its subdivisions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from extractors.checks.evidence import line_figure
from extractors.checks.labels import column_label
from extractors.checks.sums import sum_finding
from models.records import Finding, LineItem

# Row totals and the columns that make them up, per table key.
ROW_PARTS: dict[str, tuple[str, ...]] = {
    "expenditure": ("basic", "project", "to_superior", "operating", "to_affiliates"),
    "general_budget_expenditure": ("basic", "project"),
    "income": ("fiscal", "superior_subsidy", "business", "operating", "affiliated", "other"),
    "general_budget_basic": ("personnel", "public"),
    "appropriation_summary": ("general_budget", "gov_fund", "state_capital"),
}

# A part printed as its subdivisions instead (or beside it: then the part itself is used).
SUBPARTS: dict[str, tuple[str, ...]] = {
    "fiscal": ("general_budget", "gov_fund", "state_capital"),
    "basic": ("personnel", "public"),
}

TOTAL_COLUMNS = frozenset({"total"})
CHANGE_COLUMNS = frozenset({"change", "change_pct"})


def check_row_sums(lines: list[LineItem], tables: list[Mapping[str, Any]]) -> Iterator[Finding]:
    """``row_sum`` for every table row that has a 合计 cell and at least one part."""
    columns_of = _table_columns(tables)
    rows: dict[tuple, dict[str, LineItem]] = defaultdict(dict)
    for line in lines:
        if line.table in ROW_PARTS and line.source.row is not None:
            rows[(line.table, line.side, line.source.block, line.source.row)].setdefault(line.column, line)
    for (table, _side, block, _row), cells in rows.items():
        total = cells.get("total")
        parts = row_parts(table, cells)
        if total is None or not parts:
            continue
        header = columns_of.get((table, block))
        complete = parts_are_whole_row(table, header if header is not None else list(cells))
        labelled = [replace(line_figure(p), label=column_label(p.column)) for p in parts]
        result = sum_finding("row_sum", line_figure(total), labelled, complete=complete,
                             subject=total.code or total.name,
                             parts_label="+".join(column_label(p.column) for p in parts))
        if result is not None:
            yield result


def row_parts(table: str, cells: Mapping[str, LineItem]) -> list[LineItem]:
    """The row's cells that make up its 合计: each part, else its printed subdivisions."""
    parts: list[LineItem] = []
    for part in ROW_PARTS[table]:
        if part in cells:
            parts.append(cells[part])
        else:
            parts.extend(cells[sub] for sub in SUBPARTS.get(part, ()) if sub in cells)
    return parts


def parts_are_whole_row(table: str, measures: list[str]) -> bool:
    """True when the table prints no money column beyond the parts (and their subdivisions).

    A measure printed twice (本年收入 and 上年结转 each split by fund) is ambiguous: the cells
    of one name cannot be told apart, so the row is not taken as complete either.
    """
    known = set(ROW_PARTS[table]) | {s for p in ROW_PARTS[table] for s in SUBPARTS.get(p, ())}
    # 增减额 / 增减% columns compare the row with another year: no part of this year's 合计.
    others = [m for m in measures if m not in TOTAL_COLUMNS and m.split(":")[-1] not in CHANGE_COLUMNS]
    if len(others) != len(set(others)):
        return False
    return all(m in known for m in others)


def _table_columns(tables: list[Mapping[str, Any]]) -> dict[tuple[str, int], list[str]]:
    """(table key, block) → the measures its header names, for every block the table spans."""
    found: dict[tuple[str, int], list[str]] = {}
    for table in tables:
        measures = [c.get("measure") for c in table.get("columns", ())
                    if c.get("role") == "measure" and c.get("measure")]
        for block in table.get("blocks") or [table.get("block")]:
            if block is not None and measures:
                found.setdefault((table.get("key"), block), measures)
    return found
