"""Which metric a figure is, from the words printed just before it (and, for counts, after).

Reports word the same figure many ways (收入决算总额 / 本年收入合计 / 收入预算; 公务用车购置及运行费 /
公务用车购置及运行维护费). Each table below is ordered from the most specific wording to the
most general, and the first pattern found in the label wins: "一般公共预算财政拨款收入" must be
read before "财政拨款收入", "公务用车购置及运行维护费" before "公务用车购置".
"""

from __future__ import annotations

import regex

_P = regex.compile

# Who and when before a bare total's name, in either order ("2023年度本单位收入总计", "本部门2023年收入总计").
_WHO = r"(?:本部门|本单位|我部门|我单位|部门)"
_WHO_YEAR = rf"{_WHO}?(?:(?:19|20)\d{{2}}\s*年度?)?{_WHO}?"

# Money labels → SPEC.md metric keys.
MONEY_LABELS: list[tuple[regex.Pattern, str]] = [
    # "“三公”经费及会议费、培训费" (Shaanxi, Jiangsu tables) is a sum of its own, never the 三公 total.
    (_P(r"三公[”\"]?经费[^，,；;。]{0,6}?(?:及|和|、)会议费(?:、|和|及)培训费|三公[”\"]?经费(?:、|和|及)会议费(?:、|和|及)培训费"),
     "three_public.with_meetings_training"),
    # 三公 parts before the whole, vehicle sub-parts after the vehicle total.
    (_P(r"公务用车购置(?:及|和)运行(?:维护)?费?"), "three_public.vehicle"),
    (_P(r"公务用车运行(?:维护)?费?"), "three_public.vehicle_operation"),
    (_P(r"公务用车购置(?:费|支出)?|购置公务用车"), "three_public.vehicle_purchase"),
    (_P(r"因公出国(?:[（(]境[)）])?|出国[（(]境[)）]费|^出国费"), "three_public.outbound"),
    (_P(r"公务接待费?"), "three_public.reception"),
    # "其中：外事接待费支出0万元" (subject 外事接待, ``count_subject``)
    (_P(r"外事接待费"), "three_public.reception"),
    (_P(r"会议费"), "meetings"),
    (_P(r"培训费"), "training"),
    (_P(r"三公"), "three_public.total"),
    (_P(r"机关运行经费|机关运行费用?|(?<!公务用车|事业)运行经费"), "operating_costs"),
    (_P(r"委托业务费"), "commissioned_services"),
    (_P(r"拟购置固定资产|购置固定资产"), "assets.fixed_assets_planned"),
    (_P(r"(?<!其他)固定资产(?:金额|总额|原值|价值)?"), "assets.fixed_assets"),
    # 国有资产占有使用情况: the other balance-sheet items it states ("在建工程1项12277.73万元")
    (_P(r"(?<!其他)流动资产(?:金额|总额|合计)?$"), "assets.current_assets"),
    (_P(r"(?<!其他)在建工程(?:金额|总额)?$"), "assets.construction_in_progress"),
    (_P(r"(?<!其他)无形资产(?:金额|总额|原值)?$"), "assets.intangible"),
    (_P(r"(?<!其他)长期(?:股权)?投资(?:金额|总额)?$"), "assets.long_term_investment"),
    # 国有资产 totals and their classes ("资产原值合计2110003.55元，其中：（1）土地、房屋及构筑物700221元").
    (_P(r"^(?:本部门|本单位|我单位|我部门|部门|单位)?(?:共有|拥有|占有|占用)?(?:国有)?资产(?:原值|账面(?:价值|余额)?|净值)?(?:总额|合计|总计|总值)(?:为|是|共计?)?$"),
     "assets.total"),
    (_P(r"^(?:土地[、和及])?房屋(?:及|和)?构筑物(?:原值|价值)?(?:为)?$"), "assets.land_buildings"),
    (_P(r"^通用设备(?:原值|价值)?(?:为)?$"), "assets.general_equipment"),
    (_P(r"^专用设备(?:原值|价值)?(?:为)?$"), "assets.special_equipment"),
    # 政府采购: reserved-for / awarded-to SMEs, then goods/works/services, then total.
    (_P(r"(?:面向|预留给?)(?:小微企业|小型和微型企业)|(?:小微企业|小型和微型企业)的?政府采购项目预算"),
     "procurement.small_micro_reserved"),
    # also "预留面向中小企业采购的份额为30万元"
    (_P(r"面向中小企业预留|预留(?:给|面向)?中小企业|面向中小企业[^，,；;。]{0,6}?份额"), "procurement.sme_reserved"),
    (_P(r"授予小微企业|小微企业合同"), "procurement.small_micro"),
    (_P(r"授予中小企业|中小企业合同"), "procurement.sme"),
    (_P(r"(?:政府采购)?货物(?:采购)?(?:支出|预算|金额)?"), "procurement.goods"),
    (_P(r"(?:政府采购)?工程(?:采购)?(?:支出|预算|金额)?"), "procurement.works"),
    (_P(r"(?:政府采购)?服务类?(?:采购)?(?:支出|预算|金额)|服务类(?:项目|采购)?$|^服务$"), "procurement.services"),
    (_P(r"(?:政府)?集中采购(?:预算|支出|金额)?"), "procurement.centralized"),
    (_P(r"分散采购(?:预算|支出|金额)?"), "procurement.decentralized"),
    (_P(r"政府采购"), "procurement.total"),
    # 收入
    (_P(r"一般公共预算(?:当年)?(?:财政)?(?:拨款)?收入"), "income.general_budget"),
    (_P(r"政府性基金(?:预算)?(?:财政)?(?:拨款)?收入"), "income.gov_fund"),
    (_P(r"国有资本经营预算(?:财政)?(?:拨款)?收入"), "income.state_capital"),
    (_P(r"财政拨款收入(?:和|及|、)?支出(?:决算|预算)?总计|财政拨款收支(?:决算|预算)?总计"
        r"|财政拨款收入(?:决算|预算)?总计(?:和|及|、)支出(?:决算|预算)?总计"
        r"|财政拨款收支总预算|财政拨款收支(?:决算|预算)?总额"
        # the summary named as a whole in a comparison that states no figure of its own
        # ("财政拨款总收支较上年下降3.85%", "财政拨款收支总体较上年减少…")
        r"|财政拨款(?:收入支出|收支)总体|财政拨款总收支"), "appropriation.grand_total"),
    # "一般公共预算财政拨款支出总计" is the general budget's, not all appropriations'.
    (_P(r"(?<!一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?)财政拨款收入(?:决算|预算)?总计"),
     "appropriation.income"),
    (_P(r"(?<!一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?)财政拨款支出(?:决算|预算)?总计"),
     "appropriation.expenditure"),
    (_P(r"收入(?:和|及|、)?支出(?:决算|预算)?总计|收支(?:决算|预算)?总计|收支总预算"
        r"|(?<!财政拨款)(?:收入支出|收支)(?:决算|预算)?总额"  # "收支预算总额860.50万元" (budgets)
        r"|收入(?:决算|预算)?总计(?:和|及|、)支出(?:决算|预算)?总计"
        # "2023年度收入总计434.72万元" / "支出总计…": either side's 总计 is the summary's 总计
        r"|^" + _WHO_YEAR + r"(?:收入|支出)(?:决算|预算)?总计(?:为|是)?$"
        # "收入支出总体与上年相比，增加…": the summary as a whole
        r"|^" + _WHO_YEAR + r"(?:(?:收入支出|收支)总体(?:情况)?|总收支)$"),
     "income_expenditure.grand_total"),
    (_P(r"财政拨款收入"), "income.fiscal"),
    (_P(r"财政专户管理(?:资金|事业)?(?:收入)?"), "income.special_account"),
    (_P(r"上级补助收入"), "income.superior_subsidy"),
    (_P(r"事业单位经营(?:服务)?收入|经营收入"), "income.operating"),
    (_P(r"事业收入"), "income.business"),
    (_P(r"附属单位上缴收入"), "income.affiliated"),
    (_P(r"其他资金收入"), "income.other_funds"),
    (_P(r"其他收入"), "income.other"),
    (_P(r"使用非财政拨款结余"), "income.non_fiscal_balance_used"),
    (_P(r"(?:年初|上年)结转(?:和结余)?"), "income.carryover"),
    (_P(r"年末结转(?:和结余)?|年终结转(?:结余)?|结转下年"), "expenditure.carryover"),
    (_P(r"结余分配"), "expenditure.balance_distribution"),
    (_P(r"收入(?:决算|预算)?总额|本年收入合计|收入(?:决算|预算)?合计|收入预算|收入决算|^本年收入$"
        r"|(?<!公共|基金|经营)(?:部门)?预算收入(?:总额|合计)?$"
        r"|^" + _WHO_YEAR + r"(?:全年)?收入(?:为|是|共计?)?$"), "income.total"),
    # 支出
    (_P(r"一般公共预算(?:财政)?(?:拨款)?基本支出"), "general_budget.basic"),
    (_P(r"一般公共预算(?:当年)?(?:财政)?拨款(?:支出)?|一般公共预算支出|一般公共预算资金安排的?支出"),
     "general_budget.expenditure"),
    (_P(r"政府性基金(?:预算)?(?:当年)?(?:财政)?拨款(?:支出)?|政府性基金预算支出"), "gov_fund.expenditure"),
    (_P(r"国有资本经营预算(?:财政)?拨款(?:支出)?|国有资本经营预算支出"), "state_capital.expenditure"),
    (_P(r"财政拨款支出"), "appropriation.expenditure"),
    (_P(r"人员经费|^人员支出$"), "basic.personnel"),
    (_P(r"(?:日常)?公用经费|^(?:日常)?公用支出$"), "basic.public"),
    (_P(r"基本支出"), "expenditure.basic"),
    (_P(r"项目支出"), "expenditure.project"),
    (_P(r"上缴上级支出"), "expenditure.to_superior"),
    (_P(r"对附属单位补助支出"), "expenditure.to_affiliates"),
    (_P(r"经营支出"), "expenditure.operating"),
    (_P(r"支出(?:决算|预算)?总额|本年支出合计|支出(?:决算|预算)?合计|支出预算|支出决算|^本年支出$"
        r"|部门预算支出(?:总额|合计)?$|^" + _WHO_YEAR + r"(?:全年)?支出(?:为|是|共计?)?$"),
     "expenditure.total"),
]

