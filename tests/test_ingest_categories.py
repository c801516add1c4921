"""Failure categories: carried from the readers' error codes, stored with each outcome,
and the one thing that decides whether an unchanged failed file is read again."""

from __future__ import annotations

import datetime as dt

from alembic import command
from ingest_helpers import copy_files
from sqlalchemy import select

import extractors.errors as errors
from db.engine import open_database, session_factory
from db.migrate import alembic_config
from ingest.outcome import RETRIED, Category
from ingest.pipeline import IngestOptions, ingest
from models.orm import IngestOutcome


def _read_errors() -> list[type[errors.ReadError]]:
    found, todo = [], [errors.ReadError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_every_reader_error_code_is_a_category():
    codes = {cls.code for cls in _read_errors()}
    assert codes <= {c.value for c in Category}, codes - {c.value for c in Category}
    assert Category.of_read_error("a_code_added_later") is Category.UNREADABLE


def test_only_problems_that_are_not_the_file_s_are_retried():
    assert RETRIED == {Category.STORAGE, Category.FILE_CHANGED}


def test_a_bad_file_s_outcome_carries_its_reader_code(tmp_path):
    folder = copy_files(tmp_path / "in", "bad/encrypted.pdf", "bad/empty.pdf", "seed/yanbian_2020.docx")
    engine = open_database(tmp_path / "j.db")
    summary = ingest([folder], engine, IngestOptions(workers=1))
    with session_factory(engine)() as session:
        stored = {row.path.rsplit("/", 1)[-1]: row.category for row in session.scalars(select(IngestOutcome))}
    rerun = ingest([folder], engine, IngestOptions(workers=1))
    engine.dispose()
    by_name = {o.path.rsplit("/", 1)[-1]: o for o in summary.outcomes}
    assert by_name["encrypted.pdf"].category is Category.ENCRYPTED
    assert by_name["empty.pdf"].category is Category.EMPTY_FILE
    assert by_name["yanbian_2020.docx"].category is None
    assert stored == {"encrypted.pdf": "encrypted", "empty.pdf": "empty_file", "yanbian_2020.docx": None}
    carried = {o.path.rsplit("/", 1)[-1]: o.category for o in rerun.outcomes}
    assert carried["encrypted.pdf"] is Category.ENCRYPTED  # failed again without parsing, same category


def test_upgrade_to_0004_gives_old_failures_the_category_their_reason_implied(tmp_path):
    path = tmp_path / "old.db"
    engine = open_database(path)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
        now = dt.datetime.now(dt.UTC).isoformat()
        for sha, reason in (("a", "could not store: database is locked"),
                            ("b", "unchanged since it failed: file changed while it was read (…)"),
                            ("c", "encrypted PDF")):
            connection.exec_driver_sql(
                "INSERT INTO ingest_outcomes (run_id, path, sha256, status, reason, at) "
                "VALUES ('r', ?, ?, 'failed', ?, ?)", (f"/{sha}.pdf", sha, reason, now))
    engine.dispose()
    engine = open_database(path)  # upgrades to head again
    with session_factory(engine)() as session:
        categories = dict(session.execute(select(IngestOutcome.sha256, IngestOutcome.category)).all())
    engine.dispose()
    assert categories == {"a": "storage", "b": "file_changed", "c": None}
