"""Parse an indicator cell: operator, number and unit out of text like ``≥90.00(%)``.

Performance forms print targets and results as free text. Researchers want the number
when there is one (to compare target and actual), but many cells are qualitative
("效果明显", "2020年1月—12月"), so the raw text is always kept and the parse is only
filled when the *whole* cell reads as ``[label] [operator] number [unit] [operator word]``
("≥330台（套）", "5000万元以内", "不低于90%", "合格率95.4%"): a date, a range or a
sentence that happens to contain digits is text, not a number. The unit is kept as printed
(compound units such as 台（套）, 人次, 个工作日 included).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from extractors.numbers import parse_decimal
from extractors.textnorm import fold_width

# Operator words and symbols printed before the number → the canonical symbol
# (≈ for an approximate target: "约100人").
OPERATORS: dict[str, str] = {
    "=": "=", "﹦": "=", "＝": "=", "等于": "=",
    "≥": "≥", "≧": "≥", "⩾": "≥", ">=": "≥", "＞=": "≥", "不低于": "≥", "不少于": "≥",
    "不小于": "≥", "大于等于": "≥", "大于或等于": "≥", "至少": "≥", "不低": "≥", "不少": "≥",
    "≤": "≤", "≦": "≤", "⩽": "≤", "<=": "≤", "＜=": "≤", "不高于": "≤", "不多于": "≤",
    "不超过": "≤", "不超出": "≤", "不大于": "≤", "小于等于": "≤", "小于或等于": "≤", "最多": "≤",
    ">": ">", "＞": ">", "大于": ">", "高于": ">", "超过": ">",
    "<": "<", "＜": "<", "小于": "<", "低于": "<", "不足": "<",
    "约": "≈", "大约": "≈",
}
# Words printed after the number and its unit: "90%以上", "5000万元以内", "300人左右".
SUFFIX_OPERATORS: dict[str, str] = {
    "及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤", "之内": "≤",
    "内": "≤", "左右": "≈", "上下": "≈",
}
_SYMBOLS = "=﹦＝≥≧⩾≤≦⩽<>＜＞"


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


# [label] [operator] number [unit] [operator word]. The label is a few Han characters naming
# the measure ("合格率95.4%", "满意度>95%"); the unit is as printed, compound units included
# ("台（套）", "个工作日", "元/人.月"). One number only: a date or range is text.
_VALUE = regex.compile(
    rf"^(?P<label>\p{{Han}}{{1,12}}?)??(?P<op>{_alternation(OPERATORS)})?"
    r"(?P<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"(?:[(（](?P<unit1>[^()（）\d]{1,8})[)）]"
    r"|(?P<unit2>[%‰℃㎡]|[\p{Han}A-Za-z/·.*²³㎡℃]{1,8}?(?:[(（]\p{Han}{1,4}[)）])?))??"
    rf"(?P<suffix>{_alternation(SUFFIX_OPERATORS)})?$"
)
# A label that sets a period ("每月1次", "两年1次", "全年12个月") belongs to the unit's
# meaning: such a cell stays text rather than lose its period.
_PERIOD_LABEL = regex.compile(r"每|[年月日周天]$")


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
    if not m or (m.group("label") and _PERIOD_LABEL.search(m.group("label"))):
        return ParsedValue(op=_operator_only(s))
    unit = m.group("unit1") or m.group("unit2")
    op = m.group("op")
    suffix = m.group("suffix")
    return ParsedValue(
        op=OPERATORS[op] if op else SUFFIX_OPERATORS[suffix] if suffix else None,
        value=parse_decimal(m.group("num")),
        unit=_canonical_unit(unit),
    )


def parse_operator(text: str | None) -> str | None:
    """An operator cell on its own (the 指标性质 column of Sichuan/Yunnan forms)."""
    if not text:
        return None
    return OPERATORS.get(fold_width(text).strip())


def _operator_only(text: str) -> str | None:
    """The operator of a cell that states no single number: a cell that is just an operator,
    or one that opens with an operator symbol ("≤2026年12月1日" → ≤)."""
    if text in OPERATORS:
        return OPERATORS[text]
    if text[:1] in _SYMBOLS:
        for width in (2, 1):
            if text[:width] in OPERATORS:
                return OPERATORS[text[:width]]
    return None


def _canonical_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    return "%" if unit == "％" else unit
