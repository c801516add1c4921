"""Codes and names of table rows: 3/5/7-digit codes however they are printed.

A 功能分类 code appears as one cell ("2010301", "201 03 01"), as three cells 类 | 款 | 项
("201" | "03" | "01", the 类 cell sometimes left blank under its first row), or glued to
the name ("2013802一般行政管理事务"). Economic codes are 3/5 digits ("301" | "01",
"30101"). All come back as one digit string, or None for rows without a code (合计,
总计, and the ordinal-numbered rows of two-sided tables such as "一、一般公共服务支出").
"""

from __future__ import annotations

import regex

from extractors.textnorm import fold_width

TOTAL_NAME = regex.compile(r"^(?:合\s*计|总\s*计|本年(?:收入|支出)合计|收入总计|支出总计|.{0,6}经费合计)$")
ORDINAL_NAME = regex.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.．、](?!\d)|[(（][一二三四五六七八九十\d]+[)）])")
# "2013802一般行政管理事务", "[201]一般公共服务支出", "2040202-一般行政管理事务".
_GLUED = regex.compile(
    r"^[\[［【]?(\d{3}(?:\d{2}){0,2})(?:[\]］】]|\s*[-—－](?=\D))?\s*([^\d\s\-—－\]］】].*)$"
)
_CODE = regex.compile(r"^\d{3}(?:\d{2}){0,2}$")


def clean_code(text: str | None) -> str | None:
    """A printed code cell as digits ("201 03 01" → "2010301"), or None if not a code."""
    if not text:
        return None
    digits = regex.sub(r"[\s.．]", "", fold_width(text))
    return digits if _CODE.match(digits) else None


def split_glued_code(text: str) -> tuple[str | None, str]:
    """("2013802", "一般行政管理事务") from "2013802一般行政管理事务"; (None, text) otherwise."""
    m = _GLUED.match(fold_width(text).strip())
    if not m:
        return None, text
    return m.group(1), m.group(2).strip()


def join_code_parts(
    class_part: str | None, kuan_part: str | None, xiang_part: str | None, previous: str | None
) -> str | None:
    """The code from 类 | 款 | 项 cells; a blank 类 (or 款) is carried from the row above.

    A whole code in one cell spanning the three columns ("20104" under 类 | 款 | 项, as .doc
    tables merge them) reads the same in each: it is that code, not 201 + 04 + 04.
    """
    whole = _whole_code(class_part)
    if whole is not None and all(p in (None, "", class_part) for p in (kuan_part, xiang_part)):
        return whole
    c = clean_part(class_part, 3)
    k = clean_part(kuan_part, 2)
    x = clean_part(xiang_part, 2)
    if c is None and (k is not None or x is not None) and previous:
        c = previous[:3]
    if k is None and x is not None and previous and len(previous) >= 5:
        k = previous[3:5]
    if c is None:
        return None
    if k is None:
        return c if x is None else None
    return c + k + (x or "")


def _whole_code(text: str | None) -> str | None:
    digits = regex.sub(r"\s", "", fold_width(text or ""))
    return digits if digits.isdigit() and len(digits) in (3, 5, 7) else None


def clean_part(text: str | None, width: int) -> str | None:
    """One code part ("201", "03"); a 款/项 part printed as one digit is zero-padded."""
    if not text:
        return None
    digits = regex.sub(r"\s", "", fold_width(text))
    if not digits.isdigit():
        return None
    if len(digits) == width:
        return digits
    if width == 2 and len(digits) == 1:
        return "0" + digits
    # A part printed with its parent ("20103" in the 款 column) keeps only its own digits.
    if len(digits) in (5, 7) and width == 2:
        return digits[-2:]
    return None


def strip_ordinal(name: str) -> str:
    """The row name without its list ordinal ("一、一般公共服务支出" → "一般公共服务支出")."""
    return ORDINAL_NAME.sub("", name).strip()


def level_of(code: str | None, name: str) -> str | None:
    """类 / 款 / 项 from the code's length; 合计 for total rows; None otherwise."""
    if code:
        return {3: "类", 5: "款", 7: "项"}.get(len(code))
    if TOTAL_NAME.match(name.replace(" ", "")) or name in ("合计", "总计"):
        return "合计"
    return None


# -- the enclosing row of a numbered row: 一、 > （一） > 1. / 1、 > （1）; 其中 under the row above --

_NUMBERING = (
    regex.compile(r"^[一二三四五六七八九十]+[、.．]"),
    regex.compile(r"^[(（][一二三四五六七八九十]+[)）]"),
    regex.compile(r"^\d+[.．、](?!\d)"),
    regex.compile(r"^[(（]\d+[)）]"),
)
_OF_WHICH = regex.compile(r"^\s*其中\s*[:：]?")


def numbering_depth(name: str) -> int | None:
    """1 for "一、", 2 for "（一）", 3 for "1." / "1、", 4 for "（1）"; None without numbering."""
    text = fold_width(name).strip()
    return next((k + 1 for k, pattern in enumerate(_NUMBERING) if pattern.match(text)), None)


# A row totalling the whole table, not a section: 总计 and the income / expenditure totals
# of a 收支总表 (本年收入合计, 支出总计). A 合计 / 小计 / 车辆数合计 under a heading is that
# section's total.
_GRAND_TOTAL = regex.compile(r"^(?:总计|(?:本年)?(?:收入|支出)(?:合计|总计))$")


class ParentStack:
    """The nearest enclosing row of each row of a table, by its numbering depth.

    Feed the rows in order with their printed names; ``parent`` gives the (ordinal-free)
    name of the row a row belongs to: for a numbered row the last row of a smaller depth;
    for a "其中：" line the row just above it; for a row without numbering (合计, 货物) the
    innermost open heading, a numbered row that printed no figures of its own ("一、政府采购
    情况" above its 合计), else None; a whole-table total (总计, 本年支出合计) has none and closes
    every section. Unnumbered rows open no section.
    """

    def __init__(self) -> None:
        self._open: list[tuple[int, str, bool]] = []  # (depth, name, heading)
        self._above: str | None = None

    def parent(self, printed: str, heading: bool = False) -> str | None:
        name = strip_ordinal(printed) or printed
        if _OF_WHICH.match(printed):
            return self._above
        self._above = name
        depth = numbering_depth(printed)
        if depth is None and _GRAND_TOTAL.match(name.replace(" ", "")):
            self._open.clear()  # 本年支出合计 / 收入总计 / 总计: the whole table's, no section's
            return None
        if depth is None:
            return next((n for _, n, head in reversed(self._open) if head), None)
        while self._open and self._open[-1][0] >= depth:
            self._open.pop()
        parent = self._open[-1][1] if self._open else None
        self._open.append((depth, name, heading))
        return parent
