"""Performance forms (绩效表) → ``Project`` records with their ``Indicator`` rows.

Entry point: ``extract_projects(doc) -> list[Project]``.

A form is recognised by its title (a row of the table or a paragraph just before it;
see ``kinds.FORM_TITLES`` for the layouts) or, untitled, by a 项目名称 label together
with a 一级指标 indicator header. One table may hold several forms (a PDF reader can
join forms that touch), so a table is split at each 项目名称 label. A table that only
continues the indicator rows of the form before it (a form broken over two pages
without repeated headers) adds its rows to that form.

Money is read as the form prints it (万元; a form in 元 is converted, the printed unit
kept). Nothing is computed into the record: an execution rate the form does not print
stays None, and contradictions with the narrative are left for the checks.

Modules: ``kinds`` (which layout), ``grid`` (label look-ups over a window of rows),
``money`` (budget/executed block), ``indicators`` (indicator rows), ``values`` (operator,
number and unit of an indicator cell), ``project`` (assembly).
"""

from __future__ import annotations

from dataclasses import replace

import regex

from extractors.document import Document, Paragraph, Table
from extractors.forms.grid import FormGrid
from extractors.forms.indicators import IndicatorColumns, find_indicator_header, read_indicators
from extractors.forms.kinds import LEVEL1_HEADER, NAME_LABEL, form_kind, is_form_title
from extractors.forms.lists import (
    ListLayout,
    is_list_continuation,
    keep_projects,
    list_layout,
    read_list,
)
from extractors.forms.project import (
    ACTUAL_LABEL,
    EXPECTED_LABEL,
    build_project,
    goals,
    total_score,
)
from extractors.forms.values import ParsedValue, parse_indicator_value
from extractors.numbers import find_unit_label
from extractors.tables.titles import is_table_number, looks_like_title
from models.records import Project

__all__ = ["ParsedValue", "extract_projects", "parse_indicator_value"]

_PAGE_NUMBER = regex.compile(r"^[-—－–\s]*\d{1,3}[-—－–\s]*$|^第\d+页")


def extract_projects(doc: Document) -> list[Project]:
    """Every project (or department-wide) performance form of ``doc``, in document order."""
    projects: list[Project] = []
    # (project index, its last table, its indicator columns or None before the header)
    last: tuple[int, Table, IndicatorColumns | None] | None = None
    listing = _Listing()
    last_title: str | None = None
    for index, block in enumerate(doc.blocks):
        if not isinstance(block, Table):
            continue
        if listing.take(doc, index, block):
            last = None
            continue
        projects += listing.close()
        title = _title_before(doc, index)
        grids = split_forms(block, title)
        for grid in grids:
            grid.subject = subject_before(doc, index)
            grid.page_unit = _unit_before(doc, index)
        built = [b for grid in grids if (b := build_project(grid, _kind(grid)))]
        if built:
            for project, columns in built:
                projects.append(project)
                last = (len(projects) - 1, block, columns)
            last_title = title
        elif last is not None and (_continues(doc, index, last[1])
                                   or (title is not None and title == last_title)):
            # the next page's grid, bare or under the form's title printed again
            project, columns = _continue_form(projects[last[0]], last[1], block, last[2])
            projects[last[0]] = project
            last = (last[0], block, columns)
        else:
            last = None
    return _merge_repeats(projects + listing.close())


def _merge_repeats(projects: list[Project]) -> list[Project]:
    """A target stated twice (Guangzhou lists 云客服服务外包项目 in its 项目支出预算表 with a goal,
    then gives it its own 绩效目标 table): one project, the first record completed by the
    second. Same name and same budget only: two units' projects of one name stay apart."""
    out: list[Project] = []
    index: dict[tuple, int] = {}
    for project in projects:
        key = (project.name, project.budget, project.form)
        if project.form != "project_target" or project.budget is None or key not in index:
            if project.form == "project_target" and project.budget is not None:
                index[key] = len(out)
            out.append(project)
            continue
        first = out[index[key]]
        out[index[key]] = replace(
            first,
            goal_expected=first.goal_expected or project.goal_expected,
            indicators=first.indicators or project.indicators,
            unit=first.unit or project.unit,
        )
    return out


