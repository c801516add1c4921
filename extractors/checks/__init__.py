"""Consistency checks: does the report agree with itself?

``run_checks(record)`` is pure: it reads a ``ReportRecord`` (facts, line items, projects)
and returns ``Finding``s; the ingest pipeline stores them and ``juesuan validate`` lists them.
One module per rule family:

* ``sums`` — totals against their parts (``total_vs_parts``, ``basic_personnel_public``,
  ``three_public_sum``);
* ``lines`` — 项/款/类 hierarchy (``hierarchy_sum``), a table's 合计 (``table_total``),
  row totals (``row_sum``), a sentence's total against the 类 it lists;
* ``ratios`` — shares, year-on-year changes and completion rates against the amounts
  (``share_pct``, ``change_pct``, ``change_amount``, ``completion_pct``); ``line_ratios`` —
  the same for the percentages printed beside a 类/款/项 line in the text;
* ``agreement`` — the same figure in the text, the tables and the forms
  (``narrative_vs_table``, ``narrative_vs_form``, ``table_vs_form``, ``*_restated``);
* ``identity`` — department, year, kind or scope not stated by the content (taken from the
  file name, or unknown): ``identity_incomplete``, a warning.

Severity policy (amounts in 万元):

* ``info`` — amounts that differ by no more than rounding: ≤ 0.05 万元, or half a unit of
  the coarsest printed digit (亿元 figures), or half a cent per part of a long sum. These are
  worth seeing (the report's own arithmetic is off by a cent) but contradict nothing.
* ``warning`` — a percentage (share, change rate, completion rate) that differs from the one
  recomputed from the printed amounts by more than its own printed rounding.
* ``error`` — amounts that disagree beyond rounding: the two figures cannot both be right.

A "其中" list that names only some parts is not a claim that they sum: it is flagged only
when its parts exceed the total (or fall short by no more than rounding). Percentages over a
zero base are not checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from extractors.checks.agreement import check_agreement
from extractors.checks.identity import check_identity
from extractors.checks.line_ratios import check_line_ratios
from extractors.checks.lines import check_lines
from extractors.checks.ratios import check_ratios
from extractors.checks.sums import check_fact_sums
from models.records import Finding, ReportRecord

Rule = Callable[[ReportRecord], Iterable[Finding]]

RULE_FAMILIES: tuple[Rule, ...] = (check_fact_sums, check_lines, check_ratios, check_line_ratios,
                                   check_agreement, check_identity)

RULES: dict[str, str] = {
    "total_vs_parts": "总额与其组成部分之和",
    "basic_personnel_public": "人员经费 + 公用经费 = 基本支出",
    "three_public_sum": "“三公”经费合计与各项之和",
    "hierarchy_sum": "项之和 = 款，款之和 = 类",
    "table_total": "表中合计行 = 各类之和",
    "row_sum": "行合计 = 基本支出 + 项目支出 + …",
    "share_pct": "占比与金额",
    "change_pct": "增减率与金额",
    "change_amount": "增减额与本年、上年金额",
    "completion_pct": "预算完成率与执行数、预算数",
    "narrative_vs_table": "正文与表格的同一数字",
    "narrative_vs_form": "正文与绩效表的同一数字",
    "table_vs_form": "表格与绩效表的同一数字",
    "narrative_restated": "正文中两次出现的同一数字",
    "table_restated": "表格中两次出现的同一数字",
    "form_restated": "绩效表中两次出现的同一数字",
    "identity_incomplete": "部门、年度、类别或范围未在文档中载明（取自文件名或未知）",
}

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def run_checks(record: ReportRecord) -> list[Finding]:
    """All findings for one report: most severe first, each reported once."""
    found: dict[tuple, Finding] = {}
    for family in RULE_FAMILIES:
        for item in family(record):
            found.setdefault((item.rule, item.message), item)
    return sorted(found.values(), key=lambda f: (_SEVERITY_ORDER[f.severity], f.page or 0, f.rule))


__all__ = ["RULES", "run_checks"]
