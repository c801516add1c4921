"""Schema 0009 (indexes for large databases, PostgreSQL trigram search), the bulk loader the
synthetic benchmark database is made with, and a small run of that benchmark."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from db_sample import narrative_record, tables_record
from migration_steps import downgrade_to
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from db.engine import open_database
from db.migrate import UNMODELLED_INDEXES, current_revision, head_revision
from db.search import search
from db.store import FileInfo, store_report

ROOT = Path(__file__).resolve().parent.parent
TRIGRAM = {name for name in UNMODELLED_INDEXES if name.startswith("ix_trgm_")}
BOTH_DIALECTS = {"ix_identity_evidence_field_value", "ix_ingest_outcomes_path"}


def _indexes(engine) -> set[str]:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            return {n for (n,) in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))}
        return {n for (n,) in connection.execute(text(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"))}



def _has_trigram(engine) -> bool:
    with engine.connect() as connection:
        return bool(connection.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).scalar())


def test_0009_upgrades_and_downgrades_on_both_engines(db_url):
    engine = open_database(db_url)
    assert current_revision(engine) == head_revision()
    made = _indexes(engine)
    assert BOTH_DIALECTS <= made
    if engine.dialect.name == "postgresql" and _has_trigram(engine):
        assert TRIGRAM <= made
    if engine.dialect.name == "sqlite":
        assert not TRIGRAM & made  # SQLite searches with its FTS5 table (0005)
    downgrade_to(engine, "0008")
    assert not (BOTH_DIALECTS | TRIGRAM) & _indexes(engine)
    assert current_revision(engine) == "0008"
    open_database(db_url).dispose()  # and up again
    assert BOTH_DIALECTS <= _indexes(engine)
    engine.dispose()


def _store(engine, record, path: str, n: int) -> None:
    with Session(engine) as session:
        store_report(session, record, FileInfo(path, f"{n:064x}", "pdf"), extractor_version="test")
        session.commit()


def _fill(engine) -> None:
    """Reports of several departments, some sharing a part of their name, over years."""
    n = 0
    for department in ("盐边县人民政府办公室", "盐边县财政局", "Abc县教育局", "上海市普陀区财政局"):
        for year in (2019, 2020, 2021):
            for make in (narrative_record, tables_record):
                n += 1
                _store(engine, make(department, year), f"{department}/{year}/{make.__name__}.pdf", n)


QUERIES = [("行政运行", None, None, 200), ("行政运行", None, None, 7), ("财政拨款", "财政局", None, 200),
           ("行政运行", "县人民政府", 2020, 200), ("一般公共预算", None, 2021, 5), ("100%", None, None, 200),
           ("a_b%", None, None, 200), ("行政", None, None, 200), ("运行", "财政", None, 3)]


def _answers(engine) -> list[list[dict]]:
    return [search(engine, q, department=d, year=y, limit=limit) for q, d, y, limit in QUERIES]


@pytest.mark.postgres
def test_search_is_the_same_with_the_trigram_indexes_and_on_sqlite(tmp_path):
    """PostgreSQL answers every search the same with its trigram indexes, without them (the
    fallback) and as SQLite's FTS5 does, in the same order and cut at the same limit."""
    from pg_schema import fresh_pg_schema

    sqlite = open_database(tmp_path / "s.db")
    _fill(sqlite)
    expected = _answers(sqlite)
    assert any(len(hits) > 7 for hits in expected) and any(len(hits) == 7 for hits in expected)
    with fresh_pg_schema() as url:
        engine = open_database(url)
        if not _has_trigram(engine):
            pytest.skip("pg_trgm is not installed on this server")
        _fill(engine)
        with_index = _answers(engine)
        plan = _plan_without_seqscan(engine, "行政运行")
        with engine.begin() as connection:
            for name in TRIGRAM:
                connection.execute(text(f"DROP INDEX {name}"))
        without = _answers(engine)
        engine.dispose()
    assert with_index == without == expected
    assert "ix_trgm_line_items_text" in plan and "ix_trgm_facts_text" in plan


def _plan_without_seqscan(engine, query: str) -> str:
    """The plan of the whole-database search statement when the planner may not scan (on a
    few rows it would). The first-reports window is turned off: on this small database it
    holds every report, and its statement goes by report_id, not by text."""
    from db.explain import captured

    with captured(engine) as capture:
        search(engine, query, first_window=0)
    statement = capture.reads()[-1]
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN " + statement.sql, statement.parameters)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        raw.rollback()
    finally:
        raw.close()
    return plan


