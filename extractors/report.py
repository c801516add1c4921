"""Compose the field extractors into one ``ReportRecord`` per document.

This is the only place that knows the order: identity first (everything else is read
relative to the report's year and unit), then narrative facts, narrative classification
lines, standard tables and performance forms, and finally the consistency checks over the
whole record. It never touches the database.

``EXTRACTOR_VERSION`` is stored with every report: bump it when extraction changes what
it returns, so a re-ingest can tell old records from new ones.
"""

from __future__ import annotations

from functools import lru_cache

from extractors.checks import run_checks
from extractors.classification import extract_narrative_lines
from extractors.codes import CodeTable
from extractors.document import Document
from extractors.forms import extract_projects
from extractors.identity import extract_identity
from extractors.narrative import extract_facts
from extractors.tables import extract_standard_tables
from models.records import Identity, ReportRecord

EXTRACTOR_VERSION = "0.1.0"


class NoIdentity(ValueError):
    """The document names no department or no year: probably not a 决算/预算 report."""

    reason = "no report identity found (not a 决算/预算 report?)"

    def __init__(self) -> None:
        super().__init__(self.reason)


def extract_report(doc: Document, filename: str | None = None) -> ReportRecord:
    """Everything juesuan reads from one document; raises NoIdentity when it is no report."""
    identity = extract_identity(doc, filename)
    if not _has_identity(identity):
        raise NoIdentity()
    tables = extract_standard_tables(doc, identity)
    # Names in the narrative resolve first to the codes this report's own tables print.
    codes = _codes().copy()
    codes.learn_lines(tables.line_items, identity.value("fiscal_year"))
    record = ReportRecord(
        identity=identity,
        facts=extract_facts(doc, identity, codes) + tables.facts,
        line_items=extract_narrative_lines(doc, identity, codes) + tables.line_items,
        projects=extract_projects(doc),
        tables_found=tables.tables,
        warnings=[f"page {i.page}: {i.problem}" for i in doc.issues],
    )
    record.findings = run_checks(record)
    return record


def _has_identity(identity: Identity) -> bool:
    return bool(identity.value("department")) and identity.value("fiscal_year") is not None


@lru_cache(maxsize=1)
def _codes() -> CodeTable:
    """The shipped code table, loaded once per process (workers fork after preloading it)."""
    return CodeTable.load()


def warm_up() -> None:
    """Load what every extraction needs (the code table) before worker processes fork."""
    _codes()
