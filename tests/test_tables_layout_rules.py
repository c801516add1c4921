"""The layout rules learnt from the corpus, on small documents we build (no corpus needed).

Each test is one rule of ``extractors/tables`` / ``extractors/forms`` that a real layout
needed (the corpus file is named in the test): table numbers before titles, 小计 under
基本支出, 栏次 rows of "**", bracketed codes, rows named without codes, empty tables with a
说明, 预算单位 total rows, 三公 tables by rows / by fund and year, target forms and lists.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.document import Document, Format, Paragraph, build_table
from extractors.forms import extract_projects
from extractors.tables import extract_standard_tables
from extractors.tables.sums import class_sum_check
from models.records import Evidence, Identity

D = Decimal


def _doc(*blocks) -> Document:
    return Document(list(blocks), Format.DOCX)


def _cells(*values: str) -> list[tuple[str, int, int]]:
    return [(v, 1, 1) for v in values]


def _identity(year: int, kind: str) -> Identity:
    return Identity(fiscal_year=Evidence(year, "title"), kind=Evidence(kind, "title"))


def _lines(doc, table="general_budget_expenditure", column="total"):
    result = extract_standard_tables(doc)
    return {(i.code, i.name): i.value for i in result.line_items
            if i.table == table and i.column == column}


def test_a_table_number_paragraph_is_passed_over_for_the_title():
    """Xi'an 公开05表: "一般公共预算财政拨款支出决算表" / "公开05表" / unit / grid."""
    grid = build_table([
        _cells("科目代码", "科目名称", "本年支出"),
        _cells("", "合计", "10.00"),
        _cells("201", "一般公共服务支出", "10.00"),
    ])
    doc = _doc(Paragraph("一般公共预算财政拨款支出决算表"), Paragraph("公开05表"),
               Paragraph("编制部门：某局 金额单位：万元"), grid)
    result = extract_standard_tables(doc)
    assert [t["key"] for t in result.tables] == ["general_budget_expenditure"]
    assert class_sum_check(result.line_items).ok


def test_a_title_inside_the_grid_after_blank_rows():
    """Beijing 附件2: a blank first row, then "预算05表一般公共预算支出表", then the unit."""
    grid = build_table([
        _cells("", "", ""),
        [("", 1, 1), ("预算05表一般公共预算支出表", 1, 2)],
        _cells("", "", "金额单位：万元"),
        _cells("科目编码", "科目名称", "合计"),
        _cells("2040201", "行政运行", "5.00"),
        _cells("", "合计", "5.00"),
    ])
    result = extract_standard_tables(_doc(grid))
    assert [t["key"] for t in result.tables] == ["general_budget_expenditure"]
    check = class_sum_check(result.line_items)
    assert (check.class_sum, check.printed, check.ok) == (D("5.00"), D("5.00"), True)


def test_subtotal_under_basic_is_basic_not_the_total():
    """Chongqing 表五: 总计 | 基本支出 {小计 | 人员经费 | 公用经费} | 项目支出."""
    grid = build_table([
        [("科目编码", 2, 1), ("科目名称", 2, 1), ("总计", 2, 1), ("基本支出", 1, 3), ("项目支出", 2, 1)],
        _cells("小计", "人员经费", "公用经费"),
        [("合计", 1, 2), ("12.00", 1, 1), ("8.00", 1, 1), ("6.00", 1, 1), ("2.00", 1, 1),
         ("4.00", 1, 1)],
        _cells("201", "一般公共服务支出", "12.00", "8.00", "6.00", "2.00", "4.00"),
    ])
    doc = _doc(Paragraph("2026年一般公共预算支出情况表"), Paragraph("单位：万元"), grid)
    items = extract_standard_tables(doc).line_items
    assert {i.column for i in items} == {"total", "basic", "personnel", "public", "project"}
    assert class_sum_check(items).ok


def test_star_column_number_rows_and_split_code_columns():
    """Changsha: 类 | 款 | 项 | 功能科目 | 总计, a "** | ** | ** | ** | 1" row, 款 rows print only 02."""
    grid = build_table([
        [("科目编码", 1, 3), ("功能科目", 2, 1), ("总计", 2, 1)],
        _cells("类", "款", "项"),
        _cells("**", "**", "**", "**", "1"),
        _cells("", "", "", "合计", "7.00"),
        _cells("204", "", "", "公共安全支出", "7.00"),
        _cells("", "02", "", "公安", "7.00"),
        _cells("204", "02", "01", "行政运行", "7.00"),
    ])
    doc = _doc(Paragraph("2025年一般公共预算支出情况表"), Paragraph("单位：万元"), grid)
    assert _lines(doc) == {(None, "合计"): D("7.00"), ("204", "公共安全支出"): D("7.00"),
                           ("20402", "公安"): D("7.00"), ("2040201", "行政运行"): D("7.00")}


