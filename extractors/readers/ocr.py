"""OCR for scanned PDF pages (optional extra ``juesuan[ocr]``: RapidOCR on ONNX Runtime).

Why RapidOCR (``rapidocr-onnxruntime``) rather than Tesseract: its wheel ships the
PP-OCR Chinese detection and recognition models, so it runs offline with nothing but
the registry package, and on the corpus scan (北京市政务服务和数据管理局 2026, 8 pages
at 200 dpi) it read the narrative with one character wrong (a 0 read as 〇) where
Debian's tesseract-ocr-chi-sim dropped or invented characters on every page and
printed full-width punctuation as ASCII; Tesseract was about twice as fast at 200 dpi
(4.8 s against 9.6 s per page on this shared 2-core machine). Figures matter more than
seconds; rendering at 150 dpi (``dpi``) halves RapidOCR's time with the same text.

Only pages without a text layer are recognised (``read_pdf`` asks). The page image's
ruling lines (long runs of ink, ``ruling_lines``) become edges, so a scanned ruled table
is found by the same table finder as a PDF's drawn lines. Each recognised line keeps its
box; its characters get boxes spread over the line's width (CJK one em,
others half), so the page goes through the same layout step as PDF characters and HTML
blocks (``pdf.layout_page``). Each character keeps its box's recognition score, so the
paragraphs and table cells built from it are marked ``method`` "ocr" with the lowest
score of their boxes, and every figure read from them says so (``Source.read_by``,
``Source.ocr_confidence``). The page is also reported in ``Document.issues`` as
``read_by_ocr`` with the engine and mean confidence.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field

import regex

from extractors.readers.pdf_lines import CONFIDENCE_KEY
from extractors.readers.pdf_pdfium import horizontal_edge, vertical_edge

INSTALL_HINT = "pip install 'juesuan[ocr]' (RapidOCR, offline Chinese models)"
OCR_ENV = "JUESUAN_OCR"  # "0" turns OCR off even when the extra is installed
# Render resolution: on the corpus scan 120, 144 and 200 dpi read the same text, and the
# time grows with the pixels (about 2x from 144 to 200); 150 keeps a margin for 7-pt
# table text. JUESUAN_OCR_DPI overrides it.
DPI_ENV = "JUESUAN_OCR_DPI"
DEFAULT_DPI = 150
ENGINE_NAME = "rapidocr"
# Recognition scores are kept to this many decimal places (a score is no finer than that).
CONFIDENCE_PLACES = 3

_engine = None
_PAGE_NUMBER = regex.compile(r"^[-—–一\s]*\d{1,4}[-—–一\s]*$")


@dataclass
class OcrPage:
    """One page's recognised characters and ruling lines (pdfplumber-like dicts, in pt)."""

    chars: list[dict]
    confidence: float | None
    lines: int
    edges: list[dict] = field(default_factory=list)


def available() -> bool:
    """Whether OCR can run: the extra is installed and not turned off."""
    if os.environ.get(OCR_ENV, "1").strip().lower() in ("0", "no", "off", "false"):
        return False
    try:
        import rapidocr_onnxruntime  # noqa: F401 - the import is the check (its native libraries load)
    except ImportError:
        return False
    return True


def dpi() -> int:
    """The render resolution (``JUESUAN_OCR_DPI``, default 150, kept within 72-600)."""
    try:
        return min(600, max(72, int(os.environ.get(DPI_ENV, DEFAULT_DPI))))
    except ValueError:
        return DEFAULT_DPI


def _get_engine():  # rapidocr_onnxruntime.RapidOCR
    global _engine
    if _engine is None:
        from rapidocr_onnxruntime import RapidOCR

        # One thread: a file is read in its own worker process, the pool (or the Dask
        # cluster) runs files side by side, and ONNX Runtime's pool of spinning threads
        # burnt CPU time for nothing there (the recognised text is the same).
        _engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
    return _engine


def recognise(pdf_page, width: float, height: float) -> OcrPage:  # pypdfium2 page
    """Render ``pdf_page`` at ``dpi()`` and recognise it; character boxes in page points."""
    import numpy

    scale = dpi() / 72
    bitmap = pdf_page.render(scale=scale)
    image = numpy.ascontiguousarray(bitmap.to_numpy()[:, :, :3])
    result, _ = _get_engine()(image)
    edges = ruling_lines(image.mean(axis=2) < _DARK, scale)
    boxes = []
    for box, text, score in result or []:
        xs = [p[0] / scale for p in box]
        ys = [p[1] / scale for p in box]
        boxes.append((text, min(xs), max(xs), min(ys), max(ys), float(score)))
    size = _body_size([b[4] - b[3] for b in boxes])
    chars: list[dict] = []
    for text, x0, x1, top, bottom, score in boxes:
        chars.extend(line_chars(text, x0, x1, top, bottom, size, confidence=score))
    scores = [b[5] for b in boxes]
    confidence = sum(scores) / len(scores) if scores else None
    return OcrPage(chars=chars, confidence=confidence, lines=len(scores), edges=edges)


