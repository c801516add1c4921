"""Multi-row table headers → column roles (code, name, measure) and table sides.

A column is described by its *path*: the header texts above it, top to bottom, each
merged header cell counted once (``["本年支出", "基本支出"]``, ``["合计", "决算数"]``).
Roles come from the words of the path, never from positions, so the same code reads
"支出决算表" with one code column, with 类 | 款 | 项 columns, with a 行次 column, or with
its measures in another order.

A column whose header names no known measure (the economic columns of Sichuan's
财政拨款支出决算明细表: 工资福利支出, 商品和服务支出 …) is a measure named by its own
lowest header text, so its figures are kept rather than dropped.

A two-sided table (收入支出决算总表: 收入 项目 | 决算数 beside 支出 项目 | 决算数; the
basic-expenditure table's two economic halves) is split into *sides*: a new side starts
wherever a code or name column follows a measure column.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from extractors.document import Table
from extractors.numbers import find_unit_label, parse_decimal
from extractors.patterns import first_match, named_patterns
from extractors.tables.rows import TOTAL_NAME, clean_code, split_glued_code

CODE_PART = {"类": "code_class", "款": "code_kuan", "项": "code_xiang"}
_CODE_WORDS = regex.compile(r"编码|代码|^科目编号$")
_NAME_WORDS = regex.compile(r"名称|^项目$|科目$|^功能分类$|^经济分类$|^支出项目类别")
_PERCENT_WORDS = regex.compile(r"[（(]\s*[%％]\s*[)）]|[%％]$|增长率|增幅|^比重|^占比")
_COUNT_WORDS = regex.compile(
    r"数量|人数|个数|车辆数|台数|^计量单位$|[（(]\s*(?:人|辆|个|台|套|次|批|人次)\s*[)）]$")
# A unit printed in a column's own header ("合计（元）", "金额(万元)", "决算数（单位：元）"):
# that column's figures are in it, whatever the table's unit line says.
_COLUMN_UNIT = regex.compile(r"\s*[（(]\s*(?:金额)?(?:单\s*位\s*[:：]\s*)?(亿元|万元|千元|元)\s*[)）]\s*$")
_COLUMN_MARK = regex.compile(r"^(?:\*+|栏次|[-—－]+|[A-Z]|甲|乙|丙)$")
_IGNORE_WORDS = regex.compile(r"^(?:行次|栏次|序号|年度)$")
# A 预算单位 / 单位名称 column (Shenzhen, Hangzhou): a row naming only its unit is that unit's total.
_UNIT_WORDS = regex.compile(r"^(?:预算单位|单位名称|单位)$")

# Measure names (LineItem.column) by header words; checked on the most specific part first.
MEASURES = named_patterns(
    ("carryover_start", r"年初.*结转|上年结转"),
    ("carryover_end", r"年末.*结转|结转下年"),
    ("to_superior", r"上缴上级"),
    ("to_affiliates", r"对附属单位补助"),
    ("affiliated", r"附属单位上缴"),
    ("superior_subsidy", r"上级补助"),
    ("operating", r"经营(?:服务)?(?:支出|收入)"),
    ("business", r"事业收入"),
    ("general_budget", r"一般公共预算"),
    ("gov_fund", r"政府性基金"),
    ("state_capital", r"国有资本经营"),
    ("fiscal", r"^(?:本级)?财政拨款(?:收入)?$"),
    ("other", r"其[他它]收入|其[他它]资金"),
    ("basic", r"基本支出(?:总数)?$"),
    ("project", r"项目支出(?:总数)?$"),
    ("personnel", r"人员经费|^人员类$|^人员支出$"),
    ("public", r"公用经费|^日常公用支出$"),
    ("income", r"^本年收入$"),
    ("budget", r"预算数|^预算$|年初预算|^本年预算$"),
    ("final", r"决算数|^决算$"),
    ("total", r"合计|小计|总计|^金额$|收入预算$|支出预算$|^本年支出$"),
)


# "扣除基建项目后预算数": a variant of the figure beside it, named by its own words.
_DEDUCTED = regex.compile(r"^扣除")
_SUBTOTAL = regex.compile(r"^(?:小\s*计|合\s*计|金\s*额)$")
# Headers a 小计 under them totals as a whole (本年支出 / 一般公共预算支出 / 预算数 …): the
# banner of a fund's own table ("政府性基金预算支出" over 小计 | 基本支出 | 项目支出).
_NOT_A_PART = {"total", "budget", "final", "general_budget", "gov_fund", "state_capital"}


@dataclass(frozen=True)
class Column:
    """One grid column: its header path and what it holds."""

    index: int
    path: tuple[str, ...]
    role: str  # code | code_class | code_kuan | code_xiang | name | unit | measure | ignore
    measure: str | None = None
    unit: str | None = None  # the money unit the column's own header prints, if any


@dataclass
class Header:
    """Where a table's header ends and what each column holds, grouped by side."""

    start: int
    end: int  # first data row
    columns: list[Column]
    sides: list[list[Column]] = field(default_factory=list)
    level_row: int | None = None  # a data row whose code cells print 类/款/项 labels

    def side_label(self, side: list[Column]) -> str | None:
        """"income" / "expenditure" for the halves of a 总表 (from the top header word)."""
        top = next((c.path[0] for c in side if c.path), "")
        if "收入" in top:
            return "income"
        if "支出" in top:
            return "expenditure"
        return None


