"""Migration edges a researcher's database meets: a downgrade that cannot keep the data
refuses with the reason, and PostgreSQL without pg_trgm (or without the right to install it)
still gets a working schema whose search scans."""

from __future__ import annotations

import dataclasses
import logging
import uuid

import pytest
from db_sample import tables_record
from migration_steps import downgrade_to
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from db.engine import open_database
from db.migrate import UNMODELLED_INDEXES, current_revision, head_revision
from db.search import search
from db.store import FileInfo, store_report

LONG_MEASURE = "2026年预算数比2025年执行数（扣除中央基建投资）:change"  # a header-qualified measure
TRIGRAM = {name for name in UNMODELLED_INDEXES if name.startswith("ix_trgm_")}



def _store(engine, record, sha: str) -> None:
    with Session(engine) as session:
        store_report(session, record, FileInfo(f"/r/{sha}.pdf", sha * 64, "pdf"), extractor_version="test")
        session.commit()


def test_downgrade_below_0008_refuses_measures_0007_cannot_hold(db_url):
    assert len(LONG_MEASURE) > 32
    engine = open_database(db_url)
    record = tables_record()
    long_line = dataclasses.replace(record.line_items[0], column=LONG_MEASURE)
    _store(engine, dataclasses.replace(record, line_items=[long_line, *record.line_items[1:]]), "a")
    with pytest.raises(RuntimeError, match=r"cannot downgrade below 0008: 1 line item\(s\)"):
        downgrade_to(engine, "0007")
    assert current_revision(engine) == head_revision()  # nothing half-done
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT measure FROM line_items ORDER BY id")).scalars().all()
    assert LONG_MEASURE in kept
    engine.dispose()


def test_downgrade_below_0008_goes_through_when_every_measure_fits(db_url):
    engine = open_database(db_url)
    _store(engine, tables_record(), "b")
    downgrade_to(engine, "0007")
    assert current_revision(engine) == "0007"
    open_database(db_url).dispose()  # and up again
    assert current_revision(engine) == head_revision()
    engine.dispose()


@pytest.fixture
def pg_without_trigram_rights():
    """A new database, without pg_trgm, and a role that may use its own schema there but not
    create extensions (no CREATE on the database): the migration cannot install pg_trgm."""
    from pg_schema import pg_base_url

    base = make_url(pg_base_url())
    try:
        admin = create_engine(base, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (OperationalError, ModuleNotFoundError) as err:
        pytest.skip(f"no PostgreSQL answers at {base}: {str(err).splitlines()[0]}")
    suffix = uuid.uuid4().hex[:10]
    database, role = f"jt_notrgm_{suffix}", f"jt_user_{suffix}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {database}"))
            connection.execute(text(f"CREATE ROLE {role} LOGIN"))
            connection.execute(text(f"GRANT CONNECT ON DATABASE {database} TO {role}"))
        owner = create_engine(base.set(database=database), isolation_level="AUTOCOMMIT")
        with owner.connect() as connection:
            connection.execute(text(f"CREATE SCHEMA juesuan AUTHORIZATION {role}"))
            connection.execute(text("DROP EXTENSION IF EXISTS pg_trgm"))
        owner.dispose()
        yield base.set(username=role, password=None, database=database,
                       query={"options": "-csearch_path=juesuan"}).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
            connection.execute(text(f"DROP ROLE IF EXISTS {role}"))
        admin.dispose()


def test_postgresql_without_pg_trgm_rights_still_migrates_and_searches(pg_without_trigram_rights, caplog):
    with caplog.at_level(logging.WARNING, logger="juesuan.migrate"):
        engine = open_database(pg_without_trigram_rights)
    assert current_revision(engine) == head_revision()
    assert "cannot create the pg_trgm extension" in caplog.text
    with engine.connect() as connection:
        made = set(connection.execute(text(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")).scalars())
    assert not TRIGRAM & made
    assert "ix_identity_evidence_field_value" in made
    _store(engine, tables_record(), "c")
    hits = search(engine, "86.9")  # a line's source text, found by scanning
    assert [(h["department"], h["page"], h["text"]) for h in hits] == [("盐边县人民政府办公室", 14, "486.90")]
    engine.dispose()
