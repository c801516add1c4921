"""The database schema: SQLAlchemy 2.0 typed models (one schema for SQLite and PostgreSQL).

The content tables' columns are built from ``models/records.py`` (``models.columns``: each
record field's name, type and ``stored(...)`` storage); this module adds what only a table
has: ids, foreign keys, ``seq``, and the report and file tables. A report (one per
department × year × kind × scope) has one or more source files; every fact, line item, project, indicator and identity
value keeps its provenance (the file it came from, block, page, line, text, table
row/col, and whether it was read from the text layer or by OCR, with the OCR confidence).
Money and percentages are ``ExactDecimal`` so they round-trip digit for digit.

Changing this module needs an Alembic migration in ``db/migrations/versions/``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from models.columns import columns_mixin
from models.records import Fact, Finding, Indicator, LineItem, Project, Source
from models.types import ExactDecimal

# Named constraints so Alembic's batch mode (SQLite) can find and recreate them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {Decimal: ExactDecimal(), dict: JSON, list: JSON}


# Provenance columns shared by every extracted row (``models.records.Source``): block, page,
# line, text, cell_row, cell_col, read_by ("text" | "ocr", schema 0006), ocr_confidence.
Located = columns_mixin(Source)


class Report(Base):
    """One report: department × fiscal year × kind (决算/预算) × scope (部门/单位), and
    consolidation (本级/汇总) where the document states it."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    # department|fiscal_year|kind|scope[|consolidation]: the idempotency key of a report.
    report_key: Mapped[str] = mapped_column(String(400), unique=True)
    department: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(200))
    fiscal_year: Mapped[int | None]
    kind: Mapped[str | None] = mapped_column(String(16))
    scope: Mapped[str | None] = mapped_column(String(16))
    # 本级 (the department's own accounts) | 汇总 (with its units) | None: not stated.
    consolidation: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(40))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    warnings: Mapped[list] = mapped_column(default=list)
    tables_found: Mapped[list] = mapped_column(default=list)

    sources: Mapped[list[SourceFile]] = relationship(
        back_populates="report", order_by="SourceFile.position", passive_deletes=True
    )

    __table_args__ = (Index("ix_reports_department_year", "department", "fiscal_year"),)


class SourceFile(Base):
    """A file that was ingested. ``status`` is ``stored`` (part of ``report_id``) or
    ``superseded`` (a later file with the same identity and overlapping content replaced
    it; kept so a re-run skips it instead of flip-flopping)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(8))
    pages: Mapped[int | None]
    size_bytes: Mapped[int | None]
    position: Mapped[int] = mapped_column(default=0)  # order of the files within a report
    status: Mapped[str] = mapped_column(String(16), default="stored")
    superseded_by: Mapped[str | None] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(40))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # This file's share of its report's warnings and tables_found (the report holds them
    # concatenated in file order): re-storing one file replaces its share only.
    warnings: Mapped[list | None] = mapped_column(JSON)
    tables_found: Mapped[list | None] = mapped_column(JSON)

    report: Mapped[Report | None] = relationship(back_populates="sources")

    __table_args__ = (Index("ix_sources_path", "path"), Index("ix_sources_report_id", "report_id"))


def _report_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)


def _source_fk() -> Mapped[int | None]:
    return mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)


class IdentityValue(Base, Located):
    """One identity field (department, region, fiscal_year, kind, scope, consolidation) and its evidence."""

    __tablename__ = "identity_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = _report_fk()
    source_id: Mapped[int | None] = _source_fk()
    field: Mapped[str] = mapped_column(String(32))
    value: Mapped[str | None] = mapped_column(Text)
    value_type: Mapped[str] = mapped_column(String(8), default="str")  # "str" | "int"
    found_in: Mapped[str] = mapped_column(String(16))


class FactRow(Base, columns_mixin(Fact), Located):
    """A figure the report states (``models.records.Fact``)."""

    __tablename__ = "facts"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = _report_fk()
    source_id: Mapped[int | None] = _source_fk()
    seq: Mapped[int]


class LineItemRow(Base, columns_mixin(LineItem), Located):
    """One value of one classification line (``models.records.LineItem``)."""

    __tablename__ = "line_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = _report_fk()
    source_id: Mapped[int | None] = _source_fk()
    seq: Mapped[int]

    __table_args__ = (Index("ix_line_items_table_key_code", "table_key", "code"),)


class ProjectRow(Base, columns_mixin(Project), Located):
    """A project or department-wide performance form (``models.records.Project``)."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = _report_fk()
    source_id: Mapped[int | None] = _source_fk()
    seq: Mapped[int]

    indicators: Mapped[list[IndicatorRow]] = relationship(
        order_by="IndicatorRow.seq", passive_deletes=True
    )


class IndicatorRow(Base, columns_mixin(Indicator), Located):
    """One indicator row of a performance form (``models.records.Indicator``)."""

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[int] = _report_fk()
    seq: Mapped[int]


class FindingRow(Base, columns_mixin(Finding)):
    """A consistency-check result for a report (``models.records.Finding``)."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = _report_fk()
    seq: Mapped[int]


class ClassificationCode(Base):
    """A classification code as reports print it: the name used and the years it was seen."""

    __tablename__ = "classification_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    classification: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    level: Mapped[str | None] = mapped_column(String(8))
    parent: Mapped[str | None] = mapped_column(String(16))
    first_year: Mapped[int | None]
    last_year: Mapped[int | None]

    __table_args__ = (
        UniqueConstraint("classification", "code", "name", name="uq_classification_codes_key"),
        Index("ix_classification_codes_code", "code"),
    )


class IngestOutcome(Base):
    """What happened to one file in one ingest run (errors are data, never tracebacks)."""

    __tablename__ = "ingest_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[str] = mapped_column(String(40), index=True)
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16))  # ingested | skipped | failed
    reason: Mapped[str | None] = mapped_column(Text)
    # why a file failed: ingest.outcome.Category (the readers' error codes and ingest's own);
    # whether an unchanged file is read again is decided by it, not by the reason's text
    category: Mapped[str | None] = mapped_column(String(32))
    page: Mapped[int | None]
    report_id: Mapped[int | None] = mapped_column(Integer)  # no FK: outcomes outlive reports
    extractor_version: Mapped[str | None] = mapped_column(String(40))
    seconds: Mapped[float | None]
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_ingest_outcomes_path", "path"),)  # schema 0009


__all__ = [
    "Base",
    "ClassificationCode",
    "FactRow",
    "FindingRow",
    "IdentityValue",
    "IndicatorRow",
    "IngestOutcome",
    "LineItemRow",
    "ProjectRow",
    "Report",
    "SourceFile",
]
