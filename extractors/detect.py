"""Decide a file's format from its content, the extension only as a tie-breaker.

Government sites serve .docx files named .pdf, PDFs named .doc and legacy .doc files
named .docx; trusting the extension would send them to the wrong reader.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from extractors.document import Format
from extractors.errors import CorruptFile, EmptyFile, UnsupportedFormat

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
SUPPORTED = "PDF, Word .docx, plain text"
DOC_HINT = (
    "legacy Word .doc file: convert it first with "
    "`soffice --headless --convert-to docx --outdir OUTDIR FILE`"
)


def detect_format(path: str | Path) -> Format:
    """Return the file's format or raise a ReadError with a one-line reason."""
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(2048)
    if not head:
        raise EmptyFile("empty file (0 bytes)")
    if b"%PDF-" in head[:1024]:
        return Format.PDF
    if head.startswith(_ZIP):
        return _zip_kind(path)
    if head.startswith(_OLE2):
        raise UnsupportedFormat(DOC_HINT)
    if head.lstrip().startswith(b"{\\rtf"):
        raise UnsupportedFormat(
            "RTF file: convert it with `soffice --headless --convert-to docx FILE`"
        )
    if _looks_like_text(head):
        lowered = head.lstrip().lower()
        if lowered.startswith((b"<!doctype html", b"<html")):
            raise UnsupportedFormat(f"HTML page, not a report file (juesuan reads {SUPPORTED})")
        return Format.TXT
    raise UnsupportedFormat(f"unrecognised file content (juesuan reads {SUPPORTED})")


def _zip_kind(path: Path) -> Format:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        raise CorruptFile("damaged or truncated zip container (not a readable .docx)") from None
    if "word/document.xml" in names:
        return Format.DOCX
    if "xl/workbook.xml" in names:
        raise UnsupportedFormat(f"Excel workbook, not a Word document (juesuan reads {SUPPORTED})")
    raise UnsupportedFormat(f"zip archive that is not a Word document (juesuan reads {SUPPORTED})")


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as err:
            # a multi-byte character cut by the 2048-byte window is still text
            if err.start >= len(head) - 4:
                return True
    return False
