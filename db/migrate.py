"""Schema migrations, run programmatically from the packaged ``db/migrations`` folder.

No ``alembic.ini`` is needed at runtime: the configuration is built here. A database whose
revision this program does not know (written by a newer juesuan) is refused with a clear
message instead of being misread.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


# Indexes a migration makes that no model can declare (an expression index, PostgreSQL's
# trigram indexes, made only where pg_trgm is): schema 0009.
UNMODELLED_INDEXES = frozenset({
    "ix_identity_evidence_field_value", "ix_trgm_facts_text", "ix_trgm_line_items_text",
    "ix_trgm_projects_text", "ix_trgm_indicators_text", "ix_trgm_reports_department"})


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # Alembic's hook
    """Autogenerate/compare hook: the full-text search table and its FTS5 shadow tables are
    made by migration 0005 and have no model, nor have the indexes of 0009 listed in
    ``UNMODELLED_INDEXES``, so they are not schema drift."""
    from db.search import is_search_object

    if type_ == "index" and name in UNMODELLED_INDEXES:
        return False
    return not (type_ == "table" and is_search_object(name))


class SchemaTooNew(RuntimeError):
    """The database was written by a newer juesuan than this one."""


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        url = engine.url.render_as_string(hide_password=False)
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # configparser escaping
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_known(engine: Engine) -> str | None:
    """The database's revision; raises SchemaTooNew when this program does not know it."""
    with engine.connect() as connection:
        return _check_known_on(connection)


def upgrade_to_head(engine: Engine) -> None:
    """Create the schema on first use, or upgrade it; no-op when already current.

    All migrations run in one transaction holding the database's write lock (SQLite
    ``BEGIN IMMEDIATE``; PostgreSQL ``pg_advisory_xact_lock`` for the schema): a kill or a
    full disk midway leaves the database as it was, and a second process's first use waits
    for the first's, then finds the schema current."""
    head = head_revision()
    if check_known(engine) == head:
        return
    config = alembic_config(engine)
    with _setup_transaction(engine) as connection:
        if _check_known_on(connection) == head:  # made by another process while we waited
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextmanager
def _setup_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection inside a transaction that holds the lock schema set-up needs."""
    with engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            with connection.begin():
                connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('juesuan schema ' || current_schema()))")
                                   if connection.dialect.name == "postgresql" else text("SELECT 1"))
                yield connection
            return
        # Python's sqlite3 runs DDL outside any transaction unless one is begun explicitly:
        # take the driver's hands off, begin (and lock) ourselves, commit through SQLAlchemy.
        raw = connection.connection.dbapi_connection
        previous = raw.isolation_level
        raw.isolation_level = None
        try:
            with connection.begin():
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                yield connection
        finally:
            raw.isolation_level = previous


def _check_known_on(connection: Connection) -> str | None:
    current = MigrationContext.configure(connection).get_current_revision()
    script = ScriptDirectory.from_config(alembic_config())
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise SchemaTooNew(
            f"the database schema (revision {current}) is newer than this juesuan knows "
            f"(latest {script.get_current_head()}); upgrade juesuan to use this database"
        )
    return current
