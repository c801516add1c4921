"""Standard-table reading on grids built in the test: each layout variation on its own.

Every grid here is written the way a reader hands it over (``build_table``: merged cells
once, at their anchor), with the title and unit line as paragraphs before it.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.document import Document, Format, Paragraph, build_table
from extractors.tables import extract_standard_tables, table_key
from extractors.tables.rows import clean_code, join_code_parts, split_glued_code


def _cells(*texts: str) -> list[tuple[str, int, int]]:
    return [(t, 1, 1) for t in texts]


def _doc(*blocks) -> Document:
    return Document(blocks=list(blocks), format=Format.DOCX)


def _items(doc: Document, table: str | None = None):
    result = extract_standard_tables(doc)
    return [i for i in result.line_items if table is None or i.table == table]


def _values(items) -> dict[tuple[str | None, str, str], Decimal]:
    return {(i.code, i.name, i.column): i.value for i in items}


EXPENDITURE_HEADER = [
    [("项目", 1, 2), ("本年支出合计", 2, 1), ("基本支出", 2, 1), ("项目支出", 2, 1)],
    _cells("科目编码", "科目名称"),
]


def test_titles_match_whatever_their_number():
    assert table_key("五、一般公共预算财政拨款支出决算表") == "general_budget_expenditure"
    assert table_key("公开表五 一般公共预算财政拨款基本支出决算明细表") == "general_budget_basic"
    assert table_key("2025年部门一般公共预算支出功能分类预算表") == "general_budget_expenditure"
    assert table_key("部门“三公”经费和机关运行经费预算表") == "three_public"
    assert table_key("2024年部门财务收支预算总表") == "income_expenditure_summary"
    assert table_key("表4 财政拨款收入支出决算表") == "appropriation_summary"
    assert table_key("国有资本经营预算财政拨款支出决算表") == "state_capital"
    assert table_key("部门收入预算总表") == "income"
    assert table_key("支出决算表") == "expenditure"
    assert table_key("项目绩效目标完成情况表") is None


def test_jiangsu_sichuan_and_other_regional_titles():
    keys = {
        "公开表一 收支预算总表": "income_expenditure_summary",
        "公开表五 财政拨款支出预算表": "appropriation_expenditure",
        "公开表六 财政拨款基本支出预算表": "appropriation_basic",
        "公开表七 一般公共预算支出预算表": "general_budget_expenditure",
        "公开表八 一般公共预算基本支出预算表": "general_budget_basic",
        "公开表九 一般公共预算“三公”经费、会议费、培训费支出预算表": "three_public",
        "公开表十 政府性基金财政拨款支出预算表": "gov_fund",
        "公开表十一 一般公共预算机关运行经费支出预算表": "operating_costs",
        "公开表十二 政府采购支出预算表": "procurement",
        "财政拨款支出决算明细表": "appropriation_expenditure_detail",
        "一般公共预算财政拨款支出决算明细表": "general_budget_expenditure_detail",
        "一般公共预算财政拨款项目支出决算表": "general_budget_project",
        "政府性基金预算财政拨款“三公”经费支出决算表": "gov_fund_three_public",
        "一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表": "three_public",
        "四、财政拨款收入支出决算表": "appropriation_summary",
        "表1 部门收支决算总表": "income_expenditure_summary",
    }
    assert {title: table_key(title) for title in keys} == keys


def test_codes_in_every_printed_form():
    assert clean_code("2010301") == "2010301"
    assert clean_code("201 03 01") == "2010301"
    assert clean_code("合计") is None and clean_code("20103011") is None
    assert split_glued_code("2013802一般行政管理事务") == ("2013802", "一般行政管理事务")
    assert split_glued_code("一般公共服务支出") == (None, "一般公共服务支出")
    assert join_code_parts("201", "03", "01", None) == "2010301"
    assert join_code_parts("", "03", "02", "2010301") == "2010302"  # blank 类 carried
    assert join_code_parts("", "", "50", "2010301") == "2010350"
    assert join_code_parts("301", "", "", None) == "301"
    # One cell spanning 类 | 款 | 项 (a .doc table's merged code cell) reads the same in each column.
    assert join_code_parts("20104", "20104", "20104", "201") == "20104"
    assert join_code_parts("2010401", "2010401", "2010401", "20104") == "2010401"


def test_seven_digit_code_column_blank_zero_and_dash():
    rows = EXPENDITURE_HEADER + [
        [("合计", 1, 2)] + _cells("850.18", "706.02", "144.16"),
        _cells("201", "一般公共服务支出", "500.00", "400.00", "100.00"),
        _cells("20103", "政府办公厅（室）及相关机构事务", "500.00", "400.00", "100.00"),
        _cells("2010301", "行政运行", "400.00", "400.00", ""),
        _cells("2010302", "一般行政管理事务", "100.00", "0.00", "-"),
    ]
    doc = _doc(Paragraph("支出决算表"), Paragraph("单位：万元"), build_table(rows))
    items = _items(doc)
    got = _values(items)
    assert got[(None, "合计", "total")] == Decimal("850.18")
    assert got[("2010301", "行政运行", "basic")] == Decimal("400.00")
    assert ("2010301", "行政运行", "project") not in got  # blank: not stated
    assert got[("2010302", "一般行政管理事务", "basic")] == Decimal("0.00")  # printed 0
    assert ("2010302", "一般行政管理事务", "project") not in got  # dash: not stated
    total = next(i for i in items if i.name == "合计" and i.column == "total")
    assert (total.level, total.code, total.source.block, total.source.row) == ("合计", None, 2, 2)
    item = next(i for i in items if i.code == "20103")
    assert (item.level, item.classification, item.code_origin, item.printed_unit) == (
        "款", "function", "printed", "万元")


def test_class_kuan_xiang_columns_split_over_two_pages_without_headers():
    head = [
        [("科目编码", 1, 3), ("科目名称", 2, 1), ("本年支出", 1, 3)],
        _cells("类", "款", "项", "小计", "基本支出", "项目支出"),
        [("合计", 1, 4)] + _cells("850.18", "706.02", "144.16"),
        _cells("201", "", "", "一般公共服务支出", "500.00", "400.00", "100.00"),
        _cells("201", "03", "", "政府办公厅（室）及相关机构事务", "500.00", "400.00", "100.00"),
    ]
    tail = [
        _cells("", "", "01", "行政运行", "400.00", "400.00", ""),
        _cells("201", "03", "02", "一般行政管理事务", "100.00", "", "100.00"),
    ]
    doc = _doc(
        Paragraph("一般公共预算财政拨款支出决算表"), Paragraph("单位：万元"),
        build_table(head, page=3), Paragraph("- 4 -"), build_table(tail, page=4),
    )
    result = extract_standard_tables(doc)
    got = _values(result.line_items)
    assert got[("2010301", "行政运行", "total")] == Decimal("400.00")
    assert got[("2010302", "一般行政管理事务", "project")] == Decimal("100.00")
    assert got[("20103", "政府办公厅（室）及相关机构事务", "basic")] == Decimal("400.00")
    [table] = result.tables
    assert table["blocks"] == [2, 4] and table["pages"] == [3, 4]
    assert next(i for i in result.line_items if i.code == "2010302").source.page == 4


def test_glued_codes_and_wrapped_names():
    """The code glued to a name that wraps inside its (merged) cell, as some PDFs print it."""
    table = build_table([
        [("项目", 1, 2), ("本年支出合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)],
        [("2080505机关事业单位基本养老保险\n缴费支出", 1, 2)] + _cells("52.10", "52.10", ""),
    ])
    doc = _doc(Paragraph("支出决算表"), Paragraph("单位：万元"), table)
    got = _values(_items(doc))
    assert got == {
        ("2080505", "机关事业单位基本养老保险缴费支出", "total"): Decimal("52.10"),
        ("2080505", "机关事业单位基本养老保险缴费支出", "basic"): Decimal("52.10"),
    }


def test_unit_line_in_yuan_converts_and_keeps_printed():
    rows = [
        [("项目", 1, 4), ("一般公共预算支出", 1, 3)],
        [("功能分类科目编码", 1, 3), ("功能分类科目名称", 2, 1)] + _cells("合计", "基本支出", "项目支出"),
        _cells("类", "款", "项") + [("", 1, 1)] * 3,
        _cells("201", "03", "01", "行政运行", "15,686,797.42", "15,686,797.42", "0.00"),
    ]
    doc = _doc(Paragraph("2025年部门一般公共预算支出功能分类预算表"),
               Paragraph("编制部门：上海市普陀区人民政府办公室单位：元"), build_table(rows))
    items = _items(doc)
    item = next(i for i in items if i.column == "total")
    assert (item.code, item.value, item.printed_value, item.printed_unit) == (
        "2010301", Decimal("1568.679742"), "15,686,797.42", "元")
    assert next(i for i in items if i.column == "project").value == Decimal("0")


def test_two_sided_summary_table_and_its_facts():
    rows = [
        [("收入", 1, 2), ("支出", 1, 2)],
        _cells("项目", "决算数", "项目", "决算数"),
        _cells("一、一般公共预算财政拨款收入", "850.18", "一、一般公共服务支出", "700.00"),
        _cells("二、政府性基金预算财政拨款收入", "", "二、社会保障和就业支出", "150.18"),
        _cells("本年收入合计", "850.18", "本年支出合计", "850.18"),
        _cells("年初结转和结余", "", "年末结转和结余", ""),
        _cells("总计", "850.18", "总计", "850.18"),
    ]
    doc = _doc(Paragraph("一、收入支出决算总表"), Paragraph("单位：万元"), build_table(rows))
    result = extract_standard_tables(doc)
    sides = {(i.side, i.name): i for i in result.line_items}
    assert sides[("income", "一般公共预算财政拨款收入")].value == Decimal("850.18")
    spend = sides[("expenditure", "一般公共服务支出")]
    assert (spend.level, spend.classification, spend.column) == ("类", "function", "final")
    assert spend.code in ("201", None)  # resolved from the name when the code table has it
    assert ("income", "年初结转和结余") not in sides  # blank: not stated
    facts = {f.metric: f.value for f in result.facts}
    assert facts["income.total"] == Decimal("850.18")
    assert facts["expenditure.total"] == Decimal("850.18")
    assert facts["income_expenditure.grand_total"] == Decimal("850.18")
    assert facts["income.general_budget"] == Decimal("850.18")
    assert "income.carryover" not in facts
    assert all(f.origin == "table" and f.source.block == 2 for f in result.facts)


def test_three_public_column_groups_with_three_header_rows():
    rows = [
        [("合计", 2, 2), ("因公出国（境）费", 2, 2), ("公务用车购置及运行维护费", 1, 6), ("公务接待费", 2, 2)],
        [("小计", 1, 2), ("公务用车购置费", 1, 2), ("公务用车运行维护费", 1, 2)],
        _cells(*["预算数", "决算数"] * 6),
        _cells("3.00", "2.50", "0.00", "0.00", "2.00", "2.00", "0.00", "0.00", "2.00", "2.00", "1.00", "0.50"),
    ]
    doc = _doc(Paragraph("七、财政拨款“三公”经费支出决算表"), Paragraph("单位：万元"), build_table(rows))
    result = extract_standard_tables(doc)
    got = _values(result.line_items)
    assert got[(None, "合计", "budget")] == Decimal("3.00")
    assert got[(None, "合计", "final")] == Decimal("2.50")
    assert got[(None, "公务用车购置及运行维护费", "final")] == Decimal("2.00")
    assert got[(None, "公务用车运行维护费", "budget")] == Decimal("2.00")
    assert got[(None, "公务接待费", "final")] == Decimal("0.50")
    facts = {f.metric: (f.value, f.budget_value) for f in result.facts}
    assert facts["three_public.total"] == (Decimal("2.50"), Decimal("3.00"))
    assert facts["three_public.vehicle_operation"] == (Decimal("2.00"), Decimal("2.00"))
    assert facts["three_public.reception"] == (Decimal("0.50"), Decimal("1.00"))


def test_budget_three_public_table_with_operating_costs():
    rows = [
        [("2024年“三公”经费预算数", 1, 6), ("2024年机关运行经费预算数", 3, 1)],
        [("合计", 2, 1), ("因公出国(境)费", 2, 1), ("公务接待费", 2, 1), ("公务用车购置及运行费", 1, 3)],
        _cells("小计", "购置费", "运行费"),
        _cells("47.91", "0", "1.35", "46.56", "25", "21.56", "443.18"),
    ]
    doc = _doc(Paragraph("部门“三公”经费和机关运行经费预算表"),
               Paragraph("编制部门：某街道办事处单位:万元"), build_table(rows))
    result = extract_standard_tables(doc)
    got = _values(result.line_items)
    assert got[(None, "合计", "budget")] == Decimal("47.91")
    assert got[(None, "购置费", "budget")] == Decimal("25")
    assert got[(None, "机关运行经费", "budget")] == Decimal("443.18")
    facts = {f.metric: f.value for f in result.facts}
    assert facts["three_public.total"] == Decimal("47.91")
    assert facts["three_public.outbound"] == Decimal("0")
    assert facts["operating_costs"] == Decimal("443.18")


def test_empty_table_with_its_note_is_found_but_gives_no_data():
    rows = [
        [("项目", 1, 2), ("年初结转和结余", 2, 1), ("本年收入", 2, 1), ("本年支出", 1, 3), ("年末结转和结余", 2, 1)],
        _cells("科目编码", "科目名称", "小计", "基本支出", "项目支出"),
        [("合计", 1, 2)] + _cells("", "", "", "", "", ""),
    ]
    note = "说明：本单位无政府性基金预算财政拨款收入支出，故本表无数据。"
    doc = _doc(Paragraph("政府性基金预算财政拨款收入支出决算表"), Paragraph("单位：万元"),
               build_table(rows), Paragraph(note))
    result = extract_standard_tables(doc)
    assert result.line_items == [] and result.facts == []
    [table] = result.tables
    assert (table["key"], table["empty"], table["note"]) == ("gov_fund", True, note)


def test_several_tables_on_one_page_and_title_inside_the_grid():
    first = build_table([[("收入决算表", 1, 3)], [("单位：万元", 1, 3)],
                         _cells("科目编码", "科目名称", "本年收入合计"),
                         _cells("201", "一般公共服务支出", "10.00")], page=5)
    second = build_table(EXPENDITURE_HEADER + [_cells("201", "一般公共服务支出", "10.00", "8.00", "2.00")],
                         page=5)
    doc = _doc(first, Paragraph("支出决算表"), Paragraph("单位：万元"), second)
    result = extract_standard_tables(doc)
    assert [(t["key"], t["pages"]) for t in result.tables] == [("income", [5]), ("expenditure", [5])]
    assert {(i.table, i.column, i.value) for i in result.line_items} == {
        ("income", "total", Decimal("10.00")),
        ("expenditure", "total", Decimal("10.00")),
        ("expenditure", "basic", Decimal("8.00")),
        ("expenditure", "project", Decimal("2.00")),
    }


def test_untitled_tables_are_not_read():
    doc = _doc(Paragraph("纳入编制范围的单位包括："),
               build_table([_cells("序号", "单位名称", "备注"), _cells("1", "本级", "")]))
    result = extract_standard_tables(doc)
    assert result.tables == [] and result.line_items == []


def test_line_number_columns_and_column_number_row_are_skipped():
    """Yunnan's 公开01表: 行次 columns and a 栏次 row, amounts in 元."""
    rows = [
        [("收入", 1, 3), ("支出", 1, 3)],
        _cells("项目", "行次", "金额", "项目", "行次", "金额"),
        _cells("栏次", "", "1", "栏次", "", "2"),
        _cells("一、一般公共预算财政拨款收入", "1", "1,234,500.00", "一、一般公共服务支出", "32", "1,234,500.00"),
        _cells("本年收入合计", "12", "1,234,500.00", "本年支出合计", "60", "1,234,500.00"),
    ]
    doc = _doc(Paragraph("公开01表"), Paragraph("收入支出决算总表"), Paragraph("金额单位：元"),
               build_table(rows))
    result = extract_standard_tables(doc)
    got = {(i.side, i.name, i.column): i.value for i in result.line_items}
    assert got == {
        ("income", "一般公共预算财政拨款收入", "total"): Decimal("123.45"),
        ("income", "本年收入合计", "total"): Decimal("123.45"),
        ("expenditure", "一般公共服务支出", "total"): Decimal("123.45"),
        ("expenditure", "本年支出合计", "total"): Decimal("123.45"),
    }
    assert {f.metric: f.value for f in result.facts}["income.total"] == Decimal("123.45")


