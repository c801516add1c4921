"""Storage: exact decimals, store → load round trip, multi-file reports, editions, codes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from db_sample import narrative_record, precise_record, tables_record
from sqlalchemy import func, select, text

from db.engine import open_database, session_factory
from db.load import load_record
from db.store import FileInfo, MissingIdentity, store_report
from models.orm import ClassificationCode, FactRow, LineItemRow, Report, SourceFile
from models.records import Identity, ReportRecord

VERSION = "test"


def _file(name: str, fill: str, pages: int = 21) -> FileInfo:
    return FileInfo(f"{name}.pdf", fill * 64, "pdf", pages, 1000)


@pytest.fixture
def sessions(db_url):
    engine = open_database(db_url)
    yield session_factory(engine)
    engine.dispose()


def _store(sessions, record, file):
    with sessions.begin() as session:
        return store_report(session, record, file, extractor_version=VERSION)


def test_decimals_round_trip_digit_for_digit(sessions):
    result = _store(sessions, precise_record(), _file("p", "c"))
    with sessions() as session:
        fact = load_record(session, result.report_id).facts[0]
    assert str(fact.value) == "15621.1123"
    assert str(fact.prior_value) == "78.00"  # trailing zeros survive
    assert str(fact.change_pct) == "-1.28"
    with sessions() as session:
        income = session.scalar(select(FactRow.value).where(FactRow.metric == "income.total"))
    assert income == Decimal("15621.1123") and str(income) == "15621.1123"


def test_seed_value_850_18_is_exact(sessions):
    _store(sessions, narrative_record(), _file("a", "a"))
    with sessions() as session:
        values = session.scalars(select(FactRow.value).where(FactRow.metric == "income.total")).all()
    assert [str(v) for v in values] == ["850.18"]


def test_float_money_is_refused(sessions):
    from dataclasses import replace

    record = narrative_record()
    bad = replace(record, facts=[replace(record.facts[0], value=850.18)])
    with pytest.raises(Exception, match="float"):
        _store(sessions, bad, _file("a", "a"))


def test_store_then_load_gives_the_same_record(sessions):
    record = narrative_record()
    result = _store(sessions, record, _file("a", "a"))
    with sessions() as session:
        loaded = load_record(session, result.report_id)
    assert loaded == record


def test_report_in_two_files_is_one_report(sessions):
    first = _store(sessions, narrative_record(), _file("narrative", "a"))
    second = _store(sessions, tables_record(), _file("tables", "b", pages=4))
    assert (first.action, second.action) == ("new", "joined")
    assert first.report_id == second.report_id
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 1
        paths = session.scalars(select(SourceFile.path).order_by(SourceFile.position)).all()
        loaded = load_record(session, first.report_id)
    assert paths == ["narrative.pdf", "tables.pdf"]
    assert loaded.line_items == narrative_record().line_items + tables_record().line_items
    assert loaded.facts == narrative_record().facts


def test_overlapping_edition_replaces_and_is_remembered(sessions):
    first = _store(sessions, narrative_record(), _file("old", "a"))
    second = _store(sessions, narrative_record(), _file("new", "b"))
    assert second.action == "replaced" and second.superseded == ["old.pdf"]
    with sessions() as session:
        rows = session.execute(select(SourceFile.path, SourceFile.status, SourceFile.report_id)
                               .order_by(SourceFile.path)).all()
        n_facts = session.scalar(select(func.count()).select_from(FactRow))
    assert rows == [("new.pdf", "stored", first.report_id), ("old.pdf", "superseded", None)]
    assert n_facts == len(narrative_record().facts)  # no duplicates


def test_changed_file_replaces_its_old_rows(sessions):
    _store(sessions, narrative_record(), _file("a", "a"))
    changed = FileInfo("a.pdf", "d" * 64, "pdf", 21, 1001)  # same path, new content
    _store(sessions, precise_record(), changed)
    with sessions() as session:
        departments = session.scalars(select(Report.department)).all()
        shas = session.scalars(select(SourceFile.sha256)).all()
    assert departments == ["精度测试局"]  # the old report had no other file: gone
    assert shas == ["d" * 64]


def test_no_identity_is_refused(sessions):
    with pytest.raises(MissingIdentity, match="no report identity found"):
        _store(sessions, ReportRecord(identity=Identity()), _file("x", "e"))


def test_classification_codes_remember_years(sessions):
    _store(sessions, narrative_record(year=2020), _file("a", "a"))
    _store(sessions, narrative_record(year=2022), _file("b", "b"))
    with sessions() as session:
        row = session.scalar(select(ClassificationCode).where(ClassificationCode.code == "2010301"))
    assert (row.name, row.level, row.parent, row.first_year, row.last_year) == \
        ("行政运行", "项", "20103", 2020, 2022)


def test_deleting_a_report_cascades(sessions):
    result = _store(sessions, narrative_record(), _file("a", "a"))
    with sessions.begin() as session:
        session.execute(text("DELETE FROM reports WHERE id = :id"), {"id": result.report_id})
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(FactRow)) == 0
        assert session.scalar(select(func.count()).select_from(LineItemRow)) == 0


def test_a_whole_extracted_report_round_trips_with_each_indicator_under_its_project(sessions):
    """The seed report: several projects, each with its own indicators (stored in bulk, the
    projects' ids read back in order), and every fact and line as extracted."""
    from pathlib import Path

    from extractors.readers import read_document
    from extractors.report import extract_report

    seed = Path(__file__).parent / "fixtures" / "seed_yanbian_2020.txt"
    record = extract_report(read_document(seed), filename=seed.name)
    assert len(record.projects) > 2 and all(p.indicators for p in record.projects[:2])
    result = _store(sessions, record, FileInfo(str(seed), "s" * 64, "txt"))
    with sessions() as session:
        loaded = load_record(session, result.report_id)
    assert [(p.name, p.indicators) for p in loaded.projects] == \
        [(p.name, p.indicators) for p in record.projects]
    assert loaded == record