def _body_size(heights: list[float]) -> float | None:
    """The page's usual line height: recognised boxes of one font differ by a point or
    two, which the layout step would take for a change of font (a new paragraph)."""
    if not heights:
        return None
    ordered = sorted(heights)
    return ordered[len(ordered) // 2]


# -- ruling lines from the page image -----------------------------------------------------

_DARK = 128  # grey level below which a pixel is ink
_MIN_RULE_SHARE = 0.04  # a rule is at least this share of the page's width (or height) long
_MAX_THICKNESS = 6  # px: a longer dark run this many rows thick is a rule, thicker is a fill


def ruling_lines(dark, scale: float) -> list[dict]:  # numpy bool array
    """Horizontal and vertical rules of a scanned page as pdfplumber edges (pt).

    A rule is a run of ink pixels far longer than any stroke of a character (text strokes
    are at most an em, a rule crosses a table cell); runs in neighbouring pixel rows
    (a rule two or three pixels thick) become one edge at their middle.
    """
    height, width = dark.shape
    horizontal = _runs(dark, max(8, int(_MIN_RULE_SHARE * width)))
    vertical = _runs(dark.T, max(8, int(_MIN_RULE_SHARE * height)))
    edges = [horizontal_edge(x0 / scale, x1 / scale, y / scale) for y, x0, x1 in _merge(horizontal)]
    edges += [vertical_edge(x / scale, y0 / scale, y1 / scale) for x, y0, y1 in _merge(vertical)]
    return edges


def _runs(dark, min_length: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of ink at least ``min_length`` long, row by row."""
    import numpy

    padded = numpy.zeros((dark.shape[0], dark.shape[1] + 2), dtype=numpy.int8)
    padded[:, 1:-1] = dark
    change = numpy.diff(padded, axis=1)
    rows, starts = numpy.nonzero(change == 1)
    _, ends = numpy.nonzero(change == -1)
    keep = (ends - starts) >= min_length
    return list(zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist(), strict=False))


def _merge(runs: list[tuple[int, int, int]]) -> list[tuple[float, int, int]]:
    """Runs on consecutive rows that overlap along the line become one (middle row)."""
    groups: list[list[tuple[int, int, int]]] = []
    open_groups: list[list[tuple[int, int, int]]] = []
    for row, start, end in sorted(runs):
        target = None
        for group in open_groups:
            last_row, last_start, last_end = group[-1]
            if row - last_row == 1 and start < last_end and end > last_start:
                target = group
                break
        if target is None:
            target = []
            groups.append(target)
        target.append((row, start, end))
        open_groups = [g for g in groups if g[-1][0] >= row - 1]
    merged = []
    for group in groups:
        if len(group) > _MAX_THICKNESS:
            continue  # a filled area (a shaded header, a stamp), not a rule
        middle = (group[0][0] + group[-1][0]) / 2
        merged.append((middle, min(g[1] for g in group), max(g[2] for g in group)))
    return merged


def line_chars(text: str, x0: float, x1: float, top: float, bottom: float,
               body_size: float | None = None, confidence: float | None = None) -> list[dict]:
    """Characters of one recognised line, spread over its box by their relative widths.

    A line whose height is within a quarter of the page's usual one gets that size. Each
    character carries the box's recognition score (``CONFIDENCE_KEY``, rounded to
    ``CONFIDENCE_PLACES``), which marks it as OCR'd through the layout step: the lines,
    paragraphs and table cells made of it say ``method`` "ocr" and their lowest score."""
    text = text.strip()
    if not text:
        return []
    if _PAGE_NUMBER.match(text):  # "- 3 一": OCR reads the dashes around a page number as 一
        text = text.replace("一", "—")
    weights = [1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.5 for ch in text]
    unit = (x1 - x0) / sum(weights)
    size = bottom - top
    if body_size and abs(size - body_size) <= 0.25 * body_size:
        size = body_size
    score = None if confidence is None else round(float(confidence), CONFIDENCE_PLACES)
    chars, x = [], x0
    for ch, weight in zip(text, weights, strict=False):
        advance = weight * unit
        chars.append({"text": ch, "x0": x, "x1": x + advance, "top": top, "bottom": bottom,
                      "size": size, "upright": True, CONFIDENCE_KEY: score})
        x += advance
    return chars
