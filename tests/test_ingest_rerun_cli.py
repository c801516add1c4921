"""A file that failed stays failed on a re-run: `juesuan ingest` twice on a folder with one
unreadable file and one good report. The second run parses nothing (the bad file is
unchanged, the good one stored) and still exits 1, naming the old reason; `--force` reads
the bad file again."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from ingest_helpers import copy_files
from typer.testing import CliRunner

import ingest.pipeline
from cli.main import app

runner = CliRunner()
GOOD, BAD = "seed/yanbian_2020.docx", "bad/empty.pdf"


def _ingest(folder: Path, db: str, *extra: str):
    return runner.invoke(app, ["ingest", str(folder), "--db", db, "--workers", "1", *extra])


def _last_run(db: str) -> dict[str, tuple[str, str | None, float | None]]:
    """File name → (status, reason, seconds) of the latest run's outcome rows."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT path, status, reason, seconds FROM ingest_outcomes WHERE run_id = "
            "(SELECT run_id FROM ingest_outcomes ORDER BY id DESC LIMIT 1)").fetchall()
    return {Path(path).name: (status, reason, seconds) for path, status, reason, seconds in rows}


@pytest.fixture
def folder(tmp_path) -> Path:
    return copy_files(tmp_path / "in", GOOD, BAD)


def test_unchanged_failure_is_reported_failed_without_parsing(folder, tmp_path, monkeypatch):
    db = str(tmp_path / "j.db")
    first = _ingest(folder, db)
    assert first.exit_code == 1, first.output
    first_outcomes = _last_run(db)
    status, reason, _ = first_outcomes["empty.pdf"]
    assert status == "failed" and reason.startswith("empty file")
    assert first_outcomes["yanbian_2020.docx"][0] == "ingested"

    def no_parsing(*args, **kwargs):
        raise AssertionError("the second run started a worker: it must parse nothing")

    monkeypatch.setattr(ingest.pipeline, "start_worker", no_parsing)
    second = _ingest(folder, db)
    assert second.exit_code == 1, second.output
    outcomes = _last_run(db)
    assert outcomes["empty.pdf"] == ("failed", f"unchanged since it failed: {reason}", None)
    assert outcomes["yanbian_2020.docx"][:2] == ("skipped", "unchanged (report 1)")
    summary = {row[0]: int(row[1]) for row in re.findall(r"│ (\w+) +│ +(\d+) │", second.stderr)}
    assert summary == {"ingested": 0, "skipped": 1, "failed": 1}
    assert "failed files" in second.stderr  # the table naming each failure and its reason


def test_force_reads_the_failed_file_again(folder, tmp_path):
    db = str(tmp_path / "j.db")
    assert _ingest(folder, db).exit_code == 1
    forced = _ingest(folder, db, "--force")
    assert forced.exit_code == 1
    status, reason, seconds = _last_run(db)["empty.pdf"]
    assert (status, seconds is not None) == ("failed", True)  # a worker read it this time
    assert reason.startswith("empty file")  # its own reason, not the carried one
