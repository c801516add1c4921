"""Levels and codes of classification rows printed by name alone (no code column).

Some producers (Hangzhou's 原点财通) print "一般公共服务支出 / 其他一般公共服务支出 /
其他一般公共服务支出" with no code. The rows still form the 类 → 款 → 项 tree, and the
figures say where each row sits: a 款's 项 add up to it, a 类's 款 add up to it. So a row
is a child of the deepest open row it still fits under (its figure does not overshoot what
is left of that parent); when it fits nowhere it opens a new 类. The figures decide, not
the names: "其他资本性支出" is a 款 of 310 today and was the 类 310 itself before 2018. The
names give the code when the code table knows it (``code_origin`` "resolved"); otherwise
the code stays None and only the level is set.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import regex

from models.records import LineItem

# The name of a unit, not of a 科目 (Shenzhen's 基本支出总表 opens with the unit's row).
ORG_NAME = regex.compile(
    r"(?:局|委员会|办公室|办事处|中心|支队|大队|医院|学校|学院|研究院|研究所|管理处|管理站)$|[（(](?:本级|汇总)[)）]$")
TOLERANCE = Decimal("0.015")  # publishers' rounding of one line
_LEVELS = {"function": ("类", "款", "项"), "economic": ("类", "款")}
_WIDTH = {"类": 3, "款": 5, "项": 7}


@dataclass
class _Open:
    """An open parent row: its figure, what its children add up to so far, its code/name."""

    level: str
    value: Decimal
    name: str
    code: str | None
    taken: Decimal = Decimal(0)

    def fits(self, value: Decimal) -> bool:
        return self.taken < self.value - TOLERANCE and self.taken + value <= self.value + TOLERANCE


def assign_levels(
    items: list[LineItem], year: int | None, classification: str | None = None
) -> list[LineItem]:
    """``items`` with 类/款/项 levels (and codes where known) for rows printed without code.

    Applies only when no row of the table printed a code and every line is function or
    economic classification (or ``classification`` says which, for the 支出 side of a 总表
    whose 款/项 names do not end in 支出); otherwise the items come back unchanged.
    """
    if not items or any(i.code for i in items):
        return items
    kinds = {i.classification for i in items}
    if classification is None:
        if len(kinds) != 1 or next(iter(kinds)) not in _LEVELS:
            return items
        classification = next(iter(kinds))
    rows = _rows(items)
    levels: dict[tuple, tuple[str, str | None]] = {}
    stack: list[_Open] = []
    for key, total in rows:
        name = key[2]
        if ORG_NAME.search(name):
            stack.clear()  # a unit's own row (its total), not a 科目: its 科目 follow it
            continue
        level, code = _place(name, total, stack, classification, year)
        levels[key] = (level, code)
    return [_with_level(i, levels.get(_row_key(i)), classification) for i in items]


def _rows(items: list[LineItem]) -> list[tuple[tuple, Decimal]]:
    """(row key, the row's figure: its total column, else its first) in order, 合计 rows
    left out."""
    totals: dict[tuple, Decimal | None] = {}
    firsts: dict[tuple, Decimal | None] = {}
    for item in items:
        if item.level == "合计":
            continue
        key = _row_key(item)
        firsts.setdefault(key, item.value)
        if item.column == "total" and totals.get(key) is None:
            totals[key] = item.value
    return [(k, totals.get(k) if totals.get(k) is not None else (v or Decimal(0)))
            for k, v in firsts.items()]


def _row_key(item: LineItem) -> tuple:
    return (item.source.block, item.source.row, item.name)


def _place(
    name: str, value: Decimal, stack: list[_Open], classification: str, year: int | None
) -> tuple[str, str | None]:
    """Level and code of one row; updates the stack of open parents."""
    levels = _LEVELS[classification]
    depth = _depth_by_value(value, stack)
    if depth > 0 and _named_class(name, stack[:depth], classification, year):
        depth = 0  # the code table knows the name as a 类 that year, not as a child here
    class_code = _resolve(classification, year, name) if depth == 0 else None
    del stack[depth:]
    if stack:
        stack[-1].taken += value
    level = levels[depth]
    code = class_code if depth == 0 else _child_code(stack, name, classification, year)
    if depth < len(levels) - 1:
        stack.append(_Open(level, value, name, code))
    return level, code


def _named_class(name: str, parents: list[_Open], classification: str, year: int | None) -> bool:
    """A row whose figure fits under the open parent but whose name the code table gives as
    a 类 for the year, and not as a child of that parent (商品和服务支出 after 工资福利支出
    when 工资福利支出 prints no 款 of its own)."""
    if any(p.name == name for p in parents) or _resolve(classification, year, name) is None:
        return False  # 其他支出 under 其他支出 is its 款 / 项
    return _child_code(parents, name, classification, year) is None


def _depth_by_value(value: Decimal, stack: list[_Open]) -> int:
    """How many open parents the row sits under: the deepest one it still fits in."""
    for depth in range(len(stack), 0, -1):
        if stack[depth - 1].fits(value):
            return depth
    return 0


def _child_code(stack: list[_Open], name: str, classification: str, year: int | None) -> str | None:
    names = [p.name for p in stack]
    if not stack or stack[0].code is None:
        return None
    return _resolve(classification, year, *names, name)


def _resolve(classification: str, year: int | None, *names: str) -> str | None:
    try:
        from extractors.codes import default_table
    except ImportError:  # the code table ships separately; without it codes stay None
        return None
    if len(names) > 3:
        return None
    padded = list(names) + [None] * (3 - len(names))
    code = default_table().resolve(padded[0], padded[1], padded[2], year=year,
                                   classification=classification)  # type: ignore[arg-type]
    if code is None or len(code) != 3 + 2 * (len(names) - 1):
        return None
    return code


def _with_level(item: LineItem, placed: tuple[str, str | None] | None,
                classification: str) -> LineItem:
    if placed is None:
        return item
    level, code = placed
    # A row placed in the 类/款/项 tree is a classification line: its parent is its code's.
    return replace(item, level=level, code=code, code_origin="resolved" if code else None,
                   classification=classification, parent=None)
