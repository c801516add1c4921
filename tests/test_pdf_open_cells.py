"""Ruled tables whose merged cell lacks a rule at the page cut, and text off the page.

pdfplumber's finder returns a cell only where four rules meet; a project's name cell
merged down its indicator rows and run on to the next page has no rule at the page foot,
so its grid positions are covered by no cell. ``build_page_table`` rebuilds such a cell
from the uncovered positions that hold text, one per column unless its text crosses the
line between columns. Text whose centre lies outside the page box is not shown and is
not read (``on_page``).
"""

from __future__ import annotations

from extractors.readers.pdf import on_page
from extractors.readers.pdf_tables import build_page_table


def _char(text: str, x: float, y: float, width: float = 8.0) -> dict:
    return {"text": text, "x0": x, "x1": x + width, "top": y, "bottom": y + 8.0, "size": 8.0}


def _word(text: str, x: float, y: float) -> list[dict]:
    return [_char(ch, x + 8 * i, y) for i, ch in enumerate(text)]


# Columns at x = 0, 100, 200, 300; rows at y = 0, 20, 40, 60. The header row has all its
# cells; below it only columns 2 (indicator) are ruled: columns 0 and 1 have no bottom rule.
_BOXES = [(0, 0, 100, 20), (100, 0, 200, 20), (200, 0, 300, 20),
          (200, 20, 300, 40), (200, 40, 300, 60)]


def test_merged_cells_without_a_bottom_rule_come_back_with_their_text():
    chars = (_word("名称", 10, 5) + _word("金额", 110, 5) + _word("指标", 210, 5)
             + _word("甲项目", 10, 35) + _word("12.5", 110, 35)
             + _word("一", 210, 25) + _word("二", 210, 45))
    table = build_page_table(_BOXES, chars, page=3).table
    got = [(c.row, c.col, c.row_span, c.col_span, c.value) for c in table.cells]
    assert got == [(0, 0, 1, 1, "名称"), (0, 1, 1, 1, "金额"), (0, 2, 1, 1, "指标"),
                   (1, 0, 2, 1, "甲项目"), (1, 1, 2, 1, "12.5"), (1, 2, 1, 1, "一"),
                   (2, 2, 1, 1, "二")]


def test_uncovered_positions_without_text_stay_without_a_cell():
    chars = _word("名称", 10, 5) + _word("金额", 110, 5) + _word("指标", 210, 5) + _word("一", 210, 25)
    table = build_page_table(_BOXES, chars, page=3).table
    assert table.cell_at(1, 0) is None and table.cell_at(2, 1) is None


def test_text_across_the_line_between_two_open_columns_is_one_cell():
    long_name = _word("很长的项目名称文字", 56, 35)  # one character straddles x = 100
    chars = _word("名称", 10, 5) + _word("金额", 110, 5) + _word("指标", 210, 5) + long_name
    table = build_page_table(_BOXES, chars, page=3).table
    cell = table.cell_at(1, 0)
    assert (cell.row, cell.col, cell.row_span, cell.col_span, cell.value) == (1, 0, 2, 2, "很长的项目名称文字")


def test_text_outside_the_page_box_is_not_read():
    chars = _word("看得见", 10, 10) + _word("页外", 10, -50) + _word("页下", 10, 900) + _word("右外", 700, 10)
    assert "".join(c["text"] for c in on_page(chars, 600.0, 800.0)) == "看得见"
