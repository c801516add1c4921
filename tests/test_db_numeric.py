"""Money in the research views is a number on SQLite (typeof real/integer, ORDER BY sorts
numerically) while the base tables keep the exact decimal text the exports read."""

from __future__ import annotations

from db_sample import narrative_record, precise_record, tables_record
from sqlalchemy import text

from db.engine import open_database, session_factory
from db.export import csv_text, view_rows
from db.store import FileInfo, store_report


def _engine(tmp_path):
    engine = open_database(str(tmp_path / "n.db"))
    with session_factory(engine).begin() as session:
        for i, record in enumerate((narrative_record(), tables_record(), precise_record())):
            store_report(session, record, FileInfo(f"r{i}.pdf", str(i) * 64, "pdf", 21, 1),
                         extractor_version="test")
    return engine


def test_view_money_is_numeric_and_sorts_as_numbers(tmp_path):
    engine = _engine(tmp_path)
    with engine.connect() as c:
        kinds = {t for (t,) in c.execute(text("SELECT DISTINCT typeof(value) FROM v_facts"))}
        assert kinds <= {"real", "integer"} and kinds
        for view, column in (("v_line_items", "value"), ("v_projects", "budget"),
                             ("v_facts", "prior_value"), ("v_facts", "change_pct")):
            kinds = {t for (t,) in c.execute(text(
                f"SELECT DISTINCT typeof({column}) FROM {view} WHERE {column} IS NOT NULL"))}
            assert kinds and kinds <= {"real", "integer"}, (view, column, kinds)
        values = [v for (v,) in c.execute(text("SELECT value FROM v_facts ORDER BY value"))]
        assert values == sorted(values)
        # the base table holds the exact text: as strings '850.18' < '99' would sort first
        stored = [v for (v,) in c.execute(text("SELECT value FROM facts"))]
        assert all(isinstance(v, str) for v in stored)
        total = c.execute(text("SELECT SUM(value) FROM v_line_items WHERE code = '2010301'")).scalar()
        assert isinstance(total, float)


def test_exports_keep_the_printed_decimals(tmp_path):
    engine = _engine(tmp_path)
    with engine.connect() as c:
        as_number = c.execute(text("SELECT value FROM v_line_items WHERE printed_value = '486.90'")).scalar()
    assert as_number == 486.9
    exported = csv_text(*view_rows(engine, "v_line_items"))
    assert ",486.90," in exported and ",486.9," not in exported
