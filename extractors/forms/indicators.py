"""The indicator block of a performance form: one ``Indicator`` per row.

The block starts at the header row holding 一级指标 (or 指标名称); each header cell names
a column by its words, never by position, because layouts differ: the seed has
预期指标值 | 实际完成指标值, the national 自评表 adds 分值 | 得分 | 偏差原因分析及改进措施,
Sichuan and Yunnan split the target into 指标性质 | 指标值 | 度量单位.

Level cells merged down several rows (一级指标 产出指标 over eight rows) are carried
down: the reader keeps the merge once, at its anchor, and ``Table.cell_at`` finds it for
every row it covers. A level left blank in a rendering without merges is carried from
the row above as well, which is what the merge meant.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

import regex

from extractors.document import Table, source_reading
from extractors.forms.grid import FormGrid, table_source
from extractors.forms.values import ParsedValue, parse_indicator_value, parse_operator
from extractors.numbers import parse_decimal
from extractors.patterns import first_match, named_patterns
from models.records import Indicator

# Header words → column role, most specific first ("实际完成指标值" before "指标值").
_HEADER_ROLES = named_patterns(
    ("level1", r"^一级指标"),
    ("level2", r"^二级指标"),
    ("level3", r"^(?:三级指标|指标名称|指标内容)|^绩效指标$"),
    ("nature", r"^(?:指标性质|计算符号|符号|指标值类型|绩效指标性质)"),
    ("unit", r"^(?:度量单位|计量单位|单位|绩效度量单位)$"),
    ("deviation", r"偏差|原因|改进措施"),
    ("actual", r"实际|完成值|完成情况"),
    ("target", r"指标值|目标值|预期"),
    ("score", r"^(?:实际|指标|自评)?得分(?!系数)"),
    ("weight", r"^(?:分值|权重|指标权重)"),
)
_HEADER_START = regex.compile(r"^(?:一级指标|指标名称)$")
_BLOCK_END = regex.compile(
    r"^(?:总分|合计|评价结论|自评结论|存在问题|改进措施|其他说明|说明|备注|填报人|联系电话|主要问题)"
)


@dataclass
class IndicatorColumns:
    """Column of each role in the block's table (first match wins)."""

    roles: dict[str, int] = field(default_factory=dict)
    header_end: int = 0  # first data row


def find_indicator_header(grid: FormGrid) -> IndicatorColumns | None:
    """Locate the 一级指标 header row (plus a sub-header row) and map its columns."""
    start = grid.find(_HEADER_START) or _indicator_column_header(grid)
    if start is None:
        return None
    header_rows = [start.row]
    nxt = start.row + 1
    if nxt < grid.end and _is_subheader(grid.table, nxt):
        header_rows.append(nxt)
    return map_columns(grid.table, header_rows, first_col=start.col)


def _indicator_column_header(grid: FormGrid):
    """A "绩效指标" header cell in a row that also heads 指标值 (Beijing 预算12表: 活动 |
    绩效指标 | 指标性质 | 指标值 | 度量单位, the levels written into one cell)."""
    for r in grid.rows:
        cells = grid.anchors(r)
        head = next((c for c in cells if _COLUMN_HEAD.match(c.value)), None)
        if head is not None and any(_VALUE_HEAD.search(c.value) for c in cells if c.col > head.col):
            return head
    return None


_COLUMN_HEAD = regex.compile(r"^绩效指标$")
_VALUE_HEAD = regex.compile(r"指标值")
# 一级 + 二级 + 三级 written into one cell: "产出指标数量指标培训工作完成率".
_LEVEL_PATH = regex.compile(r"^(?P<l1>产出指标|效益指标|成本指标|满意度指标)"
                            r"(?P<l2>\p{Han}{1,10}?指标)(?P<l3>\S.*)$", regex.S)


def map_columns(
    table: Table, header_rows: list[int], first_col: int = 0
) -> IndicatorColumns | None:
    """Roles of the columns under ``header_rows``; the lowest header cell is most specific.

    Columns left of ``first_col`` (the 一级指标 cell) hold section labels such as
    "绩效指标完成情况" and are not indicator columns.
    """
    roles: dict[str, int] = {}
    for col in range(first_col, table.n_cols):
        role = _column_role(table, header_rows, col)
        if role and role not in roles:
            roles[role] = col
    if "level3" not in roles and "level1" not in roles:
        return None
    return IndicatorColumns(roles=roles, header_end=header_rows[-1] + 1)


def _column_role(table: Table, header_rows: list[int], col: int) -> str | None:
    for row in reversed(header_rows):
        cell = table.cell_at(row, col)
        if cell is None:
            continue
        # A header cell spanning several columns names only its first one.
        if cell.col != col and cell.row == row:
            continue
        if (role := first_match(_HEADER_ROLES, cell.value)) is not None:
            return role
    return None


