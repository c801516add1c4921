"""HTML reader: a government web page's report content, without the site around it.

Why this shape: a disclosure published as a web page sits inside the site's navigation,
breadcrumbs, share buttons and footer; only the article is the report. So:

1. Decode (BOM, ``<meta charset>``, else UTF-8, else GB18030), parse with lxml's HTML
   parser (no network, no entities), drop what is never content (scripts, styles, forms,
   ``nav``/``header``/``footer``/``aside``, and boxes whose class or id names navigation).
2. Pick the content: from ``<body>`` go down into the child holding most of the text that
   is not link text, while it holds most of it; navigation is mostly links.
3. Walk the content in order: block elements become paragraphs, ``<table>`` a grid with
   ``rowspan``/``colspan`` (a layout table, one cell or holding tables, is walked
   through), and a box of absolutely positioned text blocks (a PDF converted to HTML) is
   rebuilt by the PDF reader's layout step (``html_positioned``), consecutive such pages
   joined like PDF pages (paragraphs and tables running across pages).

A page with no content at all (an error page a crawler saved) raises ``NoTextLayer``
naming the page's title.
"""

from __future__ import annotations

from pathlib import Path

import regex
from lxml import etree
from lxml import html as lxml_html

from extractors.document import Block, Cell, Document, Format, Paragraph, Table
from extractors.errors import CorruptFile, NoTextLayer, UnsafeFile
from extractors.readers import html_positioned as positioned
from extractors.readers.aligned_tables import aligned_edges
from extractors.readers.pdf import layout_page
from extractors.readers.pdf_paragraphs import assemble
from extractors.readers.pdf_pdfium import PageData
from extractors.textnorm import normalize_cell_text, normalize_text

MAX_BYTES = 200 * 1024 * 1024
MAX_SPAN = 1000
_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", regex.IGNORECASE)
_NEVER_CONTENT = ("script", "style", "noscript", "template", "iframe", "object", "embed", "form",
                  "select", "button", "input", "textarea", "nav", "header", "footer", "aside",
                  "head", "svg", "canvas", "map")
_NAV_NAME = regex.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|crumbs?|breadcrumbs?|footer|foot|header|head|top|topbar|"
    r"banner|sidebar|side|share|share_box|fontsize|toolbar|print|copyright|login|search|"
    r"related|links?|bottom|pager|msg)(?:$|[\s_-])", regex.IGNORECASE)
_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
                         "dt", "dd", "section", "article", "main", "blockquote", "pre", "center",
                         "table", "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "br",
                         "hr", "address", "figure", "figcaption", "body"})
_ERROR_TITLE = regex.compile(r"404|403|500|502|not found|error|错误|不存在|无法访问|找不到|已删除")
_DOWN_SHARE = 0.6  # go down into a child holding at least this share of the text


def read_html(path: str | Path) -> Document:
    """Read an HTML page into the document model (pages only for positioned pages)."""
    path = Path(path)
    return html_document(_read_bytes(path), path)


def read_mhtml(path: str | Path) -> Document:
    """Read a saved web archive (.mht): its first HTML part, as ``read_html`` reads a page."""
    import email
    from email import policy

    path = Path(path)
    message = email.message_from_bytes(_read_bytes(path), policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            data = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset and b"charset" not in data[:2048].lower():
                data = f'<meta charset="{charset}">'.encode("ascii", "ignore") + data
            document = html_document(data, path)
            document.format = Format.MHTML
            return document
    raise CorruptFile("MHTML web archive without an HTML part")


def _read_bytes(path: Path) -> bytes:
    if path.stat().st_size > MAX_BYTES:
        raise UnsafeFile(f"HTML page of {path.stat().st_size // (1024 * 1024)} MB refused")
    return path.read_bytes()


def html_document(data: bytes, path: Path) -> Document:
    """The Document of an HTML page's bytes (see the module docstring)."""
    root = _parse(data)
    title = _title(root)
    sheet = positioned.stylesheet(root)  # before <style> blocks are dropped with the non-content
    body = root.find("body") if root.find("body") is not None else root
    h1s = [normalize_text(h.text_content()) for h in body.iter("h1")]
    _drop_non_content(body, sheet)
    content = choose_content(body, sheet)
    walker = _Walker(sheet)
    walker.walk(content)
    blocks = walker.finish()
    if len(h1s) == 1 and h1s[0] and not any(h.tag == "h1" for h in content.iter()):
        blocks.insert(0, Paragraph(h1s[0]))
    if not any((b.text if isinstance(b, Paragraph) else b.text()).strip() for b in blocks):
        raise NoTextLayer(_empty_reason(title))
    return Document(blocks=blocks, format=Format.HTML, path=str(path),
                    pages=walker.pages or None, issues=walker.issues)


# -- parsing ------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """The page's text: BOM, then the declared charset, then UTF-8, then GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    match = _CHARSET.search(data[:8192])
    candidates = [match.group(1).decode("ascii", "ignore").lower()] if match else []
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        encoding = "gb18030" if encoding in ("gb2312", "gbk", "x-gbk") else encoding
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", "replace")


def _parse(data: bytes) -> lxml_html.HtmlElement:
    text = decode(data)
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  huge_tree=False, encoding="utf-8")
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as err:
        raise CorruptFile(f"unreadable HTML page: {err}".splitlines()[0][:160]) from None
    return root


