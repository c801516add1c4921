"""Narrative facts in the wordings reports use, one small paragraph each."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.classification import extract_narrative_lines
from extractors.document import Document, Format, Paragraph
from extractors.narrative import extract_facts
from extractors.numbers import fold_digits
from models.records import Evidence, Identity

D = Decimal


def _facts(*texts: str, kind: str = "final"):
    doc = Document(blocks=[Paragraph(text=t, page=3) for t in texts], format=Format.TXT)
    identity = Identity(fiscal_year=Evidence(2020, "title"), kind=Evidence(kind, "title"))
    return extract_facts(doc, identity)


def _q(fact):
    return (fact.value, fact.change, fact.change_pct)


def _one(facts, metric, subject=None):
    found = [f for f in facts if f.metric == metric and f.subject == subject]
    assert len(found) == 1, (metric, facts)
    return found[0]


def test_full_width_digits_and_punctuation():
    f = _one(_facts("２０２０年度收入决算总额为８５０．１８万元，较２０１９年增加１１８．７６万元，增长１６．２４％。"), "income.total")
    assert (f.value, f.printed_value, f.change, f.change_pct, f.prior_year, f.year) == (
        D("850.18"), "８５０．１８", D("118.76"), D("16.24"), 2019, 2020)


def test_yuan_and_yi_are_converted_exactly():
    f = _one(_facts("2020年机关运行经费支出537,700.00元，比2019年减少6,900元，下降1.27%。"), "operating_costs")
    assert (f.value, f.printed_value, f.printed_unit, f.unit, f.change, f.change_pct) == (
        D("53.77"), "537,700.00", "元", "万元", D("-0.69"), D("-1.27"))
    g = _one(_facts("本年收入合计1.25亿元。"), "income.total")
    assert (g.value, g.printed_unit) == (D("12500"), "亿元")


def test_zero_is_a_figure_and_absence_is_not():
    facts = _facts("2020年本年收入合计850.18万元，其中：一般公共预算财政拨款收入850.18万元，占100%；政府性基金预算财政拨款收入0万元，占0%。")
    assert _one(facts, "income.gov_fund").value == 0
    assert not [f for f in facts if f.metric == "income.business"]  # not stated → no fact


def test_flat_and_unchanged():
    facts = _facts("2020年“三公”经费财政拨款支出0.5万元，与2019年持平。",
                   "公务接待费支出0万元，完成预算100%。公务接待费支出决算比2018年比较无增减变动。")
    three = _one(facts, "three_public.total")
    assert (three.change, three.prior_year) == (D(0), 2019)
    reception = _one(facts, "three_public.reception")
    assert (reception.change, reception.prior_year, reception.completion_pct) == (D(0), 2018, D(100))


def test_budget_versus_final_is_not_a_year_on_year_change():
    f = _one(_facts("“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.95万元，完成预算的100%。决算数与预算数持平。"),
             "three_public.total")
    assert (f.value, f.budget_value, f.completion_pct, f.change) == (D("0.95"), D("0.95"), D(100), None)


def test_change_against_last_year_without_year_number():
    f = _one(_facts("机关运行经费支出184.65万元，比上年增加2.55万元，增长1.40%。"), "operating_costs")
    assert (f.change, f.change_pct, f.prior_year) == (D("2.55"), D("1.40"), None)


def test_qualifier_in_a_later_sentence_names_its_metric():
    facts = _facts("2020年度收入决算总额为850.18万元，其中：当年财政拨款收入850.18万元。"
                   "收入决算总额较2019年（731.42万元）增加118.76万元，增加率为16.24%。")
    total = _one(facts, "income.total")
    assert (total.prior_value, total.change, total.change_pct) == (D("731.42"), D("118.76"), D("16.24"))
    assert _one(facts, "income.fiscal").change is None
    assert "731.42" in total.source.text and "850.18" in total.source.text


def test_three_public_counts():
    facts = _facts("全年安排因公出国（境）团组2个，共5人。",
                   "全年按规定更新购置公务用车1辆，金额25万元。截至2020年12月底，单位共有公务用车3辆。",
                   "国内公务接待15批次，120人次。")
    assert _one(facts, "three_public.outbound_groups").value == 2
    assert _one(facts, "three_public.outbound_people").value == 5
    assert _one(facts, "three_public.vehicles_bought").value == 1
    assert _one(facts, "three_public.vehicle_fleet").value == 3
    assert _one(facts, "three_public.reception_batches").value == 15
    people = _one(facts, "three_public.reception_people")
    assert (people.value, people.unit) == (D(120), "人次")


def test_staff_counts_with_parts():
    facts = _facts("县政府办公室编制数44名，其中行政编制20名，事业编制16名。截至2020年12月底，在职在编人员30人，较2019年无变化。离退休人员16人。")
    assert _one(facts, "staff.authorized").value == 44
    assert _one(facts, "staff.authorized", "行政编制").value == 20
    assert (_one(facts, "staff.actual").value, _one(facts, "staff.actual").change) == (30, D(0))
    assert _one(facts, "staff.retired").unit == "人"


def test_procurement_and_equipment_thresholds_are_not_amounts():
    facts = _facts("政府采购支出总额8.69万元，其中：政府采购货物支出8.69万元、政府采购工程支出0万元、政府采购服务支出0万元。"
                   "授予中小企业合同金额0万元，占政府采购支出总额的0%。",
                   "截至2020年12月31日，共有车辆2辆，其中：其他用车2辆，单价100万元（含）以上设备（不含车辆）1台（套）。")
    assert _one(facts, "procurement.total").value == D("8.69")
    assert _one(facts, "procurement.sme").share_pct == 0
    assert _one(facts, "assets.vehicles", "其他用车").value == 2
    equipment = _one(facts, "assets.equipment_over_1m")
    assert (equipment.value, equipment.unit) == (1, "台（套）")
    assert not [f for f in facts if f.value == 100]


def test_performance_counts():
    facts = _facts("组织对6个项目开展了预算事前绩效评估，对6个项目编制了绩效目标，选取5个项目开展绩效监控，对4个项目开展了绩效目标完成情况自评。",
                   "编报绩效目标的2024年度项目4个，涉及预算金额598.42万元。")
    assert [(_one(facts, m).value) for m in ("performance.ex_ante_assessed", "performance.monitored", "performance.self_evaluated")] == [6, 5, 4]
    targets = [f for f in facts if f.metric == "performance.targets_set"]
    assert [f.value for f in targets] == [6, 4]
    assert _one(facts, "performance.targets_set_amount").value == D("598.42")


def test_projects_from_narrative():
    facts = _facts("（1）“县政府办公室工作经费”项目绩效目标完成情况综述。项目全年预算数78万元，执行数为77.98万元，完成预算的99.97%。")
    assert _one(facts, "project.budget", "县政府办公室工作经费").value == D(78)
    assert _one(facts, "project.executed", "县政府办公室工作经费").value == D("77.98")
    assert _one(facts, "project.completion_pct", "县政府办公室工作经费").unit == "%"


def test_budget_document_wording():
    facts = _facts("2026年，上海市普陀区司法局收入预算9628.22万元，其中：财政拨款收入9628.22万元，比2025年预算增加793.14万元；事业收入0万元。",
                   "2026年“三公”经费预算数为10.81万元，比2025年预算持平。其中：",
                   "（二）公务用车购置及运行费9.98万元，与2025年预算持平。其中：公务用车购置费0万元；公务用车运行费9.98万元。",
                   kind="budget")
    assert _one(facts, "income.total").value == D("9628.22")
    assert _one(facts, "income.fiscal").change == D("793.14")
    assert (_one(facts, "three_public.total").value, _one(facts, "three_public.total").change) == (D("10.81"), D(0))
    assert _one(facts, "three_public.vehicle_operation").value == D("9.98")


def test_restatements():
    facts = _facts("2020年一般公共预算财政拨款支出850.18万元，占本年支出合计的100%。",
                   "2020年一般公共预算财政拨款支出850.18万元，主要用于以下方面：",
                   "2020年一般公共预算财政拨款支出851.18万元。")
    values = [f.value for f in facts if f.metric == "general_budget.expenditure"]
    assert values == [D("850.18"), D("851.18")]  # same figure once; a differing one kept


def test_sentence_cut_by_a_page_break():
    doc = Document(
        blocks=[
            Paragraph(text="（一）“三公”经费财政拨款支出决算总体情况说明", page=3),
            Paragraph(text="“三公”经费财政拨款支出年初预算为0.95万元，支出决算为", page=3),
            Paragraph(text="0.50万元，完成预算的52.63%。", page=4),
        ],
        format=Format.PDF,
    )
    facts = extract_facts(doc, Identity(fiscal_year=Evidence(2024, "title"), kind=Evidence("final", "title")))
    three = _one(facts, "three_public.total")
    assert (three.value, three.budget_value, three.completion_pct) == (D("0.50"), D("0.95"), D("52.63"))
    assert (three.source.block, three.source.page) == (2, 4)  # where the figure is printed
    assert three.source.text.startswith("“三公”经费") and three.source.text.endswith("52.63%。")


def test_more_wording_variants():
    facts = _facts("本年收入合计100万元，年初结转和结余5万元，年末结转和结余3万元。",
                   "“三公”经费财政拨款支出预算数为2万元，决算支出1.5万元，完成全年预算的75%。",
                   "机关运行经费支出20万元，较2019年降幅为5%。",
                   "截至2020年底，实有公务用车2辆。核定编制10人，在职职工9人。")
    assert _one(facts, "income.carryover").value == D(5)
    assert _one(facts, "expenditure.carryover").value == D(3)
    three = _one(facts, "three_public.total")
    assert (three.value, three.budget_value, three.completion_pct) == (D("1.5"), D(2), D(75))
    assert _one(facts, "operating_costs").change_pct == D(-5)
    assert _one(facts, "three_public.vehicle_fleet").value == 2
    assert (_one(facts, "staff.authorized").value, _one(facts, "staff.actual").value) == (10, 9)


def test_sentences_inside_table_cells():
    from extractors.classification import extract_narrative_lines
    from extractors.document import build_table

    table = build_table(
        [[("说明", 1, 1), ("2020年机关运行经费支出53.77万元，比2019年减少0.69万元，下降1.28%。", 1, 1)],
         [("科目", 1, 1), ("住房保障支出（类）住房改革支出（款）住房公积金（项）：支出决算为59.03万元，完成预算100%。", 1, 1)]],
        block=0, page=5,
    )
    doc = Document(blocks=[table], format=Format.PDF)
    identity = Identity(fiscal_year=Evidence(2020, "title"), kind=Evidence("final", "title"))
    facts = extract_facts(doc, identity)
    assert [(f.metric, f.value, f.source.row, f.source.col, f.source.page) for f in facts] == [
        ("operating_costs", D("53.77"), 0, 1, 5)]
    lines = extract_narrative_lines(doc, identity)
    assert {(li.code, li.column, li.value, li.source.row, li.source.col) for li in lines} == {
        ("2210201", "final", D("59.03"), 1, 1), ("2210201", "completion_pct", D("100"), 1, 1)}


def test_scores_and_non_procurement_works():
    facts = _facts("绩效自评的2024年度项目4个，涉及预算金额598.42万元，平均得分99.43分。",
                   "2020年民生工程支出50万元。")
    score = _one(facts, "performance.average_score")
    assert (score.value, score.unit) == (D("99.43"), "分")
    assert not [f for f in facts if f.metric.startswith("procurement.")]


def test_income_and_expenditure_joined_by_a_comma():
    facts = _facts("2020年度收入、支出决算总计1,281.76万元。与2019年度相比，收入、支出总计各增加68.31万元，增长5.63%。",
                   "2020年度财政拨款收入、支出决算总计1,281.76万元。")
    total = _one(facts, "income_expenditure.grand_total")
    assert (total.value, total.change, total.change_pct) == (D("1281.76"), D("68.31"), D("5.63"))
    assert _one(facts, "appropriation.grand_total").value == D("1281.76")
    assert not [f for f in facts if f.metric == "expenditure.total"]


def test_unquoted_project_heading():
    facts = _facts("（一）财政信息化建设项目。项目全年预算数60.00万元，全年执行数58.62万元，执行率97.7%，自评得分96.77分，自评等级为“优”。")
    name = "财政信息化建设项目"
    assert _one(facts, "project.budget", name).value == D("60.00")
    assert _one(facts, "project.executed", name).value == D("58.62")
    assert _one(facts, "project.completion_pct", name).value == D("97.7")
    assert _one(facts, "performance.score", name).value == D("96.77")


# -- robustness ------------------------------------------------------------------------------


_FRAGMENTS = st.sampled_from([
    "收入决算总额", "支出决算为", "年初预算为", "较2019年（", "）", "增加", "减少", "下降", "增长", "持平", "占", "完成预算",
    "“三公”经费", "公务用车", "团组", "人次", "批次", "辆", "个项目", "编制数", "其中：", "，", "。", "；", "、", "（类）",
    "一般公共服务", "（款）", "行政运行", "（项）", "“", "”", "-", "科目", "单价100万元以上设备", "台（套）", "万元", "元",
    "亿元", "%", "％", "１２．５", "0", "12.50", "1,234.5", "2020年", "项目全年预算数", "执行数为", "“甲项目经费”项目",
])
_PARAGRAPHS = st.lists(st.lists(_FRAGMENTS | st.text(max_size=4), max_size=25).map("".join), min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(_PARAGRAPHS, st.sampled_from(["final", "budget"]))
def test_any_text_gives_sourced_records_or_none(paragraphs, kind):
    doc = Document(blocks=[Paragraph(text=t, page=1) for t in paragraphs], format=Format.PDF)
    identity = Identity(fiscal_year=Evidence(2020, "title"), kind=Evidence(kind, "title"))
    for record in [*extract_facts(doc, identity), *extract_narrative_lines(doc, identity)]:
        assert record.source.block is not None and record.source.page == 1
        if record.printed_value is not None:
            assert fold_digits(record.printed_value) in fold_digits(record.source.text)


def test_reception_detail_and_gap_to_budget():
    facts = _facts("3.公务接待费0.3万元，完成预算30%。公务接待费支出决算比2019年减少0.2万元，下降40%。其中：国内公务接待支出0.3万元。"
                   "国内公务接待3批次，20人次（不包括陪同人员）。外事接待支出0万元，外事接待0批次，0人。",
                   "2020年度本部门“三公”经费支出共计5.98万元，较年初预算减少1.52万元，下降20.27%。")
    reception = _one(facts, "three_public.reception")
    assert (reception.value, reception.change, reception.change_pct, reception.completion_pct) == (D("0.3"), D("-0.2"), D(-40), D(30))
    assert (_one(facts, "three_public.reception_batches").value, _one(facts, "three_public.reception_people").value) == (3, 20)
    assert _one(facts, "three_public.reception_batches", "外事接待").value == 0
    assert _one(facts, "three_public.reception_people", "外事接待").value == 0
    total = _one(facts, "three_public.total")  # the gap to the budget is no year-on-year change
    assert (total.value, total.change, total.change_pct) == (D("5.98"), None, None)


def test_respectively_lists():
    facts = _facts("2020年基本支出、项目支出分别为706.02万元、144.16万元，分别占83.04%、16.96%。",
                   "因公出国（境）费、公务用车购置及运行维护费和公务接待费分别为0万元、0.5万元和0万元。")
    basic, project = _one(facts, "expenditure.basic"), _one(facts, "expenditure.project")
    assert (basic.value, basic.share_pct, project.value, project.share_pct) == (D("706.02"), D("83.04"), D("144.16"), D("16.96"))
    assert [_one(facts, m).value for m in ("three_public.outbound", "three_public.vehicle", "three_public.reception")] == [
        D(0), D("0.5"), D(0)]


def test_share_of_the_budget_is_completion():
    f = _one(_facts("2020年一般公共预算财政拨款支出850.18万元，占年初预算的98.5%。"), "general_budget.expenditure")
    assert (f.completion_pct, f.share_pct) == (D("98.5"), None)


def test_level_with_the_budget_is_no_change():
    facts = _facts("机关运行经费支出20万元，比2019年减少1万元。", "“三公”经费支出决算5万元，与年初预算持平。")
    assert _one(facts, "three_public.total").change is None
    assert _one(facts, "operating_costs").change == D(-1)


def test_visitors_are_not_official_reception():
    facts = _facts("全年接待来访群众1200人次，组织培训班3期。", "国内公务接待批次5批次，接待人次40人次。")
    assert [(f.metric, f.value) for f in facts] == [
        ("three_public.reception_batches", D(5)), ("three_public.reception_people", D(40))]


def test_equipment_bought_in_the_year_apart_from_the_holdings():
    facts = _facts("（五）国有资产占用使用及新增资产配置情况：截至2024年12月底，本单位共有公务用车102辆；单位价值50万元以上设备8台，其中，单位价值100万元以上设备15台。"
                   "2025年拟新增配置公务用车6辆；新增配备单位价值50万元以上设备0台，其中，单位价值100万元以上设备3台。")
    assert _one(facts, "assets.equipment_over_50w").value == 8
    assert _one(facts, "assets.equipment_over_1m").value == 15
    assert _one(facts, "assets.equipment_over_50w_bought").value == 0
    assert _one(facts, "assets.equipment_over_1m_bought").value == 3


def test_a_rate_per_year_is_not_an_amount():
    facts = _facts("增加每名辅警人员经费控制在11.05万元/年内，若有调整，以最新批复为准。")
    assert [f for f in facts if f.metric == "basic.personnel"] == []


def test_other_fixed_assets_are_not_the_fixed_assets():
    facts = _facts("截止2022年12月31日，本部门流动资产448.82万元。固定资产3149.52万元，其中：房屋14609.83平方米；"
                   "车辆7辆；其他固定资产0万元。")
    assert _one(facts, "assets.fixed_assets").value == D("3149.52")


def test_a_later_share_in_the_sentence_is_another_subjects():
    facts = _facts("政府采购授予中小企业合同金额24,498.01万元，占政府采购支出合同总额的9%，其中：授予小微企业合同金额"
                   "7,086.06万元，占授予中小企业合同金额的28.93%；服务采购授予中小企业合同金额占政府采购服务支出合同的20.02%。")
    assert _one(facts, "procurement.small_micro").share_pct == D("28.93")


def test_government_fund_appropriation_of_the_year():
    facts = _facts("2026年政府性基金预算当年拨款7,600.00万元，比上年执行数增加66.99万元，增长0.9%。")
    assert _one(facts, "gov_fund.expenditure").value == D("7600.00")


def test_stated_nils_in_every_wording():
    """A negation word and the figures it denies, each a whole name: value 0, no printed figure."""
    cases = {
        "本部门无政府性基金预算收支。": {"income.gov_fund", "gov_fund.expenditure"},
        "本部门2020年未安排政府性基金预算支出。": {"gov_fund.expenditure"},
        "本年度无财政拨款因公出国（境）费支出。": {"three_public.outbound"},  # 卫生健康委 2022 决算 p21
        "本年度未发生公务接待费。": {"three_public.reception"},
        "本部门不涉及国有资本经营预算收支。": {"income.state_capital", "state_capital.expenditure"},
        "本部门2020年无会议费、培训费支出。": {"meetings", "training"},
        "注：本单位2020年度没有委托业务费预算。": {"commissioned_services"},  # 福州巡特警 2026 p31
        "因公出国（境）费、公务接待费均为0。": {"three_public.outbound", "three_public.reception"},
        "公务接待费为零。": {"three_public.reception"},
        "公务接待费：无此项支出。": {"three_public.reception"},
        "我部门没有下属单位，按照部门决算编报要求，单独编制本部门决算。": {"org.units"},  # 佛山 2019 p4
    }
    for text, metrics in cases.items():
        facts = _facts(text)
        assert {f.metric for f in facts} == metrics, text
        assert all(f.value == 0 and f.printed_value is None for f in facts), text


def test_a_nil_under_a_heading_is_the_heading_figure():
    facts = _facts("（一）因公出国（境）费", "无此项支出。")
    assert [(f.metric, f.value) for f in facts] == [("three_public.outbound", 0)]


def test_nil_purchases_are_counts():
    """国家信访局 2026 p26; 烟台市退役军人事务局 2026 p31 (大型设备)."""
    facts = _facts("2026年部门预算未安排购置车辆和单位价值100万元以上设备。",
                   "2026年预算未安排购置单位价值50万元以上大型设备。", kind="budget")
    assert sorted((f.metric, f.value, f.unit) for f in facts) == [
        ("assets.equipment_over_1m_bought", 0, "台（套）"), ("assets.equipment_over_50w_bought", 0, "台（套）"),
        ("three_public.vehicles_bought", 0, "辆")]


def test_words_that_deny_something_else_state_no_nil():
    for text in ("本年度无三公经费超支现象。", "主要原因是本年度无公务接待费。", "如无公务接待费，则不填。",
                 "本部门无形资产10万元。", "未发生因血液供应影响急危重症病人医疗救治的现象。",
                 "严禁无预算、超预算安排公务接待费。", "本部门无单位。", "全年未新增人员编制。"):
        facts = _facts(text)
        assert not [f for f in facts if f.value == 0 and f.printed_value is None], text


def test_counts_printed_before_their_label():
    facts = _facts("因公出国（境）费5万元，共3个团组，12人次。", "共接待3个来访团组，20人次。",
                   "公务用车购置费30万元，购置3辆公务用车。", "重庆市水利局下属12个二级预算单位，分别是甲、乙。",
                   "全年因公出国（境）2批次8人次。")
    got = sorted((f.metric, f.value, f.unit) for f in facts if f.unit != "万元")
    assert got == [("org.units", 12, "个"),
                   ("three_public.outbound_groups", 2, "批次"), ("three_public.outbound_groups", 3, "个"),
                   ("three_public.outbound_people", 8, "人次"), ("three_public.outbound_people", 12, "人次"),
                   ("three_public.reception_batches", 3, "个"), ("three_public.reception_people", 20, "人次"),
                   ("three_public.vehicles_bought", 3, "辆")]


def test_a_count_before_words_that_are_no_label_is_nothing():
    """"用于12辆公务用车的燃料费" is no fleet; "机关及下属1个单位共接待…" counts no units (佛山 2019 p27)."""
    facts = _facts("公务用车运行维护费10万元，主要用于12辆公务用车的燃料费、维修费等。",
                   "局机关及下属1个单位共接待国外来访团组0个，来访外宾0人次。")
    assert not [f for f in facts if f.metric in ("three_public.vehicle_fleet", "org.units")]


def test_budget_basis_follows_the_completion_rate():
    """年初预算 and 调整预算 both stated: ``budget_value`` is the budget the completion rate is
    stated against (so value / budget_value is the rate); without a rate, the year-start one."""
    head = "“三公”经费财政拨款支出年初预算为10万元，调整预算为12万元，支出决算为9万元"
    cases = {"，完成调整预算的75%。": (D(12), D(75)), "，完成年初预算的90%。": (D(10), D(90)),
             "，完成预算的75%。": (D(12), D(75)),  # a bare 预算: the budget the rate is computed from
             "。": (D(10), None)}
    for tail, expected in cases.items():
        f = _one(_facts(head + tail), "three_public.total")
        assert (f.value, f.budget_value, f.completion_pct) == (D(9), *expected), tail


def test_a_gap_to_the_budget_is_no_change():
    """"比年初预算减少" / "较调整预算减少" / "决算数小于预算数" compare with the budget: neither
    the gap nor its percent is a change from last year; the year-on-year comparison after it is."""
    f = _one(_facts("2020年度支出决算850.18万元，比年初预算增加50.18万元，增长6.27%，比上年增加20万元，增长2.4%。"),
             "expenditure.total")
    assert (f.change, f.change_pct) == (D(20), D("2.4"))
    g = _one(_facts("机关运行经费支出50万元，较调整预算减少2万元，下降3.85%。"), "operating_costs")
    assert (g.change, g.change_pct, g.budget_value) == (None, None, None)
    h = _one(_facts("公务接待费支出决算3万元，为调整预算的75%，决算数小于预算数的主要原因是厉行节约。"),
             "three_public.reception")
    assert (h.change, h.completion_pct) == (None, D(75))


def test_summary_totals_named_by_both_sides():
    """西安市卫生健康委员会 2022 决算 p9-10: "收入总计、支出总计均为…，与上年相比收入总计、支出总计均增加…"."""
    facts = _facts("2022年度收入总计、支出总计均为2,480,372.7万元，与上年相比收入总计、支出总计均增加789,183.4万元，"
                   "增长46.66%，增长的主要原因是：人员增加。",
                   "2022年度财政拨款收入总计、支出总计均为864,177.93万元，与上年相比收入总计、支出总计均增加337,874.84万元，"
                   "增长64.2%。")
    assert _q(_one(facts, "income_expenditure.grand_total")) == (D("2480372.7"), D("789183.4"), D("46.66"))
    assert _q(_one(facts, "appropriation.grand_total")) == (D("864177.93"), D("337874.84"), D("64.2"))


def test_a_sentence_opening_with_a_bare_measure_and_a_comparison_continues():
    """西安卫健 2022 p22: "…机关运行经费预算627.62万元，支出决算627.62万元，完成预算的100%。支出决算比上年增加
    113.37万元" — the change is 机关运行经费's, not the department's 支出决算."""
    facts = _facts("2022年度机关运行经费预算627.62万元，支出决算627.62万元，完成预算的100%。支出决算比上年增加113.37万元，"
                   "主要原因是：拍摄警示教育片。")
    f = _one(facts, "operating_costs")
    assert (f.value, f.budget_value, f.completion_pct, f.change) == (D("627.62"), D("627.62"), D(100), D("113.37"))
    assert not [g for g in facts if g.metric == "expenditure.total"]


