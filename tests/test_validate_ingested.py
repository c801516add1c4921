"""End to end: ``juesuan ingest`` the fixture reports, then ``validate`` and ``diff`` read what it stored.

Proves the findings are computed at ingest and stored with their report, and that ``diff``
works on records loaded back from the database (not only on freshly extracted ones).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app

REPORTS = Path(__file__).parent / "fixtures" / "reports"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    names = ["盐边县人民政府办公室2019年度部门决算.pdf", "盐边县人民政府办公室2020年度部门决算.pdf"]
    paths = [REPORTS / n for n in names]
    missing = [p.name for p in paths if not p.exists()]
    if missing:
        pytest.skip(f"fixture reports not generated: {missing} (tests/fixtures/make_fixtures.py)")
    path = str(tmp_path_factory.mktemp("ingested") / "j.db")
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", path, "--workers", "1"])
    assert result.exit_code == 0, result.output
    return path


def test_validate_lists_the_seed_contradiction_stored_at_ingest(db):
    result = runner.invoke(app, ["validate", "--db", db, "--severity", "error", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(f["fiscal_year"], f["rule"], f["subject"], f["page"]) for f in data["findings"]] == [
        (2020, "narrative_vs_form", "新型冠状肺炎防控工作保障经费", 7)]
    assert data["summary"] == [{"rule": "narrative_vs_form", "error": 1, "warning": 0, "info": 0, "total": 1}]


def test_validate_per_rule_summary_counts_every_severity(db):
    data = json.loads(runner.invoke(app, ["validate", "--db", db, "--year", "2020", "-f", "json"]).stdout)
    summary = {s["rule"]: s for s in data["summary"]}
    assert summary["completion_pct"]["warning"] == 1
    assert summary["basic_personnel_public"]["info"] >= 1 and summary["hierarchy_sum"]["info"] >= 1


def test_diff_from_the_database(db):
    result = runner.invoke(app, ["diff", "县政府办公室", "2019", "2020", "-f", "json", "--db", db])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    renamed = [li for li in data["lines"] if li["status"] == "renamed" and li["code_a"] == "20805"]
    assert renamed and all(li["name_b"] == "行政事业单位养老支出" for li in renamed)
    assert [(r["metric"], r["own_in_a"], r["stated_in_b"]) for r in data["restatements"]] == [
        ("operating_costs", 54.64, 54.46)]
