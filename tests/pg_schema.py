"""A fresh PostgreSQL schema per test (``JUESUAN_TEST_PG``), skipped with the reason when
no server answers; dropped afterwards so tests never see each other's rows."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pg_base_url() -> str:
    return os.environ.get("JUESUAN_TEST_PG", DEFAULT_PG)


@contextmanager
def fresh_pg_schema() -> Iterator[str]:
    """Yield a database URL whose search_path is a new, empty schema."""
    base = pg_base_url()
    try:
        admin = create_engine(base, connect_args={"connect_timeout": 3})
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (OperationalError, ModuleNotFoundError) as err:
        pytest.skip(f"no PostgreSQL answers at {base} (set JUESUAN_TEST_PG): {str(err).splitlines()[0]}")
    name = f"jt_{uuid.uuid4().hex[:12]}"
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {name}"))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()

