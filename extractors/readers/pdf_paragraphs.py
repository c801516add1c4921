"""Wrapped PDF lines joined back into paragraphs, and page parts of tables joined.

A PDF has no paragraphs, only positioned lines. A line continues the paragraph above it
unless one of the signs of a paragraph break shows: a vertical gap larger than the
document's line spacing, a first-line indent (or a centred line), a previous line that
ended clearly short of the right margin (by more than the next line's first unbreakable
token), or a change of font size. Line spacing is measured over the whole document (per
page width, since landscape table pages have their own); margins are measured per page
when the page has enough text, else taken from the document, because a single page may
hold only a title and a table.

A paragraph may run on to the next page; a table at the top of a page may be the rest of
the table that ended the previous page (see ``pdf_tables.continue_table``). Whether that
table reached the bottom of its page is judged against the bottom of the text block,
measured over the document's pages of the same size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

import regex

from extractors.document import Paragraph, Table, combine
from extractors.readers.pdf_lines import Line, furniture_key
from extractors.readers.pdf_tables import PageTable, continue_table
from extractors.textnorm import flatten_lines

# An indent of more than this many characters marks a first line (Chinese body text is
# indented two characters; continuation lines start at the margin).
_INDENT_CHARS = 0.9
# A line ending more than this many characters short of the margin ends its paragraph.
_SHORT_CHARS = 1.5
# ... unless the next line's first unbreakable token would not have fitted in that room.
_FIT_SLACK = 0.6
# A line opening with a list marker ("七、", "（三）", "2.") starts a paragraph as soon as
# the marker would have fitted on the line above.
_LIST_ITEM = regex.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．](?!\d))"
)
_LIST_SLACK = 0.2
# Font sizes differing by more than this (pt) are different paragraphs (heading vs body).
_SIZE_STEP = 1.0
# A page with at least this many lines outside tables has its own margins measured.
_MIN_PAGE_LINES = 8
# A line whose centre is within this many characters of the column's centre is centred.
_CENTRE_CHARS = 0.5
# Running headers/footers recur on at least this many pages (and a third of them).
_RUNNING_MIN_PAGES = 3
# The bottom of the text block: this share of a page size's pages end no lower.
_BODY_BOTTOM_SHARE = 0.9
# "续表" / "（续）" between a table and its continuation on the next page.
_CONTINUED_MARK = regex.compile(r"^[（(]?续表?[)）]?$|^续表")


@dataclass
class PageContent:
    """What one page holds once read: lines and tables in vertical order."""

    number: int
    width: float
    items: list[Line | PageTable] = field(default_factory=list)
    height: float | None = None  # None when unknown (pages built by hand in tests)


@dataclass
class _Layout:
    left: float
    right: float
    max_gap: float  # a larger gap between two lines is a paragraph break


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _measure(pages: list[PageContent]) -> dict[int, _Layout]:
    """Margins and line spacing for each page width found in the document.

    Spacing is measured from a line's bottom to the next line's top: a line mixing fonts
    (digits set lower than the Han text) is taller and pushes the next line down, so its
    bottom, not its top, predicts where the next line of the paragraph starts.
    """
    lines_by_width: dict[int, list[Line]] = {}
    gaps_by_width: dict[int, list[float]] = {}
    for page in pages:
        key = round(page.width)
        lines = lines_by_width.setdefault(key, [])
        gaps = gaps_by_width.setdefault(key, [])
        previous = None
        for item in page.items:
            if isinstance(item, Line):
                lines.append(item)
                if previous is not None and abs(item.size - previous.size) <= _SIZE_STEP:
                    gaps.append(item.top - previous.bottom)
            previous = item if isinstance(item, Line) else None
    layouts = {}
    for key, lines in lines_by_width.items():
        if not lines:
            continue
        left, right = _margins(lines)
        size = median(x.size for x in lines)  # once: per gap it made long files quadratic
        gaps = [gap for gap in gaps_by_width[key] if gap > -0.5 * size]
        # wider than a line's height is never the spacing inside a paragraph (it is what
        # a document of a few separated lines would otherwise teach)
        typical = min(max(_percentile(gaps, 0.3), 0.0), size) if gaps else size
        layouts[key] = _Layout(left=left, right=right, max_gap=max(typical * 1.6, typical + 3))
    return layouts


def _margins(lines: list[Line], fallback_right: float | None = None) -> tuple[float, float]:
    """The text column: the leftmost recurring line start, and where full lines end.

    The leftmost start shared by several lines is where wrapped lines begin; the most
    common start can be the indent, on a page of one-line paragraphs. The right margin
    is the furthest line end when another line ends within a character of it (full
    lines end together); a lone furthest end may be the page's only full line or a
    short page's longest line, so it yields to ``fallback_right`` (the document's).
    """
    lefts = [round(line.x0) for line in lines]
    starts = Counter(lefts)
    recurring = [x for x, count in starts.items() if count >= max(2, len(lefts) // 20)]
    left = min(recurring) if recurring else min(lefts)
    ends = sorted((line.x1 for line in lines if line.x0 < left + 2.5 * line.size), reverse=True)
    ends = ends or sorted((line.x1 for line in lines), reverse=True)
    size = median(line.size for line in lines)
    if fallback_right is None or (len(ends) > 1 and ends[0] - ends[1] <= size):
        return left, ends[0]
    return left, fallback_right


def _page_layout(page: PageContent, document: _Layout | None) -> _Layout | None:
    """The page's own margins when it has enough text to measure them.

    Publishers assemble reports from several sources, so margins change between pages
    of the same size; a page with little text keeps the document's margins.
    """
    lines = [item for item in page.items if isinstance(item, Line)]
    if document is None or len(lines) < _MIN_PAGE_LINES:
        return document
    left, right = _margins(lines, document.right)
    return _Layout(left=left, right=right, max_gap=document.max_gap)


def _centred(line: Line, layout: _Layout) -> bool:
    middle = (layout.left + layout.right) / 2
    return abs((line.x0 + line.x1) / 2 - middle) < _CENTRE_CHARS * line.size


def _wrapped_title(line: Line, previous: Line, layout: _Layout, first_line: bool) -> bool:
    """The second line of a title that filled the first: same size, the second centred."""
    return (
        first_line
        and abs(line.size - previous.size) <= _SIZE_STEP
        and previous.x0 > layout.left + _INDENT_CHARS * previous.size
        and previous.x1 >= layout.right - _SHORT_CHARS * previous.size
        and line.x0 > layout.left + _INDENT_CHARS * line.size
        and line.x1 < layout.right - _SHORT_CHARS * line.size
        and _centred(line, layout)
    )


def _starts_paragraph(line: Line, previous: Line, layout: _Layout, same_page: bool) -> bool:
    if same_page and line.top - previous.bottom > layout.max_gap:
        return True
    if abs(line.size - previous.size) > _SIZE_STEP:
        return True
    if line.x0 > layout.left + _INDENT_CHARS * line.size:
        return True
    room = layout.right - previous.x1
    slack = _LIST_SLACK if _LIST_ITEM.match(line.text) else _FIT_SLACK
    return room > max(_SHORT_CHARS * previous.size, line.lead_width + slack * line.size)


class _Assembler:
    """Walks the pages in order, emitting paragraphs and (joined) tables."""

    def __init__(self, pages: list[PageContent]) -> None:
        self.pages = pages
        self.layouts = _measure(pages)
        self.body_bottoms = _body_bottoms(pages)
        self.blocks: list[Paragraph | Table] = []
        self.lines: list[Line] = []
        self.lines_page = 0
        self.open_table: PageTable | None = None  # a table that ended the previous page
        self.open_room: float | None = None  # room left below it on its page

    def run(self) -> list[Paragraph | Table]:
        for page in self.pages:
            self._page(page)
        self._flush()
        return self.blocks

    def _page(self, page: PageContent) -> None:
        layout = _page_layout(page, self.layouts.get(round(page.width)))
        items = self._without_continued_mark(page.items)
        carried_table, self.open_table = self.open_table, None
        for index, item in enumerate(items):
            if isinstance(item, PageTable):
                self._flush()
                self._table(item, carried_table if index == 0 else None)
                if index == len(items) - 1:
                    self.open_table, self.open_room = item, self._room_below(item, page)
            else:
                self._line(item, page.number, layout, same_page=index > 0)

    def _line(self, line: Line, page: int, layout: _Layout, same_page: bool) -> None:
        """Continue the open paragraph (possibly from the previous page) or start one."""
        previous = self.lines[-1] if self.lines else None
        if previous is not None and (
            _wrapped_title(line, previous, layout, len(self.lines) == 1)
            or not _starts_paragraph(line, previous, layout, same_page)
        ):
            self.lines.append(line)
        else:
            self._flush()
            self.lines, self.lines_page = [line], page

    def _without_continued_mark(self, items: list) -> list:
        """Drop a "续表" line that sits between a carried table and its continuation."""
        if (
            self.open_table is not None
            and len(items) > 1
            and isinstance(items[0], Line)
            and isinstance(items[1], PageTable)
            and _CONTINUED_MARK.match(items[0].text)
        ):
            return items[1:]
        return items

    def _table(self, item: PageTable, carried: PageTable | None) -> None:
        previous = self.blocks[-1] if self.blocks else None
        joined = None
        if carried is not None and isinstance(previous, Table):
            joined = continue_table(previous, carried, item, self.open_room)
        if joined is not None:
            self.blocks[-1], item.col_edges = joined
        else:
            self.blocks.append(item.table)

    def _room_below(self, table: PageTable, page: PageContent) -> float | None:
        """Room between a table ending its page and the bottom of the text block."""
        bottom = self.body_bottoms.get(_size(page))
        return None if bottom is None else bottom - table.bbox[3]

    def _flush(self) -> None:
        if self.lines:
            text = flatten_lines("\n".join(line.text for line in self.lines))
            reading = combine(line.reading for line in self.lines)
            self.blocks.append(Paragraph(text=text, page=self.lines_page, method=reading.method,
                                         confidence=reading.confidence))
        self.lines = []


def _size(page: PageContent) -> tuple[int, int] | None:
    return None if page.height is None else (round(page.width), round(page.height))


def _body_bottoms(pages: list[PageContent]) -> dict[tuple[int, int], float]:
    """Where the text block ends, for each page size: the bottom that full pages reach.

    Each page's lowest line or table (footers already gone) is where it ends; pages that
    end early (a chapter's last page) are many, a stray low line is rare, so a high
    percentile of those ends is the text block's bottom.
    """
    ends: dict[tuple[int, int], list[float]] = {}
    for page in pages:
        size = _size(page)
        if size is not None and page.items:
            ends.setdefault(size, []).append(max(_bottom(item) for item in page.items))
    return {size: _percentile(values, _BODY_BOTTOM_SHARE) for size, values in ends.items()}


def _bottom(item: Line | PageTable) -> float:
    return item.bottom if isinstance(item, Line) else item.bbox[3]


def drop_running_lines(pages: list[PageContent]) -> None:
    """Remove running headers and footers: margin-band lines repeated on many pages.

    A line in the top or bottom band whose text (numbers aside) recurs on at least three
    pages and on a third of them is page furniture, like the page number; left in place
    it would split paragraphs and stop a table from joining its continuation.
    """
    counts: Counter[str] = Counter()
    for page in pages:
        keys = {furniture_key(i) for i in page.items if isinstance(i, Line) and i.in_margin}
        counts.update(keys)
    limit = max(_RUNNING_MIN_PAGES, len(pages) / 3)
    running = {key for key, count in counts.items() if count >= limit}
    if not running:
        return
    for page in pages:
        page.items = [
            item for item in page.items
            if not (isinstance(item, Line) and item.in_margin and furniture_key(item) in running)
        ]


def assemble(pages: list[PageContent]) -> list[Paragraph | Table]:
    """Blocks in reading order for the whole document."""
    drop_running_lines(pages)
    return _Assembler(pages).run()
