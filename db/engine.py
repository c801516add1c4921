"""Where the database is and how to connect: SQLite by default, any SQLAlchemy URL.

``open_database`` is what every command calls: it resolves ``--db`` / ``JUESUAN_DB``,
tunes SQLite (WAL so readers never block the writer, foreign keys so deleting a report
cascades, a busy timeout so a second process waits instead of failing) and creates or
upgrades the schema with the packaged Alembic migrations.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DB = "juesuan.db"
ENV_VAR = "JUESUAN_DB"
BUSY_TIMEOUT_MS = 30_000


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from ``--db`` (path or URL), else ``$JUESUAN_DB``, else ./juesuan.db."""
    value = str(db) if db else os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" in value:
        url = make_url(value)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")  # psycopg 3, not psycopg2
        return url.render_as_string(hide_password=False)
    return f"sqlite:///{Path(value).expanduser()}"


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine with the per-connection settings juesuan relies on."""
    if url.startswith("sqlite"):
        return _sqlite_engine(url, read_only=read_only)
    connect_args = {}
    if read_only:
        # Keep options the URL already carries (e.g. a search_path) and add read-only.
        given = make_url(url).query.get("options", "")
        given = given if isinstance(given, str) else " ".join(given)
        connect_args["options"] = f"{given} -c default_transaction_read_only=on".strip()
    engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    # db.store inserts a report's rows one executemany per table. psycopg runs an executemany
    # as one execution per row (pipelined); SQLAlchemy's "insertmanyvalues" sends them as
    # INSERT … VALUES (…), (…), … in batches of up to 1,000 rows, as it already does for
    # INSERT … RETURNING: ≈ 20 % less time per stored report (docs/performance.md). Rows and
    # ids are the same: the VALUES are inserted in the order given.
    engine.dialect.use_insertmanyvalues_wo_returning = True
    return engine


def _sqlite_engine(url: str, *, read_only: bool) -> Engine:
    database = make_url(url).database or ""
    if read_only:
        # mode=ro makes the file itself read-only for this connection; query_only blocks
        # writes even through ATTACH or temp tricks.
        target = f"sqlite:///file:{Path(database).resolve()}?mode=ro&uri=true"
        engine = create_engine(target, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    else:
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # DBAPI objects
        cursor = dbapi_connection.cursor()
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
            # ATTACH would create an empty database file wherever the statement names one.
            dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
        cursor.close()

    return engine


def open_database(db: str | os.PathLike[str] | None = None, *, create: bool = True) -> Engine:
    """Connect and make sure the schema is current (created or upgraded on first use).

    A SQLite file or a server schema that holds another program's tables is refused before
    anything is written (``db.sqlite_file``, ``db.server_schema``); without ``create`` an
    empty server schema is refused too, so only ``ingest`` sets juesuan up in one."""
    from db.migrate import upgrade_to_head
    from db.server_schema import check_server_schema

    url = resolve_url(db)
    existing_sqlite_file(url)
    engine = make_engine(url)
    try:
        check_server_schema(engine, create=create)
        upgrade_to_head(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def existing_sqlite_file(url: str) -> Path | None:
    """The SQLite file ``url`` names when it exists, checked to be juesuan's and whole
    (``db.sqlite_file``) before any connection could write to it; None otherwise."""
    if not url.startswith("sqlite"):
        return None
    database = make_url(url).database or ""
    if database in ("", ":memory:") or not Path(database).is_file():
        return None
    from db.sqlite_file import check_sqlite_file

    check_sqlite_file(database)
    return Path(database)


def missing_sqlite_file(db: str | os.PathLike[str] | None = None) -> str | None:
    """The path of a SQLite database that does not exist yet, else None (or not SQLite).

    Connecting to a SQLite path creates the file (and an ingest creates its folders); a
    read command given a mistyped ``--db`` must create nothing and say what it looked for."""
    url = resolve_url(db)
    if not url.startswith("sqlite"):
        return None
    database = make_url(url).database or ""
    if database in ("", ":memory:"):
        return None
    path = Path(database)
    if path.is_file() and path.stat().st_size > 0:  # a 0-byte file holds no database yet
        return None
    return database


def open_or_explain(db: str | os.PathLike[str] | None = None, *, create: bool = False) -> Engine:
    """``open_database``, with every setup problem raised as a one-line ``CannotOpen``
    (what each command shows instead of a traceback). Only ``create`` (the ingest) makes a
    new SQLite file; otherwise a missing one is refused, naming the path."""
    from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError

    from db.errors import CannotOpen, first_line
    from db.migrate import SchemaTooNew

    missing = missing_sqlite_file(db)
    if missing is not None and not create:
        raise CannotOpen(f"no database at {missing} (run juesuan ingest first, or give --db / JUESUAN_DB)")
    try:
        return open_database(db, create=create)
    except CannotOpen:
        raise
    except ModuleNotFoundError as err:  # e.g. a postgresql+psycopg URL without psycopg
        raise CannotOpen(
            f"cannot open the database: the driver module {err.name!r} is not installed "
            "(for PostgreSQL: pip install 'juesuan[postgres]')"
        ) from None
    except SchemaTooNew as err:
        raise CannotOpen(str(err)) from None
    except OperationalError as err:
        raise CannotOpen(f"cannot open the database: {first_line(err)}") from None
    except DatabaseError as err:  # "file is not a database": a random or damaged file
        raise CannotOpen(f"cannot open the database {resolve_url(db)}: {first_line(err)}") from None
    except (NoSuchModuleError, ArgumentError) as err:  # a malformed URL or unknown dialect
        raise CannotOpen(f"not a database URL or path: {resolve_url(db)!r} ({first_line(err)})") from None


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (one unit of work each)."""
    return sessionmaker(engine, expire_on_commit=False)


# Engine and Session are re-exported so the layers above can name them in type hints
# without importing SQLAlchemy themselves.
__all__ = ["DEFAULT_DB", "ENV_VAR", "Engine", "Session", "make_engine", "open_database", "open_or_explain",
           "resolve_url", "session_factory"]
