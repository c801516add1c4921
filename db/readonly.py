"""``juesuan sql``: run a researcher's SQL with the least privilege the database offers.

Read-only is enforced by the database, not only by inspecting the SQL text:

* SQLite is opened with ``mode=ro``, ``PRAGMA query_only`` and no ATTACH, and an authorizer
  (``db/sqlite_guard.py``) admits only reads, the allowlisted functions and describing pragmas.
* PostgreSQL runs the statement in a read-only transaction, as the ``juesuan_reader`` role
  (``db/reader_role.py``: SELECT on juesuan's tables and views only), after a parse that
  admits one query without server-side functions (``db/sql_guard.py``); it is sent as one
  extended-protocol statement, which the server accepts for a single command only.

A write or a denied statement surfaces as ``WriteRefused`` with a plain one-line message.
Rows are streamed (``SqlResult.rows`` is an iterator), never all held in memory.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from db.engine import make_engine, resolve_url
from db.errors import SqlError

_WRITE_MARKERS = ("readonly", "read-only", "read only", "query_only", "attempt to write",
                  "too many attached databases", "permission denied", "not authorized", "must be superuser",
                  "must be owner", "must be a member")
FETCH_ROWS = 500


class WriteRefused(PermissionError):
    """The statement tried to change the database or reach outside juesuan's tables."""


class NoDatabase(FileNotFoundError):
    pass


@dataclass
class SqlResult:
    """Column names and a one-pass iterator over the rows."""

    columns: list[str]
    rows: Iterator[tuple]


def run_sql(db: str | os.PathLike[str] | None, statement: str) -> tuple[list[str], list[tuple]]:
    """Columns and rows of ``statement`` (no rows for a statement that returns none)."""
    with open_sql(db, statement) as result:
        return result.columns, list(result.rows)


@contextmanager
def open_sql(db: str | os.PathLike[str] | None, statement: str) -> Iterator[SqlResult]:
    """Run ``statement`` and yield its result; the rows stream while the context is open."""
    url = resolve_url(db)
    if url.startswith("sqlite"):
        database = make_url(url).database or ""
        if not Path(database).is_file():
            raise NoDatabase(f"no database at {database} (run juesuan ingest first)")
    else:
        _check_pg_statement(statement)
    engine = make_engine(url, read_only=True)
    try:
        with engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                role = _pg_reader(url)
                yield _pg_result(connection, statement, role)
            else:
                yield _sqlite_result(connection, statement)
    finally:
        engine.dispose()


def _check_pg_statement(statement: str) -> None:
    from db.sql_guard import StatementRefused, StatementUnreadable, check_statement

    try:
        check_statement(statement)
    except StatementRefused as err:
        raise WriteRefused(str(err)) from None
    except StatementUnreadable as err:
        raise SqlError(str(err)) from None


def _pg_reader(url: str) -> str | None:
    """The reader role, made ready on a writable connection of its own (the statement's is read-only)."""
    from db.reader_role import ReaderUnavailable, reader_role

    engine = make_engine(url)
    try:
        return reader_role(engine)
    except ReaderUnavailable as err:
        raise WriteRefused(str(err)) from None
    finally:
        engine.dispose()


def _pg_result(connection: Connection, statement: str, role: str | None) -> SqlResult:
    """Stream ``statement`` (one extended-protocol command: a string of several, such as
    ``COMMIT; BEGIN READ WRITE; …``, is refused by the server) inside the read-only
    transaction, as ``role``."""
    import psycopg

    if role is not None:
        connection.execute(text(f'SET LOCAL ROLE "{role}"'))
    cursor = connection.connection.dbapi_connection.cursor()
    stream = cursor.stream(statement)
    try:
        first = next(stream, None)
    except psycopg.Error as err:
        raise _translate(err) from None
    if cursor.description is None:
        return SqlResult([], iter(()))
    columns = [column.name for column in cursor.description]
    return SqlResult(columns, _pg_rows(first, stream))


def _pg_rows(first: tuple | None, stream: Iterator[tuple]) -> Iterator[tuple]:
    import psycopg

    if first is None:
        return
    yield tuple(first)
    try:
        for row in stream:
            yield tuple(row)
    except psycopg.Error as err:
        raise _translate(err) from None


def _sqlite_result(connection: Connection, statement: str) -> SqlResult:
    from db.sqlite_guard import install

    raw: sqlite3.Connection = connection.connection.dbapi_connection
    denied = install(raw)
    cursor = raw.cursor()
    try:
        cursor.execute(statement)
    except (sqlite3.Error, sqlite3.Warning) as err:
        raise _translate(err, denied.what) from None
    if cursor.description is None:
        return SqlResult([], iter(()))
    return SqlResult([column[0] for column in cursor.description], _sqlite_rows(cursor))


def _sqlite_rows(cursor: sqlite3.Cursor) -> Iterator[tuple]:
    while True:
        try:
            batch = cursor.fetchmany(FETCH_ROWS)
        except sqlite3.Error as err:
            raise _translate(err) from None
        if not batch:
            return
        yield from batch


def _translate(err: Exception, denied: str | None = None) -> Exception:
    """The driver's error as ``WriteRefused`` (a write or a denied reach) or ``SqlError``."""
    message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    if denied is not None:
        return WriteRefused(f"refused: juesuan sql is read-only and does not admit {denied} ({message})")
    if any(marker in message.lower() for marker in _WRITE_MARKERS):
        return WriteRefused(
            f"refused: juesuan sql is read-only and this statement would change the database "
            f"or reach outside juesuan's tables ({message})")
    return SqlError(message)
