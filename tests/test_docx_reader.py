"""The .docx reader: body order, true grids, cell line breaks, and hostile files.

Every document is built in ``tmp_path``: with python-docx where it can express the case,
with raw WordprocessingML where it cannot (content controls, tracked changes, text boxes,
gridBefore, malformed merges, entities). See STYLE.md practice 23.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES
from docx import Document as new_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_detect import compound_file

from extractors.detect import ENCRYPTED_HINT
from extractors.document import Format, Paragraph, Table
from extractors.errors import CorruptFile, EncryptedFile, ReadError, UnsafeFile
from extractors.readers import read_document
from extractors.readers.docx import read_docx
from extractors.readers.docx_package import MAX_XML_BYTES, check_zip_bomb

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


# -- builders ------------------------------------------------------------------------------


def p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def tc(body: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def tr(*cells: str, props: str = "") -> str:
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(*rows: str, cols: int = 0) -> str:
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(cols))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def document_xml(body: str, doctype: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
            f"<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>")


def write_package(path: Path, document: str | bytes, **parts: str) -> Path:
    """A minimal but complete .docx package around ``document`` (word/document.xml).

    ``parts`` adds optional parts by name (``numbering=``, ``styles=``), with the
    relationships Word writes for them.
    """
    data = document.encode("utf-8") if isinstance(document, str) else document
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", PACKAGE_RELS)
        zf.writestr("word/document.xml", data)
        for kind, xml in parts.items():
            zf.writestr(f"word/{kind}.xml", xml)
        if parts:
            zf.writestr("word/_rels/document.xml.rels", _document_rels(parts))
    return path


def _document_rels(parts: dict[str, str]) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/{kind}" Target="{kind}.xml"/>'
        for i, kind in enumerate(parts, start=1))
    return ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{rels}</Relationships>')


def raw_docx(tmp_path: Path, body: str, name: str = "raw.docx", **parts: str) -> Path:
    """Write ``body`` as a .docx and check python-docx accepts the package too."""
    path = write_package(tmp_path / name, document_xml(body), **parts)
    new_docx(str(path))  # a package Word-compatible tools open, not just ours
    return path


def only_table(path: Path) -> Table:
    tables = read_docx(path).tables
    assert len(tables) == 1
    return tables[0]


def assert_each_position_covered_once(table: Table) -> None:
    seen: set[tuple[int, int]] = set()
    for cell in table.cells:
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                assert (r, c) not in seen, (r, c)
                assert r < table.n_rows and c < table.n_cols
                seen.add((r, c))


# -- body order ------------------------------------------------------------------------------


def test_paragraphs_and_tables_interleaved_in_body_order(tmp_path):
    doc = new_docx()
    doc.sections[0].footer.paragraphs[0].text = "— 1 —"
    doc.sections[0].header.paragraphs[0].text = "盐边县人民政府办公室"
    doc.add_paragraph("第一部分  部门概况")
    doc.add_paragraph("")
    doc.add_paragraph("   ")
    first = doc.add_table(rows=1, cols=2)
    first.cell(0, 0).text, first.cell(0, 1).text = "项目", "金额"
    doc.add_paragraph("第二部分  2020年度部门决算情况说明")
    second = doc.add_table(rows=1, cols=1)
    second.cell(0, 0).text = "收入支出决算总表"
    doc.add_paragraph("第三部分　名词解释")
    path = tmp_path / "order.docx"
    doc.save(str(path))

    read = read_docx(path)
    assert [(b.kind, b.block) for b in read.blocks] == [
        ("paragraph", 0), ("table", 1), ("paragraph", 2), ("table", 3), ("paragraph", 4)]
    assert [p.text for p in read.paragraphs] == [
        "第一部分部门概况", "第二部分2020年度部门决算情况说明", "第三部分名词解释"]
    assert read.tables[0].grid() == [["项目", "金额"]]
    assert "— 1 —" not in read.full_text() and "盐边县" not in read.full_text()


def test_document_facts(tmp_path):
    path = raw_docx(tmp_path, p("一、部门职责") + tbl(tr(tc(p("x"))), cols=1))
    read = read_document(path)
    assert read.format is Format.DOCX and read.pages is None and read.path == str(path)
    assert all(b.page is None for b in read.blocks)
    assert read.tables[0].row_pages == [None]
    assert isinstance(read.blocks[0], Paragraph) and read.blocks[0].line is None


def test_content_controls_and_tracked_changes(tmp_path):
    """python-docx's iter_inner_content() skips all of these; the reader must not."""
    body = (
        p("开头")
        + f"<w:sdt><w:sdtPr><w:alias w:val=\"标题\"/></w:sdtPr><w:sdtContent>{p('控件中的段落')}"
        + tbl(tr(tc(p("控件中的表格"))), cols=1) + "</w:sdtContent></w:sdt>"
        + f"<w:ins w:id=\"1\" w:author=\"a\">{p('插入的段落')}</w:ins>"
        + "<w:p><w:r><w:t>保留</w:t></w:r><w:del w:id=\"2\" w:author=\"a\"><w:r>"
          "<w:delText>删除</w:delText></w:r></w:del><w:ins w:id=\"3\" w:author=\"a\"><w:r>"
          "<w:t>新增</w:t></w:r></w:ins></w:p>"
        + "<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
          "<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/>"
          "</w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
          "<w:r><w:t>页</w:t></w:r></w:p>"
        + "<w:p><w:sdt><w:sdtContent><w:r><w:t>行内控件</w:t></w:r></w:sdtContent></w:sdt>"
          "<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>"
    )
    read = read_docx(raw_docx(tmp_path, body))
    assert [b.kind for b in read.blocks] == ["paragraph", "paragraph", "table", "paragraph",
                                             "paragraph", "paragraph", "paragraph"]
    assert [p.text for p in read.paragraphs] == [
        "开头", "控件中的段落", "插入的段落", "保留新增", "第3页", "行内控件链接"]
    assert read.tables[0].grid() == [["控件中的表格"]]


