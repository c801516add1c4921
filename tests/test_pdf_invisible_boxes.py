"""Invisible boxes are not table rules: running text painted over white boxes stays text.

iText (Changsha's and Shenzhen's reports) paints a white, unstroked rectangle behind each
run of text; pdfplumber's finder would turn every line into a one-row "table". The same
boxes stroked in black are a real grid and must still be read as a table.
"""

from __future__ import annotations

import pytest
from fixtures.gen.raw_pdf import one_page_pdf, text_runs_on_boxes

from extractors.document import Paragraph
from extractors.readers.pdf import read_pdf
from extractors.readers.pdf_paint import is_white, shows

RUNS = [(72, 700, "Income 68632.12"), (180, 700, "wan yuan of"),
        (72, 684, "general budget"), (180, 684, "68632.12 wan")]


def _pdf(tmp_path, paint: str):
    path = tmp_path / "boxes.pdf"
    path.write_bytes(one_page_pdf(text_runs_on_boxes(RUNS, paint, width=108)))
    return path


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_white_filled_boxes_behind_text_make_no_table(tmp_path, engine):
    doc = read_pdf(_pdf(tmp_path, "1 g f"), engine=engine)
    assert doc.tables == []
    text = " ".join(p.text for p in doc.blocks if isinstance(p, Paragraph))
    assert "68632.12" in text and "general budget" in text


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_the_same_boxes_ruled_in_black_are_a_table(tmp_path, engine):
    doc = read_pdf(_pdf(tmp_path, "0 G 0.5 w S"), engine=engine)
    assert len(doc.tables) == 1
    assert doc.tables[0].grid() == [["Income 68632.12", "wan yuan of"],
                                    ["general budget", "68632.12 wan"]]


def test_white_in_every_colour_space():
    assert is_white(1.0) and is_white((1, 1, 1)) and is_white([0, 0, 0, 0])
    assert not is_white(0) and not is_white((0.5, 0.5, 0.5)) and not is_white((0, 0, 0, 1))
    assert not is_white(None) and not is_white(("pattern",))
    assert shows(fill=True, stroke=False, fill_color=0.2, stroke_color=None)
    assert not shows(fill=True, stroke=False, fill_color=1, stroke_color=0)
    assert shows(fill=True, stroke=True, fill_color=1, stroke_color=0)