# A qualifier that names one of these metrics, in a paragraph that states no such figure,
# is about the figure named here ("2020年财政拨款收入总计850.18万元。与2019年相比，财政拨款收入
# 增加…": 财政拨款收入 there is the 总计 just stated; the seed repeats that sentence word for word
# under its 财政拨款支出总计, where it can only be about that 总计).
SAME_FIGURE: dict[str, tuple[str, ...]] = {
    "income.fiscal": ("appropriation.income", "appropriation.expenditure"),
    "appropriation.expenditure": ("general_budget.expenditure",),
    # "收入预算：…一般公共预算财政拨款X万元…主要是一般公共预算财政拨款增加…": the income item.
    "general_budget.expenditure": ("income.general_budget",),
    "gov_fund.expenditure": ("income.gov_fund",),
    "state_capital.expenditure": ("income.state_capital",),
}

# The two sides of a summary's 总计 named in one list with two figures ("收、支总计各是A,B万元"): when the
# figures differ, each side's own 总计 (a balanced summary states one figure, the 总计).
SIDE_TOTALS = {
    "income_expenditure.grand_total": ("income.grand_total", "expenditure.grand_total"),
}
_SIDE_ITEM = _P(r"^(?P<pre>.*?)(?P<side>收入|支出|收|支)(?P<suf>(?:决算|预算)?(?:总计|合计|总额))?$")
_FULL_SIDE = {"收": "收入", "支": "支出", "收入": "收入", "支出": "支出"}


