"""Characters and ruling lines of a page from PDFium, in pdfplumber's coordinates.

Why: parsing a page's content stream is where pdfplumber (pdfminer.six) spends its time,
~0.04 s per page of the corpus, which alone exceeds the ingest budget (half a plain
pdfplumber pass). PDFium parses the same page in C in a tenth of that. This module asks
PDFium only for what the reader uses (each character's text, loose box and font size;
the straight segments of path objects; whether the page holds images) and hands them
over as the dicts pdfplumber would have given, so everything downstream (line
clustering, pdfplumber's own table finder) is shared with the pdfplumber path.

Coordinates: ``x0``/``x1`` from the left edge of the media box, ``top``/``bottom`` from
its top edge, as pdfplumber measures them. Glyphs PDFium cannot map to Unicode become
"(cid:N)" as pdfminer writes them, so the reader reports them the same way.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from extractors.readers.pdf_paint import is_white

# The PDFium calls this module makes; older pypdfium2 builds lack some, and the reader
# then parses pages with pdfplumber instead.
REQUIRED = (
    "FPDFText_HasUnicodeMapError", "FPDFText_GetLooseCharBox", "FPDFText_GetCharOrigin",
    "FPDFText_GetMatrix", "FPDFText_GetTextObject", "FPDFTextObj_GetFont", "FPDFFont_GetDescent",
    "FPDFPageObj_GetMatrix", "FPDFFormObj_CountObjects", "FPDFPath_CountSegments",
)
AVAILABLE = all(hasattr(raw, name) for name in REQUIRED)

# Path segments shorter than this (pt) are not ruling lines (pdfplumber's edge_min_length).
_MIN_EDGE = 3.0
# A segment this close to horizontal or vertical (pt over its length) is a ruling line.
_STRAIGHT = 0.5
# Fake bold: the same glyph drawn again within this distance (pdfplumber's dedupe default).
_DEDUPE_TOLERANCE = 1.0


@dataclass
class PageData:
    """What the reader needs from one page."""

    width: float
    height: float
    chars: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    images: int = 0

    @property
    def bbox(self) -> tuple[float, float, float, float]:  # read by pdfplumber's TableFinder
        return (0.0, 0.0, self.width, self.height)


def read_page(document: pdfium.PdfDocument, index: int) -> PageData | None:
    """Characters, edges and image count of page ``index`` (0-based).

    ``None`` for a rotated page: PDFium reports it unrotated, pdfplumber as displayed.
    """
    page = document[index]
    try:
        if page.get_rotation() % 360:
            return None
        left, bottom, right, top = page.get_mediabox()
        data = PageData(width=right - left, height=top - bottom)
        origin = (left, top)
        textpage = page.get_textpage()
        try:
            data.chars = _dedupe(_chars(textpage, origin))
        finally:
            textpage.close()
        _walk_objects(page.raw, _identity(), origin, data)
        return data
    finally:
        page.close()


def _chars(textpage: pdfium.PdfTextPage, origin: tuple[float, float]) -> list[dict]:
    """Each character as pdfminer boxes it: from the font's descent, one font size tall.

    PDFium's own loose box uses the font's bounding box, taller than the line for some
    fonts (Times digits reach into the line above); pdfminer's box keeps mixed-font
    lines apart, and the paragraph logic measures line spacing on it.
    """
    handle = textpage.raw
    left, top = origin
    rect = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    descents: dict[int, float] = {}
    chars = []
    for index in range(raw.FPDFText_CountChars(handle)):
        if raw.FPDFText_IsGenerated(handle, index) == 1:
            continue
        code = raw.FPDFText_GetUnicode(handle, index)
        if raw.FPDFText_HasUnicodeMapError(handle, index) == 1:
            text = f"(cid:{code})"
        elif code < 32 or code == 0xFFFE:
            continue  # control characters; a printed space (32) marks a word break
        else:
            text = chr(code)
        if not raw.FPDFText_GetLooseCharBox(handle, index, rect):
            continue
        raw.FPDFText_GetCharOrigin(handle, index, x, y)
        raw.FPDFText_GetMatrix(handle, index, matrix)
        size = raw.FPDFText_GetFontSize(handle, index) * (abs(matrix.d) or 1.0)
        bottom = top - (y.value + _descent(handle, index, descents) * size)
        chars.append({
            "text": text,
            "x0": rect.left - left,
            "x1": rect.right - left,
            "top": bottom - size,
            "bottom": bottom,
            "size": round(size, 3),
        })
    return chars


def _descent(handle, index: int, cache: dict[int, float]) -> float:
    """The character's font descent per point of size (negative below the baseline)."""
    font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(handle, index))
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    if key not in cache:
        value = ctypes.c_float()
        cache[key] = value.value if raw.FPDFFont_GetDescent(font, 1.0, value) else 0.0
    return cache[key]


