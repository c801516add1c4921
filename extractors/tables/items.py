"""What every line item of a table shares, and how one cell becomes a ``LineItem``.

A blank or dash cell states nothing and gives no line item; a printed 0.00 gives 0.
Values are converted from the table's own unit to 万元; the printed figure and unit
are kept on the item.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from extractors.document import Table, source_reading
from extractors.numbers import is_empty_mark, parse_decimal, to_wan
from extractors.tables.headers import Column, Header
from extractors.tables.locate import Located
from extractors.tables.rows import ParentStack, level_of, strip_ordinal
from models.records import LineItem, Source

ECONOMIC_KEYS = {"general_budget_basic", "appropriation_basic", "general_budget_expenditure_detail",
                 "general_budget_economic", "basic_expenditure", "gov_fund_economic"}
SUMMARY_KEYS = {"income_expenditure_summary", "appropriation_summary"}
COLUMN_GROUP_KEYS = {"three_public", "gov_fund_three_public"}
# Tables listing projects, purchases or units rather than 科目.
LISTING_KEYS = {"project_expenditure", "procurement", "statistics", "service_purchase"}


@dataclass
class ReadContext:
    """What every line item of one table shares."""

    located: Located
    unit: str  # the unit figures are converted from
    kind: str | None  # "final" / "budget" (identity), for measure names the header omits
    year: int | None
    # Last code per side: a grid continued on the next page may leave 类/款 blank.
    last_code: dict[int, str] = field(default_factory=dict)
    # Open numbered sections per side (rows.ParentStack), likewise carried across pages.
    parents: dict[int, ParentStack] = field(default_factory=dict)


def make_item(
    ctx: ReadContext, table: Table, r: int, c: int, text: str, column: Column,
    code: str | None, name: str, side: str | None, origin: str | None = "printed",
    level: str | None = None, line_name: str | None = None, parent: str | None = None,
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
        value=printed if percent else to_wan(printed, column.unit or ctx.unit),
        unit="%" if percent else "万元",
        source=cell_source(table, r, c),
        printed_unit="%" if percent else column.unit or ctx.located.unit,
        printed_value=text,
        code_origin=origin if code else None,
        level=level if level is not None else level_of(code, clean_name),
        side=side,
        parent=parent,
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


# -- the classification a table's own codes and header words give ------------------------

_ECONOMIC_WORDS = regex.compile(r"经济分类|经济科目")
_FUNCTION_WORDS = regex.compile(r"功能分类|功能科目")
_SUBJECT = ("function", "economic")


def code_kind(code: str) -> str | None:
    """"economic" for a 3xx/5xx 类 or 款 code (302, 30201, 50502), "function" for a 2xx code
    (201, 20101, 2010101); None for anything else. The two families never share a first
    digit: 功能分类 类 codes run 201–234, 经济分类 ones 301–399 (部门) and 501–599 (政府)."""
    if not code or not code.isdigit():
        return None
    if code[0] in "35" and len(code) in (3, 5):
        return "economic"
    if code[0] == "2" and len(code) in (3, 5, 7):
        return "function"
    return None


def subject_classification(ctx: ReadContext, header: Header, items: list[LineItem]) -> list[LineItem]:
    """``items`` with their function / economic classification taken from the table itself,
    per side: the codes its code column prints (all of one family), else the words of its
    header and title (经济分类 / 支出经济分类科目 → economic; 功能分类 → function), else the
    table key's default. "一般公共预算项目支出情况表（按经济分类科目）" prints 302 办公费: its
    lines are economic whatever its key would say."""
    words = " ".join([ctx.located.title, *(p for c in header.columns for p in c.path)])
    by_words = _one_family({k for k, pattern in (("economic", _ECONOMIC_WORDS), ("function", _FUNCTION_WORDS))
                            if pattern.search(words)})
    per_side: dict[str | None, str | None] = {}
    for side in {i.side for i in items}:
        kinds = {code_kind(i.code) for i in items if i.side == side and i.code
                 and i.code_origin == "printed" and i.classification in _SUBJECT}
        per_side[side] = _one_family(kinds) if kinds else by_words
    if not any(per_side.values()):
        return items
    return [replace(i, classification=per_side[i.side])
            if per_side.get(i.side) and i.classification in _SUBJECT
            and i.classification != per_side[i.side] else i for i in items]


def _one_family(kinds: set[str | None]) -> str | None:
    """The one family all of ``kinds`` name; None when they are mixed or one is unknown."""
    return next(iter(kinds)) if len(kinds) == 1 else None