def expand_sides(items: list[str]) -> list[str]:
    """"收、支总计" → 收入总计, 支出总计; "财政拨款收入、支出总计" → 财政拨款收入总计, 财政拨款支出总计: list
    items naming the sides of one total, its name printed once after the last side. Other lists
    are returned as they are."""
    matches = [_SIDE_ITEM.match(item.strip()) for item in items]
    if len(items) < 2 or not all(matches) or not matches[-1].group("suf") \
            or any(m.group("suf") for m in matches[:-1]):
        return items
    pre = next((m.group("pre") for m in matches if m.group("pre")), "")
    if any(m.group("pre") not in ("", pre) for m in matches):
        return items
    return [pre + _FULL_SIDE[m.group("side")] + matches[-1].group("suf") for m in matches]


def side_of(words: str) -> str | None:
    """"income" / "expenditure" for words that name one side only."""
    income, expenditure = "收入" in words, "支出" in words
    return "income" if income and not expenditure else "expenditure" if expenditure and not income else None


# Count labels, keyed by the count's unit family.
PEOPLE_UNITS = frozenset({"人", "名", "人次"})
AREA_UNITS = frozenset({"平方米", "万平方米", "㎡", "m²", "M²", "平米"})
COUNT_LABELS: list[tuple[regex.Pattern, frozenset[str] | None, str]] = [
    (_P(r"^(?!.*(?:接待|来访)).*团组"), None, "three_public.outbound_groups"),
    (_P(r"出国[（(]境[)）]"), PEOPLE_UNITS, "three_public.outbound_people"),
    # "全年因公出国（境）3批次15人次": trips counted in 批次 are delegations
    (_P(r"^(?!.*(?:接待|来访)).*出国[（(]境[)）]"), frozenset({"批次", "批", "次"}), "three_public.outbound_groups"),
    (_P(r"(?:公务|外事|国内|国[（(]境[)）]外)接待.*批次?$|接待批次|(?:公务|国内|外事)接待次?$"),
     frozenset({"批次", "批", "次"}), "three_public.reception_batches"),
    # "国内公务接待批次为520个" (Hunan): batches counted in 个 after a label that says 批次
    (_P(r"接待批次(?:数)?(?:为|是|共|共计|合计)?$"), frozenset({"个"}), "three_public.reception_batches"),
    # "接待74批（次）813人", "接待记者46批次，约600人": batches after the verb 接待 (and whom) are the reception's
    (_P(r"^(?:共|全年|累计|共计)?接待(?:[^，,；;。、\d出]{1,6})?$"), frozenset({"批次", "批"}),
     "three_public.reception_batches"),
    (_P(r"(?:公务|外事|国内|国[（(]境[)）]外)接待.*(?:人次|人数|人)$|接待(?:人次|人数)"),
     PEOPLE_UNITS, "three_public.reception_people"),
    (_P(r"来访外宾$|接待外宾$|^来宾$"), PEOPLE_UNITS, "three_public.reception_people"),
    # "共接待国内来访团组3个，来宾15人次": groups received, counted as reception batches
    (_P(r"接待[^，,；;。]{0,8}团组$"), frozenset({"个", "批", "批次", "次"}), "three_public.reception_batches"),
    (_P(r"共有公务用车|公务用车保有量|公务用车实有|实有公务用车"), frozenset({"辆"}), "three_public.vehicle_fleet"),
    (_P(r"购置(?:公务用车|车辆)|公务用车购置数|新增配(?:置|备)公务用车"),
     frozenset({"辆"}), "three_public.vehicles_bought"),
    (_P(r"共有车辆|车辆总数|实有车辆|车辆合计|^车辆$"), frozenset({"辆", "台"}), "assets.vehicles"),
    (_P(r"(?<!行政|事业|工勤|后勤|参公|机关)编制(?:数|人数)?(?:为|共)?$"), PEOPLE_UNITS, "staff.authorized"),
    # "实际正式教职工62人", "实有在职人数111人": the staff in post however the staff are called
    (_P(r"在职(?:在编)?(?:人员|人数|职工|教职工)|在编(?:人员|人数)|实有人(?:员|数)"
        r"|^实(?:际|有)(?:在编|在岗|正式|在职){0,2}(?:教职工|职工|干部职工|人员|人数)$"), PEOPLE_UNITS, "staff.actual"),
    # also a bare 退休 / 离退休 part ("实有人数23人，其中在职21人、退休2人"): the retired, not the staff in post
    (_P(r"离退休(?:人员|人数|职工|干部)|退休(?:人员|职工|干部|教职工)|离休(?:人员|干部)|^(?:离)?退休$|^离休$"),
     PEOPLE_UNITS, "staff.retired"),
    # "本部门共有房屋1647.88平方米，其中：办公用房…": the floor area held (not one a project builds,
    # repairs or rents: "维修房屋300平方米")
    (_P(r"^(?!.*(?:维修|修缮|改造|新建|建设|装修|拆除|购置|租|借|出让|处置))"
        r".*房屋(?:建筑)?(?:总)?(?:面积)?(?:共|合计|总计|共计|为|是|约)?$"), AREA_UNITS, "assets.buildings_area"),
    (_P(r"(?:下属|所属)(?:二级)?(?:预算)?单位$"), frozenset({"个", "家"}), "org.units"),
    (_P(r"平均(?:得)?分$"), frozenset({"分"}), "performance.average_score"),
    (_P(r"(?:自评|综合|评价)(?:得)?分(?:为|是)?$|(?:自评|评价)总分(?:为)?$"), frozenset({"分"}), "performance.score"),
]

