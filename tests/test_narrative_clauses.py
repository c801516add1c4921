"""Qualifiers on the right clause: each comparison belongs to the figure of its own clause.

The sentences are real wordings (the corpus file and page are named in each test); the old
scanner attached several of these qualifiers to the wrong figure, or to a figure whose
clause states none. A figure without a comparison of its own has none (absent, not borrowed).
"""

from __future__ import annotations

from decimal import Decimal

from narrative_helpers import facts_of, only_fact

D = Decimal


def _facts(*texts: str, kind: str = "budget", year: int = 2026):
    return facts_of(*texts, kind=kind, year=year, page=1)


def _one(facts, metric, subject=None):
    return only_fact(facts, metric, subject)


def _q(fact):
    return (fact.value, fact.change, fact.change_pct)


def test_reason_clause_starts_a_new_subject():
    """The issue's example: the 98.30 of the 主要原因 clause is not the first figure's change."""
    facts = _facts("2026年一般公共预算财政拨款支出1,234.56万元，比上年增加120.50万元，"
                   "主要原因：项目支出增加，较上一年度增加98.30万元。")
    f = _one(facts, "general_budget.expenditure")
    assert _q(f) == (D("1234.56"), D("120.50"), None)
    assert not [x for x in facts if x.change == D("98.30")]


def test_reason_clause_percent_is_not_borrowed():
    facts = _facts("机关运行经费安排444.39万元，主要原因是落实过紧日子要求，差旅费下降5%。")
    assert _q(_one(facts, "operating_costs")) == (D("444.39"), None, None)


def test_parts_in_brackets_and_the_whole_after_them():
    """广州市信访局 2026 p21: the bracket holds the parts (。 inside it ends no sentence);
    the comparison after the bracket is the whole's."""
    facts = _facts(
        "2026年本部门财政拨款安排“三公”经费4.8万元，比上年减少1万元，下降17.2%，主要原因是根据公务用车运行维护费定额标准，"
        "调整公车运行维护经费。其中：因公出国（境）费0万元，比上年增加0万元，增长0%，主要原因是与上年持平，无增减变化；"
        "公务用车购置及运行维护费2.5万元（公务用车购置费0万元，比上年增加0万元；公务用车运行维护费2.5万元，比上年减少1万元。）"
        "比上年减少1万元，下降28.6%，主要原因是根据公务用车运行维护费定额标准，调整公车运行维护经费；"
        "公务接待费2.3万元，比上年增加0万元，增长0%，主要原因是与上年持平，无增减变化。")
    assert _q(_one(facts, "three_public.total")) == (D("4.8"), D(-1), D("-17.2"))
    assert _q(_one(facts, "three_public.outbound")) == (D(0), D(0), D(0))
    assert _q(_one(facts, "three_public.vehicle")) == (D("2.5"), D(-1), D("-28.6"))
    assert _q(_one(facts, "three_public.vehicle_purchase")) == (D(0), D(0), None)
    assert _q(_one(facts, "three_public.vehicle_operation")) == (D("2.5"), D(-1), None)
    assert _q(_one(facts, "three_public.reception")) == (D("2.3"), D(0), D(0))


def test_each_part_with_its_own_change_and_a_flat_one():
    """重庆市水利局 2026 p7: every part has its own change; 与上年持平 is change 0 and 0 %."""
    facts = _facts(
        "2026年“三公”经费预算308.00万元，比2025年减少22.24万元。其中：因公出国（境）费用20.00万元，比2025年减少7.00万元，"
        "主要原因是预计2026年因公出国出境将减少；公务接待费39.50万元，比2025年减少5.64万元，主要原因是厉行节约；"
        "公务用车运行维护费248.50万元，比2025年减少9.60万元，主要原因是2026年将更加严格管理公务用车；公务用车购置费0.00万元，与上年持平。")
    total = _one(facts, "three_public.total")
    assert (_q(total), total.prior_year) == ((D("308.00"), D("-22.24"), None), 2025)
    assert _q(_one(facts, "three_public.outbound")) == (D("20.00"), D("-7.00"), None)
    assert _q(_one(facts, "three_public.reception")) == (D("39.50"), D("-5.64"), None)
    assert _q(_one(facts, "three_public.vehicle_operation")) == (D("248.50"), D("-9.60"), None)
    assert _q(_one(facts, "three_public.vehicle_purchase")) == (D("0.00"), D(0), D(0))


