"""A file that is not juesuan's database — another program's SQLite file, random bytes, a
truncated copy — is refused by every command without a byte written, in one line naming the
file and what is wrong (issue 18, item 4)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()


def _foreign(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO users (name) VALUES ('a')")
    connection.close()
    return "not a juesuan database"


def _random(path: Path) -> str:
    path.write_bytes(os.urandom(16384))
    return "not a SQLite database"


def _truncated(path: Path) -> str:
    from db_sample import narrative_record

    from db.engine import open_database, session_factory
    from db.store import FileInfo, store_report

    engine = open_database(path)
    with session_factory(engine).begin() as session:
        store_report(session, narrative_record(), FileInfo("r.pdf", "a" * 64, "pdf", 21, 1),
                     extractor_version="test")
    engine.dispose()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return "truncated"


COMMANDS = [["reports"], ["sql", "SELECT 1"], ["export", "-f", "json", "--output", "OUT"], ["outcomes"],
            ["ingest", str(FIXTURES / "seed_yanbian_2020.txt")]]


@pytest.mark.parametrize("make", [_foreign, _random, _truncated])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_database_that_is_not_juesuans_is_refused_untouched(tmp_path, make, command):
    path = tmp_path / "other.db"
    wrong = make(path)
    before = path.read_bytes()
    siblings = sorted(p.name for p in tmp_path.iterdir())
    args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    result = runner.invoke(app, [*args, "--db", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and wrong in lines[0], result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings  # no -wal, -shm or journal left


def test_an_empty_sqlite_file_and_a_juesuan_database_still_open(tmp_path):
    from db.engine import open_database

    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    open_database(empty).dispose()
    open_database(empty).dispose()  # now juesuan's
    result = runner.invoke(app, ["reports", "--db", str(empty), "-f", "csv"])
    assert result.exit_code in (0, 1) and "not a juesuan" not in result.output


# -- PostgreSQL: the schema a URL points at ------------------------------------------------

READ_COMMANDS = [["reports"], ["sql", "SELECT 1"], ["outcomes"], ["show", "1"], ["validate"],
                 ["export", "-f", "json"], ["trend", "income.total"], ["diff", "某部门", "2019", "2020"],
                 ["search", "支出"]]


def _relations(url: str) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return sorted(connection.execute(text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema()")).scalars())
    finally:
        engine.dispose()


def _one_line(result) -> str:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_read_command_on_an_empty_postgresql_schema_creates_nothing(command):
    from pg_schema import fresh_pg_schema

    with fresh_pg_schema() as url:
        result = runner.invoke(app, [*command, "--db", url])
        assert result.exit_code == 1, result.output
        line = _one_line(result)
        assert "no juesuan database in schema jt_" in line and "juesuan ingest" in line, line
        assert _relations(url) == []


@pytest.mark.parametrize("command", [*READ_COMMANDS, ["ingest", str(FIXTURES / "seed_yanbian_2020.txt")]],
                         ids=lambda c: c[0])
def test_a_postgresql_schema_that_is_not_juesuans_is_refused_untouched(command):
    from pg_schema import fresh_pg_schema
    from sqlalchemy import create_engine, text

    with fresh_pg_schema() as url:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE users (id integer PRIMARY KEY, name text)"))
            connection.execute(text("INSERT INTO users VALUES (1, 'a')"))
        engine.dispose()
        before = _relations(url)
        result = runner.invoke(app, [*command, "--db", url])
        assert result.exit_code == 1, result.output
        line = _one_line(result)
        assert "is not a juesuan database" in line and "users" in line and "schema jt_" in line, line
        assert _relations(url) == before


def test_ingest_sets_up_an_empty_postgresql_schema_and_reads_then_open_it():
    from pg_schema import fresh_pg_schema

    with fresh_pg_schema() as url:
        result = runner.invoke(app, ["ingest", str(FIXTURES / "seed_yanbian_2020.txt"), "--db", url, "-q"])
        assert result.exit_code == 0, result.output
        assert "alembic_version" in _relations(url)
        result = runner.invoke(app, ["reports", "--db", url, "-f", "csv"])
        assert result.exit_code == 0 and "盐边" in result.stdout, result.output
