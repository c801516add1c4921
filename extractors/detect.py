"""Decide a file's format from its content, the extension only as a tie-breaker.

Government sites serve .docx files named .pdf, PDFs named .doc and legacy .doc files
named .docx; trusting the extension would send them to the wrong reader.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from extractors.document import Format
from extractors.errors import CorruptFile, EmptyFile, EncryptedFile, ReadError, UnsupportedFormat

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
SUPPORTED = "PDF, Word .docx, plain text"
DOC_HINT = (
    "legacy Word .doc file: convert it first with "
    "`soffice --headless --convert-to docx --outdir OUTDIR FILE`"
)
ENCRYPTED_HINT = "encrypted (password-protected) Word document: save it without a password first"
XLS_HINT = f"legacy Excel .xls workbook, not a Word document (juesuan reads {SUPPORTED})"

# OLE2 directory entries are 128 bytes, start on 128-byte boundaries of the file (sectors
# are 512 or 4096 bytes after a 512-byte header) and begin with the UTF-16LE stream name;
# bytes 64-65 hold the name's length in bytes including the terminating NUL.
_DIR_ENTRY = 128
_SCAN_CHUNK = 1 << 20  # a multiple of 128, so no entry straddles two chunks


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
        raise ole2_error(path)
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


def ole2_error(path: str | Path) -> ReadError | None:
    """Why an OLE2 compound file cannot be read, or None when the file is not OLE2.

    Office saves a password-protected .docx as an OLE2 file holding an
    ``EncryptedPackage`` stream; a legacy .xls holds ``Workbook``; anything else in this
    container is taken for a legacy Word .doc.
    """
    path = Path(path)
    with path.open("rb") as fh:
        if fh.read(len(_OLE2)) != _OLE2:
            return None
    names = ole2_stream_names(path, ("EncryptedPackage", "Workbook", "Book"))
    if "EncryptedPackage" in names:
        return EncryptedFile(ENCRYPTED_HINT)
    if names & {"Workbook", "Book"}:
        return UnsupportedFormat(XLS_HINT)
    return UnsupportedFormat(DOC_HINT)


def ole2_stream_names(path: str | Path, wanted: tuple[str, ...]) -> set[str]:
    """Which of ``wanted`` name a directory entry of the OLE2 file at ``path``.

    A scan for aligned directory entries rather than a full FAT walk: it needs no
    library, reads the file once in chunks, and a body text that happens to contain
    the name is almost never 128-byte aligned with a matching length field.
    """
    patterns = {name: _dir_entry_prefix(name) for name in wanted}
    found: set[str] = set()
    with Path(path).open("rb") as fh:
        while chunk := fh.read(_SCAN_CHUNK):
            for name, (encoded, length) in patterns.items():
                if name not in found and _has_entry(chunk, encoded, length):
                    found.add(name)
    return found


def _dir_entry_prefix(name: str) -> tuple[bytes, bytes]:
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    return encoded, len(encoded).to_bytes(2, "little")


def _has_entry(chunk: bytes, encoded: bytes, length: bytes) -> bool:
    start = chunk.find(encoded)
    while start != -1:
        if start % _DIR_ENTRY == 0 and chunk[start + 64:start + 66] == length:
            return True
        start = chunk.find(encoded, start + 1)
    return False
