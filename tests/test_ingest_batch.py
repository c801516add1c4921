"""End-to-end batch ingest of the real corpus plus our fixtures, through the installed
command: re-runs skip everything, --force reproduces the same content, a kill -9 in the
middle of a 2-worker run is finished by a re-run with every report exactly once, and
PostgreSQL ends up with the same JSON export as SQLite."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS, FIXTURES, corpus_pdfs
from ingest_helpers import counts, exported
from pg_schema import fresh_pg_schema

pytestmark = [pytest.mark.slow, pytest.mark.corpus]

EXTRA = ("reports/盐边县人民政府办公室2020年度部门决算.pdf",
         "sources/yanbian_2019.docx", "bad/encrypted.pdf", "bad/empty.pdf")


def _juesuan() -> str:
    exe = Path(sys.executable).parent / "juesuan"
    found = str(exe) if exe.exists() else shutil.which("juesuan")
    if not found:
        pytest.skip("the juesuan console command is not installed in this environment")
    return found


def _ingest(folder: Path, db: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([_juesuan(), "ingest", str(folder), "--db", db, "--workers", "2", *extra],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """The corpus PDFs and a few fixtures (two of them unreadable) in one folder."""
    if not corpus_pdfs():
        pytest.skip(f"real corpus not found at {CORPUS} (set JUESUAN_CORPUS to its folder)")
    folder = tmp_path_factory.mktemp("batch")
    for pdf in corpus_pdfs():
        shutil.copy(pdf, folder / pdf.name)
    for name in EXTRA:
        if (FIXTURES / name).exists():
            shutil.copy(FIXTURES / name, folder / Path(name).name)
    return folder


@pytest.fixture(scope="module")
def clean(batch, tmp_path_factory) -> str:
    """One uninterrupted ingest of the batch: the reference for every other test here."""
    db = str(tmp_path_factory.mktemp("clean") / "clean.db")
    result = _ingest(batch, db)
    assert result.returncode == 1, result.stderr  # the two bad files fail, the rest ingest
    return db


def test_clean_run_stores_every_readable_report(batch, clean):
    """Each file has an outcome; each ingested file is a report, or joins the one it completes;
    one report per identity (a split disclosure's files are one), each corpus file in the
    report its identity.json names — computed over whatever files the corpus holds."""
    data = exported(clean)
    outcomes = _last_run_outcomes(clean)
    assert sorted(outcomes) == sorted(str(path) for path in batch.iterdir())
    ingested = [reason for status, reason in outcomes.values() if status == "ingested"]
    joined = [reason for reason in ingested if reason.startswith("joined report")]
    assert len(data["reports"]) == len(ingested) - len(joined)
    assert all(reason for status, reason in outcomes.values() if status == "failed")
    expected = _corpus_identities()
    stored = {Path(s["path"]).name: r for r in data["reports"] for s in r["sources"]}
    corpus_stored = {name: r for name, r in stored.items() if name in expected}
    assert corpus_stored, "no corpus file was stored"
    for name, report in corpus_stored.items():
        assert {k: report[k] for k in ("department", "fiscal_year", "kind", "scope")} == expected[name], name
    identities = {tuple(expected[name].values()) for name in corpus_stored}
    assert len({r["id"] for r in corpus_stored.values()}) == len(identities)
    assert all(r["facts"] or r["line_items"] for r in data["reports"])


def _corpus_identities() -> dict[str, dict]:
    import json

    path = CORPUS / "identity.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def test_second_run_skips_everything_and_force_is_identical(batch, clean, tmp_path):
    db = str(tmp_path / "copy.db")
    shutil.copy(clean, db)
    before, export_before = counts(db), exported(db)
    again = _ingest(batch, db)
    assert again.returncode == 1, again.stderr  # the two bad files are still failures
    assert _last_run_statuses(db) == {"skipped", "failed"}
    assert all(reason.startswith("unchanged since it failed: ") for reason in _last_run_failures(db))
    assert counts(db) == before
    forced = _ingest(batch, db, "--force")
    assert forced.returncode == 1  # the bad files are read again, and fail again
    assert counts(db) == before
    assert exported(db) == export_before


def test_kill_9_mid_run_then_rerun_completes_exactly_once(batch, clean, tmp_path):
    db = str(tmp_path / "killed.db")
    expected = exported(clean)["reports"]
    process = subprocess.Popen(
        [_juesuan(), "ingest", str(batch), "--db", db, "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    stored_at_kill = _wait_for_reports(db, process, at_least=1)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(30)
    assert 1 <= stored_at_kill < len(expected), "the kill must land in the middle of the run"

    by_id = {report["id"]: report for report in expected}
    partial = exported(db)["reports"]
    assert partial and all(report == by_id[report["id"]] for report in partial)  # complete

    rerun = _ingest(batch, db)
    # The bad files sort first: they failed before the kill, so the re-run reports them as
    # failed again (unchanged, not parsed) and every remaining file ingests.
    assert rerun.returncode == 1, rerun.stderr
    assert _last_run_statuses(db) == {"ingested", "skipped", "failed"}
    assert exported(db) == exported(clean)
    with sqlite3.connect(db) as connection:
        keys = connection.execute("SELECT report_key FROM reports").fetchall()
        shas = connection.execute("SELECT sha256 FROM sources").fetchall()
    assert len(keys) == len(set(keys)) and len(shas) == len(set(shas))


def _last_run_statuses(db: str) -> set[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT status FROM ingest_outcomes WHERE run_id = "
            "(SELECT run_id FROM ingest_outcomes ORDER BY id DESC LIMIT 1)").fetchall()
    return {status for (status,) in rows}


def _last_run_outcomes(db: str) -> dict[str, tuple[str, str]]:
    """The last run's (status, reason) by file path."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT path, status, COALESCE(reason, '') FROM ingest_outcomes WHERE run_id = "
            "(SELECT run_id FROM ingest_outcomes ORDER BY id DESC LIMIT 1)").fetchall()
    return {path: (status, reason) for path, status, reason in rows}


def _last_run_failures(db: str) -> list[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT reason FROM ingest_outcomes WHERE status = 'failed' AND run_id = "
            "(SELECT run_id FROM ingest_outcomes ORDER BY id DESC LIMIT 1)").fetchall()
    return [reason for (reason,) in rows]


def _wait_for_reports(db: str, process: subprocess.Popen, at_least: int) -> int:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if Path(db).exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
                    count = connection.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
            except sqlite3.OperationalError:  # schema not created yet
                count = 0
            if count >= at_least:
                return count
        time.sleep(0.05)
    pytest.fail("the ingest finished (or stalled) before it could be killed mid-run")


@pytest.mark.postgres
def test_postgresql_exports_the_same_json_as_sqlite(batch, clean):
    with fresh_pg_schema() as url:
        result = _ingest(batch, url)
        assert result.returncode == 1, result.stderr
        assert exported(url) == exported(clean)
