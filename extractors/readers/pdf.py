"""PDF reader: pdfplumber pages into the one document model.

Each page is parsed once: its characters (fake-bold duplicates removed) serve both the
table cells and the running text, and the table finder runs only on pages that draw
lines or rectangles. Text inside a table's box belongs to the table; the rest is
clustered into lines (``pdf_lines``), page-number footers are dropped, and the lines of
the whole document are joined into paragraphs (``pdf_paragraphs``), with tables continued
across pages joined into one. Pages are closed as soon as they are read, so memory stays
flat on long documents.

Pages that cannot be read faithfully are reported in ``Document.issues`` (a scan without
a text layer, glyphs without a Unicode mapping); a file with no readable page at all,
an encrypted file or a damaged one raises a ``ReadError`` with a one-line reason.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from extractors.document import Document, Format, PageIssue
from extractors.errors import CorruptFile, EncryptedFile, NoTextLayer, ReadError
from extractors.readers.pdf_lines import Line, cluster_lines, drop_footers
from extractors.readers.pdf_paragraphs import PageContent, assemble
from extractors.readers.pdf_tables import PageTable, build_page_table, inside_any

ENCRYPTED = "encrypted PDF: password required"


def read_pdf(path: str | Path) -> Document:
    """Read a PDF with a text layer into a Document (see the module docstring)."""
    path = Path(path)
    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as error:
        raise _read_error(error.args[0] if error.args else error) from None
    except (OSError, ValueError) as error:
        raise CorruptFile(_one_line("unreadable PDF", error)) from None
    with pdf:
        pages, issues = _read_pages(pdf)
    if not any(page.items for page in pages):
        raise NoTextLayer(_no_text_reason(len(pages), issues))
    return Document(
        blocks=assemble(pages),
        format=Format.PDF,
        path=str(path),
        pages=len(pages),
        issues=issues,
    )


def _read_pages(pdf: pdfplumber.PDF) -> tuple[list[PageContent], list[PageIssue]]:
    contents: list[PageContent] = []
    issues: list[PageIssue] = []
    try:
        count = len(pdf.pages)
    except Exception as error:  # pdfminer raises many kinds on a broken page tree
        raise _read_error(error) from None
    for number in range(1, count + 1):
        page = pdf.pages[number - 1]
        try:
            content, issue = _read_page(page, number)
        except ReadError:
            raise
        except Exception as error:  # a damaged content stream: one line, no traceback
            raise _read_error(error, page=number) from None
        finally:
            page.close()
        contents.append(content)
        if issue is not None:
            issues.append(issue)
    return contents, issues


def _read_page(page, number: int) -> tuple[PageContent, PageIssue | None]:
    """Lines and tables of one page, in vertical order, and the page's problem if any."""
    chars = [c for c in page.dedupe_chars().chars if c["text"].strip()]
    content = PageContent(number=number, width=float(page.width))
    if not chars:
        return content, PageIssue(number, "no_text_layer") if page.images else None
    tables = _find_tables(page, chars, number)
    boxes = [t.bbox for t in tables]
    outside = [c for c in chars if not inside_any(c, boxes)] if boxes else chars
    lines = drop_footers(cluster_lines(outside), float(page.height))
    has_cid = any(line.has_cid for line in lines) or any("(cid:" in c["text"] for c in chars)
    items: list[Line | PageTable] = [line for line in lines if not line.has_cid]
    items.extend(tables)
    items.sort(key=lambda item: item.top)
    content.items = items
    issue = PageIssue(number, "cid_glyphs", "glyphs without Unicode mapping") if has_cid else None
    return content, issue


def _find_tables(page, chars: list[dict], number: int) -> list[PageTable]:
    """Ruled tables of the page; the finder runs only when the page draws edges."""
    if not (page.lines or page.rects):
        return []
    found = []
    for table in page.find_tables():
        built = build_page_table(list(table.cells), chars, number)
        if built is not None:
            found.append(built)
    return found


def _no_text_reason(count: int, issues: list[PageIssue]) -> str:
    if any(issue.problem == "cid_glyphs" for issue in issues):
        return (
            f"no usable text on any of {count} pages: glyphs without Unicode mapping "
            "((cid:N)), needs OCR (e.g. ocrmypdf -l chi_sim)"
        )
    return (
        f"no text layer on any of {count} pages: scanned PDF, needs OCR "
        "(e.g. ocrmypdf -l chi_sim)"
    )


def _read_error(error: BaseException, page: int | None = None) -> ReadError:
    if isinstance(error, (PDFPasswordIncorrect, PDFEncryptionError)):
        return EncryptedFile(ENCRYPTED)
    if isinstance(error, PdfminerException) and error.args:
        return _read_error(error.args[0], page)
    return CorruptFile(_one_line("damaged PDF", error), page=page)


def _one_line(prefix: str, error: object) -> str:
    detail = " ".join(str(error).split())[:160]
    name = type(error).__name__
    return f"{prefix}: {name}: {detail}" if detail else f"{prefix}: {name}"
