"""The ingest ledger: which contents are stored, what earlier runs decided, and the
outcome rows a run appends. The pipeline decides policy; these functions only read and
write the ``sources`` and ``ingest_outcomes`` tables.

Lookups take whole batches (a re-run over 100,000 stored files is mostly these queries)
and split them into IN (...) lists far below any backend's parameter limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from models.orm import IngestOutcome, SourceFile

LOOKUP_CHUNK = 500  # values per IN (...) list


class StoredSource(NamedTuple):
    """A stored file's state, by content."""

    sha256: str
    status: str  # stored | superseded
    superseded_by: int | None
    report_id: int | None


def _chunks(values: list, size: int = LOOKUP_CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def stored_sources(session: Session, shas: list[str]) -> dict[str, StoredSource]:
    """The stored (or superseded) source file of each content in ``shas`` that has one."""
    found: dict[str, StoredSource] = {}
    for chunk in _chunks(shas):
        query = select(SourceFile.sha256, SourceFile.status, SourceFile.superseded_by,
                       SourceFile.report_id).where(SourceFile.sha256.in_(chunk))
        for row in session.execute(query):
            found[row.sha256] = StoredSource(*row)
    return found


def last_decisions(session: Session, shas: list[str], skipped: str) -> list[IngestOutcome]:
    """Per content, the latest outcome that was not a skip (``skipped`` names that status)."""
    rows: list[IngestOutcome] = []
    for chunk in _chunks(shas):
        latest = (select(func.max(IngestOutcome.id))
                  .where(IngestOutcome.sha256.in_(chunk), IngestOutcome.status != skipped)
                  .group_by(IngestOutcome.sha256))
        rows.extend(session.scalars(select(IngestOutcome).where(IngestOutcome.id.in_(latest))))
    return rows


def paths_holding_other_content(session: Session, content_of: dict[str, str]) -> list[str]:
    """Paths (keys of ``content_of``) whose stored file has another SHA-256 than given."""
    stale: set[str] = set()
    for chunk in _chunks(list(content_of)):
        query = select(SourceFile.path, SourceFile.sha256).where(SourceFile.path.in_(chunk))
        stale.update(path for path, sha in session.execute(query) if sha != content_of[path])
    return sorted(stale)


def record_outcomes(session: Session, rows: list[dict]) -> None:
    """Append outcome rows (one executemany: a re-run may skip 100,000 files)."""
    if rows:
        session.execute(insert(IngestOutcome), rows)
