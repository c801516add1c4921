"""What each research view and its columns mean, for the data package and datasette.

One description per column name (the views share their identity and location columns), so
datapackage.json and datasette's metadata.json say the same as docs/schema.md.
"""

from __future__ import annotations

VIEW_DESCRIPTIONS: dict[str, str] = {
    "v_reports": "One row per stored report (department × fiscal year × kind × scope).",
    "v_facts": ("One row per figure a report states (metric keys: docs/metrics.md), "
                "with the year-on-year comparison it prints."),
    "v_line_items": ("One row per classification line × measure of a standard table "
                     "or a narrative (类)(款)(项) sentence."),
    "v_projects": "One row per project performance form (项目支出绩效自评表 / 绩效目标表).",
    "v_indicators": "One row per performance indicator of a project.",
    "v_findings": "One row per consistency-check result (info: rounding; error: a real contradiction).",
}

MONEY = "万元 (counts in the fact's own unit); exact decimal"

COLUMN_DESCRIPTIONS: dict[str, str] = {
    "report_id": "The report (reports.report_id).",
    "fact_id": "The fact (row id).", "line_item_id": "The line item (row id).",
    "project_id": "The project (projects.project_id).", "indicator_id": "The indicator (row id).",
    "finding_id": "The finding (row id).",
    "department": "Department (部门) or unit (单位) name as the report states it.",
    "region": "Region (省/市/区县) the report names.",
    "fiscal_year": "Fiscal year the report covers.",
    "kind": "final (决算) or budget (预算).",
    "scope": "department (部门, consolidated) or unit (单位).",
    "title": "The report's title.", "source": "First file of the report, as ingested.",
    "files": "Number of files of the report.", "facts": "Number of facts.",
    "line_items": "Number of line items.", "projects": "Number of projects.",
    "findings": "Number of findings.", "extractor_version": "juesuan version that read it.",
    "ingested_at": "When it was stored (UTC).",
    "metric": "Metric key (docs/metrics.md; `juesuan metrics`).",
    "value": f"The figure, in {MONEY}.",
    "prior_value": f"The prior-year figure the report states, in {MONEY}.",
    "change": f"The change from the prior year the report states, in {MONEY}.",
    "change_pct": "The change the report states, in percent (−1.28 for 下降1.28%).",
    "share_pct": "The share of its total the report states, in percent.",
    "budget_value": f"The budget figure a 决算 compares with, in {MONEY}.",
    "completion_pct": "Completion of the budget the report states (完成预算的X%), in percent.",
    "budget_basis": ("Which budget budget_value and completion_pct refer to, as worded: 年初预算 "
                     "(year-start) or 调整预算 (adjusted); empty when the report says 预算 only."),
    "budget_gap": f"决算 − 预算 as the report states it (决算数较预算数减少X万元), in {MONEY}.",
    "unit": "Unit of value: 万元 for money, else the count's unit (人, 辆, 个…).",
    "printed_unit": "The unit as printed (元, 万元…).", "printed_value": "The figure as printed.",
    "prior_year": "The year prior_value is about.", "year": "The year the figure is about.",
    "origin": "Where it was read: narrative, table or form.",
    "subject": "What the figure is about when not the whole report (a project, 外事接待…).",
    "file": "File it was read from.", "page": "Page (1-based; empty for .docx/.txt).",
    "block": "Paragraph/table index in the document.", "line": "Line (.txt).",
    "text": "The sentence or cell it was read from.",
    "cell_row": "Table row of the cell.", "cell_col": "Table column of the cell.",
    "read_by": "How the figure's text was read: text (the file's text layer or markup) or ocr "
               "(recognised from a scanned page image).",
    "ocr_confidence": "For read_by ocr: the lowest recognition score (0-1) of the OCR boxes the "
                      "value came from (its cell, its form's cells, or its paragraph); empty otherwise.",
    "table_key": "Standard table the line came from, or narrative.",
    "classification": "function (支出功能分类) or economic (经济分类).",
    "code": "Classification code (3/5/7 digits function; 301/30101 economic).",
    "name": "Classification name as printed.", "level": "类, 款 or 项 (or 合计).",
    "side": "income or expenditure side of a summary table.",
    "measure": "Column: total, basic, project, budget, final, personnel, public…",
    "code_origin": ("printed; report (the code another table of the report prints for the name); "
                    "or resolved from the names by the code table (empty: unresolved)."),
    "project": "Project name.", "form": "Which performance form.",
    "implementing_unit": "Unit that carried the project out.",
    "budget": f"Project budget, in {MONEY}.", "budget_fiscal": f"Budget from appropriations, in {MONEY}.",
    "budget_other": f"Budget from other funds, in {MONEY}.", "executed": f"Spent, in {MONEY}.",
    "executed_fiscal": f"Spent from appropriations, in {MONEY}.",
    "executed_other": f"Spent from other funds, in {MONEY}.",
    "score": "Evaluation score.", "money_unit": "Unit of the form's money (万元).",
    "goal_expected": "The expected goal (年度目标).", "goal_actual": "What was achieved.",
    "indicators": "Number of indicators.",
    "level1": "Indicator level 1 (一级指标).", "level2": "Indicator level 2 (二级指标).",
    "level3": "Indicator level 3 (三级指标).", "target": "Target as printed.",
    "actual": "Actual as printed.", "target_op": "Comparison of the target (≥, ≤, =).",
    "target_unit": "Unit of the target.", "actual_op": "Comparison of the actual value.",
    "actual_unit": "Unit of the actual value.", "target_value": "Target as a number.",
    "actual_value": "Actual as a number.", "weight": "Indicator weight (分值).",
    "deviation_reason": "Why the actual deviates (偏差原因).", "nature": "Indicator nature (正向/反向…).",
    "rule": "Consistency-check rule.", "severity": "info, warning or error.",
    "message": "What the check found.",
}


def describe(column: str) -> str:
    return COLUMN_DESCRIPTIONS.get(column, "")
