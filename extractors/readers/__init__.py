"""Readers: turn a file into the one document model (extractors.document).

``read_document`` detects the format from the content and dispatches; every reader
returns a Document or raises a ReadError with a one-line reason. When the file's name
claims another format, the Document's ``mismatch`` says so, and so does the reason of a
ReadError ("HTML page saved as .pdf: …"), so the outcome tells the user what the file is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractors.detect import LABELS, detect
from extractors.document import Document, Format
from extractors.errors import ReadError
from extractors.readers.txt import read_txt


def _read_pdf(path: Path) -> Document:
    from extractors.readers.pdf import read_pdf

    return read_pdf(path)


def _read_docx(path: Path) -> Document:
    from extractors.readers.docx import read_docx

    return read_docx(path)


def _read_xlsx(path: Path) -> Document:
    from extractors.readers.xlsx import read_xlsx

    return read_xlsx(path)


def _read_html(path: Path) -> Document:
    from extractors.readers.html import read_html

    return read_html(path)


def _read_mhtml(path: Path) -> Document:
    from extractors.readers.html import read_mhtml

    return read_mhtml(path)


def _via_soffice(source_ext: str, target: str, reader: Callable[[Path], Document], fmt: Format):
    """A reader that converts with LibreOffice to ``target`` and reads the result."""

    def read(path: Path) -> Document:
        from extractors.readers.convert import converted

        with converted(path, source_ext, target, LABELS[fmt]) as result:
            document = reader(result)
        document.format = fmt
        document.notes.append(f"converted to .{target} by LibreOffice")
        return document

    return read


READERS: dict[Format, Callable[[Path], Document]] = {
    Format.PDF: _read_pdf,
    Format.DOCX: _read_docx,
    Format.TXT: read_txt,
    Format.HTML: _read_html,
    Format.MHTML: _read_mhtml,
    Format.XLSX: _read_xlsx,
    Format.DOC: _via_soffice("doc", "docx", _read_docx, Format.DOC),
    Format.RTF: _via_soffice("rtf", "docx", _read_docx, Format.RTF),
    Format.ODT: _via_soffice("odt", "docx", _read_docx, Format.ODT),
    Format.XLS: _via_soffice("xls", "xlsx", _read_xlsx, Format.XLS),
    Format.ODS: _via_soffice("ods", "xlsx", _read_xlsx, Format.ODS),
}


def read_document(path: str | Path) -> Document:
    """Read any supported file into a Document (format detected from content)."""
    path = Path(path)
    detected = detect(path)
    try:
        document = READERS[detected.format](path)
    except ReadError as err:
        if detected.mismatch:
            err.reason = f"{detected.mismatch}: {err.reason}"
            err.args = (err.reason,)
        raise
    document.path = str(path)
    document.mismatch = detected.mismatch
    return document
