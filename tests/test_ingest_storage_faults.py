"""Storage faults in a batch — a read-only database, a lock held past the busy timeout, a full
disk — give the file an outcome that says why, stop the batch cleanly when nothing more can
be stored, store nothing by halves and raise no traceback (issue 18, item 5)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from ingest_helpers import copy_files, counts
from sqlalchemy import create_engine, event
from typer.testing import CliRunner

from cli.main import app
from db.engine import open_database
from ingest.outcome import FAILED, Category
from ingest.pipeline import IngestOptions, ingest

FILES = ("reports/盐边县人民政府办公室2019年度部门决算.pdf", "reports/盐边县人民政府办公室2020年度部门决算.pdf")
runner = CliRunner()


@pytest.fixture
def folder(tmp_path) -> Path:
    return copy_files(tmp_path / "in", *FILES)


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "j.db"
    open_database(path).dispose()
    return path


def _read_only(db: Path):
    return create_engine(f"sqlite:///file:{db}?mode=ro&uri=true")


def _disk_full(db: Path):
    engine = create_engine(f"sqlite:///{db}")

    @event.listens_for(engine, "connect")
    def _cap(dbapi_connection, _record) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: "disk is full"

    return engine


def _locked(db: Path):
    engine = create_engine(f"sqlite:///{db}", connect_args={"timeout": 0.2})
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer that never lets go
    engine.holder = holder
    return engine


@pytest.mark.parametrize(("make", "why"), [(_read_only, "read-only"), (_disk_full, "disk full"),
                                           (_locked, "locked by another writer")])
def test_a_storage_fault_stops_the_batch_cleanly(folder, db, make, why):
    engine = make(db)
    summary = ingest([folder], engine, IngestOptions(workers=1, timeout_s=120))
    holder = getattr(engine, "holder", None)
    if holder is not None:
        holder.rollback()
        holder.close()
    engine.dispose()
    assert len(summary.outcomes) == len(FILES)
    first, *rest = summary.outcomes
    assert first.status == FAILED and first.category == Category.STORAGE and why in first.reason, first
    for outcome in rest:  # not attempted: the database can take nothing more
        assert outcome.status == FAILED and outcome.category == Category.STORAGE
        assert "not stored" in outcome.reason and why in outcome.reason, outcome
    assert summary.stopped and why in summary.stopped
    assert summary.exit_code == 1
    assert counts(str(db))["reports"] == 0 and counts(str(db))["sources"] == 0  # nothing half-stored


def test_the_cli_says_why_without_a_traceback(folder, db, monkeypatch):
    monkeypatch.setattr("db.engine.BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--workers", "1"])
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "locked by another writer" in result.output and "stopped" in result.output


_EXPORT_ON_FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) like a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
from cli.main import main
sys.argv = ["juesuan", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize(("fmt", "name"), [("json", "out.json")])
def test_an_export_onto_a_full_disk_leaves_the_old_file_whole(tmp_path, db, fmt, name):
    import subprocess
    import sys

    from db_sample import narrative_record, tables_record

    from db.engine import session_factory
    from db.store import FileInfo, store_report

    engine = open_database(db)
    with session_factory(engine).begin() as session:
        for i, record in enumerate((narrative_record(), tables_record())):
            store_report(session, record, FileInfo(f"r{i}.pdf", str(i) * 64, "pdf", 21, 1), extractor_version="t")
    output = tmp_path / name
    output.write_text("the previous export\n")
    holder = engine.connect()  # keeps the -shm in place, so the export itself writes only its output
    holder.exec_driver_sql("SELECT count(*) FROM reports").all()
    try:
        done = subprocess.run([sys.executable, "-c", _EXPORT_ON_FULL_DISK, "256", "export", "-f", fmt,
                               "-o", str(output), "--db", str(db)],
                              cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, timeout=120)
    finally:
        holder.close()
        engine.dispose()
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write" in lines[0], done.stderr
    assert output.read_text() == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp file left
