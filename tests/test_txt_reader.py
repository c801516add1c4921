"""The .txt reader rebuilds the seed's flattened Word tables as grids with spans."""

from __future__ import annotations

from conftest import SEED_TXT

from extractors.document import Paragraph, Table
from extractors.readers import read_document
from extractors.readers.txt import parse_txt


def test_seed_has_five_performance_forms_as_six_column_grids():
    doc = read_document(SEED_TXT)
    forms = doc.tables
    assert len(forms) == 5
    assert [t.n_cols for t in forms] == [6] * 5
    # header row + 10 / 8 / 8 / 8 / 8 indicator rows after 8 header-block rows
    assert [t.n_rows - 9 for t in forms] == [10, 8, 8, 8, 8]
    first = forms[0]
    assert first.cell_at(0, 0).value == "项目绩效目标完成情况表（2020年度）"
    assert first.cell_at(0, 0).col_span == 6
    label = first.cell_at(4, 0)
    assert (label.value, label.row, label.row_span) == ("预算执行情况(万元)", 3, 3)
    assert first.cell_at(3, 2).value == "78" and first.cell_at(3, 4).value == "77.98"
    perf = first.cell_at(12, 0)
    assert (perf.value, perf.row, perf.row_span) == ("绩效指标完成情况", 8, 11)


def test_cell_line_breaks_are_kept_and_joined_in_value():
    doc = read_document(SEED_TXT)
    cell = doc.tables[0].cell_at(15, 2)
    assert cell.text == "经济效益\n指标"
    assert cell.value == "经济效益指标"


def test_paragraphs_are_normalised_lines_with_their_line_numbers():
    doc = read_document(SEED_TXT)
    first = doc.blocks[0]
    assert isinstance(first, Paragraph)
    assert first.text == "第一部分部门概况" and first.line == 1
    income = next(p for p in doc.paragraphs if p.text.startswith("2020年度收入决算总额"))
    assert "850.18万元" in income.text


def test_adjacent_tables_split_at_a_title_row():
    text = "\ttitle表\n\n\ta\n\tb\n\n\tother表\n\n\tc\n\td\n"
    doc = parse_txt(text)
    assert [type(b) for b in doc.blocks] == [Table, Table]
    assert [b.block for b in doc.blocks] == [0, 1]
