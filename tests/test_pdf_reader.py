"""The PDF reader on PDFs we made: what was written in Word must come back from the PDF.

``fixtures/pdf_cases/layout_cases.pdf`` is a LibreOffice export of a python-docx document
(``make_pdf_cases.py``, whose constants are the expected content): paragraphs without
spacing, merged cells, tables split over pages, a "— N —" footer. Unreadable inputs are
built in tmp_path (an image-only page, garbage after a PDF header) or taken from the
committed ``fixtures/bad`` files.
"""

from __future__ import annotations

import io
from dataclasses import replace

import make_pdf_cases as cases  # tests/fixtures/pdf_cases (pytest's pythonpath)
import pytest
from conftest import FIXTURES

from extractors.document import Format, PageIssue, Table, build_table
from extractors.errors import CorruptFile, EncryptedFile, NoTextLayer
from extractors.readers.pdf import read_pdf
from extractors.readers.pdf_lines import Line, cluster_lines, is_footer
from extractors.readers.pdf_paragraphs import PageContent, assemble
from extractors.readers.pdf_tables import PageTable, continue_table, join_tables
from extractors.textnorm import normalize_text

LAYOUT_PDF = cases.PDF
BAD = FIXTURES / "bad"


@pytest.fixture(scope="module")
def doc():
    return read_pdf(LAYOUT_PDF)


# -- paragraphs ----------------------------------------------------------------------


def test_document_facts(doc):
    assert doc.format is Format.PDF and doc.pages == 5 and doc.issues == []
    assert [b.block for b in doc.blocks] == list(range(len(doc.blocks)))


def test_wrapped_lines_are_rejoined_into_the_written_paragraphs(doc):
    written = (
        [cases.TITLE, *cases.INDENTED, *cases.SPACED, cases.MERGED_TITLE, cases.NOTE,
         cases.LONG_TITLE, cases.PLAIN_TITLE, cases.CLOSING]
    )
    assert [p.text for p in doc.paragraphs] == [normalize_text(t) for t in written]


def test_blocks_interleave_tables_and_paragraphs_in_page_order(doc):
    kinds = [b.kind[0] for b in doc.blocks]
    assert "".join(kinds) == "p" * 9 + "tpt" + "pt" + "pt" + "p"
    pages = [b.page for b in doc.blocks]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == 5


def test_footer_page_numbers_are_dropped(doc):
    text = doc.full_text()
    for number in range(1, doc.pages + 1):
        assert f"—{number}—" not in text and f"— {number} —" not in text


# -- tables --------------------------------------------------------------------------


def test_merged_cells_appear_once_with_their_spans(doc):
    table = doc.tables[0]
    written = build_table(
        [[(text, rows, cols) for text, cols, rows in row] for row in cases.MERGED_ROWS]
    )
    assert table.shape_signature() == written.shape_signature()
    assert table.spans() == [(0, 0, 1, 2), (0, 2, 1, 2), (2, 0, 2, 1), (2, 1, 2, 1), (4, 0, 1, 3)]
    assert table.grid()[3][:2] == [None, None]  # under the vertical merges


def test_a_name_wrapped_in_its_cell_reads_whole(doc):
    cell = doc.tables[0].cell_at(2, 2)
    assert cell.value == "机关事业单位基本养老保险缴费支出"
    assert "\n" in cell.text  # the PDF line break is kept in the text, not in the value


def test_two_tables_on_one_page_stay_separate(doc):
    merged, small = doc.tables[:2]
    assert merged.page == small.page == 1
    assert [[c.value for c in small.row_cells(r)] for r in range(small.n_rows)] == cases.SMALL_ROWS


@pytest.mark.parametrize(
    "index, header, rows",
    [(2, cases.LONG_HEADER, cases.LONG_ROWS), (3, cases.PLAIN_HEADER, cases.PLAIN_ROWS)],
    ids=["repeated-header", "no-repeated-header"],
)
def test_a_table_split_over_pages_is_one_table(doc, index, header, rows):
    table = doc.tables[index]
    values = [[c.value for c in table.row_cells(r)] for r in range(table.n_rows)]
    assert values == [header] + rows  # header once, every row once, in order
    assert len(set(table.row_pages)) >= 2
    assert table.row_pages == sorted(table.row_pages) and table.page == table.row_pages[0]
    assert all(c.page == table.row_pages[c.row] for c in table.cells)


# -- lines and footers (synthetic characters) ----------------------------------------


def _char(text, x0, top, size=12.0):
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size}


