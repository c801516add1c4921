"""Multi-project lists and department forms on grids built in the test: a project whose
name cell runs on to the next page, unit rows and unit lines naming the projects' unit, a
部门整体绩效目标表 named in the line above it, and a 部门整体支出绩效自评表 whose money
header stands over two rows (全年预算数 over 总额 | 财政拨款 | 其他资金)."""

from __future__ import annotations

from decimal import Decimal

from extractors.document import Cell, Document, Format, Paragraph, Table, build_table
from extractors.forms import extract_projects

_HEADER = ["项目名称", "项目总额", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"]


def _doc(*blocks) -> Document:
    for i, block in enumerate(blocks):
        block.block = i
    return Document(blocks=list(blocks), format=Format.PDF)


def _cells(*texts: str) -> list[tuple[str, int, int]]:
    return [(t, 1, 1) for t in texts]


def _indicator(row: int, level3: str, value: str, page: int) -> list[Cell]:
    return [Cell(row, 3, "产出指标", page=page), Cell(row, 4, "数量指标", page=page),
            Cell(row, 5, level3, page=page), Cell(row, 6, value, page=page)]


def test_project_whose_name_is_printed_on_the_next_page_gets_its_rows_from_the_foot_of_this_one():
    # Page 1: project A over two rows, then two indicator rows under an empty name column
    # (the reader found no cell there: the merged name cell has no rule at the page foot).
    first = [Cell(0, c, t, page=1) for c, t in enumerate(_HEADER)]
    first += [Cell(1, 0, "甲项目", 2, 1, page=1), Cell(1, 1, "10.00", 2, 1, page=1),
              Cell(1, 2, "完成甲", 2, 1, page=1)]
    first += _indicator(1, "甲一", "≥1个", 1) + _indicator(2, "甲二", "≥2个", 1)
    first += _indicator(3, "乙一", "≥3个", 1) + _indicator(4, "乙二", "≥4个", 1)
    second = [Cell(0, 0, "乙项目", 2, 1, page=2), Cell(0, 1, "20.00", 2, 1, page=2),
              Cell(0, 2, "完成乙", 2, 1, page=2)]
    second += _indicator(0, "乙三", "≥5个", 2) + _indicator(1, "乙四", "≥6个", 2)
    doc = _doc(Paragraph("项目支出绩效目标表"), Table(cells=first, n_rows=5, n_cols=7, page=1),
               Table(cells=second, n_rows=2, n_cols=7, page=2))
    a, b = extract_projects(doc)
    assert (a.name, a.budget, [i.level3 for i in a.indicators]) == ("甲项目", Decimal("10.00"), ["甲一", "甲二"])
    assert (b.name, b.budget) == ("乙项目", Decimal("20.00"))
    assert [i.level3 for i in b.indicators] == ["乙一", "乙二", "乙三", "乙四"]
    assert [i.source.page for i in b.indicators] == [1, 1, 2, 2]
    assert b.indicators[0].target_value == Decimal("3")


def test_rows_of_a_merge_cut_open_at_the_top_continue_the_project_carried_over():
    first = [Cell(0, c, t, page=1) for c, t in enumerate(_HEADER)]
    first += [Cell(1, 0, "甲项目", 2, 1, page=1), Cell(1, 1, "10.00", 2, 1, page=1),
              Cell(1, 2, "完成甲", 2, 1, page=1)]
    first += _indicator(1, "甲一", "1", 1) + _indicator(2, "甲二", "2", 1)
    second = _indicator(0, "甲三", "3", 2)  # no name cell: the merge from page 1 goes on
    second += [Cell(1, 0, "乙项目", 1, 1, page=2), Cell(1, 1, "5", 1, 1, page=2),
               Cell(1, 2, "完成乙", 1, 1, page=2)] + _indicator(1, "乙一", "1", 2)
    doc = _doc(Table(cells=first, n_rows=3, n_cols=7, page=1),
               Table(cells=second, n_rows=2, n_cols=7, page=2))
    a, b = extract_projects(doc)
    assert [i.level3 for i in a.indicators] == ["甲一", "甲二", "甲三"]
    assert [i.level3 for i in b.indicators] == ["乙一"]


def test_unit_row_names_the_unit_of_the_projects_under_it():
    rows = [
        _cells("支出项目类别（资金使用单位）", "总计", "绩效目标"),
        _cells("合计", "144.00", ""),
        _cells("广州市信访局", "144.00", ""),
        _cells("物业管理费", "99.00", "做好物业管理服务工作"),
        _cells("机构运行辅助经费", "45.00", "解决后勤服务人员不足问题"),
    ]
    doc = _doc(Paragraph("部门预算项目支出及其他支出预算表"), Paragraph("单位名称：广州市信访局 单位：万元"),
               build_table(rows))
    projects = extract_projects(doc)
    assert [(p.name, p.unit, p.budget) for p in projects] == [
        ("物业管理费", "广州市信访局", Decimal("99.00")),
        ("机构运行辅助经费", "广州市信访局", Decimal("45.00")),
    ]


def test_unit_line_above_a_list_names_its_projects_unit():
    rows = [
        _cells("序号", "项目名称", "当年财政拨款预算金额", "当年绩效目标", "指标名称", "指标性质", "指标值",
               "计量单位", "指标权重(%)"),
        [("1", 2, 1), ("水利行业业务经费", 2, 1), ("14,299.16", 2, 1), ("推进项目实施", 2, 1)]
        + _cells("水质检验对象数量", "≥", "3060", "个次", "10"),
        _cells("发布重要水情专报", "≥", "50", "次数", "40"),
    ]
    doc = _doc(Paragraph("2026年市级一般性项目绩效目标表（一级项目）"), Paragraph("资金主管部门：重庆市水利局"),
               build_table(rows))
    [project] = extract_projects(doc)
    assert (project.name, project.unit, project.budget) == ("水利行业业务经费", "重庆市水利局", Decimal("14299.16"))
    first = project.indicators[0]
    assert (first.level3, first.target_op, first.target_value, first.target_unit, first.weight) == (
        "水质检验对象数量", "≥", Decimal("3060"), "个次", Decimal("10"))


def test_department_target_form_named_in_the_line_above():
    rows = [
        [("当年整体绩效目标", 1, 6)],
        [("完善全市水网建设布局", 1, 6)],
        [("绩效指标", 3, 1)] + _cells("指标名称", "指标性质", "指标值", "计量单位", "指标权重(%)"),
        _cells("续建大中型水库", "≥", "27", "座", "20"),
        _cells("农村饮水项目受益人口", "≥", "150", "万人次", "20"),
    ]
    doc = _doc(Paragraph("2026年部门整体绩效目标表"), Paragraph("单位名称：重庆市水利局"), build_table(rows))
    [project] = extract_projects(doc)
    assert (project.form, project.name, project.unit) == ("department_target", "重庆市水利局", "重庆市水利局")
    assert project.goal_expected == "完善全市水网建设布局"
    assert project.budget is None  # the form prints no amount
    assert [(i.level3, i.target_op, i.target_value, i.target_unit) for i in project.indicators] == [
        ("续建大中型水库", "≥", Decimal("27"), "座"),
        ("农村饮水项目受益人口", "≥", Decimal("150"), "万人次"),
    ]


def test_department_self_evaluation_with_money_header_over_two_rows():
    rows = [
        [("部门（单位）名称", 1, 3), ("西安市某委员会", 1, 7)],
        [("年度主要任务完成情况", 4, 1), ("任务名称", 2, 1), ("全年预算数（万元）", 1, 3),
         ("全年执行数（万元）", 1, 3), ("执行率", 2, 1), ("得分", 2, 1)],
        _cells("总额", "财政拨款", "其他资金", "总额", "财政拨款", "其他资金"),
        _cells("学前教育", "1292.55", "1182.59", "109.96", "1263.33", "1182.59", "80.74", "97.74%", "0.58"),
        _cells("公立医院", "700", "100", "600", "500", "100", "400", "71.43%", "0.58"),
        [("金额合计", 1, 2)] + _cells("1,992.55", "1282.59", "709.96", "1763.33", "1282.59", "480.74",
                                      "88.50%", "10"),
    ]
    doc = _doc(Paragraph("西安市某委员会部门整体支出绩效自评表"), build_table(rows))
    [project] = extract_projects(doc)
    assert (project.form, project.name) == ("department_self_eval", "西安市某委员会")
    assert (project.budget, project.budget_fiscal, project.budget_other) == (
        Decimal("1992.55"), Decimal("1282.59"), Decimal("709.96"))
    assert (project.executed, project.executed_fiscal, project.executed_other) == (
        Decimal("1763.33"), Decimal("1282.59"), Decimal("480.74"))
    assert project.completion_pct == Decimal("88.50")
