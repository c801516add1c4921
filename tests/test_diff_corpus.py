"""The two 万里街道 budgets of the corpus, 2024 → 2025, through real extraction.

Figures checked against the PDFs: income 15,621.11万元 (2024, p.6) → 18,976.76万元 (2025, p.6);
行政运行 2120101 1,660.32 → 1,788.77万元 (text) / 16,603,248 → 17,887,739元 (tables);
其他城乡社区公共设施支出 2120399 972.18 → 219.13万元; 三公 47.91 → 37.91万元.
The 2025 text's prior-year statements ("比2024年预算增加3355.65万元", 三公 "减少10万元")
agree with the 2024 report, so nothing is reported as restated.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from checks_records import record_of
from conftest import CORPUS

from compare.diff import compare_reports
from compare.render import diff_rows, to_markdown

pytestmark = pytest.mark.corpus

WANLI_2024 = CORPUS / "上海市普陀区人民政府万里街道办事处24年预算.pdf"
WANLI_2025 = CORPUS / "上海市普陀区人民政府万里街道办事处25年预算.pdf"


@pytest.fixture(scope="module")
def diff():
    if not (WANLI_2024.exists() and WANLI_2025.exists()):
        pytest.skip(f"real corpus not found at {CORPUS} (set JUESUAN_CORPUS to its folder)")
    return compare_reports(record_of(WANLI_2024), record_of(WANLI_2025))


def test_identity_budget_against_budget(diff):
    assert (diff.department, diff.year_a, diff.year_b) == ("上海市普陀区人民政府万里街道办事处", 2024, 2025)
    assert (diff.kind_a, diff.kind_b) == ("budget", "budget")


def test_income_rose_by_a_fifth(diff):
    income = next(f for f in diff.facts if f.metric == "income.total")
    assert (income.status, income.change.a, income.change.b) == ("changed", D("15621.11"), D("18976.76"))
    assert (income.change.delta, income.change.pct) == (D("3355.65"), D("21.48"))
    assert (income.page_a, income.page_b) == (6, 6)


def test_three_public_fell_by_the_vehicle_purchase(diff):
    facts = {f.metric: f for f in diff.facts}
    assert facts["three_public.total"].change.delta == D("-10.00")
    assert (facts["three_public.vehicle_purchase"].change.a, facts["three_public.vehicle_purchase"].change.b) == (
        D("25"), D("15"))
    assert facts["three_public.reception"].status == "unchanged"


def test_lines_matched_by_code_in_text_and_tables(diff):
    by_key = {(c.table, c.column, c.code): c for c in diff.lines}
    text = by_key[("narrative", "total", "2120101")]
    assert (text.status, text.change.a, text.change.b) == ("changed", D("1660.32"), D("1788.77"))
    table = by_key[("general_budget_expenditure", "total", "2120101")]
    assert (table.change.a, table.change.b) == (D("1660.3248"), D("1788.7739"))
    facilities = by_key[("general_budget_expenditure", "total", "2120399")]
    assert facilities.change.delta == D("-753.05")


def test_largest_changes_first(diff):
    changed = [c for c in diff.lines if c.status == "changed"]
    sizes = [c.change.size for c in changed]
    assert sizes == sorted(sizes, reverse=True)
    # 其他城乡社区支出 21299: 922.02万元 (2024, p.9 item 30 and its tables) → 52,348,937元 (2025, p.17)
    assert changed[0].code == "21299" and changed[0].change.delta == D("4312.8737")


def test_no_restatement_where_the_prior_year_figures_agree(diff):
    assert diff.restatements == []


def test_rows_and_markdown_render(diff):
    rows = diff_rows([diff])
    assert {r["section"] for r in rows} >= {"fact", "line"}
    assert all(r["department"] == diff.department for r in rows)
    md = to_markdown([diff])
    assert md.startswith("## 上海市普陀区人民政府万里街道办事处: 2024年预算 → 2025年预算")
    assert "| 变化 | income.total | 收入总额 | 15621.11 | 18976.76 | ↑3355.65 | 21.48% | 6/6 |" in md
