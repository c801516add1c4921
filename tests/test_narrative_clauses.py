"""Qualifiers on the right clause: each comparison belongs to the figure of its own clause.

The sentences are real wordings (the corpus file and page are named in each test); the old
scanner attached several of these qualifiers to the wrong figure, or to a figure whose
clause states none. A figure without a comparison of its own has none (absent, not borrowed).
"""

from __future__ import annotations

from decimal import Decimal

from extractors.document import Document, Format, Paragraph
from extractors.narrative import extract_facts
from models.records import Evidence, Identity

D = Decimal


def _facts(*texts: str, kind: str = "budget", year: int = 2026):
    doc = Document(blocks=[Paragraph(text=t, page=1) for t in texts], format=Format.TXT)
    identity = Identity(fiscal_year=Evidence(year, "title"), kind=Evidence(kind, "title"))
    return extract_facts(doc, identity)


def _one(facts, metric, subject=None):
    found = [f for f in facts if f.metric == metric and f.subject == subject]
    assert len(found) == 1, (metric, [(f.metric, f.value, f.change) for f in facts])
    return found[0]


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