def _title(root: lxml_html.HtmlElement) -> str:
    node = root.find(".//title")
    return " ".join(node.text_content().split()) if node is not None else ""


def _empty_reason(title: str) -> str:
    if title and _ERROR_TITLE.search(title.lower()):
        return f"HTML error page ({title!r}), not a report"
    named = f" ({title!r})" if title else ""
    return f"HTML page{named} with no report text (images or scripts only?)"


def _drop_non_content(body: lxml_html.HtmlElement, sheet: positioned.StyleSheet) -> None:
    doomed = [el for el in body.iter() if isinstance(el.tag, str) and _never_content(el, sheet)]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _never_content(element: lxml_html.HtmlElement, sheet: positioned.StyleSheet) -> bool:
    if element.tag in _NEVER_CONTENT:
        return True
    if positioned.style_of(element, sheet).get("display") == "none":
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}".strip()
    return bool(names) and _NAV_NAME.search(names) is not None and not _holds_report(element)


def _holds_report(element: lxml_html.HtmlElement) -> bool:
    """A box named like navigation that holds a long text or a table is content after all."""
    return element.find(".//table") is not None or len(_own_prose(element)) > 400


# -- choosing the content -----------------------------------------------------------------


def _own_prose(element: lxml_html.HtmlElement) -> str:
    """Text of ``element`` that is not inside a link."""
    parts = []
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag != "a" and not any(a.tag == "a" for a in node.iterancestors()):
            parts.append(node.text or "")
        if node is not element:
            parent = node.getparent()
            if parent is not None and parent.tag != "a" and not any(
                    a.tag == "a" for a in parent.iterancestors()):
                parts.append(node.tail or "")
    return "".join("".join(parts).split())


def choose_content(body: lxml_html.HtmlElement,
                   sheet: positioned.StyleSheet = positioned.EMPTY) -> lxml_html.HtmlElement:
    """The element holding the page's content (see the module docstring, step 2)."""
    lengths = _prose_lengths(body)
    current = body
    while True:
        children = [c for c in current if isinstance(c.tag, str)]
        if not children:
            return current
        best = max(children, key=lambda c: lengths.get(c, 0))
        if lengths.get(best, 0) < _DOWN_SHARE * lengths.get(current, 0) or lengths.get(best, 0) == 0:
            return current
        if positioned.is_positioned_page(best, sheet):  # a page is read whole, with its siblings
            return current
        if best.tag == "table" and not _is_layout_table(best, sheet):  # a data table too
            return current
        current = best


def _prose_lengths(body: lxml_html.HtmlElement) -> dict:
    """Non-link text length of every element, in one bottom-up pass."""
    lengths: dict = {}
    for element in reversed(list(body.iter())):
        if not isinstance(element.tag, str):
            continue
        own = 0 if element.tag == "a" else len("".join((element.text or "").split()))
        total = own
        for child in element:
            if isinstance(child.tag, str):
                total += 0 if child.tag == "a" else lengths.get(child, 0)
            total += len("".join((child.tail or "").split()))
        lengths[element] = total
    return lengths


# -- walking the content ------------------------------------------------------------------


