"""Every research query of docs/schema.md runs, on SQLite and PostgreSQL, with the
expected answer on the seed-derived sample reports."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from db_sample import narrative_record, prior_year_record, tables_record
from sqlalchemy import text

from db.engine import open_database, session_factory
from db.store import FileInfo, store_report
from models.orm import IngestOutcome

SCHEMA_DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"


def documented_queries() -> dict[int, str]:
    """``### N. title`` followed by a ```sql block, from docs/schema.md."""
    found = re.findall(r"### (\d+)\. [^\n]*\n+```sql\n(.*?)```", SCHEMA_DOC.read_text(), re.S)
    return {int(n): sql for n, sql in found}


@pytest.fixture
def engine(db_url):
    engine = open_database(db_url)
    sessions = session_factory(engine)
    with sessions.begin() as session:
        for i, record in enumerate((prior_year_record(), narrative_record(), tables_record())):
            store_report(session, record, FileInfo(f"r{i}.pdf", str(i) * 64, "pdf", 21, 1),
                         extractor_version="test")
        session.add(IngestOutcome(run_id="run1", path="bad.pdf", status="failed",
                                  reason="encrypted PDF: password required",
                                  at=dt.datetime.now(dt.UTC)))
    yield engine
    engine.dispose()


def _rows(engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(sql))]


def _norm(rows: list[tuple]) -> list[tuple]:
    """Compare numbers by value (SQLite views give floats, PostgreSQL Decimals)."""
    return [tuple(Decimal(str(v)).normalize() if isinstance(v, (float, Decimal)) else v for v in r)
            for r in rows]


D = Decimal
OFFICE = "盐边县人民政府办公室"
EXPECTED = {
    1: [(OFFICE, 2019, "final", D("731.42")), (OFFICE, 2020, "final", D("850.18"))],
    4: [(OFFICE, 2020, "general_budget_expenditure", "total", D("486.9"), "r2.pdf", 14),
        (OFFICE, 2020, "narrative", "final", D("486.9"), "r1.pdf", None)],
    5: [(OFFICE, 2020, "20103", "政府办公厅（室）及相关机构事务", D("712.91"))],
    6: [(OFFICE, 2020, "县政府办公室工作经费", D("78"), D("77.98"), D("0.02"), D("99.97"))],
    8: [(OFFICE, 2020, "narrative_vs_form", "新型冠状肺炎防控 执行数 0.09 (narrative) vs 0.9 (form)")],
    9: [(OFFICE, 2019, "final")],
    11: [("bad.pdf", "encrypted PDF: password required", None)],
}


def test_the_documented_queries_are_ten_or_more():
    assert len(documented_queries()) >= 10


@pytest.mark.parametrize("number", sorted(documented_queries()))
def test_documented_query(engine, number):
    rows = _norm(_rows(engine, documented_queries()[number]))
    if number in EXPECTED:
        assert rows == _norm(EXPECTED[number])
    elif number == 2:
        assert rows[0][:7] == _norm([(OFFICE, 2020, D("850.18"), 2019, D("731.42"), D("118.76"),
                                      D("16.24"))])[0]
        assert "731.42" in rows[0][8]
    elif number == 3:
        assert rows == [(OFFICE, 2020, D("731.42"), D("731.42"), D("0"))]
    elif number == 7:
        assert rows == [(OFFICE, 2020, "县政府办公室工作经费", "项目完成指标", "数量指标",
                         "完成各项目标任务", "完成2020年县政府工作报告", "按工作计划全部完成")]
    elif number == 10:
        assert ("function", "2010301", "行政运行", "项", "20103", 2020, 2020) in rows
        assert ("function", "20103", "政府办公厅（室）及相关机构事务", "款", "201", 2020, 2020) in rows
    else:
        pytest.fail(f"query {number} of docs/schema.md has no expected answer in this test")