def test_a_breakdown_sentence_keeps_the_subject_of_the_sentence_before():
    """太原市发展和改革委员会 2016 决算 (.doc): "全年政府采购金额452.42万元。其中货物117.97万元、服务334.45万元。"."""
    facts = _facts("1、全年政府采购金额452.42万元。其中货物117.97万元、服务334.45万元。机关运行费用399.94万元。国有资产车辆合计20辆。",
                   "2020年民生支出100万元。其中工程50万元。")
    got = {(f.metric, f.value) for f in facts}
    assert got == {("procurement.total", D("452.42")), ("procurement.goods", D("117.97")),
                   ("procurement.services", D("334.45")), ("operating_costs", D("399.94")), ("assets.vehicles", 20)}


def test_targets_coverage_money_listed_by_fund_is_no_fund_total():
    """西安市发展和改革委员会 2019 p22: the 0元 of 政府性基金 is covered money, not gov_fund.expenditure."""
    facts = _facts("2019年本部门实现了绩效目标管理全覆盖，涉及一般公共预算当年拨款203091.65万元，政府性基金预算当年拨款0元。",
                   kind="budget")
    assert [(f.metric, f.value) for f in facts] == [("performance.targets_set_amount", D("203091.65"))]


def test_long_project_names_in_self_evaluations():
    """西安卫健 2022 p41, p54, p142: names over 40 characters, "项目（设备购置）", "专项资金"."""
    facts = _facts("87.西安市第一医院西安市第一医院迁建项目（设备购置）绩效自评综述：全年预算数7614.74万元，执行数7614.74万元，完成预算的100%。",
                   "1.卫生健康事业发展专项资金绩效自评综述：全年预算数52110万元，执行数51552.9万元，完成预算的98.93%。")
    got = {(f.metric, f.subject, f.value) for f in facts}
    assert ("project.executed", "西安市第一医院西安市第一医院迁建项目（设备购置）", D("7614.74")) in got
    assert ("project.completion_pct", "卫生健康事业发展专项资金", D("98.93")) in got
    assert not [f for f in facts if not f.metric.startswith("project.")]