class _Walker:
    """Blocks in document order; positioned pages gathered and assembled as PDF pages."""

    def __init__(self, sheet: positioned.StyleSheet = positioned.EMPTY) -> None:
        self.sheet = sheet
        self.blocks: list[Block] = []
        self.inline: list[str] = []
        self.run: list[PageData] = []  # consecutive positioned pages not yet laid out
        self.pages = 0
        self.issues: list = []

    def walk(self, element: lxml_html.HtmlElement) -> None:
        self._text(element.text)
        for child in element:
            if isinstance(child.tag, str):
                self._element(child)
            self._text(child.tail)

    def _element(self, element: lxml_html.HtmlElement) -> None:
        tag = element.tag
        if positioned.is_positioned_page(element, self.sheet):
            self._page(element)
        elif tag == "table":
            self._table(element)
        elif tag in ("br", "hr"):
            self._break()
        elif tag in _BLOCK_TAGS or tag in ("tr", "td", "th"):
            self._break()
            self.walk(element)
            self._break()
        else:
            self.walk(element)

    def _text(self, text: str | None) -> None:
        if text and text.strip():
            self._flush_pages()
            self.inline.append(text)
        elif text:
            self.inline.append(" ")

    def _break(self) -> None:
        text = normalize_text("".join(self.inline))
        self.inline = []
        if text:
            self.blocks.append(Paragraph(text))

    def _page(self, element: lxml_html.HtmlElement) -> None:
        self._break()
        self.run.append(positioned.page_data(element, self.sheet))

    def _flush_pages(self) -> None:
        """Lay the run of pages out and join them; pages of a run that draws no rule at all
        (a converter that put them in a background image) get rules from the text's alignment."""
        if not self.run:
            return
        unruled = not any(data.edges for data in self.run)
        contents = []
        for data in self.run:
            self.pages += 1
            if unruled:
                data.edges = aligned_edges(data.chars)
            content, issue = layout_page(self.pages, data)
            contents.append(content)
            if issue is not None:
                self.issues.append(issue)
        self.blocks.extend(assemble(contents))
        self.run = []

    def _table(self, element: lxml_html.HtmlElement) -> None:
        self._break()
        if _is_layout_table(element, self.sheet):
            for cell in _cells_of(element):
                self.walk(cell)
                self._break()
            return
        self._flush_pages()
        table = html_table(element)
        if table is not None:
            self.blocks.append(table)

    def finish(self) -> list[Block]:
        self._break()
        self._flush_pages()
        return self.blocks


def _rows_of(table: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The table's own rows (in thead/tbody/tfoot or direct), not those of nested tables."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if r.tag == "tr")
    return rows


def _cells_of(table: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    return [c for row in _rows_of(table) for c in row if c.tag in ("td", "th")]


def _is_layout_table(table: lxml_html.HtmlElement, sheet: positioned.StyleSheet = positioned.EMPTY) -> bool:
    """A table used for page layout: a single cell, or cells holding tables or positioned pages."""
    cells = _cells_of(table)
    if len(cells) <= 1:
        return True
    return any(c.find(".//table") is not None or positioned.is_positioned_page(c, sheet)
               or any(positioned.is_positioned_page(d, sheet) for d in c.iter("div")) for c in cells)


def html_table(element: lxml_html.HtmlElement) -> Table | None:
    """A ``<table>`` as a grid: each cell once at its anchor, with its row and column span."""
    occupied: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    rows = _rows_of(element)
    n_rows = len(rows)
    for r, row in enumerate(rows):
        c = 0
        for td in row:
            if td.tag not in ("td", "th"):
                continue
            while (r, c) in occupied:
                c += 1
            row_span = min(_span(td.get("rowspan")) or n_rows - r, n_rows - r)
            col_span = _span(td.get("colspan")) or 1
            cells.append(Cell(r, c, _cell_text(td), row_span, col_span))
            for rr in range(r, r + row_span):
                for cc in range(c, c + col_span):
                    occupied.add((rr, cc))
            c += col_span
    if not cells:
        return None
    n_cols = max(cc for _, cc in occupied) + 1
    cells = _fill_gaps(cells, occupied, n_rows, n_cols)
    return Table(cells=sorted(cells, key=lambda x: (x.row, x.col)), n_rows=n_rows, n_cols=n_cols)


def _fill_gaps(cells: list[Cell], occupied: set, n_rows: int, n_cols: int) -> list[Cell]:
    """Short rows padded with empty cells, so every grid position is covered once."""
    return cells + [Cell(r, c, "") for r in range(n_rows) for c in range(n_cols) if (r, c) not in occupied]


def _span(value: str | None) -> int:
    """A rowspan/colspan attribute: 1 when absent or malformed, 0 for rowspan="0" (to the end)."""
    try:
        span = int((value or "1").strip())
    except ValueError:
        return 1
    return max(0, min(span, MAX_SPAN))


def _cell_text(td: lxml_html.HtmlElement) -> str:
    """A cell's text, with <br> and block elements as line breaks."""
    parts: list[str] = []

    def visit(node: lxml_html.HtmlElement) -> None:
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                block = child.tag in _BLOCK_TAGS
                if block:
                    parts.append("\n")
                if child.tag != "table":
                    visit(child)
                if block:
                    parts.append("\n")
            parts.append(child.tail or "")

    visit(td)
    return normalize_cell_text("".join(parts))
