"""Schema migrations, run programmatically from the packaged ``db/migrations`` folder.

No ``alembic.ini`` is needed at runtime: the configuration is built here. A database whose
revision this program does not know (written by a newer juesuan) is refused with a clear
message instead of being misread.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # Alembic's hook
    """Autogenerate/compare hook: the full-text search table and its FTS5 shadow tables are
    made by migration 0005 and have no model, so they are not schema drift."""
    from db.search import is_search_object

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
    current = current_revision(engine)
    if current is None:
        return None
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise SchemaTooNew(
            f"the database schema (revision {current}) is newer than this juesuan knows "
            f"(latest {script.get_current_head()}); upgrade juesuan to use this database"
        )
    return current


def upgrade_to_head(engine: Engine) -> None:
    """Create the schema on first use, or upgrade it; no-op when already current."""
    current = check_known(engine)
    if current == head_revision():
        return
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
