"""Ruled PDF tables as grids with spans, and tables continued across pages.

pdfplumber's table finder (lines strategy) gives each cell's bbox; a merged cell is one
bbox covering several grid positions and ``Table.rows`` pads the rest with ``None``.
Here each cell's row/column span is computed from its bbox against the table's distinct
x and y edges, so a merged cell appears once, as in the Word and .txt readings. Cell text
comes from the page's characters (extracted once per page), clustered into lines the same
way as running text.

A table that ends a page may go on at the top of the next one (``continue_table``):
the two parts must lie on the same columns (one may lack some inner boundaries), the
first must have reached the bottom of its page, and the second must not open with a
title row of its own. The parts are then one table, repeated header rows dropped and a
merged cell cut by the break made whole again.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

import regex

from extractors.document import Cell, Reading, Table, combine
from extractors.readers.pdf_lines import chars_reading, line_texts
from extractors.textnorm import is_cjk, normalize_cell_text

# Edges of cells closer than this (pt) are the same grid line.
_EDGE_SNAP = 1.5
# Column boundaries of two page parts of one table may differ by this much (pt).
_CONTINUATION_TOLERANCE = 3.0
# At most this many header rows are looked for at the top of a continuation page.
_MAX_HEADER_ROWS = 6
# A table continued on the next page left at most the next row plus this many of its
# own rows free below it (the bottom of the text block is estimated over the document).
_ROOM_ROWS = 3
# A total row (合计, 总计, 小计) is never the label of a merge cut by a page break.
_TOTAL = regex.compile(r"[合总小]计")


@dataclass
class PageTable:
    """A table found on one page, with the geometry needed to join it to the next page."""

    table: Table
    bbox: tuple[float, float, float, float]
    col_edges: list[float] = field(default_factory=list)
    row_edges: list[float] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.bbox[1]


def _snap(values: list[float]) -> list[float]:
    """Distinct coordinates, merging those within _EDGE_SNAP of the previous one."""
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > _EDGE_SNAP:
            edges.append(value)
    return edges


def _index(edges: list[float], value: float) -> int:
    """Index of the edge nearest to ``value`` (``edges`` sorted)."""
    i = bisect_left(edges, value)
    if i == 0:
        return 0
    if i == len(edges):
        return len(edges) - 1
    return i if edges[i] - value < value - edges[i - 1] else i - 1


def build_page_table(bboxes: list[tuple], chars: list[dict], page: int) -> PageTable | None:
    """A grid Table from pdfplumber cell bboxes; None for a lone box (a frame, not a table)."""
    if len(bboxes) < 2:
        return None
    xs = _snap([b[0] for b in bboxes] + [b[2] for b in bboxes])
    ys = _snap([b[1] for b in bboxes] + [b[3] for b in bboxes])
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for x0, top, x1, bottom in bboxes:
        r0, r1 = _index(ys, top), _index(ys, bottom)
        c0, c1 = _index(xs, x0), _index(xs, x1)
        if r1 > r0 and c1 > c0:
            spans[(r0, c0)] = (r1 - r0, c1 - c0)
    _add_open_cells(spans, xs, ys, chars)
    texts = _cell_texts(spans, xs, ys, chars)
    cells = [
        _cell(r, c, rs, cs, page, *texts.get((r, c), ("", Reading())))
        for (r, c), (rs, cs) in sorted(spans.items())
    ]
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    table = Table(cells=cells, n_rows=len(ys) - 1, n_cols=len(xs) - 1, page=page)
    return PageTable(table=table, bbox=bbox, col_edges=xs, row_edges=ys)


def _cell(r: int, c: int, row_span: int, col_span: int, page: int, text: str, reading: Reading) -> Cell:
    return Cell(r, c, text, row_span, col_span, page=page, method=reading.method,
                confidence=reading.confidence)


def _add_open_cells(spans: dict, xs: list[float], ys: list[float], chars: list[dict]) -> None:
    """Cells the finder missed because a rule is absent, added where text lies in them.

    pdfplumber finds a cell only where four rules meet. A tall merged cell cut by the page
    break has no rule at the cut (Beijing's 预算11表: a project's name, amounts and goal,
    merged down its indicator rows, run on to the next page), so its grid positions belong
    to no cell and its text would be lost. Each run of uncovered rows in one column that
    holds characters becomes one cell; runs side by side over the same rows whose text
    crosses the column line between them are one cell across those columns.
    """
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    covered = {
        (rr, cc)
        for (r, c), (rs, cs) in spans.items()
        for rr in range(r, r + rs)
        for cc in range(c, c + cs)
    }
    if len(covered) == n_rows * n_cols:
        return
    runs: list[tuple[int, int, int]] = []  # (first row, rows, column)
    for c in range(n_cols):
        r = 0
        while r < n_rows:
            if (r, c) in covered:
                r += 1
                continue
            start = r
            while r < n_rows and (r, c) not in covered:
                r += 1
            runs.append((start, r - start, c))
    holding = [run for run in runs if _chars_in(chars, xs[run[2]], xs[run[2] + 1],
                                                 ys[run[0]], ys[run[0] + run[1]])]
    taken: set[tuple[int, int, int]] = set()
    for run in holding:
        if run in taken:
            continue
        start, rows, c = run
        span = 1
        while (start, rows, c + span) in holding and _crossed(
                chars, xs[c + span], ys[start], ys[start + rows]):
            taken.add((start, rows, c + span))
            span += 1
        spans[(start, c)] = (rows, span)


def _chars_in(chars: list[dict], x0: float, x1: float, top: float, bottom: float) -> bool:
    return any(x0 < (ch["x0"] + ch["x1"]) / 2 < x1 and top < (ch["top"] + ch["bottom"]) / 2 < bottom
               and ch["text"].strip() for ch in chars)


def _crossed(chars: list[dict], x: float, top: float, bottom: float) -> bool:
    """Some character straddles the vertical line at ``x`` between ``top`` and ``bottom``."""
    return any(ch["x0"] < x - 1 and ch["x1"] > x + 1 and ch["text"].strip()
               and top < (ch["top"] + ch["bottom"]) / 2 < bottom for ch in chars)


def _cell_texts(spans: dict, xs: list[float], ys: list[float], chars: list[dict]) -> dict:
    """Text of each anchor cell from the characters whose centre falls inside it, and how
    those characters were read."""
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), (rs, cs) in spans.items():
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                owner[(rr, cc)] = (r, c)
    members: dict[tuple[int, int], list[dict]] = {}
    for char in chars:
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        if not (xs[0] < cx < xs[-1] and ys[0] < cy < ys[-1]):
            continue
        key = owner.get((bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1))
        if key is not None:
            members.setdefault(key, []).append(char)
    texts = {}
    for key, group in members.items():
        lines = line_texts(group)
        texts[key] = (normalize_cell_text("\n".join(lines)), chars_reading(group))
    return texts


def outside_all(chars: list[dict], boxes: list[tuple[float, float, float, float]]) -> list[dict]:
    """The characters whose centre lies inside none of the table boxes (one loop: every
    glyph of a page with tables passes here)."""
    kept = []
    for char in chars:
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        for x0, top, x1, bottom in boxes:
            if x0 < cx < x1 and top < cy < bottom:
                break
        else:
            kept.append(char)
    return kept


# -- tables continued on the next page ------------------------------------------------


def continue_table(
    table: Table, carried: PageTable, candidate: PageTable, room_below: float | None
) -> tuple[Table, list[float]] | None:
    """``table`` (whose last page part is ``carried``) with ``candidate`` joined, if it continues.

    ``candidate`` is the first item on the next page. It continues the table when

    * their columns agree (``common_columns``): either part may lack inner boundaries that
      the other has (a last page holding only the 合计 row; a first part whose rows never
      needed the boundary of the indicator block below), and both are laid on the finer;
    * it does not open with its own title: a full-width titled first row starts a table,
      unless it comes back with the column headers under it (a repeated header block);
    * ``carried`` reached the bottom of its page: had the room left below it
      (``room_below``, None when unknown) held the next row and a few more, that row would
      have been printed there, so a table that stops well above the bottom margin ended.

    Returns the joined table and the column boundaries it now lies on, or None.
    """
    edges = common_columns(carried.col_edges, candidate.col_edges)
    if edges is None:
        return None
    first = on_columns(table, carried.col_edges, edges)
    rest = on_columns(candidate.table, candidate.col_edges, edges)
    skip = _repeated_header_rows(first, rest)
    if _opens_with_title(rest) and skip < 2:
        return None
    if room_below is not None and room_below > _room_to_end(carried, candidate, skip):
        return None
    return join_tables(first, rest, candidate.table.page), edges


def common_columns(edges: list[float], other: list[float]) -> list[float] | None:
    """The finer of two parts' column boundaries, when the coarser one's are all among them.

    Outer boundaries must match; otherwise (or when each part has a boundary the other
    lacks) the two are different tables.
    """
    coarse, fine = (edges, other) if len(edges) <= len(other) else (other, edges)
    mapping = [_matching_edge(fine, x) for x in coarse]
    if None in mapping or mapping[0] != 0 or mapping[-1] != len(fine) - 1:
        return None
    if any(b <= a for a, b in zip(mapping, mapping[1:], strict=False)):
        return None  # two boundaries of one part on the same of the other: not a subset
    return fine


def on_columns(table: Table, table_edges: list[float], edges: list[float]) -> Table:
    """``table`` (laid on ``table_edges``) re-spanned onto ``edges``, which include them all."""
    if len(table_edges) == len(edges):
        return table
    mapping = [_matching_edge(edges, x) for x in table_edges]
    cells = [
        replace(c, col=mapping[c.col], col_span=mapping[c.col + c.col_span] - mapping[c.col])
        for c in table.cells
    ]
    return Table(cells=cells, n_rows=table.n_rows, n_cols=len(edges) - 1, page=table.page,
                 row_pages=list(table.row_pages))


def _matching_edge(edges: list[float], x: float) -> int | None:
    best = _index(edges, x)
    return best if abs(edges[best] - x) <= _CONTINUATION_TOLERANCE else None


def _opens_with_title(table: Table) -> bool:
    """The first row is one labelled cell across the whole width (a form's own title)."""
    first = table.cells[0] if table.cells else None
    return (
        first is not None and first.row == 0 and first.col == 0
        and first.col_span == table.n_cols and table.n_cols > 1 and bool(first.value)
    )


def _room_to_end(carried: PageTable, candidate: PageTable, skip: int) -> float:
    """The most room a table can leave below it and still go on at the top of the next page.

    The first row printed on the next page (after ``skip`` repeated header rows) did not
    fit in the room left, which is measured against the document's usual bottom of the
    text block, an estimate: pages of one report end a row or two apart, hence the
    allowance of a few of the carried part's rows.
    """
    ys = candidate.row_edges
    pushed = ys[skip + 1] - ys[skip] if skip + 1 < len(ys) else 0.0
    heights = sorted(b - a for a, b in zip(carried.row_edges, carried.row_edges[1:], strict=False))
    row = heights[len(heights) // 2] if heights else 0.0
    return pushed + _ROOM_ROWS * row


def join_tables(first: Table, rest: Table, rest_page: int | None) -> Table:
    """``first`` with the rows of ``rest`` appended, repeated header rows dropped.

    A vertically merged cell cut by the page break shows as a labelled cell on one side
    of the break and an empty cell under the same columns on the other (see
    ``_continues_merge``): the two are joined back into one cell, as the Word original
    has it, anchored where it starts, its text and page those of the labelled part.
    """
    skip = _repeated_header_rows(first, rest)
    offset = first.n_rows - skip
    cells = list(first.cells)
    bottom = {(c.col, c.col_span): i for i, c in enumerate(cells) if c.last_row == first.n_rows - 1}
    for c in rest.cells:
        if c.row < skip:
            continue
        above = bottom.get((c.col, c.col_span)) if c.row == skip else None
        if above is not None and _continues_merge(cells[above], c, first):
            prev = cells[above]
            text, page = (prev.text, prev.page) if prev.text else (c.text, c.page)
            reading = combine((prev.reading, c.reading))
            cells[above] = replace(prev, text=text, row_span=prev.row_span + c.row_span, page=page,
                                   method=reading.method, confidence=reading.confidence)
            continue
        cells.append(replace(c, row=c.row + offset))
    cells.sort(key=lambda c: (c.row, c.col))
    row_pages = list(first.row_pages) + [rest_page] * (rest.n_rows - skip)
    return Table(
        cells=cells,
        n_rows=first.n_rows + rest.n_rows - skip,
        n_cols=first.n_cols,
        page=first.page,
        row_pages=row_pages,
    )


def _continues_merge(above: Cell, below: Cell, first: Table) -> bool:
    """Whether ``above`` (ending the first part) and ``below`` (opening the next) are one cell.

    An empty cell under a labelled one, either spanning rows, is the rest of the merge.
    A labelled cell under an empty one is the merge's label printed in its lower part
    (a cell centred vertically); taken so only for a text label in a column that holds
    row-group labels (a vertically merged labelled cell elsewhere), never for a code,
    an amount or a total, which start their own row.
    """
    if above.text and not below.text:
        return above.row_span > 1 or below.row_span > 1
    if below.text and not above.text:
        return _row_label(below.value) and any(
            c.col == above.col and c.col_span == above.col_span and c.row_span > 1 and c.value
            for c in first.cells
        )
    return False


def _row_label(value: str) -> bool:
    """Words naming a group of rows: Han text without digits, not a total."""
    return (
        any(is_cjk(ch) for ch in value)
        and not any(ch.isdigit() for ch in value)
        and _TOTAL.search(value) is None
    )


def _repeated_header_rows(first: Table, rest: Table) -> int:
    """How many top rows of ``rest`` repeat the top rows of ``first`` (0 if none)."""
    limit = min(_MAX_HEADER_ROWS, first.n_rows - 1, rest.n_rows - 1)
    for k in range(limit, 0, -1):
        head = _head(first, k)
        if head is not None and head == _head(rest, k):
            return k
    return 0


def _head(table: Table, k: int) -> list[tuple] | None:
    """Cells anchored in the top ``k`` rows, or None when one reaches below row k."""
    cells = [c for c in table.cells if c.row < k]
    if any(c.last_row >= k for c in cells) or not any(c.value for c in cells):
        return None
    return sorted((c.row, c.col, c.row_span, c.col_span, c.value) for c in cells)
