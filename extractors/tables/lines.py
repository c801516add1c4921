"""Turn a located table's data rows into ``LineItem`` records.

Two reading modes:

* row tables (all but the 三公 table): each data row is a (code, name) line, each
  measure column a value; a two-sided table is read side by side.
* column-group tables (the 三公 table, ``groups``): the header names the lines.

Cells become line items in ``items``.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from extractors.document import Table
from extractors.numbers import parse_decimal
from extractors.tables.groups import column_groups
from extractors.tables.headers import (
    Column,
    Header,
    distinct_measures,
    read_header,
    split_sides,
)
from extractors.tables.items import (
    COLUMN_GROUP_KEYS,
    LISTING_KEYS,
    SUMMARY_KEYS,
    ReadContext,
    make_item,
    subject_classification,
)
from extractors.tables.named_rows import assign_levels
from extractors.tables.rows import (
    ORDINAL_NAME,
    TOTAL_NAME,
    ParentStack,
    clean_code,
    join_code_parts,
    level_of,
    split_glued_code,
    strip_ordinal,
)
from models.records import LineItem


def read_lines(ctx: ReadContext) -> tuple[list[LineItem], Header | None]:
    """All line items of a located table (continuation grids included)."""
    first = ctx.located.parts[0]
    header = read_header(first, ctx.located.start_row)
    items: list[LineItem] = []
    if ctx.located.key in COLUMN_GROUP_KEYS and not _rows_name_lines(header):
        items += column_groups(ctx, first, header)
        return items, header
    header = distinct_measures(prior_year_columns(header, ctx.year))
    if ctx.located.key == "statistics" and any(c.role == "name" for c in header.columns):
        return statistics_rows(ctx, first, header), header
    if not any(_labels_rows(c) for c in header.columns):
        return _label_free(ctx, first, header), header
    items += _row_table(ctx, first, header, range(header.end, first.n_rows))
    for part in ctx.located.parts[1:]:
        items += _continuation(ctx, part, header)
    items = subject_classification(ctx, header, items)
    if ctx.located.key not in SUMMARY_KEYS:
        if _rows_are_subjects(ctx.located.key, header):
            items = assign_levels(items, ctx.year)
    else:
        items = _summary_classes_by_name(items, ctx.year)
    return items, header


# Tables whose rows are projects, purchases or units, not 科目: a row printed without code
# is no 类/款/项 (Guangzhou's 项目支出及其他支出预算表 lists units and their projects).
_NOT_SUBJECT_HEADER = regex.compile(r"项目名称|采购|品目")


def _rows_are_subjects(key: str, header: Header) -> bool:
    """Whether a table's name-only rows may be placed in the 类/款/项 tree by their figures."""
    if key in LISTING_KEYS:
        return False
    names = [c for c in header.columns if c.role == "name"]
    return not any(_NOT_SUBJECT_HEADER.search(part) for c in names for part in c.path)


_YEAR_HEAD = regex.compile(r"^(\d{4})年")
_PRIOR_HEAD = regex.compile(r"^上年(?!结转|结余|末)")
# A header that only says which figure of the year it is: 执行数, 2025年执行数, 上年预算数.
_PHASE_ONLY = regex.compile(r"^(?:\d{4}年度?|上年)?(?:执行数|预算数|决算数|执行|预算|决算|金额)$")


def prior_year_columns(header: Header, year: int | None) -> Header:
    """Columns of another year's figures (central tables: "2025年执行数" beside "2026年预算数";
    "上年预算数") are the prior year's: measure ``prior_year`` (``prior_year:<name>`` for a
    named part under it), never the report's own budget or total."""
    columns = []
    changed = False
    for column in header.columns:
        if column.role == "measure" and _prior_path(column.path, year):
            own = column.measure
            plain = own in (None, "budget", "final", "total") or bool(_PHASE_ONLY.match(own or ""))
            measure = "prior_year" if plain else f"prior_year:{own}"
            column = replace(column, measure=measure)
            changed = True
        columns.append(column)
    if not changed:
        return header
    out = Header(header.start, header.end, columns, level_row=header.level_row)
    out.sides = split_sides(columns)
    return out


def _prior_path(path: tuple[str, ...], year: int | None) -> bool:
    """The top header naming a year before the report's, or 上年 (not 上年结转)."""
    for part in path:
        part = part.strip()
        m = _YEAR_HEAD.match(part)
        if m:
            return year is not None and int(m.group(1)) < year
        if _PRIOR_HEAD.match(part):
            return True
    return False


