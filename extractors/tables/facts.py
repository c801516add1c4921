"""Metric facts the standard tables state: their totals, for when the narrative is silent.

Only figures a table prints become facts (origin "table"): the 本年收入合计 of the 总表, the
合计 row of the 支出决算表, the 三公 table's lines. Nothing is summed here; a total the
table does not print is not a fact. When two tables state the same metric (本年收入合计 in
the 总表 and 合计 in the 收入决算表) the first table in the document gives it.
"""

from __future__ import annotations

import regex

from extractors.patterns import first_match, named_patterns
from models.records import Fact, LineItem

# 总表 rows by name (ordinal stripped) → metric, per side.
_SUMMARY_INCOME = named_patterns(
    ("income.total", r"^本年收入合计$"),
    ("income_expenditure.grand_total", r"^(?:收入)?总计$"),
    ("income.carryover", r"^年初结转和结余$|^上年结转|^上年结余[、和及]?结转"),  # also "上年结余、结转"
    ("income.general_budget", r"^一般公共预算(?:财政拨款收入|资金)?$"),
    ("income.gov_fund", r"^政府性基金(?:预算)?(?:财政拨款收入)?$"),
    ("income.state_capital", r"^国有资本经营预算(?:财政拨款收入)?$"),
    ("income.fiscal", r"^(?:本级)?财政拨款(?:收入)?$|^预算拨款$"),
    ("income.superior_subsidy", r"^上级补助收入$"),
    ("income.business", r"^事业收入$"),
    ("income.operating", r"^(?:事业单位)?经营收入$"),
    ("income.affiliated", r"^附属单位上缴收入$"),
    ("income.other", r"^其[他它]收入$"),
)
_SUMMARY_SPENDING = named_patterns(
    ("expenditure.total", r"^本年支出合计$"),
    ("expenditure.basic", r"^基本支出$"),
    ("expenditure.project", r"^项目支出$"),
)
# The one total a 总表 side prints when it has no 总计 row (Chongqing's "合计" above the
# rows, Fuzhou's "收入合计" after 上年结转结余): everything on that side, the grand total.
_SIDE_TOTAL = regex.compile(r"^(?:收入)?合计$")
# 合计 rows of row tables: (table key, column) → metric.
_TOTAL_ROW: dict[tuple[str, str], str] = {
    ("expenditure", "total"): "expenditure.total",
    ("expenditure", "basic"): "expenditure.basic",
    ("expenditure", "project"): "expenditure.project",
    ("expenditure", "to_superior"): "expenditure.to_superior",
    ("expenditure", "operating"): "expenditure.operating",
    ("expenditure", "to_affiliates"): "expenditure.to_affiliates",
    ("income", "total"): "income.total",
    ("income", "fiscal"): "income.fiscal",
    ("income", "superior_subsidy"): "income.superior_subsidy",
    ("income", "business"): "income.business",
    ("income", "operating"): "income.operating",
    ("income", "affiliated"): "income.affiliated",
    ("income", "other"): "income.other",
    ("general_budget_expenditure", "total"): "general_budget.expenditure",
    ("general_budget_expenditure", "basic"): "general_budget.basic",
    ("general_budget_basic", "personnel"): "basic.personnel",
    ("general_budget_basic", "public"): "basic.public",
    ("gov_fund", "total"): "gov_fund.expenditure",
    ("state_capital", "total"): "state_capital.expenditure",
}
_BASIC_TOTALS = {"人员经费合计": "basic.personnel", "公用经费合计": "basic.public"}
_THREE_PUBLIC = named_patterns(
    ("three_public.total", r"^合计$|^“?三公”?经费(?:合计|总额)?$"),
    ("three_public.outbound", r"因公出国"),
    ("three_public.vehicle", r"购置及运行"),
    ("three_public.vehicle_purchase", r"购置费?$"),
    ("three_public.vehicle_operation", r"运行(?:维护)?费$"),
    ("three_public.reception", r"公务接待"),
    ("operating_costs", r"^机关运行经费$"),
)


