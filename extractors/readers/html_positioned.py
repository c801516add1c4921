"""HTML pages of absolutely positioned text blocks (a PDF converted to HTML) as PDF pages.

Converters that turn a PDF into HTML write each page as a sized box holding one
absolutely positioned element per text run and, for some, one thin bordered box per
ruling line. Two ways of stating positions are read:

* inline styles (``top``/``left``/``font-size`` on each run; the 烟台 page's converter);
* classes resolved through the page's ``<style>`` rules, as pdf2htmlEX writes them:
  ``<div class="t m0 x1 h2 y3 ff1 fs0 …">`` with ``.x1{left:85px}``, ``.y3{bottom:733px}``
  (the baseline, measured up from the box's bottom), ``.h2{height:44px}`` (the ascent),
  ``.fs0{font-size:48px}`` and ``.m0{transform:matrix(0.25,0,0,0.25,0,0)}`` scaling the run
  down about its bottom-left corner; spacing spans ``<span class="_ _3">`` move the pen by
  their ``width`` (or a negative ``margin-left``); clip boxes (``.c``) nest positions.
  ``@media print`` rules (the same classes in pt) are skipped.

Nothing in the markup says which runs form a line, a paragraph or a table cell, so the
page is handed to the PDF reader's own layout step (``pdf.layout_page``): each run
becomes characters with estimated boxes, each border an edge, and lines, paragraphs and
ruled table grids are rebuilt exactly as for a PDF page (one layout step for PDF words,
HTML blocks and OCR boxes). pdf2htmlEX draws ruling lines into the page's background
image, not as boxes: a run of pages without a single rule gets its tables' grid from the
text's alignment (``aligned_tables``) before the layout step.

Character widths are estimated (the fonts are not known): a CJK or full-width character
is one em, any other one half. Only a character's centre and the gaps between runs are
used downstream, and runs are placed by their own ``left``, so an estimate error never
accumulates past one run.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field

import regex
from lxml import html as lxml_html

from extractors.readers.pdf_pdfium import PageData, horizontal_edge, vertical_edge

_LENGTH = regex.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|px|in|cm|mm|pc)?\s*$", regex.IGNORECASE)
_TO_PT = {"pt": 1.0, "px": 0.75, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pc": 12.0, None: 0.75}
_BORDER = regex.compile(r"(-?\d+(?:\.\d+)?)(pt|px)?\s+(?!none|hidden)\w+", regex.IGNORECASE)
# A page box states its width and height, or holds at least this many positioned children.
MIN_POSITIONED = 3
DEFAULT_SIZE = 12.0  # pt, when a text run states no font size
_EDGE_MIN = 3.0  # pt: shorter borders are not ruling lines (pdfplumber's edge_min_length)
_THIN = 2.0  # pt: a filled box this thin is a drawn line
_PERCENT = regex.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*%\s*$")
_MATRIX = regex.compile(r"matrix\(\s*([^)]*)\)")
_CLASS_SELECTOR = regex.compile(r"^\.(-?[_a-zA-Z][\w-]*)$")
_COMMENT = regex.compile(r"/\*.*?\*/", regex.DOTALL)
_ASCENT = 0.8  # share of the font size above the baseline, when the run states no height
_DESCENT = 0.2



# -- styles: inline, and single-class rules of the page's <style> blocks --------------------


@dataclass
class StyleSheet:
    """Declarations of the page's single-class CSS rules (``.x1{left:85px}``), by class.

    Only selectors naming one class are kept (a list of them, ``.p,.r``, counts for each);
    rules inside ``@media print`` (pdf2htmlEX repeats every position there in pt) and other
    at-rules (fonts, ``@supports``, keyframes) are skipped, those in ``@media screen`` kept.
    """

    rules: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def parse(cls, css_texts: list[str]) -> StyleSheet:
        sheet = cls()
        for css in css_texts:
            sheet._add(_COMMENT.sub("", css))
        return sheet

    def _add(self, css: str) -> None:
        pos = 0
        while True:
            brace = css.find("{", pos)
            if brace < 0:
                return
            prelude = css[pos:brace].strip()
            end = _block_end(css, brace)
            inner = css[brace + 1:end - 1]
            if prelude.startswith("@"):
                query = prelude.lower()
                if query.startswith("@media") and "print" not in query:
                    self._add(inner)  # screen (or all) rules
            else:
                declarations = parse_declarations(inner)
                for selector in prelude.split(","):
                    match = _CLASS_SELECTOR.match(selector.strip())
                    if match:
                        self.rules.setdefault(match.group(1), {}).update(declarations)
            pos = end

    def style(self, element: lxml_html.HtmlElement) -> dict[str, str]:
        """The element's class declarations (in class order), then its inline style."""
        style: dict[str, str] = {}
        if self.rules:
            for name in (element.get("class") or "").split():
                found = self.rules.get(name)
                if found:
                    style.update(found)
        style.update(parse_declarations(element.get("style") or ""))
        return style