# Counts printed before their label ("共3个团组", "购置3辆公务用车", "下属12个二级预算单位"): the
# words after the count, up to the next delimiter, are the whole label.
AFTER_COUNT_LABELS: list[tuple[regex.Pattern, regex.Pattern, frozenset[str], str]] = [
    (_P(r"(?:出国|出访|出境)?团组"), _P(r"^(?!.*(?:接待|来访))"), frozenset({"个", "批", "批次"}),
     "three_public.outbound_groups"),
    (_P(r"(?:来访|国内|国外|外事)?团组|来访团组"), _P(r"接待|来访"), frozenset({"个", "批", "批次"}),
     "three_public.reception_batches"),
    (_P(r"(?:二级)?(?:预算)?单位"), _P(r"(?:下属|所属|包括)$"), frozenset({"个", "家"}), "org.units"),
    (_P(r"(?:公务用车|公车|公务车辆)"), _P(r"(?:购置|购买|新增|更新)(?:了)?$"), frozenset({"辆"}),
     "three_public.vehicles_bought"),
    (_P(r"(?:公务用车|公车|公务车辆)"), _P(r"(?:保有|共有|实有|现有)(?:公务用车)?$"), frozenset({"辆"}),
     "three_public.vehicle_fleet"),
]


def count_after(near: str, after: str, unit: str) -> str | None:
    """The metric of a count whose label follows it (``after``), given the words before it."""
    for label, before, units, metric in AFTER_COUNT_LABELS:
        if unit in units and label.fullmatch(after) and before.search(near):
            return metric
    return None


# Scores that belong to the project a paragraph reports on ("自评得分96.77分").
PROJECT_SCORES = frozenset({"performance.score"})

# The people that go with a count of groups or batches stated just before them.
COMPANION_COUNTS = {
    "three_public.outbound_groups": "three_public.outbound_people",
    "three_public.reception_batches": "three_public.reception_people",
}

# Performance-management counts: the wording usually follows the number
# ("对6个项目编制了绩效目标") or precedes it ("编报绩效目标的2024年度项目4个").
PERFORMANCE_LABELS: list[tuple[regex.Pattern, str]] = [
    (_P(r"发现问题"), "performance.issues_found"),
    (_P(r"完成整改|已整改"), "performance.issues_fixed"),
    (_P(r"正在整改"), "performance.issues_in_progress"),
    (_P(r"事前绩效评估"), "performance.ex_ante_assessed"),
    (_P(r"自评"), "performance.self_evaluated"),
    (_P(r"绩效监控|绩效跟踪"), "performance.monitored"),
    (_P(r"(?:编制|编报|设定|设置|申报)了?[^，,；;。]{0,6}?绩效目标"), "performance.targets_set"),
    # also "选取7个项目开展重点评价" (a 重点 / 部门 / 财政 evaluation)
    (_P(r"绩效评价|(?:重点|部门|财政)评价"), "performance.evaluated"),
]