def read_header(table: Table, start: int = 0) -> Header:
    """The header rows from ``start`` and the role of each column."""
    end = header_end(table, start)
    level_row = end if end < table.n_rows and _has_level_labels(table, end) else None
    cells = [header_cells(table, start, end, c, level_row) for c in range(table.n_cols)]
    columns = [classify(c, tuple(text for text, _ in cells[c])) for c in range(table.n_cols)]
    columns = [_by_content(table, end, c) for c in columns]
    columns = _text_label_columns(table, end, columns)
    columns = _without_banners(columns, cells)
    columns = _first_classification(columns)
    units = _column_units(table, start, end)
    columns = [replace(c, unit=units.get(c.index)) if c.role == "measure" else c for c in columns]
    header = Header(start, end, columns, level_row=level_row)
    header.sides = split_sides(columns)
    return header


def distinct_measures(header: Header) -> Header:
    """The header with no measure name used twice on one side of a row table.

    "一般公共预算资金" under both 本年收入 and 上年结转结余 (Beijing's 收入总表), "增减额"
    under two comparisons: two columns of one row under one name would make two lines
    with the same key and different figures. A later column of a repeated name is
    qualified by the nearest header above it that names another measure (or by that
    header's own text): ``carryover_start:general_budget``. The first keeps its name.
    """
    changed = False
    columns = list(header.columns)
    for side in header.sides:
        seen: dict[str, Column] = {}
        for column in side:
            if column.role != "measure" or not column.measure:
                continue
            if column.measure in seen:
                qualifier = _qualifier(column, seen[column.measure])
                if qualifier:
                    k = next(k for k, c in enumerate(columns) if c.index == column.index)
                    columns[k] = replace(column, measure=f"{qualifier}:{column.measure}")
                    changed = True
            seen.setdefault(column.measure, column)
    if not changed:
        return header
    out = Header(header.start, header.end, columns, level_row=header.level_row)
    out.sides = split_sides(columns)
    return out


def _qualifier(column: Column, first: Column) -> str | None:
    """What sets ``column`` apart from the earlier ``first`` of the same name: the measure
    of the first header above it that differs (上年结转结余 → carryover_start), else
    that header's text (…（扣除中央基建投资）)."""
    for k, part in enumerate(column.path[:-1]):
        other = first.path[k] if k < len(first.path) - 1 else None
        if part == other:
            continue
        measure = _first_measure(part)
        if measure and measure != column.measure and (
                other is None or measure != _first_measure(other)):
            return measure
        return part
    return None