def test_flat_whole_and_parts_without_comparison():
    """国家信访局 2026 p24: the total is flat; its parts state no comparison, so they have none."""
    facts = _facts(
        "国家信访局2026年“三公”经费财政拨款预算数为112.61万元，与2025年“三公”经费预算持平。其中：因公出国（境）费68.50万元，"
        "主要用于单位公务出国（境）的国际旅费等支出；公务用车购置及运行费38.60万元，主要用于单位公务用车车辆购置支出；"
        "公务接待费5.51万元，主要用于单位按规定开支的各类公务接待支出。")
    total = _one(facts, "three_public.total")
    assert (_q(total), total.prior_year) == ((D("112.61"), D(0), D(0)), 2025)
    for metric, value in (("three_public.outbound", "68.50"), ("three_public.vehicle", "38.60"), ("three_public.reception", "5.51")):
        assert _q(_one(facts, metric)) == (D(value), None, None)


def test_prior_value_printed_inside_the_comparison():
    """北京市公安局 2026 p4: 比2025年年初预算数X万元增加Y万元 → prior X, change Y."""
    facts = _facts("2026年度收入预算866561.92万元，比2025年年初预算数847128.49万元增加19433.43万元，增长2.29%。"
                   "主要原因：一是在职人员正常晋职晋级、社保缴费基数增加，导致人员经费有所增长。")
    f = _one(facts, "income.total")
    assert (f.value, f.prior_value, f.prior_year, f.change, f.change_pct) == (
        D("866561.92"), D("847128.49"), 2025, D("19433.43"), D("2.29"))


def test_comparison_with_last_years_budget_in_a_budget_document():
    """北京市公安局 2026 p7: a budget compared with last year's 年初预算 is a year-on-year change."""
    f = _one(_facts("2026年财政拨款“三公”经费预算9957.58万元，比2025年财政拨款“三公”经费年初预算减少336.39万元，下降3.27%，"
                    "主要原因：落实政府过紧日子要求，压减公务用车运行维护费。"), "three_public.total")
    assert (_q(f), f.prior_year) == ((D("9957.58"), D("-336.39"), D("-3.27")), 2025)


def test_share_of_the_years_budget():
    """北京市公安局 2026 p6."""
    f = _one(_facts("（一）基本支出。基本支出预算644876.93万元，占本年支出预算74.42%。"), "expenditure.basic")
    assert (f.value, f.share_pct, f.completion_pct) == (D("644876.93"), D("74.42"), None)


def test_completion_of_a_printed_budget():
    """佛山市轨道交通局 2019 决算 p26: 完成预算0万元的0% → budget 0 and completion 0 on each figure."""
    facts = _facts("佛山市轨道交通局2019年度“三公”经费财政拨款支出决算为0.16万元，完成预算0万元的0%。其中：因公出国（境）费支出决算为0万元，"
                   "完成预算0万元的0%；公务用车购置及运行费支出决算为0万元，完成预算0万元的0%；公务接待费支出决算为0.16万元，完成预算0万元的0%。",
                   kind="final", year=2019)
    for metric, value in (("three_public.total", "0.16"), ("three_public.outbound", "0"),
                          ("three_public.vehicle", "0"), ("three_public.reception", "0.16")):
        f = _one(facts, metric)
        assert (f.value, f.budget_value, f.completion_pct, f.change) == (D(value), D(0), D(0), None), metric


def test_change_worded_as_a_zero_variation():
    """佛山市轨道交通局 2019 决算 p25: 比上年决算数相比变化0万元，增长0% → change 0, 0 %; the next
    figure's 变化0万元 is its own, and its reason clause gives nothing."""
    facts = _facts("佛山市轨道交通局2019年度财政拨款收入合计1668.14万元。其中：一般公共预算财政拨款收入1668.14万元，比上年决算数相比变化0万元，"
                   "增长0%；主要是因为我局为2019年新成立单位，无2018年决算数；政府性基金预算财政拨款收入0万元，比上年决算数相比变化0万元，"
                   "主要是因为我局是2019年新成立单位。", kind="final", year=2019)
    assert _q(_one(facts, "income.general_budget")) == (D("1668.14"), D(0), D(0))
    assert _q(_one(facts, "income.gov_fund")) == (D(0), D(0), None)