def table_facts(items: list[LineItem], final_blocks: set[int] = frozenset()) -> list[Fact]:
    """The metric facts the tables' total rows state (first table per metric wins).

    ``final_blocks``: blocks of 三公 tables with 决算数 columns. Their facts are the 决算数
    (a blank 决算数 states nothing, so gives no fact); the 预算数 joins as budget_value.
    """
    facts: dict[str, Fact] = {}
    for item in items:
        if item.table == "three_public" and item.column == "budget" and (
            item.source.block in final_blocks
        ):
            continue
        metric = _metric(item)
        if metric and metric not in facts and item.value is not None:
            facts[metric] = _fact(metric, item)
    _attach_three_public_budgets(facts, items)
    if "income_expenditure.grand_total" not in facts:
        side_total = _side_total(items)
        if side_total is not None:
            facts["income_expenditure.grand_total"] = _fact("income_expenditure.grand_total",
                                                            side_total)
    return list(facts.values())


def _side_total(items: list[LineItem]) -> LineItem | None:
    """The 合计 / 收入合计 of the first 总表's income side, when it prints no 总计."""
    summary = [i for i in items if i.table == "income_expenditure_summary" and i.side == "income"
               and i.value is not None]
    if not summary:
        return None
    block = summary[0].source.block
    first = [i for i in summary if i.source.block == block]
    if any(regex.match(r"^(?:收入)?总计$", i.name.replace(" ", "")) for i in first):
        return None
    return next((i for i in first if _SIDE_TOTAL.match(i.name.replace(" ", ""))), None)


def _metric(item: LineItem) -> str | None:
    if item.table == "income_expenditure_summary" and item.column in ("final", "budget", "total"):
        if item.side != "income":
            return first_match(_SUMMARY_SPENDING, item.name)
        # Chongqing names its sources "一般公共预算资金", "事业收入资金", "其他收入资金".
        name = regex.sub(r"(?<=预算|收入)资金$", "", item.name)
        return first_match(_SUMMARY_INCOME, name)
    if item.table == "appropriation_summary":
        return _appropriation_metric(item)
    if item.table == "three_public":
        if item.column not in ("budget", "final", "total"):
            return None  # a prior year's row or another fund's column
        return first_match(_THREE_PUBLIC, item.name)
    if item.table == "general_budget_basic" and item.name in _BASIC_TOTALS:
        return _BASIC_TOTALS[item.name]
    if item.level == "合计" and item.code is None:
        return _TOTAL_ROW.get((item.table, item.column))
    return None


def _appropriation_metric(item: LineItem) -> str | None:
    """财政拨款收入支出决算总表: 总计 is the grand total (both sides state it), 本年收入合计 /
    本年支出合计 (its 合计 column) the year's appropriation income and spending — the
    meanings the narrative gives "财政拨款收入支出总计" and "财政拨款支出"."""
    name = item.name.replace(" ", "")
    if regex.match(r"^(?:收入|支出)?总计$", name):
        return "appropriation.grand_total" if item.side == "income" else None
    if name == "本年收入合计" and item.side == "income":
        return "appropriation.income"
    if name == "本年支出合计" and item.side == "expenditure" and item.column == "total":
        return "appropriation.expenditure"
    return None


def _fact(metric: str, item: LineItem) -> Fact:
    return Fact(
        metric=metric,
        value=item.value,
        unit="万元",
        source=item.source,
        printed_unit=item.printed_unit,
        printed_value=item.printed_value,
        origin="table",
    )


def _attach_three_public_budgets(facts: dict[str, Fact], items: list[LineItem]) -> None:
    """A 三公 决算 fact carries its 预算数 as ``budget_value`` (same line, budget column)."""
    from dataclasses import replace

    finals = {i.name for i in items if i.table == "three_public" and i.column == "final"}
    for item in items:
        if item.table != "three_public" or item.column != "budget" or item.name not in finals:
            continue
        metric = first_match(_THREE_PUBLIC, item.name)
        if metric in facts and facts[metric].budget_value is None:
            facts[metric] = replace(facts[metric], budget_value=item.value)
