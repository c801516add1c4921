"""HTML pages of absolutely positioned text blocks (a PDF converted to HTML) as PDF pages.

Converters that turn a PDF into HTML write each page as a sized box holding one
absolutely positioned element per text run (``top``/``left``/``font-size`` in its inline
style) and one thin bordered box per ruling line. Nothing in the markup says which runs
form a line, a paragraph or a table cell, so the page is handed to the PDF reader's own
layout step (``pdf.layout_page``): each run becomes characters with estimated boxes,
each border an edge, and lines, paragraphs and ruled table grids are rebuilt exactly as
for a PDF page (one layout step for PDF words, HTML blocks and OCR boxes).

Character widths are estimated (the fonts are not known): a CJK or full-width character
is one em, any other one half. Only a character's centre and the gaps between runs are
used downstream, and runs are placed by their own ``left``, so an estimate error never
accumulates past one run.
"""

from __future__ import annotations

import unicodedata

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


def style_of(element: lxml_html.HtmlElement) -> dict[str, str]:
    """The element's inline CSS as a dict (lower-case property names)."""
    style: dict[str, str] = {}
    for part in (element.get("style") or "").split(";"):
        name, sep, value = part.partition(":")
        if sep:
            style[name.strip().lower()] = value.strip()
    return style


def length_pt(value: str | None) -> float | None:
    """A CSS length in points (px and unitless as CSS pixels); None when not a length."""
    match = _LENGTH.match(value or "")
    if match is None:
        return None
    return float(match.group(1)) * _TO_PT[(match.group(2) or "").lower() or None]


def _positioned(element: lxml_html.HtmlElement) -> dict[str, str] | None:
    style = style_of(element)
    if style.get("position") != "absolute" or "top" not in style or "left" not in style:
        return None
    return style


def is_positioned_page(element: lxml_html.HtmlElement) -> bool:
    """A box whose children are mostly absolutely positioned blocks (a converted page)."""
    children = [c for c in element if isinstance(c.tag, str)]
    positioned = sum(1 for c in children if _positioned(c) is not None)
    if positioned == 0 or positioned * 2 < len(children):
        return False
    style = style_of(element)
    sized = length_pt(style.get("width")) is not None and length_pt(style.get("height")) is not None
    return sized or positioned >= MIN_POSITIONED


def page_data(element: lxml_html.HtmlElement) -> PageData:
    """Characters and edges of one positioned page, in pdfplumber's coordinates (pt)."""
    chars: list[dict] = []
    edges: list[dict] = []
    images = 0
    for child in element.iter():
        if child is element or not isinstance(child.tag, str):
            continue
        style = _positioned(child)
        if style is None:
            continue
        left, top = length_pt(style.get("left")) or 0.0, length_pt(style.get("top")) or 0.0
        if child.tag == "img":
            images += 1
            continue
        edges.extend(_edges(style, left, top))
        text = _own_text(child)
        if text.strip():
            chars.extend(_chars(text, left, top, _font_size(style)))
    width = length_pt(style_of(element).get("width"))
    height = length_pt(style_of(element).get("height"))
    width = width or max((c["x1"] for c in chars), default=0.0) + 36.0
    height = height or max((c["bottom"] for c in chars), default=0.0) + 36.0
    return PageData(width=width, height=height, chars=chars, edges=edges, images=images)


def _own_text(element: lxml_html.HtmlElement) -> str:
    """The run's text, not that of positioned blocks nested inside it."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and _positioned(child) is None:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts).replace("\n", " ")


def _font_size(style: dict[str, str]) -> float:
    return length_pt(style.get("font-size")) or DEFAULT_SIZE


def _chars(text: str, left: float, top: float, size: float) -> list[dict]:
    chars = []
    x = left
    for ch in text:
        advance = size * (1.0 if _wide(ch) else 0.5)
        if ch in " \t\xa0":
            ch, advance = " ", size * 0.25
        chars.append({"text": ch, "x0": x, "x1": x + advance, "top": top, "bottom": top + size,
                      "size": size, "upright": True})
        x += advance
    return chars


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _edges(style: dict[str, str], left: float, top: float) -> list[dict]:
    """Ruling lines drawn by a positioned box: its borders, or the box itself when thin and filled."""
    width = length_pt(style.get("width")) or 0.0
    height = length_pt(style.get("height")) or 0.0
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
