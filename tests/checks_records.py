"""Real extraction for the checks and diff tests: a file → a ReportRecord.

Composes the field extractors the way ``extractors.report.extract_report`` does (identity,
narrative facts, narrative lines, standard tables, performance forms), without the checks,
so that the tests call ``run_checks`` themselves and see exactly what it returns.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from extractors.classification import extract_narrative_lines
from extractors.forms import extract_projects
from extractors.identity import extract_identity
from extractors.narrative import extract_facts
from extractors.readers import read_document
from extractors.tables import extract_standard_tables
from models.records import ReportRecord


@lru_cache(maxsize=16)
def record_of(path: Path) -> ReportRecord:
    """Every record field extraction fills, for the document at ``path`` (cached per path)."""
    doc = read_document(path)
    identity = extract_identity(doc, path.name)
    tables = extract_standard_tables(doc, identity)
    return ReportRecord(
        identity=identity,
        facts=extract_facts(doc, identity) + list(tables.facts),
        line_items=extract_narrative_lines(doc, identity) + list(tables.line_items),
        projects=extract_projects(doc),
    )