def _block_end(css: str, brace: int) -> int:
    """Index just past the ``}`` that closes the block opened at ``brace``."""
    depth = 0
    for i in range(brace, len(css)):
        ch = css[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(css)


EMPTY = StyleSheet()


def stylesheet(root: lxml_html.HtmlElement) -> StyleSheet:
    """The single-class rules of every ``<style>`` block of the page."""
    return StyleSheet.parse([node.text_content() for node in root.iter("style")])


def parse_declarations(text: str) -> dict[str, str]:
    """``a:1;b:2`` as a dict (lower-case property names)."""
    style: dict[str, str] = {}
    for part in text.split(";"):
        name, sep, value = part.partition(":")
        if sep:
            style[name.strip().lower()] = value.strip()
    return style


def style_of(element: lxml_html.HtmlElement, sheet: StyleSheet = EMPTY) -> dict[str, str]:
    """The element's CSS: its classes' rules in ``sheet``, then its inline style."""
    return sheet.style(element)


def length_pt(value: str | None) -> float | None:
    """A CSS length in points (px and unitless as CSS pixels); None when not a length."""
    match = _LENGTH.match(value or "")
    if match is None:
        return None
    return float(match.group(1)) * _TO_PT[(match.group(2) or "").lower() or None]


def _extent(value: str | None, whole: float | None) -> float | None:
    """A length, or a percentage of ``whole`` (the containing box's width or height)."""
    match = _PERCENT.match(value or "")
    if match is not None:
        return None if whole is None else float(match.group(1)) / 100 * whole
    return length_pt(value)


def _positioned(style: dict[str, str]) -> bool:
    return (style.get("position") == "absolute" and "left" in style
            and ("top" in style or "bottom" in style))


def _scale(style: dict[str, str]) -> float:
    """How much a ``transform: matrix(a,b,c,d,…)`` scales the run (1 without one)."""
    match = _MATRIX.search(style.get("transform") or "")
    if match is None:
        return 1.0
    try:
        a, b, c, d = (float(v) for v in match.group(1).split(",")[:4])
    except ValueError:
        return 1.0
    return math.sqrt(abs(a * d - b * c)) or 1.0


def is_positioned_page(element: lxml_html.HtmlElement, sheet: StyleSheet = EMPTY) -> bool:
    """A box whose children are mostly absolutely positioned blocks (a converted page)."""
    children = [c for c in element if isinstance(c.tag, str)]
    positioned = sum(1 for c in children if _positioned(sheet.style(c)))
    if positioned == 0 or positioned * 2 < len(children):
        return False
    style = sheet.style(element)
    sized = length_pt(style.get("width")) is not None and length_pt(style.get("height")) is not None
    return sized or positioned >= MIN_POSITIONED


def page_data(element: lxml_html.HtmlElement, sheet: StyleSheet = EMPTY) -> PageData:
    """Characters and edges of one positioned page, in pdfplumber's coordinates (pt)."""
    style = sheet.style(element)
    width, height = length_pt(style.get("width")), length_pt(style.get("height"))
    page = _Page(sheet)
    page.walk(element, 0.0, 0.0, width, height)
    width = width or max((c["x1"] for c in page.chars), default=0.0) + 36.0
    height = height or max((c["bottom"] for c in page.chars), default=0.0) + 36.0
    return PageData(width=width, height=height, chars=page.chars, edges=page.edges, images=page.images)


@dataclass
class _Page:
    """Walks a page's boxes: each absolutely positioned box is placed in the nearest
    positioned box around it (CSS's containing block), the page itself outermost."""

    sheet: StyleSheet
    chars: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    images: int = 0

    def walk(self, node: lxml_html.HtmlElement, x: float, y: float,
             width: float | None, height: float | None) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            style = self.sheet.style(child)
            if style.get("display") == "none":
                continue
            if not _positioned(style):
                self.walk(child, x, y, width, height)
                continue
            if child.tag == "img":
                self.images += 1
                continue
            self._box(child, style, x, y, width, height)

    def _box(self, element: lxml_html.HtmlElement, style: dict[str, str], x: float, y: float,
             width: float | None, height: float | None) -> None:
        left = x + (_extent(style.get("left"), width) or 0.0)
        box_w = _extent(style.get("width"), width)
        box_h = _extent(style.get("height"), height)
        scale = _scale(style)
        if "top" in style:
            top = y + (_extent(style.get("top"), height) or 0.0)
            baseline = None
        else:  # placed by its bottom edge (pdf2htmlEX: the text's baseline)
            baseline = y + (height or 0.0) - (_extent(style.get("bottom"), height) or 0.0)
            top = baseline - (box_h or 0.0) * scale
        self.edges.extend(_edges(style, left, top, box_w or 0.0, box_h or 0.0))
        size = _font_size(style) * scale
        pen = _Pen(self.sheet, left, size, scale, _spacing(style, "letter-spacing") * scale,
                   _spacing(style, "word-spacing") * scale)
        pen.run(element)
        if not any(ch["text"] != " " for ch in pen.chars):
            pen.chars = []  # a box holding only spaces (a rule, a spacer) places no word break
        for ch in pen.chars:
            if baseline is None:
                ch["top"], ch["bottom"] = top, top + ch["size"]
            else:
                ch["top"], ch["bottom"] = baseline - _ASCENT * ch["size"], baseline + _DESCENT * ch["size"]
        self.chars.extend(pen.chars)
        self.walk(element, left, top, box_w if box_w is not None else width,
                  box_h if box_h is not None else height)


@dataclass
class _Pen:
    """Lays a run's text out left to right: its own text and its inline spans (a span may
    change the font size, or move the pen by its width or a negative margin)."""

    sheet: StyleSheet
    x: float
    size: float
    scale: float
    letter: float = 0.0
    word: float = 0.0
    chars: list[dict] = field(default_factory=list)

    def run(self, element: lxml_html.HtmlElement) -> None:
        self._text(element.text)
        for child in element:
            if isinstance(child.tag, str):
                style = self.sheet.style(child)
                if not _positioned(style) and style.get("display") != "none":
                    self._span(child, style)
            self._text(child.tail)

    def _span(self, span: lxml_html.HtmlElement, style: dict[str, str]) -> None:
        saved = (self.size, self.letter, self.word)
        if "font-size" in style:
            self.size = _font_size(style) * self.scale
        if "letter-spacing" in style:
            self.letter = _spacing(style, "letter-spacing") * self.scale
        if "word-spacing" in style:
            self.word = _spacing(style, "word-spacing") * self.scale
        self.x += (length_pt(style.get("margin-left")) or 0.0) * self.scale
        start = self.x
        self.run(span)
        width = length_pt(style.get("width"))
        if width is not None and style.get("display") != "inline":
            self.x = start + width * self.scale  # an inline-block of set width (a gap)
        self.size, self.letter, self.word = saved

    def _text(self, text: str | None) -> None:
        for ch in (text or "").replace("\n", " "):
            if ch in " \t\xa0":
                ch, advance = " ", self.size * 0.25 + self.word
            else:
                advance = self.size * (1.0 if _wide(ch) else 0.5)
            self.chars.append({"text": ch, "x0": self.x, "x1": self.x + advance, "top": 0.0,
                               "bottom": self.size, "size": self.size, "upright": True})
            self.x += advance + self.letter


def _font_size(style: dict[str, str]) -> float:
    return length_pt(style.get("font-size")) or DEFAULT_SIZE


def _spacing(style: dict[str, str], name: str) -> float:
    return length_pt(style.get(name)) or 0.0


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _edges(style: dict[str, str], left: float, top: float, width: float, height: float) -> list[dict]:
    """Ruling lines drawn by a positioned box: its borders, or the box itself when thin and filled."""
    edges = []
    for side in ("top", "bottom", "left", "right"):
        thickness = _border(style, side)
        if thickness is None:
            continue
        if side in ("top", "bottom"):
            y = top if side == "top" else top + height + thickness / 2
            edges.append(horizontal_edge(left, left + width, y))
        else:
            x = left if side == "left" else left + width + thickness / 2
            edges.append(vertical_edge(x, top, top + height))
    background = style.get("background-color") or style.get("background")
    if background and background not in ("transparent", "none", "#fff", "#ffffff", "white"):
        if height <= _THIN < width:
            edges.append(horizontal_edge(left, left + width, top + height / 2))
        elif width <= _THIN < height:
            edges.append(vertical_edge(left + width / 2, top, top + height))
    return [e for e in edges if max(e["width"], e["height"]) >= _EDGE_MIN]


def _border(style: dict[str, str], side: str) -> float | None:
    value = style.get(f"border-{side}") or style.get("border")
    if not value:
        return None
    match = _BORDER.search(value)
    if match is None:
        return None
    thickness = float(match.group(1)) * (0.75 if (match.group(2) or "px").lower() == "px" else 1.0)
    return thickness if thickness > 0 else None
