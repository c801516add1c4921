"""Read-side queries behind ``reports`` and ``show``: find and list stored reports."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from models.orm import Report, SourceFile

REPORT_LIST_COLUMNS = ("report_id", "department", "fiscal_year", "kind", "scope", "consolidation", "region",
                       "files", "facts", "line_items", "projects", "findings", "source")


class AmbiguousReport(LookupError):
    pass


def list_reports(engine: Engine, department: str | None = None,
                 year: int | None = None) -> tuple[list[str], list[tuple]]:
    """Stored reports (from ``v_reports``), filtered by department substring and year."""
    params: dict = {}
    clauses = report_filters(department, year, params)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    query = (f"SELECT {', '.join(REPORT_LIST_COLUMNS)} FROM v_reports{where} "
             "ORDER BY department, fiscal_year, kind, scope, report_id")
    with engine.connect() as connection:
        result = connection.execute(text(query), params)
        return list(result.keys()), [tuple(r) for r in result]


def report_filters(department: str | None, year: int | None, params: dict, table: str = "") -> list[str]:
    """SQL conditions on a report's department (a part of its name) and fiscal year, their
    values put in ``params``; ``table`` qualifies the columns ("r." for ``reports r``)."""
    clauses = []
    if department:
        clauses.append(f"{table}department LIKE :department")
        params["department"] = f"%{department}%"
    if year is not None:
        clauses.append(f"{table}fiscal_year = :year")
        params["year"] = year
    return clauses


def find_report(session: Session, ref: str, year: int | None = None) -> int | None:
    """A report id from an id, a file path as ingested, or a department (+ year)."""
    if year is None and ref.isdigit() and session.get(Report, int(ref)) is not None:
        return int(ref)
    if year is None:
        by_path = session.scalar(select(SourceFile.report_id).where(
            SourceFile.path.in_([ref, str(Path(ref))]), SourceFile.report_id.is_not(None)))
        if by_path is not None:
            return by_path
        if Path(ref).is_file():  # the same file named by another path: match its content
            digest = hashlib.sha256(Path(ref).read_bytes()).hexdigest()
            by_content = session.scalar(select(SourceFile.report_id).where(
                SourceFile.sha256 == digest, SourceFile.report_id.is_not(None)))
            if by_content is not None:
                return by_content
    query = select(Report.id).where(Report.department == ref)
    if year is not None:
        query = query.where(Report.fiscal_year == year)
    ids = list(session.scalars(query))
    if not ids and ref:
        like = select(Report.id).where(Report.department.contains(ref))
        ids = list(session.scalars(like if year is None else like.where(Report.fiscal_year == year)))
    if len(ids) > 1:
        raise AmbiguousReport(f"{len(ids)} reports match {ref!r}{'' if year is None else f' {year}'}; "
                              "give a year, or one of these report ids:\n" + _candidates(session, ids))
    return ids[0] if ids else None


def _candidates(session: Session, ids: list[int]) -> str:
    """One line per matching report (id, department, year, kind, scope, first file), so the
    user can pick one without running ``juesuan reports``."""
    lines = []
    for report in session.scalars(select(Report).where(Report.id.in_(ids)).order_by(Report.id)):
        first = session.scalar(select(SourceFile.path).where(SourceFile.report_id == report.id)
                               .order_by(SourceFile.position, SourceFile.id).limit(1))
        parts = (report.id, report.department, report.fiscal_year, report.kind, report.scope, first)
        lines.append("  " + "  ".join("?" if part is None else str(part) for part in parts))
    return "\n".join(lines)


OUTCOME_COLUMNS = ("path", "status", "reason", "page", "report_id", "at")
OUTCOME_STATUSES = ("ingested", "skipped", "failed", "not-read")


def list_outcomes(engine: Engine, status: str | None = None,
                  all_runs: bool = False) -> tuple[list[str], list[tuple]]:
    """What the ingest runs decided for each file: by default each path's latest outcome.

    ``status`` filters (``not-read``: skipped without being read, i.e. duplicates and
    files that are no report, not files already stored); ``all_runs`` lists every run's.
    """
    clauses, params = [], {}
    if not all_runs:
        clauses.append("o.id = (SELECT MAX(l.id) FROM ingest_outcomes l WHERE l.path = o.path)")
    if status == "not-read":
        clauses.append("o.status = 'skipped' AND o.reason NOT LIKE 'unchanged%'")
    elif status is not None:
        clauses.append("o.status = :status")
        params["status"] = status
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    query = f"SELECT {', '.join('o.' + c for c in OUTCOME_COLUMNS)} FROM ingest_outcomes o{where} ORDER BY o.id"
    with engine.connect() as connection:
        result = connection.execute(text(query), params)
        return list(result.keys()), [tuple(r) for r in result]


def last_run_outcomes(engine: Engine) -> list[tuple[str, object]] | None:
    """(status, at) of every outcome of the latest ingest run, in the order they were stored;
    None when the database cannot be read (no outcome table, not a database)."""
    query = ("SELECT status, at FROM ingest_outcomes WHERE run_id = "
             "(SELECT run_id FROM ingest_outcomes ORDER BY id DESC LIMIT 1) ORDER BY id")
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query))]
    except SQLAlchemyError:
        return None
