"""HTML pages: the report content without the site's navigation, <table> grids with their
spans, and pages of absolutely positioned text blocks rebuilt by the PDF layout step.

Every page is written here; the real 烟台 page is read in test_formats_corpus.py.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from extractors.document import Format, Paragraph, Table
from extractors.errors import NoTextLayer
from extractors.readers import read_document

SITE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>2020年部门决算</title>
<script>var nav = "首页";</script><style>.x{{color:red}}</style></head><body>
<div class="header"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/c">财政信息</a></div>
<div class="crumbs"><table><tr><td><a href="/">首页</a> &gt; <a href="/a">财政预决算</a></td></tr></table></div>
<div class="main"><div class="side"><ul><li><a href="/1">通知公告</a></li><li><a href="/2">政策文件</a></li></ul></div>
<div class="article"><h1>盐边县人民政府办公室2020年度部门决算</h1>
<div class="text" id="zoom">
<p>第一部分 部门概况</p>
<p>一、收入支出决算总体情况<br>2020年度收入决算总额为850.18万元。</p>
<p>收入支出决算总表</p><p>单位：万元</p>
<table border="1"><tbody>
<tr><td colspan="2">收入</td><td colspan="2">支出</td></tr>
<tr><th>项目</th><th>决算数</th><th>项目</th><th>决算数</th></tr>
<tr><td rowspan="2">一、一般公共预算财政拨款收入</td><td>850.18</td><td>一般公共服务支出</td><td>620.35</td></tr>
<tr><td>0.00</td><td>社会保障和<br/>就业支出</td><td>229.83</td></tr>
</tbody></table>
</div></div></div>
<div class="footer"><p>主办单位：某某市人民政府办公室 版权所有</p><a href="/map">网站地图</a></div>
</body></html>"""