def _dedupe(chars: list[dict]) -> list[dict]:
    """Drop a glyph drawn again at (nearly) the same place: fake bold, as dedupe_chars does.

    Glyphs are bucketed by text, size and rounded position, so each one is compared
    only with the few drawn in the neighbouring buckets — and most glyphs, having no
    glyph of the same text and size in any neighbouring bucket, with none at all.
    """
    kept: list[dict] = []
    buckets: dict[tuple, list[dict]] = {}
    for char in chars:
        text, size, x0, top = char["text"], char["size"], char["x0"], char["top"]
        bx, by = round(x0), round(top)
        duplicate = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                near = buckets.get((text, size, bx + dx, by + dy))
                if near and any(abs(o["x0"] - x0) <= _DEDUPE_TOLERANCE
                                and abs(o["top"] - top) <= _DEDUPE_TOLERANCE for o in near):
                    duplicate = True
                    break
            if duplicate:
                break
        if duplicate:
            continue
        buckets.setdefault((text, size, bx, by), []).append(char)
        kept.append(char)
    return kept


# -- path objects to edges -------------------------------------------------------------

_Matrix = tuple[float, float, float, float, float, float]


def _identity() -> _Matrix:
    return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """inner then outer (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _object_matrix(obj) -> _Matrix:
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return _identity()
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _walk_objects(parent, outer: _Matrix, origin, data: PageData, in_form: bool = False) -> None:
    """Images and path edges of a page, or of a form XObject placed with ``outer``."""
    count_objects = raw.FPDFFormObj_CountObjects if in_form else raw.FPDFPage_CountObjects
    get_object = raw.FPDFFormObj_GetObject if in_form else raw.FPDFPage_GetObject
    for index in range(count_objects(parent)):
        obj = get_object(parent, index)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            data.images += 1
        elif kind == raw.FPDF_PAGEOBJ_PATH and _path_shows(obj):
            data.edges.extend(_path_edges(obj, _compose(_object_matrix(obj), outer), origin))
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            _walk_objects(obj, _compose(_object_matrix(obj), outer), origin, data, in_form=True)


def _path_shows(obj) -> bool:
    """Whether the path is painted in a visible colour (see ``pdf_paint``); each colour is
    asked for only when its paint is on (most paths are stroked black)."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return True
    if stroke.value and not is_white(_color(raw.FPDFPageObj_GetStrokeColor, obj)):
        return True
    return bool(fill_mode.value) and not is_white(_color(raw.FPDFPageObj_GetFillColor, obj))


def _color(getter, obj) -> tuple[float, float, float] | None:
    """An object's RGB colour in 0..1 (PDFium converts gray and CMYK); None if unknown."""
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return None
    if a.value == 0:
        return (1.0, 1.0, 1.0)  # fully transparent paints nothing
    return (r.value / 255, g.value / 255, b.value / 255)


def _path_edges(obj, matrix: _Matrix, origin) -> list[dict]:
    """Horizontal and vertical straight segments of a path, as pdfplumber edge dicts."""
    points = _path_points(obj, matrix)
    edges = []
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x0 is None or x1 is None:
            continue
        edge = _edge(x0, y0, x1, y1, origin)
        if edge is not None:
            edges.append(edge)
    return edges


def _path_points(obj, matrix: _Matrix) -> list[tuple]:
    """The path's vertices in page space; (None, None) separates sub-paths and curves."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple] = []
    start = None
    for index in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, index)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = (x.value * a + y.value * c + e, x.value * b + y.value * d + f)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            points.append((None, None))
            start = point
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            points.append((None, None))
        points.append(point)
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            points.append(start)
    return points


def _edge(x0: float, y0: float, x1: float, y1: float, origin) -> dict | None:
    left, top = origin
    if abs(y1 - y0) <= _STRAIGHT and abs(x1 - x0) >= _MIN_EDGE:
        xa, xb = sorted((x0 - left, x1 - left))
        return horizontal_edge(xa, xb, top - (y0 + y1) / 2)
    if abs(x1 - x0) <= _STRAIGHT and abs(y1 - y0) >= _MIN_EDGE:
        ya, yb = sorted((top - y0, top - y1))
        return vertical_edge((x0 + x1) / 2 - left, ya, yb)
    return None


def horizontal_edge(x0: float, x1: float, y: float) -> dict:
    """A horizontal ruling line as pdfplumber's edge dict (page coordinates, top down)."""
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
            "orientation": "h", "object_type": "line"}


def vertical_edge(x: float, top: float, bottom: float) -> dict:
    """A vertical ruling line as pdfplumber's edge dict."""
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
            "orientation": "v", "object_type": "line"}
