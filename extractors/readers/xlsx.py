"""Excel (.xlsx) reader: each sheet's table as a grid with merged cells spanned.

Why openpyxl (the ``xlsx`` extra) and not python-calamine: calamine is faster but gives
merged ranges only for .xlsx and no number formats; openpyxl gives both, and a cell's
text must be what the sheet *prints* ("486.90" under format ``0.00``, not the float
486.9). Cell values become text by their number format (``cell_text``), exactly, with
Decimal rounding.

A sheet is split at fully empty rows into chunks. In a chunk, the rows around the table
(a title, a "单位：万元" line, a note under it) become paragraphs, so the document reads
like the same table in a PDF: when the sheet draws cell borders the table is the rows
with bordered cells; without borders, a leading or trailing row holding a single text
is a paragraph. Hidden sheets are left out (scratch data), and said so in ``notes``.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import regex

from extractors.document import Block, Cell, Document, Format, Paragraph, Table
from extractors.errors import CorruptFile, MissingTool, UnsafeFile
from extractors.readers.docx_package import check_zip_bomb
from extractors.textnorm import normalize_cell_text, normalize_text

INSTALL_HINT = "pip install 'juesuan[xlsx]' (openpyxl)"
MAX_CELLS = 2_000_000  # a sheet's used range beyond this is hostile or broken
_DECIMALS = regex.compile(r"\.([0#?]+)")
_QUOTED = regex.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def read_xlsx(path: str | Path) -> Document:
    """Read every visible sheet of an .xlsx workbook into paragraphs and tables."""
    openpyxl = _openpyxl()
    path = Path(path)
    _check_bombs(path)
    try:
        book = openpyxl.load_workbook(path, data_only=True)  # cached values of formulas
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as err:
        raise CorruptFile(f"damaged Excel workbook: {type(err).__name__}: {err}".splitlines()[0][:200]) from None
    blocks: list[Block] = []
    notes: list[str] = []
    hidden = [ws.title for ws in book.worksheets if ws.sheet_state != "visible"]
    for sheet in book.worksheets:
        if sheet.sheet_state == "visible":
            blocks.extend(sheet_blocks(sheet))
    if hidden:
        notes.append(f"hidden sheets not read: {', '.join(hidden)}")
    return Document(blocks=blocks, format=Format.XLSX, path=str(path), pages=None, notes=notes)


def _openpyxl():  # the module
    try:
        import openpyxl
    except ModuleNotFoundError:
        raise MissingTool(f"Excel .xlsx workbook: reading it needs openpyxl: {INSTALL_HINT}") from None
    return openpyxl


def _check_bombs(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                check_zip_bomb(info)
    except zipfile.BadZipFile:
        raise CorruptFile("damaged or truncated zip container (not a readable .xlsx)") from None


# -- one sheet -------------------------------------------------------------------------


def sheet_blocks(sheet) -> list[Block]:  # openpyxl Worksheet
    """The sheet's paragraphs and tables, top to bottom."""
    if (sheet.max_row or 0) * (sheet.max_column or 0) > MAX_CELLS:
        raise UnsafeFile(f"sheet {sheet.title!r} claims {sheet.max_row}×{sheet.max_column} cells")
    grid = _SheetGrid(sheet)
    blocks: list[Block] = []
    for rows in grid.chunks():
        blocks.extend(grid.chunk_blocks(rows))
    return blocks


