"""Split disclosures: a narrative file and its tables file are one report when their
identities match — stored in one run or in two runs days apart, in either order — and each
stored row keeps its own file and page. Consolidation (本级/汇总) keeps reports apart."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from db.engine import open_database, session_factory
from db.export import report_json
from db.load import load_record, record_files
from db.store import FileInfo, store_report
from models.orm import Report
from models.records import Evidence, Fact, Identity, LineItem, ReportRecord, Source

DEPT = "北京市某某局"


@pytest.fixture
def sessions(db_url):
    engine = open_database(db_url)
    yield session_factory(engine)
    engine.dispose()


def _identity(found: dict[str, tuple], **extra) -> Identity:
    fields = {name: Evidence(value, where, Source(page=1, text=str(value))) for name, (value, where) in found.items()}
    return Identity(**fields, **extra)


def narrative(consolidation: str | None = None) -> ReportRecord:
    """The 情况说明: says 部门预算 on its cover, states the totals in sentences."""
    found = {"department": (DEPT, "title"), "fiscal_year": (2026, "title"), "kind": ("budget", "title"),
             "scope": ("department", "title"), "region": ("北京市", "title")}
    if consolidation:
        found["consolidation"] = (consolidation, "title")
    fact = Fact("income.total", D("100.50"), "万元", Source(block=4, page=3, text="收入预算100.50万元"))
    return ReportRecord(identity=_identity(found), facts=[fact])


def tables() -> ReportRecord:
    """The 附件 报表: kind from "预算01表", year from a table title, no 部门/单位 word."""
    found = {"department": (DEPT, "table"), "fiscal_year": (2026, "table"), "kind": ("budget", "table")}
    line = LineItem("general_budget_expenditure", "function", "2010101", "行政运行", "total", D("60.25"),
                    Source(block=2, page=7, row=5, col=2))
    total = Fact("income.total", D("100.50"), "万元", Source(block=1, page=1, row=5, col=2), origin="table")
    return ReportRecord(identity=_identity(found), facts=[total], line_items=[line])


NARRATIVE = FileInfo("北京/情况说明.pdf", "a" * 64, "pdf", 9, 1000)
TABLES = FileInfo("北京/附件2报表.pdf", "b" * 64, "pdf", 32, 2000)


def _store(sessions, record, file, day: int = 1):
    with sessions.begin() as session:
        return store_report(session, record, file, extractor_version="test",
                            now=dt.datetime(2026, 12, day, tzinfo=dt.UTC))


def _check_one_report(sessions) -> None:
    with sessions() as session:
        reports = session.scalars(select(Report)).all()
        assert len(reports) == 1
        report = reports[0]
        assert (report.department, report.fiscal_year, report.kind, report.scope) == (DEPT, 2026, "budget", "department")
        exported = report_json(session, report.id)
        record = load_record(session, report.id)
        files = record_files(session, report.id)
    assert [s["path"] for s in exported["sources"]] == sorted([NARRATIVE.path, TABLES.path])  # path order
    assert {s["path"] for s in exported["sources"]} == {NARRATIVE.path, TABLES.path}
    # each row keeps its own file and page
    by_origin = {(f.origin, path, f.source.page) for f, path in zip(record.facts, files["facts"], strict=False)}
    assert by_origin == {("narrative", NARRATIVE.path, 3), ("table", TABLES.path, 1)}
    assert [(path, li.source.page) for li, path in zip(record.line_items, files["line_items"], strict=False)] == [(TABLES.path, 7)]
    assert exported["line_items"][0]["file"] == TABLES.path and exported["facts"][0]["page"] in (1, 3)


@pytest.mark.parametrize("order", ["narrative_first", "tables_first"])
def test_split_files_join_in_one_run(sessions, order):
    pairs = [(narrative(), NARRATIVE), (tables(), TABLES)]
    if order == "tables_first":
        pairs.reverse()
    with sessions.begin() as session:  # one run: one session after the other, same day
        results = [store_report(session, record, file, extractor_version="test") for record, file in pairs]
    assert [r.action for r in results] == ["new", "joined"]
    _check_one_report(sessions)


@pytest.mark.parametrize("order", ["narrative_first", "tables_first"])
def test_split_files_join_across_runs_days_apart(sessions, order):
    pairs = [(narrative(), NARRATIVE), (tables(), TABLES)]
    if order == "tables_first":
        pairs.reverse()
    first = _store(sessions, *pairs[0], day=1)
    second = _store(sessions, *pairs[1], day=9)
    assert (first.action, second.action, second.report_id) == ("new", "joined", first.report_id)
    _check_one_report(sessions)


def _without_clock(value):
    if isinstance(value, dict):
        return {k: _without_clock(v) for k, v in value.items() if not k.endswith("_at")}
    if isinstance(value, list):
        return [_without_clock(v) for v in value]
    return value


def test_a_joined_report_does_not_depend_on_the_order_its_files_were_stored(tmp_path):
    """Parallel workers store a split disclosure's files in any order: its title, evidence,
    warnings, findings and rows come out the same either way (file order is path order)."""
    def titled(record: ReportRecord, title: str, warning: str) -> ReportRecord:
        return dataclasses.replace(record, identity=dataclasses.replace(record.identity, title=title),
                                   warnings=[warning])

    narrative_file = titled(narrative(), "北京市某某局2026年部门预算情况说明", "说明: 一页未读")
    tables_file = titled(tables(), "附件2 北京市某某局2026年部门预算报表", "报表: 一表无线")
    shown = []
    for n, pairs in enumerate(([(narrative_file, NARRATIVE), (tables_file, TABLES)],
                               [(tables_file, TABLES), (narrative_file, NARRATIVE)])):
        engine = open_database(str(tmp_path / f"{n}.db"))
        sessions = session_factory(engine)
        for record, file in pairs:
            _store(sessions, record, file)
        with sessions() as session:
            (report_id,) = session.scalars(select(Report.id)).all()
            shown.append(_without_clock(report_json(session, report_id)))
        engine.dispose()
    assert shown[0] == shown[1]
    assert shown[0]["title"] == "北京市某某局2026年部门预算情况说明"  # the path-first file's
    assert shown[0]["warnings"] == ["说明: 一页未读", "报表: 一表无线"]


def test_a_different_year_does_not_join(sessions):
    _store(sessions, narrative(), NARRATIVE)
    other = tables()
    other.identity = _identity({"department": (DEPT, "table"), "fiscal_year": (2025, "table"), "kind": ("budget", "table")})
    assert _store(sessions, other, TABLES).action == "new"


def test_consolidation_is_stored_keyed_and_exported(sessions):
    own = _store(sessions, narrative("本级"), NARRATIVE)
    consolidated = _store(sessions, narrative("汇总"), FileInfo("汇总.pdf", "c" * 64, "pdf", 9, 1000))
    assert own.report_id != consolidated.report_id  # 本级 and 汇总 are two reports
    joined = _store(sessions, tables(), TABLES)  # states no consolidation: matches both → ambiguous
    assert joined.action == "new"
    with sessions() as session:
        rows = {r.id: (r.consolidation, r.report_key) for r in session.scalars(select(Report))}
        exported = report_json(session, own.report_id)
        (view,) = session.execute(select(Report.consolidation).where(Report.id == own.report_id)).one()
        from sqlalchemy import text
        in_view = session.execute(text("SELECT consolidation FROM v_reports WHERE report_id = :i"),
                                  {"i": own.report_id}).scalar()
    assert rows[own.report_id] == ("本级", f"{DEPT}|2026|budget|department|本级")
    assert rows[consolidated.report_id][0] == "汇总"
    assert exported["consolidation"] == "本级" and exported["identity"]["consolidation"]["value"] == "本级"
    assert view == in_view == "本级"


def test_an_unmarked_file_joins_the_one_marked_report(sessions):
    own = _store(sessions, narrative("本级"), NARRATIVE)
    assert _store(sessions, tables(), TABLES).report_id == own.report_id


def test_schema_0003_upgrade_keeps_reports_and_adds_consolidation(tmp_path):
    """A database of schema 0002 (no consolidation column, views V1) upgrades in place:
    its reports keep their keys, consolidation is NULL, the views gain the column."""
    from alembic import command
    from sqlalchemy import text

    from db.migrate import alembic_config

    path = tmp_path / "old.db"
    engine = open_database(path)
    sessions = session_factory(engine)
    _store(sessions, narrative(), NARRATIVE)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
        columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(reports)")]
    engine.dispose()
    assert "consolidation" not in columns
    engine = open_database(path)  # upgrades to head
    with engine.connect() as connection:
        row = connection.execute(text("SELECT report_key, consolidation FROM reports")).one()
        view = connection.execute(text("SELECT department, consolidation FROM v_reports")).one()
    engine.dispose()
    assert tuple(row) == (f"{DEPT}|2026|budget|department", None)
    assert tuple(view) == (DEPT, None)


@pytest.mark.parametrize("order", ["narrative_first", "tables_first"])
def test_a_year_guessed_from_one_files_name_is_stated_by_the_other(sessions, order):
    """The joined report's identity rests on the content that states it: no
    identity_incomplete finding once the narrative (which prints the year) has joined."""
    from extractors.checks import run_checks

    guessed = tables()
    guessed.identity = _identity({"department": (DEPT, "table"), "fiscal_year": (2026, "filename"),
                                  "kind": ("budget", "table")})
    pairs = [(narrative(), NARRATIVE), (guessed, TABLES)]
    if order == "tables_first":
        pairs.reverse()
    for record, file in pairs:
        result = _store(sessions, record, file)
    with sessions() as session:
        merged = load_record(session, result.report_id)
    assert merged.identity.fiscal_year.found_in == "title"
    assert not [f for f in run_checks(merged) if f.rule == "identity_incomplete"]


def _lines(codes: list[str], page: int) -> list[LineItem]:
    return [LineItem("general_budget_expenditure", "function", code, f"科目{code}", "total", D("1.00"),
                     Source(block=2, page=page, row=i)) for i, code in enumerate(codes)]


def test_a_narrative_printing_one_of_the_tables_still_joins_its_tables_file(sessions):
    """The 说明 states its figures and restates one table line; its 报表 file holds ten:
    complementary, not editions."""
    codes = [f"20101{i:02d}" for i in range(10)]
    text_file = narrative()
    text_file.facts += [Fact(metric, D("10"), "万元", Source(block=5, page=4)) for metric in
                        ("expenditure.total", "expenditure.basic", "expenditure.project", "basic.personnel")]
    text_file.line_items = _lines(codes[:1], page=4)
    table_file = tables()
    table_file.line_items = _lines(codes, page=7)
    first = _store(sessions, text_file, NARRATIVE)
    second = _store(sessions, table_file, TABLES)
    assert (second.action, second.report_id) == ("joined", first.report_id)
    with sessions() as session:
        files = record_files(session, first.report_id)["line_items"]
    assert sorted(files) == sorted([NARRATIVE.path] + [TABLES.path] * 10)  # each row with its file


def test_a_corrected_edition_restating_most_of_the_report_replaces_it(sessions):
    codes = [f"20101{i:02d}" for i in range(10)]
    old = tables()
    old.line_items = _lines(codes, page=7)
    new = tables()
    new.line_items = _lines(codes[:8] + ["2010199", "2010198"], page=7)
    _store(sessions, old, TABLES)
    result = _store(sessions, new, FileInfo("北京/附件2报表(更正).pdf", "d" * 64, "pdf", 32, 2000))
    assert result.action == "replaced" and result.superseded == [TABLES.path]
