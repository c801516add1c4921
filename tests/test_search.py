"""juesuan search: full-text over stored sentences and table cells (SQLite FTS5 trigram, kept
current by triggers; PostgreSQL ILIKE), results with department, year and page."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from db_sample import narrative_record, tables_record
from sqlalchemy import text
from typer.testing import CliRunner

from cli.main import app
from db.engine import open_database, session_factory
from db.search import FTS_TABLE, search
from db.store import FileInfo, store_report

SEED_PDF = Path(__file__).resolve().parent / "fixtures" / "seed" / "yanbian_2020.pdf"


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("seed")
    shutil.copy(SEED_PDF, folder / SEED_PDF.name)
    db = str(folder / "seed.db")
    result = CliRunner().invoke(app, ["ingest", str(folder / SEED_PDF.name), "--db", db, "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db


def test_search_the_seed_for_vehicles(seed_db):
    """Page 5 of the seed PDF (checked with pdftotext -f 5 -l 5) says
    "截至2020年12月底，单位共有公务用车0辆。" and "公务用车运行维护费支出0.5万元。"."""
    result = CliRunner().invoke(app, ["search", "公务用车", "--db", seed_db, "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all("公务用车" in r["text"] for r in rows)
    by_text = {r["text"]: r for r in rows}
    fleet = by_text["截至2020年12月底，单位共有公务用车0辆。"]
    assert fleet["page"] == "5" and fleet["fiscal_year"] == "2020"
    assert fleet["department"] == "盐边县人民政府办公室" and fleet["file"].endswith("yanbian_2020.pdf")
    assert by_text["公务用车运行维护费支出0.5万元。"]["page"] == "5"
    assert len(rows) == len({(r["report_id"], r["page"], r["text"]) for r in rows})  # distinct


def test_short_queries_and_nothing_found(seed_db):
    engine = open_database(seed_db)
    two = search(engine, "三公")  # below trigram length: scanned
    assert two and all("三公" in h["text"] for h in two)
    assert search(engine, "不存在的词语甲乙丙") == []
    assert search(engine, "公务用车", year=2019) == []
    engine.dispose()
    result = CliRunner().invoke(app, ["search", "不存在的词语甲乙丙", "--db", seed_db, "-f", "csv"])
    assert result.exit_code == 0 and "no stored text" in result.stderr


def _store(engine, record, name: str, digest: str) -> None:
    with session_factory(engine).begin() as session:
        store_report(session, record, FileInfo(name, digest * 64, "pdf", 21, 1), extractor_version="test")


def test_index_follows_deletes_and_replacements(tmp_path):
    engine = open_database(str(tmp_path / "s.db"))
    _store(engine, narrative_record(), "a.pdf", "1")
    _store(engine, tables_record(), "b.pdf", "2")
    assert {h["found_in"] for h in search(engine, "486.90")} == {"line_item"}
    assert search(engine, "收入决算总额")[0]["found_in"] == "fact"
    with engine.begin() as connection:
        indexed = connection.execute(text(f"SELECT COUNT(*) FROM {FTS_TABLE}")).scalar()
        stored = sum(connection.execute(text(f"SELECT COUNT(*) FROM {t} WHERE text <> ''")).scalar()
                     for t in ("facts", "line_items", "projects", "indicators"))
        assert indexed == stored
        connection.execute(text("DELETE FROM reports"))
        assert connection.execute(text(f"SELECT COUNT(*) FROM {FTS_TABLE}")).scalar() == 0
    assert search(engine, "收入决算总额") == []
    engine.dispose()


def test_search_on_both_backends(db_url):
    engine = open_database(db_url)
    _store(engine, narrative_record(), "a.pdf", "1")
    hits = search(engine, "行政运行")
    assert hits and hits[0]["department"] == "盐边县人民政府办公室" and "行政运行" in hits[0]["text"]
    assert search(engine, "100%") and search(engine, "a_b%") == []  # LIKE wildcards are literal
    assert search(engine, "行政运行", department="财政局") == []
    engine.dispose()


def test_the_migration_holds_the_current_search_schema():
    """db.search's DDL is frozen in migration 0005: changing one means a new migration."""
    import importlib.util

    from db.search import sqlite_ddl, sqlite_drop

    path = Path(__file__).resolve().parent.parent / "db" / "migrations" / "versions" / "0005_text_search.py"
    spec = importlib.util.spec_from_file_location("m0005", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.CREATE == sqlite_ddl() and module.DROP == sqlite_drop()


@pytest.mark.parametrize("window", [0, 1, 2, 3, 10])
def test_first_reports_window_gives_the_whole_search_answer(db_url, window):
    """PostgreSQL asks the first reports in result order alone before the whole database
    (a common phrase at scale); whatever the window, the answer is the same as asking all."""
    engine = open_database(db_url)
    for n, department in enumerate(["丁县财政局", "甲县教育局", "乙县卫生健康委员会", "丙县民政局"]):
        _store(engine, narrative_record(department), f"n{n}.pdf", str(n))
        _store(engine, tables_record(department), f"t{n}.pdf", str(n + 4))
    everything = search(engine, "行政运行", limit=1000, first_window=10_000)
    assert len({hit["department"] for hit in everything}) == 4
    for limit in (1, 2, 3, 5, 1000):
        assert search(engine, "行政运行", limit=limit, first_window=window) == everything[:limit]
    assert search(engine, "486.90", limit=2, first_window=window) == search(
        engine, "486.90", limit=2, first_window=10_000)
    engine.dispose()
