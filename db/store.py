"""Write one extracted report into the database, idempotently.

Keys: a file is known by its SHA-256; a report by department × fiscal year × kind × scope
(``report_key``). The caller runs ``store_report`` inside one transaction per file, so a
crash leaves either the whole report or nothing.

What happens when a file arrives (documented in docs/schema.md):

* same SHA-256 already stored → the caller skips it (``is_known``), unless forced;
* a file at the same path with another SHA-256 (the file changed), or the same file
  forced → its old rows are deleted first, then the new ones inserted;
* no report with this identity yet → a new report;
* a report with this identity exists and its other files state *different* things
  (narrative in one PDF, tables in another) → the file joins that report's sources;
* it exists and the files *overlap* (at least half of the smaller side's metrics, table
  lines and projects are stated by both: two editions of one report) → the newer file
  replaces the report's content; the older files stay listed as ``superseded`` so a re-run
  does not flip back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from models.orm import (
    ClassificationCode,
    FactRow,
    FindingRow,
    IdentityValue,
    IndicatorRow,
    LineItemRow,
    ProjectRow,
    Report,
    SourceFile,
)
from models.records import Fact, Finding, Identity, Indicator, LineItem, Project, ReportRecord
from models.schema import EVIDENCE_FIELDS, edition_columns, edition_key, evidence_columns, row_values

IDENTITY_FIELDS = EVIDENCE_FIELDS
# The parts that tell two reports of one department and year apart; unknown (None) in a
# file agrees with any stated value (a tables-only file rarely says 部门 or 本级).
_DISTINGUISHING = ("kind", "scope", "consolidation")
# The columns a joining file fills where the report's other files did not say.
_FILLED = ("kind", "scope", "consolidation", "region")


@dataclass(frozen=True)
class FileInfo:
    """The file a record was extracted from."""

    path: str
    sha256: str
    format: str
    pages: int | None = None
    size_bytes: int | None = None


@dataclass
class StoreResult:
    report_id: int
    action: str  # "new" | "joined" | "replaced"
    superseded: list[str] = field(default_factory=list)  # paths whose content this replaced
    # Reports the file's earlier version belonged to and that keep other files: their
    # report-wide findings no longer hold and must be re-checked by the caller.
    left: list[int] = field(default_factory=list)

    @property
    def joined(self) -> bool:
        return self.action == "joined"


class MissingIdentity(ValueError):
    """A record without department or fiscal year cannot be keyed as a report."""


def report_key(identity: Identity, sha256: str | None = None) -> str:
    """department|fiscal_year|kind|scope — ``?`` where a part is unknown — and
    ``|本级`` / ``|汇总`` when the document states its consolidation.

    A report whose department or year is unknown (a file with figures but no name or year
    anywhere, not even in its file name) is keyed by its file's SHA-256 too: it joins no
    other report until ``--manifest`` completes it."""
    department, year = identity.value("department"), identity.value("fiscal_year")
    key = _key(department, year, identity.value("kind"), identity.value("scope"),
               identity.value("consolidation"))
    if not department or year is None:
        if not sha256:
            raise MissingIdentity("no report identity found (not a 决算/预算 report?)")
        key += f"|file:{sha256}"
    return key


def report_key_of(report: Report) -> str:
    return _key(report.department, report.fiscal_year, report.kind, report.scope, report.consolidation)


def _key(department, year, kind, scope, consolidation) -> str:  # column values
    parts = ["?" if part is None else str(part) for part in (department, year, kind, scope)]
    return "|".join(parts + ([consolidation] if consolidation else []))


def _has_content(record: ReportRecord) -> bool:
    return bool(record.facts or record.line_items or record.projects)


def _find_report(
    session: Session, key: str, identity: Identity, emptied: set[int] = frozenset()
) -> Report | None:
    """The stored report this identity names: the exact key, else the one report of the same
    department and year whose kind/scope/consolidation agree where both are known (a tables-only file
    often does not say 部门 or 单位, its narrative twin does). ``emptied``: reports the
    file's earlier version leaves without files; one of them is taken only when nothing
    else matches, so it does not make a real report ambiguous."""
    exact = session.scalar(select(Report).where(Report.report_key == key))
    if exact is not None or "|file:" in key:
        return exact
    values = _identity_columns(identity)
    candidates = [
        report for report in session.scalars(select(Report).where(
            Report.department == values["department"], Report.fiscal_year == values["fiscal_year"]))
        if all(getattr(report, part) is None or values[part] is None
               or getattr(report, part) == values[part] for part in _DISTINGUISHING)
    ]
    if len(candidates) > 1:
        candidates = [report for report in candidates if report.id not in emptied]
    return candidates[0] if len(candidates) == 1 else None


def is_known(session: Session, sha256: str) -> SourceFile | None:
    """The stored or superseded file with this content, if any."""
    return session.scalar(select(SourceFile).where(SourceFile.sha256 == sha256))


def store_report(
    session: Session,
    record: ReportRecord,
    file: FileInfo,
    *,
    extractor_version: str,
    now: dt.datetime | None = None,
) -> StoreResult:
    """Insert (or replace) ``record`` from ``file``; the caller commits."""
    now = now or dt.datetime.now(dt.UTC)
    if not _has_content(record) and not (record.identity.value("department")
                                         and record.identity.value("fiscal_year") is not None):
        raise MissingIdentity("no report identity found (not a 决算/预算 report?)")
    key = report_key(record.identity, file.sha256)
    forgotten = _forget_file(session, file)
    orphans = forgotten.orphans
    report = _find_report(session, key, record.identity, orphans)
    action, superseded = "new", []
    if report is None:
        report = _new_report(session, key, record, extractor_version, now)
    elif report.id in orphans:
        # The file's own earlier version was this report's only file: reuse the report
        # (its id stays stable across --force and edits) with fresh content.
        session.execute(delete(FindingRow).where(FindingRow.report_id == report.id))
        _reset_report(report, record, extractor_version, now)
    elif _overlaps(session, report.id, record):
        superseded = _supersede_sources(session, report.id, file.path)
        _reset_report(report, record, extractor_version, now)
        action = "replaced"
    else:
        _join_report(report, record, now)
        action = "joined"
    report.report_key = report_key_of(report) if not key.count("|file:") else key
    for orphan in orphans - {report.id}:
        _drop_report(session, orphan)
    _release_superseded(session, forgotten, report.id)
    source = _add_source(session, report.id, file, record, extractor_version, now)
    _insert_content(session, report.id, source.id, record)
    if action == "joined":
        _settle_joined(session, report, file, record)
    _record_codes(session, record.line_items, record.identity.value("fiscal_year"))
    left = sorted(forgotten.touched - orphans - {report.id})
    for report_id in {report.id, *left}:
        _gather_lists(session, report_id)
    session.flush()
    return StoreResult(report.id, action, superseded, left)


def replace_findings(session: Session, report_id: int, findings: list[Finding]) -> None:
    """Findings are report-wide: re-checking a joined report replaces them all."""
    session.execute(delete(FindingRow).where(FindingRow.report_id == report_id))
    _bulk(session, FindingRow, _finding_rows(report_id, findings))
    session.flush()


# -- files ---------------------------------------------------------------------------


@dataclass
class _Forgotten:
    touched: set[int]  # reports an earlier version of the file belonged to
    orphans: set[int]  # ... of them, those left without any stored file
    paths: dict[int, str]  # report → the path the earlier version was stored under


def _forget_file(session: Session, file: FileInfo) -> _Forgotten:
    """Delete what an earlier version of this file (same path or same content) stored;
    say which reports it left and which of them have no stored file left (the caller reuses
    or drops them)."""
    olds = session.scalars(
        select(SourceFile).where(or_(SourceFile.path == file.path, SourceFile.sha256 == file.sha256))
    ).all()
    return _forget_rows(session, olds)


def _forget_rows(session: Session, olds: list[SourceFile]) -> _Forgotten:
    touched = {old.report_id for old in olds if old.report_id is not None}
    stored = [old for old in olds if old.report_id is not None and old.status == "stored"]
    paths = {old.report_id: old.path for old in stored}
    for old in olds:
        session.delete(old)  # cascades to its facts, lines, projects, identity values
    session.flush()
    orphans = {report_id for report_id in touched if not _stored_files(session, report_id)}
    return _Forgotten(touched, orphans, paths)


def forget_stale_path(session: Session, path: str, sha256: str) -> list[int]:
    """``path`` now holds ``sha256``, content stored already under another path (so the
    run skips it): drop what its earlier content stored, as a changed file would. Returns
    the reports it leaves that keep other files (the caller re-checks them)."""
    olds = session.scalars(
        select(SourceFile).where(SourceFile.path == path, SourceFile.sha256 != sha256)).all()
    if not olds:
        return []
    forgotten = _forget_rows(session, olds)
    for orphan in forgotten.orphans:
        _drop_report(session, orphan)
    _release_superseded(session, forgotten, None)
    left = sorted(forgotten.touched - forgotten.orphans)
    for report_id in left:
        _gather_lists(session, report_id)
    session.flush()
    return left


def _release_superseded(session: Session, forgotten: _Forgotten, report_id: int | None) -> None:
    """The file's earlier version left its report: the editions it had superseded there no
    longer stand behind anything stored, so forget them and the next run reads them again
    (kept, they would count as known and be skipped for ever)."""
    gone = [path for old_report, path in forgotten.paths.items() if old_report != report_id]
    if gone:
        session.execute(delete(SourceFile).where(
            SourceFile.status == "superseded", SourceFile.superseded_by.in_(gone)))


def _stored_files(session: Session, report_id: int) -> int:
    return session.scalar(
        select(func.count()).select_from(SourceFile)
        .where(SourceFile.report_id == report_id, SourceFile.status == "stored")
    ) or 0


def _drop_report(session: Session, report_id: int) -> None:
    session.execute(update(SourceFile).where(SourceFile.report_id == report_id).values(report_id=None))
    session.execute(delete(Report).where(Report.id == report_id))
    session.flush()


def _add_source(
    session: Session, report_id: int, file: FileInfo, record: ReportRecord, version: str,
    now: dt.datetime,
) -> SourceFile:
    """The file as one of the report's sources, at its place in the order of their paths."""
    source = SourceFile(
        report_id=report_id, sha256=file.sha256, path=file.path, format=file.format,
        pages=file.pages, size_bytes=file.size_bytes, position=0, status="stored",
        extractor_version=version, ingested_at=now,
        warnings=list(record.warnings), tables_found=_plain_tables(record),
    )
    session.add(source)
    session.flush()
    _order_files(session, report_id)
    return source


