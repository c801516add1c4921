"""Alembic environment: runs on the connection ``db.migrate`` hands over (no alembic.ini)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from db.migrate import include_object
from models.orm import Base

target_metadata = Base.metadata


def _configure_and_run(connection) -> None:  # a SQLAlchemy Connection
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    # Developer use (alembic revision --autogenerate): connect from the configured URL.
    engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _configure_and_run(conn)


run_migrations_online()
