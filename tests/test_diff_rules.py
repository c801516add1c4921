"""compare_reports on hand-built records: matching, renames, restatements, ordering, threshold."""

from __future__ import annotations

from decimal import Decimal as D

from compare.crosswalk import Crosswalk
from compare.diff import compare_reports, within_rounding
from models.records import Evidence, Fact, Identity, LineItem, Project, ReportRecord, Source


def identity(year: int) -> Identity:
    return Identity(department=Evidence("盐边县人民政府办公室", "text"), fiscal_year=Evidence(year, "text"),
                    kind=Evidence("final", "text"))


def fact(metric: str, value: str, **kw) -> Fact:
    return Fact(metric=metric, value=D(value), unit="万元", source=Source(block=1, page=kw.pop("page", 3)), **kw)


def line(code: str | None, name: str, value: str, table: str = "expenditure", column: str = "total",
         classification: str = "function") -> LineItem:
    return LineItem(table=table, classification=classification, code=code, name=name, column=column,
                    value=D(value), source=Source(block=5, page=10))


def rec(year: int, facts=(), lines=(), projects=()) -> ReportRecord:
    return ReportRecord(identity=identity(year), facts=list(facts), line_items=list(lines), projects=list(projects))


def test_facts_side_by_side_with_change_largest_first():
    a = rec(2019, facts=[fact("income.total", "731.42"), fact("operating_costs", "54.64"),
                         fact("three_public.total", "0.25")])
    b = rec(2020, facts=[fact("income.total", "850.18"), fact("operating_costs", "53.77"),
                         fact("procurement.total", "8.69")])
    diff = compare_reports(a, b)
    assert [(f.metric, f.status) for f in diff.facts] == [
        ("income.total", "changed"), ("operating_costs", "changed"),
        ("procurement.total", "added"), ("three_public.total", "removed")]
    income = diff.facts[0]
    assert income.change.delta == D("118.76") and income.change.pct == D("16.24")
    assert income.label == "收入总额"


def test_threshold_hides_small_changes():
    a = rec(2019, facts=[fact("income.total", "731.42"), fact("operating_costs", "54.64")])
    b = rec(2020, facts=[fact("income.total", "850.18"), fact("operating_costs", "53.77")])
    diff = compare_reports(a, b, threshold=1)
    assert [(f.metric, f.status) for f in diff.facts] == [("income.total", "changed"),
                                                          ("operating_costs", "unchanged")]


def test_renamed_kuan_is_renamed_not_removed_and_added():
    a = rec(2019, lines=[line("20805", "行政事业单位离退休", "70.10"), line("2010399", "其他政府办公厅（室）及相关机构事务支出", "3")])
    b = rec(2020, lines=[line("20805", "行政事业单位养老支出", "78.15"), line("2100409", "重大公共卫生服务", "0.09")])
    diff = compare_reports(a, b)
    by_code = {c.code: c for c in diff.lines}
    renamed = by_code["20805"]
    assert renamed.status == "renamed" and renamed.name_a == "行政事业单位离退休"
    assert renamed.name_b == "行政事业单位养老支出" and "对照表" in (renamed.rename or "")
    assert renamed.change.delta == D("8.05")
    assert by_code["2010399"].status == "removed" and by_code["2100409"].status == "added"


def test_class_renamed_with_and_without_the_zhichu_suffix():
    a = rec(2018, lines=[line("210", "医疗卫生与计划生育支出", "5")])
    b = rec(2019, lines=[line("210", "卫生健康", "6")])
    (change,) = compare_reports(a, b).lines
    assert change.status == "renamed" and change.rename.startswith("210 医疗卫生与计划生育支出 → 210 卫生健康支出")


def test_moved_code_follows_the_crosswalk_not_the_old_code():
    eco = dict(table="general_budget_basic", classification="economic")
    a = rec(2017, lines=[line("30311", "住房公积金", "40", **eco)])
    b = rec(2018, lines=[line("30113", "住房公积金", "42", **eco), line("30311", "代缴社会保险费", "1", **eco)])
    diff = compare_reports(a, b)
    moved = next(c for c in diff.lines if c.code_a == "30311")
    assert (moved.code_b, moved.status, moved.change.delta) == ("30113", "renamed", D("2"))
    assert next(c for c in diff.lines if c.name_b == "代缴社会保险费").status == "added"