def test_the_project_count_of_a_targets_sentence():
    """杭州市公安局 2026 p14; 烟台市退役军人事务局 2026 p31: the count and money under 绩效目标管理."""
    facts = _facts("2026年本部门其他运转类项目和特定目标类项目均实行绩效目标管理，共计33个一级项目，涉及资金106,512.00万元。",
                   "2026年政策和项目全面实施绩效目标管理，涉及一级预算项目15个，预算资金4278万元，其中财政拨款1935万元。",
                   "2026年全面实施绩效目标管理，委托3个第三方机构开展评价。", kind="budget")
    got = [(f.metric, f.value) for f in facts]
    assert got == [("performance.targets_set", 33), ("performance.targets_set_amount", D("106512.00")),
                   ("performance.targets_set", 15), ("performance.targets_set_amount", D("4278"))]


def test_the_money_of_a_performance_count_is_no_budget():
    """西安卫健 2022 决算 p23: "…82个一级项目的绩效自评结果，涉及预算资金597650.29万元，占…65.9%" — the money is the
    count's (not a 年初预算 waiting for its 决算), and the share is the money's, not the count's."""
    facts = _facts("本部门在部门决算中反映核酸检测费用等82个一级项目的绩效自评结果，涉及预算资金597650.29万元，"
                   "占部门预算项目支出总额的65.9%。")
    count = _one(facts, "performance.self_evaluated")
    money = _one(facts, "performance.self_evaluated_amount")
    assert (count.value, count.share_pct, money.value, money.share_pct) == (82, None, D("597650.29"), D("65.9"))


