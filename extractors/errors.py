"""Errors a reader raises for a file it cannot read: one line a person understands.

The ingest pipeline turns these into per-file outcomes (errors are data); it never shows
a traceback for a bad input file.
"""

from __future__ import annotations


class ReadError(Exception):
    """A file juesuan cannot read. ``reason`` is the one-line message shown to users."""

    code = "unreadable"

    def __init__(self, reason: str, *, page: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.page = page

    def __str__(self) -> str:
        return self.reason if self.page is None else f"{self.reason} (page {self.page})"


class UnsupportedFormat(ReadError):
    """The content is no format juesuan reads (see ``extractors.detect.SUPPORTED``)."""

    code = "unsupported_format"


class EmptyFile(ReadError):
    code = "empty_file"


class EncryptedFile(ReadError):
    code = "encrypted"


class CorruptFile(ReadError):
    """Truncated or damaged: the container itself cannot be parsed."""

    code = "corrupt"


class NoTextLayer(ReadError):
    """Every page is a scan (or glyphs without Unicode mapping): nothing to read without OCR."""

    code = "no_text"


class UnsafeFile(ReadError):
    """Refused before parsing: a decompression bomb or a container built to exhaust memory."""

    code = "unsafe"


class MissingTool(ReadError):
    """The format is known but reading it needs a program or optional extra not installed
    (LibreOffice for .doc/.xls, the ``ocr`` extra for scans); the reason says how to get it."""

    code = "missing_tool"


class ConversionFailed(ReadError):
    """LibreOffice ran but gave no converted file (damaged input, timeout)."""

    code = "conversion_failed"