def test_hidden_runs_dropped_and_run_alternatives_read_once(tmp_path):
    body = (
        "<w:p><w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
        "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>显示</w:t></w:r></w:p>"
        "<w:p><mc:AlternateContent><mc:Choice Requires=\"w14\"><w:r><w:t>☑</w:t></w:r>"
        "</mc:Choice><mc:Fallback><w:r><w:t>□</w:t></w:r></mc:Fallback></mc:AlternateContent>"
        "<w:r><w:t>已完成</w:t></w:r></w:p>"
    )
    assert [p.text for p in read_docx(raw_docx(tmp_path, body)).paragraphs] == [
        "可见显示", "☑已完成"]


def test_rows_and_cells_inside_content_controls(tmp_path):
    row_in_sdt = f"<w:sdt><w:sdtContent>{tr(tc(p('甲')), tc(p('乙')))}</w:sdtContent></w:sdt>"
    cell_in_sdt = tr(tc(p("丙")), f"<w:sdt><w:sdtContent>{tc(p('丁'))}</w:sdtContent></w:sdt>")
    deleted_row = tr(tc(p("已删")), tc(p("行")), props='<w:del w:id="9" w:author="a"/>')
    table = only_table(raw_docx(tmp_path, tbl(row_in_sdt, deleted_row, cell_in_sdt, cols=2)))
    assert table.grid() == [["甲", "乙"], ["丙", "丁"]]