def test_prior_value_in_brackets_after_last_year():
    f = _one(_facts("机关运行经费支出50万元，比上年（45万元）增加5万元。"), "operating_costs")
    assert (f.prior_value, f.prior_year, f.change) == (D(45), 2019, D(5))


def test_a_unit_stating_its_income_and_spending_with_wei():
    facts = _facts("2020年度，本单位收入为2468.13万元，其中：财政拨款收入2301.50万元，占93.25%。",
                   "2020年度，本单位支出为2590.72万元。其中：基本支出1370.24万元，占52.89%。")
    assert _one(facts, "income.total").value == D("2468.13")
    assert _one(facts, "expenditure.total").value == D("2590.72")
    assert _one(facts, "income.fiscal").share_pct == D("93.25")


def test_either_sides_grand_total_is_the_summarys_grand_total():
    facts = _facts("2020年度收入总计612.40万元，其中：本年收入合计611.90万元，年初结转和结余0.50万元。")
    assert _one(facts, "income_expenditure.grand_total").value == D("612.40")
    assert _one(facts, "income.total").value == D("611.90")


def test_the_general_budgets_total_is_not_all_appropriations():
    facts = _facts("2020年度，本单位一般公共预算财政拨款支出总计1523.06万元，与上年相比减少41.20万元，降低2.63%。")
    f = _one(facts, "general_budget.expenditure")
    assert _q(f) == (D("1523.06"), D("-41.20"), D("-2.63"))
    assert not [x for x in facts if x.metric == "appropriation.expenditure"]


