"""Parse an indicator cell: operator, number and unit out of text like ``≥90.00(%)``.

Performance forms print targets and results as free text. Researchers want the number
when there is one (to compare target and actual), but many cells are qualitative
("效果明显", "2020年1月—12月"), so the raw text is always kept and the parse is only
filled when the *whole* cell reads as ``[operator] number [unit]``: a date range or a
sentence that happens to contain digits is text, not a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from extractors.numbers import parse_decimal
from extractors.textnorm import fold_width

# Operator words and symbols as printed → the canonical symbol.
OPERATORS: dict[str, str] = {
    "=": "=", "﹦": "=", "＝": "=", "等于": "=",
    "≥": "≥", ">=": "≥", "＞=": "≥", "不低于": "≥", "不少于": "≥", "大于等于": "≥", "大于或等于": "≥",
    "≤": "≤", "<=": "≤", "＜=": "≤", "不高于": "≤", "不多于": "≤", "不超过": "≤", "小于等于": "≤",
    "小于或等于": "≤",
    ">": ">", "＞": ">", "大于": ">", "高于": ">", "超过": ">",
    "<": "<", "＜": "<", "小于": "<", "低于": "<",
}
_OP_ALTERNATION = "|".join(regex.escape(op) for op in sorted(OPERATORS, key=len, reverse=True))
_VALUE = regex.compile(
    rf"^(?P<op>{_OP_ALTERNATION})?\s*"
    r"(?P<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*"
    r"(?:[(（](?P<unit1>[^()（）\d]{1,8})[)）]|(?P<unit2>[%‰]|[\p{Han}A-Za-z/·*²³]{1,8}))?$"
)


@dataclass(frozen=True)
class ParsedValue:
    """What an indicator cell states: operator, number and unit (each may be None)."""

    op: str | None = None
    value: Decimal | None = None
    unit: str | None = None


def parse_indicator_value(text: str | None) -> ParsedValue:
    """Parse ``≥90.00(%)`` → (≥, 90.00, %); ``9.5万元`` → (None, 9.5, 万元); text → empty.

    >>> parse_indicator_value("≥90.00(%)")
    ParsedValue(op='≥', value=Decimal('90.00'), unit='%')
    >>> parse_indicator_value("2020年1月—12月")
    ParsedValue(op=None, value=None, unit=None)
    """
    if not text:
        return ParsedValue()
    s = fold_width(text).strip().replace(" ", "")
    m = _VALUE.match(s)
    if not m:
        return ParsedValue(op=_operator_only(s))
    unit = m.group("unit1") or m.group("unit2")
    return ParsedValue(
        op=OPERATORS[m.group("op")] if m.group("op") else None,
        value=parse_decimal(m.group("num")),
        unit=_canonical_unit(unit),
    )


def parse_operator(text: str | None) -> str | None:
    """An operator cell on its own (the 指标性质 column of Sichuan/Yunnan forms)."""
    if not text:
        return None
    return OPERATORS.get(fold_width(text).strip())


def _operator_only(text: str) -> str | None:
    """A cell that is just an operator symbol (rare, but then it is the operator)."""
    return OPERATORS.get(text)


def _canonical_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    return "%" if unit == "％" else unit
