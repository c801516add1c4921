"""``juesuan sql --timeout/--limit``: a runaway query ends with one line, rows stream and are
never all held in memory, on SQLite and PostgreSQL (issue 18, item 2)."""

from __future__ import annotations

import time
import tracemalloc
import uuid

import pytest
from typer.testing import CliRunner

from cli.main import app
from db.engine import open_database

runner = CliRunner()
ENDLESS = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r"


@pytest.fixture
def db(db_url) -> str:
    open_database(db_url).dispose()
    return db_url


def test_endless_recursive_query_stops_at_the_timeout(db):
    tag = f"probe_{uuid.uuid4().hex[:8]}"
    started = time.monotonic()
    result = runner.invoke(app, ["sql", f"{ENDLESS} /* {tag} */", "--db", db, "--timeout", "1", "-f", "csv"])
    assert time.monotonic() - started < 20
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "time limit" in lines[0], result.stderr
    assert result.stdout.startswith("n\n1\n2\n")  # rows streamed before the stop
    if not db.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    with engine.connect() as connection:  # the statement does not outlive the command
        running = connection.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE :q AND pid <> pg_backend_pid()"),
            {"q": f"%{tag} */"}).scalar_one()
    engine.dispose()
    assert running == 0


def test_limit_stops_an_endless_query_after_n_rows(db):
    started = time.monotonic()
    result = runner.invoke(app, ["sql", ENDLESS, "--db", db, "--limit", "3", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "n\n1\n2\n3\n"
    assert "--limit" in result.stderr
    assert time.monotonic() - started < 20


def test_rows_stream_without_being_held(db):
    from db.readonly import open_sql

    count = 200_000
    statement = (f"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < {count}) "
                 "SELECT n, 'a row of text that takes some room in memory' || n AS t FROM r")
    tracemalloc.start()
    try:
        with open_sql(db, statement, timeout=120) as result:
            seen = sum(1 for _ in result.rows)  # streamed: one row at a time
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seen == count
    assert peak < 8_000_000, f"{peak} bytes held for {count} rows"  # all rows: about 30 MB


def test_timeout_zero_means_no_limit_and_the_default_is_bounded(db):
    from db.readonly import DEFAULT_TIMEOUT, open_sql

    assert 0 < DEFAULT_TIMEOUT <= 300
    with open_sql(db, "SELECT 1 AS one", timeout=0) as result:
        assert list(result.rows) == [(1,)]
