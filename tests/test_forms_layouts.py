"""Performance-form layouts other than the seed's, on grids built in the test.

National 项目支出绩效自评表 (一级指标 merged down its rows, 分值/得分/偏差原因), Sichuan's
自评表 (指标性质 | 指标值 | 度量单位 split), a 部门整体支出绩效自评表, a budget-side
绩效目标申报表 in 元, and a form broken over two pages.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.document import Document, Format, Paragraph, build_table
from extractors.forms import extract_projects, parse_indicator_value
from extractors.forms.values import ParsedValue


def _cells(*texts: str) -> list[tuple[str, int, int]]:
    return [(t, 1, 1) for t in texts]


def _doc(*blocks) -> Document:
    return Document(blocks=list(blocks), format=Format.DOCX)


@pytest.mark.parametrize("text, parsed", [
    ("≥90.00(%)", ParsedValue("≥", Decimal("90.00"), "%")),
    ("=100", ParsedValue("=", Decimal("100"), None)),
    ("﹦100.00(%)", ParsedValue("=", Decimal("100.00"), "%")),
    ("9.5万元", ParsedValue(None, Decimal("9.5"), "万元")),
    ("≤5万元", ParsedValue("≤", Decimal("5"), "万元")),
    ("不低于95%", ParsedValue("≥", Decimal("95"), "%")),
    ("≥50个", ParsedValue("≥", Decimal("50"), "个")),
    ("1,200人次", ParsedValue(None, Decimal("1200"), "人次")),
    ("2020年1月—12月", ParsedValue()),
    ("效果明显", ParsedValue()),
    ("按工作计划全部完成", ParsedValue()),
    ("", ParsedValue()),
])
def test_indicator_values(text, parsed):
    assert parse_indicator_value(text) == parsed


@given(st.text(max_size=30))
def test_indicator_parser_never_raises(text):
    parsed = parse_indicator_value(text)
    assert parsed.value is None or isinstance(parsed.value, Decimal)


def _national_form() -> list[list[tuple[str, int, int]]]:
    return [
        [("项目名称", 1, 1), ("财政信息化运维经费", 1, 8)],
        [("主管部门", 1, 1), ("盐边县财政局", 1, 3), ("实施单位", 1, 1), ("盐边县财政局", 1, 4)],
        [("项目资金（万元）", 5, 1), ("", 1, 2)] + _cells("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
        [("年度资金总额", 1, 2)] + _cells("50", "55", "54.36", "10", "98.84%", "9.88"),
        [("其中：本年财政拨款", 1, 2)] + _cells("50", "55", "54.36", "—", "—", "—"),
        [("上年结转资金", 1, 2)] + _cells("", "", "", "—", "—", "—"),
        [("其他资金", 1, 2)] + _cells("", "", "", "—", "—", "—"),
        [("年度总体目标", 2, 1), ("预期目标", 1, 4), ("实际完成情况", 1, 4)],
        [("保障财政信息系统稳定运行", 1, 4), ("系统全年稳定运行", 1, 4)],
        [("绩效指标", 5, 1)] + _cells("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
                                     "得分", "偏差原因分析及改进措施"),
        [("产出指标", 3, 1)] + _cells("数量指标", "运维系统数量", "≥12个", "12个", "20", "20", ""),
        _cells("质量指标", "系统可用率", "≥99%", "99.5%", "20", "20", ""),
        _cells("成本指标", "运维成本", "≤55万元", "54.36万元", "10", "9", "节约开支"),
        [("满意度指标", 1, 1)] + _cells("服务对象满意度指标", "使用单位满意度", "≥90%", "92%", "10", "10", ""),
        [("总分", 1, 6)] + _cells("100", "96.88", ""),
    ]


def test_national_self_evaluation_form():
    doc = _doc(Paragraph("项目支出绩效自评表"), Paragraph("（2020年度）"), build_table(_national_form()))
    [project] = extract_projects(doc)
    assert (project.form, project.name, project.unit) == ("project_self_eval", "财政信息化运维经费", "盐边县财政局")
    assert (project.budget, project.executed, project.completion_pct) == (
        Decimal("55"), Decimal("54.36"), Decimal("98.84"))
    assert (project.budget_fiscal, project.executed_fiscal) == (Decimal("55"), Decimal("54.36"))
    assert (project.budget_other, project.executed_other) == (None, None)
    assert (project.goal_expected, project.goal_actual) == ("保障财政信息系统稳定运行", "系统全年稳定运行")
    assert project.score == Decimal("96.88")
    got = [(i.level1, i.level2, i.level3) for i in project.indicators]
    assert got == [("产出指标", "数量指标", "运维系统数量"), ("产出指标", "质量指标", "系统可用率"),
                   ("产出指标", "成本指标", "运维成本"), ("满意度指标", "服务对象满意度指标", "使用单位满意度")]
    cost = project.indicators[2]
    assert (cost.target_op, cost.target_value, cost.target_unit) == ("≤", Decimal("55"), "万元")
    assert (cost.actual_op, cost.actual_value, cost.actual_unit) == (None, Decimal("54.36"), "万元")
    assert (cost.weight, cost.score, cost.deviation_reason) == (Decimal("10"), Decimal("9"), "节约开支")
    assert project.indicators[0].deviation_reason is None


def test_sichuan_self_evaluation_with_split_target_columns():
    rows = [
        [("部门预算项目支出绩效自评表（2023年度）", 1, 10)],
        [("项目名称", 1, 2), ("乡村振兴专项", 1, 8)],
        [("预算单位", 1, 2), ("某县农业农村局", 1, 8)],
        [("预算执行情况(10分)", 3, 1)] + _cells("", "年初预算", "调整后预算数", "预算执行数", "预算执行率",
                                              "权重", "得分", "原因", ""),
        _cells("总额", "100", "120", "118", "98.33%", "10", "9.8", "", ""),
        _cells("财政资金", "100", "120", "118", "", "", "", "", ""),
        [("绩效指标(90分)", 3, 1)] + _cells("一级指标", "二级指标", "三级指标", "指标性质", "指标值",
                                           "度量单位", "完成值", "权重", "得分"),
        _cells("产出指标", "数量指标", "培训人数", "≥", "200", "人次", "230", "30", "30"),
        _cells("效益指标", "社会效益指标", "带动增收", "定性", "明显", "", "明显", "30", "28"),
    ]
    [project] = extract_projects(_doc(build_table(rows)))
    assert project.form == "project_self_eval"
    assert (project.budget, project.executed, project.completion_pct) == (
        Decimal("120"), Decimal("118"), Decimal("98.33"))
    assert project.budget_fiscal == Decimal("120")
    first, second = project.indicators
    assert (first.nature, first.target, first.target_op, first.target_value, first.target_unit) == (
        "≥", "200", "≥", Decimal("200"), "人次")
    assert (first.actual_value, first.actual_unit, first.weight, first.score) == (
        Decimal("230"), "人次", Decimal("30"), Decimal("30"))
    assert (second.nature, second.target, second.target_op, second.target_value) == ("定性", "明显", None, None)


def test_budget_target_form_in_yuan():
    rows = [
        [("项目名称", 1, 1), ("城市管理综合执法", 1, 3)],
        [("主管部门", 1, 1), ("上海市普陀区司法局", 1, 3)],
        [("项目资金（元）", 1, 1), ("预算数", 1, 1), ("1,242,900.00", 1, 2)],
        [("年度绩效目标", 1, 1), ("完成普法宣传任务", 1, 3)],
        _cells("一级指标", "二级指标", "三级指标", "年度指标值"),
        _cells("产出指标", "数量指标", "宣传活动场次", "≥20场"),
        _cells("", "质量指标", "活动覆盖率", "=100.00(%)"),
    ]
    doc = _doc(Paragraph("2026年财政项目支出绩效目标申报表"), build_table(rows))
    [project] = extract_projects(doc)
    assert (project.form, project.name, project.unit) == ("project_target", "城市管理综合执法", "上海市普陀区司法局")
    assert project.goal_expected == "完成普法宣传任务"
    assert (project.budget, project.printed_unit, project.executed) == (Decimal("124.29"), "元", None)
    assert [i.level1 for i in project.indicators] == ["产出指标", "产出指标"]  # blank level carried
    assert project.indicators[1].target_op == "=" and project.indicators[1].target_unit == "%"
    assert project.indicators[1].actual is None


@pytest.mark.parametrize("unit_cell, unit, budget, fiscal, other", [
    ("项目资金（万元）", "万元", Decimal("86.50"), Decimal("80.00"), Decimal("6.50")),
    ("项目资金（元）", "元", Decimal("0.865"), Decimal("0.8"), Decimal("0.065")),
])
def test_figures_printed_in_their_labels_cells(unit_cell, unit, budget, fiscal, other):
    figures = {"万元": ("86.50", "80.00", "6.50"), "元": ("8,650", "8,000", "650")}[unit]
    rows = [
        [("项目名称", 1, 1), ("城乡环境整治经费", 1, 3)],
        _cells("主管部门及代码", "邵阳市城市管理局 [201001]", "实施单位", "邵阳市城市管理局"),
        _cells(unit_cell, f"年度资金总额：{figures[0]}", f"其中：财政拨款：{figures[1]}", f"其他资金：{figures[2]}"),
        [("年度绩效目标", 1, 1), ("完成背街小巷整治40条", 1, 3)],
        _cells("一级指标", "二级指标", "三级指标", "指标值"),
        _cells("产出指标", "数量指标", "整治背街小巷数量", "40条"),
    ]
    doc = _doc(Paragraph("2024年度项目支出绩效目标申报表"), build_table(rows))
    [project] = extract_projects(doc)
    assert (project.budget, project.budget_fiscal, project.budget_other) == (budget, fiscal, other)
    assert (project.printed_unit, project.executed) == (unit, None)


def test_department_wide_form_names_the_department():
    rows = [
        [("部门整体支出绩效自评表", 1, 6)],
        [("部门名称", 1, 1), ("盐边县财政局", 1, 5)],
        _cells("一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "得分"),
        _cells("部门管理", "资金投入", "预算执行率", "≥95%", "98.2%", "10"),
    ]
    [project] = extract_projects(_doc(build_table(rows)))
    assert (project.form, project.name) == ("department_self_eval", "盐边县财政局")
    assert project.indicators[0].score == Decimal("10")


def test_form_broken_over_two_pages_keeps_its_rows():
    """The PDF reader leaves a form that breaks over a page as two grids when the page
    foot cuts it; the second grid has no headers and a blank block-label column."""
    rows = _national_form()
    head = rows[:9] + [
        [("绩效指标", 3, 1)] + rows[9][1:],
        [("产出指标", 2, 1)] + rows[10][1:],
        rows[11],
    ]
    tail = [
        _cells("", "", *[c[0] for c in rows[12]]),
        _cells("", *[c[0] for c in rows[13]]),
        rows[14],
    ]
    doc = _doc(Paragraph("项目支出绩效自评表"), build_table(head, page=3), Paragraph("- 3 -"),
               build_table(tail, page=4))
    [project] = extract_projects(doc)
    got = [(i.level1, i.level2, i.level3, i.source.page) for i in project.indicators]
    assert got == [("产出指标", "数量指标", "运维系统数量", 3), ("产出指标", "质量指标", "系统可用率", 3),
                   ("产出指标", "成本指标", "运维成本", 4),
                   ("满意度指标", "服务对象满意度指标", "使用单位满意度", 4)]
    assert project.score == Decimal("96.88")  # the 总分 row is on the second page


def test_tables_that_are_not_forms_are_ignored():
    doc = _doc(Paragraph("支出决算表"), build_table([_cells("科目编码", "科目名称", "合计"),
                                                  _cells("201", "一般公共服务支出", "1.00")]))
    assert extract_projects(doc) == []


def test_chongqing_department_form_with_indicator_names_and_weights():
    rows = [
        [("部门整体支出绩效自评表", 1, 10)],
        [("主管部门", 1, 2), ("某区财政局", 1, 4), ("自评总分", 1, 2), ("92.5", 1, 2)],
        [("部门预算执行情况", 2, 2)] + _cells("年初预算数", "全年(调整)预算数", "全年执行数", "执行率(%)",
                                              "执行率权重", "执行率得分", "", ""),
        _cells("1,000.00", "1,200.00", "1,150.00", "95.83", "10", "9.6", "", ""),
        [("当年绩效目标", 1, 2), ("保障财政运行", 1, 8)],
        _cells("指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数(%)",
               "指标权重(分)", "指标得分(分)", "是否核心指标"),
        _cells("预算执行率", "%", "≥", "95", "95", "95.83", "100", "20", "20", "是"),
    ]
    [project] = extract_projects(_doc(build_table(rows)))
    assert (project.form, project.name, project.unit) == ("department_self_eval", "某区财政局", "某区财政局")
    assert (project.budget, project.executed, project.completion_pct) == (
        Decimal("1200.00"), Decimal("1150.00"), Decimal("95.83"))
    assert project.score == Decimal("92.5")
    assert project.goal_expected == "保障财政运行"
    [indicator] = project.indicators
    assert (indicator.level3, indicator.target, indicator.target_op, indicator.target_value,
            indicator.target_unit) == ("预算执行率", "95", "≥", Decimal("95"), "%")
    assert (indicator.actual_value, indicator.weight, indicator.score) == (
        Decimal("95.83"), Decimal("20"), Decimal("20"))


_FORM_WORDS = ["项目名称", "预算单位", "预算数:", "执行数:", "其中-财政拨款:", "其它资金:", "78", "", "—",
               "预期目标", "实际完成目标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
               "分值", "得分", "产出指标", "数量指标", "≥90%", "9.5万元", "总分", "年初预算数", "全年预算数",
               "全年执行数", "执行率", "年度资金总额", "其他资金"]


@given(st.lists(st.lists(st.sampled_from(_FORM_WORDS), min_size=1, max_size=7), min_size=1, max_size=10))
@settings(max_examples=150, deadline=None)
def test_any_form_like_grid_reads_without_error(rows):
    doc = _doc(Paragraph("项目支出绩效自评表"), build_table([_cells(*row) for row in rows]))
    for project in extract_projects(doc):
        assert project.name and project.source.block == 1
        assert all(i.source.row is not None for i in project.indicators)


def test_target_form_with_long_term_and_annual_blocks_and_figures_in_label_cells():
    """Hunan's 项目绩效目标表: "总额X万元" with no colon, "财政拨款：X万元（其中：…）", numbered
    "三、其他：X万元", then a 长期绩效指标 block and a 年度绩效指标 block, each with its header."""
    rows = [
        [("项目绩效目标表（2022年度）", 1, 5)],
        _cells("项目名称", "村道硬化工程", "项目属性", "延续项目", ""),
        _cells("项目单位", "某镇人民政府", "项目负责人", "李四", ""),
        [("资金总额及构成", 1, 1), ("总额520.50万元", 1, 1),
         ("财政拨款：400.00万元（其中：上级财政资金：300.00万元；本级财政：100.00万元）", 1, 1),
         ("二、自有资金：0万元", 1, 1), ("三、其他：120.50万元", 1, 1)],
        _cells("项目绩效目标", "长期目标", "年度目标", "", ""),
        _cells("", "道路通达", "硬化村道5公里", "", ""),
        [("长期绩效指标", 1, 5)],
        _cells("一级指标", "二级指标", "指标内容", "指标值", "备注"),
        _cells("产出指标", "数量指标", "硬化村道长度", "≥20公里", ""),
        [("年度绩效指标", 1, 5)],
        _cells("一级指标", "二级指标", "指标内容", "指标值", "备注"),
        _cells("产出指标", "数量指标", "硬化村道长度", "≥5公里", ""),
        _cells("效益指标", "社会效益指标", "群众满意度", "≥90%", ""),
    ]
    [project] = extract_projects(_doc(build_table(rows)))
    assert (project.form, project.name) == ("project_target", "村道硬化工程")
    assert (project.budget, project.budget_fiscal, project.budget_other, project.printed_unit) == (
        Decimal("520.50"), Decimal("400.00"), Decimal("120.50"), "万元")
    assert [(i.level3, i.target_value, i.target_unit) for i in project.indicators] == [
        ("硬化村道长度", Decimal("20"), "公里"), ("硬化村道长度", Decimal("5"), "公里"), ("群众满意度", Decimal("90"), "%")]
    assert all(i.level1 != "一级指标" for i in project.indicators)  # the repeated header is no indicator


def test_department_target_form_listing_tasks_takes_its_sum_row():
    """Jiangxi-style 部门整体支出绩效目标表: 年度主要任务 | 任务名称 | 主要内容 | 预算金额 over 总额 |
    财政拨款 | 其他资金, one row per task and a 金额合计 row: the form's budget is the sum row's."""
    rows = [
        [("部门整体支出绩效目标表", 1, 6)],
        [("部门名称", 1, 2), ("某乡人民政府", 1, 4)],
        [("年度主要任务", 4, 1), ("任务名称", 2, 1), ("主要内容", 2, 1), ("预算金额（万元）", 1, 3)],
        _cells("总额", "财政拨款", "其他资金"),
        _cells("保障运转", "人员及公用经费", "500.00", "480.00", "20.00"),
        _cells("人居环境", "村庄整治", "120.00", "120.00", "0"),
        [("金额合计", 1, 3), ("620.00", 1, 1), ("600.00", 1, 1), ("20.00", 1, 1)],
        [("年度总体目标", 1, 2), ("保障运转，完成整治", 1, 4)],
        [("年度绩效指标", 3, 1), ("一级指标", 1, 1), ("二级指标", 1, 1), ("三级指标", 1, 2), ("指标值", 1, 1)],
        [("产出指标", 1, 1), ("数量指标", 1, 1), ("整治村庄数", 1, 2), ("≥10个", 1, 1)],
        [("效益指标", 1, 1), ("社会效益指标", 1, 1), ("群众满意度", 1, 2), ("≥95%", 1, 1)],
    ]
    [project] = extract_projects(_doc(build_table(rows)))
    assert (project.form, project.name) == ("department_target", "某乡人民政府")
    assert (project.budget, project.budget_fiscal, project.budget_other) == (
        Decimal("620.00"), Decimal("600.00"), Decimal("20.00"))
    assert [i.level3 for i in project.indicators] == ["整治村庄数", "群众满意度"]