def test_final_compared_with_its_budget_is_no_change():
    """佛山市轨道交通局 2019 决算 p27: 比预算数增加 in a 决算 is the gap to the budget."""
    f = _one(_facts("2019年本部门机关运行经费支出97.19万元，比预算数增加97.19万元，增长0%。", kind="final", year=2019), "operating_costs")
    assert _q(f) == (D("97.19"), None, None)


def test_prior_year_figure_stated_as_last_year_was():
    facts = _facts("2026年机关运行经费预算50.00万元，上年为45.00万元，比上年增加5.00万元，增长11.11%。")
    f = _one(facts, "operating_costs")
    assert (f.value, f.prior_value, f.change, f.change_pct) == (D("50.00"), D("45.00"), D("5.00"), D("11.11"))


def test_completion_of_the_adjusted_budget():
    f = _one(_facts("2020年一般公共预算财政拨款支出850.18万元，为调整预算的98.5%。", kind="final", year=2020),
             "general_budget.expenditure")
    assert (f.completion_pct, f.share_pct) == (D("98.5"), None)


def test_named_qualifier_in_a_later_sentence_still_applies():
    """盐边 2020 决算: "收入决算总额较2019年（731.42万元）增加…" names its figure."""
    facts = _facts("2020年度收入决算总额为850.18万元，其中：当年财政拨款收入850.18万元。"
                   "收入决算总额较2019年（731.42万元）增加118.76万元，增加率为16.24%，主要是2020年项目支出增加。",
                   kind="final", year=2020)
    total = _one(facts, "income.total")
    assert (total.prior_value, total.change, total.change_pct) == (D("731.42"), D("118.76"), D("16.24"))
    assert _one(facts, "income.fiscal").change is None


def test_an_unlabelled_comparison_in_a_new_sentence_is_not_borrowed():
    facts = _facts("2026年机关运行经费预算50.00万元。主要是压减公用经费，比上年减少5.00万元。")
    assert _q(_one(facts, "operating_costs")) == (D("50.00"), None, None)


# -- wordings of other provinces ----------------------------------------------------------------


def test_heading_names_the_figure_of_the_next_sentence():
    """北京市公安局 2026 p7: "（一）因公出国（境）费用。2026年预算数132.53万元"."""
    facts = _facts("（一）因公出国（境）费用。2026年预算数132.53万元，主要用于公务出国（境）的国际旅费等支出。",
                   "（三）公务用车购置和运行维护费。2026年预算数9726.26万元，包括公务用车购置费预算5621.26万元、公务用车运行维护费预算4105.00万元。")
    assert _one(facts, "three_public.outbound").value == D("132.53")
    assert _one(facts, "three_public.vehicle").value == D("9726.26")
    assert _one(facts, "three_public.vehicle_purchase").value == D("5621.26")


def test_vehicles_and_equipment_by_unit_value():
    """北京市公安局 2026 p8 (车辆 in 台) and 广州市信访局 2026 p22 (单价在100万元以上的设备)."""
    facts = _facts("截至2025年底，北京市公安局共有车辆2552台，单位价值100万元以上的设备671台（套）。2026年预算安排中，购置单位价值100万元以上的设备21台（套）。",
                   "截至2026年1月31日，本部门固定资产金额2,995.16万元，分布构成情况为：房屋8,268.74平方米，车辆2辆，单价在100万元以上的设备1台等。")
    assert [f.value for f in facts if f.metric == "assets.vehicles"] == [D(2552), D(2)]
    assert [f.value for f in facts if f.metric == "assets.equipment_over_1m"] == [D(671), D(1)]
    assert _one(facts, "assets.equipment_over_1m_bought").value == D(21)
    assert not [f for f in facts if f.value == 100]


def test_procurement_by_kind_with_lei():
    """广州市信访局 2026 p22: 货物类/工程类/服务类采购预算."""
    facts = _facts("2026年本部门政府采购安排625.65万元，其中：货物类采购预算20.95万元，工程类采购预算18万元，服务类采购预算586.7万元等。")
    assert [(f.metric, f.value) for f in facts] == [
        ("procurement.total", D("625.65")), ("procurement.goods", D("20.95")),
        ("procurement.works", D(18)), ("procurement.services", D("586.7"))]


