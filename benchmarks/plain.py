"""The baseline: a plain pdfplumber pass over PDFs, what a naive script would do.

    .venv/bin/python benchmarks/plain.py PDF_OR_FOLDER...

For every page: ``extract_text()`` and ``extract_tables()`` with default settings, then
``page.close()`` so memory is released the way the maintainers advise. No layout
analysis (``laparams``), no database, nothing kept. Prints the page count.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pdfplumber


def plain_pass(pdf_path: Path) -> int:
    """Text and tables of every page; returns the number of pages."""
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
        return len(pdf.pages)


def pdfs_in(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        found += sorted(path.rglob("*.pdf")) if path.is_dir() else [path]
    return found


def main(argv: list[str]) -> None:
    pages = sum(plain_pass(path) for path in pdfs_in(argv))
    print(pages)


if __name__ == "__main__":
    main(sys.argv[1:])
