"""Text lines from PDF characters, and page footers to drop.

pdfplumber groups characters into lines by their ``top`` within 3 pt. Government PDFs mix
fonts on one line (FangSong text with Times New Roman digits that sit ~5 pt lower), so a
top tolerance splits "年度收入支出总计2995.39万元" into two lines. Here a character joins
a line when their vertical extents overlap substantially, whatever their tops.

The same clustering serves running text and the lines inside a table cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

import regex

from extractors.document import OCR, Reading
from extractors.textnorm import is_cjk, normalize_text

# A character belongs to the current line when its vertical extent overlaps the line's by
# at least this share of the smaller height.
_OVERLAP_SHARE = 0.4
# A horizontal gap wider than this share of the font size is a word space.
_SPACE_GAP = 0.3

_FOOTER = regex.compile(
    r"^(?:"
    r"[-—–－―~～_·•\s]*\d{1,4}[-—–－―~～_·•\s]*"  # — 3 —, - 3 -, 3
    r"|第\d{1,4}页(?:[，,/]?共\d{1,4}页)?"  # 第3页, 第3页共20页
    r"|共\d{1,4}页[，,]?第\d{1,4}页"  # 共20页第3页
    r"|\d{1,4}/\d{1,4}"  # 3/20
    r")$"
)
_OPENING = frozenset("（(《〈「『【〔“‘[{")
_CLOSING = frozenset("，。、；：？！）)》〉」』】〕”’]},.;:?!%％")
_ASCII_WORD = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,%-+/()"
)
_DIGITS = regex.compile(r"\d+")
# Footers live in the bottom (or top) margin band: this share of the page height.
_FOOTER_BAND = 0.12
# A lone page number may also stand a little higher, in this bottom share of the page.
_LOW_NUMBER_BAND = 0.25


@dataclass
class Line:
    """One printed line: its normalised text and where it sits on the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # median font size: a change of size starts a new paragraph
    has_cid: bool = False  # glyphs without a Unicode mapping: the text is garbage
    lead_width: float = 0.0  # width of the first unbreakable token (see _lead_width)
    in_margin: bool = False  # in the top or bottom band where running headers/footers sit
    reading: Reading = Reading()  # OCR'd characters: method "ocr", their lowest confidence


# An OCR'd character carries its box's recognition score under this key (``ocr.line_chars``).
CONFIDENCE_KEY = "ocr_confidence"


def chars_reading(chars: Iterable[dict]) -> Reading:
    """How characters were read: OCR when any was recognised, at the lowest box score."""
    recognised = [c for c in chars if CONFIDENCE_KEY in c]
    if not recognised:
        return Reading()
    scores = [c[CONFIDENCE_KEY] for c in recognised if c[CONFIDENCE_KEY] is not None]
    return Reading(OCR, min(scores) if scores else None)


def cluster_lines(chars: Iterable[dict]) -> list[Line]:
    """Group characters into lines by vertical overlap, each line read left to right.

    Each character is compared with the line's first (highest) character, not with the
    line's growing extent: a lowered digit widens the extent, and comparing with the
    extent would chain the next line onto this one.
    """
    lines = (_make_line(group) for group in _line_groups(chars))
    return [line for line in lines if line.text]


def line_texts(chars: Iterable[dict]) -> list[str]:
    """The texts ``cluster_lines`` gives the same characters, lines of glyphs without a
    Unicode mapping left out: a table cell needs its lines' texts only, not their geometry."""
    texts = []
    for group in _line_groups(chars):
        raw, visible = _line_raw(group)
        if visible and "(cid:" not in raw:
            text = normalize_text(raw)
            if text:
                texts.append(text)
    return texts


def _line_groups(chars: Iterable[dict]) -> list[list[dict]]:
    """Characters grouped into lines (see ``cluster_lines``), top to bottom."""
    groups: list[list[dict]] = []
    top = bottom = 0.0
    share = _OVERLAP_SHARE
    group: list[dict] = []
    for char in sorted(chars, key=_BY_TOP_THEN_X):
        if groups:  # vertical overlap with the line's first character (every glyph passes here)
            char_top, char_bottom = char["top"], char["bottom"]
            overlap = (bottom if bottom < char_bottom else char_bottom) - (top if top > char_top else char_top)
            if overlap > 0 and overlap >= share * max(min(bottom - top, char_bottom - char_top), 0.1):
                group.append(char)
                continue
        group = [char]
        groups.append(group)
        top, bottom = char["top"], char["bottom"]
    return groups


_BY_TOP_THEN_X = itemgetter("top", "x0")
_BY_X = itemgetter("x0")


