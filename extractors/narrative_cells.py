"""Narrative sentences that sit in table cells.

Some reports (Word templates especially) put the 情况说明 text inside a one-cell or
two-column table. A cell holding a sentence with a figure is read like a paragraph; the
records it yields keep the table's block and the cell's row and column.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.document import Document, Paragraph, Table
from extractors.numbers import AMOUNT_RE, PERCENT_RE, fold_digits

_SENTENCE_MIN = 20  # shorter cells are labels or figures, not sentences


@dataclass(frozen=True)
class CellText:
    """A cell read as a paragraph: the paragraph (table block, row page) and its position."""

    paragraph: Paragraph
    row: int
    col: int


def narrative_cells(doc: Document) -> list[CellText]:
    """Cells whose text is a sentence stating a figure, in reading order."""
    out: list[CellText] = []
    for block in doc.blocks:
        if not isinstance(block, Table):
            continue
        for cell in block.cells:
            text = cell.value
            if len(text) < _SENTENCE_MIN or not regex.search(r"[，。；,;]", text):
                continue
            folded = fold_digits(text)
            if not (AMOUNT_RE.search(folded) or PERCENT_RE.search(folded)):
                continue
            page = block.row_pages[cell.row] if cell.row < len(block.row_pages) else block.page
            paragraph = Paragraph(text=text, block=block.block, page=page, method=cell.method,
                                  confidence=cell.confidence)
            out.append(CellText(paragraph, cell.row, cell.col))
    return out
