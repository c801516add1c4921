"""Hand-built records stored through the storage layer, for the diff/validate command tests.

Figures of the seed (盐边县人民政府办公室 2020) and of its 2019 predecessor, plus two
万里街道 departments whose names share a substring (the ambiguous-name case).
"""

from __future__ import annotations

from decimal import Decimal as D

from sqlalchemy.orm import Session

from db.engine import open_database
from db.store import FileInfo, replace_findings, store_report
from extractors.checks import run_checks
from models.records import Evidence, Fact, Identity, LineItem, Project, ReportRecord, Source


def _record(department: str, year: int, kind: str, facts, lines=(), projects=()) -> ReportRecord:
    identity = Identity(department=Evidence(department, "title"), fiscal_year=Evidence(year, "title"),
                        kind=Evidence(kind, "title"), scope=Evidence("department", "title"))
    return ReportRecord(identity=identity, facts=list(facts), line_items=list(lines), projects=list(projects))


def _fact(metric: str, value: str, page: int = 3, **kw) -> Fact:
    return Fact(metric=metric, value=D(value), unit="万元", source=Source(block=1, page=page, text="…"),
                printed_value=value, printed_unit="万元", **kw)


def _line(code: str, name: str, value: str) -> LineItem:
    return LineItem(table="expenditure", classification="function", code=code, name=name, column="total",
                    value=D(value), source=Source(block=9, page=12, row=3))


OFFICE = "盐边县人民政府办公室"
COVID = "新型冠状肺炎防控工作保障经费"


def build_database(path) -> str:
    """A database (file path or URL) holding the records below and their findings; returns it."""
    engine = open_database(path)
    records = [
        _record(OFFICE, 2019, "final",
                [_fact("income.total", "731.42"), _fact("operating_costs", "54.64", page=8)],
                [_line("20805", "行政事业单位离退休", "70.10"), _line("2010399", "其他政府办公厅（室）及相关机构事务支出", "3")],
                [Project("县政府办公室工作经费", Source(page=9), budget=D("70"), executed=D("69.5"))]),
        _record(OFFICE, 2020, "final",
                [_fact("income.total", "850.18", prior_value=D("731.42"), change=D("118.76"), change_pct=D("16.24")),
                 _fact("operating_costs", "53.77", page=11, change=D("-0.69")),
                 _fact("general_budget.basic", "706.02", page=6), _fact("basic.personnel", "652.26", page=6),
                 _fact("basic.public", "53.77", page=6), _fact("project.executed", "0.09", page=7, subject=COVID)],
                [_line("20805", "行政事业单位养老支出", "78.15"), _line("2100409", "重大公共卫生服务", "0.09")],
                [Project("县政府办公室工作经费", Source(page=9), budget=D("78"), executed=D("77.98")),
                 Project(COVID, Source(page=10), budget=D("1"), executed=D("0.9"))]),
        _record("上海市普陀区人民政府万里街道办事处", 2024, "budget", [_fact("income.total", "1000")]),
        _record("上海市普陀区人民政府万里街道办事处", 2025, "budget", [_fact("income.total", "1100")]),
        _record("上海市普陀区万里街道社区卫生服务中心", 2025, "budget", [_fact("income.total", "10")]),
    ]
    with Session(engine) as session:
        for n, record in enumerate(records):
            result = store_report(session, record, FileInfo(f"r{n}.pdf", f"{n:064d}", "pdf"),
                                  extractor_version="test")
            replace_findings(session, result.report_id, run_checks(record))
        session.commit()
    engine.dispose()
    return str(path)
