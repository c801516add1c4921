"""Excel tables: the .xlsx and .xls fixtures give back the .docx tables they were written
from, cell for cell, merged cells included (tests/fixtures/gen/sheets.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from conftest import FIXTURES

from extractors.document import Format, Paragraph, Table
from extractors.readers import read_document
from extractors.readers.xlsx import cell_text

SHEETS = FIXTURES / "sheets"
SOURCE = FIXTURES / "reports" / "盐边县财政局2020年度部门决算.docx"


def _source():
    import sys

    sys.path.insert(0, str(FIXTURES))
    from gen.sheets import source_tables

    return source_tables(SOURCE)


def _blocks_by_table(document):
    """(paragraphs before each table, the table) in order."""
    out, heads = [], []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            heads.append(block.text)
        elif isinstance(block, Table):
            out.append((heads, block))
            heads = []
    return out


def test_xlsx_tables_come_back_cell_exact():
    document = read_document(SHEETS / "caizheng_2020_tables.xlsx")
    assert document.format is Format.XLSX and document.pages is None
    expected = _source()
    got = _blocks_by_table(document)
    assert [heads for heads, _ in got] == [heads for heads, _ in expected]
    assert [t.shape_signature() for _, t in got] == [t.shape_signature() for _, t in expected]
    assert all(t.spans() for _, t in got)  # the merges are there, spanned


def test_xls_tables_come_back_cell_exact(soffice):
    document = read_document(SHEETS / "caizheng_2020_tables.xls")
    assert document.format is Format.XLS
    expected = _source()
    got = _blocks_by_table(document)
    assert [heads for heads, _ in got] == [heads for heads, _ in expected]
    assert [t.shape_signature() for _, t in got] == [t.shape_signature() for _, t in expected]


def test_xls_without_libreoffice_says_how_to_install_it(monkeypatch):
    from extractors.errors import MissingTool

    monkeypatch.setenv("JUESUAN_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(MissingTool, match="Excel 97-2003 .xls workbook: reading it needs LibreOffice"):
        read_document(SHEETS / "caizheng_2020_tables.xls")


@pytest.mark.parametrize(("value", "fmt", "text"), [
    (486.9, "0.00", "486.90"),
    (1126.835, "#,##0.00", "1,126.84"),  # half up, on the decimal value printed
    (0.1 + 0.2, "0.00", "0.30"),
    (12, "General", "12"),
    (12.5, "General", "12.5"),
    (-3.5, '#,##0.00;[Red]-#,##0.00', "-3.50"),
    (0.1624, "0.00%", "16.24%"),
    (Decimal("7"), "0", "7"),
    ("项目支出", "@", "项目支出"),
    (dt.datetime(2021, 1, 5), "yyyy-mm-dd", "2021-01-05"),
    (None, "General", ""),
])
def test_cell_text_prints_like_excel(value, fmt, text):
    assert cell_text(value, fmt) == text


def test_xlsx_without_openpyxl_says_what_to_install(monkeypatch):
    import builtins

    from extractors.errors import MissingTool

    real_import = builtins.__import__

    def no_openpyxl(name, *args, **kwargs):
        if name == "openpyxl" or name.startswith("openpyxl."):
            raise ModuleNotFoundError(f"No module named {name!r}", name="openpyxl")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    with pytest.raises(MissingTool, match=r"pip install 'juesuan\[xlsx\]'"):
        read_document(SHEETS / "caizheng_2020_tables.xlsx")


def test_sheet_without_borders_takes_lone_text_rows_as_paragraphs(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["收入支出决算总表"])
    sheet.append(["单位：万元"])
    sheet.append(["项目", "决算数", "项目", "决算数"])
    sheet.append(["一、一般公共预算财政拨款收入", 850.18, "一般公共服务支出", 620.35])
    sheet["B4"].number_format = "0.00"
    sheet["D4"].number_format = "0.00"
    sheet.append([])
    sheet.append(["注：本表反映部门本年度的总收支。"])
    sheet.merge_cells("A1:D1")
    path = tmp_path / "t.xlsx"
    book.save(path)
    doc = read_document(path)
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "table", "paragraph"]
    assert doc.blocks[3].text == "注：本表反映部门本年度的总收支。"
    assert doc.tables[0].grid() == [["项目", "决算数", "项目", "决算数"],
                                    ["一、一般公共预算财政拨款收入", "850.18", "一般公共服务支出", "620.35"]]