def _order_files(session: Session, report_id: int) -> list[SourceFile]:
    """Number the report's stored files by path (then content hash): what follows file
    order — its rows, identity evidence, warnings, findings, the columns a joining file
    fills — then does not depend on the order the files were stored in (parallel workers
    store in any order)."""
    files = sorted(session.scalars(select(SourceFile).where(
        SourceFile.report_id == report_id, SourceFile.status == "stored")).all(),
        key=lambda f: (f.path.split("/"), f.sha256))  # folder by folder, as ingest finds them
    for position, file in enumerate(files):
        if file.position != position:
            file.position = position
    session.flush()
    return files


def _supersede_sources(session: Session, report_id: int, by_path: str) -> list[str]:
    """Drop the content of the report's current files; keep them listed as superseded."""
    olds = session.scalars(
        select(SourceFile).where(SourceFile.report_id == report_id, SourceFile.status == "stored")
    ).all()
    for table in (FindingRow, IndicatorRow, ProjectRow, LineItemRow, FactRow, IdentityValue):
        session.execute(delete(table).where(table.report_id == report_id))
    for old in olds:
        old.status, old.superseded_by, old.report_id = "superseded", by_path, None
    session.flush()
    return [old.path for old in olds]


# -- reports -------------------------------------------------------------------------