def test_procurement_split_by_fund_is_no_budget_figure_and_services_by_type():
    facts = _facts("2020年政府采购预算26000元。",
                   "按政府采购资金类型划分，一般公共预算拨款26000元，财政专户管理的资金安排0元，上年结转结余资金安排0元。",
                   "其中：货物类采购16000元，占政府采购预算61.5%；工程类采购0元，占政府采购预算0%；"
                   "服务类采购10000元，占政府采购预算38.5%。")
    assert _one(facts, "procurement.total").value == D("2.6")
    assert (_one(facts, "procurement.services").value, _one(facts, "procurement.services").share_pct) == (
        D("1"), D("38.5"))
    assert not [x for x in facts if x.metric in ("general_budget.expenditure", "income.special_account",
                                                 "income.carryover")]


def test_budget_basis_is_the_budget_the_wording_names():
    """西安市卫生健康委员会 2022 决算 (`卫生健康委员会_2026年部门预算.pdf` p11): "年初预算…完成年初预算的212.65%"
    → 年初预算; a rate "为调整预算的X%" → 调整预算; a bare "预算…完成预算的99%" (p21) names none."""
    f = _one(_facts("2022年度一般公共预算财政拨款支出年初预算139,217.01万元，支出决算296,047.75万元，"
                    "完成年初预算的212.65%，占本年支出合计的14.27%。"), "general_budget.expenditure")
    assert (f.value, f.budget_value, f.budget_basis, f.completion_pct, f.share_pct) == (
        D("296047.75"), D("139217.01"), "年初预算", D("212.65"), D("14.27"))
    g = _one(_facts("2020年一般公共预算财政拨款支出850.18万元，为调整预算的98.5%。"), "general_budget.expenditure")
    assert (g.budget_value, g.budget_basis, g.completion_pct) == (None, "调整预算", D("98.5"))
    h = _one(_facts("2022年度财政拨款安排“三公”经费支出预算593.46万元，支出决算587.55万元，完成预算的99%。"),
             "three_public.total")
    assert (h.budget_value, h.budget_basis, h.completion_pct) == (D("593.46"), None, D("99"))
    head = "“三公”经费财政拨款支出年初预算为10万元，调整预算为12万元，支出决算为9万元"
    cases = {"，完成调整预算的75%。": "调整预算", "，完成年初预算的90%。": "年初预算",
             "，完成预算的75%。": "调整预算",  # the budget the rate is computed from
             "。": "年初预算"}
    for tail, basis in cases.items():
        assert _one(_facts(head + tail), "three_public.total").budget_basis == basis, tail
    # a figure with no budget wording has no basis
    assert _one(_facts("机关运行经费支出50万元，比上年增加2万元。"), "operating_costs").budget_basis is None


def test_budget_gap_as_stated():
    """西安卫健 2022 决算 p21: "公务接待费预算1.86万元，支出决算0.11万元，完成预算的5.91%，决算数较预算数减少
    1.75万元" → gap −1.75 (no change); "决算数大于预算数X万元" → +X; a gap only on its own figure."""
    f = _one(_facts("2022年度财政拨款安排公务接待费预算1.86万元，支出决算0.11万元，完成预算的5.91%，决算数较预算数"
                    "减少1.75万元，主要原因是：疫情影响各地异地公务活动减少，接待活动减少。"), "three_public.reception")
    assert (f.value, f.budget_value, f.completion_pct, f.budget_gap, f.change) == (
        D("0.11"), D("1.86"), D("5.91"), D("-1.75"), None)
    g = _one(_facts("“三公”经费支出决算12.5万元，决算数大于预算数12.5万元。"), "three_public.total")
    assert (g.budget_gap, g.change) == (D("12.5"), None)
    h = _one(_facts("2020年度支出决算850.18万元，比年初预算增加50.18万元，增长6.27%，比上年增加20万元，增长2.4%。"),
             "expenditure.total")
    assert (h.budget_gap, h.budget_basis, h.change, h.change_pct) == (D("50.18"), "年初预算", D(20), D("2.4"))
    facts = _facts("机关运行经费支出50万元，较调整预算减少2万元；培训费支出3万元，比上年增加1万元。")
    assert _one(facts, "operating_costs").budget_gap == D(-2)
    assert (_one(facts, "training").budget_gap, _one(facts, "training").change) == (None, D(1))
    # a budget document's "较年初预算" is no 决算 − 预算
    assert _one(_facts("机关运行经费预算50万元，较年初预算减少2万元。", kind="budget"), "operating_costs").budget_gap is None