def test_bracketed_codes_and_a_parenthesised_title():
    """Guangzhou 表5 "一般公共预算支出情况表（按功能分类科目）", rows "[201]一般公共服务支出"."""
    grid = build_table([
        [("功能科目名称", 2, 1), ("一般公共预算支出", 1, 2)],
        _cells("小计", "其中：基本支出"),
        _cells("合计", "3.00", "3.00"),
        _cells("[201]一般公共服务支出", "3.00", "3.00"),
        _cells("[20140]信访事务", "3.00", "3.00"),
    ])
    doc = _doc(Paragraph("表5"), Paragraph("一般公共预算支出情况表（按功能分类科目）"),
               Paragraph("单位名称：某局单位：万元"), grid)
    assert _lines(doc) == {(None, "合计"): D("3.00"), ("201", "一般公共服务支出"): D("3.00"),
                           ("20140", "信访事务"): D("3.00")}


def test_rows_named_without_codes_get_levels_from_their_figures():
    """Hangzhou: names only; a 款 and its 项 may share a name."""
    grid = build_table([
        _cells("功能分类科目名称", "合计"),
        _cells("合计", "15.00"),
        _cells("一般公共服务支出", "5.00"),
        _cells("其他一般公共服务支出", "5.00"),
        _cells("其他一般公共服务支出", "5.00"),
        _cells("公共安全支出", "10.00"),
        _cells("公安", "10.00"),
        _cells("行政运行", "6.00"),
        _cells("执法办案", "4.00"),
    ])
    doc = _doc(Paragraph("表5：2026年市级部门一般公共预算支出预算表"), Paragraph("单位：万元"), grid)
    items = [i for i in extract_standard_tables(doc).line_items if i.column == "total"]
    assert [(i.level, i.name) for i in items] == [
        ("合计", "合计"), ("类", "一般公共服务支出"), ("款", "其他一般公共服务支出"),
        ("项", "其他一般公共服务支出"), ("类", "公共安全支出"), ("款", "公安"),
        ("项", "行政运行"), ("项", "执法办案")]
    assert [i.code for i in items if i.level == "类"] == ["201", "204"]
    assert class_sum_check(items).ok


def test_an_empty_table_with_a_note_and_zeros_gives_no_line():
    """Guangzhou 表9: a 合计 row of 0.00 and "注：本表本年无发生额。"."""
    grid = build_table([
        [("功能分类科目", 1, 2), ("政府性基金预算支出", 1, 3)],
        _cells("科目编码", "科目名称", "小计", "其中：基本支出", "项目支出"),
        _cells("", "合计", "0.00", "0.00", "0.00"),
    ])
    doc = _doc(Paragraph("政府性基金预算支出情况表"), Paragraph("单位：万元"), grid,
               Paragraph("注：本表本年无发生额。"))
    result = extract_standard_tables(doc)
    assert result.line_items == []
    assert result.tables[0]["empty"] and result.tables[0]["note"]


def test_a_unit_row_is_the_total_and_a_repeated_title_continues_the_table():
    """Shenzhen 表7: 预算单位 | 科目编码 | 科目名称 | 支出总计, the unit's row is its total,
    "表7 …（按功能分类）" printed again over the next page's grid."""
    head = _cells("预算单位", "科目编码", "科目名称", "支出总计")
    first = build_table([head, _cells("某局（本级）", "", "", "9.00"),
                         _cells("", "204", "公共安全支出", "6.00")])
    second = build_table([head, _cells("", "208", "社会保障和就业支出", "3.00")])
    title = "一般公共预算支出表（按功能分类）"
    doc = _doc(Paragraph("表7"), Paragraph(title), Paragraph("单位：万元"), first,
               Paragraph("表7"), Paragraph(title), Paragraph("单位：万元"), second)
    result = extract_standard_tables(doc)
    assert [t["key"] for t in result.tables] == ["general_budget_expenditure"]
    check = class_sum_check(result.line_items)
    assert (check.class_sum, check.printed) == (D("9.00"), D("9.00"))