def test_text_box_read_once_from_choice_not_fallback(tmp_path):
    box = "<w:txbxContent>" + p("文本框：单位：万元") + "</w:txbxContent>"
    drawing = (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
        "<a:graphic><a:graphicData><wps:wsp><wps:txbx>" + box + "</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback>"
        "<w:pict><v:shape><v:textbox>" + box + "</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = f"<w:p><w:r><w:t>锚定段落</w:t></w:r>{drawing}</w:p>" + f"<w:p>{drawing}</w:p>" + p("其后")
    read = read_docx(raw_docx(tmp_path, body))
    assert [p.text for p in read.paragraphs] == [
        "锚定段落", "文本框：单位：万元", "文本框：单位：万元", "其后"]


def test_vml_only_text_box_is_read(tmp_path):
    body = ("<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + p("旧版文本框")
            + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>")
    assert [p.text for p in read_docx(raw_docx(tmp_path, body)).paragraphs] == ["旧版文本框"]


# -- tables as true grids ------------------------------------------------------------------


def test_vertical_and_horizontal_merges_appear_once(tmp_path):
    doc = new_docx()
    table = doc.add_table(rows=4, cols=6)
    title = table.cell(0, 0).merge(table.cell(0, 5))
    title.text = "项目绩效目标完成情况表"
    wide = table.cell(1, 1).merge(table.cell(1, 5))  # a 5-column merge
    wide.text = "县政府办公室工作经费"
    table.cell(1, 0).text = "项目名称"
    tall = table.cell(2, 0).merge(table.cell(3, 0))
    tall.text = "预算执行情况(万元)"
    for c in range(1, 6):
        table.cell(2, c).text = f"a{c}"
        table.cell(3, c).text = f"b{c}"
    path = tmp_path / "merges.docx"
    doc.save(str(path))

    grid = only_table(path)
    assert (grid.n_rows, grid.n_cols) == (4, 6)
    assert grid.spans() == [(0, 0, 1, 6), (1, 1, 1, 5), (2, 0, 2, 1)]
    assert grid.grid()[0] == ["项目绩效目标完成情况表", None, None, None, None, None]
    assert grid.grid()[3] == [None, "b1", "b2", "b3", "b4", "b5"]
    assert [c.value for c in grid.cells].count("预算执行情况(万元)") == 1
    assert grid.filled_rows()[3][0] == "预算执行情况(万元)"
    assert_each_position_covered_once(grid)


def test_three_row_vertical_merge_from_xml(tmp_path):
    restart, cont = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    rows = [
        tr(tc(p("预算执行情况(万元)"), restart), tc(p("年初预算数")), tc(p("78"))),
        tr(tc(p(""), cont), tc(p("全年预算数")), tc(p("78"))),
        tr(tc(p(""), '<w:vMerge w:val="continue"/>'), tc(p("全年执行数")), tc(p("77.98"))),
        tr(tc(p("合计")), tc(p("")), tc(p(""))),
    ]
    grid = only_table(raw_docx(tmp_path, tbl(*rows, cols=3)))
    budget = grid.cell_at(2, 0)
    assert (budget.row, budget.col, budget.row_span, budget.value) == (0, 0, 3, "预算执行情况(万元)")
    assert grid.cell_at(3, 0).value == "合计"
    assert [c.col for c in grid.row_cells(1)] == [1, 2]
    assert_each_position_covered_once(grid)


def test_grid_before_and_after_offset_rows(tmp_path):
    rows = [
        tr(tc(p("单位：万元")), props='<w:gridBefore w:val="2"/>'),
        tr(tc(p("科目")), tc(p("金额"), '<w:gridSpan w:val="2"/>')),
        tr(tc(p("合计")), props='<w:gridAfter w:val="2"/>'),
    ]
    grid = only_table(raw_docx(tmp_path, tbl(*rows, cols=3)))
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    assert grid.grid() == [[None, None, "单位：万元"], ["科目", "金额", None], ["合计", None, None]]
    assert grid.anchor_at(0, 2).value == "单位：万元"
    assert grid.cell_at(0, 0) is None  # omitted cells are holes, not invented cells


def test_rows_of_different_lengths_and_malformed_merges(tmp_path):
    cont = "<w:vMerge/>"
    rows = [
        tr(tc(p("孤立续接"), cont), tc(p("b"))),                    # continue in the first row
        tr(tc(p("a")), tc(p("b")), tc(p("c")), tc(p("d"))),         # longer row
        tr(tc(p("宽"), '<w:gridSpan w:val="2"/>'), tc(p("x"))),
        tr(tc(p(""), cont), tc(p("y"))),                     # 1-wide continue under a 2-wide cell
        tr(tc(p("g"), '<w:gridSpan w:val="abc"/>'), tc(p("h"), '<w:gridSpan w:val="0"/>')),
    ]
    grid = only_table(raw_docx(tmp_path, tbl(*rows)))
    assert (grid.n_rows, grid.n_cols) == (5, 4)
    assert grid.grid()[0] == ["孤立续接", "b", None, None]
    assert grid.cell_at(2, 0).col_span == 2 and grid.cell_at(2, 0).row_span == 1
    assert grid.anchor_at(3, 0) is not None and grid.anchor_at(3, 0).value == ""
    assert grid.grid()[4] == ["g", "h", None, None]
    assert_each_position_covered_once(grid)


@st.composite
def merged_layouts(draw) -> tuple[int, int, list[tuple[int, int, int, int]]]:
    """A table size and non-overlapping merge rectangles (row, col, row_span, col_span)."""
    n_rows, n_cols = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    used: set[tuple[int, int]] = set()
    merges = []
    for _ in range(draw(st.integers(0, 4))):
        r, c = draw(st.integers(0, n_rows - 1)), draw(st.integers(0, n_cols - 1))
        rs, cs = draw(st.integers(1, n_rows - r)), draw(st.integers(1, n_cols - c))
        area = {(rr, cc) for rr in range(r, r + rs) for cc in range(c, c + cs)}
        if (rs, cs) != (1, 1) and not area & used:
            used |= area
            merges.append((r, c, rs, cs))
    return n_rows, n_cols, sorted(merges)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(layout=merged_layouts())
def test_any_python_docx_merge_layout_reads_back_exactly(tmp_path, layout):
    """Whatever rectangles Word merges, each comes back once with its spans and text."""
    n_rows, n_cols, merges = layout
    doc = new_docx()
    table = doc.add_table(rows=n_rows, cols=n_cols)
    for r, c, rs, cs in merges:
        table.cell(r, c).merge(table.cell(r + rs - 1, c + cs - 1))
    for r in range(n_rows):
        for c in range(n_cols):
            table.cell(r, c).text = f"r{r}c{c}"  # a merged cell keeps its last write
    path = tmp_path / "layout.docx"
    doc.save(str(path))

    grid = only_table(path)
    assert (grid.n_rows, grid.n_cols) == (n_rows, n_cols)
    assert grid.spans() == merges
    assert len(grid.cells) == n_rows * n_cols - sum(rs * cs - 1 for _, _, rs, cs in merges)
    for r, c, rs, cs in merges:
        assert grid.anchor_at(r, c).value == f"r{r + rs - 1}c{c + cs - 1}"
    assert_each_position_covered_once(grid)


def test_text_left_in_a_continuation_cell_is_kept(tmp_path):
    rows = [tr(tc(p("上"), '<w:vMerge w:val="restart"/>')), tr(tc(p("下"), "<w:vMerge/>"))]
    grid = only_table(raw_docx(tmp_path, tbl(*rows, cols=1)))
    assert [(c.text, c.row_span) for c in grid.cells] == [("上\n下", 2)]


def test_legacy_hmerge(tmp_path):
    row = tr(tc(p("合并"), '<w:hMerge w:val="restart"/>'), tc(p(""), "<w:hMerge/>"), tc(p("z")))
    grid = only_table(raw_docx(tmp_path, tbl(row, cols=3)))
    assert grid.spans() == [(0, 0, 1, 2)] and grid.grid() == [["合并", None, "z"]]


def test_cell_lines_kept_in_text_and_joined_in_value(tmp_path):
    doc = new_docx()
    table = doc.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "经济效益"
    table.cell(0, 0).add_paragraph("指标")
    run = table.cell(0, 1).paragraphs[0].add_run("Step")
    run.add_break()
    run = table.cell(0, 1).paragraphs[0].add_run("1")
    table.cell(0, 2).text = "  基本  满意 "
    table.cell(0, 2).add_paragraph("")
    table.cell(0, 2).add_paragraph("⼀般")  # Kangxi radical ⼀ (U+2F00)
    path = tmp_path / "lines.docx"
    doc.save(str(path))

    cells = only_table(path).cells
    assert [c.text for c in cells] == ["经济效益\n指标", "Step\n1", "基本满意\n一般"]
    assert [c.value for c in cells] == ["经济效益指标", "Step 1", "基本满意一般"]


def test_nested_table_is_its_own_block_after_its_container(tmp_path):
    doc = new_docx()
    doc.add_paragraph("前")
    outer = doc.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "外表"
    holder = outer.cell(1, 1)
    holder.text = "说明"
    inner = holder.add_table(rows=2, cols=1)
    inner.cell(0, 0).text = "内表一"
    inner.cell(1, 0).text = "内表二"
    holder.add_paragraph("附注")
    doc.add_paragraph("后")
    path = tmp_path / "nested.docx"
    doc.save(str(path))

    read = read_docx(path)
    assert [b.kind for b in read.blocks] == ["paragraph", "table", "table", "paragraph"]
    container, nested = read.tables
    assert (container.nested, nested.nested) == (False, True)
    assert container.cell_at(1, 1).text == "说明\n附注"
    assert nested.grid() == [["内表一"], ["内表二"]]
    assert [b.block for b in read.blocks] == [0, 1, 2, 3]


# -- the seed rebuilt in Word ------------------------------------------------------------------


def test_seed_docx_reads_like_the_seed_txt():
    """Same paragraphs and grids as the .txt reading (tests/test_seed_renderings.py
    checks this for every rendering; here the .docx reader is checked on its own)."""
    seed = FIXTURES / "seed" / "yanbian_2020.docx"
    if not seed.exists():
        pytest.skip(f"{seed} not generated (tests/fixtures/make_fixtures.py)")
    docx_doc, txt_doc = read_docx(seed), read_document(FIXTURES / "seed_yanbian_2020.txt")
    assert [p.text for p in docx_doc.paragraphs] == [p.text for p in txt_doc.paragraphs]
    assert [t.shape_signature() for t in docx_doc.tables] == [
        t.shape_signature() for t in txt_doc.tables]


# -- hostile and broken files --------------------------------------------------------------


def test_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    doctype = (f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
               f'<!ENTITY % remote SYSTEM "{secret.as_uri()}"> %remote;]>')
    body = "<w:p><w:r><w:t>收入&xxe;合计</w:t></w:r></w:p>" + p("支出")
    path = write_package(tmp_path / "xxe.docx", document_xml(body, doctype))
    read = read_docx(path)
    assert "TOP-SECRET" not in read.full_text()
    assert [p.text for p in read.paragraphs] == ["收入合计", "支出"]


# -- Word's automatic list labels -----------------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


NUMBERING = (
    f"<w:numbering {W_NS}>"
    '<w:abstractNum w:abstractNumId="0">'
    + lvl(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="Heading1"/>')
    + lvl(1, "chineseCounting", "（%2）") + lvl(2, "decimal", "%3.", extra='<w:suff w:val="space"/>')
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1">' + lvl(0, "bullet", "\uf0b7") + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2">' + lvl(0, "decimalEnclosedCircle", "%1")
    + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    "</w:numbering>"
)
STYLES = (
    f"<w:styles {W_NS}>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
    '<w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>'
    "</w:styles>"
)


def numbered(text: str, num_id: int | None = None, ilvl: int | None = None, style: str = "",
             deleted_mark: bool = False) -> str:
    num = ""
    if num_id is not None:
        level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        num = f'<w:numPr>{level}<w:numId w:val="{num_id}"/></w:numPr>'
    mark = '<w:rPr><w:del w:id="7" w:author="a"/></w:rPr>' if deleted_mark else ""
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    return f"<w:p><w:pPr>{style_xml}{num}{mark}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_automatic_list_labels_are_rendered(tmp_path):
    body = (
        numbered("部门主要职责", 1, 0)
        + numbered("职能", 1, 1) + numbered("机构", 1, 1)
        + numbered("收入支出决算总体情况", style="Heading1")     # numbered by its style
        + numbered("收入", 1, 1)                                  # level 1 restarts under 二、
        + numbered("Step", 1, 2) + numbered("two", 1, 2)
        + numbered("不编号", 0, 0)                                 # numId 0 removes numbering
        + numbered("要点", 2, 0)                                   # bullet: no label
        + numbered("名词解释", style="MyHeading")                 # style inherited via basedOn
        + numbered("已删除的标题", 1, 0, deleted_mark=True)
        + numbered("附件", 1, 0)
        + tbl(tr(tc(numbered("甲", 3, 0) + numbered("乙", 3, 0))), cols=1)
        + numbered("丙", 4, 0)                                     # restart via startOverride
    )
    read = read_docx(raw_docx(tmp_path, body, numbering=NUMBERING, styles=STYLES))
    assert [p.text for p in read.paragraphs] == [
        "一、部门主要职责", "（一）职能", "（二）机构", "二、收入支出决算总体情况", "（一）收入",
        "1.Step", "2.two", "不编号", "要点", "三、名词解释", "已删除的标题", "四、附件", "①丙"]
    assert read.tables[0].cells[0].text == "①甲\n②乙"


def test_numbering_without_definitions_gives_no_label(tmp_path):
    read = read_docx(raw_docx(tmp_path, numbered("正文", 5, 0)))
    assert [p.text for p in read.paragraphs] == ["正文"]


def test_broken_numbering_part_does_not_lose_the_body(tmp_path):
    path = write_package(tmp_path / "n.docx", document_xml(numbered("正文", 1, 0)),
                         numbering="<w:numbering")
    assert [p.text for p in read_docx(path).paragraphs] == ["正文"]


def test_decompression_bomb_is_refused_before_parsing(tmp_path):
    padding = " " * (8 * 1024 * 1024)  # 8 MB of spaces deflate ~1000x
    path = write_package(tmp_path / "bomb.docx", document_xml(p("a") + padding))
    with pytest.raises(UnsafeFile) as err:
        read_docx(path)
    assert "decompression bomb" in err.value.reason and "\n" not in err.value.reason
    assert err.value.code == "unsafe"


def test_zip_directory_understating_the_size_is_not_trusted(tmp_path):
    """A bomb that declares 1 KB: decompression stops at the declared size (CRC fails)."""
    path = write_package(tmp_path / "liar.docx", document_xml(p("a") + " " * (4 << 20)))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    central = data.find(b"PK\x01\x02")  # central directory records, one per member
    while data[central + 46:central + 63] != b"word/document.xml":
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, 1000)  # central directory: uncompressed size
    struct.pack_into("<I", data, info.header_offset + 22, 1000)  # local header
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptFile, match="cannot decompress word/document.xml"):
        read_docx(path)


def test_oversized_main_part_is_refused_by_declared_size():
    info = zipfile.ZipInfo("word/document.xml")
    info.file_size, info.compress_size = MAX_XML_BYTES + 1, MAX_XML_BYTES // 100
    with pytest.raises(UnsafeFile, match="would expand to 256 MB"):
        check_zip_bomb(info)


def test_ordinary_compression_passes_the_bomb_check():
    info = zipfile.ZipInfo("word/document.xml")
    info.file_size, info.compress_size = 40 * 1024 * 1024, 2 * 1024 * 1024  # 20x
    check_zip_bomb(info)
    small = zipfile.ZipInfo("word/document.xml")
    small.file_size, small.compress_size = 500_000, 1_000  # 500x but tiny
    check_zip_bomb(small)


def _corrupt_cases(tmp_path: Path) -> dict[str, Path]:
    good = raw_docx(tmp_path, p("完整"), name="good.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good[: len(good) // 2])
    missing = tmp_path / "missing.docx"
    with zipfile.ZipFile(missing, "w") as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
    not_xml = write_package(tmp_path / "notxml.docx", b"<w:document><w:body><w:p>")
    wrong_root = write_package(tmp_path / "root.docx", b"<html><body/></html>")
    no_body = write_package(tmp_path / "nobody.docx", f"<w:document {NAMESPACES}/>")
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"\x00\x01garbage" * 100)
    return {"cut": cut, "missing": missing, "not_xml": not_xml, "wrong_root": wrong_root,
            "no_body": no_body, "junk": junk}


@pytest.mark.parametrize("case", ["cut", "missing", "not_xml", "wrong_root", "no_body", "junk"])
def test_damaged_files_are_corrupt_with_one_line_reason(tmp_path, case):
    with pytest.raises(CorruptFile) as err:
        read_docx(_corrupt_cases(tmp_path)[case])
    assert err.value.reason and "\n" not in err.value.reason
    assert err.value.code == "corrupt"


def test_encrypted_docx_read_directly_says_encrypted(tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(compound_file(["EncryptionInfo", "EncryptedPackage"]))
    for reader in (read_docx, read_document):
        with pytest.raises(EncryptedFile) as err:
            reader(path)
        assert err.value.reason == ENCRYPTED_HINT


def test_every_failure_is_a_read_error(tmp_path):
    """The pipeline stores ReadError reasons as outcomes; nothing else may escape."""
    for path in _corrupt_cases(tmp_path).values():
        with pytest.raises(ReadError):
            read_docx(path)


def test_strict_ooxml_namespace(tmp_path):
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    xml = (f'<w:document xmlns:w="{strict}"><w:body>{p("严格格式")}'
           f'{tbl(tr(tc(p("格")), tc(p("子"))))}</w:body></w:document>')
    read = read_docx(write_package(tmp_path / "strict.docx", xml))
    assert [p.text for p in read.paragraphs] == ["严格格式"]
    assert read.tables[0].grid() == [["格", "子"]]