def test_economic_classes_stated_in_prose():
    """西安市发展和改革委员会 2019 (`发展和改革局_2026年部门预算.pdf` p25): each 类 of the economic
    classification with its printed code and its own change; 政府预算支出经济分类 (5xx) by the printed
    code; a name printed without a code gets the code table's (深圳 2026 p6); a 款 name is no 类."""
    facts = _facts("2019年本部门一般公共预算支出203091.65万元，其中：工资福利支出（301）3395.2万元，较上年增加1389.05万元，"
                   "原因主要是调资和增加一家预算单位导致。商品和服务支出（302）5186.33万元，较上年增加3067.6万元，"
                   "原因主要是新增一个预算单位工作任务。对个人和家庭的补助支出（303）50.12万元，较上年减少22.66万元，"
                   "原因主要是离休人员自然减少及退休人员取暖费改为统筹。资本性支出（基本建设）（309）75000万元，"
                   "较上年增加28000万元，原因主要是基本建设项目需求。", kind="budget")
    got = {f.metric: (f.value, f.change) for f in facts if f.metric.startswith("economic.")}
    assert got == {"economic.301": (D("3395.2"), D("1389.05")), "economic.302": (D("5186.33"), D("3067.6")),
                   "economic.303": (D("50.12"), D("-22.66")), "economic.309": (D(75000), D(28000))}
    assert _one(facts, "general_budget.expenditure").change is None
    gov = _facts("2019年本部门一般公共预算支出203091.65万元，其中：机关工资福利支出（501）2329.23万元；机关商品和服务支"
                 "出（502）2497.39万元；机关资本性支出（二）（504）75000万元；对个人和家庭的补助（509）50.12万元。",
                 kind="budget")
    assert {f.metric: f.value for f in gov if f.metric.startswith("economic.")} == {
        "economic.501": D("2329.23"), "economic.502": D("2497.39"), "economic.504": D(75000), "economic.509": D("50.12")}
    assert all(f.change is None for f in gov)  # "与上年不行成对比": no comparison stated
    sz = _facts("深圳市公安局交通管理局（本级）预算254,403.68万元，包括在职人员经费126,883.76万元、公用经费21,169.43万元、"
                "对个人和家庭的补助支出4,587.46万元、增人增资1,000.00万元、项目支出100,763.03万元。", kind="budget")
    assert _one(sz, "economic.303").value == D("4587.46")
    assert not [f for f in _facts("其他工资福利支出5万元。") if f.metric.startswith("economic.")]


def test_state_assets_stated_in_prose():
    """万里街道 2023 预算 (`上海市普陀区人民政府万里街道办事处2023年部门预算.pdf` p29): each balance-sheet item
    with its money, after the item's count ("在建工程1项12277.73万元"); 其他固定资产 is no fixed-assets total;
    a figure stating no comparison has none."""
    facts = _facts("五、国有资产占有情况截止2022年12月31日，本部门流动资产448.82万元。固定资产3149.52万元，其中：房屋"
                   "14609.83平方米；车辆7辆（一般公务用车3辆，执法执勤用车4辆，特种专业技术用车0辆，其他用车0辆）；"
                   "其他固定资产0万元。长期投资0项0万元。在建工程1项12277.73万元。无形资产471项234.37万元。", kind="budget")
    money = {f.metric: f.value for f in facts if f.unit == "万元"}
    assert money == {"assets.current_assets": D("448.82"), "assets.fixed_assets": D("3149.52"),
                     "assets.long_term_investment": D(0), "assets.construction_in_progress": D("12277.73"),
                     "assets.intangible": D("234.37")}
    assert all(f.change is None and f.share_pct is None for f in facts)
    assert not [f for f in _facts("本部门无形资产购置支出5万元。") if f.metric == "assets.intangible"]
    # "无形资产" after a subject is the item, never a nil of 形资产
    assert [(f.metric, f.value) for f in _facts("截至2025年底，本单位无形资产234.37万元。")] == [
        ("assets.intangible", D("234.37"))]


def test_a_nil_worded_as_not_budgeted():
    """杭州市公安局 2026 p11: "本部门年初不编制因公出国（境）费用预算" is a stated nil (value 0, its text,
    no comparison); the next item keeps its own 持平. "不单独编制会议费预算" likewise; "不编制预算的项目"
    names no figure."""
    facts = _facts("1.因公出国（境）费用：根据市本级因公出国（境）费用预算管理模式，本部门年初不编制因公出国（境）费用预算，"
                   "年度执行中，根据实际工作需要和因公出国（境）计划审批情况，相应调增因公出国（境）费用预算。"
                   "2.公务接待费：2026年安排公务接待费预算100.93万元，与上年预算数持平。", kind="budget")
    out = _one(facts, "three_public.outbound")
    assert (out.value, out.printed_value, out.change, out.change_pct) == (D(0), None, None, None)
    assert "年初不编制因公出国（境）费用预算" in out.source.text
    assert (_one(facts, "three_public.reception").value, _one(facts, "three_public.reception").change) == (
        D("100.93"), D(0))
    assert _one(_facts("本单位2026年不单独编制会议费预算。", kind="budget"), "meetings").value == D(0)
    assert _facts("本部门年初不编制预算的项目，执行中追加。", kind="budget") == []
    assert _one(_facts("2026年本部门无长期投资。", kind="budget"), "assets.long_term_investment").value == D(0)


def _paragraph_facts(*paragraphs: str, kind: str = "budget"):
    doc = Document(path="t.txt", format=Format.TXT, blocks=[Paragraph(text=p) for p in paragraphs])
    return extract_facts(doc, Identity(kind=Evidence(kind, "manifest"), fiscal_year=Evidence(2026, "manifest")))


def test_a_numbered_list_of_projects():
    """深圳市公安局交通管理局 2026 p6-8: under "（五）项目支出100,763.03万元，具体包括：" each numbered item is a
    project with its budget (keyed by name, whatever the name ends with); its parts after 主要包括 are not
    projects; the list ends at the first paragraph that is no item."""
    facts = _paragraph_facts(
        "（五）项目支出100,763.03万元，具体包括：",
        "1.交通管理装(设)备业务5,738.17万元,主要包括外场设施设备维护4,054.85万元，用于道路交通监控设施设备运维；"
        "第三方服务1,101.26万元，用于外场设施设备运维配套第三方服务等相关工作。",
        "2.预算准备金945.03万元,主要用于年度预算执行中临时增加工作所需开支。",
        "6.上级下达资金（通用项目）430.00万元，主要用于交管执法科技装备购置。",
        "第四部分 政府采购预算情况",
        "1.综合管理42,312.35万元,主要用于保障警务辅助类临聘人员相关支出。")
    projects = [(f.subject, f.value) for f in facts if f.metric == "project.budget"]
    assert projects == [("交通管理装(设)备业务", D("5738.17")), ("预算准备金", D("945.03")),
                        ("上级下达资金（通用项目）", D("430.00"))]
    assert _one(facts, "expenditure.project").value == D("100763.03")


