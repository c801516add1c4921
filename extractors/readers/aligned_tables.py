"""Ruling lines for tables printed without them: a grid found in the text's alignment.

Some renderings of a table keep the text but lose the rules: pdf2htmlEX draws a PDF's
lines into each page's background image, so its HTML holds only positioned text. The
table is still visible in the text: consecutive lines split into several runs by wide
gaps, the runs of different lines sharing the same gutters. This module finds such
blocks and returns the ruling lines the printed table had (pdfplumber edge dicts), so
the one layout step (``pdf.layout_page``: pdfplumber's table finder, cells filled from
the characters) builds the grid exactly as for a ruled page:

* a **row** is a line of at least two runs (a gap of at least ``_GAP_EM`` em between
  two characters separates runs); at least ``_MIN_ROWS`` consecutive rows form a table;
* a **gutter** (a column boundary) is the middle of a stretch of x that (almost) no row's
  runs cover (measured again without the runs that cross one, see ``_gutters``):
  a header centred over several columns crosses the gutters under it, and so does a
  total label over the code columns, so a gutter may be crossed by at most
  ``_CROSSING_SHARE`` of the rows;
* a run that crosses a gutter spans those columns (no rule drawn through it in its row);
  a single run between two rows, in a column both leave empty, is a cell centred over
  the two (``科目名称`` beside ``科目编码`` / ``类 款 项``): no rule between them there.

Row spans of any other kind cannot be seen without rules (an empty cell and the lower
half of a merged one look alike) and come back as separate cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from extractors.readers.pdf_pdfium import horizontal_edge, vertical_edge

_GAP_EM = 1.0  # a horizontal gap of this many font sizes separates two runs (cells)
_MIN_ROWS = 3
_CROSSING_SHARE = 0.1  # a gutter may be crossed by at most this share of the rows (at least one)
_OVERLAP_SHARE = 0.4  # characters on one line overlap vertically by this share
_FLOATER_PITCH = 1.5  # a single run between rows closer than this many row pitches is centred
_PAD = 2.0  # pt between a table's outer rule and its text


@dataclass
class _Run:
    x0: float
    x1: float


@dataclass
class _Row:
    top: float
    bottom: float
    runs: list[_Run]

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def aligned_edges(chars: list[dict]) -> list[dict]:
    """Ruling lines of every table found in the alignment of ``chars`` (see the module)."""
    lines = _lines([c for c in chars if c["text"].strip()])
    edges: list[dict] = []
    for block in _blocks(lines):
        edges.extend(_grid(block))
    return edges


def _lines(chars: list[dict]) -> list[_Row]:
    """Characters grouped into lines by vertical overlap, each split into runs at wide gaps."""
    groups: list[list[dict]] = []
    top = bottom = 0.0
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        overlap = min(bottom, char["bottom"]) - max(top, char["top"])
        height = min(bottom - top, char["bottom"] - char["top"])
        if groups and overlap > 0 and overlap >= _OVERLAP_SHARE * max(height, 0.1):
            groups[-1].append(char)
        else:
            groups.append([char])
            top, bottom = char["top"], char["bottom"]
    rows = []
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        runs = [_Run(group[0]["x0"], group[0]["x1"])]
        for previous, char in zip(group, group[1:], strict=False):
            if char["x0"] - previous["x1"] >= _GAP_EM * max(char["size"], previous["size"]):
                runs.append(_Run(char["x0"], char["x1"]))
            else:
                runs[-1].x1 = max(runs[-1].x1, char["x1"])
        rows.append(_Row(min(c["top"] for c in group), max(c["bottom"] for c in group), runs))
    return rows


def _blocks(lines: list[_Row]) -> list[list[_Row]]:
    """Runs of consecutive multi-run lines, with the single-run lines between two of them
    (a cell centred over two rows, or a row with one filled cell)."""
    blocks, current = [], []
    for i, line in enumerate(lines):
        sandwiched = bool(current) and i + 1 < len(lines) and len(lines[i + 1].runs) >= 2
        if len(line.runs) >= 2 or sandwiched:
            current.append(line)
            continue
        if current:
            blocks.append(current)
        current = []
    if current:
        blocks.append(current)
    return [block for block in blocks if sum(len(r.runs) >= 2 for r in block) >= _MIN_ROWS]


def _grid(block: list[_Row]) -> list[dict]:
    rows = [r for r in block if len(r.runs) >= 2]
    pitch = median(b.middle - a.middle for a, b in zip(rows, rows[1:], strict=False))
    centred = []
    for line in (r for r in block if len(r.runs) == 1):
        k = _between(rows, line)
        if k is not None and rows[k].middle - rows[k - 1].middle <= _FLOATER_PITCH * pitch:
            centred.append(line)  # inside one row pitch: a cell centred over two rows
        else:
            rows.append(line)  # a row of its own with one filled cell
    rows.sort(key=lambda r: r.top)
    gutters = _gutters([r for r in rows if len(r.runs) >= 2])
    if not gutters:
        return []
    x0 = min(run.x0 for r in block for run in r.runs) - _PAD
    x1 = max(run.x1 for r in block for run in r.runs) + _PAD
    columns = [x0, *gutters, x1]
    # rows separated where the text of one ends and the next begins
    bounds = [rows[0].top - _PAD]
    bounds += [(a.bottom + b.top) / 2 for a, b in zip(rows, rows[1:], strict=False)]
    bounds.append(rows[-1].bottom + _PAD)
    joined: set[tuple[int, int]] = set()  # (boundary, column) where no rule is drawn
    for line in centred:
        k = _between(rows, line)
        cols = _columns_of(line.runs[0], columns)
        if k is None or len(cols) != 1:
            continue
        if not any(_columns_of(run, columns) & cols for run in rows[k - 1].runs + rows[k].runs):
            joined.add((k, next(iter(cols))))
    edges = []
    for k, y in enumerate(bounds):
        for c in range(len(columns) - 1):
            if (k, c) not in joined:
                edges.append(horizontal_edge(columns[c], columns[c + 1], y))
    for r, row in enumerate(rows):
        top, bottom = bounds[r], bounds[r + 1]
        for g, x in enumerate(columns):
            inner = 0 < g < len(columns) - 1
            if inner and any(run.x0 < x < run.x1 for run in row.runs):
                continue  # the run spans the columns on both sides
            edges.append(vertical_edge(x, top, bottom))
    return edges


def _between(rows: list[_Row], line: _Row) -> int | None:
    """k such that ``line`` sits between rows k-1 and k."""
    return next((k for k in range(1, len(rows)) if rows[k - 1].middle < line.middle < rows[k].middle), None)


def _gutters(rows: list[_Row]) -> list[float]:
    """x of each column boundary (see the module docstring).

    First the middle of each stretch that few rows cover: a run crossing two of those spans
    columns (a header centred over three), and without such runs the stretches are measured
    again, each boundary the middle of its least covered part: between one column's text
    and the next one's, wherever a spanning header sits over it. (A run crossing one
    boundary, a header centred over two columns, crosses it wherever it is placed.)"""
    first = _stretch_middles(rows, set(), whole=True)
    spanning = {id(run) for r in rows for run in r.runs if sum(run.x0 < x < run.x1 for x in first) >= 2}
    second = _stretch_middles(rows, spanning)
    return second if len(second) == len(first) else _stretch_middles(rows, set())


def _stretch_middles(rows: list[_Row], skip: set[int], whole: bool = False) -> list[float]:
    runs = [[run for run in r.runs if id(run) not in skip] for r in rows]
    every = [run for rr in runs for run in rr]
    if not every:
        return []
    stops = sorted({x for run in every for x in (run.x0, run.x1)})
    allowed = max(1, int(_CROSSING_SHARE * len(rows)))
    middles = []
    stretch: list[tuple[float, float, int]] = []
    for a, b in zip(stops, stops[1:], strict=False):
        middle = (a + b) / 2
        covered = sum(1 for rr in runs if any(run.x0 <= middle <= run.x1 for run in rr))
        if covered <= allowed:
            stretch.append((a, b, covered))
        elif stretch:
            middles.append((stretch[0][0] + stretch[-1][1]) / 2 if whole else _middle(stretch))
            stretch = []
    return middles


def _middle(stretch: list[tuple[float, float, int]]) -> float:
    """The middle of the least covered part of a stretch."""
    least = min(c for _, _, c in stretch)
    parts = [(a, b) for a, b, c in stretch if c == least]
    return (parts[0][0] + parts[-1][1]) / 2


def _columns_of(run: _Run, columns: list[float]) -> set[int]:
    return {c for c in range(len(columns) - 1) if run.x0 < columns[c + 1] and run.x1 > columns[c]}
