"""The linear cell step gives pdfplumber's cells, in pdfplumber's order: on random rulings
(grids with missing, short and overlapping segments) and on every ruled page of the corpus."""

from __future__ import annotations

import pytest
from conftest import corpus_pdfs
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import TableFinder, edges_to_intersections, intersections_to_cells

from extractors.readers.pdf_cells import LinearTableFinder, cells

_COORD = st.integers(min_value=0, max_value=12).map(lambda v: v * 10.0)


def _h(y: float, x0: float, x1: float) -> dict:
    x0, x1 = sorted((x0, x1 + 5.0))
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
            "orientation": "h", "object_type": "line"}


def _v(x: float, y0: float, y1: float) -> dict:
    y0, y1 = sorted((y0, y1 + 5.0))
    return {"x0": x, "x1": x, "top": y0, "bottom": y1, "width": 0.0, "height": y1 - y0,
            "orientation": "v", "object_type": "line"}


_EDGES = st.lists(st.one_of(st.builds(_h, _COORD, _COORD, _COORD), st.builds(_v, _COORD, _COORD, _COORD)),
                  max_size=40)


@settings(max_examples=300, deadline=None)
@given(_EDGES)
def test_random_rulings_give_pdfplumbers_cells(edges):
    intersections = edges_to_intersections(edges, 3, 3)
    assert cells(intersections) == intersections_to_cells(intersections)


def test_every_ruled_corpus_page_gives_pdfplumbers_tables():
    pdfium = pytest.importorskip("pypdfium2")
    from extractors.readers.pdf_pdfium import read_page

    pdfs = corpus_pdfs()
    if not pdfs:
        pytest.skip("real corpus not found (set JUESUAN_CORPUS to its folder)")
    ruled = 0
    for path in pdfs:
        document = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(document)):
                data = read_page(document, index)
                if data is None or not data.edges:
                    continue
                ruled += 1
                theirs, ours = TableFinder(data), LinearTableFinder(data)
                assert ours.cells == theirs.cells, (path.name, index + 1)
                assert [t.cells for t in ours.tables] == [t.cells for t in theirs.tables], (path.name, index + 1)
        finally:
            document.close()
    assert ruled > 0
