"""PDF reader: PDF pages into the one document model.

Each page is parsed once: its characters (fake-bold duplicates removed) serve both the
table cells and the running text, and pdfplumber's table finder (lines strategy) runs
only on pages that draw lines or rectangles. Text inside a table's box belongs to the
table; the rest is clustered into lines (``pdf_lines``), page-number footers are
dropped, and the lines of the whole document are joined into paragraphs
(``pdf_paragraphs``), with tables continued across pages joined into one. Pages are
closed as soon as they are read, so memory stays flat on long documents.

Two engines parse the pages. ``pdfium`` (default) takes characters and ruling lines from
PDFium (``pdf_pdfium``), about five times faster than pdfminer.six, which is where
pdfplumber spends its time; ``pdfplumber`` is the reference, and tests require both to
give the same Document. Either way the file is first opened with pdfplumber, so damaged
and encrypted files are refused with the same reasons.

Pages that cannot be read faithfully are reported in ``Document.issues`` (a scan without
a text layer, glyphs without a Unicode mapping); a file with no readable page at all,
an encrypted file or a damaged one raises a ``ReadError`` with a one-line reason.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from extractors.document import Document, Format, PageIssue
from extractors.errors import CorruptFile, EncryptedFile, NoTextLayer, ReadError
from extractors.readers import ocr
from extractors.readers.pdf_cells import LinearTableFinder
from extractors.readers.pdf_lines import Line, cluster_lines, drop_footers
from extractors.readers.pdf_paint import plumber_object_shows
from extractors.readers.pdf_paragraphs import PageContent, assemble
from extractors.readers.pdf_pdfium import AVAILABLE as PDFIUM_AVAILABLE
from extractors.readers.pdf_pdfium import PageData, read_page
from extractors.readers.pdf_tables import PageTable, build_page_table, outside_all

ENCRYPTED = "encrypted PDF: password required"
# "pdfium" parses pages with PDFium (fast); "pdfplumber" with pdfminer.six (the reference).
ENGINES = ("pdfium", "pdfplumber")
DEFAULT_ENGINE = "pdfium"


def read_pdf(path: str | Path, engine: str = DEFAULT_ENGINE) -> Document:
    """Read a PDF with a text layer into a Document (see the module docstring).

    The file is always opened with pdfplumber first, so a damaged or encrypted file is
    refused with the same reason whichever engine then reads the pages.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; use one of {', '.join(ENGINES)}")
    path = Path(path)
    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as error:
        raise _read_error(error.args[0] if error.args else error) from None
    except (OSError, ValueError) as error:
        raise CorruptFile(_one_line("unreadable PDF", error)) from None
    try:
        count = _page_count(pdf)
        if engine == "pdfplumber" or not PDFIUM_AVAILABLE:
            pages, issues = _read_pages_pdfplumber(pdf, count)
        else:
            pages, issues = _read_pages_pdfium(path, pdf, count)
    finally:
        _close_quietly(pdf)
    if any(issue.problem == "no_text_layer" for issue in issues) and ocr.available():
        pages, issues = _ocr_scanned_pages(path, pages, issues)
    if not any(page.items for page in pages):
        raise NoTextLayer(_no_text_reason(len(pages), issues))
    return Document(
        blocks=assemble(pages),
        format=Format.PDF,
        path=str(path),
        pages=len(pages),
        issues=issues,
    )


def _page_count(pdf: pdfplumber.PDF) -> int:
    try:
        return len(pdf.pages)
    except Exception as error:  # pdfminer raises many kinds on a broken page tree
        raise _read_error(error) from None


def _read_pages_pdfplumber(pdf: pdfplumber.PDF, count: int):
    contents: list[PageContent] = []
    issues: list[PageIssue] = []
    for number in range(1, count + 1):
        page = pdf.pages[number - 1]
        try:
            content, issue = _read_plumber_page(page, number)
        except Exception as error:  # a damaged content stream: one line, no traceback
            raise _read_error(error, page=number) from None
        finally:
            page.close()
        contents.append(content)
        if issue is not None:
            issues.append(issue)
    return contents, issues


def _read_pages_pdfium(path: Path, pdf: pdfplumber.PDF, count: int):
    """Pages through PDFium; a rotated page (rare) is left to pdfplumber, which turns it."""
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        raise _read_error(error) from None
    contents: list[PageContent] = []
    issues: list[PageIssue] = []
    try:
        if len(document) != count:
            raise CorruptFile(f"damaged PDF: page tree gives {count} pages, PDFium {len(document)}")
        for number in range(1, count + 1):
            try:
                data = read_page(document, number - 1)
                if data is None:
                    content, issue = _read_plumber_page_closed(pdf, number)
                else:
                    content, issue = layout_page(number, data)
            except ReadError:
                raise
            except Exception as error:
                raise _read_error(error, page=number) from None
            contents.append(content)
            if issue is not None:
                issues.append(issue)
    finally:
        document.close()
    return contents, issues


def _close_quietly(pdf: pdfplumber.PDF) -> None:
    """Close without letting a damaged file's close() replace the real outcome.

    pdfplumber's ``PDF.close()`` walks the page tree again; on a damaged file that walk
    raises raw pdfminer errors, which would hide the ReadError (or the Document) we have.
    """
    try:
        pdf.close()
    except Exception:  # nothing left to release that matters
        pass


def _read_plumber_page_closed(pdf: pdfplumber.PDF, number: int):
    page = pdf.pages[number - 1]
    try:
        return _read_plumber_page(page, number)
    finally:
        page.close()


