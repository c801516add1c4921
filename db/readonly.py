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
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from db.engine import existing_sqlite_file, make_engine, resolve_url
from db.errors import CannotOpen, SqlError

_WRITE_MARKERS = ("readonly", "read-only", "read only", "query_only", "attempt to write",
                  "too many attached databases", "permission denied", "not authorized", "must be superuser",
                  "must be owner", "must be a member")
FETCH_ROWS = 500
DEFAULT_TIMEOUT = 30.0  # seconds; a research query over juesuan's tables takes far less
_PROGRESS_STEPS = 20_000  # SQLite VM instructions between two looks at the clock


class WriteRefused(PermissionError):
    """The statement tried to change the database or reach outside juesuan's tables."""


class NoDatabase(FileNotFoundError):
    pass


class QueryTimeout(SqlError):
    """The statement ran past its time limit and was stopped by the database."""


@dataclass
class SqlResult:
    """Column names and a one-pass iterator over the rows."""

    columns: list[str]
    rows: Iterator[tuple]
    limit: int | None = None
    truncated: bool = False  # set once the rows stop at ``limit`` with more to come
    close: Callable[[], None] = lambda: None  # ends a statement whose rows were not all read

    def __post_init__(self) -> None:
        if self.limit is not None:
            self.rows = self._limited(self.rows, self.limit)

    def _limited(self, rows: Iterator[tuple], limit: int) -> Iterator[tuple]:
        for count, row in enumerate(rows):
            if count == limit:
                self.truncated = True
                return
            yield row


def run_sql(db: str | os.PathLike[str] | None, statement: str) -> tuple[list[str], list[tuple]]:
    """Columns and rows of ``statement`` (no rows for a statement that returns none)."""
    with open_sql(db, statement) as result:
        return result.columns, list(result.rows)


@contextmanager
def open_sql(db: str | os.PathLike[str] | None, statement: str, *, timeout: float | None = DEFAULT_TIMEOUT,
             limit: int | None = None) -> Iterator[SqlResult]:
    """Run ``statement`` and yield its result; the rows stream while the context is open.

    ``timeout`` (seconds; ``None`` or 0 for none) bounds the statement from its start to its
    last row, enforced by the database (PostgreSQL ``statement_timeout``, a SQLite progress
    handler), so a runaway recursive query ends even when nobody reads its rows; ``limit``
    stops after that many rows."""
    timeout = timeout or None
    url = resolve_url(db)
    if url.startswith("sqlite"):
        database = make_url(url).database or ""
        if not Path(database).is_file():
            raise NoDatabase(f"no database at {database} (run juesuan ingest first)")
        try:
            existing_sqlite_file(url)
        except CannotOpen as err:
            raise NoDatabase(str(err)) from None
    else:
        _check_pg_statement(statement)
    engine = make_engine(url, read_only=True)
    try:
        if not url.startswith("sqlite"):
            _check_schema(engine)
        with engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                role = _pg_reader(url)
                result = _pg_result(connection, statement, role, timeout)
            else:
                result = _sqlite_result(connection, statement, timeout)
            try:
                yield SqlResult(result.columns, result.rows, limit)
            finally:
                result.close()
    finally:
        engine.dispose()


def _check_schema(engine) -> None:  # a SQLAlchemy Engine
    """A server schema that holds nothing of juesuan's, or another program's tables, is refused."""
    from db.server_schema import check_server_schema

    try:
        check_server_schema(engine, create=False)
    except CannotOpen as err:
        raise NoDatabase(str(err)) from None


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


def _pg_result(connection: Connection, statement: str, role: str | None, timeout: float | None) -> SqlResult:
    """Stream ``statement`` (one extended-protocol command: a string of several, such as
    ``COMMIT; BEGIN READ WRITE; …``, is refused by the server) inside the read-only
    transaction, as ``role``."""
    import psycopg

    limit_ms = str(round(timeout * 1000)) if timeout else "0"
    connection.execute(text("SELECT set_config('statement_timeout', :ms, true)"), {"ms": limit_ms})
    if role is not None:
        connection.execute(text(f'SET LOCAL ROLE "{role}"'))
    cursor = connection.connection.dbapi_connection.cursor()
    stream = cursor.stream(statement)
    try:
        first = next(stream, None)
    except psycopg.Error as err:
        raise _translate(err, timeout=timeout) from None
    if cursor.description is None:
        return SqlResult([], iter(()))
    columns = [column.name for column in cursor.description]
    return SqlResult(columns, _pg_rows(first, stream, timeout), close=partial(_stop, cursor, stream))


def _stop(cursor, stream: Iterator[tuple]) -> None:  # cursor: a psycopg cursor
    """Cancel a statement still sending rows (stopped by --limit or an error downstream):
    otherwise the rollback would wait for all of them."""
    import psycopg

    if cursor.connection.info.transaction_status != psycopg.pq.TransactionStatus.ACTIVE:
        return
    cursor.connection.cancel_safe(timeout=5)
    try:
        stream.close()
    except psycopg.Error:
        pass


def _pg_rows(first: tuple | None, stream: Iterator[tuple], timeout: float | None) -> Iterator[tuple]:
    import psycopg

    if first is None:
        return
    yield tuple(first)
    try:
        for row in stream:
            yield tuple(row)
    except psycopg.Error as err:
        raise _translate(err, timeout=timeout) from None


def _sqlite_result(connection: Connection, statement: str, timeout: float | None) -> SqlResult:
    from db.sqlite_guard import install

    raw: sqlite3.Connection = connection.connection.dbapi_connection
    denied = install(raw)
    if timeout:
        deadline = time.monotonic() + timeout
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_STEPS)
    cursor = raw.cursor()
    try:
        cursor.execute(statement)
    except (sqlite3.Error, sqlite3.Warning) as err:
        raise _translate(err, denied.what, timeout=timeout) from None
    if cursor.description is None:
        return SqlResult([], iter(()))
    return SqlResult([column[0] for column in cursor.description], _sqlite_rows(cursor, timeout))


def _sqlite_rows(cursor: sqlite3.Cursor, timeout: float | None) -> Iterator[tuple]:
    while True:
        try:
            batch = cursor.fetchmany(FETCH_ROWS)
        except sqlite3.Error as err:
            raise _translate(err, timeout=timeout) from None
        if not batch:
            return
        yield from batch


def _translate(err: Exception, denied: str | None = None, *, timeout: float | None = None) -> Exception:
    """The driver's error as ``WriteRefused`` (a write or a denied reach), ``QueryTimeout`` or ``SqlError``."""
    message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    if timeout and ("statement timeout" in message or message == "interrupted"):
        return QueryTimeout(f"stopped after {timeout:g} s, the time limit (--timeout SECONDS, 0 for none)")
    if denied is not None:
        return WriteRefused(f"refused: juesuan sql is read-only and does not admit {denied} ({message})")
    if any(marker in message.lower() for marker in _WRITE_MARKERS):
        return WriteRefused(
            f"refused: juesuan sql is read-only and this statement would change the database "
            f"or reach outside juesuan's tables ({message})")
    return SqlError(message)
