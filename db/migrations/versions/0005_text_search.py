"""full-text search over stored texts

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

SQLite: an FTS5 trigram table over the ``text`` of facts, line items, projects and
indicators, kept current by triggers and filled from the rows already stored (see
``db.search``). PostgreSQL searches with ILIKE and needs nothing here.
"""

from __future__ import annotations

from alembic import op

from db.search import sqlite_ddl, sqlite_drop

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in sqlite_ddl():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in sqlite_drop():
        op.execute(statement)
