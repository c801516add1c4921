"""Stepping a test database down the migrations, as ``alembic downgrade`` would."""

from __future__ import annotations

from alembic import command

from db.migrate import alembic_config


def downgrade_to(engine, revision: str) -> None:
    """Downgrade ``engine``'s database to ``revision`` in one transaction."""
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
