"""``juesuan diff`` and ``juesuan validate`` against a SQLite database of stored records.

The records are hand-built (figures of the seed and its 2019 predecessor) and stored through
the storage layer, so these tests exercise the commands end to end — lookup, load, compare,
render — without depending on extraction.
"""

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


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_diff_json_names_changes_renamed_line_and_restatement(db_path):
    result = invoke("diff", "县政府办公室", "2019", "2020", "--format", "json", "--db", db_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["department"], data["year_a"], data["year_b"]) == (OFFICE, 2019, 2020)
    income = next(f for f in data["facts"] if f["metric"] == "income.total")
    assert income["change"] == {"a": 731.42, "b": 850.18, "change": 118.76, "change_pct": 16.24}
    renamed = next(li for li in data["lines"] if li["code_a"] == "20805")
    assert renamed["status"] == "renamed" and renamed["name_b"] == "行政事业单位养老支出"
    (restated,) = data["restatements"]
    assert (restated["metric"], restated["stated_in_b"], restated["own_in_a"]) == ("operating_costs", 54.46, 54.64)
    assert {p["name"]: p["status"] for p in data["projects"]} == {
        "县政府办公室工作经费": "changed", COVID: "added"}


def test_diff_csv_is_one_loadable_table(db_path):
    result = invoke("diff", OFFICE, "2019", "2020", "--format", "csv", "--db", db_path)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["section"] for r in rows} == {"fact", "line", "project", "restatement"}
    line = next(r for r in rows if r["code_b"] == "2100409")
    assert (line["status"], line["value_b"], line["value_a"]) == ("added", "0.09", "")


def test_diff_markdown_and_table(db_path):
    md = invoke("diff", OFFICE, "2019", "2020", "--format", "markdown", "--db", db_path)
    assert md.exit_code == 0 and "## 盐边县人民政府办公室: 2019年决算 → 2020年决算" in md.stdout
    assert "| 更名 |" in md.stdout and "↑118.76" in md.stdout and "↓0.69" not in md.stdout
    table = runner.invoke(app, ["diff", OFFICE, "2019", "2020", "--format", "table", "--db", db_path],
                          env={"COLUMNS": "250"})
    assert table.exit_code == 0 and "行政事业单位离退休 → 行政事业单位养老支出" in table.stdout


def test_threshold_hides_small_changes(db_path):
    result = invoke("diff", OFFICE, "2019", "2020", "-f", "csv", "--threshold", "1", "--db", db_path)
    metrics = {r["code_a"] for r in csv.DictReader(io.StringIO(result.stdout)) if r["section"] == "fact"}
    assert "income.total" in metrics and "operating_costs" not in metrics


def test_several_matching_departments_are_listed_and_nothing_compared(db_path):
    result = invoke("diff", "万里街道", "2024", "2025", "--db", db_path)
    assert result.exit_code == 2
    assert "上海市普陀区人民政府万里街道办事处" in result.output and "社区卫生服务中心" in result.output


def test_kind_decides_what_is_compared(db_path):
    ok = invoke("diff", "万里街道办事处", "2024", "2025", "-f", "json", "--db", db_path)
    assert ok.exit_code == 0 and json.loads(ok.stdout)["kind_a"] == "budget"
    missing = invoke("diff", "万里街道办事处", "2024", "2025", "--kind", "final", "--db", db_path)
    assert missing.exit_code == 1 and "no pair of final/final" in missing.output


def test_all_diffs_every_department_with_both_years(db_path):
    result = invoke("diff", "--all", "2024", "2025", "-f", "csv", "--db", db_path)
    assert result.exit_code == 0, result.output
    departments = {r["department"] for r in csv.DictReader(io.StringIO(result.stdout))}
    assert departments == {"上海市普陀区人民政府万里街道办事处"}


def test_bad_arguments_are_usage_errors(db_path):
    assert invoke("diff", OFFICE, "2019", "--db", db_path).exit_code == 2
    assert invoke("diff", OFFICE, "x", "2020", "--db", db_path).exit_code == 2
    assert invoke("diff", OFFICE, "2019", "2020", "--threshold", "abc", "--db", db_path).exit_code == 2
