"""Readers: turn a file into the one document model (extractors.document).

``read_document`` detects the format from the content and dispatches; every reader
returns a Document or raises a ReadError with a one-line reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from extractors.detect import detect_format
from extractors.document import Document, Format
from extractors.readers.txt import read_txt


def _read_pdf(path: Path) -> Document:
    from extractors.readers.pdf import read_pdf

    return read_pdf(path)


def _read_docx(path: Path) -> Document:
    from extractors.readers.docx import read_docx

    return read_docx(path)


READERS: dict[Format, Callable[[Path], Document]] = {
    Format.PDF: _read_pdf,
    Format.DOCX: _read_docx,
    Format.TXT: read_txt,
}


def read_document(path: str | Path) -> Document:
    """Read any supported file into a Document (format detected from content)."""
    path = Path(path)
    fmt = detect_format(path)
    document = READERS[fmt](path)
    document.path = str(path)
    return document
