"""The consistency rules on hand-built records (figures taken from the seed report).

Each test builds only the facts, lines or projects a rule reads, so a failure names the rule.
The seed's real extraction is tested in test_checks_seed.py.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from extractors.checks import RULES, run_checks
from extractors.checks.policy import percent_disagrees, printed_half_unit
from models.records import Evidence, Fact, Identity, LineItem, Project, ReportRecord, Source

IDENTITY = Identity(department=Evidence("盐边县人民政府办公室", "text"), fiscal_year=Evidence(2020, "text"),
                    kind=Evidence("final", "text"), scope=Evidence("department", "text"))


def src(page: int, block: int = 0, text: str = "") -> Source:
    return Source(block=block, page=page, text=text)


def fact(metric: str, value: str | None, page: int = 3, block: int = 0, **kw) -> Fact:
    return Fact(metric=metric, value=None if value is None else D(value), unit=kw.pop("unit", "万元"),
                source=src(page, block), printed_value=value, printed_unit=kw.pop("printed_unit", "万元"), **kw)


def line(code: str | None, name: str, value: str, table: str = "narrative", column: str = "final",
         page: int = 5, block: int = 10, row: int | None = None) -> LineItem:
    return LineItem(table=table, classification="function", code=code, name=name, column=column,
                    value=D(value), source=Source(block=block, page=page, row=row), printed_value=value)


def record(facts=(), lines=(), projects=()) -> ReportRecord:
    return ReportRecord(identity=IDENTITY, facts=list(facts), line_items=list(lines), projects=list(projects))


def by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


# -- policy ---------------------------------------------------------------------------

def test_percent_rounding_follows_the_printed_precision():
    assert not percent_disagrees(D("83.04"), D("83.0430"))
    assert percent_disagrees(D("9.3"), D("9"))
    assert not percent_disagrees(D("100"), D("99.7"))  # "100%" is only known to ±0.5
    assert percent_disagrees(D("100"), D("99.4"))


def test_yi_yuan_figures_widen_the_tolerance_to_their_printed_digit():
    assert printed_half_unit("1.23", "亿元") == D("50")
    assert printed_half_unit("712.91", "万元") == 0


def test_every_rule_has_a_description():
    findings = run_checks(record(
        facts=[fact("basic.personnel", "652.26"), fact("basic.public", "53.77"),
               fact("general_budget.basic", "800")]))
    assert findings and all(f.rule in RULES for f in findings)


# -- sums -----------------------------------------------------------------------------

def test_personnel_plus_public_within_a_cent_of_basic_is_info():
    findings = run_checks(record(facts=[
        fact("general_budget.basic", "706.02", page=6, block=40),
        fact("basic.personnel", "652.26", page=6, block=41),
        fact("basic.public", "53.77", page=6, block=42),
    ]))
    (f,) = by_rule(findings, "basic_personnel_public")
    assert f.severity == "info"
    assert "706.03" in f.message and "706.02万元" in f.message and "第6页" in f.message
    assert f.pages == (6,) and f.blocks == (40, 41, 42)
    assert ("各部分之和", "706.03万元") in f.values


def test_personnel_plus_public_far_from_basic_is_an_error():
    findings = run_checks(record(facts=[
        fact("general_budget.basic", "706.02"), fact("basic.personnel", "652.26"), fact("basic.public", "43.77"),
    ]))
    assert [f.severity for f in by_rule(findings, "basic_personnel_public")] == ["error"]


def test_a_qizhong_list_naming_some_parts_is_not_a_sum_claim():
    # "收入决算总额为850.18万元，其中：当年财政拨款收入800万元" names one source only.
    findings = run_checks(record(facts=[fact("income.total", "850.18"), fact("income.fiscal", "800")]))
    assert by_rule(findings, "total_vs_parts") == []


def test_parts_exceeding_their_total_are_an_error_even_when_incomplete():
    findings = run_checks(record(facts=[fact("expenditure.total", "850.18"),
                                        fact("expenditure.basic", "706.02"), fact("expenditure.project", "244.16")]))
    (f,) = by_rule(findings, "total_vs_parts")
    assert f.severity == "error" and "100" in f.message


def test_complete_expenditure_breakdown_that_falls_short_is_an_error():
    findings = run_checks(record(facts=[
        fact("expenditure.total", "850.18"), fact("expenditure.basic", "706.02"),
        fact("expenditure.project", "134.16"), fact("expenditure.to_superior", "0"),
        fact("expenditure.operating", "0"), fact("expenditure.to_affiliates", "0"),
    ]))
    assert [f.severity for f in by_rule(findings, "total_vs_parts")] == ["error"]


def test_three_public_total_against_its_parts():
    ok = run_checks(record(facts=[fact("three_public.total", "0.5"), fact("three_public.outbound", "0"),
                                  fact("three_public.vehicle", "0.5"), fact("three_public.reception", "0")]))
    assert by_rule(ok, "three_public_sum") == []
    bad = run_checks(record(facts=[fact("three_public.total", "1.5"), fact("three_public.outbound", "0"),
                                   fact("three_public.vehicle", "0.5"), fact("three_public.reception", "0")]))
    assert [f.severity for f in by_rule(bad, "three_public_sum")] == ["error"]


def test_prior_year_facts_are_not_summed_with_this_year():
    findings = run_checks(record(facts=[fact("general_budget.basic", "706.02"), fact("basic.personnel", "652.26"),
                                        fact("basic.public", "60", year=2019)]))
    assert by_rule(findings, "basic_personnel_public") == []


# -- lines ----------------------------------------------------------------------------

SEED_LINES = [
    line("201", "一般公共服务支出", "712.91", block=20),
    line("2010301", "行政运行", "486.90", block=22),
    line("2010302", "一般行政管理事务", "144.06", block=23),
    line("2010350", "事业运行", "81.94", block=24),
    line("208", "社会保障和就业支出", "78.15", block=20),
    line("2080501", "行政单位离退休", "26.34", block=25),
    line("2080505", "机关事业单位基本养老保险缴费支出", "44.81", block=26),
    line("2080506", "机关事业单位职业年金缴费支出", "7", block=27),
]


def test_items_a_cent_short_of_their_class_are_info():
    findings = run_checks(record(lines=SEED_LINES))
    (f,) = by_rule(findings, "hierarchy_sum")
    assert f.severity == "info" and f.subject == "201"
    assert "712.90" in f.message and "712.91" in f.message


def test_text_items_well_short_of_their_class_are_a_partial_list():
    lines = [line("201", "一般公共服务支出", "712.91"), line("2010301", "行政运行", "486.90")]
    assert by_rule(run_checks(record(lines=lines)), "hierarchy_sum") == []


def test_table_items_short_of_their_kuan_are_an_error():
    t = "general_budget_expenditure"
    lines = [line("201", "一般公共服务支出", "712.91", table=t, column="total", row=1),
             line("20103", "政府办公厅（室）及相关机构事务", "712.91", table=t, column="total", row=2),
             line("2010301", "行政运行", "486.90", table=t, column="total", row=3),
             line("2010302", "一般行政管理事务", "144.06", table=t, column="total", row=4)]
    (f,) = by_rule(run_checks(record(lines=lines)), "hierarchy_sum")
    assert f.severity == "error" and f.subject == "20103"


def test_table_total_row_against_classes_and_row_parts():
    t = "general_budget_expenditure"
    lines = [line(None, "合计", "850.18", table=t, column="total", row=0),
             line("201", "一般公共服务支出", "712.91", table=t, column="total", row=1),
             line("208", "社会保障和就业支出", "78.15", table=t, column="total", row=2),
             line("221", "住房保障支出", "59.03", table=t, column="total", row=3),
             line("201", "一般公共服务支出", "568.76", table=t, column="basic", row=1),
             line("201", "一般公共服务支出", "144.16", table=t, column="project", row=1)]
    findings = run_checks(record(lines=lines))
    (total,) = by_rule(findings, "table_total")
    assert total.severity == "error" and "850.09" in total.message
    (row,) = by_rule(findings, "row_sum")
    assert row.severity == "info" and "基本支出+项目支出 = 712.92万元" in row.message


def test_sentence_total_against_the_classes_it_lists():
    fact_total = fact("general_budget.expenditure", "850.18", page=4, block=20)
    lines = [line("201", "一般公共服务支出", "712.91", block=20), line("208", "社会保障和就业支出", "78.15", block=20),
             line("210", "卫生健康支出", "0.09", block=20), line("221", "住房保障支出", "59.03", block=20)]
    assert by_rule(run_checks(record(facts=[fact_total], lines=lines)), "total_vs_parts") == []
    too_much = lines + [line("207", "文化旅游体育与传媒支出", "5", block=20)]
    (f,) = by_rule(run_checks(record(facts=[fact_total], lines=too_much)), "total_vs_parts")
    assert f.severity == "error"


# -- ratios ---------------------------------------------------------------------------

def test_completion_rate_that_does_not_follow_from_the_amounts_is_a_warning():
    name = "新型冠状肺炎防控工作保障经费"
    facts = [fact("project.budget", "1", page=7, subject=name),
             fact("project.executed", "0.09", page=7, subject=name),
             Fact("project.completion_pct", D("9.3"), "%", src(7), printed_value="9.3", subject=name)]
    (f,) = by_rule(run_checks(record(facts=facts)), "completion_pct")
    assert f.severity == "warning" and f.subject == name
    assert "9.3%" in f.message and "9.00%" in f.message


def test_completion_rate_that_rounds_correctly_is_no_finding():
    name = "县政府办公室工作经费"
    facts = [fact("project.budget", "78", subject=name), fact("project.executed", "77.98", subject=name),
             Fact("project.completion_pct", D("99.97"), "%", src(7), subject=name)]
    assert by_rule(run_checks(record(facts=facts)), "completion_pct") == []


def test_shares_and_changes_against_the_amounts():
    good = [fact("expenditure.total", "850.18"), fact("expenditure.basic", "706.02", share_pct=D("83.04")),
            fact("income.total", "850.18", prior_value=D("731.42"), change=D("118.76"), change_pct=D("16.24"))]
    assert run_checks(record(facts=good)) == []
    bad = [fact("expenditure.total", "850.18"), fact("expenditure.basic", "706.02", share_pct=D("80.04")),
           fact("income.total", "850.18", prior_value=D("731.42"), change=D("128.76"), change_pct=D("17.24"))]
    findings = run_checks(record(facts=bad))
    assert [f.severity for f in by_rule(findings, "share_pct")] == ["warning"]
    assert [f.severity for f in by_rule(findings, "change_amount")] == ["error"]
    assert [f.severity for f in by_rule(findings, "change_pct")] == ["warning"]


def test_change_rate_from_a_change_without_a_prior_value():
    # 机关运行经费 53.77万元，比2019年减少0.69万元，下降1.28% → prior 54.46, rate −1.27%.
    ok = [fact("operating_costs", "53.77", change=D("-0.69"), change_pct=D("-1.27"))]
    assert run_checks(record(facts=ok)) == []
    off = [fact("operating_costs", "53.77", change=D("-0.69"), change_pct=D("-12.8"))]
    assert [f.rule for f in run_checks(record(facts=off))] == ["change_pct"]


def test_a_zero_base_is_not_a_percentage():
    facts = [fact("three_public.vehicle", "0.5", prior_value=D("0"), change=D("0.5"), change_pct=D("100"))]
    assert run_checks(record(facts=facts)) == []


# -- agreement ------------------------------------------------------------------------

def test_project_executed_in_text_against_form_is_an_error_with_both_pages():
    name = "新型冠状肺炎防控工作保障经费"
    facts = [fact("project.executed", "0.09", page=7, block=70, subject=f"“{name}”")]
    form = Project(name=name, source=Source(block=90, page=9), budget=D("1"), executed=D("0.9"))
    (f,) = by_rule(run_checks(record(facts=facts, projects=[form])), "narrative_vs_form")
    assert f.severity == "error" and f.pages == (7, 9) and f.subject == name
    assert f.message == f"{name}: 执行数: 0.09万元 (正文, 第7页) ≠ 0.9万元 (绩效表, 第9页)"


def test_same_metric_in_text_and_table():
    facts = [fact("expenditure.total", "850.18", page=3), fact("expenditure.total", "850.18", page=12, origin="table"),
             fact("income.total", "850.18", page=3), fact("income.total", "850.15", page=12, origin="table"),
             fact("general_budget.basic", "706.02", page=6), fact("general_budget.basic", "760.02", page=6)]
    findings = run_checks(record(facts=facts))
    assert [(f.rule, f.severity) for f in findings if f.subject == "income.total"] == [("narrative_vs_table", "info")]
    assert [(f.rule, f.severity) for f in findings if f.subject == "general_budget.basic"] == [
        ("narrative_restated", "error")]
    assert not [f for f in findings if f.subject == "expenditure.total"]


def test_text_line_against_the_general_budget_table():
    lines = [line("2010301", "行政运行", "486.90", page=5),
             line("2010301", "行政运行", "468.90", table="general_budget_expenditure", column="total", page=14, row=3)]
    (f,) = by_rule(run_checks(record(lines=lines)), "narrative_vs_table")
    assert f.severity == "error" and f.pages == (5, 14)


def test_findings_come_most_severe_first():
    name = "新型冠状肺炎防控工作保障经费"
    findings = run_checks(record(
        facts=[fact("general_budget.basic", "706.02"), fact("basic.personnel", "652.26"), fact("basic.public", "53.77"),
               fact("project.executed", "0.09", subject=name)],
        projects=[Project(name=name, source=src(9), executed=D("0.9"))]))
    assert [f.severity for f in findings] == ["error", "info"]


def test_one_figure_printed_in_wan_and_in_yuan_is_no_finding():
    text = line("2210201", "住房公积金", "350.35", page=9)
    table = LineItem(table="general_budget_expenditure", classification="function", code="2210201",
                     name="住房公积金", column="total", value=D("350.3499"), source=Source(block=80, page=26, row=40),
                     printed_value="3,503,499", printed_unit="元")
    assert run_checks(record(lines=[text, table])) == []
    off = replace(table, value=D("352.6700"), printed_value="3,526,700")
    (f,) = run_checks(record(lines=[text, off]))
    assert f.rule == "narrative_vs_table" and f.severity == "error" and "3,526,700元" in f.message


def test_a_total_in_the_text_against_the_same_total_in_a_table():
    # 财政局 2024, p.21: "财政拨款收入支出总计0.3万元" against the 总表's 总计 2,961.68 (p.13).
    facts = [fact("appropriation.grand_total", "0.3", page=21),
             fact("appropriation.grand_total", "2961.68", page=13, origin="table"),
             fact("appropriation.income", "2940.05", page=13, origin="table")]
    (f,) = run_checks(record(facts=facts))
    assert (f.rule, f.severity, f.pages) == ("narrative_vs_table", "error", (13, 21))
    assert f.message == "财政拨款收入支出总计: 0.3万元 (正文, 第21页) ≠ 2961.68万元 (表格, 第13页)"


def test_line_change_rate_against_prior_execution_in_the_same_sentence():
    # 司法局 2026 p.9 item 9: 职业年金 "2025年当年预算执行数为77.99万元，2026年预算安排91.97万元，
    # 比2025年预算执行数增加17.66%" — 77.99 → 91.97 is +17.93 %.
    def pct(code, column, value):
        return LineItem(table="narrative", classification="function", code=code, name="机关事业单位职业年金缴费支出",
                        column=column, value=D(value), unit="%", source=Source(block=10, page=9))
    lines = [line("2080506", "机关事业单位职业年金缴费支出", "91.97", column="total", page=9),
             line("2080506", "机关事业单位职业年金缴费支出", "77.99", column="prior_executed", page=9),
             pct("2080506", "change_pct", "17.66")]
    (f,) = run_checks(record(lines=lines))
    assert (f.rule, f.severity, f.subject) == ("change_pct", "warning", "2080506")
    assert ("按金额计算", "17.93%") in f.values
    assert run_checks(record(lines=lines[:2] + [pct("2080506", "change_pct", "17.93")])) == []


def test_one_paragraph_giving_a_line_two_amounts_is_an_error():
    # 万里街道 2024 p.9 item 31: "住房公积金（项）”350.35万元 … 2024年预算安排352.67万元".
    lines = [line("2210201", "住房公积金", "350.35", column="total", block=67, page=9),
             line("2210201", "住房公积金", "352.67", column="total", block=67, page=9),
             line("2210201", "住房公积金", "340.00", column="total", block=90, page=12)]
    (f,) = run_checks(record(lines=lines))
    assert (f.rule, f.severity, f.subject) == ("narrative_restated", "error", "2210201")
    assert f.message == "住房公积金 (2210201): 350.35万元 (正文, 第9页) ≠ 352.67万元 (正文, 第9页)"


def test_identity_from_file_name_or_unknown_is_flagged():
    from dataclasses import replace

    guessed = replace(IDENTITY, fiscal_year=Evidence(2020, "filename", Source(text="2020年某局决算.pdf")), scope=None)
    findings = [f for f in run_checks(ReportRecord(identity=guessed)) if f.rule == "identity_incomplete"]
    assert [f.message for f in findings] == ["identity incomplete: fiscal_year from file name",
                                             "identity incomplete: scope not stated (give it with --manifest)"]
    assert all(f.severity == "warning" for f in findings)
    given = replace(guessed, fiscal_year=Evidence(2020, "manifest"), scope=Evidence("department", "manifest"))
    assert not [f for f in run_checks(ReportRecord(identity=given)) if f.rule == "identity_incomplete"]


# -- row_sum: only complete rows are sums ---------------------------------------------

def _income_row(*cells: tuple[str, str]) -> list[LineItem]:
    return [line("201", "一般公共服务支出", value, table="income", column=column, row=1, block=42)
            for column, value in cells]


def _income_table(*measures: str) -> dict:
    columns = [{"index": i, "role": "measure", "measure": m} for i, m in enumerate(("total", *measures))]
    return {"key": "income", "block": 42, "blocks": [42], "columns": columns}


def test_row_sum_with_columns_the_parts_do_not_name_is_a_qizhong_list():
    # A budget income table: 合计 = 一般公共预算 + 财政专户 + 上年结转; only 一般公共预算 is a known part.
    cells = _income_row(("total", "100"), ("general_budget", "70"), ("教育收费", "20"), ("carryover_start", "10"))
    rec = replace(record(lines=cells), tables_found=[_income_table("general_budget", "教育收费", "carryover_start")])
    assert by_rule(run_checks(rec), "row_sum") == []
    too_much = _income_row(("total", "100"), ("general_budget", "170"), ("教育收费", "20"))
    rec = replace(record(lines=too_much), tables_found=[_income_table("general_budget", "教育收费")])
    (f,) = by_rule(run_checks(rec), "row_sum")
    assert f.severity == "error"  # the named parts alone exceed the 合计: a real contradiction


def test_row_sum_takes_fiscal_from_its_three_kinds_and_stays_complete():
    cells = _income_row(("total", "100"), ("general_budget", "60"), ("gov_fund", "10"), ("business", "20"))
    rec = replace(record(lines=cells), tables_found=[_income_table("general_budget", "gov_fund", "business")])
    (f,) = by_rule(run_checks(rec), "row_sum")
    assert f.severity == "error" and "一般公共预算+政府性基金预算+事业收入 = 90万元" in f.message
    ok = _income_row(("total", "90"), ("general_budget", "60"), ("gov_fund", "10"), ("business", "20"))
    rec = replace(record(lines=ok), tables_found=[_income_table("general_budget", "gov_fund", "business")])
    assert by_rule(run_checks(rec), "row_sum") == []


def test_row_sum_basic_printed_as_personnel_and_public():
    t = "expenditure"
    cells = [line("204", "公共安全支出", v, table=t, column=c, row=3)
             for c, v in (("total", "325711.11"), ("personnel", "200000"), ("public", "66628.67"), ("project", "59082.44"))]
    assert by_rule(run_checks(record(lines=cells)), "row_sum") == []


def test_row_sum_with_a_measure_printed_twice_is_not_complete():
    cells = _income_row(("total", "100"), ("general_budget", "50"))
    rec = replace(record(lines=cells), tables_found=[_income_table("general_budget", "general_budget")])
    assert by_rule(run_checks(rec), "row_sum") == []


# -- narrative lines against the table they restate -----------------------------------

def test_narrative_class_line_may_restate_the_all_funds_table():
    lines = [line("204", "公共安全", "325711.11", page=6, block=3),
             line("204", "公共安全支出", "299901.02", table="general_budget_expenditure", column="total", row=2),
             line("204", "公共安全支出", "325711.11", table="expenditure", column="total", row=2)]
    assert by_rule(run_checks(record(lines=lines)), "narrative_vs_table") == []


def test_narrative_class_line_no_table_prints_is_an_error():
    lines = [line("204", "公共安全", "325000", page=6, block=3),
             line("204", "公共安全支出", "299901.02", table="general_budget_expenditure", column="total", row=2),
             line("204", "公共安全支出", "325711.11", table="expenditure", column="total", row=2)]
    (f,) = by_rule(run_checks(record(lines=lines)), "narrative_vs_table")
    assert f.severity == "error" and "325711.11" in f.message


# -- scopes and printed rounding --------------------------------------------------------

def test_income_total_with_the_carryover_among_its_sources():
    # A budget's text: 收入预算866561.92 = 财政拨款841579.92 + 其他资金2938.74 + 上年结转结余22043.26.
    facts = [fact("income.total", "866561.92", block=4), fact("income.fiscal", "841579.92", block=5),
             fact("income.superior_subsidy", "0", block=5), fact("income.business", "510", block=5),
             fact("income.operating", "0", block=5), fact("income.affiliated", "0", block=5),
             fact("income.other", "2428.74", block=5), fact("income.carryover", "22043.26", block=5)]
    assert by_rule(run_checks(record(facts=facts)), "total_vs_parts") == []
    wrong = [replace(f, value=D("2000")) if f.metric == "income.other" else f for f in facts]
    (f,) = by_rule(run_checks(record(facts=wrong)), "total_vs_parts")
    assert f.severity == "error"


def test_expenditure_total_with_the_year_end_carryover_among_its_uses():
    # 北京市政务服务和数据管理局 2026 budget (the corpus scan, read by OCR): 支出预算101,673.03 =
    # 基本支出38,197.01 + 项目支出63,408.16 + 年终结转结余资金67.86.
    facts = [fact("expenditure.total", "101673.03", block=20), fact("expenditure.basic", "38197.01", block=21),
             fact("expenditure.project", "63408.16", block=22), fact("expenditure.operating", "0", block=23),
             fact("expenditure.to_superior", "0", block=24), fact("expenditure.to_affiliates", "0", block=25),
             fact("expenditure.carryover", "67.86", block=26)]
    assert by_rule(run_checks(record(facts=facts)), "total_vs_parts") == []
    wrong = [replace(f, value=D("60.00")) if f.metric == "expenditure.carryover" else f for f in facts]
    (f,) = by_rule(run_checks(record(facts=wrong)), "total_vs_parts")
    assert f.severity == "error"


def test_text_total_with_carryover_against_the_tables_income_of_the_year():
    facts = [fact("income.total", "404415.23", page=6), fact("income.carryover", "4023.45", page=6),
             fact("income.total", "400391.78", page=20, origin="table")]
    assert by_rule(run_checks(record(facts=facts)), "narrative_vs_table") == []
    off = [*facts[:2], fact("income.total", "400000", page=20, origin="table")]
    (f,) = by_rule(run_checks(record(facts=off)), "narrative_vs_table")
    assert f.severity == "error"


def test_personnel_and_public_of_the_totals_own_paragraph():
    # p.6 states 人员/公用 of all 基本支出, p.11 of the general budget's 293,191.86.
    facts = [fact("basic.personnel", "250110.65", page=6, block=3), fact("basic.public", "47792.58", page=6, block=3),
             fact("general_budget.basic", "293191.86", page=11, block=9),
             fact("basic.personnel", "246458.22", page=11, block=10), fact("basic.public", "46733.64", page=11, block=11)]
    findings = run_checks(record(facts=facts))
    assert by_rule(findings, "basic_personnel_public") == []
    assert by_rule(findings, "narrative_restated") == []  # two sections, two scopes


def test_whole_wan_text_figure_against_a_yuan_table_is_rounding():
    facts = [Fact("income.total", D("28828"), "万元", src(6), printed_value="28,828", printed_unit="万元"),
             Fact("income.total", D("28828.0739"), "万元", src(9), printed_value="288,280,739", printed_unit="元",
                  origin="table")]
    (f,) = by_rule(run_checks(record(facts=facts)), "narrative_vs_table")
    assert f.severity == "info"
    facts[1] = replace(facts[1], value=D("28829.0739"), printed_value="288,290,739")
    (f,) = by_rule(run_checks(record(facts=facts)), "narrative_vs_table")
    assert f.severity == "error"


def test_text_line_against_the_appropriation_summary_expenditure_side():
    lines = [line("201", "一般公共服务", "15291.3", page=18, block=3),
             line("201", "一般公共服务支出", "13144.37", table="general_budget_expenditure", column="total", row=2),
             replace(line("201", "一般公共服务支出", "15291.30", table="appropriation_summary", column="budget", row=4),
                     side="expenditure")]
    assert by_rule(run_checks(record(lines=lines)), "narrative_vs_table") == []


def test_text_basic_of_the_general_budget_against_the_all_funds_table():
    # "一般公共预算财政拨款支出128148.56万元…其中：基本支出33325.21万元": the general budget's 基本支出.
    facts = [fact("expenditure.basic", "33325.21", page=6), fact("expenditure.basic", "41418.94", page=18, origin="table")]
    gb = [line(None, "合计", "33325.21", table="general_budget_expenditure", column="basic", row=0)]
    gb = [replace(gb[0], level="合计")]
    assert by_rule(run_checks(record(facts=facts, lines=gb)), "narrative_vs_table") == []
    (f,) = by_rule(run_checks(record(facts=facts)), "narrative_vs_table")  # no such general-budget figure
    assert f.severity == "error"


def test_text_metric_stated_for_several_scopes_is_not_held_to_one_table_value():
    # 基本支出 3389.69 (general budget) and 9.55 (government funds) in two sections; the table's
    # 3399.70 is all funds': no statement of the text is that figure's.
    facts = [fact("expenditure.basic", "3389.69", block=55), fact("expenditure.basic", "9.55", block=58),
             fact("expenditure.basic", "3399.70", page=12, block=19, origin="table")]
    assert by_rule(run_checks(record(facts=facts)), "narrative_vs_table") == []


def test_cross_classified_rows_are_not_a_tree():
    # 部门经济分类 301/302 with 政府经济分类 beside: "505 对事业单位经常性补助" under both.
    t = "general_budget_basic"
    lines = [line(None, "合计", "100", table=t, column="total", row=0),
             line("501", "机关工资福利支出", "20", table=t, column="total", row=1),
             line("50101", "工资奖金津补贴", "20", table=t, column="total", row=2),
             line("505", "对事业单位经常性补助", "50", table=t, column="total", row=3),
             line("50501", "工资福利支出", "50", table=t, column="total", row=4),
             line("505", "对事业单位经常性补助", "30", table=t, column="total", row=5),
             line("50502", "商品和服务支出", "30", table=t, column="total", row=6)]
    findings = run_checks(record(lines=lines))
    assert by_rule(findings, "hierarchy_sum") == [] and by_rule(findings, "table_total") == []
    lines[1] = replace(lines[1], value=D("25"))  # 501 ≠ its one 款: still reported
    (f,) = by_rule(run_checks(record(lines=lines)), "hierarchy_sum")
    assert f.subject == "501"


def test_sources_printed_below_the_years_income_add_up_to_the_grand_total():
    # 收支总表: 本年收入合计32,471.49, then 上级补助收入3,403.00, 收入总计35,874.49; the text: 收入预算35,874.49.
    t = "table"
    facts = [fact("income.total", "32471.49", page=7, origin=t), fact("income_expenditure.grand_total", "35874.49", page=7, origin=t),
             fact("income.fiscal", "28685.65", page=7, origin=t), fact("income.superior_subsidy", "3403.00", page=7, origin=t),
             fact("income.business", "1429.17", page=7, origin=t), fact("income.operating", "1202.53", page=7, origin=t),
             fact("income.affiliated", "0", page=7, origin=t), fact("income.other", "1154.15", page=7, origin=t),
             fact("income.total", "35874.49", page=29)]
    findings = run_checks(record(facts=facts))
    # the parts give 35,874.50 against the 收入总计's 35,874.49: the cent of rounding, no error
    assert [(f.severity, f.subject) for f in by_rule(findings, "total_vs_parts")] == [
        ("info", "income_expenditure.grand_total")]
    assert by_rule(findings, "narrative_vs_table") == []


def test_class_share_of_its_sections_total_and_its_sentences_amount():
    # "财政拨款收支总预算18,728.91万元…一般公共服务支出15,291.3万元，占81.65%" (block 60), after the
    # general-budget section (block 40) stated 一般公共预算财政拨款支出16,474.82万元.
    facts = [fact("general_budget.expenditure", "16474.82", block=40),
             fact("appropriation.grand_total", "18728.91", block=60)]
    pct = LineItem(table="narrative", classification="function", code="201", name="一般公共服务", column="share_pct",
                   value=D("81.65"), unit="%", source=Source(block=60, page=18))
    lines = [line("201", "一般公共服务", "13144.37", block=40), line("201", "一般公共服务", "15291.3", block=55), pct]
    assert by_rule(run_checks(record(facts=facts, lines=lines)), "share_pct") == []
    wrong = [*lines[:2], replace(pct, value=D("85.00"))]
    (f,) = by_rule(run_checks(record(facts=facts, lines=wrong)), "share_pct")
    assert f.severity == "warning" and "18728.91" in f.message


def test_small_micro_share_of_the_sme_contracts():
    facts = [fact("procurement.total", "272067.69"), fact("procurement.sme", "24498.01"),
             fact("procurement.small_micro", "7086.06", share_pct=D("28.93"))]
    assert by_rule(run_checks(record(facts=facts)), "share_pct") == []
    facts[2] = replace(facts[2], share_pct=D("20.02"))
    (f,) = by_rule(run_checks(record(facts=facts)), "share_pct")
    assert f.severity == "warning"
