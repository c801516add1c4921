"""Parse the numbers of fiscal reports: amounts, percentages, units.

Every parser here is total: it returns ``None`` for text that is not a number and never
raises, because report text is hostile (placeholders "XX", dashes for empty cells, page
footers). Amounts come back as ``Decimal`` exactly as printed; conversion to 万元 is a
separate, explicit step (``to_wan``) so the printed figure is never lost.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from extractors.textnorm import fold_width

# Multipliers to 万元 for the money units reports print.
UNIT_TO_WAN: dict[str, Decimal] = {
    "元": Decimal("0.0001"),
    "万元": Decimal("1"),
    "万": Decimal("1"),
    "亿元": Decimal("10000"),
    "亿": Decimal("10000"),
    "千元": Decimal("0.1"),
}

# A number as printed: optional sign, digits with optional thousands separators, decimals.
NUMBER_RE = regex.compile(
    r"(?<![\d.,])[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
)
_CELL_NUMBER = regex.compile(r"^[(（]?([-+−]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)[)）]?$")
_EMPTY_MARKS = frozenset({"", "-", "—", "--", "——", "－", "/", "／", "…", "——", "x", "X", "×"})
_UNIT_LABEL = regex.compile(r"(?:金额)?单\s*位\s*[:：]\s*(亿元|万元|千元|元|万)")


def parse_decimal(text: str | None) -> Decimal | None:
    """A printed number (table cell or extracted figure) as Decimal, or None.

    Accepts thousands separators, full-width digits, a leading sign, bracket negatives
    "(12.5)" and "（12.5）", and a trailing "%". Returns None for blanks and dash marks:
    a blank cell is "not stated", not zero.
    """
    if text is None:
        return None
    s = fold_width(str(text)).strip().replace(" ", "").rstrip("%")
    if s in _EMPTY_MARKS:
        return None
    m = _CELL_NUMBER.match(s)
    if not m:
        return None
    sign, digits = m.groups()
    negative = sign in ("-", "−") or (s.startswith(("(", "（")) and s.endswith((")", "）")))
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None
    return -value if negative else value


def is_empty_mark(text: str | None) -> bool:
    """True for a cell that states nothing (blank, dash): distinct from a printed 0."""
    return text is None or fold_width(str(text)).strip().replace(" ", "") in _EMPTY_MARKS


def to_wan(value: Decimal | None, unit: str | None) -> Decimal | None:
    """Convert an amount printed in ``unit`` to 万元 exactly (None stays None)."""
    if value is None:
        return None
    factor = UNIT_TO_WAN.get((unit or "万元").strip())
    if factor is None:
        return None
    if factor == 1:
        return value  # keep the printed precision (850.10 stays 850.10)
    return trim_zeros(value * factor)


def trim_zeros(value: Decimal) -> Decimal:
    """Drop trailing zeros a unit conversion adds, never switching to exponent form."""
    trimmed = value.normalize()
    return trimmed.quantize(Decimal(1)) if trimmed == trimmed.to_integral() else trimmed


def find_unit_label(text: str) -> str | None:
    """The money unit of a table's "单位：万元" line (spaced or truncated forms too)."""
    m = _UNIT_LABEL.search(fold_width(text))
    if not m:
        return None
    unit = m.group(1)
    return "万元" if unit == "万" else unit
