"""Find the standard tables of a document: title, unit, note and the grid(s) holding each.

A table's title and unit line are the paragraphs just before it (at most four blocks
back, never across another table) or its own first rows. A table that carries no
title and directly follows a recognised table (page numbers or nothing in between),
or one titled "…表（续）" with the same key, continues it: a PDF table broken over
pages without repeated headers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractors.document import Document, Paragraph, Table
from extractors.numbers import find_unit_label
from extractors.tables.titles import clean_title, is_table_number, looks_like_title, table_key
from extractors.tables.units import empty_note, unit_of

_CONTINUED = regex.compile(r"[（(]续[)）]|续表")
_LABEL_LINE = regex.compile(r"^(?:编制部门|编制单位|单位名称|部门名称|预算单位)[:：]")
# What a page break may leave between the parts of one table: a page number ("— 3 —",
# "第 3 页 共 20 页", "3/20"), the unit or 编制单位 line repeated, the table's number alone.
_BETWEEN_OK = regex.compile(
    r"^[-—－–\s]*\d{1,3}[-—－–\s]*$|^第\s*\d+\s*页|^共\s*\d+\s*页|^\d{1,3}\s*/\s*\d{1,3}$|"
    r"^(?:金额)?单\s*位[:：]")


@dataclass
class Located:
    """A recognised table: its key, title, unit and the grids it spans."""

    key: str
    title: str
    title_block: int
    parts: list[Table] = field(default_factory=list)
    unit: str | None = None
    note: str | None = None
    start_row: int = 0  # header starts here in parts[0] (after title/unit rows inside the grid)
    by_header: bool = False  # recognised by its header words, its title naming no table

    @property
    def pages(self) -> list[int]:
        return sorted({p for t in self.parts for p in t.row_pages if p is not None})


def locate_tables(doc: Document) -> list[Located]:
    """Every standard table of ``doc`` in document order."""
    found: list[Located] = []
    current: Located | None = None
    for index, block in enumerate(doc.blocks):
        if not isinstance(block, Table) or block.nested:
            continue
        title, title_block, start_row = _title_for(doc, index)
        key = table_key(title) if title else None
        if current is not None and _continues(doc, index, current, key, title):
            current.parts.append(block)
            current.note = current.note or empty_note(doc, index)
            continue
        by_header = key is None
        if key is None:
            key = header_key(block, start_row, title)
        if key is None:
            current = None
            continue
        current = Located(key, title or "", title_block, [block], start_row=start_row,
                          by_header=by_header)
        current.unit = unit_of(doc, index, title_block) or _unit_in_title(title)
        current.note = empty_note(doc, index)
        found.append(current)
    return found


def header_key(table: Table, start: int, title: str | None) -> str | None:
    """The standard table a grid's header words name when its title names none
    ("一般公共预算财政拨款决算表（二）" over 人员经费 | 公用经费 halves of 经济分类 codes):

    * 经济分类 codes under 人员经费 and 公用经费 banners: the basic-expenditure table by
      economic class (of the general budget unless the title names another fund);
    * 功能分类 codes with 基本支出 and 项目支出 columns under a title naming the general
      budget: the general-budget expenditure table.
    """
    words = "".join(c.value for r in range(start, min(start + 4, table.n_rows))
                    for c in table.row_cells(r))
    title = title or ""
    if "绩效" in title or "绩效" in words:
        return None
    if "经济分类" in words and "人员经费" in words and "公用经费" in words:
        if regex.search(r"政府性基金|国有资本", title):
            return None
        return "general_budget_basic"
    if "功能分类" in words and "基本支出" in words and "项目支出" in words and "一般公共预算" in title:
        return "general_budget_expenditure"
    return None


def _title_for(doc: Document, index: int) -> tuple[str | None, int, int]:
    """(title, block of the title, first header row) for the table at ``index``.

    The title may be one of the grid's first rows (a lone text cell, after blank rows or
    before the unit row) or a paragraph at most four blocks back. A paragraph that is only
    the table's number ("公开01表", "表5") is passed over: the title is further back.
    """
    table = doc.blocks[index]
    assert isinstance(table, Table)
    title, row = _title_in_grid(table)
    if title:
        return title, index, row
    for back in range(index - 1, max(-1, index - 6), -1):
        block = doc.blocks[back]
        if isinstance(block, Table):
            break
        text = _title_part(block.text)
        if is_table_number(text):
            continue
        joined = _joined_title(doc, back, text)
        if joined:
            return joined, back - 1, row
        if looks_like_title(text):
            return text, back, row
    return None, index, row


_SENTENCE_END = regex.compile(r"[。；;：:，,]$")


def _joined_title(doc: Document, back: int, text: str) -> str | None:
    """A title set on two lines ("2026年部门一般公共预算" / "支出功能分类预算表"): the line
    before ``text`` and ``text`` read as one title naming a table that ``text`` alone does
    not name (or names less specifically)."""
    if back == 0:
        return None
    before = doc.blocks[back - 1]
    if not isinstance(before, Paragraph):
        return None
    head = before.text.strip()
    if (not head or len(head) > 40 or _SENTENCE_END.search(head) or find_unit_label(head)
            or _LABEL_LINE.match(head) or looks_like_title(head)):
        return None
    head = "" if is_table_number(head) else head
    joined = head + text.strip()
    if not head or not looks_like_title(joined):
        return None
    key = table_key(joined)
    if key is None or key == table_key(text):
        return None
    return joined


def _title_in_grid(table: Table) -> tuple[str | None, int]:
    """A title set in the grid's top rows, and the row the header starts at."""
    row = 0
    title: str | None = None
    while row < min(5, table.n_rows):
        filled = [c for c in table.row_cells(row) if c.value]
        if not filled:
            row += 1
            continue
        text = _title_part(filled[0].value)
        if len(filled) == 1 and not title and looks_like_title(text) and table_key(text):
            title = text
        elif not all(find_unit_label(c.value) or _LABEL_LINE.match(c.value) for c in filled):
            break
        row += 1
    return title, row


def _title_part(text: str) -> str:
    """The title of a paragraph that also carries the unit ("…表 单位：万元")."""
    head = regex.split(r"\s*(?:编制部门|编制单位|金额单位|单\s*位)[:：]", text)[0]
    return head.strip().rstrip("（([【 ").strip()


def _repeated_title(doc: Document, index: int, current: Located, title: str) -> bool:
    """The same title printed again over the next grid, nothing but its number, title and
    unit lines in between (Shenzhen repeats "表7 一般公共预算支出表" on every page)."""
    if clean_title(title) != clean_title(current.title):
        return False
    between = doc.blocks[current.parts[-1].block + 1 : index]
    return not any(isinstance(b, Table) for b in between) and len(between) <= 5


def _unit_in_title(title: str | None) -> str | None:
    return find_unit_label(title) if title else None


def _continues(
    doc: Document, index: int, current: Located, key: str | None, title: str | None
) -> bool:
    previous = current.parts[-1]
    if key is not None:
        if key != current.key or not title:
            return False
        return bool(_CONTINUED.search(title)) or _repeated_title(doc, index, current, title)
    between = doc.blocks[previous.block + 1 : index]
    if any(isinstance(b, Table) for b in between):
        return False
    return all(isinstance(b, Paragraph) and _page_break_text(b.text) for b in between)


def _page_break_text(text: str) -> bool:
    text = text.strip()
    return bool(_BETWEEN_OK.match(text) or is_table_number(text) or _LABEL_LINE.match(text))
