"""Metric keys beyond SPEC.md's table: Chinese label and definition of each.

SPEC.md lists the keys every report has; the narrative extractor meets more (会议费, 委托业务费,
stated 绩效 counts, 财政专户 income …). Each key it can produce is defined here once, so a
researcher querying ``v_facts`` knows what a key means, and ``checks.labels`` names it in
findings. ``assets.equipment_over_{N}w`` keys are built from the printed threshold (单价N万元).
"""

from __future__ import annotations

from typing import NamedTuple


class Metric(NamedTuple):
    label: str  # the words the reports use
    definition: str  # what the figure is, for researchers


METRICS: dict[str, Metric] = {
    "meetings": Metric("会议费", "会议费 as the report states it (预算 or 决算, 万元); not part of the “三公”经费."),
    "training": Metric("培训费", "培训费 as the report states it (预算 or 决算, 万元); not part of the “三公”经费."),
    "three_public.with_meetings_training": Metric(
        "“三公”经费及会议费、培训费",
        "The sum some provinces print of the “三公”经费 and 会议费 and 培训费 (万元); never three_public.total.",
    ),
    "commissioned_services": Metric("委托业务费", "委托业务费 (economic class 30227) the report states, 万元."),
    "income.special_account": Metric("财政专户管理资金收入", "Income from funds managed in a 财政专户 (budget documents), 万元."),
    "income.other_funds": Metric(
        "其他资金收入", "Beijing budgets' subtotal of the non-appropriation income (财政专户, 事业, 经营, 其他…), 万元."
    ),
    "income.non_fiscal_balance_used": Metric("使用非财政拨款结余", "Non-appropriation balance used in the year, 万元."),
    "general_budget.carryover": Metric(
        "一般公共预算财政拨款年初结转和结余",
        "The general budget's own carryover from the prior year (part of income.carryover), 万元."),
    "gov_fund.carryover": Metric(
        "政府性基金预算财政拨款年初结转和结余",
        "The government-fund budget's own carryover from the prior year (part of income.carryover), 万元."),
    "expenditure.carryover": Metric("年末结转和结余", "Balance carried to next year (结转下年 in budgets), 万元."),
    "expenditure.balance_distribution": Metric("结余分配", "结余分配 of the 决算 summary, 万元."),
    "assets.fixed_assets": Metric("固定资产金额", "Book value of the department's fixed assets on the stated date, 万元."),
    "assets.fixed_assets_planned": Metric("拟购置固定资产", "Fixed assets the budget plans to buy in the year, 万元."),
    "assets.equipment_over_1m_bought": Metric(
        "拟购置单价100万元以上设备", "Equipment of unit value ≥ 100万元 the budget plans to buy, 台（套）."
    ),
    "assets.equipment_over_50w_bought": Metric(
        "拟购置单价50万元以上设备", "Equipment of unit value ≥ 50万元 the budget plans to buy, 台（套）."
    ),
    "performance.rated": Metric("绩效评级项目数", "Projects whose evaluation got the grade in ``subject`` (优/良/…), 个."),
    "performance.score": Metric("绩效自评得分", "Self-evaluation score of the project in ``subject`` (or of the whole department), 分."),
    "performance.average_score": Metric("绩效自评平均得分", "Average self-evaluation score of the evaluated projects, 分."),
    "performance.issues_found": Metric("绩效自评发现问题数", "Problems the performance self-evaluation found, 个."),
    "performance.issues_fixed": Metric("已完成整改问题数", "Of those problems, the ones already rectified, 个."),
    "performance.issues_in_progress": Metric("正在整改问题数", "Of those problems, the ones being rectified, 个."),
    "performance.targets_set_amount": Metric(
        "绩效目标覆盖金额", "Money of the projects under 绩效目标 management (涉及预算金额), 万元."
    ),
}


def label_of(metric: str) -> str | None:
    """The Chinese label of a key defined here, else None."""
    entry = METRICS.get(metric)
    return entry.label if entry else None