def test_jiangsu_code_name_amount_columns_and_economic_split_codes():
    jiangsu = build_table([
        _cells("功能科目编码", "功能科目名称", "金额"),
        _cells("2010101", "行政运行", "1,281.76"),
        _cells("2010102", "一般行政管理事务", "-"),
    ])
    basic = build_table([
        [("部门预算经济分类科目编码", 1, 2), ("经济分类科目名称", 2, 1), ("合计", 2, 1), ("人员经费", 2, 1),
         ("公用经费", 2, 1)],
        _cells("类", "款"),
        _cells("301", "", "工资福利支出", "100.00", "100.00", ""),
        _cells("301", "01", "基本工资", "60.00", "60.00", ""),
        _cells("", "02", "津贴补贴", "40.00", "40.00", ""),
        [("合计", 1, 3)] + _cells("100.00", "100.00", ""),
    ])
    doc = _doc(Paragraph("公开表五 财政拨款支出预算表"), Paragraph("单 位 ：万元"), jiangsu,
               Paragraph("部门一般公共预算基本支出部门预算经济分类预算表"), Paragraph("单位：万元"), basic)
    result = extract_standard_tables(doc)
    got = {(i.table, i.classification, i.code, i.column): i.value for i in result.line_items}
    assert got == {
        ("appropriation_expenditure", "function", "2010101", "total"): Decimal("1281.76"),
        ("general_budget_basic", "economic", "301", "total"): Decimal("100.00"),
        ("general_budget_basic", "economic", "301", "personnel"): Decimal("100.00"),
        ("general_budget_basic", "economic", "30101", "total"): Decimal("60.00"),
        ("general_budget_basic", "economic", "30101", "personnel"): Decimal("60.00"),
        ("general_budget_basic", "economic", "30102", "total"): Decimal("40.00"),
        ("general_budget_basic", "economic", "30102", "personnel"): Decimal("40.00"),
        ("general_budget_basic", "economic", None, "total"): Decimal("100.00"),
        ("general_budget_basic", "economic", None, "personnel"): Decimal("100.00"),
    }
    facts = {f.metric: f.value for f in result.facts}
    assert facts == {"basic.personnel": Decimal("100.00")}