def test_meetings_and_training_are_not_three_public():
    """西安市发展和改革委员会 2019 p26 and 西安市卫生健康委员会 2022 决算 p22."""
    facts = _facts("2019年本部门一般公共预算“三公”经费及会议费、培训费预算支出共263.72万元，其中：",
                   "2、会议费预算174.6万元，含基本支出中按日常公用经费预算定额标准预算的会议费，较上年预算增加151.6万元，增加的主要原因是会议次数增加。",
                   "3、培训费预算70.52万元，较上年预算增加57.52万元，增加的主要原因主要是干部培训增加。", year=2019)
    assert _one(facts, "three_public.with_meetings_training").value == D("263.72")
    assert not [f for f in facts if f.metric == "three_public.total"]
    assert _q(_one(facts, "meetings")) == (D("174.6"), D("151.6"), None)
    assert _q(_one(facts, "training")) == (D("70.52"), D("57.52"), None)
    final = _facts("2022年度财政拨款安排培训费预算2,795.78万元，支出决算2,795.78万元，完成预算的100%。决算数较上年减少的主要原因是：疫情影响培训减少。",
                   kind="final", year=2022)
    t = _one(final, "training")
    assert (t.value, t.budget_value, t.completion_pct, t.change) == (D("2795.78"), D("2795.78"), D(100), None)


def test_commissioned_services_and_operating_costs_wordings():
    """国家信访局 2026 p25; 重庆市水利局 2026 p7 ("一般公共预算财政拨款运行经费")."""
    facts = _facts("国家信访局2026年委托业务费财政拨款预算1,391.68万元，比2025年预算增加333.83万元，增长31.35%。主要原因是：相关工作任务增加。",
                   "（一）机关运行经费。2026年一般公共预算财政拨款运行经费2115.63万元，比2025年增加1.05万元，主要原因是机关办公费有所增加。")
    assert _q(_one(facts, "commissioned_services")) == (D("1391.68"), D("333.83"), D("31.35"))
    assert _q(_one(facts, "operating_costs")) == (D("2115.63"), D("1.05"), None)


def test_performance_target_coverage_amount():
    """国家信访局 2026 p26; 重庆市水利局 2026 p8."""
    facts = _facts("2026年国家信访局对项目支出全面实施绩效目标管理，涉及预算拨款39,560.87万元，均为一般公共预算拨款。",
                   "（三）绩效目标设置情况。2026年项目支出均实行了绩效目标管理，涉及一般公共预算财政拨款94823.35万元。")
    assert [f.value for f in facts if f.metric == "performance.targets_set_amount"] == [D("39560.87"), D("94823.35")]
    assert not [f for f in facts if f.metric == "general_budget.expenditure"]


def test_stated_nils_are_facts_with_value_zero():
    """普陀区财政局 2024 决算 p23, 深圳市公安局交通管理局 2026 p13, 国家信访局 2026 p18, 杭州市公安局 2026 p13."""
    facts = _facts("上海市普陀区财政局2024年度无政府性基金预算财政拨款收入和支出。",
                   "本单位无政府性基金预算支出、国有资本经营预算支出。",
                   "收入全部为一般公共预算拨款（无政府性基金及国有资本经营预算拨款），包括：一般公共预算当年拨款收入16,474.82万元。",
                   "本部门2026年没有使用国有资本经营预算拨款安排的支出，与上年持平。")
    got = sorted((f.metric, f.value, f.source.block) for f in facts if f.value == 0)
    assert ("income.gov_fund", 0, 0) in got and ("gov_fund.expenditure", 0, 0) in got
    assert ("gov_fund.expenditure", 0, 1) not in got  # the same nil stated again is kept once
    assert ("income.state_capital", 0, 2) in got  # (its income.gov_fund restates block 0's: kept once)
    capital = [f for f in facts if f.metric == "state_capital.expenditure"]
    assert capital and all(f.value == 0 and f.printed_value is None for f in capital)
    assert _one(facts, "income.general_budget").value == D("16474.82")
    assert not [f for f in facts if f.metric == "three_public.total"]