def _is_subheader(table: Table, row: int) -> bool:
    cells = [c for c in table.row_cells(row) if c.value]
    return bool(cells) and all(
        any(p.search(c.value) for _, p in _HEADER_ROLES[3:]) for c in cells
    )


def read_indicators(
    grid: FormGrid, columns: IndicatorColumns, start: int | None = None, table: Table | None = None
) -> list[Indicator]:
    """Indicator rows from ``start`` (default: under the header) to the block's end."""
    table = table or grid.table
    first = columns.header_end if start is None else start
    end = grid.end if table is grid.table else table.n_rows
    out: list[Indicator] = []
    carried: dict[str, str | None] = {"level1": None, "level2": None}
    for r in range(first, end):
        if _heads_sub_block(table, r):
            continue  # "年度绩效指标" under "长期绩效指标", or the header printed again
        if _ends_block(table, r):
            break
        indicator = read_row(table, r, columns, carried)
        if indicator is not None:
            out.append(indicator)
    return out


# A form with two indicator blocks (长期绩效指标 then 年度绩效指标, each with its header).
_SUB_BLOCK = regex.compile(
    r"^(?:[一二三四五六七八九十\d]+[、.．])?(?:长期|年度|中期|当年|本年度?)?绩效指标(?:[（(].*[)）])?$")


def _heads_sub_block(table: Table, row: int) -> bool:
    """A row that opens another indicator block: its title across the table, or the
    header words again (一级指标 | 二级指标 | …)."""
    cells = [c for c in table.row_cells(row) if c.value.strip()]
    if not cells:
        return False
    if len(cells) == 1 and _SUB_BLOCK.match(cells[0].value.strip()):
        return True
    return bool(_HEADER_START.match(cells[0].value.strip())) and sum(
        first_match(_HEADER_ROLES, c.value.strip()) is not None for c in cells[1:]) >= 1


def _ends_block(table: Table, row: int) -> bool:
    cells = table.row_cells(row)
    if not cells:
        return False
    first = cells[0]
    return (first.col == 0 and first.col_span == table.n_cols) or bool(
        _BLOCK_END.match(first.value)
    )


def read_row(table: Table, r: int, columns: IndicatorColumns, carried: dict) -> Indicator | None:
    """One indicator row (None when it states nothing); ``carried`` holds the 一级 / 二级
    levels merged down from the rows above (also used by multi-project lists)."""
    values = _row_values(table, r, columns.roles)
    if "level1" not in columns.roles and values.get("level3"):
        m = _LEVEL_PATH.match(values["level3"])
        if m:
            values.update(level1=m.group("l1"), level2=m.group("l2"), level3=m.group("l3"))
    for level in ("level1", "level2"):
        if values.get(level):
            carried[level] = values[level]
        else:
            values[level] = carried[level]
    if not any(values.get(k) for k in ("level3", "target", "actual")):
        return None
    target = values.get("target")
    actual = values.get("actual")
    tp = _parsed(target, values.get("nature"), values.get("unit"))
    ap = _parsed(actual, None, values.get("unit"))
    col = columns.roles.get("level3", columns.roles.get("level1"))
    text = " | ".join(c.value for c in table.row_cells(r) if c.value)
    # an indicator's values are the cells of its row (levels carried down included)
    source = replace(table_source(table, r, col, text), **source_reading(table.reading(r)))
    return Indicator(
        level1=values.get("level1"),
        level2=values.get("level2"),
        level3=values.get("level3"),
        target=target,
        actual=actual,
        source=source,
        target_op=tp.op,
        target_value=tp.value,
        target_unit=tp.unit,
        actual_op=ap.op,
        actual_value=ap.value,
        actual_unit=ap.unit,
        weight=_number(values.get("weight")),
        score=_number(values.get("score")),
        deviation_reason=values.get("deviation"),
        nature=values.get("nature"),
    )


def _row_values(table: Table, r: int, roles: dict[str, int]) -> dict[str, str | None]:
    """The text under each role in row ``r``; a cell spanning two role columns counts once."""
    values: dict[str, str | None] = {}
    used: set[int] = set()
    for role, col in sorted(roles.items(), key=lambda kv: kv[1]):
        cell = table.cell_at(r, col)
        if cell is None or id(cell) in used:
            values[role] = None
            continue
        used.add(id(cell))
        if cell.row < r and role not in ("level1", "level2"):
            values[role] = None  # a vertical merge states its text once, on its first row
            continue
        values[role] = cell.value.strip() or None
    return values


def _parsed(text: str | None, nature: str | None, unit: str | None) -> ParsedValue:
    parsed = parse_indicator_value(text)
    op = parsed.op or parse_operator(nature)
    return ParsedValue(op=op, value=parsed.value, unit=parsed.unit or (unit if parsed.value is not None else None))


def _number(text: str | None) -> Decimal | None:
    return parse_decimal(text)
