"""The one document model every reader produces and every field extractor consumes.

A document is an ordered list of blocks: paragraphs and tables. Readers for .docx, .pdf
and .txt all build this model, so a field extractor never needs to know which format a
figure came from. Every block carries its provenance: its index in the block list, the
PDF page (1-based; ``None`` for .docx and .txt) and, for .txt, the source line.

Every paragraph and table cell also says how its text was read: ``method`` is ``"text"``
(the file's own text layer or markup) or ``"ocr"`` (recognised from a page image), and an
OCR'd block carries ``confidence``, the lowest recognition score (0-1) of the boxes its
text came from. ``reading`` gives the same for a cell, a table row or a whole block, so
every record read from a block can say how its figure was read.

A table is a grid of cells where a merged cell appears exactly once, at its top-left
position, with its row and column span (python-docx's ``row.cells`` and pdfplumber's
``None`` padding are both normalised away by the readers).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from extractors.textnorm import flatten_lines

TEXT = "text"  # read from the file's text layer or markup
OCR = "ocr"  # recognised from a page image


@dataclass(frozen=True)
class Reading:
    """How some text was read: ``method`` (``TEXT`` or ``OCR``) and, for OCR, the lowest
    recognition score (0-1) among the boxes it came from (``None`` when not recognised)."""

    method: str = TEXT
    confidence: float | None = None

    @property
    def is_ocr(self) -> bool:
        return self.method == OCR


def combine(readings: Iterable[Reading]) -> Reading:
    """One reading for text put together from several: OCR when any part was recognised,
    with the lowest confidence of the recognised parts."""
    method, scores = TEXT, []
    for reading in readings:
        if reading.method == OCR:
            method = OCR
            if reading.confidence is not None:
                scores.append(reading.confidence)
    return Reading(method, min(scores) if scores else None)


CONFIDENCE_QUANTUM = Decimal("0.001")


def source_reading(reading: Reading) -> dict[str, Any]:
    """``reading`` as the ``Source`` fields of a record read from that text
    (``read_by``, ``ocr_confidence`` as an exact 3-place decimal)."""
    confidence = reading.confidence
    exact = None if confidence is None else Decimal(str(confidence)).quantize(CONFIDENCE_QUANTUM)
    return {"read_by": reading.method, "ocr_confidence": exact}


class Format(StrEnum):
    """File formats juesuan reads, detected by content (see ``extractors.detect``)."""

    PDF = "pdf"
    DOCX = "docx"
    TXT = "txt"
    HTML = "html"
    MHTML = "mhtml"  # a saved web archive (.mht): its HTML part is read
    DOC = "doc"  # Word 97-2003, read through a LibreOffice conversion to .docx
    RTF = "rtf"  # read through a LibreOffice conversion to .docx
    ODT = "odt"  # OpenDocument text, read through a LibreOffice conversion to .docx
    XLSX = "xlsx"
    XLS = "xls"  # Excel 97-2003, read through a LibreOffice conversion to .xlsx
    ODS = "ods"  # OpenDocument spreadsheet, read through a LibreOffice conversion to .xlsx


@dataclass(frozen=True)
class Cell:
    """One (possibly merged) table cell.

    ``text`` keeps the line breaks the source had (a .docx paragraph break, a .txt cell
    continuation line, a PDF line that ended short of the cell edge); ``value`` is the
    same text with lines joined, which is what field extractors read.
    """

    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    page: int | None = None  # PDF page of the cell's first line
    method: str = TEXT  # "text" | "ocr": how the cell's text was read
    confidence: float | None = None  # OCR: the lowest score of the boxes in the cell

    @property
    def value(self) -> str:
        return flatten_lines(self.text)

    @property
    def reading(self) -> Reading:
        return Reading(self.method, self.confidence)

    @property
    def last_row(self) -> int:
        return self.row + self.row_span - 1

    @property
    def last_col(self) -> int:
        return self.col + self.col_span - 1


@dataclass
class Table:
    """A table grid: ``cells`` lists each cell once, in row-major order of its anchor."""

    cells: list[Cell]
    n_rows: int
    n_cols: int
    block: int = 0
    page: int | None = None  # first page the table is on
    row_pages: list[int | None] = field(default_factory=list)  # page of each row (PDF)
    nested: bool = False  # True for a table found inside another table's cell

    kind = "table"

    def __post_init__(self) -> None:
        if not self.row_pages:
            self.row_pages = [self.page] * self.n_rows
        self._index: dict[tuple[int, int], Cell] | None = None

    # -- lookup -----------------------------------------------------------------
    def _covering(self) -> dict[tuple[int, int], Cell]:
        if self._index is None:
            index: dict[tuple[int, int], Cell] = {}
            for cell in self.cells:
                for r in range(cell.row, cell.row + cell.row_span):
                    for c in range(cell.col, cell.col + cell.col_span):
                        index[(r, c)] = cell
            self._index = index
        return self._index

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering grid position (row, col), merged or not."""
        return self._covering().get((row, col))

    def anchor_at(self, row: int, col: int) -> Cell | None:
        """The cell whose top-left corner is (row, col); ``None`` inside a merge."""
        cell = self.cell_at(row, col)
        return cell if cell is not None and (cell.row, cell.col) == (row, col) else None

    def grid(self) -> list[list[str | None]]:
        """Text at each anchor, ``None`` where a merged cell covers the position.

        This is the audit form (pdfplumber-like): a merged value is never repeated.
        """
        out: list[list[str | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row][cell.col] = cell.value
        return out

    def filled_rows(self) -> list[list[str]]:
        """Rows with every position given the value of the cell covering it.

        Forward-filling belongs in the derived layer (extractors), never in storage.
        """
        return [
            [(c.value if (c := self.cell_at(r, k)) is not None else "") for k in range(self.n_cols)]
            for r in range(self.n_rows)
        ]

    def row_cells(self, row: int) -> list[Cell]:
        """Cells anchored in ``row``, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)

    def spans(self) -> list[tuple[int, int, int, int]]:
        """(row, col, row_span, col_span) of every merged cell, for tests and audits."""
        return [
            (c.row, c.col, c.row_span, c.col_span)
            for c in self.cells
            if c.row_span > 1 or c.col_span > 1
        ]

    def reading(self, row: int | None = None, col: int | None = None) -> Reading:
        """How the cell at (row, col), the cells covering ``row``, or the whole table was read."""
        if row is not None and col is not None:
            cell = self.cell_at(row, col)
            return cell.reading if cell is not None else self.reading(row)
        if row is not None:
            covering = {id(c): c for k in range(self.n_cols) if (c := self.cell_at(row, k)) is not None}
            return combine(c.reading for c in covering.values())
        return combine(c.reading for c in self.cells)

    def text(self) -> str:
        """All cell values, a row per line and cells separated by tabs (for search)."""
        return "\n".join("\t".join(c.value for c in self.row_cells(r)) for r in range(self.n_rows))

    def shape_signature(self) -> tuple:
        """Everything but provenance: used to compare readings of the same table."""
        return (
            self.n_rows,
            self.n_cols,
            tuple((c.row, c.col, c.row_span, c.col_span, c.value) for c in self.cells),
        )


@dataclass
class Paragraph:
    """A paragraph of running text (a heading is a paragraph too)."""

    text: str
    block: int = 0
    page: int | None = None
    line: int | None = None  # 1-based source line for .txt
    method: str = TEXT  # "text" | "ocr": how the paragraph's text was read
    confidence: float | None = None  # OCR: the lowest score of the boxes in its lines

    kind = "paragraph"

    def reading(self, row: int | None = None, col: int | None = None) -> Reading:
        """How the paragraph was read (``row``/``col`` are ignored: the table's signature)."""
        return Reading(self.method, self.confidence)


Block = Paragraph | Table


@dataclass(frozen=True)
class PageIssue:
    """A page the reader could not read faithfully, reported rather than silently empty."""

    page: int
    problem: str  # "no_text_layer" | "cid_glyphs" | ...
    detail: str = ""


@dataclass
class Document:
    """An ordered list of blocks, with the facts about the file they came from."""

    blocks: list[Block]
    format: Format
    path: str = ""
    pages: int | None = None
    issues: list[PageIssue] = field(default_factory=list)
    # The file's name claims another format ("HTML page saved as .pdf"): said in its outcome.
    mismatch: str | None = None
    # How it was read, when not directly ("converted to .docx by LibreOffice").
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.renumber()

    def renumber(self) -> None:
        """Give each block its index; readers call this once the order is final."""
        for i, block in enumerate(self.blocks):
            block.block = i

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def iter_text(self) -> Iterator[tuple[Block, str]]:
        """Each block with its searchable text (tables flattened row by row)."""
        for block in self.blocks:
            yield block, block.text if isinstance(block, Paragraph) else block.text()

    def full_text(self) -> str:
        return "\n".join(text for _, text in self.iter_text())


def build_table(rows: list[list[tuple[str, int, int]]], **kwargs) -> Table:
    """Build a Table from rows of (text, row_span, col_span) anchors laid out left to right.

    Positions already covered by a span from an earlier row are skipped, exactly as a
    Word table's grid is filled. Used by the .txt reader and by tests.
    """
    covered: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    n_cols = 0
    for r, row in enumerate(rows):
        c = 0
        for text, row_span, col_span in row:
            while (r, c) in covered:
                c += 1
            cells.append(Cell(r, c, text, row_span, col_span))
            for rr in range(r, r + row_span):
                for cc in range(c, c + col_span):
                    covered.add((rr, cc))
            c += col_span
        n_cols = max(n_cols, c, max((cc + 1 for (rr, cc) in covered if rr == r), default=0))
    return Table(cells=cells, n_rows=len(rows), n_cols=n_cols, **kwargs)