def test_a_figure_without_a_comparison_in_a_list_of_compared_parts():
    """重庆市水利局 2026 p6: a part whose clauses state only its use has no change; a use clause does
    not end its figure's chain."""
    facts = _facts("2026年一般公共预算财政拨款支出128148.56万元，比2025年增加10300.15万元。其中：基本支出33325.21万元，主要用于保障在职人员工资福利，"
                   "比2025年增加2943.64万元，主要原因是人员增加；项目支出94823.35万元，主要用于水源工程建设等工作。")
    assert _q(_one(facts, "general_budget.expenditure")) == (D("128148.56"), D("10300.15"), None)
    assert _q(_one(facts, "expenditure.basic")) == (D("33325.21"), D("2943.64"), None)  # 主要用于 is the same subject
    assert _q(_one(facts, "expenditure.project")) == (D("94823.35"), None, None)


def test_performance_counts_are_counts_of_projects():
    """佛山市轨道交通局 2019 决算 p28: counts by fund with the money they cover; "含下属单位0个" and
    "委托0个第三方机构" count no projects; 整体支出's "涉及…万元" is no department total."""
    facts = _facts("根据财政预算管理要求，2019年度我部门组织对7个一般公共预算项目支出开展绩效自评，其中一级项目6个，二级项目1个，"
                   "共涉及资金940.15万元，占一般公共预算项目支出总额的100%；组织对2019年度0个政府性基金预算项目开展绩效自评，"
                   "共涉及资金0万元，占政府性基金预算项目支出总额的0%。",
                   "共组织对0个项目开展了重点绩效评价（如有），涉及一般公共预算支出0万元，政府性基金预算支出0万元。其中，对0个项目分别委托0个第三方机构开展绩效评价。",
                   "组织部门（单位）整体支出绩效自评（含下属单位0个），涉及一般公共预算支出0万元，政府性基金预算支出0万元。",
                   "部门整体支出绩效自评综述：根据年初设定的绩效目标，部门整体支出绩效自评得分为0分。", kind="final", year=2019)
    assert _one(facts, "performance.self_evaluated", "一般公共预算").value == 7
    amount = _one(facts, "performance.self_evaluated_amount", "一般公共预算")
    assert (amount.value, amount.share_pct) == (D("940.15"), D(100))
    assert _one(facts, "performance.evaluated_amount", "政府性基金预算").value == 0
    assert [f.value for f in facts if f.metric == "performance.evaluated"] == [0]
    assert not [f for f in facts if f.metric.startswith(("general_budget.", "gov_fund."))]
    assert _one(facts, "performance.score", "部门整体支出").value == 0


def test_reception_worded_as_visits_and_guests():
    """佛山市轨道交通局 2019 决算 p27."""
    facts = _facts("2.公务用车购置及运行维护费支出0万元，其中：公务用车购置支出为0万元，2019年公务用车购置数0辆。",
                   "2019年，局（部、委、办）机关及下属1个单位共接待国外来访团组0个，来访外宾0人次；发生国内接待1次，接待人数共13人。",
                   kind="final", year=2019)
    assert _one(facts, "three_public.vehicles_bought").value == 0
    assert not [f for f in facts if f.metric == "three_public.outbound_groups"]  # 来访团组 are visitors
    assert _one(facts, "three_public.reception_batches", "外事接待").value == 0
    assert _one(facts, "three_public.reception_people", "外事接待").value == 0
    assert _one(facts, "three_public.reception_batches").value == 1
    assert _one(facts, "three_public.reception_people").value == 13


def test_same_as_last_year_and_nil_three_public():
    facts = _facts("2026年机关运行经费预算236.83万元，与2025年执行数相同。", "本部门2026年无“三公”经费和机关运行经费预算。")
    costs = [f for f in facts if f.metric == "operating_costs"]
    assert [(f.value, f.change, f.change_pct) for f in costs] == [(D("236.83"), D(0), D(0)), (D(0), None, None)]
    assert _one(facts, "three_public.total").value == 0


def test_an_unnamed_figure_keeps_its_share():
    """杭州市公安局 2026 p6: each share goes to the figure of its own clause, also when that
    figure's label is one the old scanner did not know (its 1.9 % overwrote the 90.5 %)."""
    facts = _facts("其中：一般公共预算拨款收入366,195.79万元，占90.5%；政府性基金预算收入7,600.00万元，占1.9%；"
                   "某某专项收入5.00万元，占0.1%；事业收入18,536.88万元，占4.6%。")
    assert _one(facts, "income.general_budget").share_pct == D("90.5")
    assert _one(facts, "income.gov_fund").share_pct == D("1.9")
    assert _one(facts, "income.business").share_pct == D("4.6")
    assert not [f for f in facts if f.share_pct == D("0.1")]