def test_digits_set_lower_than_han_text_stay_on_their_line():
    """FangSong text with Times digits ~5 pt lower (财政局 2024 p21) is one line, in x order."""
    chars = [_char("总", 100, 183.1), _char("计", 112, 183.1)]
    digits = [_char(d, 124 + 6 * i, 187.9) | {"x1": 130 + 6 * i} for i, d in enumerate("2995")]
    chars += digits
    chars += [_char("万", 148, 183.1), _char("元", 160, 183.1), _char("下", 100, 203.0)]
    lines = cluster_lines(chars)
    assert [line.text for line in lines] == ["总计2995万元", "下"]


def test_a_lowered_digit_does_not_pull_the_next_line_in():
    chars = [_char("年", 100, 100.0), _char("9", 112, 105.0), _char("次", 100, 114.0)]
    assert [line.text for line in cluster_lines(chars)] == ["年9", "次"]


@pytest.mark.parametrize("text", ["— 3 —", "- 3 -", "第 3 页", "3", "第3页共20页", "3/20"])
def test_page_numbers_in_the_bottom_margin_are_footers(text):
    chars = [_char(ch, 280 + 8 * i, 800.0) for i, ch in enumerate(text) if ch != " "]
    line = cluster_lines(chars)[0]
    assert is_footer(line, 842.0)


def test_a_number_in_the_body_is_not_a_footer():
    line = cluster_lines([_char("3", 280, 400.0)])[0]
    assert not is_footer(line, 842.0)


# -- joining page parts --------------------------------------------------------------


def _page_table(rows, edges, page, row_height=20.0, top=0.0):
    """A page part laid on column ``edges``, its rows ``row_height`` tall from ``top``."""
    table = build_table(rows, page=page)
    ys = [top + row_height * i for i in range(table.n_rows + 1)]
    return PageTable(table=table, bbox=(edges[0], ys[0], edges[-1], ys[-1]), col_edges=edges,
                     row_edges=ys)


def _join(first: PageTable, rest: PageTable, room_below=None) -> Table | None:
    joined = continue_table(first.table, first, rest, room_below)
    return None if joined is None else joined[0]


def test_a_last_page_with_only_the_total_row_joins_on_the_table_columns():
    """"合计" spans the code columns, so that page part lacks their inner boundaries."""
    body = _page_table([[("201", 1, 1), ("01", 1, 1), ("行政运行", 1, 1), ("8.37", 1, 1)]],
                       [50.0, 80.0, 110.0, 300.0, 400.0], page=1)
    total = _page_table([[("合计", 1, 1), ("8.37", 1, 1)]], [50.5, 300.4, 400.2], page=2)
    joined, edges = continue_table(body.table, body, total, None)
    assert joined.grid() == [["201", "01", "行政运行", "8.37"], ["合计", None, None, "8.37"]]
    assert joined.row_pages == [1, 2] and edges == body.col_edges


def test_a_first_part_lacking_a_boundary_is_laid_on_the_next_parts_columns():
    """The rows above a form's indicator block never needed the indicator columns' boundary:
    the part on the first page has one boundary fewer than the rest on the next page."""
    edges = [50.0, 100.0, 200.0, 300.0, 400.0]
    head = _page_table([[("项目名称", 1, 1), ("经费", 1, 2)], [("年度目标", 1, 1), ("预期", 1, 1),
                        ("实际", 1, 1)]], [50.0, 100.0, 200.0, 400.0], page=4)
    rest = _page_table([[("指标", 1, 1), ("a", 1, 1), ("b", 1, 1), ("c", 1, 1)]], edges, page=5)
    joined, common = continue_table(head.table, head, rest, None)
    assert common == edges and (joined.n_rows, joined.n_cols) == (3, 4)
    assert joined.grid() == [["项目名称", "经费", None, None], ["年度目标", "预期", "实际", None],
                             ["指标", "a", "b", "c"]]


@pytest.mark.parametrize("other", [[50.0, 260.0, 400.0], [50.0, 200.0, 300.0, 420.0]],
                         ids=["moved-boundary", "other-outer-edge"])
def test_a_table_with_other_columns_does_not_continue(other):
    first = _page_table([[("a", 1, 1), ("b", 1, 1)]], [50.0, 200.0, 400.0], page=1)
    candidate = _page_table([[("c", 1, 1)] * (len(other) - 1)], other, page=2)
    assert _join(first, candidate) is None


