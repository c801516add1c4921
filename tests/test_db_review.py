"""Storage corner cases found in review: an edition's newer file that changes identity."""

from __future__ import annotations

import pytest
from db_sample import narrative_record
from sqlalchemy import select

from db.engine import open_database, session_factory
from db.store import FileInfo, is_known, store_report
from models.orm import Report, SourceFile


@pytest.fixture
def sessions(db_url):
    engine = open_database(db_url)
    yield session_factory(engine)
    engine.dispose()


def _store(sessions, record, path: str, fill: str):
    with sessions.begin() as session:
        return store_report(session, record, FileInfo(path, fill * 64, "pdf", 21, 1000),
                            extractor_version="test")


def test_superseded_edition_is_released_when_its_successor_leaves(sessions):
    """old.pdf was replaced by new.pdf (two editions of 盐边 2020). new.pdf then changes into
    another department's report: 盐边 2020 now has no stored file, so old.pdf must no longer
    count as known, or every re-run would skip it and 盐边 2020 would stay lost."""
    _store(sessions, narrative_record(), "old.pdf", "a")
    _store(sessions, narrative_record(), "new.pdf", "b")
    _store(sessions, narrative_record(department="另一个局"), "new.pdf", "c")
    with sessions() as session:
        assert session.scalars(select(Report.department)).all() == ["另一个局"]
        assert is_known(session, "a" * 64) is None
    again = _store(sessions, narrative_record(), "old.pdf", "a")
    assert again.action == "new"


def test_superseded_edition_stays_superseded_when_its_successor_only_changes(sessions):
    """new.pdf edited but still 盐边 2020: old.pdf stays superseded (no flip-flop on re-runs)."""
    _store(sessions, narrative_record(), "old.pdf", "a")
    _store(sessions, narrative_record(), "new.pdf", "b")
    _store(sessions, narrative_record(), "new.pdf", "c")
    with sessions() as session:
        rows = session.execute(select(SourceFile.path, SourceFile.status)
                               .order_by(SourceFile.path)).all()
    assert rows == [("new.pdf", "stored"), ("old.pdf", "superseded")]


def test_upgrade_to_0002_gives_each_report_s_lists_to_its_first_file(tmp_path):
    """A database written before per-file lists: after the upgrade, joining a new file to a
    report keeps the report's old warnings and adds the new file's."""
    from alembic import command

    from db.migrate import alembic_config

    path = tmp_path / "old.db"
    engine = open_database(path)
    _store(session_factory(engine), narrative_record(), "a.pdf", "a")
    config = alembic_config(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE reports SET warnings = '[\"old warning\"]'")
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    engine.dispose()
    engine = open_database(path)  # upgrades to head again
    sessions = session_factory(engine)
    with sessions() as session:
        assert session.scalars(select(SourceFile.warnings)).all() == [["old warning"]]
    from db_sample import tables_record

    _store(sessions, tables_record(), "b.pdf", "b")
    with sessions() as session:
        warnings = session.scalars(select(Report.warnings)).all()
    engine.dispose()
    assert warnings == [["old warning", *tables_record().warnings]]


@pytest.mark.parametrize("statement", [
    "COMMIT; BEGIN READ WRITE; CREATE TABLE sneaky (a INTEGER); COMMIT",
    ("SELECT set_config('default_transaction_read_only', 'off', false); COMMIT; "
     "CREATE TABLE sneaky (a INTEGER)"),
    "COMMIT; DELETE FROM reports",
])
def test_sql_cannot_commit_its_way_out_of_read_only(db_url, statement):
    """Several statements in one string could end the read-only transaction and start a
    writable one on PostgreSQL: ``juesuan sql`` runs exactly one statement."""
    from sqlalchemy import inspect

    from db.errors import SqlError
    from db.readonly import WriteRefused, run_sql

    engine = open_database(db_url)
    _store(session_factory(engine), narrative_record(), "a.pdf", "a")
    with pytest.raises((WriteRefused, SqlError)):
        run_sql(db_url, statement)
    assert "sneaky" not in inspect(engine).get_table_names()
    with session_factory(engine)() as session:
        assert session.scalars(select(Report.department)).all() == ["盐边县人民政府办公室"]
    engine.dispose()


def _with_scope(record, scope: str | None):
    from dataclasses import replace

    evidence = record.identity.scope
    scoped = None if scope is None else replace(evidence, value=scope)
    return replace(record, identity=replace(record.identity, scope=scoped))


def test_a_changed_file_joins_the_report_its_old_report_would_have_hidden(sessions):
    """p.pdf first read as the 单位 report (its own report); its new version does not say 部门
    or 单位. The one report holding files for that department and year is the 部门 report of
    q.pdf: p.pdf joins it. Its own emptied report must not count as a second candidate."""
    from db_sample import tables_record

    kept = _store(sessions, narrative_record(), "q.pdf", "a")
    _store(sessions, _with_scope(tables_record(), "unit"), "p.pdf", "b")
    moved = _store(sessions, _with_scope(tables_record(), None), "p.pdf", "c")
    assert (moved.action, moved.report_id) == ("joined", kept.report_id)
    with sessions() as session:
        rows = session.execute(select(SourceFile.path, SourceFile.report_id)
                               .order_by(SourceFile.path)).all()
        assert session.scalars(select(Report.id)).all() == [kept.report_id]
    assert rows == [("p.pdf", kept.report_id), ("q.pdf", kept.report_id)]


def test_sql_cannot_create_files_through_attach(tmp_path):
    """ATTACH on the read-only SQLite connection would create an empty database file
    anywhere the user names: no database may be attached."""

    from db.readonly import WriteRefused, run_sql

    path = tmp_path / "j.db"
    open_database(path).dispose()
    elsewhere = tmp_path / "elsewhere.db"
    with pytest.raises(WriteRefused):
        run_sql(str(path), f"ATTACH DATABASE '{elsewhere}' AS e")
    assert not elsewhere.exists()