def test_a_numbered_project_outside_a_list():
    """深圳 2026 p8 "8.区财政安排项目34,798.15万元,主要用于…": a name ending in 项目 is a project even with no
    list heading; not in a 决算 (there the figure would be spending), and not a stated figure's label."""
    text = "8.区财政安排项目34,798.15万元,主要用于各区财政部门安排的项目经费，用于深圳市各区道路交通安全保障工作。"
    assert [(f.subject, f.value) for f in _paragraph_facts(text) if f.metric == "project.budget"] == [
        ("区财政安排项目", D("34798.15"))]
    assert not [f for f in _paragraph_facts(text, kind="final") if f.metric.startswith("project.")]
    other = _paragraph_facts("（五）项目支出100万元，具体包括：", "1.因公出国（境）费用20万元，主要用于出访。")
    assert [(f.metric, f.subject) for f in other] == [("expenditure.project", None), ("three_public.outbound", None)]


def test_centralised_and_decentralised_procurement_with_their_own_qualifiers():
    facts = _facts("2020年政府采购预算5218340.50元，同比增加1203400.50元，增长29.97%。其中：政府集中采购预算"
                   "2841000元，占政府采购预算的54.44%，同比增加910200元，增长47.14%；分散采购2377340.50元，"
                   "占政府采购预算的45.56%，同比增加293200.50元，增长14.07%。", kind="budget")
    total = _one(facts, "procurement.total")
    assert _q(total) == (D("521.834050"), D("120.340050"), D("29.97"))
    central = _one(facts, "procurement.centralized")
    assert (central.value, central.share_pct, central.change_pct) == (D("284.1"), D("54.44"), D("47.14"))
    assert _one(facts, "procurement.decentralized").change == D("29.320050")


def test_subordinate_units_running_costs_are_not_the_departments():
    facts = _facts("另外，本局下属共有4个事业单位，事业运行经费总预算安排2731840.20元，其中：基本支出预算"
                   "612330.20元，项目支出预算2119510元，同比增加801200元，增长41.5%。", kind="budget")
    assert [f.metric for f in facts if f.metric in ("operating_costs", "expenditure.basic",
                                                    "expenditure.project")] == []


def test_a_department_counting_its_units_in_keeps_its_totals():
    facts = _facts("本部门（含下属单位）2020年支出预算1200.50万元，其中：基本支出800.50万元，项目支出400万元。",
                   kind="budget")
    assert _one(facts, "expenditure.basic").value == D("800.50")


# -- wording survey (issue 12): provinces outside the corpus -------------------------------


def test_each_list_naming_both_sides_of_the_total_reads_each_side():
    # Sichuan's "收、支总计各是A,B万元 … 各减少C,D万元，各下降P%、Q%": 收 and 支 are the two sides of the
    # 总计; with two different figures each side's own 总计 (was: nothing read, issue 12 survey 1)
    facts = _facts("2023年度收、支总计各是2210.35,2198.06万元。与2022年相比，收、支总计各增加105.20,98.40万元，"
                   "各增长5.00%、4.69%。主要变动原因是项目收入增加。")
    income, expenditure = _one(facts, "income.grand_total"), _one(facts, "expenditure.grand_total")
    assert (_q(income), income.prior_year) == ((D("2210.35"), D("105.20"), D("5.00")), 2022)
    assert (_q(expenditure), expenditure.prior_year) == ((D("2198.06"), D("98.40"), D("4.69")), 2022)
    assert not [f for f in facts if f.metric == "income_expenditure.grand_total"]


def test_each_list_with_one_unit_pairs_whole_names_in_order():
    facts = _facts("2023年度基本支出、项目支出各为612.30、188.05万元。")
    assert _one(facts, "expenditure.basic").value == D("612.30")
    assert _one(facts, "expenditure.project").value == D("188.05")


def test_each_with_one_figure_is_the_figure_of_both_names():
    facts = _facts("2023年度收入总计、支出总计各为733.10万元。与2022年相比，收入总计、支出总计各减少12.40万元，下降1.66%。")
    total = _one(facts, "income_expenditure.grand_total")
    assert _q(total) == (D("733.10"), D("-12.40"), D("-1.66"))


def test_bare_wan_with_two_decimals_is_wan_yuan():
    # Guangxi: "经营收入0.00万，为事业单位…。较2022年度决算数增加0.00万元，增长0%"
    facts = _facts("3.经营收入12.40万，为事业单位在专业业务活动之外取得的收入。较2019年度决算数增加1.10万元，增长9.7%。")
    f = _one(facts, "income.operating")
    assert (f.value, f.printed_unit, f.change, f.change_pct) == (D("12.40"), "万", D("1.10"), D("9.7"))


def test_bare_wan_without_money_decimals_is_not_an_amount():
    facts = _facts("全年服务群众1.2万，接待来访3万，事业收入5万，占10%。")
    assert not [f for f in facts if f.unit == "万元"]


def test_outbound_travel_named_without_jing():
    # Guangxi: "因公出国支出决算比预算无增减变化" — 因公出国 without （境） is still the 三公 item
    facts = _facts("因公出国费支出决算4.20万元，比上年减少1.10万元，下降20.75%。")
    assert _q(_one(facts, "three_public.outbound")) == (D("4.20"), D("-1.10"), D("-20.75"))
    facts = _facts("其中，因公出国支出决算3.50万元。")
    assert _one(facts, "three_public.outbound").value == D("3.50")
    assert not [f for f in facts if f.metric == "expenditure.total"]


def test_economic_class_worded_as_its_budget_is_the_class():
    # Guangxi budgets: "工资福利支出预算X元，占基本支出预算Y%，同比增加…" was read as expenditure.total
    facts = _facts("其中：工资福利支出预算1503200.50元，占基本支出预算78.20%，同比增加21300.00元，增长1.44%。",
                   kind="budget")
    f = _one(facts, "economic.301", "基本支出")
    assert (f.value, f.share_pct, f.change, f.change_pct) == (D("150.32005"), D("78.20"), D("2.13"), D("1.44"))
    assert not [f for f in facts if f.metric == "expenditure.total"]


def test_economic_class_whose_share_is_of_project_spending_is_the_projects():
    facts = _facts("2.项目支出520000元，占一般公共预算支出的21.30%。其中：商品和服务支出418000元，占项目支出预算80.38%，"
                   "同比增加30000元，增长7.73%。", kind="budget")
    f = _one(facts, "economic.302", "项目支出")
    assert (f.value, f.share_pct, f.change) == (D("41.8"), D("80.38"), D("3"))
    assert not [f for f in facts if f.metric == "economic.302" and f.subject is None]
    # a class listed without such a share keeps the department's scope
    assert _one(_facts("其中：工资福利支出（301）3395.2万元，较上年增加1389.05万元。"), "economic.301").value == D("3395.2")


def test_change_from_an_earlier_sentence_skips_the_prior_years_figure():
    # Inner Mongolia budgets: the 2021 决算 figures stated after the 2022 budget ones; the change
    # "2022年度…预算较2021年度增加" is the 2022 figure's, never the 2021 figure's
    doc = Document(blocks=[Paragraph(text=t, page=3) for t in (
        "2022年度“三公”经费预算总计30.50万元，其中：公务接待14.20万元，公务用车运行费用16.30万元。",
        "2021年度“三公”经费合计支出27.10万元，其中：公务接待15.00万元，公务用车运行费用12.10万元。",
        "2022年度“三公”经费预算较2021年度增加3.40万元，其中公务接待较上年同期减少0.80万元，减少5.33%。",
    )], format=Format.TXT)
    identity = Identity(fiscal_year=Evidence(2022, "title"), kind=Evidence("budget", "title"))
    facts = extract_facts(doc, identity)
    by = {(f.metric, f.year): f for f in facts}
    assert by[("three_public.total", 2022)].change == D("3.40")
    assert _q(by[("three_public.reception", 2022)]) == (D("14.20"), D("-0.80"), D("-5.33"))
    assert by[("three_public.total", 2021)].change is None
    assert by[("three_public.reception", 2021)].change is None