def test_a_vertical_merge_cut_by_the_page_break_is_one_cell_again():
    head = [("项目", 1, 1), ("值", 1, 1)]
    first = build_table([head, [("绩效指标", 2, 1), ("a", 1, 1)], [("b", 1, 1)]], page=1)
    rest = build_table([head, [("", 2, 1), ("c", 1, 1)], [("d", 1, 1)]], page=2)
    joined: Table = join_tables(first, rest, 2)
    label = joined.cell_at(4, 0)
    assert (label.value, label.row, label.row_span) == ("绩效指标", 1, 4)
    assert [c.value for c in joined.cells if c.col == 1] == ["值", "a", "b", "c", "d"]
    assert joined.row_pages == [1, 1, 1, 2, 2]


def _on_page(table: Table, page: int) -> Table:
    """``table`` with its cells on ``page`` too (``build_table`` sets only the table's)."""
    table.cells = [replace(c, page=page) for c in table.cells]
    return table


def _form_parts(label_below: str):
    """A form cut inside a two-row merge whose label is printed in its lower part."""
    first = _on_page(build_table([
        [("预算执行情况", 2, 1), ("预算数", 1, 1), ("55", 1, 1)],
        [("执行数", 1, 1), ("54", 1, 1)],
        [("", 1, 1), ("预期目标", 1, 1), ("实际完成", 1, 1)],
    ], page=4), 4)
    rest = _on_page(build_table([[(label_below, 1, 1), ("目标", 1, 1), ("完成", 1, 1)]], page=5), 5)
    return first, rest


def test_a_merge_labelled_in_its_lower_part_is_one_cell_with_the_labels_page():
    first, rest = _form_parts("年度目标完成情况")
    joined = join_tables(first, rest, 5)
    label = joined.cell_at(3, 0)
    assert (label.row, label.row_span, label.value, label.page) == (2, 2, "年度目标完成情况", 5)
    assert joined.grid()[3] == [None, "目标", "完成"] and joined.row_pages == [4, 4, 4, 5]


@pytest.mark.parametrize("below", ["201", "合计"], ids=["code", "total"])
def test_a_code_or_total_under_an_empty_cell_starts_its_own_row(below):
    first, rest = _form_parts(below)
    joined = join_tables(first, rest, 5)
    assert joined.cell_at(2, 0).value == "" and joined.cell_at(3, 0).value == below
    assert (joined.cell_at(3, 0).row, joined.cell_at(3, 0).row_span) == (3, 1)


def test_an_empty_cell_under_no_row_group_label_is_not_a_cut_merge():
    """Nothing in the column spans rows: the empty cell is just empty."""
    first = build_table([[("科目", 1, 1), ("金额", 1, 1)], [("", 1, 1), ("1", 1, 1)]], page=1)
    rest = build_table([[("其他支出", 1, 1), ("2", 1, 1)]], page=2)
    assert join_tables(first, rest, 2).grid() == [["科目", "金额"], ["", "1"], ["其他支出", "2"]]


_EDGES = [50.0, 200.0, 400.0]


def _titled(title: str, body: str, page: int, header: bool = False) -> PageTable:
    rows = [[(title, 1, 2)]] + ([[("项目", 1, 1), ("金额", 1, 1)]] if header else [])
    return _page_table(rows + [[(body, 1, 1), ("1", 1, 1)]], _EDGES, page)


def test_a_next_page_table_opening_with_a_title_row_is_a_new_table():
    """Three forms, each on its own page, carry the same title in their first row."""
    first = _titled("项目绩效目标完成情况表", "甲", page=5)
    second = _titled("项目绩效目标完成情况表", "乙", page=6)
    assert _join(first, second, room_below=0.0) is None


def test_a_title_repeated_with_the_column_headers_is_a_repeated_header():
    first = _titled("支出决算表", "甲", page=1, header=True)
    rest = _titled("支出决算表", "乙", page=2, header=True)
    joined = _join(first, rest, room_below=0.0)
    assert [row[0] for row in joined.grid()] == ["支出决算表", "项目", "甲", "乙"]


def test_a_table_ending_well_above_the_bottom_margin_does_not_continue():
    """Rows are 20 pt: the next row plus three more would have fitted in 100 pt."""
    first = _page_table([[("甲", 1, 1), ("1", 1, 1)]] * 3, _EDGES, page=1)
    rest = _page_table([[("乙", 1, 1), ("2", 1, 1)]], _EDGES, page=2)
    assert _join(first, rest, room_below=100.0) is None
    assert _join(first, rest, room_below=60.0).row_pages == [1, 1, 1, 2]
    assert _join(first, rest, room_below=None).n_rows == 4  # bottom of the page unknown


