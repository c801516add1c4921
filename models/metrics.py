"""The metric dictionary: every fact key with its Chinese label, definition and unit.

One place says what ``income.total`` or ``three_public.vehicle_fleet`` means, so that the
``metrics`` command, docs/metrics.md, the data package's field descriptions and the panel
export's column notes all say the same thing. Which tables and wordings fill a key is not
written here by hand: ``extractors.metric_sources`` reads it from the extractors' own label
tables, so the documentation cannot drift from the code.

A few keys are families built by the extractors (``assets.equipment_over_{N}w`` for a
threshold other than 100 万元, ``performance.X_amount`` for the money a performance count
covers, ``…_bought`` for equipment bought this year); ``lookup`` resolves those.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MONEY = "万元"


@dataclass(frozen=True)
class Metric:
    """One fact key. ``unit`` is the stored unit (money is always 万元, converted from the
    printed unit, which each fact keeps in ``printed_unit``)."""

    key: str
    label: str
    definition: str
    unit: str
    group: str


def _m(group: str, unit: str, *rows: tuple[str, str, str]) -> list[Metric]:
    return [Metric(key, label, definition, unit, group) for key, label, definition in rows]


METRICS: tuple[Metric, ...] = tuple([
    *_m("收入 income", MONEY,
        ("income.total", "收入总额（本年收入合计）",
         "All income of the year (本年收入合计), without the carry-over from earlier years."),
        ("income_expenditure.grand_total", "收入支出总计",
         "The 总计 of the income/expenditure summary: the year's income plus carry-over and balances used "
         "(equals the expenditure side's 总计)."),
        ("income.grand_total", "收入总计",
         "The income side's 总计 of the summary, when the text states the two sides apart with different "
         "figures (\"收、支总计各是A、B万元\"); a balanced summary's one 总计 is income_expenditure.grand_total."),
        ("income.fiscal", "财政拨款收入",
         "Appropriations from the treasury: general budget, government fund and state capital together."),
        ("income.general_budget", "一般公共预算财政拨款收入", "Appropriations from the general public budget."),
        ("income.gov_fund", "政府性基金预算财政拨款收入", "Appropriations from the government-managed fund budget."),
        ("income.state_capital", "国有资本经营预算财政拨款收入",
         "Appropriations from the state capital operations budget."),
        ("income.superior_subsidy", "上级补助收入", "Subsidies from the superior (non-treasury) unit."),
        ("income.business", "事业收入", "Income of public institutions from their professional activities."),
        ("income.operating", "经营收入", "Income from non-professional commercial operations (事业单位经营收入)."),
        ("income.affiliated", "附属单位上缴收入", "Money handed up by affiliated units."),
        ("income.other", "其他收入", "Income of no other category."),
        ("income.carryover", "年初结转和结余", "Balances carried over from earlier years (年初结转和结余 / 上年结转)."),
        ("income.non_fiscal_balance_used", "使用非财政拨款结余", "Non-appropriation balances drawn on this year."),
        ("income.special_account", "财政专户管理资金收入", "Income from funds managed in a 财政专户 (budget documents)."),
        ("income.other_funds", "其他资金收入", "Beijing budgets' subtotal of the non-appropriation income (财政专户, 事业, 经营, 其他…)."),
        ),
    *_m("支出 expenditure", MONEY,
        ("expenditure.total", "支出总额（本年支出合计）",
         "All spending of the year (本年支出合计), without the year-end carry-over."),
        ("expenditure.grand_total", "支出总计",
         "The expenditure side's 总计 of the summary, when the text states the two sides apart with different "
         "figures (\"收、支总计各是A、B万元\"); a balanced summary's one 总计 is income_expenditure.grand_total."),
        ("expenditure.basic", "基本支出",
         "Spending to keep the body running: personnel (人员经费) plus routine public costs (公用经费)."),
        ("expenditure.project", "项目支出", "Spending on specific tasks and projects beyond basic operation."),
        ("expenditure.to_superior", "上缴上级支出", "Money handed up to the superior unit."),
        ("expenditure.operating", "经营支出", "Spending on non-professional commercial operations."),
        ("expenditure.to_affiliates", "对附属单位补助支出", "Subsidies paid to affiliated units."),
        ("expenditure.carryover", "年末结转和结余", "Balance carried to next year (年末结转和结余; 结转下年 in budgets)."),
        ("expenditure.balance_distribution", "结余分配", "结余分配 of the 决算 summary."),
        ),
    *_m("财政拨款 appropriations", MONEY,
        ("appropriation.income", "财政拨款本年收入",
         "The year's appropriation income, as the 财政拨款收入支出总表 states it (本年收入合计)."),
        ("appropriation.expenditure", "财政拨款本年支出",
         "The year's spending of appropriations (财政拨款支出 / 本年支出合计 of the appropriation summary)."),
        ("appropriation.grand_total", "财政拨款收入支出总计",
         "The 总计 of the appropriation summary: the year's appropriations plus their carry-over."),
        ("general_budget.expenditure", "一般公共预算财政拨款支出", "Spending of general public budget appropriations."),
        ("general_budget.basic", "一般公共预算财政拨款基本支出",
         "The basic-spending part of general budget appropriation spending."),
        ("basic.personnel", "人员经费", "Personnel costs within basic spending (wages, social security, pensions)."),
        ("basic.public", "公用经费",
         "Routine public costs within basic spending (日常公用经费: office, utilities, travel…)."),
        ("gov_fund.expenditure", "政府性基金预算财政拨款支出", "Spending of government fund appropriations."),
        ("state_capital.expenditure", "国有资本经营预算财政拨款支出",
         "Spending of state capital operations appropriations."),
        ("operating_costs", "机关运行经费",
         "Running costs of administrative bodies (and units managed like them) from appropriations."),
        ),
    *_m("“三公”经费 three public costs", MONEY,
        ("three_public.total", "“三公”经费",
         "Overseas travel + official vehicles + official reception, from appropriations."),
        ("three_public.outbound", "因公出国（境）费", "Official travel abroad (incl. Hong Kong, Macao, Taiwan)."),
        ("three_public.vehicle", "公务用车购置及运行维护费",
         "Official vehicles: purchase plus running and maintenance."),
        ("three_public.vehicle_purchase", "公务用车购置费", "Purchase of official vehicles."),
        ("three_public.vehicle_operation", "公务用车运行维护费",
         "Running and maintenance of official vehicles (fuel, repairs, insurance, tolls)."),
        ("three_public.reception", "公务接待费", "Official reception (domestic and foreign guests)."),
        ),
    *_m("会议费、培训费等 other named costs", MONEY,
        ("meetings", "会议费", "会议费 as the report states it (预算 or 决算); not part of the “三公”经费."),
        ("training", "培训费", "培训费 as the report states it (预算 or 决算); not part of the “三公”经费."),
        ("three_public.with_meetings_training", "“三公”经费及会议费、培训费", "The sum some provinces print of the “三公”经费 and 会议费 and 培训费; never three_public.total."),
        ("commissioned_services", "委托业务费", "委托业务费 (economic class 30227) the report states."),
        ),
    *_m("“三公”经费 counts", "个",
        ("three_public.outbound_groups", "因公出国（境）团组", "Number of delegations abroad (个 / 批)."),
        ("three_public.outbound_people", "因公出国（境）人次", "Person-trips abroad (人次)."),
        ("three_public.vehicles_bought", "购置公务用车", "Official vehicles bought in the year (辆)."),
        ("three_public.vehicle_fleet", "公务用车保有量", "Official vehicles held (辆)."),
        ("three_public.reception_batches", "公务接待批次",
         "Official receptions (批次); foreign receptions carry subject 外事接待."),
        ("three_public.reception_people", "公务接待人次",
         "People received (人次); foreign receptions carry subject 外事接待."),
        ),
    *_m("政府采购 procurement", MONEY,
        ("procurement.total", "政府采购支出总额", "Government procurement of the year (goods + works + services)."),
        ("procurement.goods", "政府采购货物支出", "Procurement of goods."),
        ("procurement.works", "政府采购工程支出", "Procurement of works (construction)."),
        ("procurement.services", "政府采购服务支出", "Procurement of services."),
        ("procurement.sme", "授予中小企业合同金额", "Contracts awarded to small and medium enterprises."),
        ("procurement.small_micro", "授予小微企业合同金额", "Contracts awarded to small and micro enterprises."),
        ("procurement.sme_reserved", "预留中小企业采购份额", "Procurement budget reserved for SMEs (budgets)."),
        ("procurement.small_micro_reserved", "预留小微企业采购份额",
         "Procurement budget reserved for small and micro enterprises (budgets)."),
        ("procurement.centralized", "政府集中采购",
         "The part of procurement bought through the government's centralised purchasing (集中采购)."),
        ("procurement.decentralized", "分散采购", "The part of procurement bought by the body itself (分散采购)."),
        ),
    *_m("经济分类 economic classes", MONEY,
        ("economic.301", "工资福利支出", "Spending of economic class 301 (工资福利支出: salaries, allowances, social "
         "insurance contributions) the narrative states."),
        ("economic.302", "商品和服务支出", "Spending of economic class 302 (商品和服务支出: goods and services for the "
         "body's running and its projects) the narrative states."),
        ("economic.303", "对个人和家庭的补助", "Spending of economic class 303 (对个人和家庭的补助: pensions, "
         "subsidies and other payments to individuals and households) the narrative states."),
        ("economic.310", "资本性支出", "Spending of economic class 310 (资本性支出: buildings, equipment and other "
         "capital outlays) the narrative states. Every economic.* fact with subject 基本支出 or 项目支出 is the "
         "class's part of that spending (its share is stated of it), not the department's class total."),
        ),
    *_m("资产 assets", "台（套）",
        ("assets.vehicles", "车辆", "Vehicles the body holds, of every kind (辆)."),
        ("assets.equipment_over_1m", "单价100万元以上设备", "Pieces of equipment of unit price 100 万元 or more (台（套）)."),
        ("assets.buildings_area", "房屋面积", "Floor area of the buildings the department holds (平方米) on the "
         "stated date; its parts by use (办公用房 / 业务用房 / 其他用房 …) in ``subject``."),
        ("assets.equipment_over_1m_bought", "拟购置单价100万元以上设备", "Equipment of unit value ≥ 100万元 bought (决算) or planned to be bought (预算) in the year (台（套）)."),
        ),
    *_m("资产 assets (money)", MONEY,
        ("assets.fixed_assets", "固定资产金额", "Book value of the department's fixed assets on the stated date."),
        ("assets.fixed_assets_planned", "拟购置固定资产", "Fixed assets the budget plans to buy in the year."),
        ("assets.current_assets", "流动资产", "Book value of the department's current assets (流动资产) on the stated date."),
        ("assets.construction_in_progress", "在建工程", "Book value of construction in progress (在建工程) on the "
         "stated date."),
        ("assets.intangible", "无形资产", "Book value of intangible assets (无形资产) on the stated date."),
        ("assets.total", "资产总额", "All assets of the department the report states (资产总额 / 资产合计 / 资产原值合计): "
         "原值 or 账面价值 as the source text says."),
        ("assets.land_buildings", "土地、房屋及构筑物", "Land, buildings and structures among the stated assets."),
        ("assets.general_equipment", "通用设备", "General equipment among the stated assets."),
        ("assets.special_equipment", "专用设备", "Special-purpose equipment among the stated assets."),
        ("assets.long_term_investment", "长期投资", "Book value of long-term investments (长期投资) on the stated date."),
        ),
    *_m("人员 staff", "人",
        ("staff.authorized", "编制数", "Authorised posts (编制)."),
        ("staff.actual", "在职人数", "Staff in post (在职 / 在编 / 实有人员)."),
        ("staff.retired", "离退休人数", "Retired staff (离退休人员)."),
        ),
    *_m("机构 organisation", "个",
        ("org.units", "下属单位", "Subordinate units the department's report consolidates."),
        ),
    *_m("绩效 performance", "个",
        ("performance.ex_ante_assessed", "事前绩效评估项目", "Projects assessed before approval."),
        ("performance.targets_set", "编制绩效目标的项目", "Projects with performance targets set."),
        ("performance.monitored", "绩效监控项目", "Projects whose performance was monitored during the year."),
        ("performance.self_evaluated", "绩效自评项目", "Projects self-evaluated after the year."),
        ("performance.evaluated", "绩效评价项目", "Projects evaluated (by the department or the finance bureau)."),
        ("performance.rated", "绩效评级项目数", "Projects whose evaluation got the grade in ``subject`` (优/良/…)."),
        ("performance.issues_found", "绩效自评发现问题数", "Problems the performance self-evaluation found."),
        ("performance.issues_fixed", "已完成整改问题数", "Of those problems, the ones already rectified."),
        ("performance.issues_in_progress", "正在整改问题数", "Of those problems, the ones being rectified."),
        ),
    *_m("绩效 performance scores", "分",
        ("performance.score", "绩效自评得分", "Self-evaluation score of the project in ``subject`` (or of the whole department)."),
        ("performance.average_score", "绩效自评平均得分", "Average self-evaluation score of the evaluated projects."),
        ),
    *_m("项目 projects (narrative)", MONEY,
        ("project.budget", "项目预算数", "A project's budget as the narrative states it (subject: the project)."),
        ("project.executed", "项目执行数", "A project's spending as the narrative states it (subject: the project)."),
        ),
    *_m("项目 projects (narrative)", "%",
        ("project.completion_pct", "项目完成率",
         "执行数 / 预算数 as the narrative states it, in percent (subject: the project)."),
        ),
])

# Count units per key where the group's unit is not the stored one.
_UNITS = {
    "three_public.vehicles_bought": "辆", "three_public.vehicle_fleet": "辆",
    "three_public.outbound_people": "人次", "three_public.reception_people": "人次",
    "three_public.reception_batches": "批次", "assets.vehicles": "辆", "assets.buildings_area": "平方米",
}
METRICS = tuple(Metric(m.key, m.label, m.definition, _UNITS.get(m.key, m.unit), m.group)
                for m in METRICS)

BY_KEY: dict[str, Metric] = {m.key: m for m in METRICS}

# Key families the extractors build from a printed number or another key.
_FAMILIES: list[tuple[re.Pattern, Callable[[re.Match], Metric | None]]] = [
    (re.compile(r"^assets\.equipment_over_(\d+)w(_bought)?$"),
     lambda m: Metric(m.group(0), f"{'拟购置' if m.group(2) else ''}单价{m.group(1)}万元以上设备",
                      f"Pieces of equipment of unit price {m.group(1)} 万元 or more"
                      f"{' bought (决算) or planned to be bought (预算) in the year' if m.group(2) else ''} (台（套）).",
                      "台（套）", "资产 assets")),
    (re.compile(r"^economic\.(\d{3})$"),
     lambda m: Metric(m.group(0), f"经济分类{m.group(1)}支出",
                      f"Spending of the economic class (类) coded {m.group(1)} as the narrative prints it "
                      "(部门预算支出经济分类 3xx, 政府预算支出经济分类 5xx).", MONEY, "经济分类 economic classes")),
    (re.compile(r"^(performance\.[a-z_]+)_amount$"),
     lambda m: _amount(m.group(0), BY_KEY.get(m.group(1)))),
]

FAMILY_TEMPLATES = (
    ("assets.equipment_over_{N}w[_bought]", "单价N万元以上设备 (a threshold other than 100 万元)"),
    ("economic.{code}", "spending of the economic class (类) with the printed 3-digit code (301, 302, 502 …)"),
    ("performance.{count}_amount", "the budget money (万元) a performance count covers (涉及预算金额)"),
)


def _amount(key: str, count: Metric | None) -> Metric | None:
    if count is None:
        return None
    if key == "performance.targets_set_amount":
        return Metric(key, "绩效目标覆盖金额", "Money of the projects under 绩效目标 management (涉及预算金额).",
                      MONEY, count.group)
    return Metric(key, f"{count.label}金额", f"The budget money the count {count.key} covers (涉及预算金额).",
                  MONEY, count.group)


def lookup(key: str) -> Metric | None:
    """The dictionary entry of a key, including the families; None for an unknown key."""
    if key in BY_KEY:
        return BY_KEY[key]
    for pattern, build in _FAMILIES:
        if match := pattern.match(key):
            return build(match)
    return None


def label(key: str) -> str:
    """The Chinese label (the key itself when unknown, so a message never loses it)."""
    metric = lookup(key)
    return metric.label if metric else key
