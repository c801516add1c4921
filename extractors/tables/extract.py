"""Entry point: every standard table of a document → line items, facts, table list."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from extractors.document import Document
from extractors.tables.facts import table_facts
from extractors.tables.groups import group_measure
from extractors.tables.headers import Header
from extractors.tables.items import ReadContext
from extractors.tables.lines import read_lines
from extractors.tables.locate import Located, locate_tables
from extractors.tables.report_codes import codes_from_report
from models.records import Fact, Identity, LineItem


@dataclass
class TablesResult:
    """What the standard tables of one document state."""

    line_items: list[LineItem] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)


def extract_standard_tables(doc: Document, identity: Identity | None = None) -> TablesResult:
    """Read every recognised standard table of ``doc``.

    ``identity`` supplies the fiscal year (to resolve the 总表's class codes) and the kind
    (决算 / 预算: the measure of a 三公 column whose header omits 预算数 / 决算数); both may
    be None.
    """
    kind = identity.value("kind") if identity else None
    year = identity.value("fiscal_year") if identity else None
    result = TablesResult()
    final_blocks: set[int] = set()
    tables = locate_tables(doc)
    # A table printing no unit line reads in the unit every other table of the report
    # prints, when they all agree; otherwise (or alone) in 万元. Its printed unit stays None.
    printed_units = {t.unit for t in tables if t.unit}
    fallback = next(iter(printed_units)) if len(printed_units) == 1 else "万元"
    for located in tables:
        ctx = ReadContext(located, located.unit or fallback, kind, year)
        items, header = read_lines(ctx)
        if located.note and all(i.value == 0 for i in items):
            items = []  # "注：本表本年无发生额" over a 合计 row of 0.00: the table states nothing
        result.line_items += items
        result.tables.append(describe(located, header, items))
        if located.key == "three_public" and header and _has_final_columns(header, kind):
            final_blocks.add(located.parts[0].block)
    result.line_items = _economic_or_basic(result.line_items, result.tables, tables)
    result.line_items = codes_from_report(result.line_items, year)
    result.facts = table_facts(result.line_items, final_blocks)
    return result


def _economic_or_basic(items: list[LineItem], described: list[dict[str, Any]],
                       tables: list[Located]) -> list[LineItem]:
    """A 人员经费 | 公用经费 table recognised by its header alone is the basic-expenditure
    table unless its 合计 rows add up to the whole general-budget spending and not to its
    basic part: then it lists all general-budget spending by economic class (Taiyuan's
    "一般公共预算财政拨款决算表（二）")."""
    found = [t for t in tables if t.by_header and t.key == "general_budget_basic"]
    if not found:
        return items
    totals = {i.column: i.value for i in items if i.table == "general_budget_expenditure"
              and i.level == "合计" and i.code is None}
    whole, basic = totals.get("total"), totals.get("basic")
    out = list(items)
    for table in found:
        blocks = {part.block for part in table.parts}
        grand = [i.value for i in items if i.table == "general_budget_basic"
                 and i.source.block in blocks and i.level == "合计" and i.code is None]
        stated = sum(grand, Decimal(0))
        if not grand or whole is None or abs(stated - whole) > _ROUNDING:
            continue
        if basic is not None and abs(stated - basic) <= _ROUNDING:
            continue
        out = [replace(i, table="general_budget_economic")
               if i.table == "general_budget_basic" and i.source.block in blocks else i
               for i in out]
        for entry in described:
            if entry["block"] == table.parts[0].block and entry["key"] == "general_budget_basic":
                entry["key"] = "general_budget_economic"
    return out


_ROUNDING = Decimal("0.05")


def _has_final_columns(header: Header, kind: str | None) -> bool:
    return any(c.path and group_measure(c.path, kind) == "final" for c in header.columns)


def describe(located: Located, header: Header | None, items: list[LineItem]) -> dict[str, Any]:
    """The ``tables`` entry of one recognised table (what was found, where, how read)."""
    first = located.parts[0]
    rows = sum(t.n_rows for t in located.parts) - (header.end if header else 0)
    return {
        "key": located.key,
        "title": located.title,
        "block": first.block,
        "blocks": [t.block for t in located.parts],
        "title_block": located.title_block,
        "pages": located.pages,
        "unit": located.unit,
        "empty": not items,
        "note": located.note,
        "n_rows": rows,
        "n_items": len(items),
        "sides": len(header.sides) if header else 0,
        "columns": [
            {"index": c.index, "path": list(c.path), "role": c.role, "measure": c.measure}
            for c in (header.columns if header else [])
        ],
    }