def test_tongbi_without_change_is_no_change():
    # Guangxi budgets: "项目支出预算48100元，占支出总预算的4.43%，同比无增减变化"
    f = _one(_facts("项目支出预算62300元，占支出总预算的5.10%，同比无增减变化。", kind="budget"), "expenditure.project")
    assert (f.value, f.share_pct, f.change, f.change_pct) == (D("6.23"), D("5.10"), D("0"), D("0"))
    f = _one(_facts("2024年“三公”经费支出预算0元，同比无变化。", kind="budget"), "three_public.total")
    assert (f.value, f.change) == (D("0"), D("0"))


def test_reception_batches_counted_in_ge():
    # Hunan: "国内公务接待批次为520个，接待人次为4200人"
    facts = _facts("公务用车保有量为3辆，国内公务接待批次为215个，接待人次为1630人。")
    assert _one(facts, "three_public.reception_batches").value == D("215")
    assert _one(facts, "three_public.reception_people").value == D("1630")
    assert _one(facts, "three_public.vehicle_fleet").value == D("3")


def test_zong_shouru_with_this_years_part_is_the_grand_total():
    # Guangxi: "(一)本单位2023年度总收入X万元,其中本年收入Y万元,较2022年度决算数增加…"
    facts = _facts("(一)本单位2020年度总收入236.40万元，其中本年收入221.75万元，较2019年度决算数增加12.30万元，增长5.9%。")
    assert _one(facts, "income_expenditure.grand_total").value == D("236.40")
    assert _one(facts, "income_expenditure.grand_total").change is None
    assert _q(_one(facts, "income.total")) == (D("221.75"), D("12.30"), D("5.9"))
    # without the year's part, 总支出 names no figure of this dictionary
    assert not _facts("本单位2020年度总支出236.40万元，主要用于日常运转。")


def test_comparison_with_the_report_years_own_budget_is_a_gap_not_a_change():
    # Anhui: "公务接待费支出2.14万元，与2021年度预算相比，增加1.14万元" in the 2021 决算
    f = _one(_facts("2.公务接待费支出3.60万元，与2020年度预算相比，增加0.80万元，增长28.57%，原因是新设临时机构。"),
             "three_public.reception")
    assert (f.value, f.budget_gap, f.change, f.change_pct) == (D("3.60"), D("0.80"), None, None)
    f = _one(_facts("因公出国（境）费支出0.50万元，与2020年度预算相比无变化。"), "three_public.outbound")
    assert (f.change, f.change_pct) == (None, None)
    # last year's (决算) figure is still a change; in a budget the prior year's budget is too
    f = _one(_facts("公务接待费支出3.60万元，与2019年度相比，增加0.80万元。"), "three_public.reception")
    assert (f.change, f.budget_gap) == (D("0.80"), None)
    f = _one(_facts("公务接待费预算3.60万元，与2020年度预算相比，增加0.80万元。", kind="budget"), "three_public.reception")
    assert f.change == D("0.80")


def test_people_after_a_bracketed_foreign_part_go_with_the_batches_before_it():
    # Anhui: "国内公务接待共15批次（其中外事接待0批次），105人次（其中外事接待0人次）"
    facts = _facts("2020年国内公务接待共22批次（其中外事接待1批次），164人次（其中外事接待6人次）。")
    assert _one(facts, "three_public.reception_batches").value == D("22")
    assert _one(facts, "three_public.reception_people").value == D("164")
    assert _one(facts, "three_public.reception_batches", "外事接待").value == D("1")
    assert _one(facts, "three_public.reception_people", "外事接待").value == D("6")


def test_the_assets_total_and_its_classes():
    facts = _facts("截至2020年12月31日，资产原值合计3250418.20元，其中：（1）土地、房屋及构筑物1200400元，"
                   "（2）通用设备830018.20元，（3）专用设备420000元。",
                   "截至2020年底，本单位资产总额986.30万元，其中：流动资产210.50万元，固定资产775.80万元。")
    totals = sorted(f.value for f in facts if f.metric == "assets.total")
    assert totals == [D("325.041820"), D("986.30")]
    assert _one(facts, "assets.land_buildings").value == D("120.04")
    assert _one(facts, "assets.general_equipment").value == D("83.001820")
    assert _one(facts, "assets.special_equipment").value == D("42")
    assert _one(facts, "assets.current_assets").value == D("210.50")


def test_equipment_bought_is_no_asset_class():
    facts = _facts("2020年政府采购支出总额56.20万元，其中：政府采购货物支出30.20万元，主要用于购置通用设备20.00万元。")
    assert [f for f in facts if f.metric.startswith("assets.")] == []


def test_count_then_its_change_in_the_same_unit():
    facts = _facts("2020年公务用车购置及运行维护费支出3.00万元，年末公务用车保有量3辆，比上年减少1辆。"
                   "公务接待费支出2.00万元，共接待12批次，较上年增加2批次；接待人次60人次，比上年减少8人次。")
    assert _one(facts, "three_public.vehicle_fleet").change == D(-1)
    assert _one(facts, "three_public.reception_batches").change == D(2)
    assert _one(facts, "three_public.reception_people").change == D(-8)
    assert not [f for f in facts if f.value in (D(1), D(2), D(8)) and f.unit in ("辆", "批次", "人次")]


def test_count_change_naming_its_count_and_never_across_sentences():
    facts = _facts("公务接待费支出2.00万元，接待12批次、60人次，接待人次比上年减少8人次。",
                   "公务用车保有量3辆。比上年减少1辆。")
    assert _one(facts, "three_public.reception_people").change == D(-8)
    assert _one(facts, "three_public.reception_batches").change is None
    assert _one(facts, "three_public.vehicle_fleet").change is None


def test_counts_in_chinese_numerals():
    facts = _facts("公务用车购置及运行维护费支出3.00万元，公务用车保有量三辆，比上年减少一辆。",
                   "公务接待费支出2.00万元，共接待十二批次、六十人次。",
                   "因公出国（境）费支出8.00万元，组织两个团组、五人次出访。")
    fleet = _one(facts, "three_public.vehicle_fleet")
    assert (fleet.value, fleet.printed_value, fleet.change) == (D(3), "三", D(-1))
    assert _one(facts, "three_public.reception_batches").value == D(12)
    assert _one(facts, "three_public.reception_people").value == D(60)
    assert _one(facts, "three_public.outbound_groups").value == D(2)
    assert _one(facts, "three_public.outbound_people").value == D(5)


def test_chinese_numeral_ordinals_and_words_are_not_counts():
    facts = _facts("第三批次公务接待按规定执行，从三个方面压减公务用车开支。")
    assert not [f for f in facts if f.metric.startswith("three_public.")]