def test_a_summary_flat_does_not_erase_a_stated_change():
    """杭州市公安局 2026 p12-13: "比上年预算数减少26.00万元，下降0.9%，与上年基本持平"."""
    facts = _facts("公务用车运行维护费支出2,987.20万元，主要用于公务用车燃料费等支出，比上年预算数减少26.00万元，下降0.9%，与上年基本持平。",
                   "2.公务接待费：2026年安排公务接待费预算100.93万元，与上年预算数持平，主要用于境内外警务交流所需的接待支出。",
                   "2.按支出用途分类，包括人员支出250,110.65万元，占61.9%；日常公用支出47,792.58万元，占11.8%。")
    assert _q(_one(facts, "three_public.vehicle_operation")) == (D("2987.20"), D("-26.00"), D("-0.9"))
    assert _q(_one(facts, "three_public.reception")) == (D("100.93"), D(0), D(0))
    assert _one(facts, "basic.personnel").share_pct == D("61.9")
    assert _one(facts, "basic.public").share_pct == D("11.8")


def test_staff_parts_belong_to_the_count_before_them():
    """西安市卫生健康委员会 2022 决算 p7: 编制 and 实有 each with their own 其中 parts."""
    facts = _facts("截至2022年底，本部门人员编制10964人，其中行政编制115人、事业编制10849人；实有人员10887人，其中行政121人、事业10766人。",
                   kind="final", year=2022)
    assert _one(facts, "staff.authorized", "行政编制").value == 115
    assert _one(facts, "staff.actual").value == 10887
    assert _one(facts, "staff.actual", "行政").value == 121
    assert _one(facts, "staff.actual", "事业").value == 10766


def test_reserved_procurement_in_a_final_is_not_a_budget_pair():
    """万里街道 2023 预算 p29 wording, read in a 决算 (kind final)."""
    facts = _facts("2023年本部门面向中小企业预留政府采购项目预算金额332.00万元，其中，预留给小型和微型企业的政府采购项目预算为232.40万元。",
                   kind="final", year=2023)
    assert _one(facts, "procurement.sme_reserved").value == D("332.00")
    assert _one(facts, "procurement.small_micro_reserved").value == D("232.40")


def test_shenzhen_wordings():
    """深圳市公安局交通管理局 2026 p5, p8, p10, p13."""
    facts = _facts("2026年深圳市公安局交通管理局（本级）部门预算收入254,403.68万元，较2025年年初预算增加15,387.17万元，增长6.4%。",
                   "纳入2026年部门预算的政府采购项目共有45,144.36万元，其中：货物类项目6,825.44万元、工程类项目176.19万元、服务类项目38,142.72万元。",
                   "所有项目支出预算纳入部门预算绩效管理，涉及预算资金100,763.03万元，设置并编报8个项目绩效目标。",
                   "2026年计划购置车辆30辆、511.25万元，主要是购置30台警用车辆；单价100万元以上设备0台（套）、0.00万元，主要是无相关采购计划。")
    f = _one(facts, "income.total")
    assert (f.value, f.change, f.change_pct, f.prior_year) == (D("254403.68"), D("15387.17"), D("6.4"), 2025)
    assert _one(facts, "procurement.services").value == D("38142.72")
    assert _one(facts, "performance.targets_set").value == 8
    assert _one(facts, "three_public.vehicles_bought").value == 30
    assert _one(facts, "assets.equipment_over_1m_bought").value == 0
    assert not [x for x in facts if x.metric == "assets.equipment_over_1m"]


