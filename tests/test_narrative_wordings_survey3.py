"""Wordings of the third survey (issue 12): the 其他重要事项 sections and the counts, in reports
from provinces outside the corpus.

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


def _of(facts, metric):
    return [f for f in facts if f.metric == metric]


# -- 人员: a staff count stated after the 编制 is not a part of it -------------------------------


def test_staff_in_post_worded_as_actual_teachers_is_not_a_part_of_the_posts():
    facts = _facts("单位核定编制58人，实际正式职工49人，其中高级职称6人，中级职称20人，退休职工17人。")
    assert _one(facts, "staff.authorized").value == 58
    assert _one(facts, "staff.actual").value == 49
    assert _one(facts, "staff.retired").value == 17
    assert _one(facts, "staff.actual", "高级职称").value == 6
    assert [f.subject for f in _of(facts, "staff.authorized")] == [None]  # no 职称 read as 编制


def test_a_count_before_the_qizhong_is_no_part_of_the_head():
    facts = _facts("编制数40人，教职工35人，其中专任教师30人。")
    assert [f.subject for f in _of(facts, "staff.authorized")] == [None]


# -- 三公: batches after a bare 接待, and money comparisons skip the counts -----------------------


def test_reception_batches_after_bare_verb_and_the_change_stays_with_the_money():
    facts = _facts("公务接待费3.2万元，接待52批（次）640人，同比去年2.1万元增加1.1万元。")
    money = _one(facts, "three_public.reception")
    assert (money.value, money.prior_value, money.change) == (D("3.2"), D("2.1"), D("1.1"))
    assert _one(facts, "three_public.reception_batches").value == 52
    people = _one(facts, "three_public.reception_people")
    assert (people.value, people.prior_value, people.change) == (640, None, None)


def test_plain_shao_and_duo_are_changes():
    f = _one(_facts("机关运行经费支出5.60万元，比去年5.75万元少0.15万元。"), "operating_costs")
    assert (f.prior_value, f.change) == (D("5.75"), D("-0.15"))
    g = _one(_facts("机关运行经费支出5.60万元，较上年多了0.40万元。"), "operating_costs")
    assert g.change == D("0.40")


def test_short_vehicle_cost_under_a_vehicle_heading():
    facts = _facts("（二）公务用车购置及运行维护费", "决算车辆运行维护费用1.80万元，比去年1.95万元少0.15万元，基本持平。")
    f = _one(facts, "three_public.vehicle_operation")
    assert (f.value, f.prior_value, f.change) == (D("1.80"), D("1.95"), D("-0.15"))


def test_foreign_reception_nil_is_the_part_not_the_whole():
    facts = _facts("2022年公务接待费0.35万元，较2021年决算减少6%。其中：外事接待费支出为零。国内公务接待5批次，40人。")
    whole = _one(facts, "three_public.reception")
    assert (whole.value, whole.change_pct) == (D("0.35"), D(-6))
    assert _one(facts, "three_public.reception", "外事接待").value == 0


# -- PDF text spaced out between characters ----------------------------------------------------


def test_label_spaced_out_between_characters():
    facts = _facts("2025 年 政 府 采 购 预 算 5120000.00 元 , 同 比 增 加 1200000.00 元,增长 30.61%。", kind="budget", year=2025)
    f = _one(facts, "procurement.total")
    assert (f.value, f.change, f.change_pct) == (D("512"), D("120"), D("30.61"))


# -- 国有资产占用: floor area held, by use -------------------------------------------------------


def test_floor_area_held_and_its_parts_by_use():
    facts = _facts("截至2022年12月31日，本单位共有房屋2,140.6平方米，其中：办公用房1,900平方米，业务用房240.6平方米，"
                   "其他用房0平方米。")
    total = _one(facts, "assets.buildings_area")
    assert (total.value, total.unit, total.printed_unit) == (D("2140.6"), "平方米", "平方米")
    assert _one(facts, "assets.buildings_area", "办公用房").value == 1900
    assert _one(facts, "assets.buildings_area", "其他用房").value == 0


def test_floor_area_in_square_metre_sign_and_ten_thousands():
    assert _one(_facts("单位占用房屋面积共计860㎡。"), "assets.buildings_area").value == 860
    f = _one(_facts("全系统共有房屋1.5万平方米。"), "assets.buildings_area")
    assert (f.value, f.unit, f.printed_unit) == (15000, "平方米", "万平方米")


def test_an_area_a_project_builds_or_repairs_is_not_the_area_held():
    facts = _facts("本年维修房屋320平方米。", "项目展厅总建筑面积约900㎡，分为12个展区。")
    assert not _of(facts, "assets.buildings_area")


# -- 预算绩效: a bare count after the work the sentence names ------------------------------------


def test_project_count_after_the_self_evaluation_it_belongs_to():
    facts = _facts("组织对本年度一般公共预算项目支出全面开展绩效自评，共涉及项目9个，资金412.3万元，"
                   "占一般公共预算项目支出总额的100%。")
    assert _one(facts, "performance.self_evaluated").value == 9
    money = _one(facts, "performance.self_evaluated_amount")
    assert (money.value, money.share_pct) == (D("412.3"), D(100))


def test_a_bare_count_with_no_performance_work_before_it_is_none():
    facts = _facts("本年共涉及项目9个，资金412.3万元。")
    assert not [f for f in facts if f.metric.startswith("performance.")]


# -- 政府采购 预留 and the retired among the staff ---------------------------------------------


def test_share_reserved_for_smes_worded_as_a_share():
    facts = _facts("本单位预留面向中小企业采购的份额为25万元，其中预留给小微企业的份额为15万元，占预留份额的60%。",
                   kind="budget", year=2024)
    assert _one(facts, "procurement.sme_reserved").value == 25
    assert _one(facts, "procurement.small_micro_reserved").share_pct == 60


def test_bare_retired_part_of_the_staff_is_the_retired():
    facts = _facts("实有人数31人，其中在职27人、退休4人。")
    assert _one(facts, "staff.actual").value == 31
    assert _one(facts, "staff.actual", "在职").value == 27
    assert _one(facts, "staff.retired").value == 4


# -- 三公 parts: a change naming a part the text does not state is no other part's ------------


def test_change_of_an_unstated_part_does_not_overwrite_the_stated_one():
    facts = _facts("其中，因公出国（境）费40万元，公务接待费300万元，公务用车购置及运行费1500万元。"
                   "其中：公务接待费同口径比2018年减少25万元，同口径比2018年下降7.7%；公务用车购置费同口径比2018年减少200万元，"
                   "下降80%。", kind="budget", year=2019)
    f = _one(facts, "three_public.reception")
    assert (f.change, f.change_pct, f.prior_year) == (D(-25), D("-7.7"), 2018)
    assert _one(facts, "three_public.vehicle").change is None


def test_like_for_like_comparison_opening_a_sentence_continues_its_figure():
    f = _one(_facts("2019年“三公”经费预算为2100万元。同口径比2018年减少300万元，下降12.5%。", kind="budget", year=2019),
             "three_public.total")
    assert (f.change, f.change_pct, f.prior_year) == (D(-300), D("-12.5"), 2018)


def test_retired_parts_of_the_retired_stay_parts():
    facts = _facts("单位管理的离退休人员40人，其中：离休2人，退休38人。")
    assert _one(facts, "staff.retired").value == 40
    assert _one(facts, "staff.retired", "离休").value == 2
    assert _one(facts, "staff.retired", "退休").value == 38
    named = _facts("离退休人员15人，其中：离休人员1人，退休人员14人。")
    assert _one(named, "staff.retired").value == 15
    assert _one(named, "staff.retired", "退休人员").value == 14


def test_batches_after_the_verb_and_whom_it_received():
    facts = _facts("公务接待费24万元，比上年减少1.5万元，接待记者38批次，约450人。")
    assert _one(facts, "three_public.reception").change == D("-1.5")
    assert _one(facts, "three_public.reception_batches").value == 38
    assert _one(facts, "three_public.reception_people").value == 450


# -- 预算绩效: 重点评价 counts and the department's own score ------------------------------------


def test_key_evaluation_counts_as_evaluated_with_its_money():
    facts = _facts("区本级财政支出预算绩效管理项目中选取5个项目开展重点评价，涉及预算金额为1650万元。", kind="budget", year=2018)
    assert _one(facts, "performance.evaluated").value == 5
    assert _one(facts, "performance.evaluated_amount").value == 1650


def test_department_score_named_in_the_clause_before():
    facts = _facts("按照预算绩效管理要求，本部门对2017年整体支出开展绩效自评，自评得分88分，存在的问题：一是摸底不准。")
    assert _one(facts, "performance.score", "部门整体支出").value == 88


# -- 政府性基金 / 采购 nils -------------------------------------------------------------------


def test_bare_zero_with_the_year_before_the_department():
    facts = _facts("2023年本部门政府性基金预算财政拨款支出为0。", "2023年本部门政府采购支出总额为0。")
    assert _one(facts, "gov_fund.expenditure").value == 0
    assert _one(facts, "procurement.total").value == 0


def test_one_fund_its_income_and_spending_all_zero():
    facts = _facts("本部门2023年度国有资本经营预算财政拨款收入、支出均为0万元。")
    assert _one(facts, "income.state_capital").value == 0
    assert _one(facts, "state_capital.expenditure").value == 0
