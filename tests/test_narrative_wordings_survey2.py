"""Wordings of the second survey (issue 12): reports from provinces outside the corpus.

Every sentence here is a paraphrase (figures and names changed) of a wording seen in a
report; docs/wording.md names the report each family comes from.
"""

from __future__ import annotations

from decimal import Decimal

from extractors.document import Document, Format, Paragraph
from extractors.narrative import extract_facts
from models.records import Evidence, Identity

D = Decimal


def _facts(*texts: str, kind: str = "final", year: int = 2023):
    doc = Document(blocks=[Paragraph(text=t, page=2) for t in texts], format=Format.TXT)
    identity = Identity(fiscal_year=Evidence(year, "title"), kind=Evidence(kind, "title"))
    return extract_facts(doc, identity)


def _one(facts, metric, subject=None):
    found = [f for f in facts if f.metric == metric and f.subject == subject]
    assert len(found) == 1, (metric, facts)
    return found[0]


def _q(fact):
    return (fact.value, fact.change, fact.change_pct)


# -- the summary's 总计: sides abbreviated, stated apart, compared as a whole ----------------


def test_abbreviated_sides_with_one_figure_are_the_total():
    # Sichuan county report: "YEAR年度收、支总计均为X万元"
    f = _one(_facts("2023年度收、支总计均为986.40万元。"), "income_expenditure.grand_total")
    assert f.value == D("986.40")


def test_each_list_of_two_equal_side_totals_is_one_total_with_its_changes():
    facts = _facts("2023年度收、支总计各是512.80,512.80万元。与2022年相比，收、支总计各减少40.10,40.10万元，"
                   "各下降7.25%、7.25%。")
    total = _one(facts, "income_expenditure.grand_total")
    assert (_q(total), total.prior_year) == ((D("512.80"), D("-40.10"), D("-7.25")), 2022)
    assert not [f for f in facts if f.metric in ("income.grand_total", "expenditure.grand_total")]


def test_each_list_of_changes_after_a_list_of_figures_pairs_them_in_order():
    facts = _facts("基本支出、项目支出各为420.50、96.30万元，比上年各增加12.00、3.50万元。")
    assert _q(_one(facts, "expenditure.basic")) == (D("420.50"), D("12.00"), None)
    assert _q(_one(facts, "expenditure.project")) == (D("96.30"), D("3.50"), None)


def test_respective_changes_and_rates_after_a_respective_list():
    facts = _facts("基本支出、项目支出分别为420.50万元、96.30万元，分别减少12.00、3.50万元，分别下降2.8%、3.5%。")
    assert _q(_one(facts, "expenditure.basic")) == (D("420.50"), D("-12.00"), D("-2.8"))
    assert _q(_one(facts, "expenditure.project")) == (D("96.30"), D("-3.50"), D("-3.5"))


def test_summary_compared_as_a_whole_in_the_next_sentence():
    # "收入总计A万元，支出总计A万元。收入支出总体与上年相比，增加X万元，增长Y%"
    facts = _facts("2023年度本单位收入总计640.20万元，支出总计640.20万元。收入支出总体与上年相比，增加52.30万元，增长8.90%。")
    total = _one(facts, "income_expenditure.grand_total")
    assert _q(total) == (D("640.20"), D("52.30"), D("8.90"))


def test_summary_compared_as_a_whole_ends_at_its_reason():
    facts = _facts("2023年度收入总计500.00万元，支出总计500.00万元。收入支出总体与上年相比，增加20.00万元，增长4.17%，"
                   "主要原因是基本支出增加5.00万元，增长3%。")
    assert _q(_one(facts, "income_expenditure.grand_total")) == (D("500.00"), D("20.00"), D("4.17"))


def test_appropriation_summary_compared_as_a_whole_goes_to_both_equal_sides():
    facts = _facts("2023年度财政拨款收入总计300.00万元，支出总计300.00万元。财政拨款收支总体较上年减少15.00万元，下降4.76%。")
    income, expenditure = _one(facts, "appropriation.income"), _one(facts, "appropriation.expenditure")
    assert _q(income) == _q(expenditure) == (D("300.00"), D("-15.00"), D("-4.76"))
    assert not [f for f in facts if f.metric == "income_expenditure.grand_total"]


def test_appropriation_summary_compared_in_a_later_paragraph():
    # Guangxi budget: "财政拨款收支总预算X元。收入包括…" / "财政拨款总收支较上年下降P%"
    facts = _facts("2024年财政拨款收支总预算1200500.00元。收入包括：一般公共预算拨款1200500.00元。",
                   "财政拨款总收支较上年下降2.40%，主要原因是人员减少。", kind="budget", year=2024)
    total = _one(facts, "appropriation.grand_total")
    assert (total.value, total.change_pct) == (D("120.05"), D("-2.40"))


def test_summary_compared_as_a_whole_is_left_alone_when_the_sides_differ():
    facts = _facts("2023年度收、支总计各是700.00,690.00万元。收支总体较上年减少20.00万元。")
    assert not [f for f in facts if f.change is not None]