# "单价100万元（含）以上设备（不含车辆）2台（套）": the threshold is part of the label.
# Also "单位价值100万元以上的设备", "单价在100万元以上的设备".
EQUIPMENT = _P(
    r"(?:单价|单位价值)\s*(?:在)?\s*(?P<threshold>\d+)\s*万元\s*(?:[（(]含[)）])?\s*(?:及)?以上\s*的?\s*(?:大型)?(?P<kind>通用|专用)?设备"
)


# 货物/工程/服务 are procurement parts only where the sentence is about 采购
# ("民生工程支出" is not 政府采购工程).
_NEEDS_PROCUREMENT = frozenset({"procurement.goods", "procurement.works", "procurement.services"})
_NEEDS_VEHICLES = _P(r"公务用车|公车")
# "公务用车保有量2辆，购置及运行维护费5万元", "车辆购置支出0万元", "车辆运行维护费支出13.01万元": the
# vehicle costs worded short, read so only in a sentence about 公务用车.
VEHICLE_SHORT_LABELS: list[tuple[regex.Pattern, str]] = [
    (_P(r"^(?:(?:19|20)\d{2}\s*年度?)?(?:决算|预算)?(?:车辆)?购置(?:及|和)运行(?:维护)?费"), "three_public.vehicle"),
    (_P(r"^(?:(?:19|20)\d{2}\s*年度?)?(?:决算|预算)?(?:公务)?车辆运行(?:维护)?费"), "three_public.vehicle_operation"),
    (_P(r"^(?:(?:19|20)\d{2}\s*年度?)?(?:决算|预算)?(?:公务)?车辆购置(?:费|支出)"), "three_public.vehicle_purchase"),
]


# "本部门无政府性基金预算财政拨款收入和支出", "没有使用国有资本经营预算拨款安排的支出",
# "无政府性基金及国有资本经营预算拨款", "无“三公”经费和机关运行经费预算": stated nils.
STATED_NIL = _P(
    r"(?:无|没有|未安排|不涉及)(?:使用)?(?P<what>(?:(?:政府性基金|国有资本经营|[“\"]?三公[”\"]?经费|机关运行经费)"
    r"(?:预算)?(?:财政)?(?:拨款)?(?:安排的)?(?:收入|支出)?(?:及|和|、)?){1,3})"
    r"(?:安排的?)?(?P<side>收入和支出|收入、支出|收支|收入|支出|预算|)"
)
# A sentence about one fund: its bare 收入/支出 totals are the fund's.
FUND_TOTALS = (
    ("政府性基金预算(?:财政)?拨款", "income.gov_fund", "gov_fund.expenditure"),
    ("国有资本经营预算(?:财政)?拨款", "income.state_capital", "state_capital.expenditure"),
)
_NIL_PARTS = (
    ("政府性基金", "income.gov_fund", "gov_fund.expenditure"),
    ("国有资本经营", "income.state_capital", "state_capital.expenditure"),
    ("三公", None, "three_public.total"),
    ("机关运行经费", None, "operating_costs"),
)


# "政府性基金预算财政拨款收入、支出、年初结转结余、年末结转结余": a fund named once before its figures.
_FUND_NIL_LIST = _P(r"^(?P<fund>(?:政府性基金|国有资本经营)预算(?:财政)?拨款)(?:安排的)?(?P<items>[^，,；;。]+)$")
_FUND_NIL_ITEMS = (
    (_P(r"^收入$"), "income"), (_P(r"^支出$"), "expenditure"),
    (_P(r"^(?:年初|上年)结转(?:和)?结余$"), "income.carryover"),
    (_P(r"^(?:年末|年终)结转(?:和)?结余$"), "expenditure.carryover"),
)


def fund_nil_parts(words: str) -> list[tuple[str, str | None]] | None:
    """(metric, subject) of each figure a fund's nil list names, or None when one item is no
    figure of that fund (read whole or not at all)."""
    m = _FUND_NIL_LIST.match(words.strip())
    if not m:
        return None
    income_key, expenditure_key = next((i, e) for word, i, e in FUND_TOTALS if regex.match(word, m.group("fund")))
    out: list[tuple[str, str | None]] = []
    for item in regex.split(r"[、和及]", m.group("items")):
        kind = next((k for p, k in _FUND_NIL_ITEMS if p.match(item.strip())), None)
        if kind is None:
            return None
        if kind == "income":
            out.append((income_key, None))
        elif kind == "expenditure":
            out.append((expenditure_key, None))
        else:
            out.append((kind, m.group("fund")))
    return out


