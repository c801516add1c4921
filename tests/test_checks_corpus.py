"""Consistency checks on the real reports: every error is a real contradiction in the source.

Each expected error below was checked by hand on the page images (pdftoppm -r 70) and the
text layer; the comment says what the pages show. A new error-level finding makes the test
fail: either the source has another contradiction (add it here, with what you saw) or a rule
or an extractor is wrong (fix it).
"""

from __future__ import annotations

import pytest
from checks_records import record_of
from conftest import CORPUS

from extractors.checks import run_checks

pytestmark = pytest.mark.corpus

WANLI_2024 = "上海市普陀区人民政府万里街道办事处24年预算.pdf"
WANLI_2025 = "上海市普陀区人民政府万里街道办事处25年预算.pdf"
OFFICE_2025 = "上海市普陀区人民政府办公室25年预算.pdf"
JUSTICE_2026 = "上海市普陀区司法局2026年部门预算(dept_budget).pdf"
FINANCE_2024 = "上海市普陀区财政局2024年度部门决算.pdf"

# (rule, subject, values as printed) of every error-level finding, per report.
VERIFIED_ERRORS: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    WANLI_2024: [
        # p.9, item 31: "“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元 … 2024年
        # 预算安排352.67万元，比2023年预算执行数增加0.53%" — the sentence names two amounts for
        # one line (348.52 × 1.0053 = 350.37, so 352.67 is the odd one out), and the
        # 一般公共预算支出功能分类预算表 on p.26 prints 住房公积金 3,503,499 元 = 350.35万元.
        ("narrative_vs_table", "2210201", ("352.67万元", "3,503,499元")),
        # … and the same sentence against itself.
        ("narrative_restated", "2210201", ("350.35万元", "352.67万元")),
    ],
    WANLI_2025: [],
    OFFICE_2025: [],
    JUSTICE_2026: [
        # p.9, item 12: "住房公积金（01项）208.8万元 … 2026年预算安排201.50万元，比2025年预算执行
        # 数增加5.27%" (198.34 × 1.0527 = 208.79); the table on p.16 prints 2087959.00 元 = 208.80万元.
        ("narrative_vs_table", "2210201", ("201.50万元", "2087959.00元")),
        # … and the same sentence against itself.
        ("narrative_restated", "2210201", ("208.8万元", "201.50万元")),
    ],
    FINANCE_2024: [
        # p.21, 四、财政拨款收入支出决算总体情况说明: "2024年度财政拨款收入支出总计0.3万元" while the
        # 财政拨款收入支出决算总表 on p.13 prints 总计 2,961.68 on both sides.
        ("narrative_vs_table", "appropriation.grand_total", ("0.3万元", "2,961.68万元")),
    ],
}

# Warnings checked by hand, where a report has them.
VERIFIED_WARNINGS: dict[str, list[tuple[str, str]]] = {
    # p.21 (二): "一般公共服务支出（类）2106.66万元，占71.73%" — 2106.66 / 2940.05 = 71.65 %; the
    # four printed shares add up to 100.07 %.
    FINANCE_2024: [("share_pct", "201")],
    JUSTICE_2026: [
        # p.9, item 6: 其他司法支出 "2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，
        # 比2025年预算执行数增加17.62%" — 3845.49 / 1.1762 = 3269.4: the prior figure has a stray 4.
        ("change_pct", "2040699"),
        # p.9, item 9: 职业年金 77.99 → 91.97 is +17.93 %, printed 17.66 % — item 8's rate
        # (156.34 → 183.95 = +17.66 %) repeated.
        ("change_pct", "2080506"),
    ],
}


@pytest.fixture(scope="module", params=sorted(VERIFIED_ERRORS), ids=lambda n: n[:20])
def corpus_findings(request):
    path = CORPUS / request.param
    if not path.exists():
        pytest.skip(f"real corpus not found at {CORPUS} (set JUESUAN_CORPUS to its folder)")
    return request.param, run_checks(record_of(path))


def test_every_error_is_a_verified_contradiction(corpus_findings):
    name, findings = corpus_findings
    errors = sorted((f.rule, f.subject, tuple(v for _, v in f.values)) for f in findings if f.severity == "error")
    assert errors == sorted(VERIFIED_ERRORS[name]), "\n".join(f.message for f in findings if f.severity == "error")


def test_verified_warnings_are_found(corpus_findings):
    name, findings = corpus_findings
    warnings = {(f.rule, f.subject) for f in findings if f.severity == "warning"}
    assert set(VERIFIED_WARNINGS.get(name, [])) <= warnings


def test_each_finding_names_its_pages_and_printed_values(corpus_findings):
    _, findings = corpus_findings
    for f in findings:
        assert f.pages and f.page == f.pages[0], f.message
        assert f.values and all(value for _, value in f.values), f.message
        assert "第" in f.message and "页" in f.message, f.message
