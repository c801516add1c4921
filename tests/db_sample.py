"""A hand-built record of the seed report (盐边县人民政府办公室 2020 决算) for storage tests.

Storage must not depend on extraction being finished, so these tests store records built
here. Every value is checked against ``tests/fixtures/seed_yanbian_2020.txt`` (the line
numbers are given): storage is tested on real figures, not invented ones.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from models.records import Evidence, Fact, Finding, Identity, Indicator, LineItem, Project, ReportRecord, Source

INCOME_TEXT = ("2020年度收入决算总额为850.18万元，其中：当年财政拨款收入850.18万元。收入决算总额较2019年"
               "（731.42万元）增加118.76万元，增加率为16.24%，主要是2020年项目支出增加。")  # line 64
LINE_TEXT = "1.一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）: 支出决算为486.90万元，完成预算100%。"  # line 90
COVID_TEXT = "7.卫生健康（类）公共卫生（款）重大公共卫生服务（项）:支出决算为0.09万元，完成预算100%。"  # line 101
PROJECT_TEXT = "（1）“县政府办公室工作经费”项目绩效目标完成情况综述。项目全年预算数78万元，执行数为77.98万元，完成预算的99.97%。"  # line 161


def seed_identity(department: str = "盐边县人民政府办公室", year: int = 2020) -> Identity:
    title = Source(block=0, line=1, text=f"{department}{year}年度部门决算")
    return Identity(
        department=Evidence(department, "title", title),
        region=Evidence("四川省攀枝花市盐边县", "text", Source(block=5, line=9, text="盐边县")),
        fiscal_year=Evidence(year, "title", title),
        kind=Evidence("final", "title", title),
        scope=Evidence("department", "title", title),
        title=f"{department}{year}年度部门决算",
    )


def narrative_record(department: str = "盐边县人民政府办公室", year: int = 2020) -> ReportRecord:
    """The narrative part: facts, one narrative classification line, one project."""
    income = Source(block=40, line=64, text=INCOME_TEXT)
    return ReportRecord(
        identity=seed_identity(department, year),
        facts=[
            Fact("income.total", D("850.18"), "万元", income, printed_unit="万元",
                 printed_value="850.18", prior_value=D("731.42"), prior_year=2019,
                 change=D("118.76"), change_pct=D("16.24"), year=year),
            Fact("income.fiscal", D("850.18"), "万元", income, printed_unit="万元",
                 printed_value="850.18", year=year),
            # line 72: 基本支出706.02万元，占83.04%
            Fact("expenditure.basic", D("706.02"), "万元",
                 Source(block=44, line=72, text="基本支出706.02万元，占83.04%"),
                 printed_unit="万元", printed_value="706.02", share_pct=D("83.04")),
        ],
        line_items=[
            LineItem("narrative", "function", "2010301", "行政运行", "final", D("486.90"),
                     Source(block=52, line=90, text=LINE_TEXT), printed_unit="万元",
                     printed_value="486.90", code_origin="resolved", level="项"),
            LineItem("narrative", "function", "2100409", "重大公共卫生服务", "final", D("0.09"),
                     Source(block=63, line=101, text=COVID_TEXT), printed_unit="万元",
                     printed_value="0.09", code_origin="resolved", level="项"),
        ],
        projects=[
            Project("县政府办公室工作经费", Source(block=90, line=161, text=PROJECT_TEXT),
                    form="narrative", budget=D("78"), executed=D("77.98"),
                    completion_pct=D("99.97"), printed_unit="万元",
                    indicators=(Indicator("项目完成指标", "数量指标", "完成各项目标任务",
                                          "完成2020年县政府工作报告", "按工作计划全部完成",
                                          Source(block=120, line=278, row=5, col=3,
                                                 text="按工作计划全部完成")),)),
        ],
        findings=[Finding("narrative_vs_form", "error",
                          "新型冠状肺炎防控 执行数 0.09 (narrative) vs 0.9 (form)",
                          blocks=(63,), values=(("narrative", "0.09"), ("form", "0.9")),
                          subject="新型冠状肺炎防控工作保障经费")],
        tables_found=[{"table": "narrative", "block": 52}],
        warnings=[],
    )


def tables_record(department: str = "盐边县人民政府办公室", year: int = 2020) -> ReportRecord:
    """A complementary part (as if the tables were published in a second file)."""
    return ReportRecord(
        identity=seed_identity(department, year),
        line_items=[
            LineItem("general_budget_expenditure", "function", "2010301", "行政运行", "total",
                     D("486.90"), Source(block=3, page=14, row=6, col=3, text="486.90"),
                     printed_unit="万元", printed_value="486.90", code_origin="printed", level="项"),
            LineItem("general_budget_expenditure", "function", "20103",
                     "政府办公厅（室）及相关机构事务", "total", D("712.91"),
                     Source(block=3, page=14, row=5, col=3, text="712.91"),
                     printed_unit="万元", printed_value="712.91", code_origin="printed", level="款"),
        ],
    )


def precise_record() -> ReportRecord:
    """Values whose digits a float would change or drop (trailing zeros, 4 decimals)."""
    record = narrative_record("精度测试局", 2021)
    fact = replace(record.facts[0], value=D("15621.1123"), prior_value=D("78.00"),
                   change=D("-0.01"), change_pct=D("-1.28"))
    return replace(record, facts=[fact])


def prior_year_record() -> ReportRecord:
    """The 2019 report of the same office, holding only the figure the 2020 report restates
    (731.42, line 64); lets the year-pair queries run without inventing a number."""
    source = Source(block=40, line=64, text=INCOME_TEXT)
    return ReportRecord(
        identity=seed_identity(year=2019),
        facts=[Fact("income.total", D("731.42"), "万元", source, printed_unit="万元",
                    printed_value="731.42", year=2019)],
    )
