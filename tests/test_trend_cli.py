"""``juesuan trend`` over stored records (SQLite and PostgreSQL), and on the three 万里街道
budget reports of the corpus when present."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from db_sample import narrative_record, tables_record
from typer.testing import CliRunner

from cli.main import app
from db.engine import open_database, session_factory
from db.series import fact_points, line_points
from db.store import FileInfo, store_report

DEPT = "盐边县人民政府办公室"


@pytest.fixture
def two_years(db_url):
    """2019 and 2020 of one department; the 2019 record is the 2020 one relabelled, so its
    income.total (850.18) disagrees with the 731.42 the 2020 report states for 2019."""
    engine = open_database(db_url)
    with session_factory(engine).begin() as session:
        for i, record in enumerate((narrative_record(year=2019), narrative_record(), tables_record(year=2019))):
            store_report(session, record, FileInfo(f"r{i}.pdf", str(i) * 64, "pdf", 21, 1),
                         extractor_version="test")
    engine.dispose()
    return db_url


def _csv(output: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(output)))


def test_trend_csv_marks_a_restated_prior_figure(two_years):
    result = CliRunner().invoke(app, ["trend", "县人民政府办公室", "-m", "income.total", "--db", two_years, "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = _csv(result.stdout)
    assert [(r["fiscal_year"], r["value"]) for r in rows] == [("2019", "850.18"), ("2020", "850.18")]
    last = rows[1]
    assert last["stated_prior"] == "731.42" and last["previous_value"] == "850.18"
    assert last["prior_gap"] == "-118.76" and last["restated"] == "yes"
    assert last["change"] == "0.00" and last["page"] == ""  # the sample's narrative has no page


def test_trend_json_and_lines(two_years):
    engine = open_database(two_years)
    points = line_points(engine, [DEPT], ["2010301"])
    assert {p["fiscal_year"] for p in points} == {2019, 2020}
    assert all(isinstance(p["value"], Decimal) for p in points)
    assert fact_points(engine, [DEPT], ["income.total"], year_from=2020)[0]["fiscal_year"] == 2020
    engine.dispose()
    result = CliRunner().invoke(app, ["trend", DEPT, "--line", "2010301", "--db", two_years, "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout, parse_float=Decimal)
    assert [r["fiscal_year"] for r in data["series"]] == [2019, 2020]
    assert data["series"][0]["value"] == Decimal("486.90")
    assert data["execution"][0]["budget"] is None  # both reports are 决算


def test_trend_says_when_nothing_matches(two_years):
    result = CliRunner().invoke(app, ["trend", "没有这个部门", "--db", two_years, "-f", "csv"])
    assert result.exit_code == 1 and "no stored department" in result.stderr


WANLI = "万里街道"


@pytest.mark.corpus
@pytest.mark.slow
def test_trend_on_the_wanli_reports(corpus_dir, tmp_path):
    files = sorted(p for p in corpus_dir.iterdir() if WANLI in p.name and p.suffix == ".pdf")
    if len(files) < 2:
        pytest.skip(f"fewer than two {WANLI} reports in {corpus_dir}")
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", *map(str, files), "--db", db, "-q", "--workers", "1"])
    assert ingested.exit_code == 0, ingested.output
    result = runner.invoke(app, ["trend", WANLI, "-m", "expenditure.total", "--db", db, "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = _csv(result.stdout)
    years = [int(r["fiscal_year"]) for r in rows]
    assert len(rows) == len(files) and years == sorted(set(years))
    for before, after in zip(rows, rows[1:], strict=False):
        assert Decimal(after["change"]) == Decimal(after["value"]) - Decimal(before["value"])


def test_trend_chart_option(two_years, tmp_path):
    out = tmp_path / "t.svg"
    result = CliRunner().invoke(app, ["trend", DEPT, "--db", two_years, "-f", "csv", "--chart", str(out)])
    assert result.exit_code == 0, result.output
    assert "收入总额" in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(app, ["trend", DEPT, "--db", two_years, "--chart", str(tmp_path / "t.gif")])
    assert bad.exit_code == 2 and ".html" in bad.stderr


def test_diff_chart_option(tmp_path):
    from dataclasses import replace

    db = str(tmp_path / "d.db")
    engine = open_database(db)
    earlier = narrative_record(year=2019)
    # 2019's income.total as the 2020 report states it (731.42; seed line 64)
    earlier = replace(earlier, facts=[replace(f, value=Decimal("731.42")) if f.metric == "income.total" else f
                                      for f in earlier.facts])
    with session_factory(engine).begin() as session:
        for i, record in enumerate((earlier, narrative_record())):
            store_report(session, record, FileInfo(f"r{i}.pdf", str(i) * 64, "pdf", 21, 1), extractor_version="test")
    engine.dispose()
    out = tmp_path / "d.html"
    result = CliRunner().invoke(app, ["diff", DEPT, "2019", "2020", "--db", db, "-f", "csv", "--chart", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert DEPT in html and "收入总额" in html


def test_diff_chart_with_nothing_changed_says_so(two_years, tmp_path):
    result = CliRunner().invoke(app, ["diff", DEPT, "2019", "2020", "--db", two_years, "-f", "csv",
                                      "--chart", str(tmp_path / "d.svg")])
    assert result.exit_code == 2 and "nothing to draw" in result.stderr
    assert not (tmp_path / "d.svg").exists()


def test_trend_table_names_the_department_once(two_years):
    result = CliRunner().invoke(app, ["trend", DEPT, "--db", two_years, "-f", "table"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"{DEPT}: trend" in result.stdout and "yes" in result.stdout  # the restated 2020 income.total


def test_trend_names_departments_as_diff_does(two_years):
    """"县政府办公室" (the everyday 政府 for 人民政府, a part of the name) finds the department."""
    result = CliRunner().invoke(app, ["trend", "县政府办公室", "-m", "income.total", "--db", two_years, "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert {row["department"] for row in _csv(result.stdout)} == {DEPT}