class _Listing:
    """The multi-project list being read (``lists``), carried over page breaks."""

    def __init__(self) -> None:
        self.layout: ListLayout | None = None
        self.done: list[Project] = []
        self.open: Project | None = None
        self.unit: str | None = None
        self.last_block = -1
        self.pending: tuple = ()  # indicator rows of a project named on the next page
        self.subject: str | None = None  # the unit named above the list ("资金主管部门：X")

    def take(self, doc: Document, index: int, table: Table) -> bool:
        """Read ``table`` when it is a list (or continues the current one)."""
        layout = list_layout(table)
        if layout is not None:
            if self.layout is None or layout.n_cols != self.layout.n_cols:
                finished = self.close()  # (not ``self.done += …``: close() rebinds done)
                self.done = finished
                self.unit = _unit_before(doc, index)
                self.subject = subject_before(doc, index)
            self.layout = layout
            start = layout.header_end
        elif (self.layout is not None and is_list_continuation(table, self.layout)
              and _no_new_title(doc, self.last_block, index)):
            start = 0
        else:
            return False
        self.last_block = index
        done, self.open, self.pending = read_list(
            table, self.layout, start, self.open, self.unit, self.pending)
        self.done += done
        return True

    def close(self) -> list[Project]:
        """The projects of the list read so far (unit and 合计 rows dropped)."""
        out = self.done + ([self.open] if self.open is not None else [])
        subject = self.subject
        self.layout, self.done, self.open, self.pending, self.subject = None, [], None, (), None
        return keep_projects(out, subject)


def _no_new_title(doc: Document, after: int, before: int) -> bool:
    """No table title, table number or unit line between two grids: the second continues
    the list (text the reader set beside the grid may stand between, as in Beijing's
    预算11表; a "表1 收支总表 … 单位：万元" heading starts another table)."""
    for block in doc.blocks[after + 1 : before]:
        if not isinstance(block, Paragraph):
            return False
        text = block.text.strip()
        if (looks_like_title(text) or is_table_number(text) or is_form_title(text)
                or find_unit_label(text) or _HEADING_LINE.match(text)):
            return False
    return True


_HEADING_LINE = regex.compile(r"^(?:部门名称|单位名称|编制部门|编制单位)[:：]|^表\s*[\d一二三四五六七八九十]+$")


def _unit_before(doc: Document, index: int) -> str | None:
    for block in reversed(doc.blocks[max(0, index - 3) : index]):
        if isinstance(block, Table):
            return None
        unit = find_unit_label(block.text)
        if unit:
            return unit
    return None


def split_forms(table: Table, title_before: str | None) -> list[FormGrid]:
    """The forms a table holds: one window per 项目名称 label (title rows included)."""
    starts = [
        r for r in range(table.n_rows) if any(NAME_LABEL.match(c.value) for c in table.row_cells(r))
    ]
    if not starts:
        return _department_form(table, title_before)
    grids: list[FormGrid] = []
    bounds = [_back_over_titles(table, s, prev) for s, prev in zip(starts, [0] + starts[:-1], strict=False)]
    bounds[0] = 0
    for k, start in enumerate(bounds):
        end = bounds[k + 1] if k + 1 < len(bounds) else table.n_rows
        grid = FormGrid(table, start, end)
        grid.title = _title_in(grid) or (title_before if k == 0 else grids[-1].title if grids else None)
        if grid.title or grid.find(LEVEL1_HEADER):
            grids.append(grid)
    return grids


def _department_form(table: Table, title_before: str | None) -> list[FormGrid]:
    """A 部门整体 form names its department under 主管部门 (or in a "单位名称：X" line above
    the table), not 项目名称: one form per table."""
    grid = FormGrid(table, 0, table.n_rows)
    grid.title = _title_in(grid) or title_before
    return [grid] if form_kind(grid.title) in ("department_self_eval", "department_target") else []


_SUBJECT_LINE = regex.compile(
    r"^(?:部门名称|单位名称|预算单位|编制单位|编制部门|主管部门|资金主管部门|部门（单位）名称|"
    r"部门\(单位\)名称)\s*[:：]\s*(?P<name>[^\s:：]{2,40}?)\s*(?:(?:金额)?单位\s*[:：].*)?$"
)