def _labels_rows(column: Column) -> bool:
    return column.role in ("code", "name", "unit") or column.role.startswith("code_")


def _label_free(ctx: ReadContext, table: Table, header: Header) -> list[LineItem]:
    """A table of measure columns only (central and Beijing 收入总表: 合计 | 上年结转 |
    一般公共预算拨款收入 … over one row of figures): its one row is the table's total. With
    several unlabelled rows nothing says what each is, so none is read."""
    rows = [r for r in range(header.end, table.n_rows)
            if any(parse_decimal(c.value) is not None for c in table.row_cells(r))]
    if len(rows) != 1:
        return []
    r = rows[0]
    side_columns = [c for c in header.columns if c.role == "measure"]
    return [
        item for column in side_columns
        if (cell := table.anchor_at(r, column.index))
        and (item := make_item(ctx, table, r, column.index, cell.value, column, None, "合计", None,
                               origin=None, level="合计"))
    ]


def _summary_classes_by_name(items: list[LineItem], year: int | None) -> list[LineItem]:
    """The 支出 side of a 总表 listing 类/款/项 by name alone, before its first total row
    (Hangzhou's 收支预算总表): levels from the figures as in a function table."""
    side = [k for k, i in enumerate(items) if i.side == "expenditure"]
    rows: list[int] = []
    for k in side:
        if items[k].level == "合计" or _BY_PURPOSE.match(items[k].name):
            break
        rows.append(k)
    if len(rows) < 2 or any(items[k].code or ORDINAL_NAME.match(items[k].name) for k in rows):
        return items
    placed = assign_levels([items[k] for k in rows], year, classification="function")
    out = list(items)
    for k, item in zip(rows, placed, strict=False):
        out[k] = item
    return out


def _rows_name_lines(header: Header) -> bool:
    """A 三公 table set as rows (项目 | 预算数: 合计 / 1、因公出国（境）费用 / …, Fuzhou; 项目 |
    合计 | 一般公共预算 | …, Guangzhou): a name column, and no column header naming a 三公
    category."""
    names = [c for c in header.columns if c.role == "name"]
    measures = [c for c in header.columns if c.role == "measure"]
    return bool(names) and bool(measures) and not any(
        _CATEGORY.search(part) for c in measures for part in c.path)


def _continuation(ctx: ReadContext, part: Table, parent: Header) -> list[LineItem]:
    """Rows of a grid continuing ``parent`` on the next page, headers repeated or not."""
    own = distinct_measures(prior_year_columns(read_header(part, 0), ctx.year))
    if own.end > 0 and any(c.role == "measure" for c in own.columns):
        return _row_table(ctx, part, own, range(own.end, part.n_rows))
    if part.n_cols == len(parent.columns):
        return _row_table(ctx, part, parent, range(0, part.n_rows))
    shifted = _shifted(parent, len(parent.columns) - part.n_cols)
    if shifted is not None:
        return _row_table(ctx, part, shifted, range(0, part.n_rows))
    return _right_aligned(ctx, part, parent)


def _shifted(parent: Header, shift: int) -> Header | None:
    """The parent's header for a narrower continuation grid whose columns line up with the
    parent's right edge (the PDF dropped an empty leading column on that page), or None
    when the shift would leave no code or name column to read rows by."""
    if shift <= 0:
        return None
    columns = [replace(c, index=c.index - shift)
               for c in parent.columns if c.index >= shift]
    if not any(c.role in ("code", "name") or c.role.startswith("code_") for c in columns):
        return None
    if not any(c.role == "measure" for c in columns):
        return None
    header = Header(0, 0, columns)
    header.sides = split_sides(columns)
    return header


def _right_aligned(ctx: ReadContext, part: Table, parent: Header) -> list[LineItem]:
    """A narrower continuation (a lone 合计 row whose label cell swallowed the code
    columns): its first cell is the name, its figures align with the parent's right edge."""
    shift = len(parent.columns) - part.n_cols
    items: list[LineItem] = []
    for r in range(part.n_rows):
        cells = part.row_cells(r)
        if not cells or shift <= 0:
            continue
        name = cells[0].value
        for cell in cells[1:]:
            column = parent.columns[cell.col + shift]
            if column.role == "measure":
                item = make_item(ctx, part, r, cell.col, cell.value, column, None, name, None)
                if item:
                    items.append(item)
    return items


