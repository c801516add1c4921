"""The PDF reader on the real published reports (``../shared/corpus``; skipped when absent).

Every asserted cell and sentence was checked against the rendered page
(``pdftoppm -r 80 -f N -l N -png``): the page numbers are given beside each check.
"""

from __future__ import annotations

from functools import cache

import pdfplumber
import pytest
from conftest import CORPUS, corpus_pdfs

from extractors.document import Document, Paragraph, Table
from extractors.errors import NoTextLayer
from extractors.readers.pdf import read_pdf

CZJ = "上海市普陀区财政局2024年度部门决算.pdf"
WANLI_24 = "上海市普陀区人民政府万里街道办事处24年预算.pdf"
NAMES = [path.name for path in corpus_pdfs()] or ["(corpus absent)"]


@pytest.fixture(autouse=True)
def _without_ocr(monkeypatch):
    """These tests pin the text layer: a page without one is reported, not OCR'd
    (tests/test_ocr.py reads such pages with the [ocr] extra)."""
    monkeypatch.setenv("JUESUAN_OCR", "0")


@cache
def _read(name: str) -> Document:
    return read_pdf(CORPUS / name)


@pytest.fixture
def czj(corpus_dir) -> Document:
    return _read(CZJ)


@pytest.fixture
def wanli(corpus_dir) -> Document:
    return _read(WANLI_24)


def _values(table: Table, row: int) -> list[str]:
    return [c.value for c in table.row_cells(row)]


def _table_after(doc: Document, title: str) -> Table:
    """The first table after the paragraph that is exactly ``title``."""
    for block in doc.blocks:
        if isinstance(block, Paragraph) and block.text == title:
            return next(b for b in doc.blocks[block.block:] if isinstance(b, Table))
    raise AssertionError(f"no paragraph {title!r}")


def _row_starting(table: Table, *cells: str) -> int:
    return next(r for r in range(table.n_rows) if _values(table, r)[: len(cells)] == list(cells))


def _textless_pages(path) -> set[int]:
    """Pages of the file with no character at all (images only), by pdfplumber."""
    with pdfplumber.open(path) as pdf:
        return {n for n, page in enumerate(pdf.pages, 1) if not page.chars}


def _is_scan(path) -> bool:
    with pdfplumber.open(path) as pdf:
        return len(_textless_pages(path)) == len(pdf.pages)


@pytest.mark.parametrize("name", NAMES)
def test_every_corpus_pdf_reads_cleanly(corpus_dir, name, monkeypatch):
    """Every text-layer file reads; a scan (no text on any page) is refused with its reason.

    A report may be narrative only (its tables in another file), so tables are not required;
    a page without text (a scanned stamp page) is reported as such, and nothing else is.
    """
    textless = _textless_pages(corpus_dir / name)
    with pdfplumber.open(corpus_dir / name) as pdf:
        count = len(pdf.pages)
    if _is_scan(corpus_dir / name):  # without OCR (tests/test_ocr.py reads scans with it)
        monkeypatch.setenv("JUESUAN_OCR", "0")
        with pytest.raises(NoTextLayer, match="scanned PDF"):
            read_pdf(corpus_dir / name)
        return
    doc = _read(name)
    assert doc.pages == count
    assert all(issue.problem == "no_text_layer" for issue in doc.issues)
    assert {issue.page for issue in doc.issues} <= textless
    assert doc.paragraphs
    pages = [b.page for b in doc.blocks]
    assert pages == sorted(pages) and 1 <= pages[0] and pages[-1] <= doc.pages
    text = doc.full_text()
    assert "(cid:" not in text
    assert not any(p.text.strip("—-– ").isdigit() for p in doc.paragraphs)  # no footers
    for table in doc.tables:
        assert len(table.row_pages) == table.n_rows and all(p is not None for p in table.row_pages)


def test_czj_narrative_keeps_lowered_digits_in_their_line(czj):
    """p21: Times New Roman digits sit ~5 pt below the FangSong text of the same line."""
    paragraph = next(p for p in czj.paragraphs if "2995.39" in p.text)
    assert paragraph.page == 21
    assert paragraph.text.startswith(
        "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，"
        "收入支出总计减少56.95万元，下降1.87%。"
    )


