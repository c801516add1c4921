"""Classification sentences at every level: 类（款）（项）, and lines that start at 款 or 项 under
the 类 (and 款) named before them. Codes: printed, else resolved from the names (the report's
own tables first, in ``extract_report``; here the reference table), else null."""

from __future__ import annotations

from decimal import Decimal

from extractors.classification import extract_narrative_lines
from extractors.document import Document, Format, Paragraph
from extractors.narrative import extract_facts
from models.records import Evidence, Identity

D = Decimal


def _doc(*texts: str) -> Document:
    return Document(blocks=[Paragraph(text=t, page=2) for t in texts], format=Format.TXT)


def _identity(year: int = 2020, kind: str = "final") -> Identity:
    return Identity(fiscal_year=Evidence(year, "title"), kind=Evidence(kind, "title"))


def _by(lines):
    return {(li.code, li.name, li.level, li.column): li.value for li in lines}


def test_kuan_and_xiang_lines_under_the_class_named_before():
    doc = _doc("公共安全支出（类）。",
               "检察（款）行政运行（项）：年初预算为100.00万元，支出决算为98.00万元，完成预算98%。",
               "一般行政管理事务（项）：支出决算为12.50万元。")
    by = _by(extract_narrative_lines(doc, _identity()))
    assert by[("2040401", "行政运行", "项", "final")] == D("98.00")
    assert by[("2040401", "行政运行", "项", "budget")] == D("100.00")
    assert by[("2040401", "行政运行", "项", "completion_pct")] == D(98)
    assert by[("2040402", "一般行政管理事务", "项", "final")] == D("12.50")
    facts = extract_facts(doc, _identity())
    assert not [f for f in facts if f.value in (D("98.00"), D("12.50"))]  # the lines' figures are not department facts


def test_xiang_line_after_a_full_path_takes_its_class_and_kuan():
    doc = _doc("1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）支出决算为486.90万元。",
               "2.一般行政管理事务（项）支出决算为30.58万元。")
    by = _by(extract_narrative_lines(doc, _identity()))
    assert by[("2010301", "行政运行", "项", "final")] == D("486.90")
    assert by[("2010302", "一般行政管理事务", "项", "final")] == D("30.58")


def test_a_line_whose_class_is_never_named_has_no_code():
    lines = extract_narrative_lines(_doc("行政运行（项）：支出决算为20.00万元。"), _identity())
    assert [(li.code, li.code_origin, li.name, li.level, li.column, li.value) for li in lines] == [
        (None, None, "行政运行", "项", "final", D("20.00"))]


def test_definitions_of_xiang_state_no_line():
    """国家信访局 2026 p33-35 名词解释: "行政运行（项）：指…"; "提租补贴（项）：…人均月补贴90元"."""
    doc = _doc("行政运行（项）：指国家信访局机关用于保障机构正常运转的基本支出。",
               "提租补贴（项）：指国务院批准，于2000年开始针对在京中央单位公有住房租金标准提高发放的补贴，人均月补贴90元。")
    assert extract_narrative_lines(doc, _identity(2026, "budget")) == []


def test_line_changes_from_last_year():
    """国家信访局 2026 p21: each 项 with its own change in 万元 and %; 与2025年执行数相同 is 0 and 0 %."""
    doc = _doc("1.一般公共服务支出（类）信访事务（款）行政运行（项）2026年预算数为5,826.21万元，比2025年执行数增加271.14万元，增幅4.88%，主要是财政核定经费增加。",
               "3.一般公共服务支出（类）信访事务（款）机关服务（项）2026年预算数为236.83万元，与2025年执行数相同。",
               "8.社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）2026年预算数为929.97万元，比2025年执行数减少126.49万元，减幅11.97%，主要是离休人员减少。")
    lines = extract_narrative_lines(doc, _identity(2026, "budget"))
    got = {(li.name, li.column): li.value for li in lines}
    assert (got[("行政运行", "total")], got[("行政运行", "change")], got[("行政运行", "change_pct")]) == (D("5826.21"), D("271.14"), D("4.88"))
    assert (got[("机关服务", "change")], got[("机关服务", "change_pct")]) == (D(0), D(0))
    assert (got[("行政单位离退休", "change")], got[("行政单位离退休", "change_pct")]) == (D("-126.49"), D("-11.97"))


def test_a_finals_gap_to_its_budget_is_no_line_change():
    doc = _doc("一般公共服务（类）财政事务（款）行政运行（项）。年初预算为1560.05万元，支出决算为1511.89万元，完成预算96.91%。决算数比预算数减少48.16万元，决算数与预算数基本持平。")
    lines = extract_narrative_lines(doc, _identity(2024, "final"))
    assert not [li for li in lines if li.column in ("change", "change_pct")]