def _row_table(ctx: ReadContext, table: Table, header: Header, rows: range) -> list[LineItem]:
    items: list[LineItem] = []
    for index, side in enumerate(header.sides):
        label = header.side_label(side) if len(header.sides) > 1 else None
        last_row: list[int] = []  # indexes in ``items`` of the previous row's line items
        # Rows without code: the section each belongs to (carried onto continuation pages).
        parents = ctx.parents.setdefault(index, ParentStack())
        for r in rows:
            previous = ctx.last_code.get(index)
            code, name, origin = _row_identity(table, r, side, previous, header.level_row == r)
            if code:
                ctx.last_code[index] = code
            unit_total = not name and not code and _unit_name(table, r, side)
            if unit_total:
                name = unit_total
            if not name and not code:
                continue
            code, origin, level = _summary_code(ctx, label, name, code, origin)
            if unit_total:
                level = "合计"
            row_items = [
                item
                for column in side
                if column.role == "measure" and (cell := table.anchor_at(r, column.index))
                and (item := make_item(ctx, table, r, column.index, cell.value, column, code, name,
                                   label, origin=origin, level=level))
            ]
            if not row_items and _wraps_previous(code, name, items, last_row):
                _join_wrapped_name(items, last_row, name)
                continue
            if not code and not unit_total:
                parent = parents.parent(name, heading=not row_items)
                row_items = [replace(i, parent=parent) for i in row_items] if parent else row_items
            last_row = list(range(len(items), len(items) + len(row_items)))
            items += row_items
    return items


def _unit_name(table: Table, r: int, side: list[Column]) -> str:
    """The unit a row names in its 预算单位 column (its total row: no code, no name)."""
    for column in side:
        if column.role == "unit":
            cell = table.cell_at(r, column.index)
            if cell is not None and cell.value and not cell.value.isdigit():
                return cell.value
    return ""


def _wraps_previous(code: str | None, name: str, items: list[LineItem], last_row: list[int]) -> bool:
    """A row holding only the rest of the name above it (a PDF that set a wrapped name
    line as a row of its own): no code, no figure, no 合计 or ordinal of its own."""
    return (
        code is None and bool(name) and bool(last_row) and items[last_row[0]].code is not None
        and not TOTAL_NAME.match(name) and not ORDINAL_NAME.match(name)
        and not _NOTE_ROW.match(name) and "。" not in name
    )


# "注：本表反映…", "说明：…", "备注：…" set as the table's last row: a note, not a name's rest.
_NOTE_ROW = regex.compile(r"^\s*(?:注|说明|备注|附注)\s*\d*\s*[:：.．、]")


def _join_wrapped_name(items: list[LineItem], last_row: list[int], rest: str) -> None:
    for k in last_row:
        items[k] = replace(items[k], name=items[k].name + rest)


def _row_identity(
    table: Table, r: int, side: list[Column], previous: str | None, level_row: bool
) -> tuple[str | None, str, str | None]:
    """(code, name, code origin) of row ``r`` on one side of the table."""
    parts: dict[str, str] = {}
    part_cells: list = []
    name = ""
    single: str | None = None
    for column in side:
        cell = table.cell_at(r, column.index)
        value = cell.value if cell is not None else ""
        if column.role == "name" and not name:
            name = value
        elif column.role == "code":
            single = value
        elif column.role.startswith("code_"):
            parts[column.role] = "" if level_row else value
            part_cells.append(cell)
    if len(part_cells) > 1 and part_cells[0] is not None and all(c is part_cells[0] for c in part_cells):
        # One cell merged across the 类/款/项 columns prints the whole code ("20104"), or a
        # label across them ("合计"): it is a single code cell, not three parts.
        single, parts = ("" if level_row else part_cells[0].value), {}
    code: str | None = None
    if parts:
        code = join_code_parts(parts.get("code_class"), parts.get("code_kuan"),
                               parts.get("code_xiang"), previous)
    elif single is not None:
        code = clean_code(single)
        if code is None and single and not name:
            name = single  # 合计 printed across the code and name cells
    if code is None:
        glued, rest = split_glued_code(name or (single or ""))
        if glued:
            code, name = glued, rest
    if not name and parts and code is None:
        name = next((v for v in parts.values() if v and not v.isdigit()), "")
    return code, name.strip(), ("printed" if code else None)


