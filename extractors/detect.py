"""Decide a file's format from its content (magic bytes, then structure); the extension is
only a hint, used to say when the two disagree.

Government sites serve .docx files named .pdf, PDFs named .doc, legacy .doc files named
.docx and HTML error pages saved as .pdf by crawlers; trusting the extension would send
them to the wrong reader. ``detect`` returns the format and, when the name says
otherwise, a note for the file's outcome ("HTML page saved as .pdf"); the file is then
read by what it is.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import regex

from extractors.document import Format
from extractors.errors import CorruptFile, EmptyFile, EncryptedFile, ReadError, UnsupportedFormat

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
SUPPORTED = "PDF, Word .docx/.doc, Excel .xlsx/.xls, HTML, plain text"
ENCRYPTED_HINT = "encrypted (password-protected) Office document: save it without a password first"
OFD_HINT = (
    "OFD document (GB/T 33190 fixed layout), not read yet: export it to PDF "
    "with an OFD reader first"
)

# What a format is called in messages, and the extensions that name it honestly.
LABELS: dict[Format, str] = {
    Format.PDF: "PDF",
    Format.DOCX: "Word .docx document",
    Format.DOC: "Word 97-2003 .doc document",
    Format.RTF: "RTF document",
    Format.ODT: "OpenDocument text",
    Format.XLSX: "Excel .xlsx workbook",
    Format.XLS: "Excel 97-2003 .xls workbook",
    Format.ODS: "OpenDocument spreadsheet",
    Format.HTML: "HTML page",
    Format.MHTML: "MHTML web archive",
    Format.TXT: "plain text",
}
EXTENSIONS: dict[Format, frozenset[str]] = {
    Format.PDF: frozenset({".pdf"}),
    Format.DOCX: frozenset({".docx", ".docm", ".dotx", ".wps"}),
    Format.DOC: frozenset({".doc", ".dot", ".wps"}),
    Format.RTF: frozenset({".rtf", ".doc"}),
    Format.ODT: frozenset({".odt"}),
    Format.XLSX: frozenset({".xlsx", ".xlsm", ".et"}),
    Format.XLS: frozenset({".xls", ".et"}),
    Format.ODS: frozenset({".ods"}),
    Format.HTML: frozenset({".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"}),
    Format.MHTML: frozenset({".mht", ".mhtml"}),
    Format.TXT: frozenset({".txt", ".text", ".csv", ".md"}),
}
# Extensions of files people download as reports: a file named so that juesuan cannot
# read failed (a broken download); any other unreadable file is merely not a report file.
DOCUMENT_EXTENSIONS = frozenset().union(*EXTENSIONS.values()) | {".ofd", ".pptx", ".ppt"}

# OLE2 directory entries are 128 bytes, start on 128-byte boundaries of the file (sectors
# are 512 or 4096 bytes after a 512-byte header) and begin with the UTF-16LE stream name;
# bytes 64-65 hold the name's length in bytes including the terminating NUL.
_DIR_ENTRY = 128
_SCAN_CHUNK = 1 << 20  # a multiple of 128, so no entry straddles two chunks
_HEAD = 4096
_HTML_START = regex.compile(rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                            regex.IGNORECASE | regex.DOTALL)
# A MIME web archive: mail-style headers, then a multipart/related body (IE, Word, Chrome).
_MHTML = regex.compile(rb"^(?:[\w-]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)*?"
                       rb"content-type:\s*multipart/related", regex.IGNORECASE)
_HTML_TAGS = regex.compile(rb"<(?:head|body|meta|title|div|table|p|br)\b[^>]*>", regex.IGNORECASE)


@dataclass(frozen=True)
class Detected:
    """A file's format by content, and what to say when its name claims another."""

    format: Format
    mismatch: str | None = None  # e.g. "HTML page saved as .pdf"


def detect_format(path: str | Path) -> Format:
    """The file's format, or a ReadError with a one-line reason."""
    return detect(path).format


def detect(path: str | Path) -> Detected:
    """The file's format by content, with a note when the extension says otherwise."""
    path = Path(path)
    fmt = content_format(path)
    return Detected(fmt, mismatch_note(fmt, path))


