"""Column-group tables (the 三公 table): the header names the lines, the data row the values.

合计, 因公出国（境）费, 公务用车购置及运行(维护)费 {小计, 购置费, 运行(维护)费}, 公务接待费 are
column groups; the lowest header row says 预算数 or 决算数 (a budget table's banner
"2024年“三公”经费预算数" says it once for all). Each (line, measure) cell is one line item
with ``column`` "budget" or "final".
"""

from __future__ import annotations

from dataclasses import replace

import regex

from extractors.document import Table
from extractors.tables.headers import Header
from extractors.tables.items import ReadContext, make_item
from models.records import LineItem

_MEASURE_WORD = regex.compile(r"^(?:预算数|决算数|预算|决算)$")
_YEAR_PREFIX = regex.compile(r"^\d{4}年(?:度)?")


_FUND = {"一般公共预算": None, "政府性基金预算": "gov_fund", "国有资本经营预算": "state_capital"}
_ROW_YEAR = regex.compile(r"^(\d{4})年度?$")
_CHANGE_ROW = regex.compile(r"^(?:增减|变动|比上年|较上年)")


def column_groups(ctx: ReadContext, table: Table, header: Header) -> list[LineItem]:
    """One line item per (column group, measure) cell of every data row.

    A group split by fund (Shenzhen: 总计 {一般公共预算 | 政府性基金预算 | 国有资本经营预算}) gives
    its general-budget cell the group's measure and the other funds' cells their fund's. Rows
    labelled by year ("2025年" / "2026年") other than the report's are the prior year's
    (measure "prior_year"), and so are columns headed by another year ("2025年预算数"); a
    增减变化金额 row states a change, not a figure, and is skipped.
    """
    items: list[LineItem] = []
    for r in range(header.end, table.n_rows):
        row_measure = _row_measure(table, r)
        labels = [c.value.strip() for c in table.row_cells(r)
                  if c.value and _column_role(header, c.col) != "measure"]
        if any(_CHANGE_ROW.match(v) for v in labels):
            continue
        years = [int(m.group(1)) for v in labels if (m := _ROW_YEAR.match(v))]
        prior = bool(years) and ctx.year is not None and years[0] != ctx.year
        for column in header.columns:
            cell = table.anchor_at(r, column.index)
            if cell is None or not column.path or column.role != "measure":
                continue
            fund = next((_FUND[p] for p in column.path if p in _FUND), None)
            path = tuple(p for p in column.path if p not in _FUND)
            name = group_name(path or column.path)
            measure = fund or row_measure or group_measure(path, ctx.kind)
            if prior or _other_year(column.path, ctx.year):
                # the prior year split by fund as the current one is: one line per fund
                measure = "prior_year" if fund is None else f"prior_year:{fund}"
            col = replace(column, role="measure", measure=measure)
            item = make_item(ctx, table, r, column.index, cell.value, col, None, name, None,
                             origin=None, level="合计" if name == "合计" else None,
                             line_name=name)
            if item:
                items.append(item)
    return items


_PATH_YEAR = regex.compile(r"^(\d{4})年")


def _other_year(path: tuple[str, ...], year: int | None) -> bool:
    """A column headed by another year ("2025年预算数" beside "2026年预算数"): the prior year's."""
    years = [int(m.group(1)) for p in path if (m := _PATH_YEAR.match(p.strip()))]
    return bool(years) and year is not None and years[0] != year


def _column_role(header: Header, col: int) -> str | None:
    return next((c.role for c in header.columns if c.index == col), None)


def _row_measure(table: Table, r: int) -> str | None:
    """A row labelled 预算数 / 决算数 in its first cell (Xi'an prints the measures as rows)."""
    first = table.anchor_at(r, 0)
    if first is None or not _MEASURE_WORD.match(first.value.strip()):
        return None
    return "final" if "决算" in first.value else "budget"


def group_name(path: tuple[str, ...]) -> str:
    """The line a 三公 column belongs to: its most specific header that is not a measure.

    The 三公 total is headed many ways ("合计", "“三公”经费合计", "“三公”经费财政拨款预算总额",
    or 小计 under the banner "财政拨款安排的“三公”经费"); all are the line 合计.
    """
    parts = [p for p in path if not _MEASURE_WORD.match(p)]
    banner = len(parts) > 1 and "三公" in parts[0]
    if banner:
        parts = parts[1:]  # the table-wide banner ("财政拨款“三公”经费")
    name = parts[-1] if parts else path[-1]
    if name == "小计" and len(parts) > 1:
        name = parts[-2]
    name = _YEAR_PREFIX.sub("", regex.sub(r"^其中[:：]?", "", name))
    name = regex.sub(r"(?:预算数|决算数)$", "", name) or name
    if (banner and name in ("小计", "合计")) or name == "总计" or _THREE_PUBLIC_TOTAL.search(name):
        return "合计"
    return name


_THREE_PUBLIC_TOTAL = regex.compile(r"三公.{0,3}经费.{0,8}(?:合计|总额|总计)$|^“?三公”?经费$")


def group_measure(path: tuple[str, ...], kind: str | None) -> str:
    """预算数 / 决算数 from the lowest header that says so; else the report's kind."""
    for part in reversed(path):
        if "决算" in part:
            return "final"
        if "预算" in part:
            return "budget"
    return "final" if kind == "final" else "budget"
