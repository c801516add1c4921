"""Bad input files give a ReadError with a one-line reason, never a traceback.

The files are under tests/fixtures/bad/ (see tests/fixtures/README.md for how each is
made). Files that are fine apart from their name or their subject must read normally:
a .docx named .pdf is read as Word (content wins), and an unrelated PDF is a readable
document (rejecting it as "not a report" is the pipeline's job, not the reader's).
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SEED_TXT
from typer.testing import CliRunner

from cli.main import app
from extractors.document import Format, PageIssue
from extractors.errors import (
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    MissingTool,
    NoTextLayer,
    ReadError,
    UnsupportedFormat,
)
from extractors.readers import read_document

BAD = FIXTURES / "bad"

# file, error class, words the reason must contain (lower-cased)
REFUSED = [
    ("empty.pdf", EmptyFile, ["empty"]),
    ("truncated.pdf", CorruptFile, ["pdf"]),
    ("encrypted.pdf", EncryptedFile, ["encrypted", "password"]),
    ("not_word.docx", UnsupportedFormat, ["zip archive", "not a report file"]),
    ("scanned.pdf", NoTextLayer, ["no text layer", "needs ocr", "pip install 'juesuan[ocr]'"]),
]


@pytest.mark.parametrize(("name", "error", "words"), REFUSED, ids=[r[0] for r in REFUSED])
def test_bad_file_is_refused_with_a_one_line_reason(name, error, words, monkeypatch):
    monkeypatch.setenv("JUESUAN_OCR", "0")  # the scan is refused as it is without the ocr extra
    with pytest.raises(ReadError) as caught:
        read_document(BAD / name)
    err = caught.value
    assert type(err) is error, f"{name}: {type(err).__name__}: {err.reason}"
    reason = err.reason
    assert reason and "\n" not in reason and len(reason) < 200
    assert "Traceback" not in reason
    for word in words:
        assert word in reason.lower(), f"{name}: {word!r} not in {reason!r}"


@pytest.mark.parametrize("name", [r[0] for r in REFUSED])
def test_cli_reports_the_reason_without_a_traceback(name, monkeypatch):
    monkeypatch.setenv("JUESUAN_OCR", "0")
    result = CliRunner().invoke(app, ["read", str(BAD / name)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    message = result.output.strip()
    assert message.startswith(str(BAD / name) + ": ") and "\n" not in message
    assert "Traceback" not in result.output


def test_docx_named_pdf_is_read_as_word():
    doc = read_document(BAD / "docx_named.pdf")
    assert doc.format is Format.DOCX and doc.pages is None
    seed = read_document(SEED_TXT)
    assert [p.text for p in doc.paragraphs] == [p.text for p in seed.paragraphs[:12]]
    assert [t.shape_signature() for t in doc.tables] == [seed.tables[0].shape_signature()]


def test_legacy_doc_without_libreoffice_says_how_to_install_it(monkeypatch):
    monkeypatch.setenv("JUESUAN_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(MissingTool) as caught:
        read_document(BAD / "legacy.doc")
    reason = caught.value.reason
    assert reason.startswith("Word 97-2003 .doc document: reading it needs LibreOffice")
    assert "apt-get install libreoffice-writer-nogui" in reason and "\n" not in reason


def test_legacy_doc_is_read_through_libreoffice(soffice):
    doc = read_document(BAD / "legacy.doc")
    assert doc.format is Format.DOC and doc.pages is None
    original = read_document(BAD / "docx_named.pdf")  # the .docx the .doc was saved from
    assert [p.text for p in doc.paragraphs] == [p.text for p in original.paragraphs]
    assert [t.shape_signature() for t in doc.tables] == [t.shape_signature() for t in original.tables]


def test_legacy_doc_is_a_real_word_97_file():
    head = (BAD / "legacy.doc").read_bytes()[:8]
    assert head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file


def test_not_a_report_pdf_reads_as_a_document():
    doc = read_document(BAD / "not_a_report.pdf")
    assert doc.format is Format.PDF and doc.pages == 1 and not doc.issues
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "关于图书馆春节期间开放时间的通知"
    assert texts[-1] == "特此通知。"
    assert not doc.tables


def test_cid_page_is_listed_in_issues_and_not_read_as_text():
    doc = read_document(BAD / "cid_glyphs.pdf")
    assert doc.format is Format.PDF and doc.pages == 2
    assert [(i.page, i.problem) for i in doc.issues] == [(2, "cid_glyphs")]
    assert all(isinstance(i, PageIssue) for i in doc.issues)
    assert doc.paragraphs[0].text == "第一部分部门概况" and doc.paragraphs[0].page == 1
    assert not any("(cid:" in text for _, text in doc.iter_text())


def test_cid_fixture_really_has_unmapped_glyphs_on_page_two_only():
    """The fixture itself, through pdfplumber directly: page 2 is (cid:N) glyphs."""
    import pdfplumber

    with pdfplumber.open(BAD / "cid_glyphs.pdf") as pdf:
        first, second = (page.extract_text() or "" for page in pdf.pages)
    assert "(cid:" not in first and "第一部分" in first
    assert second.count("(cid:") > 100


def test_scanned_fixture_has_images_and_no_characters():
    import pdfplumber

    with pdfplumber.open(BAD / "scanned.pdf") as pdf:
        assert len(pdf.pages) == 3
        assert all(page.images and not page.chars for page in pdf.pages)
