"""Rebuild a ``ReportRecord`` from the database (the inverse of ``db.store``).

``diff``, ``validate`` and re-running checks on a report assembled from several files all
work on records, not rows; a stored-then-loaded record equals the extracted one (a test).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.orm import (
    FactRow,
    FindingRow,
    IdentityValue,
    LineItemRow,
    ProjectRow,
    Report,
    SourceFile,
)
from models.records import (
    Evidence,
    Fact,
    Finding,
    Identity,
    Indicator,
    LineItem,
    Project,
    ReportRecord,
    Source,
)


class ReportNotFound(LookupError):
    pass


def load_record(session: Session, report_id: int) -> ReportRecord:
    """The stored report as a record: files in order, rows in extraction order."""
    report = session.get(Report, report_id)
    if report is None:
        raise ReportNotFound(f"no report with id {report_id}")
    order = _file_order(session, report_id)
    return ReportRecord(
        identity=_identity(session, report, order),
        facts=[_fact(r) for r in _rows(session, FactRow, report_id, order)],
        line_items=[_line_item(r) for r in _rows(session, LineItemRow, report_id, order)],
        projects=[_project(r) for r in _rows(session, ProjectRow, report_id, order,
                                              options=[selectinload(ProjectRow.indicators)])],
        findings=[_finding(r) for r in session.scalars(
            select(FindingRow).where(FindingRow.report_id == report_id).order_by(FindingRow.seq))],
        tables_found=list(report.tables_found or []),
        warnings=list(report.warnings or []),
    )


def record_files(session: Session, report_id: int) -> dict[str, list[str | None]]:
    """The file path of each fact / line item / project, in ``load_record``'s order."""
    order = _file_order(session, report_id)
    paths = dict(session.execute(
        select(SourceFile.id, SourceFile.path).where(SourceFile.report_id == report_id)).all())
    return {
        name: [paths.get(r.source_id) for r in _rows(session, model, report_id, order)]
        for name, model in (("facts", FactRow), ("line_items", LineItemRow), ("projects", ProjectRow))
    }


def _file_order(session: Session, report_id: int) -> dict[int | None, int]:
    ids = session.scalars(
        select(SourceFile.id).where(SourceFile.report_id == report_id).order_by(SourceFile.position)
    ).all()
    return {source_id: i for i, source_id in enumerate(ids)}


def _rows(session: Session, model, report_id: int, order: dict, options=()) -> list:
    rows = session.scalars(select(model).where(model.report_id == report_id).options(*options)).all()
    return sorted(rows, key=lambda r: (order.get(r.source_id, len(order)), r.seq))


def source_of(row) -> Source:  # any row with the Located columns
    return Source(block=row.block, page=row.page, line=row.line, text=row.text or "",
                  row=row.cell_row, col=row.cell_col)


def _identity(session: Session, report: Report, order: dict) -> Identity:
    rows = sorted(
        session.scalars(select(IdentityValue).where(IdentityValue.report_id == report.id)).all(),
        key=lambda r: (order.get(r.source_id, len(order)), r.id),
    )
    evidence: dict[str, Evidence] = {}
    for row in rows:
        if row.field in evidence:
            continue  # the first file's evidence wins, as in the report's columns
        value = int(row.value) if row.value_type == "int" and row.value is not None else row.value
        evidence[row.field] = Evidence(value=value, found_in=row.found_in, source=source_of(row))
    return Identity(title=report.title, **evidence)


def _fact(row: FactRow) -> Fact:
    return Fact(
        metric=row.metric, value=row.value, unit=row.unit, source=source_of(row),
        printed_unit=row.printed_unit, printed_value=row.printed_value,
        prior_value=row.prior_value, prior_year=row.prior_year, change=row.change,
        change_pct=row.change_pct, share_pct=row.share_pct, budget_value=row.budget_value,
        completion_pct=row.completion_pct, year=row.year, origin=row.origin, subject=row.subject)


def _line_item(row: LineItemRow) -> LineItem:
    return LineItem(
        table=row.table_key, classification=row.classification, code=row.code, name=row.name,
        column=row.measure, value=row.value, source=source_of(row), unit=row.unit,
        printed_unit=row.printed_unit, printed_value=row.printed_value,
        code_origin=row.code_origin, level=row.level, side=row.side)


def _project(row: ProjectRow) -> Project:
    indicators = tuple(
        Indicator(
            level1=i.level1, level2=i.level2, level3=i.level3, target=i.target, actual=i.actual,
            source=source_of(i), target_op=i.target_op, target_value=i.target_value,
            target_unit=i.target_unit, actual_op=i.actual_op, actual_value=i.actual_value,
            actual_unit=i.actual_unit, weight=i.weight, score=i.score,
            deviation_reason=i.deviation_reason, nature=i.nature)
        for i in row.indicators)
    return Project(
        name=row.name, source=source_of(row), form=row.form, unit=row.unit, budget=row.budget,
        budget_fiscal=row.budget_fiscal, budget_other=row.budget_other, executed=row.executed,
        executed_fiscal=row.executed_fiscal, executed_other=row.executed_other,
        completion_pct=row.completion_pct, goal_expected=row.goal_expected,
        goal_actual=row.goal_actual, score=row.score, money_unit=row.money_unit,
        printed_unit=row.printed_unit, indicators=indicators)


def _finding(row: FindingRow) -> Finding:
    return Finding(
        rule=row.rule, severity=row.severity, message=row.message, page=row.page,
        pages=tuple(row.pages or ()), blocks=tuple(row.blocks or ()),
        values=tuple(tuple(pair) for pair in (row.values or ())), subject=row.subject)
