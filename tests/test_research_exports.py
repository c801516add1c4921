"""export --format panel (one row per report; CSV and Parquet, exact decimals) and
--format datapackage (a Frictionless Data Package that frictionless validates)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from decimal import Decimal

import pytest
from db_sample import narrative_record, precise_record, tables_record
from typer.testing import CliRunner

from cli.main import app
from db.engine import open_database, session_factory
from db.panel import build_panel
from db.store import FileInfo, store_report
from models.records import LineItem, Source


def _with_class(record):
    """The tables part plus its 类 line (seed line 85: 一般公共服务（类）支出712.91万元 in the 2020 report;
    relabelled 2021 here, the value is only carried through)."""
    line = LineItem("general_budget_expenditure", "function", "201", "一般公共服务支出", "total",
                    Decimal("712.91"), Source(block=3, page=14, row=4, col=3, text="712.91"),
                    printed_unit="万元", printed_value="712.91", code_origin="printed", level="类")
    return replace(record, line_items=[line, *record.line_items])


@pytest.fixture
def stored(db_url):
    engine = open_database(db_url)
    with session_factory(engine).begin() as session:
        records = (narrative_record(year=2019), narrative_record(), _with_class(tables_record(year=2021)),
                   precise_record())
        for i, record in enumerate(records):
            store_report(session, record, FileInfo(f"r{i}.pdf", str(i) * 64, "pdf", 21, 1),
                         extractor_version="test")
    engine.dispose()
    return db_url


def test_panel_has_one_row_per_report_and_exact_values(stored):
    result = CliRunner().invoke(app, ["export", "-f", "panel", "--db", stored])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    engine = open_database(stored)
    with engine.connect() as c:
        from sqlalchemy import text
        reports = c.execute(text("SELECT COUNT(*) FROM reports")).scalar()
    engine.dispose()
    assert len(rows) == reports == 4
    assert len({r["report_id"] for r in rows}) == 4
    by_year = {(r["department"], r["fiscal_year"]): r for r in rows}
    seed = by_year[("盐边县人民政府办公室", "2020")]
    assert seed["income_total"] == "850.18" and seed["expenditure_basic"] == "706.02"
    assert by_year[("盐边县人民政府办公室", "2021")]["line_201"] == "712.91"  # a 类-level line column
    assert not any(name.startswith("line_2010") for name in rows[0])  # 款/项 are not columns
    assert all("." not in name for name in rows[0])  # Stata/R-safe names
    # a figure a report does not state is empty, never 0
    assert by_year[("盐边县人民政府办公室", "2021")]["income_total"] == ""


def test_panel_parquet(stored, tmp_path):
    import pyarrow.parquet as pq
    out = tmp_path / "panel.parquet"
    result = CliRunner().invoke(app, ["export", "-f", "panel", "-o", str(out), "--db", stored])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows == 4
    assert Decimal("850.18") in table.column("income_total").to_pylist()
    assert str(table.schema.field("income_total").type).startswith("decimal128")


def test_panel_columns_carry_the_dictionary(stored):
    engine = open_database(stored)
    with session_factory(engine)() as session:
        from db.export import report_ids
        ids = report_ids(session)
    columns, rows = build_panel(engine, ids)
    engine.dispose()
    income = next(c for c in columns if c.name == "income_total")
    assert income.source == "income.total" and income.unit == "万元" and "收入" in income.label
    assert len(rows) == len(ids)


def test_datapackage_validates_with_frictionless(stored, tmp_path):
    import frictionless
    folder = tmp_path / "pkg"
    result = CliRunner().invoke(app, ["export", "-f", "datapackage", "-o", str(folder), "--db", stored])
    assert result.exit_code == 0, result.output
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in descriptor["resources"]]
    assert names == ["reports", "facts", "line_items", "projects", "indicators", "findings", "panel"]
    facts = descriptor["resources"][1]["schema"]
    assert facts["primaryKey"] == ["fact_id"] and facts["foreignKeys"][0]["reference"]["resource"] == "reports"
    value = next(f for f in facts["fields"] if f["name"] == "value")
    assert value["type"] == "number" and "万元" in value["description"]
    panel = descriptor["resources"][-1]["schema"]["fields"]
    assert "收入" in next(f for f in panel if f["name"] == "income_total")["description"]
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_catches_a_broken_foreign_key(stored, tmp_path):
    """The package's keys are real: a fact pointing at no report fails validation."""
    import frictionless
    folder = tmp_path / "pkg"
    assert CliRunner().invoke(app, ["export", "-f", "datapackage", "-o", str(folder), "--db", stored]).exit_code == 0
    facts = folder / "facts.csv"
    lines = facts.read_text(encoding="utf-8").splitlines()
    head, first, *rest = lines
    cells = next(csv.reader([first]))
    cells[1] = "999"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    facts.write_text("\n".join([head, buffer.getvalue().rstrip("\n"), *rest]) + "\n", encoding="utf-8")
    assert not frictionless.validate(str(folder / "datapackage.json")).valid


def test_datapackage_needs_a_folder(stored):
    result = CliRunner().invoke(app, ["export", "-f", "datapackage", "--db", stored])
    assert result.exit_code == 2 and "-o" in result.stderr
