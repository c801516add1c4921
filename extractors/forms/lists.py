"""Performance targets printed as one list for many projects (预算 reports).

Where a single form has a 项目名称 label beside its value, a list has a header row naming
its columns: 项目名称 (or 单位（项目）名称, 一级项目名称, 项目) | 预算数 / 金额 / 资金总额 /
项目总额 | 绩效目标, often followed by indicator columns (一级指标 | 二级指标 | 三级指标 |
指标值 …). Each project starts at a row whose name cell starts there (merged down over its
indicator rows); the rows under it until the next name add indicators, or — with no
indicator columns — the rest of a wrapped goal. Layouts: Changsha (单位编码 | 单位（项目）
名称 | 资金总额 | 绩效目标 | 绩效指标 {…}), Beijing 预算11表 (项目名称 | 项目总额 | 其中：
财政资金 | 其他资金 | 绩效目标 | 一级…三级指标 | 绩效指标性质 | 本年绩效指标值 | 绩效度量单位),
Chongqing, Shenzhen, Hangzhou and Guangzhou (goal only).

A row naming only a unit or 合计 (its subtotal: no goal, no indicator) is not a project.
A list continued on the next page (header repeated or not) carries on the last project.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from extractors.document import Cell, Table, source_reading
from extractors.forms.grid import table_source
from extractors.forms.indicators import IndicatorColumns, map_columns, read_row
from extractors.numbers import parse_decimal, to_wan
from models.records import Indicator, Project

_NAME_HEAD = regex.compile(r"项目名称$|^项目$|（项目）名称$|^支出项目类别")
_MONEY_HEAD = regex.compile(r"预算数|^金额$|资金总额|项目总额|预算金额|^总计$")
_GOAL_HEAD = regex.compile(r"^(?:当年|年度|本年|整体)?绩效目标$")
# A department-wide list (部门整体支出绩效目标表) names its unit where a list names projects.
_DEPARTMENT_HEAD = regex.compile(r"^单位名称$")
_FISCAL_HEAD = regex.compile(r"^财政(?:资金|拨款)$")
_OTHER_HEAD = regex.compile(r"^其[他它]资金$")
_UNIT_HEAD = regex.compile(r"单位名称$|^预算单位$")
_TOTAL = regex.compile(r"^(?:合\s*计|总\s*计)$")
_MONEY_UNIT = regex.compile(r"[（(](?:单位[:：])?(万元|元)[)）]")
# Project codes printed before the name ("11000022T00000043 1932-燃气系统日常运行维护").
_NAME_PREFIX = regex.compile(r"^(?:[0-9A-Z]{10,}\s*)?(?:\d{1,6}-)?")


@dataclass(frozen=True)
class ListLayout:
    """Columns of a list table and where its data rows start."""

    name: int
    money: int | None
    goal: int
    header_end: int
    n_cols: int
    unit: str | None = None  # money unit printed in the header ("预算数（万元）")
    fiscal: int | None = None
    other: int | None = None
    unit_col: int | None = None
    indicators: IndicatorColumns | None = None
    form: str = "project_target"  # or "department_target" (the unit is the subject)


def list_layout(table: Table) -> ListLayout | None:
    """The list layout of ``table`` when a header row names project, goal (and money)."""
    for r in range(min(3, table.n_rows)):
        cells = table.row_cells(r)
        name = next((c for c in cells if _NAME_HEAD.search(c.value)), None)
        form = "project_target"
        if name is None:
            name = next((c for c in cells if _DEPARTMENT_HEAD.match(c.value)), None)
            form = "department_target"
        goal = next((c for c in cells if _GOAL_HEAD.match(c.value)), None)
        if name is None or goal is None or goal.col < name.col:
            continue
        end = max(c.row + c.row_span for c in cells)
        header = [c for row in range(r, end) for c in table.row_cells(row)]
        money = next((c for c in header if c.col > name.col and _MONEY_HEAD.search(c.value)), None)
        rows = list(range(r, end))
        return ListLayout(
            name=name.col, money=money.col if money else None, goal=goal.col, header_end=end,
            n_cols=table.n_cols, unit=_unit(header),
            fiscal=_col(header, _FISCAL_HEAD), other=_col(header, _OTHER_HEAD),
            unit_col=_col([c for c in header if c.col < name.col], _UNIT_HEAD),
            indicators=map_columns(table, rows, first_col=goal.col + 1), form=form,
        )
    return None


def _col(cells: list[Cell], pattern: regex.Pattern) -> int | None:
    return next((c.col for c in cells if pattern.search(c.value)), None)


def _unit(cells: list[Cell]) -> str | None:
    for cell in cells:
        m = _MONEY_UNIT.search(cell.value)
        if m:
            return m.group(1)
    return None


def read_list(
    table: Table, layout: ListLayout, start: int, current: Project | None, page_unit: str | None,
    pending: tuple[Indicator, ...] = (),
) -> tuple[list[Project], Project | None, tuple[Indicator, ...]]:
    """Projects of a list table from row ``start``; ``current`` is a project carried over
    from the previous page. Returns the finished projects, the one still open, and the
    indicator rows of a project whose name the next page prints (``_unnamed_tail``);
    ``pending`` are such rows from the previous page, given to the project that opens
    this one (rows no project opens for are not given to a project they do not belong
    to)."""
    done: list[Project] = []
    carried: dict[str, str | None] = {"level1": None, "level2": None}
    unit = layout.unit or page_unit
    tail = _unnamed_tail(table, layout, start)
    held: list[Indicator] = []
    for r in range(start, table.n_rows):
        name_cell = table.cell_at(r, layout.name)
        starts = name_cell is not None and name_cell.row == r and bool(name_cell.value.strip())
        if r >= tail:
            if r == tail:
                carried = {"level1": None, "level2": None}
            if layout.indicators is not None:
                indicator = read_row(table, r, layout.indicators, carried)
                if indicator is not None:
                    held.append(indicator)
            continue
        if starts and not (r == start and _reprinted(table, r, layout, current, unit)):
            if current is not None:
                done.append(current)
            carried = {"level1": None, "level2": None}
            current = _start(table, r, layout, name_cell, unit)
            if pending and current is not None and r == start:
                current = replace(current, indicators=pending)
            pending = ()
        elif current is not None and not starts:
            current = _more_goal(table, r, layout, current)
        if current is None:
            continue
        if layout.indicators is not None:
            indicator = read_row(table, r, layout.indicators, carried)
            if indicator is not None:
                current = replace(current, indicators=current.indicators + (indicator,))
    return done, current, tuple(held)


def _unnamed_tail(table: Table, layout: ListLayout, start: int) -> int:
    """The first of the table's last rows that no name cell covers, after a project of this
    table has ended (``table.n_rows`` when there are none).

    A project at the foot of a page whose merged name cell runs on to the next page has
    no bottom rule there, and the reader may find no cell for it at all: its indicator
    rows then stand under the column with nothing in it, and the name, amounts and goal
    come on the next page. Rows at the *top* of a table with no name cell continue the
    project carried over (its merge cut open at the top), so only a tail after a name
    cell that started and ended in this table counts.
    """
    if layout.indicators is None:
        return table.n_rows
    r = table.n_rows
    while r > start and _unnamed(table, r - 1, layout):
        r -= 1
    if r == table.n_rows or r == start:
        return table.n_rows
    above = table.cell_at(r - 1, layout.name)
    if above is None or not above.value.strip() or above.row < start:
        return table.n_rows
    return r


_HAN = regex.compile(r"\p{Han}")


def _unnamed(table: Table, r: int, layout: ListLayout) -> bool:
    """Row ``r`` has no name cell, or one holding only a project code with no amount beside
    it (the name and amounts printed lower in the cell, past the foot of the page)."""
    cell = table.cell_at(r, layout.name)
    if cell is None:
        return True
    if _HAN.search(cell.value) or not cell.value.strip():
        return False
    return _anchored(table, cell.row, layout.money) is None


def _reprinted(table: Table, r: int, layout: ListLayout, current: Project | None,
               unit: str | None) -> bool:
    """The open project's name (and budget) printed again at the top of the next page."""
    if current is None:
        return False
    again = _start(table, r, layout, table.cell_at(r, layout.name), unit)
    return again is not None and again.name == current.name and again.budget == current.budget