def nil_metrics(m: regex.Match, before: str) -> list[str]:
    """The metrics a stated nil sets to 0: income, expenditure or both, per fund named.
    A bare "…拨款" is income in a sentence about 收入, expenditure otherwise."""
    what, side, said = m.group("what"), m.group("side"), m.group()
    income = "收入" in said or "收支" in said or (not side and "支出" not in said and "收入" in before)
    expenditure = "支出" in said or "收支" in said or side == "预算" or not income
    out: list[str] = []
    for word, income_key, expenditure_key in _NIL_PARTS:
        if word in what:
            if income and income_key:
                out.append(income_key)
            if expenditure or not income_key:
                out.append(expenditure_key)
    return out


# Stated nils of any named figure: a negation word, then the figures it denies, the whole
# clause after it ("本年度未发生公务接待费", "本部门年初不编制因公出国（境）费用预算",
# "未安排购置车辆和单位价值100万元以上设备", "无会议费、培训费支出"). Every part must be a
# figure's whole name (filler words aside), so "无形资产", "无违规支出" or "无三公经费超支现象"
# state no nil.
NIL_WORD = _P(
    r"(?:本年度|当年度?|年度内|全年|年初)?(?:均)?(?:无|没有|未安排|未发生|未产生|未开支|未列支|不涉及|未使用|未设置|未编制"
    r"|(?:不|无需|不再)(?:单独)?编制)"
    r"(?:使用|安排|发生|编制)?(?P<verb>购置|购买|新增|配置|配备|更新)?"
)
# What a nil's clause may say before its negation word: who and when, never why or whether.
_NIL_PREFIX_BLOCK = _P(
    r"原因|因为|由于|如|若|是否|确保|严禁|不得|禁止|要求|除|以外|并非|不是|之前|后|时|\d(?!\d{0,3}年)"
)
# "无此项支出", "无该项经费": the figure is the one named before (the clause, the heading).
NIL_THIS = _P(r"^(?:此|该|这|相关|上述)(?:项|类|方面)?的?(?:支出|经费|费用|收入|预算|资金|情况)?(?:等)?$")
_NIL_FILLER = _P(
    r"^(?:[“”\"\s]|预算|决算|财政|拨款|当年|本年|安排的?|的|支出|收入|收支|经费|费用|费|资金|项目|等|相关|方面|情况|事项"
    r"|总额|金额)*$"  # "政府采购支出总额为0", "无授予中小企业合同金额"
)
_NIL_UNITS = _P(r"^(?:其他|任何)?(?:独立核算的?)?(?:下属|所属|下级)?(?:的)?(?:二级)?(?:预算)?单位$")
_NIL_VEHICLES = _P(r"^(?:公务用车|车辆|公车|公务车辆)(?:购置)?$")
# "公务接待费为零", "因公出国（境）费、公务接待费均为0": a nil stated as a zero without a unit.
ZERO_WORDS = _P(
    r"(?:均|都)?(?:为|是)(?:零|0)(?![\d.０-９]|\s*(?:万元|元|亿元|千元|%|％|个|辆|人|台|套|项|批|次|家|名))"
)


def whole_money_label(part: str) -> str | None:
    """The metric ``part`` names, when its words are that name and filler only ("因公出国（境）
    费支出" yes, "三公经费超支" no)."""
    for pattern, metric in MONEY_LABELS:
        m = pattern.search(part)
        if m and _NIL_FILLER.match(part[: m.start()] + part[m.end() :]):
            if metric in _NEEDS_PROCUREMENT and "采购" not in part:
                continue
            return metric
    return None


def _nil_part(part: str, verb: str | None) -> tuple[str, str] | None:
    """(metric, unit) a denied part names: money, or a count of things bought."""
    part = part.strip("“”\" ")
    if verb and _NIL_VEHICLES.match(part):
        return "three_public.vehicles_bought", "辆"
    if not verb and _NIL_UNITS.match(part) and part != "单位":
        return "org.units", "个"  # "没有其他二级预算单位", "我部门没有下属单位"
    if m := EQUIPMENT.search(part):
        if not _NIL_FILLER.match(part[: m.start()] + part[m.end() :]):
            return None
        threshold = m.group("threshold")
        metric = "assets.equipment_over_1m" if threshold == "100" else f"assets.equipment_over_{threshold}w"
        return (metric + "_bought" if verb else metric), "台（套）"
    if verb:
        return None  # "未新增人员编制": no figure of this dictionary
    metric = whole_money_label(part)
    return (metric, "万元") if metric else None


def nil_parts(words: str, verb: str | None) -> list[tuple[str, str]] | None:
    """The (metric, unit) of each figure a nil's words deny, or None when one part names no
    figure (a nil is read whole or not at all)."""
    whole = _nil_part(words, verb)
    if whole:
        return [whole]
    out: list[tuple[str, str]] = []
    for piece in (p for p in regex.split(r"[、,，]", words) if p.strip()):
        found = _nil_part(piece, verb)
        if found is None:
            parts = [p for p in regex.split(r"和|及|与|以及", piece) if p.strip()]
            found_all = [_nil_part(p, verb) for p in parts] if len(parts) > 1 else [None]
            if not all(found_all):
                return None
            out.extend(f for f in found_all if f)
        else:
            out.append(found)
    return out or None


