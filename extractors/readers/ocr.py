"""OCR for scanned PDF pages (optional extra ``juesuan[ocr]``: RapidOCR on ONNX Runtime).

Why RapidOCR (``rapidocr-onnxruntime``) rather than Tesseract: its wheel ships the
PP-OCR Chinese detection and recognition models, so it runs offline with nothing but
the registry package, and on the corpus scan (北京市政务服务和数据管理局 2026, 8 pages
at 200 dpi) it read the narrative with one character wrong (a 0 read as 〇) where
Debian's tesseract-ocr-chi-sim dropped or invented characters on every page and
printed full-width punctuation as ASCII; Tesseract was about twice as fast at 200 dpi
(4.8 s against 9.6 s per page on this shared 2-core machine). Figures matter more than
seconds; rendering at 150 dpi (``dpi``) halves RapidOCR's time with the same text.

Only pages without a text layer are recognised (``read_pdf`` asks). Each recognised
line keeps its box; its characters get boxes spread over the line's width (CJK one em,
others half), so the page goes through the same layout step as PDF characters and HTML
blocks (``pdf.layout_page``). The page is reported in ``Document.issues`` as
``read_by_ocr`` with the engine and mean confidence, so a figure's page says how it was
read.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

import regex

INSTALL_HINT = "pip install 'juesuan[ocr]' (RapidOCR, offline Chinese models)"
OCR_ENV = "JUESUAN_OCR"  # "0" turns OCR off even when the extra is installed
# Render resolution: on the corpus scan 120, 144 and 200 dpi read the same text, and the
# time grows with the pixels (about 2x from 144 to 200); 150 keeps a margin for 7-pt
# table text. JUESUAN_OCR_DPI overrides it.
DPI_ENV = "JUESUAN_OCR_DPI"
DEFAULT_DPI = 150
ENGINE_NAME = "rapidocr"

_engine = None
_PAGE_NUMBER = regex.compile(r"^[-—–一\s]*\d{1,4}[-—–一\s]*$")


@dataclass
class OcrPage:
    """One page's recognised characters (pdfplumber-like dicts, in pt) and confidence."""

    chars: list[dict]
    confidence: float | None
    lines: int


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

        _engine = RapidOCR()
    return _engine


def recognise(pdf_page, width: float, height: float) -> OcrPage:  # pypdfium2 page
    """Render ``pdf_page`` at ``dpi()`` and recognise it; character boxes in page points."""
    import numpy

    scale = dpi() / 72
    bitmap = pdf_page.render(scale=scale)
    image = numpy.ascontiguousarray(bitmap.to_numpy()[:, :, :3])
    result, _ = _get_engine()(image)
    boxes = []
    for box, text, score in result or []:
        xs = [p[0] / scale for p in box]
        ys = [p[1] / scale for p in box]
        boxes.append((text, min(xs), max(xs), min(ys), max(ys), float(score)))
    size = _body_size([b[4] - b[3] for b in boxes])
    chars: list[dict] = []
    for text, x0, x1, top, bottom, _ in boxes:
        chars.extend(line_chars(text, x0, x1, top, bottom, size))
    scores = [b[5] for b in boxes]
    confidence = sum(scores) / len(scores) if scores else None
    return OcrPage(chars=chars, confidence=confidence, lines=len(scores))


def _body_size(heights: list[float]) -> float | None:
    """The page's usual line height: recognised boxes of one font differ by a point or
    two, which the layout step would take for a change of font (a new paragraph)."""
    if not heights:
        return None
    ordered = sorted(heights)
    return ordered[len(ordered) // 2]


def line_chars(text: str, x0: float, x1: float, top: float, bottom: float,
               body_size: float | None = None) -> list[dict]:
    """Characters of one recognised line, spread over its box by their relative widths.

    A line whose height is within a quarter of the page's usual one gets that size."""
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
    chars, x = [], x0
    for ch, weight in zip(text, weights, strict=False):
        advance = weight * unit
        chars.append({"text": ch, "x0": x, "x1": x + advance, "top": top, "bottom": bottom,
                      "size": size, "upright": True})
        x += advance
    return chars