# -- pages that cannot be read -------------------------------------------------------


def _image_pdf_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (600, 800), 255).save(buffer, format="PDF", resolution=72)
    return buffer.getvalue()


def test_a_scan_raises_no_text_layer_with_the_page_count(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_image_pdf_bytes())
    with pytest.raises(NoTextLayer) as raised:
        read_pdf(scan)
    assert raised.value.reason.startswith("no text layer on any of 1 pages")
    assert "ocr" in raised.value.reason.lower()


def test_a_scanned_page_among_text_pages_is_reported(tmp_path):
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(LAYOUT_PDF), [0])
    mixed.import_pages(pdfium.PdfDocument(_image_pdf_bytes()))
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    doc = read_pdf(path)
    assert doc.pages == 2 and doc.issues == [PageIssue(2, "no_text_layer")]
    assert doc.paragraphs[0].text == normalize_text(cases.TITLE)


def test_garbage_after_a_pdf_header_is_a_corrupt_file(tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00\x17 not a pdf body " * 200)
    with pytest.raises(CorruptFile) as raised:
        read_pdf(path)
    assert "\n" not in raised.value.reason


def test_a_truncated_pdf_is_a_corrupt_file(tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(LAYOUT_PDF.read_bytes()[: LAYOUT_PDF.stat().st_size * 2 // 5])
    with pytest.raises(CorruptFile) as raised:
        read_pdf(path)
    assert raised.value.reason.startswith("damaged PDF") and "\n" not in raised.value.reason


def test_an_encrypted_pdf_asks_for_its_password():
    with pytest.raises(EncryptedFile) as raised:
        read_pdf(BAD / "encrypted.pdf")
    assert raised.value.reason == "encrypted PDF: password required"


def test_glyphs_without_unicode_are_reported_and_never_read_as_text():
    doc = read_pdf(BAD / "cid_glyphs.pdf")
    assert [(i.page, i.problem) for i in doc.issues] == [(2, "cid_glyphs")]
    assert "(cid:" not in doc.full_text() and doc.paragraphs[0].page == 1


# -- the two page engines ------------------------------------------------------------


def reading(doc) -> list:
    """Everything a reading holds, provenance included, for comparing engines."""
    blocks = [
        (b.kind, b.page, b.text) if b.kind == "paragraph"
        else (b.kind, b.page, b.row_pages, b.shape_signature(), [(c.text, c.page) for c in b.cells])
        for b in doc.blocks
    ]
    return [doc.pages, doc.issues, blocks]


@pytest.mark.parametrize(
    "path", [LAYOUT_PDF, FIXTURES / "seed" / "yanbian_2020.pdf", BAD / "cid_glyphs.pdf"],
    ids=["layout", "seed", "cid"],
)
def test_pdfium_and_pdfplumber_engines_read_the_same_document(path):
    """PDFium is the fast page parser; pdfplumber (pdfminer.six) is the reference."""
    assert reading(read_pdf(path, engine="pdfium")) == reading(read_pdf(path, engine="pdfplumber"))


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="pdfium, pdfplumber"):
        read_pdf(LAYOUT_PDF, engine="pymupdf")


def test_a_rotated_page_reads_as_displayed(tmp_path, doc):
    """Content drawn a quarter turn on a page with /Rotate: read upright, as displayed."""
    import pypdfium2 as pdfium

    source, rotated = pdfium.PdfDocument(LAYOUT_PDF), pdfium.PdfDocument.new()
    width, height = source[0].get_size()
    page = rotated.new_page(height, width)
    content = source.page_as_xobject(0, rotated).as_pageobject()
    content.transform(pdfium.PdfMatrix().rotate(90).translate(0, width))
    page.insert_obj(content)
    page.gen_content()
    page.set_rotation(270)
    path = tmp_path / "rotated.pdf"
    rotated.save(str(path))
    fast = read_pdf(path)
    assert reading(fast) == reading(read_pdf(path, engine="pdfplumber"))
    # upright text, the paragraphs rejoined as on the unrotated page (pdfminer loses some
    # ruling lines of the merged table when the content is turned, so tables are not compared)
    assert [p.text for p in fast.paragraphs[:9]] == [p.text for p in doc.paragraphs[:9]]
    assert fast.tables[-1].shape_signature() == doc.tables[1].shape_signature()


# -- a hand-written PDF: fake bold and printed spaces --------------------------------


def _minimal_pdf(content: bytes) -> bytes:
    """A one-page PDF drawing ``content`` with the standard Helvetica font."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_fake_bold_is_read_once_and_printed_spaces_are_kept(tmp_path, engine):
    """The title is drawn twice 0.4 pt apart (fake bold); Helvetica's space is narrower
    than the gap that marks a word break, so the printed space characters must count."""
    path = tmp_path / "fake_bold.pdf"
    path.write_bytes(_minimal_pdf(
        b"BT /F1 12 Tf 100 700 Td (Bold Title 2024) Tj ET "
        b"BT /F1 12 Tf 100.4 700 Td (Bold Title 2024) Tj ET "
        b"BT /F1 12 Tf 100 650 Td (plain line) Tj ET"
    ))
    doc = read_pdf(path, engine=engine)
    assert [p.text for p in doc.paragraphs] == ["Bold Title 2024", "plain line"]


# -- assembling pages (synthetic lines and tables) -----------------------------------

def _line(text, x0, top, x1=500.0, size=12.0):
    return Line(text=text, x0=x0, x1=x1, top=top, bottom=top + size, size=size, lead_width=size)


def _body_page(number, first_x0, texts, last_x1=500.0):
    """A page of body lines at the left margin 72 (the first may be indented)."""
    items = [
        _line(text, first_x0 if i == 0 else 72.0, 100.0 + 16 * i) for i, text in enumerate(texts)
    ]
    items[-1].x1 = last_x1
    return PageContent(number=number, width=595.0, items=items)


def test_a_paragraph_running_on_to_the_next_page_is_one_paragraph():
    pages = [
        _body_page(1, 96.0, [f"第一段第{i}行" for i in range(9)]),  # ends at the margin
        _body_page(2, 72.0, ["续行", *(f"下一页第{i}行" for i in range(8))], last_x1=200.0),
    ]
    blocks = assemble(pages)
    assert len(blocks) == 1 and blocks[0].page == 1 and blocks[0].text.endswith("下一页第7行")


def test_an_indented_first_line_on_the_next_page_starts_a_paragraph():
    pages = [
        _body_page(1, 96.0, [f"第一段第{i}行" for i in range(9)]),
        _body_page(2, 96.0, [f"第二段第{i}行" for i in range(9)], last_x1=200.0),
    ]
    assert [b.page for b in assemble(pages)] == [1, 2]


def test_a_continued_mark_between_the_parts_of_a_table_is_dropped():
    head = [("科目", 1, 1), ("金额", 1, 1)]
    edges = [72.0, 300.0, 520.0]

    def part(rows, page, top):
        table = build_table([head, *rows], page=page)
        return PageTable(table=table, bbox=(72.0, top, 520.0, top + 100), col_edges=edges)

    first = PageContent(1, 595.0, [part([[("a", 1, 1), ("1", 1, 1)]], 1, 100.0)])
    rest = PageContent(2, 595.0, [_line("续表", 270.0, 60.0, x1=300.0),
                                  part([[("b", 1, 1), ("2", 1, 1)]], 2, 90.0)])
    blocks = assemble([first, rest])
    assert len(blocks) == 1 and blocks[0].grid() == [["科目", "金额"], ["a", "1"], ["b", "2"]]
    assert blocks[0].row_pages == [1, 1, 2]


def test_a_running_header_is_dropped_and_no_longer_stops_a_table_joining():
    head = [("科目", 1, 1), ("金额", 1, 1)]
    edges = [72.0, 300.0, 520.0]
    pages = []
    for number in range(1, 5):
        header = _line(f"测试单位2024年度部门决算（第{number}册）", 200.0, 30.0, x1=400.0)
        header.in_margin = True
        table = build_table([head, [(f"行{number}", 1, 1), (str(number), 1, 1)]], page=number)
        part = PageTable(table=table, bbox=(72.0, 80.0, 520.0, 700.0), col_edges=edges)
        pages.append(PageContent(number, 595.0, [header, part]))
    lone = _line("只出现一次的页眉文字", 200.0, 20.0, x1=400.0)
    lone.in_margin = True
    pages[0].items.insert(0, lone)
    blocks = assemble(pages)
    assert [b.kind for b in blocks] == ["paragraph", "table"]
    assert blocks[0].text == "只出现一次的页眉文字"
    assert blocks[1].n_rows == 5 and blocks[1].row_pages == [1, 1, 2, 3, 4]
