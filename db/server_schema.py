"""Is the schema a server URL points at juesuan's? Checked before any statement could write
to it, as ``db.sqlite_file`` checks a SQLite file.

The schema is the connection's ``current_schema()`` (the first schema of its search_path
that exists). Only the catalogue is read. A schema holding juesuan's Alembic revision is
juesuan's; one holding tables juesuan never makes and no revision is someone else's and is
refused on every command, ingest included; an empty schema is refused by the read
commands (only ``ingest`` sets juesuan up in it), so a mistyped URL creates nothing.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from db.errors import CannotOpen

_RELATIONS = text(
    "SELECT c.relname FROM pg_catalog.pg_class c "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
)


class NotJuesuanSchema(CannotOpen):
    """The schema holds another program's tables; the message names it and them."""


class NoJuesuanSchema(CannotOpen):
    """The schema holds nothing of juesuan's yet and the command does not create it."""


def check_server_schema(engine: Engine, *, create: bool) -> None:
    """Raise ``NotJuesuanSchema`` / ``NoJuesuanSchema`` unless ``engine``'s schema may be
    used (``create``: the command may set an empty schema up)."""
    if engine.dialect.name != "postgresql":
        return
    where = engine.url.render_as_string(hide_password=True)
    with engine.connect() as connection:
        schema = connection.execute(text("SELECT current_schema()")).scalar()
        names = [] if schema is None else list(connection.execute(_RELATIONS).scalars())
        connection.rollback()
    if schema is None:
        path = _search_path(engine)
        raise NoJuesuanSchema(f"{where}: no schema of its search_path ({path}) exists; "
                              "create one (CREATE SCHEMA …) or give another --db")
    if "alembic_version" in names:
        return
    foreign = foreign_tables(names)
    if foreign:
        shown = ", ".join(foreign[:5]) + (", …" if len(foreign) > 5 else "")
        raise NotJuesuanSchema(f"{where}: schema {schema} is not a juesuan database (it holds other tables: "
                               f"{shown}); give another --db or another schema")
    if not create:
        raise NoJuesuanSchema(f"no juesuan database in schema {schema} of {where} "
                              "(run juesuan ingest first, or give --db / JUESUAN_DB)")


def foreign_tables(names: list[str]) -> list[str]:
    """The names among ``names`` that juesuan never makes (its search tables aside)."""
    from db.reader_role import juesuan_objects
    from db.search import is_search_object

    known = juesuan_objects()
    return sorted(name for name in names if name not in known and not is_search_object(name))


def _search_path(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(connection.execute(text("SHOW search_path")).scalar())
