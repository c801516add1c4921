"""Text units: paragraphs joined where a page or line break cut a sentence in two.

PDF readers end a paragraph at a page bottom or a wide gap even mid-sentence
("“三公”经费财政拨款支出年初预算为" | "0.95万元，支出决算为…"). A figure and the words that say
what it is must be read together, so a paragraph that stops without closing punctuation
is joined with the next one — unless it is a heading (short, numbered) or the next one
starts a new numbered item. A page number printed between the two halves ("—5—") is
skipped. Each figure still reports the paragraph (block, page) it
is printed in.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.document import Document, Paragraph
from extractors.narrative_cells import CellText, narrative_cells
from extractors.numbers import AMOUNT_RE, PERCENT_RE

_CLOSED = regex.compile(r"[。；;：:！!？?）)”]$")
_ITEM_START = regex.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|附件|附表)"
)
_HEADING_MAX = 30
# A page number on a line of its own: "—5—", "- 5 -", "第5页", "5".
_PAGE_NUMBER = regex.compile(r"^(?:[—\-－–]\s*\d{1,3}\s*[—\-－–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3})$")


@dataclass
class TextUnit:
    """One or more consecutive paragraphs read as one text."""

    paragraphs: list[Paragraph]
    offsets: list[int]  # start of each paragraph in ``text``
    text: str
    cell: tuple[int, int] | None = None  # (row, col) for a sentence read from a table cell

    def key(self, para: Paragraph) -> tuple[int, int | None, int | None]:
        """(block, row, col) of one of the unit's paragraphs (claimed-span lookup)."""
        return (para.block, *(self.cell or (None, None)))

    def para_at(self, pos: int) -> Paragraph:
        """The paragraph that holds character ``pos`` of the unit's text."""
        index = 0
        for i, offset in enumerate(self.offsets):
            if offset <= pos:
                index = i
        return self.paragraphs[index]

    def local(self, para: Paragraph, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Spans given in ``para``'s own offsets, moved to the unit's offsets."""
        offset = self.offsets[self.paragraphs.index(para)]
        return [(s + offset, e + offset) for s, e in spans]


def text_units(doc: Document) -> list[TextUnit]:
    """The document's paragraphs grouped into units (see the module docstring)."""
    units: list[TextUnit] = []
    group: list[Paragraph] = []
    cells: dict[int, list[CellText]] = {}
    for cell in narrative_cells(doc):
        cells.setdefault(cell.paragraph.block, []).append(cell)
    for block in doc.blocks:
        if not isinstance(block, Paragraph):
            if group:
                units.append(_unit(group))
                group = []
            for cell in cells.get(block.block, []):
                units.append(TextUnit([cell.paragraph], [0], cell.paragraph.text, cell=(cell.row, cell.col)))
            continue
        if group and _PAGE_NUMBER.match(block.text.strip()) and _open(group[-1]):
            continue  # "—5—" printed between the two halves of a sentence cut by the page end
        if group and not _continues(group[-1], block):
            units.append(_unit(group))
            group = []
        group.append(block)
    if group:
        units.append(_unit(group))
    return units


def _open(paragraph: Paragraph) -> bool:
    """A paragraph that stops mid-sentence (no closing punctuation)."""
    text = paragraph.text.strip()
    return bool(text) and not _CLOSED.search(text)


def _continues(previous: Paragraph, nxt: Paragraph) -> bool:
    text = previous.text.strip()
    if not text or _CLOSED.search(text):
        return False
    if len(text) <= _HEADING_MAX and _ITEM_START.match(text):
        return False  # a heading ("（一）机关运行经费支出情况")
    if len(text) <= _HEADING_MAX and not (AMOUNT_RE.search(text) or PERCENT_RE.search(text)
                                          or text.endswith(("为", "的"))):
        return False  # a short title line ("2026年部门预算编制说明")
    return not _ITEM_START.match(nxt.text.strip())


def _unit(paragraphs: list[Paragraph]) -> TextUnit:
    offsets, parts, pos = [], [], 0
    for para in paragraphs:
        offsets.append(pos)
        parts.append(para.text)
        pos += len(para.text)
    return TextUnit(paragraphs=list(paragraphs), offsets=offsets, text="".join(parts))