def _first_classification(columns: list[Column]) -> list[Column]:
    """A row labelled twice before its figures — 部门预算经济分类 code | name, then 政府预算
    经济分类 code | name (Shandong's 基本支出表) — is read by its first classification; the
    second pair of columns is set aside, so one row never pairs one code with the other's
    name."""
    out = list(columns)
    state = "start"  # start → coded (a code column) → named (then its name) → second
    for k, column in enumerate(columns):
        label = column.role == "code" or column.role.startswith("code_")
        if column.role == "measure":
            state = "start"
        elif state == "second" and (label or column.role == "name"):
            out[k] = Column(column.index, column.path, "ignore")
        elif label and state == "named":
            out[k] = Column(column.index, column.path, "ignore")
            state = "second"
        elif label:
            state = "coded"
        elif column.role == "name" and state == "coded":
            state = "named"
    return out


def _by_content(table: Table, end: int, column: Column) -> Column:
    """A "项目" column whose cells are codes is the code column (its header had no 编码 row)."""
    if column.role != "name":
        return column
    values = [c.value for c in (table.anchor_at(r, column.index) for r in range(end, table.n_rows))
              if c is not None and c.value]
    codes = [v for v in values if clean_code(v)]
    if values and len(codes) * 2 >= len(values):
        return Column(column.index, column.path, "code")
    return column


def _text_label_columns(table: Table, end: int, columns: list[Column]) -> list[Column]:
    """A leading column no header word names whose cells are words, not figures ("采购类别":
    A-货物 / B-工程 / 合计), labels the rows: it is the name column. Only before the first
    measure column that a header word names, and only in a table with no name column."""
    if any(c.role in ("name", "code") or c.role.startswith("code_") for c in columns):
        return columns
    out = list(columns)
    for k, column in enumerate(columns):
        if column.role != "measure":
            continue
        if measure_of(column.path) is not None:
            break
        values = [c.value for c in (table.anchor_at(r, column.index) for r in range(end, table.n_rows))
                  if c is not None and c.value.strip()]
        words = [v for v in values if parse_decimal(v) is None]
        if values and len(words) * 2 > len(values):
            out[k] = Column(column.index, column.path, "name")
        break
    return out


def header_end(table: Table, start: int) -> int:
    """The first data row: a row with a figure or a code ("无" in an empty table).

    Words cannot decide: "合计" heads a column of the 三公 table and starts the total row
    of the others; a figure never appears in a header.
    """
    for r in range(start, table.n_rows):
        values = [c.value for c in table.row_cells(r)]
        if values and (_IGNORE_WORDS.match(values[0]) or is_column_numbers(table, r)):
            continue  # 栏次 1 2 3 … row
        if any(_is_data(v) for v in values):
            return r
        if r > start and any(_LISTED_ROW.match(v.strip()) for v in values):
            return r  # "22、其他支出" with no figure: a row of the table, not a header
    return _empty_table_header_end(table, start)


# A row label numbered as a list ("二、上年结转", "22、其他支出"): headers are never numbered so.
_LISTED_ROW = regex.compile(r"^(?:[一二三四五六七八九十]+|\d{1,2})、\S")


def is_column_numbers(table: Table, r: int) -> bool:
    """A 栏次 row printed without the word: "** | ** | 1 | 2 | 3" or "1 | 2 | 3 | 4".

    Its filled cells are "**" / "栏次" / "—" marks and integers counting up by one.
    """
    values = [c.value.strip() for c in table.row_cells(r) if c.value.strip()]
    numbers = [v for v in values if v.isdigit()]
    marks = [v for v in values if not v.isdigit()]
    if "栏次" in marks:  # the word says it; the 类/款/项 header cells may share the row
        marks = [v for v in marks if v not in CODE_PART]
    if not numbers or any(not _COLUMN_MARK.match(v) for v in marks):
        return False
    if len(numbers) < 2 and not any(m.startswith("*") or m == "栏次" for m in marks):
        return False
    ints = [int(v) for v in numbers]
    if not marks and (len(ints) < 3 or ints[0] != 1):
        return False  # bare small integers could be a data row (counts); 栏次 start at 1
    return ints == list(range(ints[0], ints[0] + len(ints))) and ints[0] <= 2


