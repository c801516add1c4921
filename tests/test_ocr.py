"""OCR of scanned pages (extra ``juesuan[ocr]``): recognised lines go through the PDF
layout step, pages are marked ``read_by_ocr`` and every block, cell and figure read from
them ``ocr`` with its confidence; without the extra a scan fails naming it.
Skipped, saying why, when the extra is not installed."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import FIXTURES

from extractors.errors import NoTextLayer
from extractors.readers import ocr, read_document
from extractors.readers.pdf_lines import cluster_lines
from extractors.report import extract_report

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
    # every block and cell says it was recognised, with a score
    cells = [c for t in doc.tables for c in t.cells if c.value]
    assert all(p.method == "ocr" and 0 < p.confidence <= 1 for p in doc.paragraphs)
    assert cells and all(c.method == "ocr" and 0 < c.confidence <= 1 for c in cells)
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
        # every figure is marked as read by OCR, with its boxes' lowest score
        record = extract_report(doc, path.name)
        located = [*record.facts, *record.line_items, *record.projects,
                   *(i for p in record.projects for i in p.indicators)]
        assert located and all(r.source.read_by == "ocr" for r in located)
        assert all(Decimal("0") < r.source.ocr_confidence <= 1 for r in located)
        # the stated totals are read, and held to the same sum checks as any text
        facts = {f.metric: f for f in record.facts}
        assert {"income.total", "expenditure.total"} <= facts.keys()
        sums = [f for f in record.findings if f.rule == "total_vs_parts" and f.severity == "error"]
        assert not sums, [f.message for f in sums]


def _is_scan(path) -> bool:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return all(not page.chars for page in pdf.pages[:3])


def test_benchmark_prints_ocr_seconds_per_page(ocr_extra, monkeypatch, tmp_path, capsys):
    """``benchmarks/bench.py --sections ocr`` (here on the fixture scan: no corpus) prints
    the OCR seconds per page and notes them for docs/performance.md."""
    import bench

    monkeypatch.setenv("JUESUAN_CORPUS", str(tmp_path / "no corpus"))
    results = bench.Results()
    bench.section_ocr(None, tmp_path, results)
    printed = capsys.readouterr().out
    seconds = float(printed.split("OCR seconds per page:")[1].split()[0])
    assert seconds > 0
    (note,) = results.notes
    assert note.startswith("ocr: ") and "s per page (rapidocr" in note