def _make_line(chars: list[dict]) -> Line:
    """A line from its characters: printed spaces and wide gaps become one space.

    Space characters only mark word breaks; the line's geometry comes from the visible
    characters, so spaces used for indentation do not move its start.
    """
    raw, visible = _line_raw(chars)
    if not visible:
        return Line(text="", x0=0.0, x1=0.0, top=0.0, bottom=0.0, size=0.0)
    sizes = sorted(c["size"] for c in visible)
    return Line(
        text=normalize_text(raw),
        x0=visible[0]["x0"],
        x1=max(c["x1"] for c in visible),
        top=min(c["top"] for c in visible),
        bottom=max(c["bottom"] for c in visible),
        size=sizes[len(sizes) // 2],
        has_cid="(cid:" in raw,
        lead_width=_lead_width(visible),
        reading=chars_reading(visible),
    )


def _line_raw(chars: list[dict]) -> tuple[str, list[dict]]:
    """A line's text before normalising (``chars`` sorted left to right in place), and its
    visible characters: printed spaces and wide gaps become one space."""
    chars.sort(key=_BY_X)
    parts: list[str] = []
    visible: list[dict] = []
    previous: dict | None = None
    spaced = False
    gap_share = _SPACE_GAP
    for char in chars:
        text = char["text"]
        if not text.strip():
            spaced = previous is not None
            continue
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            if spaced or gap > gap_share * max(char["size"], previous["size"]):
                parts.append(" ")
        parts.append(text)
        visible.append(char)
        previous, spaced = char, False
    return "".join(parts), visible


def _lead_width(chars: list[dict]) -> float:
    """Width of the line's first token that a line break cannot split.

    A line before this one that ended short only by about this width was wrapped, not
    ended: "占" + "100%；" or "购置经" + "费”" (a closing mark never starts a line, so
    the character before it moves down with it).
    """
    texts = [c["text"] for c in chars]
    end = _token_end(texts, 0)
    # quotes bind to both neighbours (Unicode line-break class QU): "费”“办" is one token
    while end + 1 < len(texts) and texts[end + 1] in _OPENING:
        end = _token_end(texts, end + 1)
    return chars[end]["x1"] - chars[0]["x0"]


def _token_end(texts: list[str], i: int) -> int:
    """Index of the last character of the token starting at ``i``."""
    last = len(texts) - 1
    while i < last and texts[i] in _OPENING:
        i += 1
    if texts[i] in _ASCII_WORD:
        while i < last and texts[i + 1] in _ASCII_WORD:
            i += 1
        if texts[i][-1:].isdigit() and i < last and is_cjk(texts[i + 1]):
            i += 1  # a figure stays with its unit: "161.62万"
    while i < last and texts[i + 1] in _CLOSING:
        i += 1
    return i


def in_margin_band(line: Line, page_height: float) -> bool:
    """In the top 8 % or the bottom 12 % of the page, where headers and footers sit."""
    return line.top > page_height * (1 - _FOOTER_BAND) or line.bottom < page_height * 0.08


def is_footer(line: Line, page_height: float) -> bool:
    """A page number ("— 3 —", "第 3 页", a bare number) in the top or bottom margin."""
    return in_margin_band(line, page_height) and bool(_FOOTER.match(line.text))


def drop_footers(lines: Sequence[Line], page_height: float) -> list[Line]:
    """The page's lines without its page-number footer or header.

    The other lines in the margin bands are marked ``in_margin``: the document decides
    whether they are running headers (the same text on many pages) or content.
    """
    kept = []
    for line in lines:
        if in_margin_band(line, page_height):
            if _FOOTER.match(line.text):
                continue
            line.in_margin = True
        kept.append(line)
    return _drop_low_page_number(kept, page_height)


def _drop_low_page_number(lines: list[Line], page_height: float) -> list[Line]:
    """Drop a page number printed above the margin band ("—1—" at 86 % of a landscape page).

    Only the page's lowest line, in its bottom quarter, standing apart from the text above
    it (a gap wider than its own height) and nothing but a page number: a figure that ends
    a paragraph sits right under the line it continues.
    """
    if not lines:
        return lines
    lowest = max(lines, key=lambda line: line.top)
    if lowest.top < page_height * (1 - _LOW_NUMBER_BAND) or not _FOOTER.match(lowest.text):
        return lines
    above = [line.bottom for line in lines if line is not lowest and line.bottom <= lowest.top]
    height = lowest.bottom - lowest.top
    if above and lowest.top - max(above) <= height:
        return lines
    return [line for line in lines if line is not lowest]


def furniture_key(line: Line) -> str:
    """A running header or footer's text with its numbers blanked ("第3页" = "第4页")."""
    return _DIGITS.sub("#", line.text)