def _read_plumber_page(page, number: int) -> tuple[PageContent, PageIssue | None]:
    width, height = float(page.width), float(page.height)
    chars = on_page(page.dedupe_chars().chars, width, height)
    data = PageData(width=width, height=height, chars=chars, images=len(page.images))
    tables = []
    if page.lines or page.rects or page.curves:  # the finder needs drawn edges
        visible = page.filter(plumber_object_shows)
        tables = _page_tables(visible.find_tables(), data.chars, number)
    return _page_content(number, data, tables)


def layout_page(number: int, data: PageData) -> tuple[PageContent, PageIssue | None]:
    """The one positioned-text layout step: a page's characters and ruling lines (from
    PDFium, from an HTML page of absolutely positioned blocks, or from OCR boxes) into
    lines and ruled table grids, in vertical order. ``assemble`` then joins the pages."""
    data.chars = on_page(data.chars, data.width, data.height)
    return _page_content(number, data, _finder_tables(data, number))


def on_page(chars: list[dict], width: float, height: float) -> list[dict]:
    """The characters that show: text placed outside the page box is never displayed.

    A producer that cuts a tall merged cell at a page break may print the cell's whole
    text on both pages, the part beyond the edge left off the page (Beijing's 预算11表
    repeats a project's name and goal above the top of the next page); read as text it
    would come back as stray paragraphs between the two parts of the table.
    """
    return [c for c in chars  # the character's centre on the page
            if 0 <= (c["x0"] + c["x1"]) / 2 <= width and 0 <= (c["top"] + c["bottom"]) / 2 <= height]


def _finder_tables(data: PageData, number: int) -> list[PageTable]:
    """pdfplumber's table finder (lines strategy) on PDFium's edges."""
    if not data.edges:
        return []
    return _page_tables(LinearTableFinder(data).tables, data.chars, number)


def _page_tables(found, chars: list[dict], number: int) -> list[PageTable]:
    built = (build_page_table(list(table.cells), chars, number) for table in found)
    return [table for table in built if table is not None]


def _page_content(
    number: int, data: PageData, tables: list[PageTable]
) -> tuple[PageContent, PageIssue | None]:
    """Lines and tables of one page, in vertical order, and the page's problem if any."""
    chars = [c for c in data.chars if c["text"] == " " or c["text"].strip()]
    content = PageContent(number=number, width=data.width, height=data.height)
    if not any(c["text"] != " " for c in chars):
        return content, PageIssue(number, "no_text_layer") if data.images else None
    boxes = [t.bbox for t in tables]
    outside = outside_all(chars, boxes) if boxes else chars
    lines = drop_footers(cluster_lines(outside), data.height)
    has_cid = any("(cid:" in c["text"] for c in chars)
    items: list[Line | PageTable] = [line for line in lines if not line.has_cid]
    items.extend(tables)
    items.sort(key=lambda item: item.top)
    content.items = items
    issue = PageIssue(number, "cid_glyphs", "glyphs without Unicode mapping") if has_cid else None
    return content, issue


def _ocr_scanned_pages(path: Path, pages: list[PageContent], issues: list[PageIssue]):
    """Pages without a text layer recognised by OCR (``ocr``), laid out like any page."""
    scanned = {issue.page: issue for issue in issues if issue.problem == "no_text_layer"}
    kept = [issue for issue in issues if issue.page not in scanned]
    document = pdfium.PdfDocument(path)
    try:
        for number in sorted(scanned):
            page = document[number - 1]
            try:
                width, height = page.get_size()
                found = ocr.recognise(page, width, height)
            finally:
                page.close()
            if not found.chars:  # a blank page, or nothing OCR can read: still textless
                kept.append(scanned[number])
                continue
            data = PageData(width=width, height=height, chars=found.chars, edges=found.edges,
                            images=1)
            content, _ = layout_page(number, data)
            pages[number - 1] = content
            confidence = "" if found.confidence is None else f", mean confidence {found.confidence:.2f}"
            kept.append(PageIssue(number, "read_by_ocr", f"{ocr.ENGINE_NAME}{confidence}"))
    finally:
        document.close()
    kept.sort(key=lambda issue: issue.page)
    return pages, kept


def _no_text_reason(count: int, issues: list[PageIssue]) -> str:
    if any(issue.problem == "cid_glyphs" for issue in issues):
        return (
            f"no usable text on any of {count} pages: glyphs without Unicode mapping "
            "((cid:N)), needs OCR (e.g. ocrmypdf -l chi_sim)"
        )
    if ocr.available():
        return (f"no text layer on any of {count} pages, and OCR found no text in them "
                "(blank or unreadable scan)")
    return (
        f"no text layer on any of {count} pages: scanned PDF, needs OCR: {ocr.INSTALL_HINT}"
    )


def _read_error(error: BaseException, page: int | None = None) -> ReadError:
    if isinstance(error, (PDFPasswordIncorrect, PDFEncryptionError)):
        return EncryptedFile(ENCRYPTED)
    if isinstance(error, pdfium.PdfiumError) and "password" in str(error).lower():
        return EncryptedFile(ENCRYPTED)
    if isinstance(error, PdfminerException) and error.args:
        return _read_error(error.args[0], page)
    return CorruptFile(_one_line("damaged PDF", error), page=page)


def _one_line(prefix: str, error: object) -> str:
    detail = " ".join(str(error).split())[:160]
    name = type(error).__name__
    return f"{prefix}: {name}: {detail}" if detail else f"{prefix}: {name}"
