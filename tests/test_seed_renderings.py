"""The seed report read from .txt, .docx and .pdf is one document, pages aside.

The .docx and .pdf under tests/fixtures/seed/ are generated from the .txt reading
(``tests/fixtures/make_fixtures.py``), so any difference between the three readings is
a reader's fault. The first tests check the fixture files themselves (true Word merges,
ruled PDF tables, page numbers in the footer) without any of our readers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, SEED_TXT
from docx import Document as open_docx
from docx.oxml.ns import qn

from extractors.document import Document, Table
from extractors.readers import read_document

SEED_DOCX = FIXTURES / "seed" / "yanbian_2020.docx"
SEED_PDF = FIXTURES / "seed" / "yanbian_2020.pdf"
RENDERINGS = {"txt": SEED_TXT, "docx": SEED_DOCX, "pdf": SEED_PDF}
FORM_ROWS = [19, 17, 17, 17, 17]


@pytest.fixture(scope="module")
def txt_doc() -> Document:
    return read_document(SEED_TXT)


def _read(kind: str) -> Document:
    return read_document(RENDERINGS[kind])


@pytest.fixture(scope="module", params=list(RENDERINGS))
def rendering(request) -> tuple[str, Document]:
    return request.param, _read(request.param)


# -- the fixture files themselves ------------------------------------------------------


def test_docx_has_true_word_merges_and_ruled_tables():
    word = open_docx(str(SEED_DOCX))
    assert len(word.tables) == 5
    body = word.element.body
    spans = [int(e.get(qn("w:val"))) for e in body.iter(qn("w:gridSpan"))]
    restarts = [e for e in body.iter(qn("w:vMerge")) if e.get(qn("w:val")) == "restart"]
    assert sorted(set(spans)) == [2, 4, 5, 6]
    assert len(restarts) == 15  # 预算执行情况, 年度目标完成情况, 绩效指标完成情况 ×5 forms
    assert all(t.style.name == "Table Grid" for t in word.tables)


def test_docx_paragraphs_are_the_txt_paragraphs(txt_doc):
    """Read with python-docx directly: the generator wrote every paragraph, in order."""
    word = open_docx(str(SEED_DOCX))
    texts = [p.text for p in word.paragraphs if p.text]
    assert texts == [p.text for p in txt_doc.paragraphs]


def test_docx_footer_numbers_pages_with_a_page_field():
    word = open_docx(str(SEED_DOCX))
    footer = word.sections[0].footer.paragraphs[0]
    fields = footer._p.findall(qn("w:fldSimple"))
    assert [f.get(qn("w:instr")) for f in fields] == ["PAGE"]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")


def test_pdf_is_a4_with_ruled_tables_and_page_numbers():
    import pdfplumber

    with pdfplumber.open(SEED_PDF) as pdf:
        assert 10 <= len(pdf.pages) <= 25
        first = pdf.pages[0]
        assert (round(first.width), round(first.height)) == (595, 842)
        for number, page in enumerate(pdf.pages, start=1):
            assert page.extract_text().rstrip().endswith(f"— {number} —")
        ruled = [n for n, page in enumerate(pdf.pages, start=1) if page.find_tables()]
        assert len(ruled) >= 5 and all(len(p.chars) for p in pdf.pages)


# -- every reader gives the same document ------------------------------------------------


def test_same_paragraph_texts(rendering, txt_doc):
    kind, doc = rendering
    assert [p.text for p in doc.paragraphs] == [p.text for p in txt_doc.paragraphs], kind


def test_same_table_grids(rendering, txt_doc):
    kind, doc = rendering
    got = [t.shape_signature() for t in doc.tables]
    assert got == [t.shape_signature() for t in txt_doc.tables], kind


def test_blocks_in_the_same_order(rendering, txt_doc):
    kind, doc = rendering
    assert [b.kind for b in doc.blocks] == [b.kind for b in txt_doc.blocks], kind
    assert [b.block for b in doc.blocks] == list(range(len(doc.blocks)))


def test_five_performance_forms_with_their_merges(rendering):
    kind, doc = rendering
    forms = doc.tables
    assert [(t.n_rows, t.n_cols) for t in forms] == [(r, 6) for r in FORM_ROWS], kind
    for form in forms:
        _assert_form_merges(form)
    first = forms[0]
    assert first.cell_at(3, 2).value == "78" and first.cell_at(3, 4).value == "77.98"
    assert first.cell_at(15, 2).value == "经济效益指标"
    covid = forms[3]
    assert covid.cell_at(1, 1).value == "新型冠状肺炎防控工作保障经费"
    assert covid.cell_at(3, 4).value == "0.9"  # the form prints 0.9 where the text says 0.09


def _assert_form_merges(form: Table) -> None:
    title = form.cell_at(0, 0)
    assert title.value == "项目绩效目标完成情况表（2020年度）" and title.col_span == 6
    assert (form.cell_at(1, 1).col_span, form.cell_at(2, 1).col_span) == (5, 5)
    budget = form.cell_at(3, 0)
    assert (budget.value, budget.row_span) == ("预算执行情况(万元)", 3)
    assert [form.cell_at(r, 4).col_span for r in (3, 4, 5)] == [2, 2, 2]
    goals = form.cell_at(6, 0)
    assert (goals.value, goals.row_span) == ("年度目标完成情况", 2)
    assert form.cell_at(6, 2).col_span == 4
    indicators = form.cell_at(8, 0)
    assert (indicators.value, indicators.row, indicators.row_span) == (
        "绩效指标完成情况", 8, form.n_rows - 8)
    assert [c.value for c in form.row_cells(8)][1:] == [
        "一级指标", "二级指标", "三级指标",
        "预期指标值(包含数字及文字描述)", "实际完成指标值(包含数字及文字描述)"]


def test_pdf_pages_are_recorded(txt_doc):
    doc = _read("pdf")
    assert doc.pages == _pdf_pages(SEED_PDF)
    assert all(b.page is not None for b in doc.blocks)
    pages = [b.page for b in doc.blocks]
    assert pages == sorted(pages) and pages[0] == 1


def _pdf_pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)
