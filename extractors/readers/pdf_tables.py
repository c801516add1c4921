"""Ruled PDF tables as grids with spans, and tables continued across pages.

pdfplumber's table finder (lines strategy) gives each cell's bbox; a merged cell is one
bbox covering several grid positions and ``Table.rows`` pads the rest with ``None``.
Here each cell's row/column span is computed from its bbox against the table's distinct
x and y edges, so a merged cell appears once, as in the Word and .txt readings. Cell text
comes from the page's characters (extracted once per page), clustered into lines the same
way as running text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from extractors.document import Cell, Table
from extractors.readers.pdf_lines import cluster_lines
from extractors.textnorm import normalize_cell_text

# Edges of cells closer than this (pt) are the same grid line.
_EDGE_SNAP = 1.5
# Column boundaries of two page parts of one table may differ by this much (pt).
_CONTINUATION_TOLERANCE = 3.0
# At most this many header rows are looked for at the top of a continuation page.
_MAX_HEADER_ROWS = 6


@dataclass
class PageTable:
    """A table found on one page, with the geometry needed to join it to the next page."""

    table: Table
    bbox: tuple[float, float, float, float]
    col_edges: list[float] = field(default_factory=list)

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
    texts = _cell_texts(spans, xs, ys, chars)
    cells = [
        Cell(r, c, texts.get((r, c), ""), rs, cs, page=page)
        for (r, c), (rs, cs) in sorted(spans.items())
    ]
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    table = Table(cells=cells, n_rows=len(ys) - 1, n_cols=len(xs) - 1, page=page)
    return PageTable(table=table, bbox=bbox, col_edges=xs)


def _cell_texts(spans: dict, xs: list[float], ys: list[float], chars: list[dict]) -> dict:
    """Text of each anchor cell from the characters whose centre falls inside it."""
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
        lines = [line.text for line in cluster_lines(group) if not line.has_cid]
        texts[key] = normalize_cell_text("\n".join(lines))
    return texts


def inside_any(char: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    """True when the character's centre lies inside one of the table boxes."""
    cx = (char["x0"] + char["x1"]) / 2
    cy = (char["top"] + char["bottom"]) / 2
    return any(x0 < cx < x1 and top < cy < bottom for x0, top, x1, bottom in boxes)


# -- tables continued on the next page ------------------------------------------------


def continuation(previous: PageTable, candidate: PageTable) -> Table | None:
    """``candidate`` (top of the next page) laid on ``previous``'s columns, if it continues it.

    It continues the table when its column boundaries are the previous table's, within
    tolerance. A page part that lacks some inner boundaries (a last page holding only the
    "合计" row, whose label spans the code columns) still continues the table when every
    boundary it has is one of the previous table's and the outer ones match: its cells
    are then re-spanned onto the previous table's columns.
    """
    edges = previous.col_edges
    mapping = [_matching_edge(edges, x) for x in candidate.col_edges]
    if None in mapping or mapping[0] != 0 or mapping[-1] != len(edges) - 1:
        return None
    if mapping == list(range(len(edges))):
        return candidate.table
    table = candidate.table
    cells = [
        Cell(c.row, mapping[c.col], c.text, c.row_span,
             mapping[c.col + c.col_span] - mapping[c.col], c.page)
        for c in table.cells
    ]
    return Table(cells=cells, n_rows=table.n_rows, n_cols=len(edges) - 1, page=table.page)


def _matching_edge(edges: list[float], x: float) -> int | None:
    best = _index(edges, x)
    return best if abs(edges[best] - x) <= _CONTINUATION_TOLERANCE else None


def join_tables(first: Table, rest: Table, rest_page: int | None) -> Table:
    """``first`` with the rows of ``rest`` appended, repeated header rows dropped.

    A vertically merged cell cut by the page break reappears at the top of the next page
    as an empty (usually multi-row) cell under the same columns: it is joined back to the
    cell above, as the Word original has it.
    """
    skip = _repeated_header_rows(first, rest)
    offset = first.n_rows - skip
    cells = list(first.cells)
    bottom = {(c.col, c.col_span): i for i, c in enumerate(cells) if c.last_row == first.n_rows - 1}
    for c in rest.cells:
        if c.row < skip:
            continue
        above = bottom.get((c.col, c.col_span)) if c.row == skip else None
        if above is not None and _continues_merge(cells[above], c):
            prev = cells[above]
            cells[above] = Cell(prev.row, prev.col, prev.text, prev.row_span + c.row_span,
                                prev.col_span, prev.page)
            continue
        cells.append(Cell(c.row + offset, c.col, c.text, c.row_span, c.col_span, c.page))
    cells.sort(key=lambda c: (c.row, c.col))
    row_pages = list(first.row_pages) + [rest_page] * (rest.n_rows - skip)
    return Table(
        cells=cells,
        n_rows=first.n_rows + rest.n_rows - skip,
        n_cols=first.n_cols,
        page=first.page,
        row_pages=row_pages,
    )


def _continues_merge(above: Cell, below: Cell) -> bool:
    """An empty cell under a labelled one, either of them spanning rows: one merged cell."""
    return not below.text and bool(above.text) and (above.row_span > 1 or below.row_span > 1)


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
