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


def _unchecked(name: str, restype=None):
    """PDFium function ``name`` without argument conversion: pypdfium2's bindings check and
    convert every argument through its declared type, which costs more than the call itself
    in the per-glyph and per-segment loops. Only for functions taking pointers and ints,
    called with ints, PDFium handles (a bare address as ``c_void_p``: an int would be
    passed as a 32-bit int), ``ctypes.byref`` out-parameters and ``c_float`` (unconverted,
    a float would be passed as a double and a structure by value). The result type is the
    binding's unless ``restype`` is given (``c_void_p``: a handle as its address, or None)."""
    checked = getattr(raw, name)
    function = type(checked)(ctypes.cast(checked, ctypes.c_void_p).value)
    function.restype = checked.restype if restype is None else restype
    return function


if AVAILABLE:
    _IS_GENERATED, _GET_UNICODE, _MAP_ERROR, _LOOSE_BOX, _CHAR_ORIGIN, _CHAR_MATRIX, _FONT_SIZE = (
        _unchecked(name) for name in (
            "FPDFText_IsGenerated", "FPDFText_GetUnicode", "FPDFText_HasUnicodeMapError",
            "FPDFText_GetLooseCharBox", "FPDFText_GetCharOrigin", "FPDFText_GetMatrix",
            "FPDFText_GetFontSize"))
    # Text objects and fonts by address: a dict key without building a pointer's contents.
    _TEXT_OBJECT = _unchecked("FPDFText_GetTextObject", ctypes.c_void_p)
    _OBJECT_FONT = _unchecked("FPDFTextObj_GetFont", ctypes.c_void_p)
    _FONT_DESCENT = _unchecked("FPDFFont_GetDescent")
    _OBJECT_TYPE, _PAGE_OBJECT, _DRAW_MODE, _STROKE_COLOR, _FILL_COLOR, _OBJECT_MATRIX, \
        _COUNT_SEGMENTS, _PATH_SEGMENT, _SEGMENT_POINT, _SEGMENT_TYPE, _SEGMENT_CLOSE = (
            _unchecked(name) for name in (
                "FPDFPageObj_GetType", "FPDFPage_GetObject", "FPDFPath_GetDrawMode",
                "FPDFPageObj_GetStrokeColor", "FPDFPageObj_GetFillColor", "FPDFPageObj_GetMatrix",
                "FPDFPath_CountSegments", "FPDFPath_GetPathSegment", "FPDFPathSegment_GetPoint",
                "FPDFPathSegment_GetType", "FPDFPathSegment_GetClose"))

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

    Hot loop (every glyph of the corpus passes here): the PDFium functions are unchecked
    (``_unchecked``) and bound to locals, and a glyph's size and descent are looked up
    once per text object, not per glyph.
    """
    handle = textpage.raw
    left, top = origin
    rect, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    rect_out, matrix_out, x_out, y_out = (ctypes.byref(v) for v in (rect, matrix, x, y))
    is_generated, get_unicode, map_error = _IS_GENERATED, _GET_UNICODE, _MAP_ERROR
    loose_box, char_origin, char_matrix = _LOOSE_BOX, _CHAR_ORIGIN, _CHAR_MATRIX
    font_size, text_object = _FONT_SIZE, _TEXT_OBJECT
    descents: dict[int | None, float] = {}  # by font address
    by_object: dict[int, tuple[float, float]] = {}  # (size, descent) by text object address
    chars = []
    append = chars.append
    for index in range(raw.FPDFText_CountChars(handle)):
        if is_generated(handle, index) == 1:
            continue
        code = get_unicode(handle, index)
        if map_error(handle, index) == 1:
            text = f"(cid:{code})"
        elif code < 32 or code == 0xFFFE:
            continue  # control characters; a printed space (32) marks a word break
        else:
            text = chr(code)
        if not loose_box(handle, index, rect_out):
            continue
        char_origin(handle, index, x_out, y_out)
        # Size and descent are the text object's: asked once per object (a glyph's matrix
        # and font size are its text object's).
        key = text_object(handle, index)  # its address, None for none
        known = by_object.get(key) if key else None
        if known is None:
            char_matrix(handle, index, matrix_out)
            size = font_size(handle, index) * (abs(matrix.d) or 1.0)
            known = (size, _descent(key, descents))
            if key:
                by_object[key] = known
        size, descent = known
        bottom = top - (y.value + descent * size)
        append({
            "text": text,
            "x0": rect.left - left,
            "x1": rect.right - left,
            "top": bottom - size,
            "bottom": bottom,
            "size": round(size, 3),
        })
    return chars


def _descent(text_object: int | None, cache: dict[int | None, float]) -> float:
    """The font descent per point of size (negative below the baseline) of the text object
    at address ``text_object``."""
    font = _OBJECT_FONT(ctypes.c_void_p(text_object))
    if font not in cache:
        value = ctypes.c_float()
        found = _FONT_DESCENT(ctypes.c_void_p(font), ctypes.c_float(1.0), ctypes.byref(value))
        cache[font] = value.value if found else 0.0
    return cache[font]


def _dedupe(chars: list[dict]) -> list[dict]:
    """Drop a glyph drawn again at (nearly) the same place: fake bold, as dedupe_chars does.

    Glyphs are bucketed by text, size and rounded position, so each one is compared
    only with the few drawn in the neighbouring buckets — and most glyphs, having no
    glyph of the same text and size in any neighbouring bucket, with none at all. The
    buckets of one text, size and row are a dict of their own: a glyph with no glyph of
    its text and size in its row or the two beside it costs three lookups.
    """
    kept: list[dict] = []
    # (text, size, rounded top) -> rounded x0 -> kept glyphs: a glyph's nine neighbouring
    # buckets are three buckets in each of three rows.
    rows: dict[tuple, dict[int, list[dict]]] = {}
    tolerance = _DEDUPE_TOLERANCE
    for char in chars:
        x0, top = char["x0"], char["top"]
        bx, by = round(x0), round(top)
        text, size = char["text"], char["size"]
        duplicate = False
        for row_key in ((text, size, by - 1), (text, size, by), (text, size, by + 1)):
            row = rows.get(row_key)
            if row is None:
                continue
            for column in (bx - 1, bx, bx + 1):
                near = row.get(column)
                if near and any(abs(o["x0"] - x0) <= tolerance
                                and abs(o["top"] - top) <= tolerance for o in near):
                    duplicate = True
                    break
            if duplicate:
                break
        if duplicate:
            continue
        rows.setdefault((text, size, by), {}).setdefault(bx, []).append(char)
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
    if not _OBJECT_MATRIX(obj, ctypes.byref(matrix)):
        return _identity()
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _walk_objects(parent, outer: _Matrix, origin, data: PageData, in_form: bool = False) -> None:
    """Images and path edges of a page, or of a form XObject placed with ``outer``."""
    _Walker(origin, data).walk(parent, outer, in_form)


class _Walker:
    """One page's walk over its objects, with the ctypes out-parameters made once per page
    (a ruled table page has thousands of paths, each asked for its paint and points)."""

    def __init__(self, origin, data: PageData) -> None:
        self.origin, self.data = origin, data
        self.fill_mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))
        self.rgba_refs = tuple(ctypes.byref(v) for v in self.rgba)
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.paint_refs = (ctypes.byref(self.fill_mode), ctypes.byref(self.stroke))
        self.point_refs = (ctypes.byref(self.x), ctypes.byref(self.y))
        self.white_colours: dict[tuple[int, int, int, int], bool] = {}  # is_white by RGBA

    def walk(self, parent, outer: _Matrix, in_form: bool) -> None:
        count_objects = raw.FPDFFormObj_CountObjects if in_form else raw.FPDFPage_CountObjects
        # FPDFFormObj_GetObject takes an unsigned long: checked, so the index is converted
        get_object = raw.FPDFFormObj_GetObject if in_form else _PAGE_OBJECT
        get_type, data = _OBJECT_TYPE, self.data
        image, path, form = raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
        for index in range(count_objects(parent)):
            obj = get_object(parent, index)
            kind = get_type(obj)
            if kind == image:
                data.images += 1
            elif kind == path and self.shows(obj):
                data.edges.extend(self.edges(obj, _compose(_object_matrix(obj), outer)))
            elif kind == form:
                self.walk(obj, _compose(_object_matrix(obj), outer), True)

    def shows(self, obj) -> bool:
        """Whether the path is painted in a visible colour (see ``pdf_paint``); each colour
        is asked for only when its paint is on (most paths are stroked black)."""
        fill_mode, stroke = self.fill_mode, self.stroke
        if not _DRAW_MODE(obj, *self.paint_refs):
            return True
        if stroke.value and not self.white(_STROKE_COLOR, obj):
            return True
        return bool(fill_mode.value) and not self.white(_FILL_COLOR, obj)

    def white(self, getter, obj) -> bool:
        """``is_white`` of the object's RGB colour in 0..1 (PDFium converts gray and CMYK);
        an unknown colour shows, a fully transparent one paints nothing."""
        if not getter(obj, *self.rgba_refs):
            return is_white(None)
        rgba = tuple(v.value for v in self.rgba)
        white = self.white_colours.get(rgba)
        if white is None:
            r, g, b, a = rgba
            white = is_white((1.0, 1.0, 1.0)) if a == 0 else is_white((r / 255, g / 255, b / 255))
            self.white_colours[rgba] = white
        return white

    def edges(self, obj, matrix: _Matrix) -> list[dict]:
        """Horizontal and vertical straight segments of a path, as pdfplumber edge dicts."""
        points = self.points(obj, matrix)
        origin = self.origin
        edges = []
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            if x0 is None or x1 is None:
                continue
            edge = _edge(x0, y0, x1, y1, origin)
            if edge is not None:
                edges.append(edge)
        return edges

    def points(self, obj, matrix: _Matrix) -> list[tuple]:
        """The path's vertices in page space; (None, None) separates sub-paths and curves."""
        a, b, c, d, e, f = matrix
        x, y = self.x, self.y
        x_out, y_out = self.point_refs
        get_segment, get_point = _PATH_SEGMENT, _SEGMENT_POINT
        get_kind, get_close = _SEGMENT_TYPE, _SEGMENT_CLOSE
        move_to, bezier_to = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO
        points: list[tuple] = []
        start = None
        for index in range(_COUNT_SEGMENTS(obj)):
            segment = get_segment(obj, index)
            get_point(segment, x_out, y_out)
            xv, yv = x.value, y.value
            point = (xv * a + yv * c + e, xv * b + yv * d + f)
            kind = get_kind(segment)
            if kind == move_to:
                points.append((None, None))
                start = point
            elif kind == bezier_to:
                points.append((None, None))
            points.append(point)
            if get_close(segment) and start is not None:
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