def _identity_columns(identity: Identity) -> dict:
    values = {name: identity.value(name) for name in IDENTITY_FIELDS}
    year = values["fiscal_year"]
    values["fiscal_year"] = int(year) if year is not None else None
    values["region"] = None if values["region"] is None else str(values["region"])
    return values


def _new_report(
    session: Session, key: str, record: ReportRecord, version: str, now: dt.datetime
) -> Report:
    report = Report(report_key=key, **_identity_columns(record.identity), title=record.identity.title,
                    extractor_version=version, ingested_at=now,
                    warnings=list(record.warnings), tables_found=_plain_tables(record))
    session.add(report)
    session.flush()
    return report


def _reset_report(report: Report, record: ReportRecord, version: str, now: dt.datetime) -> None:
    for name, value in _identity_columns(record.identity).items():
        if value is not None:  # an edition that does not state a part keeps what was known
            setattr(report, name, value)
    report.title = record.identity.title
    report.extractor_version, report.ingested_at = version, now
    report.warnings, report.tables_found = list(record.warnings), _plain_tables(record)


def _join_report(report: Report, record: ReportRecord, now: dt.datetime) -> None:
    """A complementary file: fill what the report lacked, keep what it had."""
    values = _identity_columns(record.identity)
    for name in _FILLED:
        setattr(report, name, getattr(report, name) or values[name])
    report.title = report.title or record.identity.title
    report.ingested_at = now