def test_czj_general_budget_expenditure_row(czj):
    """p15, 一般公共预算财政拨款支出决算表: 201 06 01 行政运行 1,511.89 1,503.52 8.37."""
    table = _table_after(czj, "一般公共预算财政拨款支出决算表")
    assert table.page == 15 and (table.n_rows, table.n_cols) == (24, 7)
    row = _row_starting(table, "201", "06", "01")
    assert _values(table, row) == ["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37"]
    assert _values(table, table.n_rows - 1) == ["合计", "2,940.05", "2,336.91", "603.14"]
    assert table.cell_at(table.n_rows - 1, 3).value == "合计"  # 合计 spans the code columns


def test_czj_names_wrapped_in_their_cell_read_whole(czj):
    """p8, 收入决算表: the 208 05 05 name wraps after 保险 in its cell."""
    table = _table_after(czj, "收入决算表")
    row = _row_starting(table, "208", "05", "05")
    name = table.cell_at(row, 3)
    assert name.text == "机关事业单位基本养老保险\n缴费支出"
    assert _values(table, row)[3:6] == ["机关事业单位基本养老保险缴费支出", "160.75", "160.75"]


def test_czj_merged_header_cells_have_spans(czj):
    """p15 header: 项目 over the four code/name columns; 合计 down three rows."""
    table = _table_after(czj, "一般公共预算财政拨款支出决算表")
    project = table.cell_at(0, 0)
    assert (project.value, project.col_span) == ("项目", 4)
    total = table.cell_at(0, 4)
    assert (total.value, total.row_span) == ("合计", 4)
    assert table.grid()[0][1:4] == [None, None, None]


def test_wanli_expenditure_table_is_joined_over_pages_22_to_26(wanli):
    """p22–26: one table; the header printed on every page is kept once."""
    table = _table_after(wanli, "2024年部门一般公共预算支出功能分类预算表")
    assert (table.n_rows, table.n_cols) == (70, 7)
    assert sorted(set(table.row_pages)) == [22, 23, 24, 25, 26]
    assert sum(_values(table, r)[:1] == ["功能分类科目编码"] for r in range(table.n_rows)) == 1
    row = _row_starting(table, "212", "01", "01")  # p25
    assert table.row_pages[row] == 25
    assert _values(table, row) == ["212", "01", "01", "行政运行", "16,603,248", "16,353,248", "250,000"]
    assert _values(table, table.n_rows - 1) == ["合计", "156,211,123", "99,706,020", "56,505,103"]


def test_wanli_total_row_alone_on_its_page_joins_the_table(wanli):
    """p15 holds only the 合计 row of the 收入预算总表 begun on p11."""
    table = _table_after(wanli, "2024年部门收入预算总表")
    assert table.row_pages[0] == 11 and table.row_pages[-1] == 15
    assert table.grid()[-1] == ["合计", None, None, None, "156,211,123", "156,211,123", "0", "0", "0"]


@pytest.mark.parametrize("name", NAMES)
def test_both_page_engines_agree_on_every_corpus_pdf(corpus_dir, name, monkeypatch):
    """The PDFium page parser gives exactly the pdfplumber (pdfminer.six) reading."""
    if _is_scan(corpus_dir / name):  # without OCR both refuse it, with the same reason
        monkeypatch.setenv("JUESUAN_OCR", "0")
        messages = []
        for engine in ("pdfium", "pdfplumber"):
            with pytest.raises(NoTextLayer) as refused:
                read_pdf(corpus_dir / name, engine=engine)
            messages.append(str(refused.value))
        assert messages[0] == messages[1]
        return
    fast, reference = _read(name), read_pdf(corpus_dir / name, engine="pdfplumber")
    assert [_block_view(b) for b in fast.blocks] == [_block_view(b) for b in reference.blocks]
    assert (fast.pages, fast.issues) == (reference.pages, reference.issues)


def _block_view(block) -> tuple:
    if isinstance(block, Paragraph):
        return ("p", block.page, block.text)
    cells = [(c.row, c.col, c.row_span, c.col_span, c.page, c.text) for c in block.cells]
    return ("t", block.page, block.n_rows, block.n_cols, tuple(block.row_pages), tuple(cells))