def test_bare_side_total_after_an_appropriation_total_is_the_appropriations():
    facts = _facts("2023年度财政拨款收入总计280.00万元，支出总计275.00万元。")
    assert _one(facts, "appropriation.income").value == D("280.00")
    assert _one(facts, "appropriation.expenditure").value == D("275.00")
    assert not [f for f in facts if f.metric == "income_expenditure.grand_total"]


# -- who before the year, spaces in a sentence-opening comparison -----------------------------


def test_who_before_the_year_in_a_bare_total():
    f = _one(_facts("本部门2023年收入总计150.00万元，比上年增加10.00万元，增长7.1%。"), "income_expenditure.grand_total")
    assert _q(f) == (D("150.00"), D("10.00"), D("7.1"))
    g = _one(_facts("本单位2023年度支出为98.60万元。"), "expenditure.total")
    assert g.value == D("98.60")


def test_sentence_opening_comparison_with_spaces_continues_the_figure():
    # Guangxi (PDF text with spaces): "上年结转和结余 X 万元,为…资金。较 YEAR 年度决算数增加 Y 万元"
    facts = _facts("8.上年结转和结余 6.40 万元,为以前年度未执行完毕的资金。较 2022 年度决算数增加 0.52 万元,增长 8.8%。")
    f = _one(facts, "income.carryover")
    assert (_q(f), f.prior_year) == ((D("6.40"), D("0.52"), D("8.8")), 2022)


# -- 三公: money after the counts, the budget after the figure --------------------------------


def test_bare_spending_after_reception_counts_is_the_reception_money():
    # county-level 2018 决算 (hlx.gov.cn): "YEAR年公务接待N批次，M人次，支出X万元，较上年减少…"
    facts = _facts("2023年公务接待18批次，150人次，支出1.65万元，较上年减少0.20万元，下降10.81%。")
    f = _one(facts, "three_public.reception")
    assert _q(f) == (D("1.65"), D("-0.20"), D("-10.81"))
    assert not [f for f in facts if f.metric == "expenditure.total"]


def test_bare_spending_after_a_vehicle_count_names_no_figure():
    facts = _facts("截至年底共有公务用车3辆，支出4.20万元。")
    assert _one(facts, "three_public.vehicle_fleet").value == 3
    assert not [f for f in facts if f.unit == "万元"]


def test_budget_stated_after_the_figure_is_its_budget():
    # county-level 2018 决算 (hlx.gov.cn): "…“三公”经费支出A万元，年初预算为B万元，差值为C万元"
    facts = _facts("2023年度本部门“三公”经费支出3.10万元，年初预算为4.00万元，差值为0.90万元。其中：公务接待费支出3.10万元，"
                   "年初预算为3.50万元；公务用车运行维护费支出0万元，年初预算为0.50万元。")
    three = _one(facts, "three_public.total")
    assert (three.value, three.budget_value, three.budget_basis, three.budget_gap) == (
        D("3.10"), D("4.00"), "年初预算", None)
    assert _one(facts, "three_public.reception").budget_value == D("3.50")
    assert _one(facts, "three_public.vehicle_operation").budget_value == D("0.50")


def test_budget_before_its_final_figure_still_pairs_with_it():
    facts = _facts("机关运行经费支出年初预算为22.00万元，支出决算为20.00万元，完成预算的90.91%。")
    f = _one(facts, "operating_costs")
    assert (f.value, f.budget_value, f.completion_pct) == (D("20.00"), D("22.00"), D("90.91"))


# -- economic classes without their code: 399 and the 5xx classification ----------------------


def test_other_spending_with_its_code_or_in_a_list_of_classes_is_399():
    facts = _facts("其中：工资福利支出（301）210.00万元；商品和服务支出（302）40.00万元；其他支出（399）2.50万元。",
                   kind="budget")
    assert _one(facts, "economic.399").value == D("2.50")
    listed = _facts("基本支出300万元，其中：工资福利支出240万元，商品和服务支出55万元，其他支出5万元。", kind="budget")
    assert _one(listed, "economic.399").value == D(5)


def test_other_spending_alone_is_no_economic_class():
    # 其他支出 is also a 功能分类 类: without a list of classes it is not read as one
    assert not [f for f in _facts("一般公共服务支出80万元，教育支出10万元，其他支出5万元。", kind="budget")
                if f.metric.startswith("economic.")]
    assert not [f for f in _facts("其他支出3.00万元。") if f.metric.startswith("economic.")]


def test_government_classification_names_without_codes():
    # Beijing-style 政府预算支出经济分类 list, codes not printed
    facts = _facts("机关工资福利支出1200.50万元；机关商品和服务支出860.20万元；机关资本性支出（一）45.00万元；"
                   "对事业单位经常性补助300.00万元；对个人和家庭的补助35.10万元；其他支出2.00万元。", kind="budget")
    got = {f.metric: f.value for f in facts if f.metric.startswith("economic.")}
    assert got == {"economic.501": D("1200.50"), "economic.502": D("860.20"), "economic.503": D(45),
                   "economic.505": D(300), "economic.509": D("35.10"), "economic.599": D(2)}


