"""Issue 15's error cases through the installed ``juesuan`` command, as a person meets them:
a real process, its exit code, its one-line message on stderr, and never a traceback
(the same cases run through typer's runner in tests/test_cli_commands.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_TXT

EXE = Path(sys.executable).parent / "juesuan"
ENV = {**os.environ, "COLUMNS": "400"}


def _juesuan(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    if not EXE.exists():
        pytest.skip("the juesuan console command is not installed in this environment")
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, timeout=300, cwd=cwd, env=ENV,
                          input=stdin)


def _refused(out: subprocess.CompletedProcess, code: int, *words: str) -> str:
    assert out.returncode == code, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr + out.stdout
    lines = out.stderr.strip().splitlines()
    assert lines, "no message"
    for word in words:
        assert word in lines[-1], (word, out.stderr)
    return lines[-1]


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("cli") / "seed.db"
    out = _juesuan("ingest", str(SEED_TXT), "--db", str(db), "-q")
    assert out.returncode == 0, out.stderr
    return str(db)


# -- a mistyped --db on a read command creates nothing and names the path ------------------

READ_COMMANDS = [["reports"], ["show", "1"], ["sql", "SELECT 1"], ["diff", "某部门", "2019", "2020"],
                 ["validate"], ["export", "-f", "json"], ["trend", "某部门"], ["outcomes"], ["search", "支出"]]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_mistyped_db_creates_nothing(tmp_path, command):
    missing = tmp_path / "typo" / "reserch.db"
    _refused(_juesuan(*command, "--db", str(missing)), 1, "no database at", str(missing))
    assert not missing.parent.exists()


# -- a --db that is no database, a malformed or unreachable URL ----------------------------

def test_a_db_file_that_is_no_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 10)
    before = path.read_bytes()
    _refused(_juesuan("reports", "--db", str(path)), 1, str(path), "not a SQLite database")
    assert path.read_bytes() == before


@pytest.mark.parametrize(("url", "words"), [
    ("nosuchdriver+x://host/db", ("not a database URL",)),
    ("postgresql://postgres@127.0.0.1:1/none", ("cannot open the database", "127.0.0.1")),
])
def test_a_malformed_or_unreachable_url(url, words):
    _refused(_juesuan("reports", "--db", url), 1, *words)


# -- export -o: a missing folder is made, the wrong kind of path is refused ----------------

def test_export_into_a_missing_folder_makes_it(seed_db, tmp_path):
    target = tmp_path / "new" / "deeper" / "all.json"
    out = _juesuan("export", "-f", "json", "-o", str(target), "--db", seed_db)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert target.read_text(encoding="utf-8").startswith("{")


def test_export_of_files_onto_an_existing_file_is_refused(seed_db, tmp_path):
    target = tmp_path / "taken.txt"
    target.write_text("mine", encoding="utf-8")
    _refused(_juesuan("export", "-f", "csv", "-o", str(target), "--db", seed_db), 2, str(target), "is a file")
    assert target.read_text(encoding="utf-8") == "mine"


def test_export_of_one_file_onto_a_folder_is_refused(seed_db, tmp_path):
    _refused(_juesuan("export", "-f", "xlsx", "-o", str(tmp_path), "--db", seed_db), 2, str(tmp_path), "is a folder")


def test_export_into_a_folder_that_cannot_be_made(seed_db, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    _refused(_juesuan("export", "-f", "json", "-o", str(blocker / "sub" / "a.json"), "--db", seed_db), 1,
             "cannot create", str(blocker / "sub"))


# -- nothing to do, nothing matched --------------------------------------------------------

def test_ingest_of_an_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    _refused(_juesuan("ingest", str(tmp_path / "empty"), "--db", str(tmp_path / "j.db")), 1,
             "no files found", "nothing to ingest")


def test_ingest_of_a_path_that_does_not_exist(tmp_path):
    _refused(_juesuan("ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "j.db")), 2,
             "no such file or folder", str(tmp_path / "nowhere"))


@pytest.mark.parametrize("statement", ["", "   "])
def test_an_empty_sql_statement(seed_db, statement):
    _refused(_juesuan("sql", statement, "--db", seed_db), 2, "the SQL statement is empty")


def test_sql_from_stdin_and_a_file(seed_db, tmp_path):
    out = _juesuan("sql", "-", "--db", seed_db, "-f", "csv", stdin="SELECT count(*) AS n FROM reports")
    assert out.returncode == 0 and out.stdout.splitlines() == ["n", "1"], out.stderr
    query = tmp_path / "q.sql"
    query.write_text("SELECT count(*) AS n FROM reports", encoding="utf-8")
    out = _juesuan("sql", "--file", str(query), "--db", seed_db, "-f", "csv")
    assert out.returncode == 0 and out.stdout.splitlines() == ["n", "1"], out.stderr
    _refused(_juesuan("sql", "--file", str(tmp_path / "none.sql"), "--db", seed_db), 2, "cannot read")


def test_a_write_through_sql_is_refused(seed_db):
    _refused(_juesuan("sql", "DELETE FROM reports", "--db", seed_db), 1, "refused", "read-only")


@pytest.mark.parametrize("command", [
    ["reports", "--year", "1900"],
    ["reports", "--department", "无此部门"],
    ["show", "无此部门"],
    ["diff", "无此部门", "2019", "2020"],
    ["validate", "--department", "无此部门"],
    ["export", "-f", "json", "--year", "1900"],
    ["export", "-f", "panel", "--department", "无此部门"],
    ["trend", "无此部门"],
], ids=lambda c: "-".join(c[:2]))
def test_a_filter_that_matches_nothing_exits_1_saying_so(seed_db, command):
    line = _refused(_juesuan(*command, "--db", seed_db), 1)
    assert "无此部门" in line or "1900" in line or "no department matched" in line, line


@pytest.mark.parametrize("command", [["outcomes", "--status", "bogus"], ["show", "1", "--part", "bogus"],
                                     ["export", "-f", "bogus"], ["reports", "--year", "x"]])
def test_a_usage_error_exits_2(seed_db, command):
    out = _juesuan(*command, "--db", seed_db)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    assert "bogus" in out.stderr or "'--year'" in out.stderr


# -- help, version, what a misnamed file was read as ---------------------------------------

def test_help_and_version():
    version = _juesuan("--version")
    assert version.returncode == 0 and version.stdout.startswith("juesuan ")
    for command in ("ingest", "export", "sql", "show"):
        helped = _juesuan(command, "--help")
        assert helped.returncode == 0, helped.stderr
        assert "<bool>" not in helped.stdout and "list[Path]" not in helped.stdout and "Example" in helped.stdout


def test_a_text_file_named_docx_is_read_saying_so(tmp_path):
    fake = tmp_path / "report.docx"
    fake.write_bytes(SEED_TXT.read_bytes())
    out = _juesuan("ingest", str(fake), "--db", str(tmp_path / "j.db"), "-v")
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert "plain text saved as .docx" in out.stderr
