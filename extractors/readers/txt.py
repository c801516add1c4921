"""Plain-text reader, including the seed's flattened-Word form.

The seed report (and text copied out of Word by many scrapers) flattens each Word table
as one tab-prefixed line per cell, rows separated by a blank line. This reader rebuilds
those grids so the .txt gives the same document model as the .docx:

* A line starting with a tab is a cell. Cells on consecutive lines share a row; a single
  blank line before a cell line starts a new row; two or more blank lines end the table.
* A line without a tab after a cell line (at most one blank line between) continues that
  cell: a paragraph break inside a Word cell, as in "经济效益\\n\\n指标".
* A single-cell row whose text reads as a table title ("…表") after other rows starts a
  new table: Word tables that touch are flattened without a separator.
* Spans, which the flattened form cannot show, are inferred as the Word form has them:
  a row with fewer cells than the table is wide gives its last cell the remaining
  columns; an empty first cell under a labelled first cell continues that label
  downward (a vertical merge, as in 预算执行情况(万元) over three rows).

Any other non-empty line is one paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import regex

from extractors.document import Cell, Document, Format, Paragraph, Table
from extractors.errors import ReadError
from extractors.textnorm import normalize_cell_text, normalize_text

_TITLE_ROW = regex.compile(r"^\S{0,40}表$")


@dataclass
class _RawCell:
    lines: list[str]


@dataclass
class _RawTable:
    line: int
    rows: list[list[_RawCell]] = field(default_factory=list)
    row_lines: list[int] = field(default_factory=list)


def read_txt(path: str | Path) -> Document:
    """Read a UTF-8 (or GB18030) text file into the document model."""
    raw = Path(path).read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ReadError("text file in an unknown encoding (expected UTF-8 or GB18030)")
    return parse_txt(text, path=str(path))


def parse_txt(text: str, path: str = "") -> Document:
    """Parse text already in memory; see the module docstring for the rules."""
    blocks: list[Paragraph | Table] = []
    table: _RawTable | None = None
    blank_run = 0

    def finish() -> None:
        nonlocal table
        if table is not None:
            blocks.extend(_build_tables(table))
            table = None

    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("\t"):
            cell = _RawCell([line[1:]])
            if table is None or blank_run >= 2:
                finish()
                table = _RawTable(line=number)
                table.rows.append([cell])
                table.row_lines.append(number)
            elif blank_run == 1:
                table.rows.append([cell])
                table.row_lines.append(number)
            else:
                table.rows[-1].append(cell)
            blank_run = 0
        elif not line.strip():
            blank_run += 1
        else:
            if table is not None and blank_run <= 1:
                table.rows[-1][-1].lines.append(line)
            else:
                finish()
                paragraph = normalize_text(line)
                if paragraph:
                    blocks.append(Paragraph(text=paragraph, line=number))
            blank_run = 0
    finish()
    return Document(blocks=blocks, format=Format.TXT, path=path, pages=None)


def _split_at_titles(raw: _RawTable) -> list[tuple[list[list[str]], list[int]]]:
    """Rows as normalised cell texts, split where a title row starts a new table."""
    groups: list[tuple[list[list[str]], list[int]]] = []
    for row, line in zip(raw.rows, raw.row_lines, strict=False):
        texts = [normalize_cell_text("\n".join(c.lines)) for c in row]
        is_title = len(texts) == 1 and _TITLE_ROW.match(texts[0].split("\n")[0] or "")
        if not groups or (is_title and groups[-1][0]):
            groups.append(([], []))
        groups[-1][0].append(texts)
        groups[-1][1].append(line)
    return groups


def _build_tables(raw: _RawTable) -> list[Table]:
    return [_grid(rows, lines) for rows, lines in _split_at_titles(raw) if rows]


def _grid(rows: list[list[str]], lines: list[int]) -> Table:
    width = max(len(r) for r in rows)
    cells: list[Cell] = []
    owner: dict[tuple[int, int], int] = {}  # grid position -> index in cells
    for r, texts in enumerate(rows):
        c = 0
        for k, text in enumerate(texts):
            last = k == len(texts) - 1
            col_span = width - c if last else 1
            above = owner.get((r - 1, c))
            if c == 0 and not text and above is not None and _can_extend_down(cells[above]):
                prev = cells[above]
                cells[above] = Cell(prev.row, prev.col, prev.text, prev.row_span + 1, prev.col_span)
                for cc in range(prev.col, prev.col + prev.col_span):
                    owner[(r, cc)] = above
                c += prev.col_span
                continue
            cells.append(Cell(r, c, text, 1, col_span))
            for cc in range(c, c + col_span):
                owner[(r, cc)] = len(cells) - 1
            c += col_span
    cells.sort(key=lambda cell: (cell.row, cell.col))
    table = Table(cells=cells, n_rows=len(rows), n_cols=width)
    return table


def _can_extend_down(cell: Cell) -> bool:
    """A labelled first-column cell one column wide: what a Word vertical merge looks like.

    A wider cell above (a title row) is not continued: extending it would push the row's
    other cells past the table's right edge.
    """
    return bool(cell.value) and cell.col_span == 1