def test_printed_code_before_the_name():
    """福州市公安局巡特警支队 2026 p21: "（一）2040201-行政运行6556.70万元。"; a document number
    ("盐财资行〔2020〕243号下达…经费32万元", seed) is no code."""
    doc = _doc("（一）2040201-行政运行6556.70万元。主要用于单位基本支出。",
               "（六）2210201-住房公积金647.74万元。主要用于单位住房公积金支出。",
               "根据盐财资行〔2020〕27号、盐财资行〔2020〕243号下达办公设备专项购置经费32万元。")
    lines = extract_narrative_lines(doc, _identity(2026, "budget"))
    assert [(li.code, li.code_origin, li.name, li.column, li.value) for li in lines] == [
        ("2040201", "printed", "行政运行", "total", D("6556.70")),
        ("2210201", "printed", "住房公积金", "total", D("647.74"))]


def test_code_in_brackets_after_the_name_and_reasons_with_amounts():
    """西安市发展和改革委员会 2019 (`发展和改革局_2026年部门预算.pdf` p23): the reason clause's amounts
    are the parts' changes, not the line's."""
    doc = _doc("（1）行政运行（2010401）2740.23万元，较上年增加957.62万元，原因是：一是人员经费支出增加840.12万元，"
               "主要是人员调资所导致；二是公用经费支出增加117.5万元。")
    lines = extract_narrative_lines(doc, _identity(2019, "budget"))
    assert [(li.code, li.code_origin, li.column, li.value) for li in lines] == [
        ("2010401", "printed", "total", D("2740.23")), ("2010401", "printed", "change", D("957.62"))]


def test_change_percent_in_brackets_after_the_change():
    """same report p26: "较上年减少24.5万元（43%）"."""
    facts = extract_facts(_doc("1、“三公”经费预算18.6万元，按照财政预算定额标准编报，较上年减少24.5万元（43%），减少的主要原因是严格执行公务接待管理办法。"),
                          _identity(2019, "budget"))
    f = next(x for x in facts if x.metric == "three_public.total")
    assert (f.value, f.change, f.change_pct) == (D("18.6"), D("-24.5"), D(-43))


def test_classes_one_per_numbered_paragraph_without_a_level_marker():
    lines = extract_narrative_lines(_doc(
        "2020年度，本单位一般公共预算财政拨款支出总计1523.06万元。其中：",
        "1. 教育支出1377.26万元，主要用于保教工作的人员经费和办公经费，完成年初预算100%。",
        "2. 社会保障和就业支出145.80万元，主要用于离退休人员支出，完成年初预算98.50%。"), _identity())
    by = {(x.code, x.column): x.value for x in lines}
    assert by[("205", "final")] == Decimal("1377.26")
    assert by[("208", "final")] == Decimal("145.80")
    assert by[("208", "completion_pct")] == Decimal("98.50")


def test_one_numbered_paragraph_naming_a_class_is_no_list():
    lines = extract_narrative_lines(_doc("1. 教育支出1377.26万元，主要用于保教工作。"), _identity())
    assert lines == []


def test_numbered_classes_worded_as_class_subjects_with_tongbi_changes():
    # Guangxi budgets: "(一)文化旅游体育与传媒支出类科目850088.3元,占支出总预算78.33%,同比减少54357.12元"
    lines = extract_narrative_lines(_doc(
        "(一)按支出功能分类科目划分，共分为以下类别：",
        "(一)教育支出类科目620450.5元，占支出总预算71.20%，同比减少31200.40元，下降4.79%。",
        "(二)卫生健康支出类科目50310.26元，占支出总预算5.77%，同比无增减变化。"), _identity(2025, "budget"))
    by = {(x.code, x.column): x.value for x in lines}
    assert by[("205", "total")] == D("62.04505")
    assert by[("205", "share_pct")] == D("71.20")
    assert (by[("205", "change")], by[("205", "change_pct")]) == (D("-3.12004"), D("-4.79"))
    assert by[("210", "total")] == D("5.031026")
    assert (by[("210", "change")], by[("210", "change_pct")]) == (D("0"), D("0"))


def test_a_lines_gap_to_its_budget_is_no_budget():
    """"决算数大于预算数X万元" states the gap (决算 − 预算), signed; it is never the line's budget."""
    doc = Document(blocks=[Paragraph(
        text="1. 教育支出（类）普通教育（款）学前教育（项）1595.95万元，完成年初预算100%，决算数大于预算数55.93万元，"
             "主要原因是工资调标。2. 社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"
             "120.50万元，年初预算为130万元，支出决算小于年初预算9.5万元。", page=4)], format=Format.TXT)
    identity = Identity(fiscal_year=Evidence(2023, "title"), kind=Evidence("final", "title"))
    lines = {(i.code, i.column): i.value for i in extract_narrative_lines(doc, identity)}
    assert lines[("2050201", "budget_gap")] == Decimal("55.93")
    assert ("2050201", "budget") not in lines
    assert lines[("2080505", "budget")] == Decimal("130")
    assert lines[("2080505", "budget_gap")] == Decimal("-9.5")
