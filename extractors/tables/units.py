"""A table's money unit and its "no data" note.

The unit line ("单位：万元", "金额单位：元", "编制部门：…单位：元") is usually a paragraph
between the title and the table, sometimes inside the title paragraph or the table's
first rows. Reports mix units: Shanghai budgets print their main tables in 元 and the
三公 table in 万元, so the unit is read per table, never per document.
"""

from __future__ import annotations

import regex

from extractors.document import Document, Paragraph, Table
from extractors.numbers import find_unit_label
from extractors.tables.headers import split_unit

_EMPTY_NOTE = regex.compile(
    r"本表无数据|为空表|本表为空|无数据|无发生额|没有.{0,30}(?:收入|支出|预算|经费)|"
    r"无.{0,30}(?:收入|支出|预算|安排)"
)
_NOTE_START = regex.compile(r"^(?:注|说明|备注)[:：]")


def unit_of(doc: Document, index: int, first_block: int) -> str | None:
    """The unit printed between a table's title (block ``first_block``) and the table."""
    for block in doc.blocks[first_block:index]:
        if isinstance(block, Paragraph):
            unit = find_unit_label(block.text)
            if unit:
                return unit
    table = doc.blocks[index]
    if isinstance(table, Table):
        for r in range(min(3, table.n_rows)):
            for cell in table.row_cells(r):
                if split_unit(cell.value)[1]:
                    continue  # a column's own unit ("决算数（单位：元）"), not the table's
                unit = find_unit_label(cell.value)
                if unit:
                    return unit
    return None


def empty_note(doc: Document, index: int) -> str | None:
    """The 说明/注 saying a table has no data, from the paragraph(s) right after it."""
    for block in doc.blocks[index + 1 : index + 3]:
        if isinstance(block, Table):
            break
        if _EMPTY_NOTE.search(block.text) and (_NOTE_START.match(block.text) or len(block.text) < 80):
            return block.text
    table = doc.blocks[index]
    if isinstance(table, Table):
        for cell in table.cells:
            if _NOTE_START.match(cell.value) and _EMPTY_NOTE.search(cell.value):
                return cell.value
    return None
