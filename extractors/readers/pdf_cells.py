"""pdfplumber's table finder (lines strategy) with its cell step made linear.

``pdfplumber.table.intersections_to_cells`` compares every intersection with every later
one and rebuilds both points' edge sets for each comparison (and re-creates its typed
helper functions on every call): on a ruled page of a few hundred intersections that step
was a fifth of the whole extraction. ``cells`` below gives the same cells in the same order
— the same search, smallest cell first, over the same points — from each point's edge
sets made once and the points below and to the right of it taken from per-column and
per-row lists. Everything else (edges, merging, intersections, grouping into tables) is
pdfplumber's own code, called as ``TableFinder.__init__`` calls it.
"""

from __future__ import annotations

from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections
from pdfplumber.utils import obj_to_bbox


class LinearTableFinder(TableFinder):
    """``TableFinder`` (default settings, lines strategy) with ``cells`` for its cell step."""

    def __init__(self, page, settings=None) -> None:  # noqa: D107 - pdfplumber's signature
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance)
        self.cells = cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def cells(intersections: dict) -> list[tuple]:
    """``pdfplumber.table.intersections_to_cells``, equal output, each point's work bounded
    by the points in its own column and row."""
    points = sorted(intersections)
    vertical = {p: {obj_to_bbox(e) for e in edges["v"]} for p, edges in intersections.items()}
    horizontal = {p: {obj_to_bbox(e) for e in edges["h"]} for p, edges in intersections.items()}
    # In sorted order the points after ``pt`` with its x are those below it (increasing y),
    # and those with its y are to its right (increasing x), as pdfplumber's filters find them.
    column: dict[float, list[tuple]] = {}
    row: dict[float, list[tuple]] = {}
    for point in points:
        column.setdefault(point[0], []).append(point)
        row.setdefault(point[1], []).append(point)
    place_in_column = {p: i for members in column.values() for i, p in enumerate(members)}
    place_in_row = {p: i for members in row.values() for i, p in enumerate(members)}

    def connects(p1: tuple, p2: tuple) -> bool:
        if p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2]):
            return True
        return p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])

    found = []
    for pt in points[:-1]:  # pdfplumber: none for the last point
        below = column[pt[0]][place_in_column[pt] + 1:]
        right = row[pt[1]][place_in_row[pt] + 1:]
        cell = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            found.append(cell)
    return found