def test_backwards_diff_uses_the_crosswalk_backwards():
    a = rec(2020, lines=[line("20805", "行政事业单位养老支出", "78.15")])
    b = rec(2019, lines=[line("20805", "行政事业单位离退休", "70.10")])
    (change,) = compare_reports(a, b).lines
    assert change.status == "renamed" and "对照表" in change.rename


def test_undocumented_name_change_on_the_same_code_is_still_reported():
    a = rec(2019, lines=[line("2010350", "事业运行", "80")])
    b = rec(2020, lines=[line("2010350", "事业运行（政府办）", "81.94")])
    (change,) = compare_reports(a, b, crosswalk=Crosswalk([])).lines
    assert change.status == "renamed" and change.rename.startswith("名称不同")


def test_a_table_only_one_report_has_is_noted_not_removed():
    a = rec(2019, lines=[line("201", "一般公共服务支出", "600"), line("201", "一般公共服务支出", "600", table="narrative", column="final")])
    b = rec(2020, lines=[line("201", "一般公共服务支出", "712.91", table="narrative", column="final")])
    diff = compare_reports(a, b)
    assert [(c.table, c.status) for c in diff.lines] == [("narrative", "changed")]
    assert diff.notes == ["支出表 (total) 仅见于2019年报告，未比较"]


def test_projects_matched_by_name():
    a = rec(2019, projects=[Project("县政府办公室工作经费", Source(page=9), budget=D("70"), executed=D("69.5")),
                            Project("2019年专项", Source(page=10), budget=D("5"), executed=D("5"))])
    b = rec(2020, projects=[Project("县政府办公室工作经费", Source(page=9), budget=D("78"), executed=D("77.98")),
                            Project("新型冠状肺炎防控工作保障经费", Source(page=11), budget=D("1"), executed=D("0.9"))],
            facts=[fact("project.executed", "4", subject="“全市脱贫攻坚现场会”")])
    diff = compare_reports(a, b)
    status = {p.name: p.status for p in diff.projects}
    assert status == {"县政府办公室工作经费": "changed", "2019年专项": "removed",
                      "新型冠状肺炎防控工作保障经费": "added", "“全市脱贫攻坚现场会”": "added"}
    assert diff.projects[0].executed.delta == D("8.48")


def test_restatement_from_a_stated_prior_and_from_a_change():
    a = rec(2019, facts=[fact("income.total", "731.42", page=3), fact("operating_costs", "54.64", page=8)])
    b = rec(2020, facts=[fact("income.total", "850.18", prior_value=D("731.42"), change=D("118.76")),
                         fact("operating_costs", "53.77", change=D("-0.69"), page=11)])
    (r,) = compare_reports(a, b).restatements
    assert (r.metric, r.stated_in_b, r.own_in_a, r.how) == ("operating_costs", D("54.46"), D("54.64"), "implied")
    assert r.difference == D("-0.18") and (r.page_a, r.page_b) == (8, 11) and not within_rounding(r)


def test_prior_year_of_another_year_is_no_restatement():
    a = rec(2019, facts=[fact("operating_costs", "54.64")])
    b = rec(2021, facts=[fact("operating_costs", "53.77", prior_value=D("50"), prior_year=2020)])
    assert compare_reports(a, b).restatements == []


def test_no_restatement_across_kinds():
    a = rec(2019, facts=[fact("operating_costs", "54.64")])
    b = ReportRecord(identity=Identity(department=Evidence("盐边县人民政府办公室", "text"),
                                       fiscal_year=Evidence(2020, "text"), kind=Evidence("budget", "text")),
                     facts=[fact("operating_costs", "53.77", change=D("-0.69"))])
    diff = compare_reports(a, b)
    assert diff.restatements == [] and "不比较上年数重述" in diff.notes[-1]


def test_a_name_change_the_code_table_records_says_so():
    a = rec(2019, lines=[line("20805", "行政事业单位离退休", "70.10")])
    b = rec(2024, lines=[line("20805", "行政事业单位养老支出", "78.15")])
    (change,) = compare_reports(a, b, crosswalk=Crosswalk([])).lines
    assert change.status == "renamed" and change.rename.startswith("名称不同（代码表记录）")