def subject_before(doc: Document, index: int) -> str | None:
    """The unit a line just above a table names ("单位名称：重庆市水利局", "资金主管部门：X"),
    a money-unit note on the same line ("… 单位：万元") left off."""
    for block in reversed(doc.blocks[max(0, index - 4) : index]):
        if isinstance(block, Table):
            return None
        m = _SUBJECT_LINE.match(block.text.strip())
        if m:
            return m.group("name")
    return None


def _back_over_titles(table: Table, start: int, floor: int) -> int:
    """Move a form's first row up over its title rows (one wide cell each)."""
    r = start
    while r - 1 > floor:
        cells = table.row_cells(r - 1)
        if len(cells) == 1 and cells[0].col_span == table.n_cols and len(cells[0].value) <= 60:
            r -= 1
        else:
            break
    return r


def _title_in(grid: FormGrid) -> str | None:
    for r in grid.rows:
        for cell in grid.anchors(r):
            if is_form_title(cell.value):
                return cell.value
        if r - grid.start > 2:
            break
    return None


def _title_before(doc: Document, index: int) -> str | None:
    """A form title among the (up to three) paragraphs just before a table."""
    for block in reversed(doc.blocks[max(0, index - 3) : index]):
        if isinstance(block, Table):
            return None
        if is_form_title(block.text):
            return block.text
    return None


def _kind(grid: FormGrid) -> str:
    kind = form_kind(grid.title)
    if kind:
        return kind
    # Untitled: a form with scores is a self-evaluation, one without is a completion form.
    return "project_self_eval" if grid.find(regex.compile(r"^得分")) else "project_completion"


def _continues(doc: Document, index: int, previous: Table) -> bool:
    """True when table ``index`` only continues ``previous`` (page numbers in between)."""
    between = doc.blocks[previous.block + 1 : index]
    if any(isinstance(b, Table) for b in between):
        return False
    if not all(isinstance(b, Paragraph) and _PAGE_NUMBER.match(b.text) for b in between):
        return False
    table = doc.blocks[index]
    return isinstance(table, Table) and not any(
        NAME_LABEL.match(c.value) for c in table.cells
    )


def _continue_form(
    project: Project, previous: Table, table: Table, columns: IndicatorColumns | None
) -> tuple[Project, IndicatorColumns | None]:
    """Add what a continuation grid holds: the goal texts under labels left on the
    previous page, and indicator rows (under their own header, or the form's)."""
    grid = FormGrid(table, 0, table.n_rows, title=None)
    project = _continued_goals(project, previous, table)
    own = find_indicator_header(grid)
    if own is not None:
        columns, start = own, own.header_end
    elif columns is not None and table.n_cols == previous.n_cols:
        start = 0
    else:
        return project, columns
    return _append_rows(project, grid, columns, start), columns


def _continued_goals(project: Project, previous: Table, table: Table) -> Project:
    if project.goal_expected is not None or project.goal_actual is not None:
        return project
    expected, actual = goals(FormGrid(table, 0, table.n_rows))
    if expected is not None or actual is not None:  # the goal block opens the next grid
        return replace(project, goal_expected=expected, goal_actual=actual)
    labels = {c.col: c.value for c in previous.row_cells(previous.n_rows - 1)}
    expected_col = next((c for c, v in labels.items() if EXPECTED_LABEL.match(v)), None)
    actual_col = next((c for c, v in labels.items() if ACTUAL_LABEL.match(v)), None)
    if expected_col is None or table.n_rows == 0:
        return project
    first = {c.col: c.value for c in table.row_cells(0)}
    return replace(
        project,
        goal_expected=first.get(expected_col) or None,
        goal_actual=first.get(actual_col) or None if actual_col is not None else None,
    )


def _append_rows(
    project: Project, grid: FormGrid, columns: IndicatorColumns, start: int
) -> Project:
    more = read_indicators(grid, IndicatorColumns(columns.roles, header_end=start))
    if project.indicators:
        last = project.indicators[-1]
        more = [
            replace(i, level1=i.level1 or last.level1, level2=i.level2 or last.level2) for i in more
        ]
    score = project.score if project.score is not None else total_score(grid)
    return replace(project, indicators=project.indicators + tuple(more), score=score)