def _write(tmp_path, name: str, text: str, encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_site_page_gives_the_article_only(tmp_path, charset):
    encoding = "gb18030" if charset == "gbk" else charset
    doc = read_document(_write(tmp_path, "page.html", SITE.format(charset=charset), encoding))
    assert doc.format is Format.HTML and doc.mismatch is None
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts == ["盐边县人民政府办公室2020年度部门决算", "第一部分部门概况", "一、收入支出决算总体情况",
                     "2020年度收入决算总额为850.18万元。", "收入支出决算总表", "单位：万元"]
    full = doc.full_text()
    for nav in ("首页", "政务公开", "通知公告", "版权所有", "网站地图", "var nav"):
        assert nav not in full


def test_table_rowspan_colspan_become_spans(tmp_path):
    doc = read_document(_write(tmp_path, "page.html", SITE.format(charset="utf-8")))
    (table,) = doc.tables
    assert (table.n_rows, table.n_cols) == (4, 4)
    assert table.spans() == [(0, 0, 1, 2), (0, 2, 1, 2), (2, 0, 2, 1)]
    assert table.grid()[3] == [None, "0.00", "社会保障和就业支出", "229.83"]
    assert table.cell_at(3, 2).text == "社会保障和\n就业支出"  # <br> kept as a line break


def test_ragged_rows_and_bad_spans_still_make_a_full_grid(tmp_path):
    page = ("<html><body><div><p>表</p><table><tr><td>a</td><td rowspan='x'>b</td><td>c</td></tr>"
            "<tr><td colspan='99999'>d</td></tr><tr><td rowspan='0'>e</td></tr>"
            "<tr><td>f</td></tr></table></div></body></html>")
    (table,) = read_document(_write(tmp_path, "t.htm", page)).tables
    covered = [(r, c) for cell in table.cells for r in range(cell.row, cell.last_row + 1)
               for c in range(cell.col, cell.last_col + 1)]
    assert len(covered) == len(set(covered)) == table.n_rows * table.n_cols


def test_layout_table_is_walked_through(tmp_path):
    page = ("<html><body><table><tr><td><p>一、部门主要职责</p><table>"
            "<tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>1.00</td></tr></table>"
            "</td></tr></table></body></html>")
    doc = read_document(_write(tmp_path, "t.html", page))
    assert [b.kind for b in doc.blocks] == ["paragraph", "table"]
    assert doc.tables[0].grid() == [["项目", "金额"], ["合计", "1.00"]]


def test_error_page_saved_as_pdf_is_named(tmp_path):
    page = "<!DOCTYPE html><html><head><title>404 页面不存在</title></head><body><div class='nav'><a href='/'>返回首页</a></div></body></html>"
    with pytest.raises(NoTextLayer) as caught:
        read_document(_write(tmp_path, "report.pdf", page))
    assert caught.value.reason == "HTML page saved as .pdf: HTML error page ('404 页面不存在'), not a report"


# -- absolutely positioned text blocks (a PDF converted to HTML) ----------------------------


def _run(top: float, left: float, text: str, size: float = 10.5) -> str:
    return (f'<div class="p" style="top:{top}pt;left:{left}pt;line-height:{size}pt;'
            f'font-size:{size}pt;position:absolute;">{text}</div>')


def _rule(left: float, top: float, width: float, height: float) -> str:
    side = "border-bottom" if height == 0 else "border-right"
    return (f'<div class="r" style="position:absolute;left:{left}pt;top:{top}pt;width:{width}pt;'
            f'height:{height}pt;{side}:0.5pt solid #000000;"> </div>')


def _positioned_page(body: str) -> str:
    return ('<div class="page" style="width:595pt;height:842pt;overflow:hidden;position:relative;">'
            + body + "</div>")


def _ruled_table() -> str:
    """Three columns, four rows; the header's first cell spans two rows, the second two columns."""
    xs, ys = [60.0, 200.0, 300.0, 400.0], [200.0, 220.0, 240.0, 260.0, 280.0]
    rules = []
    for y in ys:  # horizontal rules, except inside the 2-row header cell of column 0
        if y == 220.0:
            rules.append(_rule(200.0, y, 200.0, 0))
        else:
            rules.append(_rule(60.0, y, 340.0, 0))
    for x in xs:  # vertical rules, except inside the 2-column header cell on row 0
        if x == 300.0:
            rules.append(_rule(x, 220.0, 0, 60.0))
        else:
            rules.append(_rule(x, 200.0, 0, 80.0))
    texts = [_run(205, 100, "项目"), _run(205, 220, "金额"), _run(225, 210, "基本支出"),
             _run(225, 310, "项目支出"), _run(245, 65, "合计"), _run(245, 250, "12.50"),
             _run(245, 350, "7.50"), _run(265, 65, "一般公共服务支出"), _run(265, 250, "12.50"),
             _run(265, 350, "7.50")]
    return "".join(rules + texts)


POSITIONED = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>预算</title></head><body>"
              "<div class='nav'><a href='/'>首页</a></div><div class='text'>"
              + _positioned_page(_run(80, 200, "2026年某市某局部门预算", 16)
                                 + _run(120, 60, "一、收支总体情况")
                                 + _run(140, 81, "2026年收入预算总额为20.00万元，比上年增")
                                 + _run(155, 60, "加1.00万元。")
                                 + _run(180, 230, "一般公共预算支出情况表", 13)
                                 + _ruled_table() + _run(800, 290, "— 1 —", 9))
              + _positioned_page(_run(80, 60, "二、其他重要事项的情况说明")
                                 + _run(800, 290, "— 2 —", 9))
              + "</div></body></html>")


def test_positioned_blocks_become_lines_paragraphs_and_pages(tmp_path):
    doc = read_document(_write(tmp_path, "budget.html", POSITIONED))
    assert doc.pages == 2
    paragraphs = [(b.page, b.text) for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        (1, "2026年某市某局部门预算"), (1, "一、收支总体情况"),
        (1, "2026年收入预算总额为20.00万元，比上年增加1.00万元。"),
        (1, "一般公共预算支出情况表"), (2, "二、其他重要事项的情况说明")]  # footers dropped
    assert "首页" not in doc.full_text()


def test_positioned_ruled_table_is_a_grid_with_spans(tmp_path):
    (table,) = read_document(_write(tmp_path, "budget.html", POSITIONED)).tables
    assert isinstance(table, Table) and table.page == 1
    assert table.grid() == [
        ["项目", "金额", None],
        [None, "基本支出", "项目支出"],
        ["合计", "12.50", "7.50"],
        ["一般公共服务支出", "12.50", "7.50"],
    ]
    assert table.spans() == [(0, 0, 2, 1), (0, 1, 1, 2)]


