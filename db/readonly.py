"""``juesuan sql``: run a researcher's SQL on a connection that cannot write.

Read-only is enforced by the database, not by inspecting the SQL text: SQLite is opened
with ``mode=ro`` and ``PRAGMA query_only``, PostgreSQL sessions default to read-only
transactions. A write attempt surfaces as ``WriteRefused`` with a plain message.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from db.engine import make_engine, resolve_url
from db.errors import SqlError

_WRITE_MARKERS = ("readonly", "read-only", "read only", "query_only", "attempt to write",
                  "too many attached databases")


class WriteRefused(PermissionError):
    """The statement tried to change the database."""


class NoDatabase(FileNotFoundError):
    pass


def run_sql(db: str | os.PathLike[str] | None, statement: str) -> tuple[list[str], list[tuple]]:
    """Columns and rows of ``statement`` (no rows for a statement that returns none)."""
    url = resolve_url(db)
    if url.startswith("sqlite"):
        database = make_url(url).database or ""
        if not Path(database).is_file():
            raise NoDatabase(f"no database at {database} (run juesuan ingest first)")
    engine = make_engine(url, read_only=True)
    try:
        with engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                return _one_pg_statement(connection, statement)
            result = connection.execute(text(statement))
            if not result.returns_rows:
                return [], []
            return list(result.keys()), [tuple(row) for row in result]
    except DBAPIError as err:
        message = str(err.orig).strip().splitlines()[0] if err.orig else str(err)
        if any(marker in message.lower() for marker in _WRITE_MARKERS):
            raise WriteRefused(
                f"refused: juesuan sql is read-only and this statement would change the "
                f"database ({message})"
            ) from None
        raise SqlError(message) from err
    finally:
        engine.dispose()


def _one_pg_statement(connection: Connection, statement: str) -> tuple[list[str], list[tuple]]:
    """Run ``statement`` as a prepared statement, which PostgreSQL accepts for one command
    only: a string of several (``COMMIT; BEGIN READ WRITE; …``) could otherwise end the
    read-only transaction and write in the next. (SQLite's driver already runs only one.)"""
    import psycopg

    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(statement, prepare=True)
    except psycopg.Error as err:
        raise DBAPIError(statement, None, err) from err
    if cursor.description is None:
        return [], []
    return [column.name for column in cursor.description], [tuple(row) for row in cursor.fetchall()]