def _settle_joined(session: Session, report: Report, file: FileInfo, record: ReportRecord) -> None:
    """The parts a joined report takes from its files (kind, scope, consolidation, region):
    each from the first file, in path order, that states it, as if they had been stored in
    that order. The title likewise, when the joining file comes first and has one (titles
    are kept per report, not per file: with three or more files and a first one without
    a title, the title is the first stored one's of the rest)."""
    files = _order_files(session, report.id)
    order = {f.id: i for i, f in enumerate(files)}
    first: dict[str, IdentityValue] = {}
    for row in sorted(session.scalars(select(IdentityValue).where(
            IdentityValue.report_id == report.id, IdentityValue.field.in_(_FILLED))).all(),
            key=lambda r: (order.get(r.source_id, len(order)), r.id)):
        if row.value is not None:
            first.setdefault(row.field, row)
    for name in _FILLED:
        if name in first:
            setattr(report, name, first[name].value)
    if files and files[0].path == file.path and record.identity.title:
        report.title = record.identity.title


def _gather_lists(session: Session, report_id: int) -> None:
    """The report's warnings and tables found: its stored files' shares, in file order."""
    report = session.get(Report, report_id)
    files = session.scalars(select(SourceFile).where(
        SourceFile.report_id == report_id, SourceFile.status == "stored")
        .order_by(SourceFile.position, SourceFile.id)).all()
    if report is None:
        return
    # None: a later file of a report stored before schema 0002, whose share migrated
    # with the report's lists into its first file.
    report.warnings = [w for f in files for w in (f.warnings or [])]
    report.tables_found = [t for f in files for t in (f.tables_found or [])]


def _plain_tables(record: ReportRecord) -> list:
    from models.records import to_plain

    return [to_plain(t) for t in record.tables_found]


EDITION_OVERLAP = 0.5  # share of the smaller side's content the other states too


def _overlaps(session: Session, report_id: int, record: ReportRecord) -> bool:
    """Do the report's stored files state mostly the same things as ``record`` (two editions
    of one report), rather than complement it (a narrative file and its tables file)?

    Editions: at least half of the smaller side's metrics, table lines and projects are
    stated by the other side too. A 说明 file that also prints one or two of the tables its
    报表 file holds in full still complements it: both are kept, each row with its file."""
    # What is compared: models.schema.EDITION_KEYS (a fact counts with its origin: a
    # tables-only file restating the narrative's totals, 收入总计 in the 总表, complements it;
    # two files both narrating them are editions).
    stored, new = set(), set()
    for record_type, model, records in ((Fact, FactRow, record.facts), (LineItem, LineItemRow, record.line_items),
                                        (Project, ProjectRow, record.projects)):
        key = [getattr(model, column) for column in edition_columns(record_type)]
        stored |= {(record_type, *row) for row in session.execute(
            select(*key).where(model.report_id == report_id)).all()}
        new |= {(record_type, *edition_key(r)) for r in records}
    if not stored or not new:
        return not stored and not new  # two empty editions
    return len(stored & new) >= EDITION_OVERLAP * min(len(stored), len(new))


# -- content -------------------------------------------------------------------------