def test_a_wrapped_name_set_as_its_own_row_joins_the_row_above():
    rows = EXPENDITURE_HEADER + [
        _cells("2080505", "机关事业单位基本养老保险", "44.81", "44.81", ""),
        _cells("", "缴费支出", "", "", ""),
        _cells("2080506", "机关事业单位职业年金缴费支出", "7.00", "7.00", ""),
    ]
    doc = _doc(Paragraph("支出决算表"), Paragraph("单位：万元"), build_table(rows))
    assert sorted({(i.code, i.name) for i in _items(doc)}) == [
        ("2080505", "机关事业单位基本养老保险缴费支出"),
        ("2080506", "机关事业单位职业年金缴费支出"),
    ]


def test_continued_title_with_repeated_headers():
    head = EXPENDITURE_HEADER + [_cells("2010301", "行政运行", "400.00", "400.00", "")]
    more = EXPENDITURE_HEADER + [_cells("2010302", "一般行政管理事务", "100.00", "", "100.00")]
    doc = _doc(Paragraph("三、支出决算表"), Paragraph("单位：万元"), build_table(head, page=7),
               Paragraph("支出决算表（续）"), Paragraph("单位：万元"), build_table(more, page=8))
    result = extract_standard_tables(doc)
    [table] = result.tables
    assert table["pages"] == [7, 8]
    assert [(i.code, i.column, i.source.page) for i in result.line_items] == [
        ("2010301", "total", 7), ("2010301", "basic", 7),
        ("2010302", "total", 8), ("2010302", "project", 8)]


