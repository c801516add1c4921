"""The seed office's 2019 → 2020 决算, through real extraction of the fixture reports.

``tests/fixtures/reports/`` holds 盐边县人民政府办公室 2019 (generated with 2019 naming: 20805
行政事业单位离退休, a 2019-only 项 2010399 and project, 机关运行经费 54.64) and 2020 (the seed
with its 附表). The 2020 text says 机关运行经费 53.77万元, "比2019年减少0.69万元": it implies
54.46 for 2019 — a restatement of the 2019 report's own 54.64.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from checks_records import record_of

from compare.diff import compare_reports

REPORTS = Path(__file__).parent / "fixtures" / "reports"
Y2019 = REPORTS / "盐边县人民政府办公室2019年度部门决算.pdf"
Y2020 = REPORTS / "盐边县人民政府办公室2020年度部门决算.pdf"


@pytest.fixture(scope="module")
def diff():
    for path in (Y2019, Y2020):
        if not path.exists():
            pytest.skip(f"fixture {path.name} not generated (tests/fixtures/make_fixtures.py)")
    return compare_reports(record_of(Y2019), record_of(Y2020))


def test_identity(diff):
    assert (diff.department, diff.year_a, diff.year_b, diff.kind_a, diff.kind_b) == (
        "盐边县人民政府办公室", 2019, 2020, "final", "final")


def test_named_fact_changes(diff):
    facts = {f.metric: f for f in diff.facts}
    income = facts["income.total"]
    assert (income.status, income.change.a, income.change.b) == ("changed", D("731.42"), D("850.18"))
    assert income.change.delta == D("118.76") and income.change.pct == D("16.24")
    assert facts["expenditure.project"].change.delta == D("69.36")  # 74.80 → 144.16
    assert diff.facts[0].change.size >= diff.facts[1].change.size  # largest first


def test_renamed_kuan_is_reported_as_renamed(diff):
    renamed = [c for c in diff.lines if c.code_a == "20805" and c.table == "expenditure" and c.column == "total"]
    (line,) = renamed
    assert (line.status, line.name_a, line.name_b) == ("renamed", "行政事业单位离退休", "行政事业单位养老支出")
    assert (line.change.a, line.change.b) == (D("72.86"), D("78.15"))
    assert "对照表" in line.rename
    assert not [c for c in diff.lines if c.code == "20805" and c.status in ("added", "removed")]


def test_added_and_removed_lines(diff):
    status = {(c.table, c.column, c.code): c.status for c in diff.lines}
    assert status[("expenditure", "total", "2100409")] == "added"  # COVID began in 2020
    assert status[("expenditure", "total", "2010399")] == "removed"  # a 2019-only 项


def test_projects_matched_by_name(diff):
    projects = {p.name: p for p in diff.projects}
    office = projects["县政府办公室工作经费"]
    assert office.status == "changed" and (office.executed.a, office.executed.b) == (D("54.36"), D("77.98"))
    assert projects["新型冠状肺炎防控工作保障经费"].status == "added"
    assert projects["全县政务公开标准化建设经费"].status == "removed"


def test_restatement_of_operating_costs(diff):
    restated = {r.metric: r for r in diff.restatements}
    r = restated["operating_costs"]
    assert (r.own_in_a, r.stated_in_b, r.how, r.year) == (D("54.64"), D("54.46"), "implied", 2019)
    assert r.page_b == 6  # "比2019年减少0.69万元，下降1.28%" on p.6 of the 2020 PDF
    assert list(restated) == ["operating_costs"]  # the other prior-year figures agree