def _empty_table_header_end(table: Table, start: int) -> int:
    """An empty table (no figure anywhere): its header ends at the first blank or 合计 row."""
    for r in range(start + 1, table.n_rows):
        cells = [c for c in table.row_cells(r) if c.value]
        if not cells or TOTAL_NAME.match(cells[0].value.replace(" ", "")):
            return r
    return table.n_rows


def _is_data(value: str) -> bool:
    v = value.strip()
    if not v or find_unit_label(v):
        return False
    return parse_decimal(v) is not None or v == "无" or split_glued_code(v)[0] is not None


def _has_level_labels(table: Table, row: int) -> bool:
    return any(c.value in CODE_PART for c in table.row_cells(row))


def _without_banners(columns: list[Column], cells: list[list[tuple[str, int]]]) -> list[Column]:
    """Measures named without side banners: a header cell that also spans a code or name
    column ("人员经费" over 科目编码 | 科目名称 | 决算数) labels a side, not a measure."""
    banners = {
        cell_id
        for column in columns
        if column.role != "measure"
        for _, cell_id in cells[column.index]
    }
    out = []
    for column in columns:
        if column.role == "measure":
            own = tuple(text for text, cell_id in cells[column.index] if cell_id not in banners)
            measure = change_measure(own) or measure_of(own) or (own[-1] if own else column.measure)
            column = Column(column.index, column.path, "measure", measure)
        out.append(column)
    return out


def split_unit(text: str) -> tuple[str, str | None]:
    """A header text without the unit it ends with, and that unit: "合计（元）" → ("合计", "元")."""
    m = _COLUMN_UNIT.search(text)
    if not m or m.start() == 0:
        return text, None
    return text[:m.start()], m.group(1)


def _column_units(table: Table, start: int, end: int) -> dict[int, str]:
    """The unit each column's own header cells print (the lowest one that does)."""
    units: dict[int, str] = {}
    for col in range(table.n_cols):
        for r in range(start, end):
            cell = table.cell_at(r, col)
            unit = split_unit(cell.value)[1] if cell is not None and cell.value else None
            if unit:
                units[col] = unit
    return units


def header_cells(
    table: Table, start: int, end: int, col: int, level_row: int | None = None
) -> list[tuple[str, int]]:
    """(text, cell identity) of the header cells above ``col``, top to bottom; a unit the
    text ends with ("合计（元）") is left out (``_column_units`` keeps it)."""
    parts: list[tuple[str, int]] = []
    seen: set[int] = set()
    for r in range(start, end):
        first = table.row_cells(r)
        if first and (_IGNORE_WORDS.match(first[0].value) or is_column_numbers(table, r)):
            continue  # the 栏次 1 2 3 … row numbers columns; it names none
        cell = table.cell_at(r, col)
        text = split_unit(cell.value)[0] if cell is not None and cell.value else ""
        if id(cell) in seen or not text or find_unit_label(text):
            continue
        seen.add(id(cell))
        parts.append((text, id(cell)))
    if level_row is not None:
        cell = table.anchor_at(level_row, col)
        if cell is not None and cell.value in CODE_PART:
            parts.append((cell.value, id(cell)))
    return parts


def classify(index: int, path: tuple[str, ...]) -> Column:
    """The role of a column from its header path."""
    if not path:
        return Column(index, path, "ignore")
    last = path[-1]
    if last in CODE_PART:
        return Column(index, path, CODE_PART[last])
    change = change_measure(path)
    if change is not None:
        return Column(index, path, "measure", change)
    if _IGNORE_WORDS.match(last) or _PERCENT_WORDS.search(last):
        return Column(index, path, "ignore")  # 比重(%) / 占比: a share, not money
    if _COUNT_WORDS.search(last):
        return Column(index, path, "ignore")  # 数量 / 人数 / 车辆数（辆）: a count, not money
    if _UNIT_WORDS.match(last):
        return Column(index, path, "unit")
    if _CODE_WORDS.search(last) and not regex.search(r"名称", last):
        return Column(index, path, "code")
    if _NAME_WORDS.search(last):
        return Column(index, path, "name")
    # A column no word names (财政拨款支出决算明细表's 工资福利支出 …) keeps its own header.
    return Column(index, path, "measure", measure_of(path) or last)


