"""Chinese labels for metric keys, table keys and table columns, for messages people read.

Findings are read by Chinese-speaking researchers and auditors; the labels are the words the
reports themselves use (SPEC.md's metric table). An unknown key falls back to the key.
"""

from __future__ import annotations

from extractors.metric_dictionary import METRICS

METRIC_LABELS: dict[str, str] = {
    "income.total": "收入总额",
    "expenditure.total": "支出总额",
    "income_expenditure.grand_total": "收入支出总计",
    "income.general_budget": "一般公共预算财政拨款收入",
    "income.gov_fund": "政府性基金预算财政拨款收入",
    "income.state_capital": "国有资本经营预算财政拨款收入",
    "income.fiscal": "财政拨款收入",
    "income.superior_subsidy": "上级补助收入",
    "income.business": "事业收入",
    "income.operating": "经营收入",
    "income.affiliated": "附属单位上缴收入",
    "income.other": "其他收入",
    "income.carryover": "年初结转和结余",
    "expenditure.basic": "基本支出",
    "expenditure.project": "项目支出",
    "expenditure.to_superior": "上缴上级支出",
    "expenditure.operating": "经营支出",
    "expenditure.to_affiliates": "对附属单位补助支出",
    "appropriation.income": "财政拨款本年收入",
    "appropriation.expenditure": "财政拨款本年支出",
    "appropriation.grand_total": "财政拨款收入支出总计",
    "general_budget.expenditure": "一般公共预算财政拨款支出",
    "general_budget.basic": "一般公共预算财政拨款基本支出",
    "basic.personnel": "人员经费",
    "basic.public": "公用经费",
    "three_public.total": "“三公”经费",
    "three_public.outbound": "因公出国（境）费",
    "three_public.vehicle": "公务用车购置及运行维护费",
    "three_public.vehicle_purchase": "公务用车购置费",
    "three_public.vehicle_operation": "公务用车运行维护费",
    "three_public.reception": "公务接待费",
    "three_public.outbound_groups": "因公出国（境）团组",
    "three_public.outbound_people": "因公出国（境）人次",
    "three_public.vehicles_bought": "购置公务用车",
    "three_public.vehicle_fleet": "公务用车保有量",
    "three_public.reception_batches": "公务接待批次",
    "three_public.reception_people": "公务接待人次",
    "gov_fund.expenditure": "政府性基金预算财政拨款支出",
    "state_capital.expenditure": "国有资本经营预算财政拨款支出",
    "operating_costs": "机关运行经费",
    "procurement.total": "政府采购支出总额",
    "procurement.goods": "政府采购货物支出",
    "procurement.works": "政府采购工程支出",
    "procurement.services": "政府采购服务支出",
    "procurement.sme": "授予中小企业合同金额",
    "procurement.small_micro": "授予小微企业合同金额",
    "procurement.sme_reserved": "预留中小企业采购份额",
    "procurement.small_micro_reserved": "预留小微企业采购份额",
    "assets.vehicles": "车辆",
    "assets.equipment_over_1m": "单价100万元以上设备",
    "assets.equipment_over_50w": "单价50万元以上设备",
    "staff.authorized": "编制数",
    "staff.actual": "在职人数",
    "staff.retired": "离退休人数",
    "org.units": "下属单位",
    "performance.ex_ante_assessed": "事前绩效评估项目",
    "performance.targets_set": "编制绩效目标的项目",
    "performance.targets_set_amount": "编制绩效目标的项目金额",
    "performance.monitored": "绩效监控项目",
    "performance.self_evaluated": "绩效自评项目",
    "performance.evaluated": "绩效评价项目",
    "project.budget": "预算数",
    "project.executed": "执行数",
    "project.completion_pct": "完成率",
}

# Keys met beyond SPEC.md's table: their label and definition live in extractors.metric_dictionary.
METRIC_LABELS.update({key: m.label for key, m in METRICS.items() if key not in METRIC_LABELS})

# Neutral titles: the same keys name the 决算 and the 预算 tables.
TABLE_LABELS: dict[str, str] = {
    "narrative": "正文",
    "income_expenditure_summary": "收支总表",
    "income": "收入表",
    "expenditure": "支出表",
    "appropriation_summary": "财政拨款收支总表",
    "general_budget_expenditure": "一般公共预算财政拨款支出表",
    "general_budget_basic": "一般公共预算财政拨款基本支出表",
    "three_public": "“三公”经费表",
    "gov_fund": "政府性基金预算财政拨款表",
    "state_capital": "国有资本经营预算财政拨款表",
}


# Measure columns of the standard tables (LineItem.column), as the headers print them.
COLUMN_LABELS: dict[str, str] = {
    "total": "合计", "final": "决算数", "budget": "预算数", "change": "比上年增减", "change_pct": "增减%",
    "prior_executed": "上年执行数", "basic": "基本支出", "project": "项目支出",
    "to_superior": "上缴上级支出", "operating": "经营", "to_affiliates": "对附属单位补助支出",
    "fiscal": "财政拨款", "superior_subsidy": "上级补助收入", "business": "事业收入",
    "affiliated": "附属单位上缴收入", "other": "其他收入", "personnel": "人员经费", "public": "公用经费",
    "general_budget": "一般公共预算", "gov_fund": "政府性基金预算", "state_capital": "国有资本经营预算",
    "budget_gap": "决算数与预算数之差",
}


def column_label(column: str) -> str:
    """"基本支出" for ``basic``; the key itself when unknown."""
    return COLUMN_LABELS.get(column, column)


def metric_label(metric: str, subject: str | None = None) -> str:
    """"基本支出", or "县政府办公室工作经费 执行数" for a project-level metric."""
    label = METRIC_LABELS.get(metric, metric)
    return f"{subject} {label}" if subject else label


def table_label(table: str) -> str:
    """The table's usual Chinese title (the key itself when unknown)."""
    return TABLE_LABELS.get(table, table)
