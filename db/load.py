"""Rebuild a ``ReportRecord`` from the database (the inverse of ``db.store``).

``diff``, ``validate`` and re-running checks on a report assembled from several files all
work on records, not rows; a stored-then-loaded record equals the extracted one (a test).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.orm import FactRow, FindingRow, IdentityValue, LineItemRow, ProjectRow, Report, SourceFile
from models.records import Evidence, Fact, Finding, Identity, Indicator, LineItem, Project, ReportRecord
from models.schema import evidence_of, from_row


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


def _identity(session: Session, report: Report, order: dict) -> Identity:
    rows = sorted(
        session.scalars(select(IdentityValue).where(IdentityValue.report_id == report.id)).all(),
        key=lambda r: (order.get(r.source_id, len(order)), r.id),
    )
    evidence: dict[str, Evidence] = {}
    for row in rows:
        found = evidence_of(row)
        if row.field in evidence and not _weaker(evidence[row.field], found):
            continue  # the first file's evidence wins, as in the report's columns ...
        evidence[row.field] = found
    return Identity(title=report.title, **evidence)


def _weaker(kept: Evidence, other: Evidence) -> bool:
    """... unless it came from a file name and another file states the same in its content
    (a split disclosure: the tables file's year guessed from its name, the narrative's printed)."""
    return (kept.found_in == "filename" and other.found_in != "filename"
            and other.value is not None and str(kept.value) == str(other.value))


def _fact(row: FactRow) -> Fact:
    return from_row(Fact, row)


def _line_item(row: LineItemRow) -> LineItem:
    return from_row(LineItem, row)


def _project(row: ProjectRow) -> Project:
    return from_row(Project, row, indicators=tuple(from_row(Indicator, i) for i in row.indicators))


def _finding(row: FindingRow) -> Finding:
    return from_row(Finding, row)
