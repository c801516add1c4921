"""Every file an export writes appears whole or not at all (issue 18, item 4): a writer that
fails midway — here a full disk met after half the bytes — leaves the file the path held
before, byte for byte, no partial file and no temporary file beside it, and one line."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from conftest import SEED_TXT
from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("atomic") / "seed.db"
    result = runner.invoke(app, ["ingest", str(SEED_TXT), "--db", str(db), "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db


def _half_then_full_disk(real):
    """``real`` writer that stops with ENOSPC after half of what it would write."""
    def writer(*args, **kwargs):
        target = next(a for a in args if isinstance(a, (str, os.PathLike)))
        real(*args, **kwargs)
        size = os.path.getsize(target)
        with open(target, "rb+") as handle:
            handle.truncate(size // 2)
        raise OSError(errno.ENOSPC, "No space left on device", os.fspath(target))
    return writer


def _patch_pathlib_text(monkeypatch):
    monkeypatch.setattr(Path, "write_text", _half_then_full_disk(Path.write_text))


def _patch_parquet(monkeypatch):
    import pyarrow.parquet as pq

    monkeypatch.setattr(pq, "write_table", _half_then_full_disk(pq.write_table))


def _patch_xlsx(monkeypatch):
    from openpyxl import Workbook

    monkeypatch.setattr(Workbook, "save", _half_then_full_disk(Workbook.save))


def _patch_pathlib_bytes(monkeypatch):
    monkeypatch.setattr(Path, "write_bytes", _half_then_full_disk(Path.write_bytes))


# (command after --db, the path -o names, the files it writes, how to break its writer)
CASES = {
    "csv": (["export", "-f", "csv", "-o", "OUT/csv"], "csv", ["csv/facts.csv", "csv/reports.csv"],
            _patch_pathlib_text),
    "parquet": (["export", "-f", "parquet", "-o", "OUT/pq"], "pq", ["pq/facts.parquet"], _patch_parquet),
    "xlsx": (["export", "-f", "xlsx", "-o", "OUT/all.xlsx"], "all.xlsx", ["all.xlsx"], _patch_xlsx),
    "json": (["export", "-f", "json", "-o", "OUT/all.json"], "all.json", ["all.json"], _patch_pathlib_text),
    "panel-csv": (["export", "-f", "panel", "-o", "OUT/panel.csv"], "panel.csv", ["panel.csv"],
                  _patch_pathlib_text),
    "panel-parquet": (["export", "-f", "panel", "-o", "OUT/panel.parquet"], "panel.parquet", ["panel.parquet"],
                      _patch_parquet),
    "datapackage": (["export", "-f", "datapackage", "-o", "OUT/dp"], "dp", ["dp/datapackage.json"],
                    _patch_pathlib_text),
    "datasette-metadata": (["datasette-metadata", "-o", "OUT/metadata.json"], "metadata.json",
                           ["metadata.json"], _patch_pathlib_text),
    "trend-chart": (["trend", "盐边", "--chart", "OUT/trend.svg", "-f", "csv"], "trend.svg", ["trend.svg"],
                    _patch_pathlib_bytes),
}


def _listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_export_that_fails_midway_keeps_the_old_file(seed_db, tmp_path, monkeypatch, case):
    command, _, files, breaker = CASES[case]
    args = [a.replace("OUT", str(tmp_path)) for a in command] + ["--db", str(seed_db)]
    if case == "trend-chart":
        pytest.importorskip("vl_convert")
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    before = _listing(tmp_path)
    for name in files:
        assert before.get(name), f"{name} not written by the first export: {sorted(before)}"

    breaker(monkeypatch)
    failed = runner.invoke(app, args)
    monkeypatch.undo()

    assert failed.exit_code == 1, failed.output
    assert "Traceback" not in failed.output
    assert failed.exception is None or isinstance(failed.exception, SystemExit), repr(failed.exception)
    line = failed.stderr.strip().splitlines()[-1]
    assert "No space left on device" in line and "nothing was replaced" in line, failed.stderr
    assert _listing(tmp_path) == before  # old bytes intact, no partial file, no temporary left


def test_a_first_export_that_fails_leaves_no_file(seed_db, tmp_path, monkeypatch):
    _patch_xlsx(monkeypatch)
    result = runner.invoke(app, ["export", "-f", "xlsx", "-o", str(tmp_path / "new.xlsx"), "--db", str(seed_db)])
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert list(tmp_path.iterdir()) == []
