"""Which drawn paths can be seen: invisible boxes must not become table rules.

Some producers (iText among them) paint a white, unstroked rectangle behind every run of
text. pdfplumber's table finder takes every rectangle's edges as rules, so running text
turns into one-row "tables" cut at each run. A path shows on the page only if it is
stroked or filled in a colour other than the white of the paper; the rest is skipped by
both page engines alike.
"""

from __future__ import annotations

from collections.abc import Sequence

# A colour component at or above this (0..1) is paper white.
_WHITE = 0.98


def is_white(color: object) -> bool:
    """True for white in gray, RGB or CMYK as pdfplumber gives it (float, tuple, list)."""
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return float(color) >= _WHITE
    if isinstance(color, Sequence) and not isinstance(color, str):
        values = [v for v in color if isinstance(v, (int, float))]
        if len(values) != len(color) or not values:
            return False  # a pattern or named colour space: assume it shows
        if len(values) == 4:  # CMYK: white is no ink at all
            return all(v <= 1 - _WHITE for v in values)
        return all(v >= _WHITE for v in values)
    return False


def shows(fill: bool, stroke: bool, fill_color: object, stroke_color: object) -> bool:
    """Whether a path with this paint leaves a mark on white paper."""
    return (stroke and not is_white(stroke_color)) or (fill and not is_white(fill_color))


def plumber_object_shows(obj: dict) -> bool:
    """``shows`` for a pdfplumber rect/line/curve; non-path objects always show."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    return shows(bool(obj.get("fill")), bool(obj.get("stroke")),
                 obj.get("non_stroking_color"), obj.get("stroking_color"))
