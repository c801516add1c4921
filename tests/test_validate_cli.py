"""``juesuan validate``: stored findings, filtered, with a per-rule summary."""

from __future__ import annotations

import csv
import io
import json

import pytest
from stored_records import COVID, OFFICE, build_database
from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()


@pytest.fixture
def db_path(db_url):
    """The stored records on a SQLite file and on a fresh PostgreSQL schema."""
    return build_database(db_url)


def validate(db_path: str, *args: str):
    return runner.invoke(app, ["validate", "--db", db_path, *args], env={"COLUMNS": "250"})


def test_json_lists_findings_and_summary(db_path):
    result = validate(db_path, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rules = {(f["rule"], f["severity"], f["department"], f["fiscal_year"]) for f in data["findings"]}
    assert ("narrative_vs_form", "error", OFFICE, 2020) in rules
    assert ("basic_personnel_public", "info", OFFICE, 2020) in rules
    form = next(f for f in data["findings"] if f["rule"] == "narrative_vs_form")
    assert form["subject"] == COVID and "0.09万元 (正文, 第7页) ≠ 0.9万元 (绩效表, 第10页)" in form["message"]
    summary = {s["rule"]: s for s in data["summary"]}
    assert summary["narrative_vs_form"]["error"] == 1 and summary["narrative_vs_form"]["total"] == 1


def test_filters_by_severity_rule_department_and_year(db_path):
    errors = json.loads(validate(db_path, "-f", "json", "--severity", "error").stdout)["findings"]
    assert errors and {f["severity"] for f in errors} == {"error"}
    warnings_up = json.loads(validate(db_path, "-f", "json", "--severity", "warning").stdout)["findings"]
    assert {f["severity"] for f in warnings_up} <= {"error", "warning"}
    by_rule = json.loads(validate(db_path, "-f", "json", "--rule", "basic_personnel_public").stdout)
    assert [f["rule"] for f in by_rule["findings"]] == ["basic_personnel_public"]
    assert json.loads(validate(db_path, "-f", "json", "--year", "2019").stdout)["findings"] == []
    assert json.loads(validate(db_path, "-f", "json", "--department", "万里街道").stdout)["findings"] == []


def test_csv_to_stdout_summary_to_stderr(db_path):
    result = runner.invoke(app, ["validate", "--db", db_path, "-f", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and set(rows[0]) >= {"rule", "severity", "page", "message", "department"}
    assert "narrative_vs_form: 1 (1 error)" in result.stderr


def test_table_shows_both_tables(db_path):
    result = validate(db_path, "-f", "table")
    assert result.exit_code == 0 and "per rule" in result.stdout and "narrative_vs_form" in result.stdout
