"""The money block of a performance form: budget and executed, with the fiscal/other split.

Two layouts occur:

* label-value pairs (项目绩效目标完成情况表): "预算数: | 78 | 执行数: | 77.98", then rows
  "其中-财政拨款: | 78 | 其中-财政拨款: | 77.98" and "其它资金: | | 其它资金: |". The side
  (budget or executed) of a lower label is the column of the 预算数 / 执行数 label above it.
* a column grid (项目支出绩效自评表, 部门整体绩效自评表): a header row 年初预算数 | 全年预算数 |
  全年执行数 | 分值 | 执行率 | 得分 and rows 年度资金总额 / 其中：财政拨款 / 其他资金.
* a budget-side target form (项目绩效目标表, 绩效目标填报表): no 执行数 at all, only
  "年度资金总额： | 2,134.87" / "当年预算 | 12,700.00" / "资金总额 | 77.48" with
  "其中：财政拨款 | …" and "其他资金 | …" under the total label. A form printing both the
  project's 项目资金总额 and this year's 年度资金申请总额 (Shanghai) gives the year's.

Values are kept as the form prints them (the seed's 0.9 for 新型冠状肺炎防控 stays 0.9 even
though the narrative says 0.09): contradictions are for the checks to report. A blank
cell is None. The execution rate is only filled where the form prints one.
"""

from __future__ import annotations

from decimal import Decimal

import regex

from extractors.document import Cell
from extractors.forms.grid import FormGrid, value_of
from extractors.numbers import parse_decimal, to_wan
from extractors.patterns import first_match, named_patterns

_BUDGET_LABEL = regex.compile(r"^(?:全年)?预算数[:：]?$")
_EXEC_LABEL = regex.compile(r"^(?:全年)?执行数[:：]?$")
_FISCAL_LABEL = regex.compile(r"^(?:其中)?[-－—:：]?(?:本年)?财政(?:拨款|资金)[:：]?$")
_OTHER_LABEL = regex.compile(r"^其[它他]资金[:：]?$")
_TOTAL_ROW = regex.compile(r"^(?:年度资金总额|资金总额|总额|合计|预算资金总额)")
_MONEY_UNIT = regex.compile(r"[（(](万元|元|亿元)[)）]|单位[:：](万元|元|亿元)")

# Column-grid headers, most specific first.
_GRID_COLUMNS = named_patterns(
    ("rate", r"执行率"),
    ("weight", r"^(?:分值|权重)"),
    ("score", r"^得分"),
    ("initial", r"^年初预算"),
    ("budget", r"^(?:全年|调整后)?(?:\(调整\)|（调整）)?预算数?$|^调整后预算数|^全年预算数"),
    ("executed", r"执行数|^实际支出|^决算数"),
)


# The form's money figures in 万元, by the ``models.records.Project`` field each fills
# (budget, budget_fiscal, budget_other, executed…, completion_pct; printed_unit the unit printed).
Money = dict[str, Decimal | str | None]


def read_money(grid: FormGrid) -> Money:
    """Read the money block in whichever layout the form uses (the first that finds its labels)."""
    unit = money_unit(grid) or grid.page_unit  # in the form, else in the line above it
    money: Money = {}
    for layout in (_label_pairs, _column_grid, _target_totals, _inline_values):
        found = layout(grid, unit)
        if found is not None:
            money = found
            break
    printed = money.pop("printed_unit", None)  # a unit printed with the figures themselves
    return {**money, "printed_unit": unit or printed}


def money_unit(grid: FormGrid) -> str | None:
    """The unit a form's money block states ("预算执行情况(万元)", "项目资金（元）")."""
    for r in grid.rows:
        for cell in grid.anchors(r):
            if "资金" in cell.value or "预算" in cell.value or "单位" in cell.value:
                m = _MONEY_UNIT.search(cell.value)
                if m:
                    return m.group(1) or m.group(2)
    return None


def _amount(cell: Cell | None, unit: str | None) -> Decimal | None:
    return to_wan(parse_decimal(value_of(cell)), unit or "万元")


def _label_pairs(grid: FormGrid, unit: str | None) -> Money | None:
    """"预算数: | 78 | 执行数: | 77.98" (a label whose right neighbour is a figure or blank)."""
    budget_label = _pair_label(grid, _BUDGET_LABEL)
    if budget_label is None:
        return None
    exec_label = _pair_label(grid, _EXEC_LABEL)
    if exec_label is not None and exec_label.row != budget_label.row:
        exec_label = None
    money: Money = {
        "budget": _amount(grid.right_of(budget_label), unit),
        "executed": _amount(grid.right_of(exec_label), unit) if exec_label else None,
    }
    exec_col = exec_label.col if exec_label else -1
    for r in range(budget_label.row + 1, min(budget_label.row + 4, grid.end)):
        for cell in grid.anchors(r):
            field = _pair_field(cell, budget_label.col, exec_col)
            if field:
                money[field] = _amount(grid.right_of(cell), unit)
    return money


