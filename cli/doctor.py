"""``juesuan doctor``: what this installation can read and do, and what a missing piece
would enable. Every check only looks (imports, PATH, fonts): nothing is written."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Annotated

import typer

from cli.options import FormatOption, emit_rows


@dataclass(frozen=True)
class Check:
    piece: str
    enables: str
    install: str
    found: str | None  # where or which version; None when missing


def _module(name: str) -> str | None:
    spec = importlib.util.find_spec(name)
    if spec is None:
        return None
    try:
        from importlib.metadata import version

        return version(_DISTRIBUTIONS.get(name, name))
    except Exception:  # any failure: present but unversioned still counts as present
        return "installed"


_DISTRIBUTIONS = {"docx": "python-docx", "rapidocr_onnxruntime": "rapidocr-onnxruntime",
                  "vl_convert": "vl-convert-python", "psycopg": "psycopg", "pypdfium2": "pypdfium2"}


def checks() -> list[Check]:
    from compare.fonts import find_cjk_font
    from extractors.readers.convert import find_soffice

    font = find_cjk_font()
    return [
        Check("pdfplumber", "text PDFs (tables, reference page engine)", "pip install .", _module("pdfplumber")),
        Check("pypdfium2", "text PDFs, the fast page engine", "pip install .", _module("pypdfium2")),
        Check("python-docx", "Word .docx", "pip install .", _module("docx")),
        Check("lxml", "HTML pages", "pip install .", _module("lxml")),
        Check("openpyxl", "Excel .xlsx; export --format xlsx", "pip install '.[xlsx]'", _module("openpyxl")),
        Check("LibreOffice (soffice)", "Word 97 .doc, Excel 97 .xls, RTF, OpenDocument",
              "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui (or set JUESUAN_SOFFICE)",
              find_soffice()),
        Check("rapidocr-onnxruntime", "scanned PDFs (OCR, offline Chinese models)", "pip install '.[ocr]'",
              _module("rapidocr_onnxruntime")),
        Check("psycopg", "PostgreSQL databases (--db postgresql+psycopg://…)", "pip install '.[postgres]'",
              _module("psycopg")),
        Check("pyarrow", "export --format parquet, panel .parquet", "pip install '.[export]'", _module("pyarrow")),
        Check("dask.distributed", "ingest --scheduler / --executor dask", "pip install '.[distributed]'",
              _module("distributed")),
        Check("altair + vl-convert", "trend/diff --chart (.html, .svg, .png)", "pip install '.[charts]'",
              _module("vl_convert") and _module("altair")),
        Check("a CJK font", "Chinese labels in .png/.svg charts",
              "apt-get install fonts-noto-cjk (or set JUESUAN_CJK_FONT)", str(font.path) if font else None),
    ]


COLUMNS = ["piece", "status", "enables", "found", "install"]


def doctor_cmd(fmt: FormatOption = None,
               missing: Annotated[bool, typer.Option("--missing", help="Only the pieces not found.")] = False,
               ) -> None:
    """What this installation can read and do: each reader, OCR, LibreOffice, database
    drivers, Dask and chart fonts, with what a missing piece would enable and how to add it.

    Example: juesuan doctor --missing
    """
    rows = [(c.piece, "ok" if c.found else "missing", c.enables, c.found or "", "" if c.found else c.install)
            for c in checks() if not (missing and c.found)]
    emit_rows(COLUMNS, rows, fmt, title="juesuan doctor")
