"""A file's identity is its bytes and its path as bytes (issue 18, item 5): a GBK-named and
a UTF-8-named 预算.pdf side by side are two files, stored under two paths, and neither
replaces the other on any run; a control character in a name never reaches the terminal."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()
REPORTS = FIXTURES / "reports"
A = REPORTS / "盐边县人民政府办公室2019年度部门决算.pdf"
B = REPORTS / "盐边县人民政府办公室2020年度部门决算.pdf"


def _folder(tmp_path: Path) -> bytes:
    """Two different reports whose names decode to the same text, made through bytes paths."""
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    shutil.copyfile(A, os.path.join(folder, "预算.pdf".encode("gbk")))
    shutil.copyfile(B, os.path.join(folder, "预算.pdf".encode()))
    return folder


def _stored(db: Path) -> tuple[list[str], list[tuple]]:
    with sqlite3.connect(db) as connection:
        paths = sorted(p for (p,) in connection.execute("SELECT path FROM sources WHERE status = 'stored'"))
        reports = sorted(connection.execute("SELECT department, fiscal_year FROM reports"))
    connection.close()
    return paths, reports


def test_two_files_whose_names_read_alike_do_not_overwrite_each_other(tmp_path):
    folder = _folder(tmp_path)
    db = tmp_path / "j.db"
    args = ["ingest", os.fsdecode(folder), "--db", str(db), "--workers", "1", "-q"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    paths, reports = _stored(db)
    assert len(paths) == 2 and len(set(paths)) == 2, paths
    assert [year for _, year in reports] == [2019, 2020]
    utf8 = [p for p in paths if p.endswith("/预算.pdf")]
    assert len(utf8) == 1  # the GBK one is kept as its bytes, not read into the same text
    for _ in range(2):  # every later run: both unchanged, nothing replaced
        again = runner.invoke(app, args)
        assert again.exit_code == 0, again.output
        assert _stored(db) == (paths, reports)
    with sqlite3.connect(db) as connection:
        statuses = [s for (s,) in connection.execute("SELECT status FROM ingest_outcomes ORDER BY id")]
    connection.close()
    assert statuses == ["ingested", "ingested", "skipped", "skipped", "skipped", "skipped"]


def test_the_gbk_name_is_read_for_people_in_its_outcome(tmp_path):
    folder = _folder(tmp_path)
    db = tmp_path / "j.db"
    assert runner.invoke(app, ["ingest", os.fsdecode(folder), "--db", str(db), "--workers", "1", "-q"]).exit_code == 0
    result = runner.invoke(app, ["outcomes", "--db", str(db), "-f", "csv"])
    assert "file name is not UTF-8; read as GB18030: 预算.pdf" in result.stdout


def test_a_control_character_in_a_name_never_reaches_the_terminal(tmp_path):
    exe = Path(sys.executable).parent / "juesuan"
    if not exe.exists():
        pytest.skip("the juesuan console command is not installed in this environment")
    folder = tmp_path / "in"
    folder.mkdir()
    name = "red\x1b[31m\x07预算.pdf"
    shutil.copyfile(A, folder / name)
    db = tmp_path / "j.db"
    env = {**os.environ, "COLUMNS": "400"}
    ingest = subprocess.run([str(exe), "ingest", str(folder), "--db", str(db), "-v"], capture_output=True,
                            timeout=300, env=env)
    assert ingest.returncode == 0, ingest.stderr.decode()
    shown = subprocess.run([str(exe), "outcomes", "--db", str(db), "-f", "table"], capture_output=True,
                           timeout=60, env=env)
    for output in (ingest.stdout, ingest.stderr, shown.stdout, shown.stderr):
        assert b"\x1b[31m" not in output and b"\x07" not in output
    assert "red\\x1b[31m\\x07预算.pdf" in shown.stdout.decode()
    with sqlite3.connect(db) as connection:
        [(path,)] = connection.execute("SELECT path FROM sources")
    connection.close()
    assert path.endswith("red\\x1b[31m\\x07预算.pdf")
