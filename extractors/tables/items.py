"""What every line item of a table shares, and how one cell becomes a ``LineItem``.

A blank or dash cell states nothing and gives no line item; a printed 0.00 gives 0.
Values are converted from the table's own unit to 万元; the printed figure and unit
are kept on the item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.document import Table, source_reading
from extractors.numbers import is_empty_mark, parse_decimal, to_wan
from extractors.tables.headers import Column
from extractors.tables.locate import Located
from extractors.tables.rows import level_of, strip_ordinal
from models.records import LineItem, Source

ECONOMIC_KEYS = {"general_budget_basic", "appropriation_basic", "general_budget_expenditure_detail",
                 "general_budget_economic", "basic_expenditure"}
SUMMARY_KEYS = {"income_expenditure_summary", "appropriation_summary"}
COLUMN_GROUP_KEYS = {"three_public", "gov_fund_three_public"}
# Tables listing projects, purchases or units rather than 科目.
LISTING_KEYS = {"project_expenditure", "procurement", "statistics"}


@dataclass
class ReadContext:
    """What every line item of one table shares."""

    located: Located
    unit: str  # the unit figures are converted from
    kind: str | None  # "final" / "budget" (identity), for measure names the header omits
    year: int | None
    # Last code per side: a grid continued on the next page may leave 类/款 blank.
    last_code: dict[int, str] = field(default_factory=dict)


def make_item(
    ctx: ReadContext, table: Table, r: int, c: int, text: str, column: Column,
    code: str | None, name: str, side: str | None, origin: str | None = "printed",
    level: str | None = None, line_name: str | None = None,
) -> LineItem | None:
    """The line item of cell (r, c), or None when the cell states no figure."""
    if is_empty_mark(text):
        return None
    printed = parse_decimal(text)
    if printed is None:
        return None
    clean_name = line_name or strip_ordinal(name) or name
    measure = column.measure or "total"
    percent = measure.split(":")[-1] == "change_pct"  # 增减(%): a percentage, not money
    return LineItem(
        table=ctx.located.key,
        classification=classification(ctx, side, code, clean_name),
        code=code,
        name=clean_name,
        column=measure,
        value=printed if percent else to_wan(printed, ctx.unit),
        unit="%" if percent else "万元",
        source=cell_source(table, r, c),
        printed_unit="%" if percent else ctx.located.unit,
        printed_value=text,
        code_origin=origin if code else None,
        level=level if level is not None else level_of(code, clean_name),
        side=side,
    )


def classification(ctx: ReadContext, side: str | None, code: str | None, name: str) -> str:
    """function / economic / other: economic tables by key, income sides and 三公 lines
    are "other", as are the 总表's rows that name no 支出 class."""
    key = ctx.located.key
    if key in ECONOMIC_KEYS:
        return "economic"
    if key in COLUMN_GROUP_KEYS or side == "income":
        return "other"
    if key in SUMMARY_KEYS and not code and not name.endswith("支出"):
        return "other"
    if key in LISTING_KEYS and not code:
        return "other"  # a project or purchase named without a 科目 code
    return "function"


def cell_source(table: Table, r: int, c: int) -> Source:
    """Provenance of cell (r, c): block, the row's page, the row as printed."""
    pages = table.row_pages
    text = " | ".join(cell.value for cell in table.row_cells(r) if cell.value)
    return Source(block=table.block, page=pages[r] if r < len(pages) else table.page,
                  text=text, row=r, col=c, **source_reading(table.reading(r, c)))