def _start(table: Table, r: int, layout: ListLayout, name_cell: Cell, unit: str | None) -> Project | None:
    name = _NAME_PREFIX.sub("", name_cell.value.strip()).strip() or name_cell.value.strip()
    if _TOTAL.match(name):
        return None
    goal = _anchored(table, r, layout.goal)
    unit_name = _anchored(table, r, layout.unit_col) if layout.unit_col is not None else None
    return Project(
        name=name,
        # the project's values are the cells of its row
        source=replace(table_source(table, r, layout.name, name_cell.value),
                       **source_reading(table.reading(r))),
        form=layout.form,
        unit=unit_name if layout.form == "project_target" else name,
        budget=_money(table, r, layout.money, unit),
        budget_fiscal=_money(table, r, layout.fiscal, unit),
        budget_other=_money(table, r, layout.other, unit),
        goal_expected=goal,
        printed_unit=unit,
    )


def _more_goal(table: Table, r: int, layout: ListLayout, project: Project) -> Project:
    """A row holding only the rest of a wrapped goal (Shenzhen sets each line as a row)."""
    rest = _anchored(table, r, layout.goal)
    if rest and project.goal_expected and not _has_indicator(table, r, layout):
        return replace(project, goal_expected=project.goal_expected + rest)
    return project


def _has_indicator(table: Table, r: int, layout: ListLayout) -> bool:
    if layout.indicators is None:
        return False
    return any(_anchored(table, r, c) for c in layout.indicators.roles.values())


def _anchored(table: Table, r: int, col: int | None) -> str | None:
    if col is None:
        return None
    cell = table.cell_at(r, col)
    if cell is None or cell.row != r:
        return None
    return cell.value.strip() or None


def _money(table: Table, r: int, col: int | None, unit: str | None):
    text = _anchored(table, r, col)
    value = parse_decimal(text) if text else None
    return to_wan(value, unit or "万元") if value is not None else None


def keep_projects(projects: list[Project], subject: str | None = None) -> list[Project]:
    """Drop unit and subtotal rows (no goal, no indicator) when the list has real projects.

    A unit row (Guangzhou's "广州市信访局 | 739.30 | …" over its projects, in a list whose
    first column is 支出项目类别（资金使用单位）) names the unit of the projects under it; a
    project with no unit of its own gets that, else the unit a line above the list names
    (``subject``: "资金主管部门：重庆市水利局")."""
    real = [p for p in projects if p.goal_expected or p.indicators]
    if not real:
        return projects
    out: list[Project] = []
    unit = subject
    for project in projects:
        if not (project.goal_expected or project.indicators):
            unit = project.name if project.form == "project_target" else unit
            continue
        out.append(project if project.unit else replace(project, unit=unit))
    return out


def is_list_continuation(table: Table, layout: ListLayout) -> bool:
    """A grid with the list's columns and no header of its own (the next page's rows)."""
    return table.n_cols == layout.n_cols and list_layout(table) is None

