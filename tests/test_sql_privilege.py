"""``juesuan sql`` runs with least privilege: no server-side files, programs, other sessions,
settings or extensions, on PostgreSQL with a superuser URL and on SQLite (issue 18, item 1)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from db_sample import narrative_record
from pg_schema import fresh_pg_schema
from typer.testing import CliRunner

from cli.main import app
from db.engine import open_database, session_factory
from db.store import FileInfo, store_report

runner = CliRunner()


def _fill(db: str) -> None:
    engine = open_database(db)
    with session_factory(engine).begin() as session:
        store_report(session, narrative_record(), FileInfo("r.pdf", "a" * 64, "pdf", 21, 1),
                     extractor_version="test")
    engine.dispose()


@pytest.fixture
def pg_url():
    with fresh_pg_schema() as url:
        _fill(url)
        yield url


def _marker() -> Path:
    # The server runs on this machine; /tmp is where it may write.
    return Path("/tmp") / f"juesuan_probe_{uuid.uuid4().hex[:10]}"


def _pg_attacks(marker: Path) -> list[str]:
    return [
        f"COPY (SELECT 1) TO '{marker}'",
        f"COPY facts TO PROGRAM 'touch {marker}'",
        f"COPY (SELECT 1) TO PROGRAM 'touch {marker}'",
        "COPY facts FROM '/etc/hostname'",
        "COPY facts FROM PROGRAM 'true'",
        "SELECT pg_read_file('/etc/hostname')",
        "SELECT pg_catalog.pg_read_file('/etc/hostname')",
        'SELECT "pg_read_file"(\'/etc/hostname\')',
        "SELECT * FROM pg_ls_dir('.')",
        "SELECT lo_import('/etc/hostname')",
        f"SELECT lo_export(1, '{marker}')",
        "SELECT pg_reload_conf()",
        "SELECT set_config('role', 'postgres', true), pg_read_file('/etc/hostname')",
        "SELECT set_config('default_transaction_read_only', 'off', false)",
        "SELECT query_to_xml('SELECT pg_read_file(''/etc/hostname'')', true, true, '')",
        f"DO $$ BEGIN RESET ROLE; EXECUTE 'COPY (SELECT 1) TO PROGRAM ''touch {marker}'''; END $$",
        'SELECT U&"\\0070g_read_file"(\'/etc/hostname\')',
        "EXPLAIN ANALYZE DELETE FROM facts",
        "WITH gone AS (DELETE FROM facts RETURNING 1) SELECT count(*) FROM gone",
        "SET ROLE postgres",
        "RESET ROLE",
    ]


def test_pg_superuser_url_reaches_nothing_outside_the_tables(pg_url):
    from db.readonly import WriteRefused, run_sql

    marker = _marker()
    count = run_sql(pg_url, "SELECT count(*) AS n FROM facts")
    for statement in _pg_attacks(marker):
        with pytest.raises(WriteRefused):
            run_sql(pg_url, statement)
        assert not marker.exists(), statement
    assert run_sql(pg_url, "SELECT count(*) AS n FROM facts") == count


def test_pg_terminate_backend_kills_no_other_session(pg_url):
    from sqlalchemy import create_engine, text

    from db.readonly import WriteRefused, run_sql

    other = create_engine(pg_url).connect()
    try:
        pid = other.execute(text("SELECT pg_backend_pid()")).scalar_one()
        for statement in (f"SELECT pg_terminate_backend({pid})", f"SELECT pg_cancel_backend({pid})"):
            with pytest.raises(WriteRefused):
                run_sql(pg_url, statement)
        assert other.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        other.close()


def test_pg_statement_runs_as_the_reader_role_with_select_only(pg_url):
    """The role layer holds on its own: even a function the statement check does not know
    is run by a role that can read juesuan's tables and nothing else."""
    from sqlalchemy import create_engine, text

    from db.readonly import WriteRefused, run_sql

    assert run_sql(pg_url, "SELECT current_user AS u") == (["u"], [("juesuan_reader",)])
    # (the names are spelled in pieces: the statement check refuses them anywhere in the text)
    rights = ("SELECT bool_or(has_function_privilege(p.oid, 'EXECUTE')) AS f, "
              "pg_has_role('pg_' || 'read_server_files', 'USAGE') AS r, has_table_privilege('v_facts', 'SELECT') AS v "
              "FROM pg_proc p WHERE p.proname IN ('pg_' || 'read_binary_file', 'pg_' || 'ls_dir')")
    assert run_sql(pg_url, rights)[1] == [(False, False, True)]
    admin = create_engine(pg_url)
    with admin.begin() as connection:
        connection.execute(text("CREATE TABLE not_juesuans (secret TEXT)"))
    admin.dispose()
    with pytest.raises(WriteRefused, match="permission denied"):
        run_sql(pg_url, "SELECT * FROM not_juesuans")