# A year-on-year change column: 增减额 / 增减 / 比上年增减 (money), 增减(%) / 增长率 (percent),
# or a 比上年增减 / 增减变化 banner over 金额 | % (or 增减额 | 增减率) sub-columns.
_CHANGE_WORDS = regex.compile(r"增减|比上年(?:增|减|变动)|较上年(?:增|减|变动)|变动(?:额|金额|情况)?$|增长额")
_RATE_WORDS = regex.compile(r"[%％]|增长率|增减率|增幅|变动率|幅度")
_CHANGE_AMOUNT = regex.compile(r"^(?:增减额|增减金额|增减|金额|数额|增长额|变动额)$")


def change_measure(path: tuple[str, ...]) -> str | None:
    """``change`` / ``change_pct`` for a column of year-on-year changes, else None.

    ``("2026年预算数比2025年执行数", "增减额")`` → change; ``(…, "增减(%)")`` → change_pct;
    ``("比上年增减", "金额")`` → change; ``("增长率",)`` → change_pct. A 比重 / 占比 share is
    no change (None)."""
    parts = [regex.sub(r"\s+", "", p) for p in path if p]
    if not parts:
        return None
    last = parts[-1]
    if regex.search(r"^比重|^占比|比重[（(]?[%％]", last):
        return None
    banner = any(_CHANGE_WORDS.search(p) for p in parts[:-1])
    if _RATE_WORDS.search(last) and (banner or _CHANGE_WORDS.search(last) or regex.search(
            r"增长率|增减率|增幅|变动率", last)):
        return "change_pct"
    if _CHANGE_WORDS.search(last) and not _RATE_WORDS.search(last):
        return "change"
    if banner and _CHANGE_AMOUNT.match(last):
        return "change"
    return None


def measure_of(path: tuple[str, ...]) -> str | None:
    """The measure the most specific header word names (``("本年支出", "小计")`` → total).

    A 决算数 / 预算数 sub-header under every column (``("本年收入合计", "决算数")``) only
    says the phase: the column is still the one its upper header names. A 小计 / 合计
    under a part of the table (``("基本支出", "小计")`` beside 人员经费 | 公用经费) is that
    part's subtotal, not the table's total: read as the total it would double the lines.
    """
    found = [_first_measure(part) for part in path]
    if found and (found[-1] is None or _DEDUCTED.match(path[-1])):
        return None  # the lowest header names something else: the caller keeps its text
    if len(found) > 1 and _SUBTOTAL.match(path[-1]):
        if found[-2] is None:
            return path[-2]  # 小计 of a group no measure word names ("2026年政府采购项目")
        parent = next((m for m in reversed(found[:-1]) if m), None)
        if parent and parent not in _NOT_A_PART:
            return parent
    found = [m for m in found if m]
    specific = [m for m in found if m not in ("budget", "final")]
    if specific:
        return specific[-1]
    return found[-1] if found else None


def _first_measure(part: str) -> str | None:
    return first_match(MEASURES, part)


def split_sides(columns: list[Column]) -> list[list[Column]]:
    """Columns grouped by side: a code/name column after a measure column opens a new side."""
    sides: list[list[Column]] = [[]]
    seen_measure = False
    for col in columns:
        if col.role in ("code", "code_class", "code_kuan", "code_xiang", "name") and seen_measure:
            sides.append([])
            seen_measure = False
        if col.role == "measure":
            seen_measure = True
        sides[-1].append(col)
    return [s for s in sides if any(c.role == "measure" for c in s)]