def nil_filler(words: str) -> bool:
    """Nothing but filler words ("支出", "预算", "等")."""
    return bool(_NIL_FILLER.match(words))


def nil_prefix_ok(prefix: str) -> bool:
    """A nil's clause opens with who and when ("本部门2026年", "上海市普陀区财政局2024年度"), at
    most: never a reason, a condition or a rule."""
    return len(prefix) <= 40 and not _NIL_PREFIX_BLOCK.search(prefix)


# The combined 三公 + 会议费 + 培训费 figure, its label cut by the 、 of its own list.
_WITH_MEETINGS = _P(r"三公[”\"]?经费[^，,；;。]{0,6}?(?:及|和|、)会议费(?:、|和|及)培训费[^，,；;。：:]*$")


def vehicle_metric(label: str, sentence: str) -> str | None:
    """The vehicle cost a short wording names (``VEHICLE_SHORT_LABELS``) in a sentence about 公务用车."""
    if _NEEDS_VEHICLES.search(sentence):
        for pattern, metric in VEHICLE_SHORT_LABELS:
            if pattern.search(label):
                return metric
    return None


def money_metric(label: str, context: str = "") -> str | None:
    """The metric a money label names (``context``: the sentence before it), or None."""
    if short := vehicle_metric(label, context):
        return short
    for pattern, metric in MONEY_LABELS:
        if pattern.search(label):
            if metric in _NEEDS_PROCUREMENT and "采购" not in label + context:
                continue
            if metric in ("meetings", "training") and _WITH_MEETINGS.search(context):
                return "three_public.with_meetings_training"  # "“三公”经费及会议费、培训费…共X万元"
            return metric
    return None


# Economic classes (类) named in prose: "工资福利支出（301）3395.2万元", "对个人和家庭的补助支出4,587.46万元",
# "机关商品和服务支出（502）…", "资本性支出（基本建设）（309）…". The whole label is the name (so
# "其他工资福利支出" of a 款 list is not the 类); the code is the printed one, else the code table's.
ECONOMIC_CLASS = _P(
    r"^(?P<name>(?:机关)?工资福利支出|(?:机关)?商品和服务支出|对个人和家庭的?补助(?:支出)?"
    r"|(?:机关)?资本性支出(?:[（(][^（()）]{1,6}[)）])?|对事业单位(?:经常性|资本性)补助(?:支出)?"
    r"|对企业(?:资本性)?补助(?:支出)?|对社会保障基金补助(?:支出)?|债务利息及费用支出|其他支出)"
    # "工资福利支出预算2016908.34元" (Guangxi budgets): the class's budget, not the 支出预算 total
    r"\s*(?:[（(](?P<code>[35]\d{2})[)）]?)?(?:预算|决算)?(?:数)?$"
)
# 政府预算支出经济分类 (5xx, 财政部《政府收支分类科目》): names that only it has, and the codes names
# shared with the 部门预算支出经济分类 (3xx) have in it.
_GOVERNMENT_ONLY = _P(r"^机关|^对事业单位")
_GOVERNMENT_CODES = (
    (_P(r"^机关工资福利"), "501"), (_P(r"^机关商品和服务"), "502"), (_P(r"^机关资本性支出[（(]一[)）]"), "503"),
    (_P(r"^机关资本性支出[（(]二[)）]"), "504"), (_P(r"^对事业单位经常性补助"), "505"),
    (_P(r"^对事业单位资本性补助"), "506"), (_P(r"^对企业补助"), "507"), (_P(r"^对企业资本性"), "508"),
    (_P(r"^对个人和家庭"), "509"), (_P(r"^对社会保障基金补助"), "510"), (_P(r"^债务利息及费用"), "511"),
    (_P(r"^其他支出"), "599"),
)
# Shared names the 3xx code table may lack.
_DEPARTMENT_CODES = (
    (_P(r"^债务利息及费用"), "307"), (_P(r"^对企业补助"), "312"), (_P(r"^对社会保障基金补助"), "313"),
    (_P(r"^其他支出"), "399"),
)
# Words that say which classification a list of classes is in.
_GOVERNMENT_LIST = _P(r"机关工资福利支出|机关商品和服务支出|机关资本性支出|对事业单位(?:经常性|资本性)补助"
                      r"|[（(]5\d{2}[)）]|政府预算支出经济分类")
_DEPARTMENT_LIST = _P(r"(?<!机关)工资福利支出|(?<!机关)商品和服务支出"
                      r"|(?<!机关)资本性支出|[（(]3\d{2}[)）]|部门预算支出经济分类")


