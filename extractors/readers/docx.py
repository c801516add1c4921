"""Word (.docx) reader: the body's paragraphs and tables, in order, as true grids.

Why not python-docx's object model: ``Document.iter_inner_content()`` silently skips
paragraphs and tables wrapped in content controls (``w:sdt``) or tracked insertions
(``w:ins``), ``row.cells`` repeats a merged cell at every position it covers, and building
a python object per cell is slow on reports with 20+ tables. So ``word/document.xml`` is
read once from the zip with a hardened lxml parser and walked directly:

* Blocks: ``w:p`` and ``w:tbl`` in body order, descending through wrappers (``w:sdt``,
  ``w:ins``, ``w:customXml``, ``w:smartTag``, ``w:moveTo``); deleted content (``w:del``,
  ``w:moveFrom``) and field instructions (``w:instrText``) are not text. Text boxes are
  read from ``mc:Choice`` only (the VML ``mc:Fallback`` repeats them) and become
  paragraphs after the paragraph that anchors them. Headers and footers (page numbers)
  live in other parts and are never read.
* Tables: ``w:gridBefore``/``w:gridAfter`` offset a row, ``w:gridSpan`` is the column span,
  ``w:vMerge`` restart/continue becomes the row span of the anchor, so a merged cell
  appears once. A malformed merge (continue with nothing aligned above) is kept as its
  own cell rather than dropped. A table inside a cell becomes its own ``Table`` block
  (``nested=True``) right after the table holding it.
* Text: a paragraph or ``w:br`` inside a cell is a ``\\n`` in ``Cell.text``; everything
  goes through ``extractors.textnorm`` exactly as the .txt and .pdf readers do.

* Labels: Word's automatic list numbers ("一、", "（一）") are not in the text but are
  printed; ``docx_numbering`` renders them so the .docx reads like its PDF.

Safety (``docx_package``): each part is checked against decompression bombs before it
is decompressed, and the XML parser never resolves entities, loads a DTD or touches the
network.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from extractors.document import Block, Cell, Document, Format, Paragraph, Table
from extractors.errors import CorruptFile
from extractors.readers.docx_numbering import Numbering
from extractors.readers.docx_package import open_word_parts
from extractors.textnorm import normalize_cell_text, normalize_text

MAX_SPAN = 1000  # Word allows 63 grid columns; a larger span is hostile or broken
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def read_docx(path: str | Path) -> Document:
    """Read a .docx file into the document model (pages are None: Word has none)."""
    parts = open_word_parts(Path(path))
    walker = _BodyWalker(parts.ns, Numbering(parts.ns, parts.numbering, parts.styles))
    body = parts.document.find(walker.w("body"))
    if body is None:
        raise CorruptFile("damaged Word document: word/document.xml has no body")
    blocks = walker.blocks(body)
    return Document(blocks=blocks, format=Format.DOCX, path=str(path), pages=None)


# -- the body ------------------------------------------------------------------------------


class _BodyWalker:
    """Walks WordprocessingML elements of one namespace into blocks and cell texts."""

    def __init__(self, ns: str, numbering: Numbering | None = None) -> None:
        self.ns = ns
        self.numbering = numbering
        w = self.w
        self.P, self.TBL, self.TR, self.TC = w("p"), w("tbl"), w("tr"), w("tc")
        self.T, self.SDT, self.SDT_CONTENT = w("t"), w("sdt"), w("sdtContent")
        self.TXBX = w("txbxContent")
        self.ALT = f"{{{MC}}}AlternateContent"
        self.CHOICE, self.FALLBACK = f"{{{MC}}}Choice", f"{{{MC}}}Fallback"
        self.VAL = w("val")
        self.R, self.RPR, self.VANISH = w("r"), w("rPr"), w("vanish")
        # containers whose children are read as if they stood in the parent
        self.wrappers = {w("ins"), w("customXml"), w("smartTag"), w("moveTo"), self.SDT_CONTENT}
        # never text: deletions, field codes, properties, drawings (text boxes read apart)
        self.not_text = {
            w("del"), w("moveFrom"), w("delText"), w("instrText"), w("delInstrText"),
            w("pPr"), w("rPr"), w("sdtPr"), w("sdtEndPr"), w("fldChar"), w("rt"),
            w("drawing"), w("pict"), w("object"),
            w("footnoteReference"), w("endnoteReference"), w("commentReference"),
        }
        self.deleted = {w("del"), w("moveFrom")}
        self.breaks = {w("br"), w("cr")}
        self.tabs = {w("tab"), w("ptab")}
        self.hyphen = w("noBreakHyphen")

    def w(self, local: str) -> str:
        return f"{{{self.ns}}}{local}"

    # -- block order ---------------------------------------------------------------------
    def blocks(self, container: etree._Element) -> list[Block]:
        """Paragraphs and tables of a body, cell-less container or text box, in order."""
        out: list[Block] = []
        for element in self._content(container):
            if element.tag == self.P:
                text = normalize_text(self.paragraph_text(element))
                if text:
                    out.append(Paragraph(text=text))
                for box in self.text_boxes(element):
                    out.extend(self.blocks(box))
            elif element.tag == self.TBL:
                out.extend(self.table_blocks(element, nested=False))
        return out

    def _content(self, container: etree._Element) -> Iterator[etree._Element]:
        """``w:p`` and ``w:tbl`` children, looking through wrappers and content controls."""
        for child in container:
            tag = child.tag
            if tag == self.P or tag == self.TBL:
                yield child
            elif tag in self.wrappers:
                yield from self._content(child)
            elif tag == self.SDT:
                yield from self._sdt_content(child, self._content)
            elif tag == self.ALT:
                chosen = self._alternative(child)
                if chosen is not None:
                    yield from self._content(chosen)

    def _sdt_content(self, sdt: etree._Element, walk) -> Iterator[etree._Element]:
        content = sdt.find(self.SDT_CONTENT)
        if content is not None:
            yield from walk(content)

    def _alternative(self, alt: etree._Element) -> etree._Element | None:
        """The first ``mc:Choice``, else the ``mc:Fallback``: one rendering, never both."""
        choice = alt.find(self.CHOICE)
        return choice if choice is not None else alt.find(self.FALLBACK)

    # -- paragraph text ------------------------------------------------------------------
    def paragraph_text(self, p: etree._Element) -> str:
        """A paragraph's visible text; ``w:br`` gives ``\\n`` (text boxes excluded)."""
        parts: list[str] = [self._label(p)]
        self._collect_text(p, parts)
        return "".join(parts)

    def _label(self, p: etree._Element) -> str:
        """Word's list label for ``p``; a paragraph deleted in tracked changes has none."""
        if self.numbering is None:
            return ""
        mark = p.find(f"{self.w('pPr')}/{self.w('rPr')}")
        if mark is not None and mark.find(self.w("del")) is not None:
            return ""
        return self.numbering.label(p)

    def _collect_text(self, element: etree._Element, parts: list[str]) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in self.not_text:
                continue  # entity references (never resolved), deletions, drawings
            if tag == self.T:
                parts.append(_own_text(child))
            elif tag == self.R and self._hidden(child):
                continue  # w:vanish: Word neither shows nor prints it
            elif tag in self.breaks:
                parts.append("\n")
            elif tag in self.tabs:
                parts.append("\t")
            elif tag == self.hyphen:
                parts.append("-")
            elif tag == self.ALT:
                chosen = self._alternative(child)  # drawings inside stay skipped
                if chosen is not None:
                    self._collect_text(chosen, parts)
            else:  # runs, hyperlinks, insertions, simple fields, content controls, ruby
                self._collect_text(child, parts)

    def _hidden(self, run: etree._Element) -> bool:
        rpr = run.find(self.RPR)
        vanish = rpr.find(self.VANISH) if rpr is not None else None
        return vanish is not None and vanish.get(self.VAL) not in ("0", "false", "off")

    def text_boxes(self, p: etree._Element) -> list[etree._Element]:
        """``w:txbxContent`` of the paragraph's drawings, each counted once."""
        found: list[etree._Element] = []
        self._find_boxes(p, found)
        return found

    def _find_boxes(self, element: etree._Element, found: list[etree._Element]) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == self.TXBX:
                found.append(child)  # boxes inside this box are read when it is walked
            elif tag in self.deleted:
                continue
            elif tag == self.ALT:
                self._find_boxes_in_alternative(child, found)
            elif tag != self.FALLBACK:
                self._find_boxes(child, found)

    def _find_boxes_in_alternative(self, alt: etree._Element, found: list[etree._Element]) -> None:
        """Boxes from the first ``mc:Choice`` holding any, else from the VML fallback."""
        for branch in [*alt.findall(self.CHOICE), *alt.findall(self.FALLBACK)]:
            before = len(found)
            self._find_boxes(branch, found)
            if len(found) > before:
                return

    # -- tables --------------------------------------------------------------------------
    def table_blocks(self, tbl: etree._Element, nested: bool) -> list[Table]:
        """The table, then the tables nested in its cells (depth first)."""
        inner: list[Table] = []
        grid = _GridBuilder()
        for tr in self._rows(tbl):
            grid.start_row(self._row_offset(tr, "gridBefore"))
            for tc in self._cells(tr):
                span, vmerge, hmerge = self._cell_merge(tc)
                grid.add(self.cell_text(tc, inner), span, vmerge, hmerge)
            grid.end_row(self._row_offset(tr, "gridAfter"))
        if not grid.n_rows:
            return inner
        return [grid.build(nested), *inner]

    def _rows(self, tbl: etree._Element) -> Iterator[etree._Element]:
        yield from self._children(tbl, self.TR, skip_deleted_rows=True)

    def _cells(self, tr: etree._Element) -> Iterator[etree._Element]:
        yield from self._children(tr, self.TC)

    def _children(self, parent: etree._Element, tag: str,
                  skip_deleted_rows: bool = False) -> Iterator[etree._Element]:
        """Children with ``tag``, looking through content controls and custom XML."""
        for child in parent:
            if child.tag == tag:
                if not (skip_deleted_rows and self._row_deleted(child)):
                    yield child
            elif child.tag in self.wrappers:
                yield from self._children(child, tag, skip_deleted_rows)
            elif child.tag == self.SDT:
                yield from self._sdt_content(
                    child, lambda c: self._children(c, tag, skip_deleted_rows))

    def _row_deleted(self, tr: etree._Element) -> bool:
        """A row removed with tracks changes on (``w:trPr/w:del``) is not in the table."""
        trpr = tr.find(self.w("trPr"))
        return trpr is not None and trpr.find(self.w("del")) is not None

    def _row_offset(self, tr: etree._Element, name: str) -> int:
        trpr = tr.find(self.w("trPr"))
        element = trpr.find(self.w(name)) if trpr is not None else None
        return _int_attr(element, self.VAL, default=0, low=0)

    def _cell_merge(self, tc: etree._Element) -> tuple[int, str | None, str | None]:
        """(gridSpan, vMerge state, hMerge state) of a cell; a bare merge means continue."""
        tcpr = tc.find(self.w("tcPr"))
        if tcpr is None:
            return 1, None, None
        span = _int_attr(tcpr.find(self.w("gridSpan")), self.VAL, default=1, low=1)
        return span, self._merge_state(tcpr, "vMerge"), self._merge_state(tcpr, "hMerge")

    def _merge_state(self, tcpr: etree._Element, name: str) -> str | None:
        element = tcpr.find(self.w(name))
        if element is None:
            return None
        return "restart" if element.get(self.VAL) == "restart" else "continue"

    def cell_text(self, tc: etree._Element, inner: list[Table]) -> str:
        """Cell paragraphs as lines; nested tables go to ``inner``, not into the text."""
        lines: list[str] = []
        for element in self._content(tc):
            if element.tag == self.P:
                lines.append(self.paragraph_text(element))
                for box in self.text_boxes(element):
                    lines.extend(self._box_lines(box))
            else:
                inner.extend(self.table_blocks(element, nested=True))
        return normalize_cell_text("\n".join(lines))

    def _box_lines(self, box: etree._Element) -> list[str]:
        """A text box inside a cell adds its paragraphs to the cell's lines."""
        return [self.paragraph_text(p) for p in self._content(box) if p.tag == self.P]


