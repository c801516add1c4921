"""Performance forms broken by page breaks: the PDF must read as the Word original does.

``fixtures/sources/yanbian_2019.docx`` holds three 14×6 performance forms; the two PDFs
are LibreOffice renderings of the same content laid out differently
(``fixtures/gen/yanbian_2019.py``, checked against ``pdftoppm -r 60`` page images):

* ``_flow.pdf``: the second form starts at the foot of page 4 and goes on at the top of
  page 5, the break falling inside the two-row 年度目标完成情况 merge. The page-4 part
  has no row needing the indicator block's fifth boundary, and the merge's label is
  printed in its lower (page-5) half, above it an empty cell.
* ``_page_per_form.pdf``: each form starts a new page, the first two ending half-way
  down theirs; every form opens with the same title row.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import FIXTURES

from extractors.document import Document
from extractors.forms import extract_projects
from extractors.readers import read_document
from extractors.readers.pdf import read_pdf
from models.records import to_plain

SOURCES = FIXTURES / "sources"
DOCX = SOURCES / "yanbian_2019.docx"
FLOW, PAGE_PER_FORM = "yanbian_2019_flow.pdf", "yanbian_2019_page_per_form.pdf"
PDFS = [FLOW, PAGE_PER_FORM]


@cache
def _read(name: str, engine: str = "pdfium") -> Document:
    return read_pdf(SOURCES / name, engine=engine)


@cache
def _docx() -> Document:
    return read_document(DOCX)


def _without_locations(projects) -> list:
    """Projects as plain data, page and block (which differ between formats) dropped."""
    return _drop(to_plain(projects), {"page", "line", "block"})


def _drop(obj, keys: set[str]):
    if isinstance(obj, dict):
        return {k: _drop(v, keys) for k, v in obj.items() if k not in keys}
    if isinstance(obj, list):
        return [_drop(x, keys) for x in obj]
    return obj


def test_the_word_original_holds_three_forms_of_14_by_6():
    assert [(t.n_rows, t.n_cols) for t in _docx().tables[:4]] == [(14, 6)] * 3 + [(29, 4)]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("name", PDFS)
def test_the_pdf_tables_are_the_word_tables(name, engine):
    """Same grids, spans and cell values as the .docx, table for table."""
    doc = _read(name, engine)
    assert [t.shape_signature() for t in doc.tables] == [
        t.shape_signature() for t in _docx().tables
    ]


@pytest.mark.parametrize("name", PDFS)
def test_the_forms_extracted_are_the_word_forms(name):
    projects = extract_projects(_read(name))
    assert [p.name for p in projects] == ["县政府办公室工作经费", "办公设备专项购置经费",
                                          "全县政务公开标准化建设经费"]
    assert _without_locations(projects) == _without_locations(extract_projects(_docx()))


@pytest.mark.parametrize("name", PDFS)
def test_both_page_engines_agree(name):
    assert _reading(_read(name, "pdfium")) == _reading(_read(name, "pdfplumber"))


def _reading(doc: Document) -> list:
    return [
        (b.kind, b.page, b.text) if b.kind == "paragraph"
        else (b.kind, b.page, tuple(b.row_pages), b.shape_signature(),
              tuple((c.text, c.page) for c in b.cells))
        for b in doc.blocks
    ]


def test_the_form_broken_over_pages_4_and_5_is_one_table():
    """Page 4 ends after the 预期目标 | 实际完成目标 row; page 5 opens with the goal row."""
    form = _read(FLOW).tables[1]
    assert form.cell_at(1, 1).value == "办公设备专项购置经费"
    assert form.row_pages == [4] * 7 + [5] * 7
    label = form.cell_at(7, 0)
    assert (label.row, label.row_span, label.value) == (6, 2, "年度目标完成情况")
    assert label.page == 5  # where the label is printed
    assert form.grid()[6][1:3] == ["预期目标", "实际完成目标"]
    assert form.grid()[7][1:3] == ["实行无纸化会议，节约会议成本。", "已实行无纸化会议。"]
    goal = form.cell_at(6, 2)  # the page-4 row was one boundary short: re-spanned
    assert (goal.col_span, goal.value) == (4, "实际完成目标")


def test_forms_each_on_its_own_page_stay_apart():
    forms = _read(PAGE_PER_FORM).tables[:3]
    assert [(f.page, sorted(set(f.row_pages))) for f in forms] == [(5, [5]), (6, [6]), (7, [7])]
    assert [f.cell_at(1, 1).value for f in forms] == [
        "县政府办公室工作经费", "办公设备专项购置经费", "全县政务公开标准化建设经费"
    ]