def _pair_label(grid: FormGrid, pattern: regex.Pattern) -> Cell | None:
    """A label cell of the pair layout: in a grid layout its neighbour is another header."""
    for r in grid.rows:
        for cell in grid.anchors(r):
            if pattern.match(cell.value):
                right = value_of(grid.right_of(cell))
                if right is None or parse_decimal(right) is not None:
                    return cell
    return None


def _pair_field(cell: Cell, budget_col: int, exec_col: int) -> str | None:
    if _FISCAL_LABEL.match(cell.value):
        part = "fiscal"
    elif _OTHER_LABEL.match(cell.value):
        part = "other"
    else:
        return None
    if cell.col == budget_col:
        return f"budget_{part}"
    if cell.col == exec_col:
        return f"executed_{part}"
    return None


_TARGET_TOTAL = regex.compile(
    r"^(?:(?:项目)?(?:年度|当年|本年)?(?:预算)?(?:资金)?(?:申请)?总额|预算支出总额|当年预算|年度预算)"
    r"(?:数)?[:：]?$"
)
_TARGET_FISCAL = regex.compile(r"^(?:其中)?[-－—:：]?(?:本年|当年)?财政(?:拨款|资金)[:：]?$")


def _target_totals(grid: FormGrid, unit: str | None) -> Money | None:
    """A target form's budget: the total label's figure, then the parts under that label."""
    labels = [c for r in grid.rows for c in grid.anchors(r) if _TARGET_TOTAL.match(c.value)]
    labels = [c for c in labels if _figure_right(grid, c) or _figure_below(grid, c)]
    if not labels:
        return None
    label = next((c for c in labels if regex.match(r"^(?:年度|当年)", c.value)), labels[0])
    if not _figure_right(grid, label):  # 预算支出总额 over its figure (Beijing 预算12表)
        below = _sum_row_cell(grid, label) or _under(grid, label)
        money = {"budget": _amount(below, unit)}
        # 财政拨款 | 其他资金 beside it, each over its columns (合计 | 基本支出 | 项目支出):
        # the part's figure is the first of its columns, on the total's figure row
        for cell in grid.anchors(label.row):
            part = ("budget_fiscal" if _TARGET_FISCAL.match(cell.value)
                    else "budget_other" if _OTHER_LABEL.match(cell.value) else None)
            if part is not None and below is not None:
                money[part] = _amount(grid.table.anchor_at(below.row, cell.col), unit)
        return money
    money: Money = {"budget": _amount(grid.right_of(label), unit)}
    for r in range(label.row + 1, min(label.row + 4, grid.end)):
        for cell in grid.anchors(r):
            if cell.col != label.col:
                continue
            if _TARGET_FISCAL.match(cell.value):
                money["budget_fiscal"] = _amount(grid.right_of(cell), unit)
            elif _OTHER_LABEL.match(cell.value):
                money["budget_other"] = _amount(grid.right_of(cell), unit)
    return money


# "年度资金总额：86.50" / "其中：财政拨款：80.00" / "其他资金：6.50": label and figure in one cell.
# "年度资金总额：86.50", "总额10606.7522万元", "二、其他：3683.40万元", "财政拨款：6923.36万元（其中：
# 上级财政资金：…）": a label, its figure, the figure's own unit, a bracketed breakdown after it.
_INLINE = regex.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．])?(?P<label>.*?\p{Han})\s*[:：]?\s*"
    r"(?P<figure>-?[\d,]+(?:\.\d+)?)\s*(?P<unit>万元|亿元|元)?\s*(?:[（(].*[)）])?$")
_INLINE_OTHER = regex.compile(r"^其[它他](?:资金)?[:：]?$")


def _inline_values(grid: FormGrid, unit: str | None) -> Money | None:
    """A form that prints each figure after its label in the label's own cell."""
    money: Money = {}
    for r in grid.rows:
        for cell in grid.anchors(r):
            m = _INLINE.match(cell.value.strip())
            if not m:
                continue
            label = m.group("label").strip().rstrip(":：") + "："
            figure = to_wan(parse_decimal(m.group("figure")), m.group("unit") or unit or "万元")
            field = ("budget_fiscal" if _TARGET_FISCAL.match(label) else "budget_other" if _INLINE_OTHER.match(label)
                     else "budget" if _TARGET_TOTAL.match(label) or _BUDGET_LABEL.match(label)
                     else "executed" if _EXEC_LABEL.match(label) else None)
            if field is not None and money.get(field) is None:
                money[field] = figure
                if m.group("unit") and not unit:
                    money.setdefault("printed_unit", m.group("unit"))
    return money if money.get("budget") is not None or money.get("executed") is not None else None


def _under(grid: FormGrid, cell: Cell) -> Cell | None:
    row = cell.row + cell.row_span
    return grid.table.anchor_at(row, cell.col) if row < grid.end else None


def _figure_below(grid: FormGrid, cell: Cell) -> bool:
    below = value_of(_under(grid, cell))
    return below is not None and parse_decimal(below) is not None