def test_mhtml_web_archive_is_read_by_its_html_part(tmp_path):
    import quopri

    html = SITE.format(charset="gb2312").encode("gb18030")
    body = quopri.encodestring(html).decode("ascii")
    archive = ("From: <Saved by Windows Internet Explorer 11>\r\n"
               "Subject: =?gb2312?B?MjAyMA==?=\r\nMIME-Version: 1.0\r\n"
               'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----=_NextPart_000"\r\n\r\n'
               "This is a multi-part message in MIME format.\r\n\r\n------=_NextPart_000\r\n"
               'Content-Type: text/html;\r\n\tcharset="gb2312"\r\n'
               "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + body +
               "\r\n------=_NextPart_000--\r\n")
    path = tmp_path / "report.doc"  # Word's "web archive" is often saved as .doc
    path.write_bytes(archive.encode("ascii"))
    doc = read_document(path)
    assert (doc.format, doc.mismatch) == (Format.MHTML, "MHTML web archive saved as .doc")
    assert doc.paragraphs[0].text == "盐边县人民政府办公室2020年度部门决算"
    assert doc.tables[0].spans() == [(0, 0, 1, 2), (0, 2, 1, 2), (2, 0, 2, 1)]


# -- pdf2htmlEX: positions in CSS classes, rules in the background image ---------------------

PDF2HTMLEX = FIXTURES / "pdf2htmlex" / "caizheng_2020_tables.html"


def _printed_table():
    """The .docx table the fixture was made from, and where the generator printed each text."""
    from make_pdf2htmlex import LEFT, SIZE, SOURCE, WIDTHS, advance, placements, source_tables

    heads, table = source_tables(SOURCE)[0]
    edges = [LEFT]
    for width in WIDTHS:
        edges.append(edges[-1] + width)
    printed = {(text, round(baseline, 3)): (left, left + advance(text, SIZE))
               for baseline, left, text, _ in placements(table)}
    return heads, table, edges, printed


def test_pdf2htmlex_table_comes_back_cell_for_cell():
    """Every cell of the 财政局's 一般公共预算财政拨款支出决算表 as pdf2htmlEX writes it (no rule in
    the HTML): the grid is rebuilt from the text's alignment, merges included where the text
    shows them (科目编码 over 类/款/项, 科目名称 over two rows). A merged label printed inside one
    column's width (本年支出 over 基本支出, 合计 over 科目名称) cannot be told from that
    column's own cell without the rules, and comes back there, the rest of the merge empty."""
    heads, source, edges, printed = _printed_table()
    doc = read_document(PDF2HTMLEX)
    assert doc.format is Format.HTML and doc.pages == 1
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == heads  # title; unit in a clip box
    (table,) = doc.tables
    expected = set()
    for cell in source.cells:
        if cell.col_span > 1 and cell.value:
            left, right = next(span for (text, _), span in printed.items() if text == cell.value)
            inside = [c for c in range(cell.col, cell.col + cell.col_span)
                      if edges[c] <= left and right <= edges[c + 1]]
            if inside:  # printed within one column: that column's cell, the others empty
                for c in range(cell.col, cell.col + cell.col_span):
                    expected.add((cell.row, c, cell.row_span, 1, cell.value if c == inside[0] else ""))
                continue
        expected.add((cell.row, cell.col, cell.row_span, cell.col_span, cell.value))
    got = {(c.row, c.col, c.row_span, c.col_span, c.value) for c in table.cells}
    assert (table.n_rows, table.n_cols) == (source.n_rows, source.n_cols)
    assert got == expected
    assert table.spans() == [(0, 0, 1, 3), (0, 3, 2, 1)]
    # the body (every code, name and amount) exactly as in the .docx
    assert table.grid()[3:] == source.grid()[3:]


def test_stylesheet_keeps_screen_rules_of_single_classes():
    from extractors.readers.html_positioned import StyleSheet

    sheet = StyleSheet.parse(["/* c */ .x1{left:85px;} .p,.r{position:absolute}"
                              "@media print{.x1{left:113pt;}} @media screen{.y1{bottom:10px}}"
                              "@font-face{font-family:f;src:url(a)} div .t{top:1px} #a{top:2px}"])
    assert sheet.rules == {"x1": {"left": "85px"}, "p": {"position": "absolute"},
                           "r": {"position": "absolute"}, "y1": {"bottom": "10px"}}