def mismatch_note(fmt: Format, path: Path) -> str | None:
    """ "HTML page saved as .pdf" when the extension names another format; else None."""
    suffix = path.suffix.lower()
    if not suffix or suffix in EXTENSIONS[fmt]:
        return None
    return f"{LABELS[fmt]} saved as {suffix}"


def content_format(path: Path) -> Format:
    """The format by content alone (see the module docstring)."""
    with path.open("rb") as fh:
        head = fh.read(_HEAD)
    if not head:
        raise EmptyFile("empty file (0 bytes)")
    if b"%PDF-" in head[:1024]:
        return Format.PDF
    if head.startswith(_ZIP):
        return _zip_kind(path)
    if head.startswith(_OLE2):
        return _ole2_kind(path)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return Format.RTF
    if head.startswith((b"PK\x05\x06", b"PK\x07\x08", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        raise UnsupportedFormat("archive (zip/rar/7z), not a report file: unpack it first")
    if _looks_like_text(head):
        if _MHTML.search(head[:2048]):
            return Format.MHTML
        return Format.HTML if _looks_like_html(head) else Format.TXT
    raise UnsupportedFormat(f"unrecognised file content (juesuan reads {SUPPORTED})")


def _looks_like_html(head: bytes) -> bool:
    """An HTML document: starts with <!DOCTYPE html>/<html>, or is markup made of HTML tags."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML_START.match(text):
        return True
    return text.startswith(b"<") and len(_HTML_TAGS.findall(text)) >= 2


def _zip_kind(path: Path) -> Format:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        raise CorruptFile("damaged or truncated zip container (not a readable Office file)") from None
    except (NotImplementedError, RuntimeError) as err:  # unknown compression, encrypted member
        raise UnsupportedFormat(f"zip container juesuan cannot open: {err}".splitlines()[0][:160]) from None
    if "word/document.xml" in names:
        return Format.DOCX
    if "xl/workbook.xml" in names:
        return Format.XLSX
    if b"opendocument.text" in mimetype:
        return Format.ODT
    if b"opendocument.spreadsheet" in mimetype:
        return Format.ODS
    if "OFD.xml" in names or any(n.lower() == "ofd.xml" for n in names):
        raise UnsupportedFormat(OFD_HINT)
    if "ppt/presentation.xml" in names:
        raise UnsupportedFormat("PowerPoint presentation, not a report document")
    raise UnsupportedFormat(f"zip archive, not a report file: unpack it first (juesuan reads {SUPPORTED})")


def _ole2_kind(path: Path) -> Format:
    """Office 97-2003 compound file: which application's, by its stream names.

    Office saves a password-protected .docx/.xlsx as an OLE2 file holding an
    ``EncryptedPackage`` stream; a .doc holds ``WordDocument``, an .xls ``Workbook``
    (``Book`` for Excel 5).
    """
    names = ole2_stream_names(path, ("EncryptedPackage", "WordDocument", "Workbook", "Book",
                                     "PowerPoint Document"))
    if "EncryptedPackage" in names:
        raise EncryptedFile(ENCRYPTED_HINT)
    if "WordDocument" in names:
        return Format.DOC
    if names & {"Workbook", "Book"}:
        return Format.XLS
    if "PowerPoint Document" in names:
        raise UnsupportedFormat("PowerPoint 97-2003 presentation, not a report document")
    raise UnsupportedFormat("Office 97-2003 compound file that is neither Word nor Excel")


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as err:
            # a multi-byte character cut by the window is still text
            if err.start >= len(head) - 4:
                return True
    return False


def ole2_error(path: str | Path) -> ReadError | None:
    """Why an OLE2 compound file is not a .docx, or None when the file is not OLE2.

    Used by the .docx reader for a file that is not a zip: an encrypted Office file, or a
    legacy one that should have been detected as such.
    """
    path = Path(path)
    with path.open("rb") as fh:
        if fh.read(len(_OLE2)) != _OLE2:
            return None
    try:
        fmt = _ole2_kind(path)
    except ReadError as err:
        return err
    return UnsupportedFormat(f"{LABELS[fmt]}, not a .docx")


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