def economic_metric(label: str, codes, year: int | None = None, context: str = "",
                    family: str | None = None) -> str | None:
    """``economic.{code}`` for a label that is an economic class's name (``codes``: a
    ``CodeTable`` for names printed without their code), or None.

    A name without its code is read in the classification its list is in (``context``: the
    sentence before it; ``family``: "5" / "3", the class read just before): "机关…" and
    "对事业单位…" names are 政府预算支出经济分类 (5xx) ones; 其他支出 is a class only in a list
    of classes (399, or 599), never alone (it is also a 功能分类 类).
    """
    if label.count("（") + label.count("(") > label.count("）") + label.count(")"):
        label += "）"  # "机关资本性支出（一）120万元": the label lost its closing bracket to the cleaning
    m = ECONOMIC_CLASS.search(label)
    if not m:
        return None
    if m.group("code"):
        return f"economic.{m.group('code')}"
    name = m.group("name")
    government = bool(_GOVERNMENT_ONLY.match(name) or _GOVERNMENT_LIST.search(context)) or (
        family == "5" and not _DEPARTMENT_LIST.search(context))
    department = bool(_DEPARTMENT_LIST.search(context)) or family == "3"
    code = next((c for p, c in _GOVERNMENT_CODES if p.match(name)), None) if government else None
    if code:
        return f"economic.{code}"
    if name == "其他支出" and not department:
        return None
    code = codes.resolve(name, year=year, classification="economic") if codes is not None else None
    code = code or next((c for p, c in _DEPARTMENT_CODES if p.match(name)), None)
    return f"economic.{code}" if code else None


def count_subject(metric: str, label: str) -> str | None:
    """外事接待 counts apart from 国内公务接待 ones (same metric, subject "外事接待")."""
    if metric.startswith("three_public.reception") and regex.search(r"外事|国[（(]境[)）]外|国外|外宾", label):
        return "外事接待"
    return None


# A clause about the year's new equipment ("新增配备单位价值50万元以上设备0台，其中，单位价值100万元
# 以上设备3台"), not the holdings.
_NEW_EQUIPMENT = _P(r"新增|拟购|拟配|购置")


def count_metric(label: str, unit: str, context: str = "") -> str | None:
    """The metric a count label names for a count printed in ``unit``, or None.

    ``context``: the clause before the count, which says whether equipment is bought or held.
    """
    if m := EQUIPMENT.search(label):
        threshold = m.group("threshold")
        metric = "assets.equipment_over_1m" if threshold == "100" else f"assets.equipment_over_{threshold}w"
        bought = "购置" in label[: m.start()] or _NEW_EQUIPMENT.search(context)
        return metric + "_bought" if bought else metric
    for pattern, units, metric in COUNT_LABELS:
        if pattern.search(label) and (units is None or unit in units):
            return metric
    return None


# "绩效评级为“优”的项目4个": projects by the grade their evaluation got.
GRADE = _P(r"(?:评级|评价等级|等级)为?[“\"](?P<grade>[^”\"]{1,6})[”\"]")
# "…项目4个，涉及预算金额598.42万元": the money a performance count covers.
COVERED_AMOUNT = _P(r"涉及(?:项目)?(?:预算)?(?:金额|资金)(?:为)?$|^(?:预算)?(?:资金|金额)(?:总额)?(?:为)?$")
# "对项目支出全面实施绩效目标管理，涉及预算拨款39,560.87万元": the money under 绩效目标 management.
TARGETS_COVERAGE = _P(
    r"绩效目标(?:管理|编制|设定|申报)|(?:编制|编报|设定|申报)了?绩效目标|纳入[^，,；;。]{0,20}绩效目标"
)
COVERED_MONEY = _P(r"^(?:共|合计)?涉及|绩效目标的金额(?:为)?$")


_FUNDS = (("一般公共预算", "一般公共预算"), ("政府性基金", "政府性基金预算"), ("国有资本经营", "国有资本经营预算"))


def fund_of(words: str) -> str | None:
    """The fund words name, as a subject ("一般公共预算支出" → 一般公共预算), or None."""
    return next((name for word, name in _FUNDS if word in words), None)


_PROJECTS_AFTER = _P(r"^(?:目|[^，,；;。（(]{0,12}?项目)")
_PROJECTS_BEFORE = _P(r"项目(?:共|合计|总数|数)?(?:为|是)?$")
_ISSUES = frozenset({"performance.issues_found", "performance.issues_fixed", "performance.issues_in_progress"})


def counts_projects(metric: str, near: str, after: str) -> bool:
    """A performance count counts projects: "6个项目", "项目4个", "7个一般公共预算项目" (or, for
    the issues a self-evaluation found, the issues)."""
    return metric in _ISSUES or bool(_PROJECTS_BEFORE.search(near)) or bool(_PROJECTS_AFTER.search(after))


def performance_metric(context: str, sentence: str = "") -> str | None:
    """The performance-management count a clause describes, or None (the clause or its
    sentence must be about 项目 or 绩效)."""
    if not any(word in context or word in sentence for word in ("项目", "绩效")):
        return None
    for pattern, metric in PERFORMANCE_LABELS:
        if pattern.search(context):
            return metric
    return None


def same_unit_family(a: str, b: str) -> bool:
    """Counts of people (人/名), of things (个/家), of vehicles (辆) … compare within a family."""
    families = (PEOPLE_UNITS, frozenset({"个", "家", "项"}), frozenset({"辆"}),
                frozenset({"台（套）", "台(套)", "台", "套"}), AREA_UNITS)
    return a == b or any(a in f and b in f for f in families)