def test_department_names_resolve_the_same_by_index(tmp_path):
    """diff/trend's name resolution asks the database for candidates only; SQLite's LIKE,
    which ignores ASCII case, must not widen what a part of a name matches."""
    from db.selection import match_departments

    engine = open_database(tmp_path / "j.db")
    _fill(engine)
    _store(engine, narrative_record("某某县财政局", 2022), "other.pdf", 99)
    with Session(engine) as session:
        assert match_departments(session, "盐边县财政局") == ["盐边县财政局"]
        assert match_departments(session, "县政府办公室") == ["盐边县人民政府办公室"]
        assert match_departments(session, "财政局") == sorted(["上海市普陀区财政局", "盐边县财政局", "某某县财政局"])
        assert match_departments(session, "abc县") == []
        assert match_departments(session, "Abc县") == ["Abc县教育局"]
        assert match_departments(session, "50%") == []
    engine.dispose()


def test_bulk_rows_load_back_as_the_stored_record(tmp_path):
    """db.bulk writes a report's rows as db.store does: loaded back, the same record."""
    import datetime as dt

    from db.bulk import CONTENT_TABLES, load_rows, record_rows, table_columns
    from db.load import load_record
    from db.store import _plain_tables

    record = narrative_record()
    stored = open_database(tmp_path / "stored.db")
    _store(stored, record, "a.pdf", 1)
    bulk = open_database(tmp_path / "bulk.db")
    now = dt.datetime.now(dt.UTC)
    rows = record_rows(record)
    lists = dict(warnings=list(record.warnings), tables_found=_plain_tables(record))
    with bulk.begin() as connection:
        load_rows(connection, "reports", table_columns("reports"), [tuple(dict(
            id=1, report_key="k", department="盐边县人民政府办公室", region=None, fiscal_year=2020, kind="final",
            scope="department", consolidation=None, title=record.identity.title, extractor_version="test",
            ingested_at=now, **lists)[c] for c in table_columns("reports"))])
        load_rows(connection, "sources", table_columns("sources"), [tuple(dict(
            id=1, report_id=1, sha256="0" * 64, path="a.pdf", format="pdf", pages=None, size_bytes=None,
            position=0, status="stored", superseded_by=None, extractor_version="test", ingested_at=now,
            **lists)[c] for c in table_columns("sources"))])
        for table in CONTENT_TABLES:
            columns = table_columns(table)
            given = []
            for n, row in enumerate(rows[table], start=1):
                values = {**row, "id": n, "report_id": 1}
                if "source_id" in values:
                    values["source_id"] = 1
                if table == "indicators":
                    values["project_id"] = row["project_id"] + 1
                given.append(tuple(values.get(c) for c in columns))
            load_rows(connection, table, columns, given)
    with Session(stored) as a, Session(bulk) as b:
        assert load_record(b, 1) == load_record(a, 1)
    assert search(bulk, "行政运行") and [h["text"] for h in search(bulk, "行政运行")] == \
        [h["text"] for h in search(stored, "行政运行")]  # the FTS triggers saw the bulk rows


def _run_synthetic(db: str, schema: str | None, out: Path) -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synthetic_db
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    template = ROOT / "tests" / "fixtures" / "reports" / "盐边县人民政府办公室2020年度部门决算.pdf"
    args = ["--reports", "200", "--db", db, "--template", str(template), "--repeat", "1",
            "--out", str(out / "figures.md"), "--plans", str(out / "plans.txt")]
    assert synthetic_db.main(args + (["--schema", schema] if schema else [])) == 0
    return (out / "figures.md").read_text(encoding="utf-8")


def _check_figures(figures: str) -> None:
    assert "200 reports" in figures and "reports 200, sources 200" in figures
    for name in ("store one report", "diff (one department", "trend (one department", "validate --department",
                 "search ", "sql: "):
        assert f"| {name}" in figures, name


def test_synthetic_database_small_run_on_sqlite(tmp_path):
    figures = _run_synthetic(str(tmp_path / "synthetic.db"), None, tmp_path)
    _check_figures(figures)
    engine = open_database(tmp_path / "synthetic.db")
    from db.series import fact_points

    points = fact_points(engine, ["合成00000县财政局"], ["income.total"])
    years = sorted(p["fiscal_year"] for p in points)
    assert years == list(range(2016, 2026))
    values = [p["value"] for p in sorted(points, key=lambda p: p["fiscal_year"])]
    assert len(set(values)) == 10 and values[-1] > values[0]  # a growing series, not ten copies
    assert "findings" in inspect(engine).get_table_names()
    engine.dispose()


@pytest.mark.postgres
def test_synthetic_database_small_run_on_postgresql(tmp_path):
    from pg_schema import fresh_pg_schema, pg_base_url
    from sqlalchemy import create_engine

    with fresh_pg_schema():  # skips when no server answers
        pass
    schema = f"synthetic_{tmp_path.name[-8:].replace('-', '_')}"
    try:
        figures = _run_synthetic(pg_base_url(), schema, tmp_path)
        _check_figures(figures)
        assert "empty database" in figures
        plans = (tmp_path / "plans.txt").read_text(encoding="utf-8")
        assert "Execution Time" in plans
    finally:
        admin = create_engine(pg_base_url())
        with admin.begin() as connection:
            for name in (schema, schema + "_empty"):
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin.dispose()