def _summary_code(
    ctx: ReadContext, side: str | None, name: str, code: str | None, origin: str | None
) -> tuple[str | None, str | None, str | None]:
    """Code and level of a 总表 row: 类 rows are named "一、一般公共服务支出" without code."""
    level = level_of(code, name)
    if code or ctx.located.key not in SUMMARY_KEYS or side != "expenditure":
        return code, origin, level
    if not ORDINAL_NAME.match(name) or _BY_PURPOSE.match(strip_ordinal(name)):
        return None, None, level  # 基本支出 / 项目支出: the spending by purpose, not a 类
    resolved = _resolve_class(strip_ordinal(name), ctx.year)
    return resolved, ("resolved" if resolved else None), "类"


_CATEGORY = regex.compile(r"因公出国|公务用车|公务接待|三公")
_BY_PURPOSE = regex.compile(r"^(?:基本支出|项目支出|上缴上级支出|事业单位经营支出|经营支出|对附属单位补助支出)$")


def _resolve_class(name: str, year: int | None) -> str | None:
    try:
        from extractors.codes import default_table
    except ImportError:  # the code table ships separately; without it the code stays None
        return None
    return default_table().resolve(name, year=year)


# -- 统计表: named rows of money and counts, sections that re-head their columns -------------

# A count unit a row's name ends in: 车辆数合计（辆）, 单价50万元以上通用设备（台、套）.
_UNIT_WORD = r"(?:辆|台|套|个|人|次|人次|批|项|处|平方米|户)"
_COUNT_UNIT = regex.compile(rf"[（(]\s*({_UNIT_WORD}(?:[、,，/]{_UNIT_WORD})*)\s*[)）]$")
_DEPTH = (regex.compile(r"^[一二三四五六七八九十]+[、.．]"), regex.compile(r"^[（(][一二三四五六七八九十\d]+[)）]"),
          regex.compile(r"^\d+[.．、]"))


def _depth(name: str) -> int:
    """1 for "一、", 2 for "（一）", 3 for "1."; 4 for a name without ordinal."""
    return next((k + 1 for k, pattern in enumerate(_DEPTH) if pattern.match(name)), 4)


def statistics_rows(ctx: ReadContext, table: Table, header: Header) -> list[LineItem]:
    """The rows of a …统计表 (部门决算公开相关信息统计表, 国有资产占有使用情况统计表): each named
    row a line, each figure under the column its section's header names. A row without
    figures that names columns ("项目 | 行次 | 统计数") re-heads the section below it. A row
    whose name ends in a count unit (车辆数合计（辆）) holds counts — kept as printed, in that
    unit, never converted as money — and so do its numbered sub-rows (1.一般公务用车 …)."""
    names = [c.index for c in header.columns if c.role == "name"]
    columns = {c.index: c for c in header.columns}
    count_unit: str | None = None
    count_depth = 0
    parents = ParentStack()
    items: list[LineItem] = []
    for r in range(header.end, table.n_rows):
        cells = {c.col: c.value.strip() for c in table.row_cells(r) if c.value and c.value.strip()}
        name = next((cells[i] for i in names if i in cells), "")
        figures = {col: v for col, v in cells.items() if col not in names
                   and columns.get(col) is not None and columns[col].role == "measure"
                   and parse_decimal(v) is not None}
        if not figures:
            heads = {col: v for col, v in cells.items() if col not in names and not v.isdigit()}
            if name and not heads:
                parents.parent(name, heading=True)  # a section's heading: its rows follow
            if heads:
                columns = {i: (Column(i, (heads[i],), "measure", heads[i]) if i in heads else
                               Column(i, c.path, "ignore") if c.role == "measure" else c)
                           for i, c in columns.items()}
            continue
        if not name:
            continue
        depth = _depth(name)
        parent = parents.parent(name)
        unit = _COUNT_UNIT.search(name)
        if unit:
            count_unit, count_depth = unit.group(1), depth
        elif count_unit and depth <= count_depth:
            count_unit = None
        for col, text in figures.items():
            item = make_item(ctx, table, r, col, text, columns[col], None, name, None, origin=None,
                             parent=parent)
            if item is not None and count_unit:
                item = replace(item, value=parse_decimal(text), unit=count_unit, printed_unit=count_unit)
            if item is not None:
                items.append(item)
    return items