def test_pg_copy_to_stdout_is_one_line_refusal(pg_url):
    result = runner.invoke(app, ["sql", "COPY facts TO STDOUT", "--db", pg_url])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "refused" in lines[0] and "COPY" in lines[0]


def test_pg_ordinary_queries_still_run(pg_url):
    from db.readonly import run_sql

    columns, rows = run_sql(pg_url, "EXPLAIN SELECT department FROM v_reports")
    assert columns == ["QUERY PLAN"] and rows
    columns, rows = run_sql(
        pg_url, "WITH m AS (SELECT metric, value FROM v_facts) SELECT metric, sum(value) AS s FROM m "
                "GROUP BY metric ORDER BY metric LIMIT 1")
    assert columns == ["metric", "s"] and len(rows) == 1


def test_pg_user_who_cannot_create_the_role_is_told_the_sql(pg_url):
    """A powerful user (here: may read server files) who may not create roles is refused with
    the statements an administrator runs; nothing is executed as that user."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from db.readonly import WriteRefused, run_sql

    name = f"jt_user_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_url)
    schema = make_url(pg_url).query["options"].split("=", 1)[1]
    with admin.begin() as connection:
        connection.execute(text(f"CREATE ROLE {name} LOGIN"))
        connection.execute(text(f"GRANT pg_read_server_files TO {name}"))
        connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {name}"))
        connection.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {name}"))
        connection.execute(text(f"REVOKE ALL ON SCHEMA {schema} FROM juesuan_reader"))
    try:
        url = make_url(pg_url).set(username=name).render_as_string(hide_password=False)
        with pytest.raises(WriteRefused) as refused:
            run_sql(url, "SELECT pg_read_file('/etc/hostname')")
        with pytest.raises(WriteRefused) as refused:
            run_sql(url, "SELECT count(*) FROM facts")
        assert "CREATE ROLE" in str(refused.value) and f"GRANT USAGE ON SCHEMA \"{schema}\"" in str(refused.value)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP OWNED BY {name}"))
            connection.execute(text(f"DROP ROLE {name}"))
        admin.dispose()


@pytest.mark.parametrize("statement", [
    "SELECT fts3_tokenizer('simple')",
    "SELECT hex(fts3_tokenizer('simple'))",
    "SELECT load_extension('/tmp/nothing')",
    "SELECT * FROM facts WHERE load_extension('x') IS NULL",
    "PRAGMA query_only = OFF",
    "PRAGMA writable_schema = ON",
    "PRAGMA user_version = 7",
    "PRAGMA journal_mode = DELETE",
    "DELETE FROM reports",
])
def test_sqlite_denies_functions_and_pragmas_outside_the_allowlist(tmp_path, statement):
    from db.readonly import WriteRefused, run_sql

    path = tmp_path / "j.db"
    _fill(str(path))
    before = path.read_bytes()
    count = run_sql(str(path), "SELECT count(*) AS n FROM facts")
    with pytest.raises(WriteRefused):
        run_sql(str(path), statement)
    assert path.read_bytes() == before
    assert run_sql(str(path), "SELECT count(*) AS n FROM facts") == count


def test_sqlite_research_queries_still_run(tmp_path):
    from db.readonly import run_sql

    path = str(tmp_path / "j.db")
    _fill(path)
    assert run_sql(path, "SELECT count(*), max(value), group_concat(metric) FROM v_facts")[1][0][0] == 3
    assert run_sql(path, "PRAGMA table_info(facts)")[1]
    assert run_sql(path, "SELECT name FROM pragma_table_info('facts') WHERE name = 'metric'")[1] == [("metric",)]
    assert run_sql(path, "SELECT json_extract('{\"a\": 1}', '$.a'), round(abs(-1.5)), date('2020-01-01')")[1]
    found = run_sql(path, "SELECT count(*) FROM text_search WHERE text_search MATCH '盐边县'")
    assert found[1][0][0] >= 0
