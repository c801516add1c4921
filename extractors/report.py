"""Compose the field extractors into one ``ReportRecord`` per document.

This is the only place that knows the order: identity first (everything else is read
relative to the report's year and unit), then narrative facts, narrative classification
lines, standard tables and performance forms, and finally the consistency checks over the
whole record. It never touches the database.

``EXTRACTOR_VERSION`` (``extractors.version``) is stored with every report: bump it when
extraction changes what it returns, so a re-ingest can tell old records from new ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from extractors.checks import run_checks
from extractors.classification import claimed_spans, extract_narrative_lines, find_paths
from extractors.codes import default_table
from extractors.document import Document
from extractors.forms import extract_projects
from extractors.identity import extract_identity, region_of
from extractors.narrative import extract_facts
from extractors.tables import extract_standard_tables
from extractors.version import EXTRACTOR_VERSION
from models.records import Evidence, Identity, ReportRecord, Source

__all__ = ["EXTRACTOR_VERSION", "NoIdentity", "apply_given", "extract_report", "warm_up"]


class NoIdentity(ValueError):
    """The document has no fiscal content at all: no department and year stated anywhere
    (nor in its file name or a manifest), and no figure, table line or project either."""

    reason = ("no report identity found (not a 决算/预算 report?): looked for a department and a "
              "fiscal year in the title, headings, running headers, 部门/单位名称/编制单位 lines, the "
              "说明's opening sentences, table titles and the file name, and for 决算/预算 figures, "
              "tables and performance forms; found none")

    def __init__(self) -> None:
        super().__init__(self.reason)


def extract_report(doc: Document, filename: str | None = None,
                   given: Mapping[str, object] | None = None) -> ReportRecord:
    """Everything juesuan reads from one document; raises NoIdentity when it is no report.

    ``given``: identity values the user supplied for this file (``ingest --manifest``);
    they override or complete what the document states. A document whose department or
    year is unknown is still a report when it states figures: its record says what is known
    and its findings say what is missing."""
    identity = apply_given(extract_identity(doc, filename), given)
    tables = extract_standard_tables(doc, identity)
    # Names in the narrative resolve first to the codes this report's own tables print.
    codes = default_table().copy()  # the shared table, copied: this report learns its own pairs
    year = identity.value("fiscal_year")
    codes.learn_lines(tables.line_items, year)
    # The narrative's classification paths, found once: its lines, and the spans its facts skip.
    paths = find_paths(doc, codes, year)
    record = ReportRecord(
        identity=identity,
        facts=extract_facts(doc, identity, codes, claimed_spans(doc, codes, year, paths)) + tables.facts,
        line_items=extract_narrative_lines(doc, identity, codes, paths) + tables.line_items,
        projects=extract_projects(doc),
        tables_found=tables.tables,
        warnings=[f"page {i.page}: {i.problem}" for i in doc.issues],
    )
    if not _has_identity(identity) and not (record.facts or record.line_items or record.projects):
        raise NoIdentity()
    record.findings = run_checks(record)
    return record


def _has_identity(identity: Identity) -> bool:
    return bool(identity.value("department")) and identity.value("fiscal_year") is not None


def apply_given(identity: Identity, given: Mapping[str, object] | None) -> Identity:
    """``identity`` with the user's values in place (found_in ``manifest``); a new
    department brings the region its name prints."""
    if not given:
        return identity
    changes = {name: Evidence(value, "manifest", Source(text=f"manifest: {name}={value}"))
               for name, value in given.items() if value is not None and value != ""}
    if "department" in changes:
        region = region_of(str(changes["department"].value))
        changes["region"] = None if region is None else Evidence(region, "manifest", changes["department"].source)
    return replace(identity, **changes)


def warm_up() -> None:
    """Load what every extraction needs (the one shared code table) before worker processes fork."""
    default_table()
