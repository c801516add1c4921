"""Storage corner cases found in review: re-runs of a multi-file report, a file that leaves
its report, and what stays behind."""

from __future__ import annotations

from pathlib import Path

from db.engine import open_database
from ingest.pipeline import IngestOptions, ingest
from ingest_helpers import exported
from test_ingest_multifile import _split


def _run(paths: list[Path], db: Path, force: bool = False) -> list:
    engine = open_database(db)
    summary = ingest(paths, engine, IngestOptions(workers=2, force=force))
    engine.dispose()
    return summary.outcomes


def test_force_on_a_two_file_report_changes_nothing(tmp_path):
    """--force re-reads both files; the report must come out as it was: same id, sources in
    the same order, warnings, tables and findings not doubled."""
    (tmp_path / "split").mkdir()
    narrative, tables = _split(tmp_path / "split")
    db = tmp_path / "split.db"
    _run([tmp_path / "split"], db)
    before = exported(str(db))["reports"]
    outcomes = _run([tmp_path / "split"], db, force=True)
    assert [o.status for o in outcomes] == ["ingested", "ingested"]
    after = exported(str(db))["reports"]
    assert len(after) == 1
    assert [Path(s["path"]).name for s in after[0]["sources"]] == [narrative.name, tables.name]
    for part in ("id", "warnings", "tables_found", "findings", "facts", "line_items"):
        if part in before[0]:
            assert after[0][part] == before[0][part], part
