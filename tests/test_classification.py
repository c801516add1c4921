"""Classification sentences in every wording DOMAIN.md records, and the code table behind them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.classification import extract_narrative_lines
from extractors.codes import CodeTable, default_table, normalize_name
from extractors.document import Document, Format, Paragraph
from extractors.narrative import extract_facts
from models.records import Evidence, Identity


def _doc(*texts: str) -> Document:
    return Document(blocks=[Paragraph(text=t, page=1) for t in texts], format=Format.TXT)


def _identity(year: int, kind: str = "final") -> Identity:
    return Identity(fiscal_year=Evidence(year, "title"), kind=Evidence(kind, "title"))


def _lines(*texts: str, year: int = 2020, kind: str = "final"):
    return {(li.code, li.column): li for li in extract_narrative_lines(_doc(*texts), _identity(year, kind))}


# -- code table ----------------------------------------------------------------------------


def test_resolves_top_down_with_name_variants():
    table = default_table()
    assert table.resolve("一般公共服务", "政府办公厅〔室〕及相关机构事务", "行政运行", year=2020) == "2010301"
    assert table.resolve("一般公共服务支出", "政府办公厅(室)及相关机构事务", "事业运行", year=2020) == "2010350"
    assert table.resolve("社会保障和就业", year=2020) == "208"
    assert table.resolve("住房保障支出（类）", year=2020) == "221"


def test_same_item_name_under_different_kuan():
    table = default_table()
    assert table.resolve("一般公共服务支出", "财政事务", "行政运行", year=2024) == "2010601"
    assert table.resolve("一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行", year=2024) == "2010301"


def test_renamed_kuan_resolves_in_both_spellings():
    table = default_table()
    assert table.resolve("社会保障和就业支出", "行政事业单位离退休", year=2018) == "20805"
    assert table.resolve("社会保障和就业支出", "行政事业单位养老支出", year=2025) == "20805"
    assert table.name_of("20805", 2018) == "行政事业单位离退休"
    assert table.name_of("20805", 2025) == "行政事业单位养老支出"


def test_moved_code_is_decided_by_year_or_not_at_all():
    table = default_table()
    assert table.resolve("工资福利支出", "住房公积金", year=2020, classification="economic") == "30113"
    assert table.resolve("对个人和家庭的补助", "住房公积金", year=2017, classification="economic") == "30311"
    # Without a year, 30311 (2017) and 30113 (2018+) cannot be told apart by name alone
    # under a 类 that held both: no guess.
    ambiguous = CodeTable()
    ambiguous.learn("303", "对个人和家庭的补助", 2017)
    ambiguous.learn("30311", "住房公积金", 2017)
    ambiguous.learn("30399", "住房公积金", 2024)
    assert ambiguous.resolve("对个人和家庭的补助", "住房公积金", classification="economic") is None
    assert ambiguous.resolve("对个人和家庭的补助", "住房公积金", year=2024, classification="economic") == "30399"
    assert ambiguous.resolve("对个人和家庭的补助", "住房公积金", year=2030, classification="economic") is None


def test_unknown_names_are_null():
    table = default_table()
    assert table.resolve("不存在的支出", year=2020) is None
    assert table.resolve("卫生健康支出", "卫生健康支出", "计划生育事务", year=2025) is None


def test_learn_adds_pairs_for_storage():
    table = CodeTable.load()
    assert table.resolve("农林水支出", "农业农村", "病虫害控制", year=2021) is None
    assert table.learn("2130108", "病虫害控制", 2021)
    assert table.learn("21301", "农业农村", 2021)
    assert not table.learn("2130108", "病虫害控制", 2021)  # already known
    assert not table.learn("21x", "坏代码", 2021)
    assert table.resolve("农林水支出", "农业农村", "病虫害控制", year=2021) == "2130108"
    assert {(e.code, e.name) for e in table.learned()} == {("2130108", "病虫害控制"), ("21301", "农业农村")}


def test_normalize_name():
    assert normalize_name(" 政府办公厅〔室〕及相关机构事务（款）") == "政府办公厅（室）及相关机构事务"


# -- wordings --------------------------------------------------------------------------------


def test_colon_wording_with_completion():
    lines = _lines("1.一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）:支出决算为486.90万元，完成预算100%。")
    assert lines[("2010301", "final")].value == Decimal("486.90")
    assert lines[("2010301", "completion_pct")].value == Decimal("100")
    assert lines[("2010301", "final")].code_origin == "resolved" and lines[("2010301", "final")].level == "项"


def test_budget_then_final_wording():
    lines = _lines("2、一般公共服务支出（类）财政事务（款）信息化建设（项）。主要用于：系统维护。"
                   "年初预算为135.90万元，支出决算为135.25万元，完成年初预算的99.52%。", year=2024)
    assert {k[1]: v.value for k, v in lines.items()} == {
        "budget": Decimal("135.90"), "final": Decimal("135.25"), "completion_pct": Decimal("99.52")}


def test_dash_wording_in_a_budget():
    lines = _lines("1. “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元，主要用于行政单位的基本支出。",
                   year=2025, kind="budget")
    item = lines[("2010301", "total")]
    assert (item.value, item.printed_value, item.name) == (Decimal("1202.95"), "1,202.95", "行政运行")


def test_codes_inside_brackets_are_printed_codes():
    lines = _lines("1、公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元。主要用于：行政单位的基本支出。"
                   "2025年当年预算执行数为1690.69万元，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%。",
                   year=2026, kind="budget")
    assert lines[("2040601", "total")].code_origin == "printed"
    assert lines[("2040601", "prior_executed")].value == Decimal("1690.69")
    assert lines[("2040601", "change_pct")].value == Decimal("-1.07")


def test_mixed_bracket_widths():
    lines = _lines("住房保障支出(类)住房改革支出（款）住房公积金(项)：支出决算为59.03万元。")
    assert lines[("2210201", "final")].value == Decimal("59.03")


def test_amounts_in_yuan_are_converted():
    lines = _lines("住房保障支出（类）住房改革支出（款）住房公积金（项）：支出决算为590,300.00元。")
    item = lines[("2210201", "final")]
    assert (item.value, item.printed_value, item.printed_unit, item.unit) == (Decimal("59.03"), "590,300.00", "元", "万元")


def test_class_list_keeps_nonzero_classes_and_skips_zero_filler():
    lines = _lines("2020年一般公共预算财政拨款支出850.18万元，主要用于以下方面:一般公共服务（类）支出712.91万元，占83.85%；"
                   "教育支出（类）0万元，占0%；卫生健康支出0.09万元，占0.01%；住房保障支出59.03万元，占6.94%。")
    assert {code for code, _ in lines} == {"201", "210", "221"}
    assert lines[("210", "share_pct")].value == Decimal("0.01")
    assert all(li.level == "类" for li in lines.values())


def test_measures_pushed_to_the_next_paragraph():
    lines = _lines("6、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。主要用于：养老保险。",
                   "年初预算为161.62万元，支出决算为160.75万元。", year=2024)
    assert lines[("2080505", "final")].value == Decimal("160.75")
    assert lines[("2080505", "final")].source.block == 1


def test_unresolvable_names_keep_a_null_code():
    lines = _lines("1.某某支出（类）某某事务（款）行政运行（项）：支出决算为10万元。")
    assert (None, "final") in lines and lines[(None, "final")].code_origin is None


def test_item_figures_are_not_department_facts():
    doc = _doc("2020年一般公共预算支出决算数为850.18万元，完成预算100%。其中：",
               "1.一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）:支出决算为486.90万元，完成预算100%。")
    facts = extract_facts(doc, _identity(2020))
    assert [(f.metric, f.value) for f in facts] == [("general_budget.expenditure", Decimal("850.18"))]


@pytest.mark.parametrize("text", ["10.一般公共服务（类）政府办公厅〔室〕及相关机构事务（款）行政运行（项）：反映行政单位的基本支出。"])
def test_glossary_entries_state_no_figure(text):
    assert _lines(text) == {}


def test_learn_lines_from_tables_then_resolve():
    from models.records import LineItem, Source

    table = CodeTable.load()
    rows = [
        LineItem("general_budget_expenditure", "function", "213", "农林水支出", "total", Decimal(5), Source()),
        LineItem("general_budget_expenditure", "function", "21301", "农业农村", "total", Decimal(5), Source()),
        LineItem("general_budget_expenditure", "function", "2130108", "病虫害控制", "total", Decimal(5), Source()),
        LineItem("narrative", "function", "2130199", "其他农业农村支出", "final", Decimal(1), Source(), code_origin="resolved"),
    ]
    # 213 农林水支出 is shipped undated, so 2021 is news; the resolved narrative code teaches nothing.
    assert table.learn_lines(rows, year=2021) == 3
    assert table.learn_lines(rows, year=2021) == 0
    lines = _lines("农林水支出（类）农业农村（款）病虫害控制（项）：支出决算为5万元。", year=2021)
    assert (None, "final") in lines  # the default table has not learned
    doc_lines = extract_narrative_lines(_doc("农林水支出（类）农业农村（款）病虫害控制（项）：支出决算为5万元。"), _identity(2021), table)
    assert [(li.code, li.code_origin) for li in doc_lines] == [("2130108", "resolved")]


def test_class_name_led_into_by_running_text():
    lines = _lines("本年支出主要用于一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）支出决算为10万元。")
    item = lines[("2010301", "final")]
    assert item.source.text.startswith("一般公共服务（类）")


def test_basic_and_project_parts_of_an_item():
    lines = _lines("1.一般公共服务（类）人大事务（款）行政运行（项）：年初预算为100万元，支出决算为98万元，完成年初预算的98%。"
                   "其中：基本支出90万元，项目支出8万元。")
    assert {col: li.value for (code, col), li in lines.items()} == {
        "budget": Decimal(100), "final": Decimal(98), "completion_pct": Decimal(98),
        "basic": Decimal(90), "project": Decimal(8)}
    assert lines[("2010101", "final")].code_origin == "resolved"