class _SheetGrid:
    """Anchors (text, spans) of a sheet, with the rows/columns that hold anything."""

    def __init__(self, sheet) -> None:
        self.spans: dict[tuple[int, int], tuple[int, int]] = {}
        covered: set[tuple[int, int]] = set()
        for merged in sheet.merged_cells.ranges:
            self.spans[(merged.min_row, merged.min_col)] = (
                merged.max_row - merged.min_row + 1, merged.max_col - merged.min_col + 1)
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if (r, c) != (merged.min_row, merged.min_col):
                        covered.add((r, c))
        self.text: dict[tuple[int, int], str] = {}
        self.bordered: set[int] = set()
        for row in sheet.iter_rows():
            for cell in row:
                key = (cell.row, cell.column)
                if key in covered:
                    continue
                text = cell_text(cell.value, cell.number_format)
                if text:
                    self.text[key] = text
                if _has_border(cell):
                    self.bordered.add(cell.row)
        self.covered = covered

    def chunks(self) -> list[list[int]]:
        """Runs of consecutive rows holding a text or a merge (which keeps its rows together)."""
        occupied = {r for r, _ in self.text}
        for (r, _), (rs, _) in self.spans.items():
            occupied.update(range(r, r + rs))
        chunks: list[list[int]] = []
        for r in sorted(occupied):
            if chunks and r == chunks[-1][-1] + 1:
                chunks[-1].append(r)
            else:
                chunks.append([r])
        return chunks

    def _anchors(self, r: int) -> list[int]:
        return sorted(c for (rr, c) in self.text if rr == r)

    def chunk_blocks(self, rows: list[int]) -> list[Block]:
        """Paragraph rows above and below, the table between (see the module docstring)."""
        first, last = 0, len(rows)
        if self.bordered & set(rows):
            while first < last and rows[first] not in self.bordered:
                first += 1
            while last > first and rows[last - 1] not in self.bordered:
                last -= 1
        else:
            while first < last and self._lone_text(rows[first]):
                first += 1
            while last > first and self._lone_text(rows[last - 1]):
                last -= 1
        if last - first == 1 and len(self._anchors(rows[first])) <= 1:
            first = last  # a single line of text is no table
        blocks: list[Block] = [self._paragraph(r) for r in rows[:first]]
        if last > first:
            blocks.append(self._table(rows[first:last]))
        blocks.extend(self._paragraph(r) for r in rows[last:])
        return [b for b in blocks if not isinstance(b, Paragraph) or b.text]

    def _lone_text(self, r: int) -> bool:
        return len(self._anchors(r)) == 1 and not any(
            key[0] < r <= key[0] + span[0] - 1 for key, span in self.spans.items())

    def _paragraph(self, r: int) -> Paragraph:
        return Paragraph(normalize_text(" ".join(self.text[(r, c)] for c in self._anchors(r))))

    def _table(self, rows: list[int]) -> Table:
        top, bottom = rows[0], rows[-1]
        cols = [c for (r, c) in self.text if top <= r <= bottom]
        for (r, c), (_, cs) in self.spans.items():
            if top <= r <= bottom:
                cols.extend((c, c + cs - 1))
        left, right = min(cols), max(cols)
        cells: list[Cell] = []
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) in self.covered:
                    continue
                rs, cs = self.spans.get((r, c), (1, 1))
                rs, cs = min(rs, bottom - r + 1), min(cs, right - c + 1)
                text = normalize_cell_text(self.text.get((r, c), ""))
                cells.append(Cell(r - top, c - left, text, rs, cs))
        return Table(cells=cells, n_rows=bottom - top + 1, n_cols=right - left + 1)


def _has_border(cell) -> bool:  # openpyxl Cell
    border = cell.border
    return border is not None and any(
        getattr(side, "style", None) for side in (border.left, border.right, border.top, border.bottom))


# -- cell values as printed ---------------------------------------------------------------


def cell_text(value: object, number_format: str | None = "General") -> str:
    """The text a cell prints: numbers rounded to their format's decimals (exactly, via
    Decimal), thousands separators and percent signs kept; dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, Decimal)):
        return _number_text(value, number_format or "General")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _number_text(value: int | float | Decimal, number_format: str) -> str:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return str(value)
    section = _QUOTED.sub("", number_format.split(";")[0])
    if section.lower() in ("general", "@", ""):
        return _plain(number)
    percent = "%" in section
    if percent:
        number *= 100
    match = _DECIMALS.search(section)
    places = len(match.group(1)) if match else 0
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    integer_part = section.split(".")[0]
    text = f"{rounded:,.{places}f}" if "," in integer_part else f"{rounded:.{places}f}"
    return text + ("%" if percent else "")


def _plain(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")
