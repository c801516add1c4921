"""Format detection: the content decides, the file name never does.

Every file is built in ``tmp_path`` from bytes written here (STYLE.md practice 23); the
OLE2 compound files are minimal but well-formed (header, one FAT sector, one directory
sector), with the stream names Office writes.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from docx import Document as new_docx

from extractors.detect import ENCRYPTED_HINT, OFD_HINT, detect, detect_format, ole2_stream_names
from extractors.document import Format
from extractors.errors import CorruptFile, EmptyFile, EncryptedFile, ReadError, UnsupportedFormat

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

_FREE, _END, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def compound_file(stream_names: list[str], filler: bytes = b"") -> bytes:
    """A minimal OLE2 (CFB v3) file whose directory lists ``stream_names`` (at most 3).

    ``filler`` is appended as unallocated data, to put arbitrary bytes in the file.
    """
    assert len(stream_names) <= 3
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, _END, 0, _END, 0)
    struct.pack_into("<109I", header, 76, 0, *([_FREE] * 108))
    fat = struct.pack("<128I", _FAT_SECTOR, _END, *([_FREE] * 126))
    entries = [_dir_entry("Root Entry", 5, child=1)]
    for i, name in enumerate(stream_names, start=1):
        right = i + 1 if i < len(stream_names) else _NO_STREAM
        entries.append(_dir_entry(name, 2, right=right))
    while len(entries) < 4:
        unused = struct.pack("<HBBIII", 0, 0, 0, _NO_STREAM, _NO_STREAM, _NO_STREAM)
        entries.append(bytes(64) + unused + bytes(52))
    return bytes(header) + fat + b"".join(entries) + filler


def _dir_entry(name: str, kind: int, child: int = _NO_STREAM, right: int = _NO_STREAM) -> bytes:
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    entry = bytearray(128)
    entry[0:len(encoded)] = encoded
    struct.pack_into("<HBBIII", entry, 64, len(encoded), kind, 1, _NO_STREAM, right, child)
    struct.pack_into("<IQ", entry, 116, _END, 0)
    return bytes(entry)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _word_file(path: Path) -> Path:
    doc = new_docx()
    doc.add_paragraph("一、部门主要职责")
    doc.save(str(path))
    return path


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


# -- content wins over the extension ---------------------------------------------------


def test_docx_named_pdf_is_docx(tmp_path):
    assert detect_format(_word_file(tmp_path / "report.pdf")) is Format.DOCX


def test_pdf_named_docx_is_pdf(tmp_path):
    assert detect_format(_write(tmp_path / "report.docx", MINIMAL_PDF)) is Format.PDF


def test_pdf_after_junk_bytes_is_still_pdf(tmp_path):
    """Some servers prepend a BOM or blank lines; the PDF header may start late."""
    path = _write(tmp_path / "r.bin", b"\xef\xbb\xbf\r\n" + MINIMAL_PDF)
    assert detect_format(path) is Format.PDF


def test_plain_text_utf8_and_gb18030(tmp_path):
    text = "2020年度部门决算\n一、收入支出决算总体情况\n"
    assert detect_format(_write(tmp_path / "a.doc", text.encode("utf-8"))) is Format.TXT
    assert detect_format(_write(tmp_path / "b.txt", text.encode("gb18030"))) is Format.TXT


# -- files juesuan cannot read, each with a one-line reason ------------------------------


def test_empty_file(tmp_path):
    with pytest.raises(EmptyFile, match="empty file"):
        detect_format(_write(tmp_path / "empty.pdf", b""))


def test_legacy_doc_is_doc_whatever_its_name(tmp_path):
    path = _write(tmp_path / "report.docx", compound_file(["WordDocument", "1Table"]))
    found = detect(path)
    assert found.format is Format.DOC
    assert found.mismatch == "Word 97-2003 .doc document saved as .docx"


def test_encrypted_docx_is_named_as_such(tmp_path):
    path = _write(tmp_path / "report.docx", compound_file(["EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(EncryptedFile) as err:
        detect_format(path)
    assert err.value.reason == ENCRYPTED_HINT
    assert err.value.code == "encrypted"


def test_encrypted_name_found_beyond_the_first_chunk(tmp_path):
    """The directory may sit anywhere in a large file: the scan reads it all."""
    data = compound_file(["WordDocument"])
    entry = _dir_entry("EncryptedPackage", 2)
    padding = bytes((-len(data)) % 128 + 3 * 1024 * 1024)
    path = _write(tmp_path / "big.docx", data + padding + entry)
    assert ole2_stream_names(path, ("EncryptedPackage", "WordDocument")) == {
        "EncryptedPackage", "WordDocument"}
    with pytest.raises(EncryptedFile):
        detect_format(path)


def test_text_mentioning_encryptedpackage_is_not_an_entry(tmp_path):
    """The name at an unaligned offset (document text) does not count as a stream."""
    stray = b"x" + "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
    path = _write(tmp_path / "note.doc", compound_file(["WordDocument"], filler=stray))
    assert detect_format(path) is Format.DOC


def test_legacy_xls(tmp_path):
    path = _write(tmp_path / "table.doc", compound_file(["Workbook"]))
    found = detect(path)
    assert (found.format, found.mismatch) == (Format.XLS, "Excel 97-2003 .xls workbook saved as .doc")


def test_other_compound_file_is_refused(tmp_path):
    path = _write(tmp_path / "slides.doc", compound_file(["PowerPoint Document"]))
    with pytest.raises(UnsupportedFormat, match="PowerPoint"):
        detect_format(path)


def test_zip_that_is_not_word(tmp_path):
    path = _zip(tmp_path / "report.docx", {"readme.txt": b"hello", "data/a.csv": b"1,2"})
    with pytest.raises(UnsupportedFormat, match="zip archive, not a report file"):
        detect_format(path)


def test_excel_zip(tmp_path):
    path = _zip(tmp_path / "report.docx", {
        "[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    found = detect(path)
    assert (found.format, found.mismatch) == (Format.XLSX, "Excel .xlsx workbook saved as .docx")


def test_ofd_is_named_and_refused(tmp_path):
    path = _zip(tmp_path / "report.ofd", {"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<x/>"})
    with pytest.raises(UnsupportedFormat) as err:
        detect_format(path)
    assert err.value.reason == OFD_HINT


def test_opendocument_text(tmp_path):
    path = _zip(tmp_path / "report.odt", {
        "mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    found = detect(path)
    assert (found.format, found.mismatch) == (Format.ODT, None)


def test_truncated_zip_is_corrupt(tmp_path):
    whole = _word_file(tmp_path / "whole.docx").read_bytes()
    path = _write(tmp_path / "cut.docx", whole[: len(whole) // 3])
    with pytest.raises(CorruptFile, match="damaged or truncated zip"):
        detect_format(path)


def test_html_page_saved_as_pdf(tmp_path):
    page = "<!DOCTYPE html>\n<html><head><title>404 页面不存在</title></head></html>"
    found = detect(_write(tmp_path / "report.pdf", page.encode("utf-8")))
    assert (found.format, found.mismatch) == (Format.HTML, "HTML page saved as .pdf")


@pytest.mark.parametrize("page", [
    b"\xef\xbb\xbf  <html lang='zh'><body>x</body></html>",
    b"<?xml version='1.0'?>\n<!-- saved -->\n<!DOCTYPE HTML PUBLIC>",
    "<meta charset=gbk><title>部门预算</title><div>正文</div>".encode("gb18030"),
])
def test_html_variants(tmp_path, page):
    assert detect_format(_write(tmp_path / "page.htm", page)) is Format.HTML


def test_text_mentioning_html_is_text(tmp_path):
    text = "说明：网页版见 <html> 链接。\n一、收入支出决算总体情况\n".encode()
    assert detect_format(_write(tmp_path / "a.txt", text)) is Format.TXT


def test_text_named_docx_is_text_with_a_note(tmp_path):
    found = detect(_write(tmp_path / "report.docx", "2020年度部门决算\n".encode()))
    assert (found.format, found.mismatch) == (Format.TXT, "plain text saved as .docx")


def test_matching_extension_has_no_note(tmp_path):
    assert detect(_write(tmp_path / "report.PDF", MINIMAL_PDF)).mismatch is None
    assert detect(_write(tmp_path / "report", MINIMAL_PDF)).mismatch is None


def test_rtf(tmp_path):
    assert detect_format(_write(tmp_path / "report.doc", b"{\\rtf1\\ansi hello}")) is Format.RTF


@pytest.mark.parametrize("magic", [b"PK\x05\x06" + bytes(18), b"Rar!\x1a\x07\x00", b"7z\xbc\xaf\x27\x1c"])
def test_other_archives(tmp_path, magic):
    with pytest.raises(UnsupportedFormat, match="archive"):
        detect_format(_write(tmp_path / "a.zip", magic))


def test_binary_junk(tmp_path):
    with pytest.raises(UnsupportedFormat, match="unrecognised file content"):
        detect_format(_write(tmp_path / "x.pdf", bytes(range(256)) * 4))


@pytest.mark.parametrize("maker", [
    lambda p: _write(p, b""),
    lambda p: _write(p, compound_file(["EncryptedPackage"])),
    lambda p: _write(p, compound_file(["PowerPoint Document"])),
    lambda p: _zip(p, {"a.txt": b"a"}),
])
def test_reasons_are_one_line(tmp_path, maker):
    with pytest.raises(ReadError) as err:
        detect_format(maker(tmp_path / "f.docx"))
    assert "\n" not in str(err.value) and str(err.value)
