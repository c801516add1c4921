"""Find the standard tables of a document: title, unit, note and the grid(s) holding each.

A table's title and unit line are the paragraphs just before it (at most four blocks
back, never across another table) or its own first rows. A table that carries no
title and directly follows a recognised table (page numbers or nothing in between),
or one titled "…表（续）" with the same key, continues it: a PDF table broken over
pages without repeated headers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractors.document import Document, Paragraph, Table
from extractors.numbers import find_unit_label
from extractors.tables.titles import looks_like_title, table_key
from extractors.tables.units import empty_note, unit_of

_CONTINUED = regex.compile(r"[（(]续[)）]|续表")
_BETWEEN_OK = regex.compile(r"^[-—－–\s]*\d{1,3}[-—－–\s]*$|^第\s*\d+\s*页|^单位[:：]")


@dataclass
class Located:
    """A recognised table: its key, title, unit and the grids it spans."""

    key: str
    title: str
    title_block: int
    parts: list[Table] = field(default_factory=list)
    unit: str | None = None
    note: str | None = None
    start_row: int = 0  # header starts here in parts[0] (after title/unit rows inside the grid)

    @property
    def pages(self) -> list[int]:
        return sorted({p for t in self.parts for p in t.row_pages if p is not None})


def locate_tables(doc: Document) -> list[Located]:
    """Every standard table of ``doc`` in document order."""
    found: list[Located] = []
    current: Located | None = None
    for index, block in enumerate(doc.blocks):
        if not isinstance(block, Table) or block.nested:
            continue
        title, title_block, start_row = _title_for(doc, index)
        key = table_key(title) if title else None
        if current is not None and _continues(doc, index, current, key, title):
            current.parts.append(block)
            current.note = current.note or empty_note(doc, index)
            continue
        if key is None:
            current = None
            continue
        current = Located(key, title or "", title_block, [block], start_row=start_row)
        current.unit = unit_of(doc, index, title_block) or _unit_in_title(title)
        current.note = empty_note(doc, index)
        found.append(current)
    return found


def _title_for(doc: Document, index: int) -> tuple[str | None, int, int]:
    """(title, block of the title, first header row) for the table at ``index``."""
    table = doc.blocks[index]
    assert isinstance(table, Table)
    row = 0
    title: str | None = None
    while row < min(3, table.n_rows):
        cells = table.row_cells(row)
        if len(cells) != 1 or cells[0].col_span < max(2, table.n_cols - 1):
            break
        text = cells[0].value
        if looks_like_title(text) and table_key(text):
            title = text
        elif not find_unit_label(text):
            break
        row += 1
    if title:
        return title, index, row
    for back in range(index - 1, max(-1, index - 5), -1):
        block = doc.blocks[back]
        if isinstance(block, Table):
            break
        text = _title_part(block.text)
        if looks_like_title(text):
            return text, back, row
    return None, index, row


def _title_part(text: str) -> str:
    """The title of a paragraph that also carries the unit ("…表 单位：万元")."""
    return regex.split(r"\s*(?:编制部门|金额单位|单\s*位)[:：]", text)[0].strip()


def _unit_in_title(title: str | None) -> str | None:
    return find_unit_label(title) if title else None


def _continues(
    doc: Document, index: int, current: Located, key: str | None, title: str | None
) -> bool:
    previous = current.parts[-1]
    if key is not None:
        return key == current.key and bool(title and _CONTINUED.search(title))
    between = doc.blocks[previous.block + 1 : index]
    if any(isinstance(b, Table) for b in between):
        return False
    return all(isinstance(b, Paragraph) and _BETWEEN_OK.match(b.text) for b in between)