def _insert_content(session: Session, report_id: int, source_id: int, record: ReportRecord) -> None:
    """Bulk ``INSERT``s, one executemany per table: a report is ≈ 300 rows, and building an
    ORM object for each (unit of work, identity map) cost more than the inserts themselves."""
    _bulk(session, IdentityValue, _identity_rows(report_id, source_id, record.identity))
    _bulk(session, FactRow, [_content_row(report_id, source_id, i, f) for i, f in enumerate(record.facts)])
    _bulk(session, LineItemRow,
          [_content_row(report_id, source_id, i, li) for i, li in enumerate(record.line_items)])
    _insert_projects(session, report_id, source_id, record.projects)
    _bulk(session, FindingRow, _finding_rows(report_id, record.findings))


def _bulk(session: Session, model: type, rows: list[dict]) -> None:
    if rows:
        session.execute(insert(model), rows)


def _insert_projects(session: Session, report_id: int, source_id: int, projects: list[Project]) -> None:
    """Projects first (their ids, in order, come back from ``RETURNING``), then every
    project's indicators in one more statement."""
    if not projects:
        return
    rows = [_content_row(report_id, source_id, i, p) for i, p in enumerate(projects)]
    statement = insert(ProjectRow).returning(ProjectRow.id, sort_by_parameter_order=True)
    ids = session.scalars(statement, rows).all()
    _bulk(session, IndicatorRow, [
        _indicator_row(report_id, project_id, i, indicator)
        for project_id, project in zip(ids, projects, strict=False)
        for i, indicator in enumerate(project.indicators)
    ])


def _identity_rows(report_id: int, source_id: int, identity: Identity) -> list[dict]:
    rows = []
    for name in IDENTITY_FIELDS:
        evidence = getattr(identity, name)
        if evidence is None:
            continue
        rows.append(dict(report_id=report_id, source_id=source_id, field=name, **evidence_columns(evidence)))
    return rows


def _content_row(report_id: int, source_id: int, seq: int, record: Fact | LineItem | Project) -> dict:
    """A fact, line item or project as its row (columns from ``models.schema``)."""
    return dict(report_id=report_id, source_id=source_id, seq=seq, **row_values(record))


def _indicator_row(report_id: int, project_id: int, seq: int, ind: Indicator) -> dict:
    return dict(report_id=report_id, project_id=project_id, seq=seq, **row_values(ind))


def _finding_rows(report_id: int, findings: list[Finding]) -> list[dict]:
    return [dict(report_id=report_id, seq=i, **row_values(f)) for i, f in enumerate(findings)]


# -- classification codes ------------------------------------------------------------


def _parent(classification: str, code: str) -> str | None:
    if classification == "function":
        return code[:-2] if len(code) in (5, 7) else None
    if classification == "economic":
        return code[:3] if len(code) == 5 else None
    return None


def _record_codes(session: Session, items: list[LineItem], year: int | None) -> None:
    """Remember each (code, name) a report printed and the years it was seen: one upsert
    statement executed for all of them (one statement per code was a fifth of storing)."""
    seen: dict[tuple[str, str, str], LineItem] = {}
    for item in items:
        if item.code and item.classification in ("function", "economic"):
            seen.setdefault((item.classification, item.code, item.name), item)
    if not seen:
        return
    year = int(year) if year is not None else None
    rows = [dict(classification=classification, code=code, name=name, level=item.code_level,
                 parent=_parent(classification, code), first_year=year, last_year=year)
            for (classification, code, name), item in seen.items()]
    statement = _dialect_insert(session)(ClassificationCode)
    table = ClassificationCode.__table__
    least, greatest = _min_max(session)
    statement = statement.on_conflict_do_update(
        index_elements=["classification", "code", "name"],
        set_={
            "first_year": least(func.coalesce(table.c.first_year, statement.excluded.first_year),
                                func.coalesce(statement.excluded.first_year, table.c.first_year)),
            "last_year": greatest(func.coalesce(table.c.last_year, statement.excluded.last_year),
                                  func.coalesce(statement.excluded.last_year, table.c.last_year)),
        },
    )
    session.execute(statement, rows)


def _dialect_insert(session: Session):  # dialect-specific insert()
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def _min_max(session: Session):
    if session.get_bind().dialect.name == "postgresql":
        return func.least, func.greatest
    return func.min, func.max


__all__ = ["FileInfo", "MissingIdentity", "StoreResult", "forget_stale_path", "is_known",
           "replace_findings",
           "report_key", "store_report"]
