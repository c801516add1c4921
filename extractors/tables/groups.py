"""Column-group tables (the 三公 table): the header names the lines, the data row the values.

合计, 因公出国（境）费, 公务用车购置及运行(维护)费 {小计, 购置费, 运行(维护)费}, 公务接待费 are
column groups; the lowest header row says 预算数 or 决算数 (a budget table's banner
"2024年“三公”经费预算数" says it once for all). Each (line, measure) cell is one line item
with ``column`` "budget" or "final".
"""

from __future__ import annotations

import regex

from extractors.document import Table
from extractors.tables.headers import Column, Header
from extractors.tables.items import ReadContext, make_item
from models.records import LineItem

_MEASURE_WORD = regex.compile(r"^(?:预算数|决算数|预算|决算)$")
_YEAR_PREFIX = regex.compile(r"^\d{4}年(?:度)?")


def column_groups(ctx: ReadContext, table: Table, header: Header) -> list[LineItem]:
    """One line item per (column group, measure) cell of every data row."""
    items: list[LineItem] = []
    for r in range(header.end, table.n_rows):
        row_measure = _row_measure(table, r)
        for column in header.columns:
            cell = table.anchor_at(r, column.index)
            if cell is None or not column.path:
                continue
            name = group_name(column.path)
            measure = row_measure or group_measure(column.path, ctx.kind)
            col = Column(column.index, column.path, "measure", measure)
            item = make_item(ctx, table, r, column.index, cell.value, col, None, name, None,
                             origin=None, level="合计" if name == "合计" else None,
                             line_name=name)
            if item:
                items.append(item)
    return items


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
    if (banner and name in ("小计", "合计")) or _THREE_PUBLIC_TOTAL.search(name):
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
