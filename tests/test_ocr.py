"""OCR of scanned pages (extra ``juesuan[ocr]``): recognised lines go through the PDF
layout step, pages are marked ``read_by_ocr``; without the extra a scan fails naming it.
Skipped, saying why, when the extra is not installed."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES

from extractors.errors import NoTextLayer
from extractors.readers import ocr, read_document
from extractors.readers.pdf_lines import cluster_lines

SCANNED = FIXTURES / "bad" / "scanned.pdf"


@pytest.fixture
def ocr_extra() -> None:
    if not ocr.available():
        pytest.skip(f"OCR extra not installed (or JUESUAN_OCR=0): {ocr.INSTALL_HINT}")


def test_scan_without_the_extra_names_it(monkeypatch):
    monkeypatch.setenv("JUESUAN_OCR", "0")
    with pytest.raises(NoTextLayer) as caught:
        read_document(SCANNED)
    assert ocr.INSTALL_HINT in caught.value.reason


def test_line_chars_spread_over_the_box_and_snap_to_the_body_size():
    chars = ocr.line_chars("收入850.18万元", 100.0, 190.0, 50.0, 62.0, body_size=11.0)
    assert "".join(c["text"] for c in chars) == "收入850.18万元"
    assert chars[0]["x0"] == 100.0 and chars[-1]["x1"] == pytest.approx(190.0)
    widths = [c["x1"] - c["x0"] for c in chars]
    assert widths[0] == pytest.approx(2 * widths[2])  # 收 one em, 8 half
    assert {c["size"] for c in chars} == {11.0}  # 12 is within a quarter of 11
    (line,) = cluster_lines(chars)
    assert line.text == "收入850.18万元"


def test_page_number_dashes_read_as_one_are_dashes():
    assert "".join(c["text"] for c in ocr.line_chars("-3一", 0, 30, 800, 810)) == "-3—"
    assert "".join(c["text"] for c in ocr.line_chars("一、主要职责", 0, 60, 80, 90)) == "一、主要职责"


def test_scanned_fixture_is_read_by_ocr(ocr_extra):
    doc = read_document(SCANNED)
    assert doc.issues and {i.problem for i in doc.issues} == {"read_by_ocr"}
    assert all(i.detail.startswith("rapidocr") for i in doc.issues)
    original = read_document(FIXTURES / "bad" / "docx_named.pdf")  # the document scanned
    assert doc.paragraphs[0].text == original.paragraphs[0].text
    # the performance form's rules found in the image: the same grid, the same merges
    assert [(t.n_rows, t.n_cols, t.spans()) for t in doc.tables] == \
        [(t.n_rows, t.n_cols, t.spans()) for t in original.tables]
    scanned, printed = doc.tables[0], original.tables[0]
    same = sum(_fold(a) == _fold(b) for a, b in zip(_values(scanned), _values(printed), strict=False))
    assert same >= 0.9 * len(_values(printed))


def _values(table) -> list[str]:
    return [cell.value for cell in table.cells]


def _fold(text: str) -> str:
    """Full-width and ASCII punctuation alike: OCR prints （：） where Word had (:)."""
    import unicodedata

    return unicodedata.normalize("NFKC", text)


def test_ruling_lines_found_in_an_image_and_text_strokes_not():
    import numpy
    dark = numpy.zeros((400, 1000), dtype=bool)
    dark[50:52, 20:980] = True  # a rule two pixels thick
    dark[150, 20:980] = True
    dark[50:151, 20] = True  # the table's left side
    dark[100, 100:130] = True  # a character's stroke
    dark[300:320, 20:980] = True  # a filled band, not a rule
    edges = ocr.ruling_lines(dark, scale=2.0)
    horizontal = sorted((e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h")
    vertical = [(e["x0"], e["top"], e["bottom"]) for e in edges if e["orientation"] == "v"]
    assert horizontal == [(25.25, 10.0, 490.0), (75.0, 10.0, 490.0)]
    assert vertical == [(10.0, 25.0, 75.5)]


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_scans_yield_their_identity_and_totals(ocr_extra, corpus_dir):
    identities = json.loads((corpus_dir / "identity.json").read_text(encoding="utf-8"))
    scans = [p for p in sorted(corpus_dir.glob("*.pdf")) if _is_scan(p)]
    if not scans:
        pytest.skip("no scanned PDF in the corpus")
    for path in scans:
        doc = read_document(path)
        assert {i.page for i in doc.issues if i.problem == "read_by_ocr"} == set(range(1, doc.pages + 1))
        text = doc.full_text()
        assert identities[path.name]["department"] in text
        assert any("万元" in p.text and any(ch.isdigit() for ch in p.text) for p in doc.paragraphs)


def _is_scan(path) -> bool:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return all(not page.chars for page in pdf.pages[:3])