def test_phase_subheader_under_every_column_keeps_the_column_measure():
    rows = [
        [("项目", 1, 2), ("本年收入合计", 1, 1), ("财政拨款收入", 1, 1), ("其他收入", 1, 1)],
        _cells("科目编码", "科目名称", "决算数", "决算数", "决算数"),
        _cells("2010301", "行政运行", "10.00", "9.00", "1.00"),
    ]
    doc = _doc(Paragraph("二、收入决算表"), Paragraph("单位：万元"), build_table(rows))
    assert [(i.column, i.value) for i in _items(doc)] == [
        ("total", Decimal("10.00")), ("fiscal", Decimal("9.00")), ("other", Decimal("1.00"))]


def test_columns_no_word_names_keep_their_header():
    """Sichuan's 财政拨款支出决算明细表: economic-class columns beside 合计."""
    rows = [
        [("项目", 1, 2), ("合计", 2, 1), ("基本支出", 1, 2)],
        [("科目编码", 1, 1), ("科目名称", 1, 1), ("工资福利支出", 1, 1), ("商品和服务支出", 1, 1)],
        _cells("2010301", "行政运行", "10.00", "8.00", "2.00"),
    ]
    doc = _doc(Paragraph("财政拨款支出决算明细表"), Paragraph("单位：万元"), build_table(rows))
    items = _items(doc)
    assert {i.table for i in items} == {"appropriation_expenditure_detail"}
    assert [(i.column, i.value) for i in items] == [
        ("total", Decimal("10.00")), ("工资福利支出", Decimal("8.00")), ("商品和服务支出", Decimal("2.00"))]