def test_three_public_by_rows_and_by_fund_and_year():
    """Fuzhou: 项目 | 预算数 rows; Shenzhen: 年度 rows, 总计 {一般公共预算 | 政府性基金预算}."""
    rows = build_table([
        _cells("项目", "预算数"),
        _cells("合计", "5.00"),
        _cells("1、因公出国（境）费用", "1.00"),
        _cells("2、公务接待费", "4.00"),
    ])
    facts = {f.metric: f.value for f in extract_standard_tables(
        _doc(Paragraph("2026年度一般公共预算“三公”经费支出预算表"), Paragraph("单位：万元"), rows)).facts}
    assert facts["three_public.total"] == D("5.00")
    assert facts["three_public.reception"] == D("4.00")

    split = build_table([
        [("预算单位", 2, 1), ("年度", 2, 1), ("总计", 1, 2), ("公务接待费", 1, 2)],
        _cells("一般公共预算", "政府性基金预算", "一般公共预算", "政府性基金预算"),
        _cells("某局", "2025年", "7.00", "0.00", "2.00", "0.00"),
        _cells("", "2026年", "8.00", "1.00", "3.00", "0.00"),
        _cells("", "增减变化金额", "1.00", "1.00", "1.00", "0.00"),
    ])
    doc = _doc(Paragraph("财政拨款“三公”经费支出表"), Paragraph("单位：万元"), split)
    result = extract_standard_tables(doc, _identity(2026, "budget"))
    facts = {f.metric: f.value for f in result.facts}
    assert facts["three_public.total"] == D("8.00")
    assert facts["three_public.reception"] == D("3.00")
    assert {i.column for i in result.line_items} == {
        "budget", "gov_fund", "prior_year", "prior_year:gov_fund"}
    keys = [(i.name, i.column) for i in result.line_items]
    assert len(keys) == len(set(keys))  # the prior year's funds are lines of their own


def test_three_public_columns_headed_by_two_years_take_the_reports_year():
    """2025年预算数 {合计 | 公务接待费} beside 2026年预算数 {…}: the 2026 columns are the figures."""
    grid = build_table([
        [("2025年预算数", 1, 2), ("2026年预算数", 1, 2)],
        _cells("合计", "公务接待费", "合计", "公务接待费"),
        _cells("28.10", "8.20", "25.02", "7.62"),
    ])
    doc = _doc(Paragraph("一般公共预算“三公”经费支出情况表"), Paragraph("单位：万元"), grid)
    result = extract_standard_tables(doc, _identity(2026, "budget"))
    facts = {f.metric: f.value for f in result.facts}
    assert facts["three_public.total"] == D("25.02")
    assert facts["three_public.reception"] == D("7.62")


def test_a_target_form_reads_its_budget_and_a_list_one_project_per_name():
    """Central 绩效目标表 (年度资金总额： | 其中：财政拨款 | 其他资金) and Changsha's list."""
    form = build_table([
        [("项目名称", 1, 1), ("信息化运行维护", 1, 3)],
        [("项目资金（万元）", 3, 1), ("年度资金总额：", 1, 1), ("2,134.87", 1, 2)],
        [("其中：财政拨款", 1, 1), ("1,384.87", 1, 2)],
        [("其他资金", 1, 1), ("-", 1, 2)],
        _cells("绩效指标", "一级指标", "二级指标", "三级指标"),
        _cells("", "产出指标", "数量指标", "设备维护量"),
    ])
    projects = extract_projects(_doc(Paragraph("信息化运行维护绩效目标表"), form))
    assert [(p.name, p.form, p.budget, p.budget_fiscal, p.budget_other) for p in projects] == [
        ("信息化运行维护", "project_target", D("2134.87"), D("1384.87"), None)]

    listing = build_table([
        [("单位（项目）名称", 2, 1), ("资金总额", 2, 1), ("绩效目标", 2, 1), ("绩效指标", 1, 3)],
        _cells("一级指标", "二级指标", "三级指标"),
        _cells("某局", "10.00", "", "", "", ""),
        [("甲项目", 2, 1), ("6.00", 2, 1), ("做好甲", 2, 1), ("产出指标", 1, 1), ("数量指标", 1, 1),
         ("次数", 1, 1)],
        _cells("效益指标", "社会效益指标", "满意度"),
        _cells("乙项目", "4.00", "做好乙", "产出指标", "质量指标", "合格率"),
    ])
    projects = extract_projects(_doc(Paragraph("项目支出绩效目标表"), listing))
    assert [(p.name, p.budget, len(p.indicators)) for p in projects] == [
        ("甲项目", D("6.00"), 2), ("乙项目", D("4.00"), 1)]