def test_headings_in_their_own_paragraph_and_comparisons_after_a_breakdown():
    """福州市公安局巡特警支队 2026 p21, p23."""
    facts = _facts("2026年,福州市公安局巡特警支队收入预算为10344.71万元，其中：一般公共预算拨款收入10344.71万元。比上年减少32.61万元，"
                   "下降0.31%，主要原因是一般公共预算拨款收入减少32.61万元。",
                   "相应安排支出预算10344.71万元，其中：基本支出8974.01万元、项目支出1370.70万元。比上年减少32.61万元，下降0.31%，"
                   "主要原因是基本支出减少29.53万元、项目支出减少3.08万元。",
                   "（一）因公出国（境）经费", "2026年预算安排0.00万元，比上年减少27.70万元，下降100.00%。主要原因是：年内没有因公出国（境）需求。",
                   "（二）公务接待费", "2026年预算安排4.12万元，与上年持平。主要是保障日常公务接待需要。")
    assert _q(_one(facts, "income.total")) == (D("10344.71"), D("-32.61"), D("-0.31"))
    assert _q(_one(facts, "income.general_budget")) == (D("10344.71"), D("-32.61"), None)
    assert _q(_one(facts, "expenditure.total")) == (D("10344.71"), D("-32.61"), D("-0.31"))
    assert _q(_one(facts, "expenditure.basic")) == (D("8974.01"), D("-29.53"), None)
    assert _q(_one(facts, "expenditure.project")) == (D("1370.70"), D("-3.08"), None)
    assert _q(_one(facts, "three_public.outbound")) == (D("0.00"), D("-27.70"), D("-100.00"))
    assert _q(_one(facts, "three_public.reception")) == (D("4.12"), D(0), D(0))


def test_stated_nil_of_two_funds_each_with_its_side():
    """深圳市公安局交通管理局 2026 p13."""
    facts = _facts("本单位无政府性基金预算支出、国有资本经营预算支出。")
    assert sorted(f.metric for f in facts) == ["gov_fund.expenditure", "state_capital.expenditure"]


def test_xian_health_final_wordings():
    """西安市卫生健康委员会 2022 决算 p20-22, p33, p165."""
    facts = _facts(
        "2022年度政府性基金预算财政拨款年初结转和结余58,830.98万元，收入决算509,220.66万元，支出决算568,051.63万元，年末结转和结余0万元。",
        "2022年度财政拨款安排为西安急救中心等单位购置公务用车5辆，预算136.48万元，支出决算136.48万元，完成预算的100%。",
        "（二）政府采购授予中小企业合同金额24,498.01万元，占政府采购支出合同总额的9%，其中：授予小微企业合同金额7,086.06万元，"
        "占授予中小企业合同金额的28.93%；货物采购授予中小企业合同金额占政府采购货物支出合同的4.07%，服务采购授予中小企业合同金额占政府采购服务支出合同的20.02%。",
        "6.西安市中心血站采供血人员经费项目绩效自评综述：全年预算数5166.99万元，执行数5166.99万元，完成预算的100%。",
        "2021年，西安市高龄老人保健补贴资金支出总额为59168.23万元。", kind="final", year=2022)
    assert _one(facts, "income.gov_fund").value == D("509220.66")
    assert _one(facts, "gov_fund.expenditure").value == D("568051.63")
    assert _one(facts, "income.carryover", "政府性基金预算财政拨款").value == D("58830.98")
    assert not [f for f in facts if f.metric in ("income.total", "expenditure.total")]
    purchase = _one(facts, "three_public.vehicle_purchase")
    assert (purchase.value, purchase.budget_value, purchase.completion_pct) == (D("136.48"), D("136.48"), D(100))
    assert _one(facts, "three_public.vehicles_bought").completion_pct is None
    assert _one(facts, "procurement.sme").share_pct == D(9)
    assert _one(facts, "procurement.small_micro").share_pct == D("28.93")
    assert _one(facts, "project.executed", "西安市中心血站采供血人员经费项目").value == D("5166.99")
    assert not [f for f in facts if f.metric == "basic.personnel"]


def test_project_count_after_gong():
    """上海市信访办公室 2026 p20: "编报绩效目标的项目共1个"."""
    facts = _facts("2026年度，本单位编报绩效目标的项目共1个，涉及项目预算资金120.00万元。")
    assert _one(facts, "performance.targets_set").value == 1
    assert _one(facts, "performance.targets_set_amount").value == D("120.00")


def test_groups_received_are_reception():
    """西安市卫生健康委员会 2022 决算 p21: "共接待国内来访团组3个，来宾15人次"."""
    facts = _facts("2022年度公务接待费支出决算0.11万元，共接待国内来访团组3个，来宾15人次。", kind="final", year=2022)
    assert _one(facts, "three_public.reception_batches").value == 3
    assert _one(facts, "three_public.reception_people").value == 15
    assert not [f for f in facts if f.metric.startswith("three_public.outbound")]