_WORDS = ["项目", "科目编码", "科目名称", "类", "款", "项", "合计", "本年支出合计", "基本支出", "项目支出",
          "决算数", "预算数", "201", "20103", "2010301", "行政运行", "1,234.50", "0.00", "-", "", "无",
          "一、一般公共服务支出", "收入", "支出", "单位：万元", "栏次", "行次", "12"]


@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6), min_size=1, max_size=8),
       st.sampled_from(["支出决算表", "收入支出决算总表", "财政拨款“三公”经费支出决算表"]))
@settings(max_examples=150, deadline=None)
def test_any_grid_reads_without_error_and_only_states_figures(rows, title):
    table = build_table([_cells(*row) for row in rows])
    result = extract_standard_tables(_doc(Paragraph(title), table))
    for item in result.line_items:
        assert isinstance(item.value, Decimal) and item.printed_value
        assert item.code is None or len(item.code) in (3, 5, 7)


def test_a_note_ends_a_table_so_an_untitled_grid_after_it_is_not_read():
    rows = EXPENDITURE_HEADER + [_cells("2010301", "行政运行", "400.00", "400.00", "")]
    other = build_table([_cells("项目", "本年支出合计"), _cells("某项", "5.00")])
    doc = _doc(Paragraph("支出决算表"), Paragraph("单位：万元"), build_table(rows),
               Paragraph("注：本表反映部门本年度各项支出情况。"), other)
    result = extract_standard_tables(doc)
    assert result.tables[0]["blocks"] == [2]
    assert {i.name for i in result.line_items} == {"行政运行"}


def test_summary_carryover_worded_jieyu_jiezhuan():
    rows = [
        [("收入", 1, 2), ("支出", 1, 2)],
        _cells("项目", "预算数", "项目", "预算数"),
        _cells("一、财政拨款", "300.00", "一般公共服务支出", "310.00"),
        _cells("本年收入合计", "300.00", "本年支出合计", "310.00"),
        _cells("上年结余、结转", "10.00", "结转下年", "0.00"),
        _cells("收入总计", "310.00", "支出总计", "310.00"),
    ]
    doc = _doc(Paragraph("收支总表"), Paragraph("单位：万元"), build_table(rows))
    facts = {f.metric: f.value for f in extract_standard_tables(doc).facts}
    assert facts["income.carryover"] == Decimal("10.00")