def _sum_row_cell(grid: FormGrid, label: Cell) -> Cell | None:
    """Under a 总额 column that lists one figure per task (部门整体支出绩效目标表: 年度主要任务 |
    任务名称 | 主要内容 | 总额 | 财政拨款 | 其他资金), the figure of its 合计 row, not the first task's."""
    for r in range(label.row + label.row_span, grid.end):
        if any(_SUM_ROW.match(c.value.strip()) for c in grid.table.row_cells(r) if c.col < label.col):
            cell = grid.table.anchor_at(r, label.col)
            if cell is not None and parse_decimal(value_of(cell)) is not None:
                return cell
    return None


def _figure_right(grid: FormGrid, cell: Cell) -> bool:
    right = value_of(grid.right_of(cell))
    return right is not None and parse_decimal(right) is not None


def _column_grid(grid: FormGrid, unit: str | None) -> Money | None:
    header_row, columns = _grid_header(grid)
    if header_row is None:
        return None
    split = _split_columns(grid, header_row, columns)
    if split is not None:
        return _split_grid(grid, header_row + 2, split, columns.get("rate"), unit)
    money: Money = {}
    for r in range(header_row + 1, min(header_row + 7, grid.end)):
        part = _row_part(grid, r, min(columns.values()), first=r == header_row + 1)
        if part is None:
            continue
        for name, col in columns.items():
            cell = grid.table.anchor_at(r, col)
            if name in ("budget", "executed"):
                attr = name if part == "total" else f"{name}_{part}"
                money[attr] = _amount(cell, unit)
            elif part == "total" and name == "rate":
                money["completion_pct"] = parse_decimal(value_of(cell))
    return money


_PART_HEADS = named_patterns(
    ("total", r"^(?:总额|合计|小计|总计)$"),
    ("fiscal", r"^(?:其中[:：]?)?(?:当年|本年)?财政(?:拨款|资金)$"),
    ("other", r"^其[他它]资金$"),
)
_SUM_ROW = regex.compile(r"^(?:金额|资金|预算)?(?:合\s*计|总\s*计|总额)$")


def _split_columns(grid: FormGrid, header_row: int, columns: dict[str, int]) -> dict[str, int] | None:
    """Columns of a header over two rows: 全年预算数（万元） and 全年执行数（万元） each over
    总额 | 财政拨款 | 其他资金 (a 部门整体支出绩效自评表 lists its tasks under them)."""
    if header_row + 1 >= grid.end:
        return None
    out: dict[str, int] = {}
    for side in ("budget", "executed"):
        head = grid.table.anchor_at(header_row, columns[side]) if side in columns else None
        if head is None or head.col_span < 2:
            return None
        for cell in grid.table.row_cells(header_row + 1):
            if head.col <= cell.col <= head.last_col:
                part = first_match(_PART_HEADS, cell.value)
                if part is not None:
                    out[side if part == "total" else f"{side}_{part}"] = cell.col
    return out if "budget" in out and "executed" in out else None


def _split_grid(grid: FormGrid, first: int, split: dict[str, int], rate_col: int | None,
                unit: str | None) -> Money | None:
    """The figures of a split-header grid, from its 合计 row (or its only row of figures)."""
    value_col = min(split.values())
    rows = [r for r in range(first, grid.end)
            if any(_SUM_ROW.match(c.value) for c in grid.table.row_cells(r) if c.col < value_col)]
    if not rows:
        return None
    money: Money = {attr: _amount(grid.table.anchor_at(rows[0], col), unit) for attr, col in split.items()}
    if rate_col is not None:
        money["completion_pct"] = parse_decimal(value_of(grid.table.anchor_at(rows[0], rate_col)))
    return money


def _grid_header(grid: FormGrid) -> tuple[int | None, dict[str, int]]:
    for r in grid.rows:
        columns: dict[str, int] = {}
        for cell in grid.anchors(r):
            # Not first_match: a cell whose first role is taken may still fill a later one.
            for name, pattern in _GRID_COLUMNS:
                if pattern.search(cell.value) and name not in columns:
                    columns[name] = cell.col
                    break
        if "executed" in columns and ("budget" in columns or "initial" in columns):
            columns.setdefault("budget", columns.get("initial"))  # type: ignore[arg-type]
            return r, {k: v for k, v in columns.items() if v is not None}
    return None, {}


def _row_part(grid: FormGrid, row: int, first_value_col: int, first: bool = False) -> str | None:
    """Which part a money row states: total, fiscal or other (None for rows we skip).

    The row right under the header with no label of its own (the block label merged
    down beside it, as in 部门整体 forms) is the total.
    """
    labels = [c.value for c in grid.table.row_cells(row) if c.col < first_value_col]
    label = labels[-1] if labels else ""
    if first and not labels:
        return "total"
    if len(label) > 15:
        return None  # a goal sentence below the money block ("…实现财政资金支付电子化")
    if _TOTAL_ROW.match(label):
        return "total"
    if regex.search(r"财政(?:拨款|资金)", label) and "专户" not in label:
        return "fiscal"
    if _OTHER_LABEL.match(label.replace("其中", "").lstrip("：:")):
        return "other"
    return None