def test_changsha_wordings():
    """长沙市公安局 2025 p6, p10, p32."""
    facts = _facts("2025年本单位收入预算68632.12万元，其中，一般公共预算拨款68632.12万元，财政专户管理事业收入0.00万元，"
                   "事业单位经营服务收入0.00万元。收入较去年减少1316.82万元，下降1.88%。主要是依政策压减项目经费等原因。",
                   "2025年拟新增配置公务用车6辆，其中，执法执勤用车6辆；新增配备单位价值50万元以上设备0台，其中，单位价值100万元以上设备3台。",
                   "纳入2025年部门整体支出绩效目标的金额为68632.12万元，其中，基本支出28398.17万元。",
                   "增加每名辅警人员经费控制在11.05万元/年内。", year=2025)
    f = _one(facts, "income.total")
    assert (f.change, f.change_pct, f.prior_year) == (D("-1316.82"), D("-1.88"), None)
    assert _one(facts, "income.special_account").value == 0 and _one(facts, "income.operating").value == 0
    assert not [x for x in facts if x.metric == "income.business"]
    assert _one(facts, "three_public.vehicles_bought").value == 6
    assert _one(facts, "assets.equipment_over_1m_bought").value == 3
    assert _one(facts, "performance.targets_set_amount").value == D("68632.12")
    assert not [x for x in facts if x.metric == "basic.personnel"]


def test_fixed_assets_and_other_fixed_assets():
    """万里街道 2023 预算 p29: "其他固定资产0万元" is a part, not the total."""
    facts = _facts("截止2022年12月31日，本部门流动资产448.82万元。固定资产3149.52万元，其中：房屋14609.83平方米；车辆7辆"
                   "（一般公务用车3辆，执法执勤用车4辆）；其他固定资产0万元。", year=2023)
    assert [f.value for f in facts if f.metric == "assets.fixed_assets"] == [D("3149.52")]
    assert _one(facts, "assets.vehicles").value == 7


def test_issue_12_the_reason_clause_keeps_its_own_comparison():
    """Issue 12: "支出X万元，比上年增加120.50万元，主要原因：项目支出增加，较上一年度增加98.30万元" — the
    first figure's change is 120.50; a bare 支出 opening a sentence is the total, a 其中 part is not."""
    facts = _facts("支出1,234.56万元，比上年增加120.50万元，主要原因：项目支出增加，较上一年度增加98.30万元。",
                   "2020年收入3000万元，其中：支出5万元。")
    f = _one(facts, "expenditure.total")
    assert (f.value, f.change) == (D("1234.56"), D("120.50"))
    assert _one(facts, "income.total").value == 3000
    assert not [g for g in facts if g.metric == "expenditure.project"]


def test_a_change_section_qualifies_the_figures_stated_before_it():
    """烟台市退役军人事务局 2026 (html) p29: "（三）增减变化情况…1.收入预算减少…，其中一般公共预算收入减少…" names
    figures stated in earlier paragraphs; each gets its own change, none its neighbour's; a reason clause
    ("主要是…减少") and a figure with a change already are left alone."""
    facts = _facts("（一）收入预算：2026年收入预算35,874.49万元，其中：一般公共预算收入28,467.65万元，事业收入1,429.17万元。",
                   "（二）支出预算：2026年支出预算35,874.49万元，其中：基本支出10,440.01万元，项目支出25,434.48万元。",
                   "1.收入预算减少32,298.02万元，其中一般公共预算收入减少31,847.8万元，事业收入增加72.7万元，"
                   "使用非财政拨款结余减少4,768.48万元。",
                   "2.支出预算减少32,298.02万元，其中基本支出减少1,716.66万元，主要是项目支出减少30,581.36万元。")
    changes = {f.metric: f.change for f in facts}
    assert changes == {"income.total": D("-32298.02"), "income.general_budget": D("-31847.8"),
                       "income.business": D("72.7"), "expenditure.total": D("-32298.02"),
                       "expenditure.basic": D("-1716.66"), "expenditure.project": None}
    assert all(f.source.block in (0, 1) for f in facts)  # each fact keeps the sentence that states it
