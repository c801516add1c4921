"""Finding the stored reports ``diff`` compares and the findings ``validate`` lists.

Researchers type a department the way they remember it ("万里街道", "县政府办公室"), so a
department is matched by exact stored name, then by a known alias (any department name the
report's identity evidence recorded, e.g. the short form its text uses), then by a unique
substring (also of the everyday short form: 人民政府 → 政府, so "县政府办公室" finds
盐边县人民政府办公室). Several candidates are never silently resolved: the caller lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, literal_column, or_, select
from sqlalchemy.orm import Session

from models.orm import FindingRow, IdentityValue, Report

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def match_departments(session: Session, text: str) -> list[str]:
    """Stored department names ``text`` denotes: one name, or the candidates to choose from.

    Each step asks the database for its candidates only (by index: the name, then the alias
    in ``identity_evidence``, schema 0009); the substring steps take what ``LIKE`` finds and
    keep the names that contain the text as Python sees it (SQLite's ``LIKE`` ignores ASCII
    case), so the answer is the same on every backend and at any size."""
    if text and session.scalar(select(Report.id).where(Report.department == text).limit(1)) is not None:
        return [text]
    by_alias = sorted({dept for alias, dept in session.execute(
        select(IdentityValue.value, Report.department).join(Report, Report.id == IdentityValue.report_id)
        .where(*_alias_prefix(text)).distinct()) if dept and alias == text})
    if by_alias:
        return by_alias
    short = short_name(text)
    names = sorted({n for n in session.scalars(select(Report.department).where(or_(
        Report.department.contains(text, autoescape=True),
        func.replace(Report.department, "人民政府", "政府").contains(short, autoescape=True))).distinct())
        if n and (text in n or short in short_name(n))})
    if names:
        return names
    aliases = session.execute(
        select(IdentityValue.value, Report.department).join(Report, Report.id == IdentityValue.report_id)
        .where(IdentityValue.field == "department", IdentityValue.value.contains(text, autoescape=True))
    ).all()
    return sorted({dept for alias, dept in aliases if dept and alias and text in alias})


def _alias_prefix(text: str) -> tuple:
    """``identity_evidence`` department names whose first 100 characters are ``text``'s
    (``ix_identity_evidence_field_value``, schema 0009); the caller compares the whole value
    (SQLite leaves the index aside when the query names the column itself)."""
    return (IdentityValue.field == "department",
            func.substr(IdentityValue.value, literal_column("1"), literal_column("100")) == text[:100])


def short_name(name: str) -> str:
    """The everyday short form: 人民政府 is written 政府 (盐边县人民政府办公室 → 盐边县政府办公室)."""
    return name.replace("人民政府", "政府")


def reports_of(session: Session, department: str, year: int, kind: str | None,
               scope: str | None = None) -> list[Report]:
    """The department's reports for ``year`` (of ``kind``/``scope`` when given)."""
    query = select(Report).where(Report.department == department, Report.fiscal_year == year)
    if kind:
        query = query.where(Report.kind == kind)
    if scope:
        query = query.where(Report.scope == scope)
    return list(session.scalars(query.order_by(Report.kind, Report.scope, Report.id)))


def departments_with_both(session: Session, year_a: int, year_b: int, kind_a: str | None,
                          kind_b: str | None) -> list[str]:
    """Departments that have a report for both years (``--all``)."""
    def having(year: int, kind: str | None) -> set[str]:
        query = select(Report.department).where(Report.fiscal_year == year)
        if kind:
            query = query.where(Report.kind == kind)
        return {d for d in session.scalars(query) if d}
    return sorted(having(year_a, kind_a) & having(year_b, kind_b))


def report_pair(session: Session, department: str, year_a: int, year_b: int,
                kinds: list[tuple[str, str]]) -> tuple[int, int] | None:
    """Report ids of the first (kind A, kind B) pair both years have, the department-wide
    report preferred over a unit's; ``None`` when no pair is stored."""
    for kind_a, kind_b in kinds:
        ra, rb = reports_of(session, department, year_a, kind_a), reports_of(session, department, year_b, kind_b)
        if ra and rb:
            return _prefer_department_scope(ra).id, _prefer_department_scope(rb).id
    return None


def _prefer_department_scope(reports: list[Report]) -> Report:
    return next((r for r in reports if r.scope == "department"), reports[0])


@dataclass(frozen=True)
class StoredFinding:
    """A finding with the report it belongs to, as ``validate`` lists it."""

    report_id: int
    department: str | None
    fiscal_year: int | None
    kind: str | None
    rule: str
    severity: str
    page: int | None
    subject: str | None
    message: str


def stored_findings(session: Session, department: str | None = None, year: int | None = None,
                    rule: str | None = None, severity: str | None = None) -> list[StoredFinding]:
    """Stored findings, filtered; ``severity`` is a minimum (warning = warning + error)."""
    # Only the columns a finding is listed with: whole ORM rows (with their JSON evidence)
    # cost seconds at 100k reports for what the list never shows.
    query = (select(Report.id, Report.department, Report.fiscal_year, Report.kind, FindingRow.rule,
                    FindingRow.severity, FindingRow.page, FindingRow.subject, FindingRow.message)
             .join(Report, Report.id == FindingRow.report_id))
    if department:
        query = query.where(Report.department.contains(department))
    if year is not None:
        query = query.where(Report.fiscal_year == year)
    if rule:
        query = query.where(FindingRow.rule == rule)
    if severity:
        allowed = [s for s, rank in SEVERITY_RANK.items() if rank >= SEVERITY_RANK[severity]]
        query = query.where(FindingRow.severity.in_(allowed))
    query = query.order_by(Report.department, Report.fiscal_year, Report.kind, FindingRow.report_id,
                           FindingRow.seq)
    return [StoredFinding(*row) for row in session.execute(query).all()]
