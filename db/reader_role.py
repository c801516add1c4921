"""The PostgreSQL role ``juesuan sql`` runs as: ``SELECT`` on juesuan's tables and views, nothing else.

A read-only transaction stops writes to tables but not a superuser's server-side file
reads, ``COPY … TO PROGRAM`` or ``pg_terminate_backend``. So the statement runs under
``SET LOCAL ROLE juesuan_reader`` inside its read-only transaction: a NOLOGIN role holding
only ``USAGE`` on the schema and ``SELECT`` on the objects juesuan made there. The role is
created (or given the grants of a new table) on first use, under an advisory lock so two
first uses do not race; when the connecting user may not create or grant it, a powerful
user (superuser, server-file or signal roles) is refused with the SQL an administrator
runs, and an ordinary user runs the statement as itself (it holds no more than its own
rights; the statement check of ``db/sql_guard.py`` applies either way).
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text

READER_ROLE = "juesuan_reader"
_LOCK_KEY = 0x6A75_6573  # "jues": serialises role creation between first uses
_POWERFUL_ROLES = ("pg_read_server_files", "pg_write_server_files", "pg_execute_server_program",
                   "pg_signal_backend")


class ReaderUnavailable(PermissionError):
    """The reader role is missing and this (powerful) user cannot create it."""


def juesuan_objects() -> set[str]:
    """Names of the tables and views juesuan creates (models, every view version, Alembic's)."""
    import db.views as views
    from models.orm import Base

    names = set(Base.metadata.tables) | {"alembic_version"}
    for name, value in vars(views).items():
        if name.startswith("VIEWS_V") and isinstance(value, dict):
            names |= set(value)
    return names


def reader_role(engine: Engine) -> str | None:
    """The role to ``SET LOCAL ROLE`` to, made ready; ``None`` when an ordinary user runs as
    itself. Raises ``ReaderUnavailable`` with the SQL to run when a powerful user cannot make it."""
    with engine.connect() as connection:
        schema, objects = _schema_objects(connection)
        if _ready(connection, schema, objects):
            return READER_ROLE
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
            if not _ready(connection, schema, objects):
                _create(connection, schema, objects)
        return READER_ROLE
    except Exception as err:  # any refusal (privilege, ownership) means "cannot"
        from sqlalchemy.exc import DBAPIError

        if not isinstance(err, DBAPIError):
            raise
        with engine.connect() as connection:
            if _ready(connection, schema, objects):  # made by a first use in another database
                return READER_ROLE
            powerful = _powerful(connection)
            user = connection.execute(text("SELECT current_user")).scalar_one()
        if not powerful:
            return None
        raise ReaderUnavailable(
            f"refused: juesuan sql will not run as {user}, who can read server files or stop sessions, "
            f"and cannot create the read-only role {READER_ROLE} ({_first_line(err)}); "
            f"as an administrator run: {setup_sql(schema, objects, user)}"
        ) from None


def setup_sql(schema: str, objects: list[str], user: str) -> str:
    """The statements that make the reader role, for a person to run."""
    role = _quote(READER_ROLE)
    statements = [f"CREATE ROLE {role} NOLOGIN", f"GRANT {role} TO {_quote(user)}",
                  f"GRANT USAGE ON SCHEMA {_quote(schema)} TO {role}"]
    if objects:
        listed = ", ".join(f"{_quote(schema)}.{_quote(name)}" for name in objects)
        statements.append(f"GRANT SELECT ON {listed} TO {role}")
    return "; ".join(statements) + ";"


def _schema_objects(connection: Connection) -> tuple[str, list[str]]:
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    present = connection.execute(text(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = :schema AND c.relkind IN ('r', 'v', 'm', 'p') ORDER BY c.relname"),
        {"schema": schema}).scalars().all()
    wanted = juesuan_objects()
    return schema, [name for name in present if name in wanted]


def _ready(connection: Connection, schema: str, objects: list[str]) -> bool:
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": READER_ROLE}).first()
    if exists is None:
        return False
    checks = connection.execute(text(
        "SELECT pg_has_role(current_user, :r, 'MEMBER') AND has_schema_privilege(:r, :s, 'USAGE')"),
        {"r": READER_ROLE, "s": schema}).scalar_one()
    if not checks:
        return False
    for name in objects:
        qualified = f"{_quote(schema)}.{_quote(name)}"
        if not connection.execute(text("SELECT has_table_privilege(:r, :t, 'SELECT')"),
                                  {"r": READER_ROLE, "t": qualified}).scalar_one():
            return False
    return True


def _create(connection: Connection, schema: str, objects: list[str]) -> None:
    role = _quote(READER_ROLE)
    if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": READER_ROLE}).first() is None:
        connection.execute(text(f"CREATE ROLE {role} NOLOGIN"))
    if not connection.execute(text("SELECT pg_has_role(current_user, :r, 'MEMBER')"),
                              {"r": READER_ROLE}).scalar_one():
        connection.execute(text(f"GRANT {role} TO CURRENT_USER"))
    connection.execute(text(f"GRANT USAGE ON SCHEMA {_quote(schema)} TO {role}"))
    for name in objects:
        connection.execute(text(f"GRANT SELECT ON {_quote(schema)}.{_quote(name)} TO {role}"))


def _powerful(connection: Connection) -> bool:
    superuser = connection.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
    if superuser:
        return True
    return any(connection.execute(text("SELECT pg_has_role(current_user, :r, 'USAGE')"), {"r": r}).scalar_one()
               for r in _POWERFUL_ROLES)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _first_line(err: Exception) -> str:
    return str(getattr(err, "orig", None) or err).strip().splitlines()[0]
