"""A performance form as a window of table rows, with label look-ups.

Forms are label/value grids rather than column tables: "项目名称" sits left of the name,
"预期目标" above the goal text. The same form is a Word table, a ruled PDF table or the
seed's flattened text, and merges differ between them, so look-ups go by the *anchor*
cells of a row (each merged cell once) and never by fixed positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractors.document import Cell, Reading, Table, combine, source_reading
from models.records import Source


@dataclass
class FormGrid:
    """Rows ``start``..``end`` (exclusive) of ``table`` holding one form."""

    table: Table
    start: int
    end: int
    title: str | None = None
    subject: str | None = None  # the unit a line above the table names ("单位名称：X")
    page_unit: str | None = None  # the money unit a line above the table states ("单位：万元")
    extra: list[Table] = field(default_factory=list)  # continuation tables (next pages)

    @property
    def rows(self) -> range:
        return range(self.start, self.end)

    def anchors(self, row: int) -> list[Cell]:
        return self.table.row_cells(row)

    def find(self, pattern: regex.Pattern, start: int | None = None) -> Cell | None:
        """The first anchor cell (row-major) whose value matches ``pattern``."""
        for r in range(self.start if start is None else start, self.end):
            for cell in self.anchors(r):
                if pattern.search(cell.value):
                    return cell
        return None

    def right_of(self, cell: Cell) -> Cell | None:
        """The next anchor to the right of ``cell`` in its row (the value of a label)."""
        for other in self.table.row_cells(cell.row):
            if other.col > cell.last_col:
                return other
        return None

    def below(self, cell: Cell) -> Cell | None:
        """The cell under ``cell``'s first column in the next row (goal text under its label)."""
        row = cell.last_row + 1
        if row >= self.end:
            return None
        return self.table.cell_at(row, cell.col)

    def reading(self) -> Reading:
        """How the form's cells were read (its rows, and its continuation tables)."""
        rows = (self.table.reading(r) for r in self.rows)
        return combine([*rows, *(table.reading() for table in self.extra)])

    def text(self) -> str:
        return "\n".join(
            "\t".join(c.value for c in self.anchors(r)) for r in self.rows
        )

    def source(self, row: int, col: int | None = None, text: str = "") -> Source:
        """Provenance of a value read at (row, col) of this form's table."""
        return table_source(self.table, row, col, text)


def table_source(table: Table, row: int, col: int | None = None, text: str = "") -> Source:
    """Provenance of a value read at (row, col) of ``table``: its block and the row's page
    (a form continued on the next page names that page)."""
    pages = table.row_pages
    page = pages[row] if row < len(pages) else table.page
    return Source(block=table.block, page=page, text=text, row=row, col=col,
                  **source_reading(table.reading(row, col)))


def value_of(cell: Cell | None) -> str | None:
    """A cell's value, or None when the cell is absent or blank."""
    if cell is None:
        return None
    return cell.value.strip() or None