def test_a_department_class_after_a_government_list_keeps_its_own_code():
    facts = _facts("机关工资福利支出（501）100.00万元。", "工资福利支出80.00万元，占基本支出80%。", kind="budget")
    assert _one(facts, "economic.501").value == D(100)
    assert _one(facts, "economic.301", subject="基本支出").value == D(80)


# -- stated nils of one fund's figures -------------------------------------------------------


def test_one_funds_figures_listed_once_are_nil():
    facts = _facts("本部门2023年度政府性基金预算财政拨款收入、支出、年初结转结余、年末结转结余均为0。")
    assert _one(facts, "income.gov_fund").value == 0
    assert _one(facts, "gov_fund.expenditure").value == 0
    assert _one(facts, "income.carryover", subject="政府性基金预算财政拨款").value == 0
    assert _one(facts, "expenditure.carryover", subject="政府性基金预算财政拨款").value == 0
    assert not [f for f in facts if f.metric in ("expenditure.total", "income.total")]


def test_one_funds_income_and_spending_nil_is_not_the_departments_spending():
    facts = _facts("本部门2023年度国有资本经营预算财政拨款收入和支出均为0。")
    assert {f.metric for f in facts} == {"income.state_capital", "state_capital.expenditure"}


def test_a_fund_list_with_an_item_that_is_no_figure_states_no_nil():
    assert not _facts("政府性基金预算财政拨款收入、培训均为0。")


def test_short_vehicle_cost_wordings_in_a_sentence_about_official_cars():
    # Sichuan county / Guangdong city: "公务用车保有量N辆，购置及运行维护费X万元", "车辆运行维护费支出X万元，
    # 用于公务用车燃料费…", "更新购置公务用车N辆，车辆购置支出X万元"
    facts = _facts("本年公务用车保有量3辆，购置及运行维护费6.20万元，比上年减少0.40万元。",
                   "2023年车辆运行维护费支出6.20万元，用于公务用车燃料费、维修费。",
                   "2023年更新购置公务用车0辆，车辆购置支出0万元。")
    assert _q(_one(facts, "three_public.vehicle")) == (D("6.20"), D("-0.40"), None)
    assert _one(facts, "three_public.vehicle_operation").value == D("6.20")
    assert _one(facts, "three_public.vehicle_purchase").value == 0


def test_short_vehicle_wording_outside_official_cars_is_nothing():
    assert not _facts("执法车辆运行维护费支出13.01万元。")


def test_foreign_guest_reception_money_is_a_reception_part():
    facts = _facts("公务接待费支出8.00万元，其中：外事接待费支出0万元，国内公务接待费8.00万元。")
    assert _one(facts, "three_public.reception", subject="外事接待").value == 0


def test_compared_figure_after_de_is_the_prior_value():
    # Sichuan city budget: "…预算总额为A万元，较YEAR年的B万元减少C万元，下降D%"
    facts = _facts("2024年“三公”经费预算总额为980万元，较2023年的1050万元减少70万元，下降6.7%。", kind="budget", year=2024)
    f = _one(facts, "three_public.total")
    assert (f.prior_value, f.prior_year, f.change, f.change_pct) == (D(1050), 2023, D(-70), D("-6.7"))
    g = _one(_facts("机关运行经费支出20.00万元，较上年的18.00万元增加2.00万元，增长11.1%。"), "operating_costs")
    assert (g.prior_value, g.change, g.change_pct) == (D("18.00"), D("2.00"), D("11.1"))


def test_bare_prior_figure_takes_the_unit_of_the_change_after_it():
    # county-level 2018 决算 (hlx.gov.cn): "…“三公”经费支出A万元，较上年B减少C万元，减少了P%"
    f = _one(_facts("2023年度本部门“三公”经费支出3.20万元，较上年3.50减少0.30万元，减少了8.57%。"), "three_public.total")
    assert (f.value, f.prior_value, f.change, f.change_pct) == (D("3.20"), D("3.50"), D("-0.30"), D("-8.57"))


def test_a_bare_number_after_a_comparison_without_a_change_is_no_prior():
    facts = _facts("机关运行经费支出20.00万元，较2022年12月底增加2.00万元。")
    f = _one(facts, "operating_costs")
    assert f.prior_value is None


def test_budget_totals_named_as_a_sum():
    # a common budget-template wording ("收支预算总额", "财政拨款收支预算总额"), not from a surveyed excerpt
    f = _one(_facts("2024年本部门收支预算总额为860.50万元，比上年增加40.20万元，增长4.9%。", kind="budget", year=2024),
             "income_expenditure.grand_total")
    assert _q(f) == (D("860.50"), D("40.20"), D("4.9"))
    g = _one(_facts("2024年财政拨款收支预算总额为800.00万元，比上年增加20.00万元。", kind="budget", year=2024),
             "appropriation.grand_total")
    assert _q(g) == (D("800.00"), D("20.00"), None)
