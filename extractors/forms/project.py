"""Assemble one ``Project`` from a form window: name, unit, money, goals, indicators."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import regex

from extractors.document import source_reading
from extractors.forms.grid import FormGrid, value_of
from extractors.forms.indicators import IndicatorColumns, find_indicator_header, read_indicators
from extractors.forms.kinds import NAME_LABEL
from extractors.forms.money import read_money
from extractors.numbers import parse_decimal
from models.records import Indicator, Project

_UNIT_LABELS = [
    regex.compile(r"^(?:预算单位|实施单位|项目单位|单位名称|项目实施单位)[:：]?$"),
    regex.compile(r"^(?:主管部门|部门名称|主管部门及代码|部门（单位）名称|部门\(单位\)名称)[:：]?$"),
]
_ASIDE = r"(?:[（(][^）)]{1,10}[)）])?"  # "预期目标（年初设定）"
EXPECTED_LABEL = regex.compile(rf"^(?:预期目标|年初(?:绩效)?目标|年度目标){_ASIDE}[:：]?$")
ACTUAL_LABEL = regex.compile(
    rf"^(?:实际完成目标|实际完成情况|全年目标实际完成情况|目标实际完成情况|实际完成){_ASIDE}[:：]?$")
_GOAL_ONLY = regex.compile(r"^(?:(?:项目)?(?:年度|当年)?(?:整体|总体)?绩效目标|"
                           r"(?:项目)?(?:年度|当年)?(?:整体|总体)目标|部门(?:整体)?(?:绩效)?目标)[:：]?$")
_TOTAL_SCORE = regex.compile(r"^(?:总分|自评总分|自评得分|综合得分|总得分)[:：]?$")


def build_project(grid: FormGrid, kind: str) -> tuple[Project, IndicatorColumns | None] | None:
    """The project a form window states, or None when it names no project."""
    name_label = grid.find(NAME_LABEL)
    name_cell = grid.right_of(name_label) if name_label else None
    unit_cell = _unit_cell(grid)
    unit = value_of(unit_cell)
    if kind.startswith("department_") and value_of(name_cell) is None:
        name_cell = unit_cell  # the department is the subject of its own form
    name = value_of(name_cell)
    if name is None and kind.startswith("department_") and grid.subject:
        name, unit = grid.subject, unit or grid.subject  # named in the line above the table
        name_cell = grid.anchors(grid.start)[0] if grid.anchors(grid.start) else None
    if name is None or name_cell is None:
        return None
    unit = unit or grid.subject
    money = read_money(grid)
    expected, actual = _goals(grid)
    columns = find_indicator_header(grid)
    indicators: list[Indicator] = read_indicators(grid, columns) if columns else []
    project = Project(
        name=name,
        # the form's values come from all its cells: the source says how they were read
        source=replace(grid.source(name_cell.row, name_cell.col, name_cell.value or name),
                       **source_reading(grid.reading())),
        form=kind,
        unit=unit,
        goal_expected=expected,
        goal_actual=actual,
        score=total_score(grid),
        indicators=tuple(indicators),
        **money,
    )
    return project, columns


def _unit_cell(grid: FormGrid):
    """The cell naming the unit (预算单位 / 实施单位 first, else 主管部门)."""
    for pattern in _UNIT_LABELS:
        label = grid.find(pattern)
        if label is not None:
            cell = grid.right_of(label)
            if value_of(cell):
                return cell
    return None


def goals(grid: FormGrid) -> tuple[str | None, str | None]:
    """The form's goal texts (also for a continuation grid that carries them)."""
    return _goals(grid)


def _goals(grid: FormGrid) -> tuple[str | None, str | None]:
    """预期目标 / 实际完成 texts, under their labels (or right of a lone 绩效目标 label)."""
    expected_label = grid.find(EXPECTED_LABEL)
    actual_label = grid.find(ACTUAL_LABEL)
    expected = _goal_text(grid, expected_label)
    actual = _goal_text(grid, actual_label)
    if expected is None and actual is None:
        lone = grid.find(_GOAL_ONLY)
        if lone is not None:
            expected = value_of(grid.right_of(lone))
            if expected is None:  # "当年整体绩效目标" over its text, one wide cell each
                below = grid.below(lone)
                if below is not None and below.row > lone.row:
                    expected = value_of(below)
    return expected, actual


def _goal_text(grid: FormGrid, label) -> str | None:
    """The goal text under its label, or right of it ("预期目标 | text" layouts).

    A label in the last row (the text went to the next page) gives None here; the
    continuation grid supplies it.
    """
    if label is None:
        return None
    below = grid.below(label)
    if below is not None and below.row > label.row and not EXPECTED_LABEL.match(below.value):
        return value_of(below)
    right = grid.right_of(label)
    if right is None or EXPECTED_LABEL.match(right.value) or ACTUAL_LABEL.match(right.value):
        return None
    return value_of(right)


def total_score(grid: FormGrid) -> Decimal | None:
    """The form's 总分 / 自评得分 (the last figure of that row)."""
    label = grid.find(_TOTAL_SCORE)
    if label is None:
        return None
    # "总分 | 100 | 95.5": the last figure is the score, the first the points available.
    figures = [
        parse_decimal(value_of(cell))
        for cell in grid.table.row_cells(label.row)
        if cell.col > label.last_col
    ]
    figures = [f for f in figures if f is not None]
    return figures[-1] if figures else None