def test_a_list_followed_by_another_list_keeps_each_project_once():
    """Changsha: the project list, then the 部门整体支出绩效目标表 list (other columns)."""
    projects_list = build_table([
        _cells("单位（项目）名称", "资金总额", "绩效目标", "一级指标", "三级指标"),
        _cells("甲项目", "6.00", "做好甲", "产出指标", "次数"),
        _cells("乙项目", "4.00", "做好乙", "产出指标", "合格率"),
    ])
    department = build_table([
        _cells("单位编码", "单位名称", "资金总额", "整体绩效目标", "一级指标", "三级指标"),
        _cells("106001", "某局", "10.00", "做好全局", "产出指标", "办结率"),
    ])
    doc = _doc(Paragraph("项目支出绩效目标表"), projects_list,
               Paragraph("部门整体支出绩效目标表"), department)
    assert [(p.name, p.form) for p in extract_projects(doc)] == [
        ("甲项目", "project_target"), ("乙项目", "project_target"), ("某局", "department_target")]


def test_a_part_numbered_title_with_codes_merged_across_the_code_columns():
    """太原 2016 .doc (Word 97): "…支出决算表（一）", 类/款/项 header cells, a 栏次 row that
    names them, and each row's whole code in one cell merged across the three columns."""
    def coded(code: str, name: str, value: str) -> list[tuple[str, int, int]]:
        return [(code, 1, 3), (name, 1, 1), (value, 1, 1)]

    grid = build_table([
        [("项目", 1, 4), ("本年支出合计", 1, 1)],
        [("支出功能分类科目编码", 1, 3), ("科目名称", 1, 1), ("", 1, 1)],
        _cells("类", "款", "项", "栏次", "1"),
        [("合计", 1, 4), ("41,542,805.26", 1, 1)],
        coded("201", "一般公共服务支出", "30,083,390.74"),
        coded("20104", "发展与改革事务", "30,083,390.74"),
        coded("2010401", "行政运行", "30,083,390.74"),
        coded("203", "国防支出", "11,459,414.52"),
    ])
    doc = _doc(Paragraph("2016年一般公共预算财政拨款支出决算表（一）"), Paragraph("公开05表"),
               Paragraph("金额单位：元"), grid)
    lines = _lines(doc)
    assert lines[("20104", "发展与改革事务")] == D("3008.339074")
    assert lines[("2010401", "行政运行")] == D("3008.339074")
    assert not any(name == "栏次" for _, name in lines)
    assert class_sum_check(extract_standard_tables(doc).line_items).ok


@pytest.mark.parametrize(("header", "unit_line", "measure", "value", "printed_unit"), [
    ("合计（元）", None, "total", D("0.12005"), "元"),        # the unit only in the column's header
    ("金额(元)", None, "total", D("0.12005"), "元"),          # 金额 with its unit is still the total
    ("决算数（单位：元）", None, "final", D("0.12005"), "元"),
    ("合计（万元）", None, "total", D("1200.5"), "万元"),
    ("合计（元）", "单位：万元", "total", D("0.12005"), "元"),  # the column's own unit wins
    ("合计", "单位：元", "total", D("0.12005"), "元"),
])
def test_a_unit_printed_in_the_column_header_converts_that_column(header, unit_line, measure, value,
                                                                   printed_unit):
    grid = build_table([_cells("科目编码", "科目名称", header), _cells("", "合计", "1200.5"),
                        _cells("201", "一般公共服务支出", "1200.5")])
    blocks = [Paragraph("2024年一般公共预算支出表"), *([Paragraph(unit_line)] if unit_line else []), grid]
    items = [i for i in extract_standard_tables(_doc(*blocks)).line_items if i.code == "201"]
    assert [(i.column, i.value, i.unit, i.printed_unit, i.printed_value) for i in items] == [
        (measure, value, "万元", printed_unit, "1200.5")]


def test_column_units_differ_within_one_table():
    """A 三公 statistics grid printing 预算数（万元） beside 决算数（元）: each column its own unit."""
    grid = build_table([_cells("科目编码", "科目名称", "预算数（万元）", "决算数（元）"),
                        _cells("201", "一般公共服务支出", "12.50", "125,000.00")])
    doc = _doc(Paragraph("2024年一般公共预算财政拨款支出决算表"), grid)
    items = {i.column: (i.value, i.printed_unit) for i in extract_standard_tables(doc).line_items if i.code == "201"}
    assert items == {"budget": (D("12.50"), "万元"), "final": (D("12.5"), "元")}