def _own_text(t: etree._Element) -> str:
    """Text of ``w:t`` without unresolved entity references (their tails are text)."""
    if len(t) == 0:
        return t.text or ""
    return (t.text or "") + "".join(child.tail or "" for child in t)


def _int_attr(element: etree._Element | None, attr: str, default: int, low: int) -> int:
    """An integer attribute clamped to [low, MAX_SPAN]; junk gives the default."""
    if element is None:
        return default
    try:
        value = int(element.get(attr, default))
    except ValueError:
        return default
    return min(max(value, low), MAX_SPAN)


# -- grid ----------------------------------------------------------------------------------


@dataclass
class _Anchor:
    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1


@dataclass
class _GridBuilder:
    """Lays Word cells on the grid; merged cells grow their anchor instead of repeating."""

    anchors: list[_Anchor] = field(default_factory=list)
    owner: dict[tuple[int, int], int] = field(default_factory=dict)
    n_rows: int = 0
    n_cols: int = 0
    _col: int = 0

    def start_row(self, grid_before: int) -> None:
        self.n_rows += 1
        self._col = grid_before

    def end_row(self, grid_after: int) -> None:
        self.n_cols = max(self.n_cols, self._col + grid_after)

    def add(self, text: str, span: int, vmerge: str | None, hmerge: str | None) -> None:
        row, col = self.n_rows - 1, self._col
        merged = (
            (vmerge == "continue" and self._extend_down(row, col, span, text))
            or (hmerge == "continue" and self._extend_right(row, col, span, text))
        )
        if not merged:
            self.anchors.append(_Anchor(row, col, text, 1, span))
            self._claim(len(self.anchors) - 1, row, col, span)
        self._col = col + span

    def _extend_down(self, row: int, col: int, span: int, text: str) -> bool:
        """Continue the vertical merge above, if one is aligned with this cell."""
        index = self.owner.get((row - 1, col))
        if index is None:
            return False
        anchor = self.anchors[index]
        if anchor.col != col or anchor.col_span != span or anchor.row + anchor.row_span != row:
            return False  # malformed: keep this cell as its own
        anchor.row_span += 1
        self._absorb(anchor, text)
        self._claim(index, row, col, span)
        return True

    def _extend_right(self, row: int, col: int, span: int, text: str) -> bool:
        """Legacy ``w:hMerge``: widen the cell to the left in the same row."""
        index = self.owner.get((row, col - 1))
        if index is None or self.anchors[index].row != row or self.anchors[index].row_span != 1:
            return False
        anchor = self.anchors[index]
        anchor.col_span += span
        self._absorb(anchor, text)
        self._claim(index, row, col, span)
        return True

    @staticmethod
    def _absorb(anchor: _Anchor, text: str) -> None:
        """Text left in a continuation cell is shown by Word in the merge: keep it."""
        if text:
            anchor.text = f"{anchor.text}\n{text}" if anchor.text else text

    def _claim(self, index: int, row: int, col: int, span: int) -> None:
        for c in range(col, col + span):
            self.owner[(row, c)] = index

    def build(self, nested: bool) -> Table:
        cells = [
            Cell(a.row, a.col, a.text, a.row_span, a.col_span)
            for a in sorted(self.anchors, key=lambda a: (a.row, a.col))
        ]
        return Table(cells=cells, n_rows=self.n_rows, n_cols=self.n_cols, nested=nested)
