"""indexes for large databases: outcomes by path, department aliases, trigrams

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Measured on a synthetic 100,000-report database (``benchmarks/synthetic_db.py``,
docs/performance.md):

* ``ix_ingest_outcomes_path``: ``juesuan outcomes`` finds each path's latest outcome with a
  subquery per row, a full read of the table each without it;
* ``ix_identity_evidence_field_value`` on ``(field, substr(value, 1, 100))``: the
  department names a report's identity evidence recorded (``diff``/``trend`` resolve a name
  through them). The first 100 characters only, so no value is ever too long for a B-tree
  (PostgreSQL refuses entries past ~2.7 kB); the query compares the whole value too;
* PostgreSQL only, when the ``pg_trgm`` extension is installed or can be (it is a trusted
  extension: a user with CREATE on the database may add it): GIN trigram indexes on the
  ``text`` of facts, line items, projects and indicators (``juesuan search``'s ILIKE) and on
  ``reports.department`` (``--department`` matches a part of the name). Without the
  extension a warning says so and search scans, as before. The extension goes into
  ``public`` when that schema exists (so dropping a juesuan schema never drops it for
  others), else into the current schema; downgrade drops the indexes, not the extension.
  SQLite keeps its FTS5 table (0005).

The expression and trigram indexes have no model (``db.migrate.UNMODELLED_INDEXES``).
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# Frozen here (a migration must not change when db/ does).
TRIGRAM = {"ix_trgm_facts_text": ("facts", "text"), "ix_trgm_line_items_text": ("line_items", "text"),
           "ix_trgm_projects_text": ("projects", "text"), "ix_trgm_indicators_text": ("indicators", "text"),
           "ix_trgm_reports_department": ("reports", "department")}
ALIAS_INDEX = "ix_identity_evidence_field_value"

log = logging.getLogger("juesuan.migrate")


def upgrade() -> None:
    op.create_index("ix_ingest_outcomes_path", "ingest_outcomes", ["path"])
    op.execute(f"CREATE INDEX {ALIAS_INDEX} ON identity_evidence (field, substr(value, 1, 100))")
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = _trigram_schema(bind)
    if schema is None:
        return
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")  # GIN builds much faster with room
    for name, (table, column) in TRIGRAM.items():
        op.execute(f'CREATE INDEX {name} ON {table} USING gin ({column} "{schema}".gin_trgm_ops)')


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for name in TRIGRAM:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.execute(f"DROP INDEX IF EXISTS {ALIAS_INDEX}")
    op.drop_index("ix_ingest_outcomes_path", table_name="ingest_outcomes")


def _trigram_schema(bind: sa.Connection) -> str | None:
    """The schema holding pg_trgm, installing it when it is missing; None (with a warning)
    when it is not available or this user may not install it."""
    installed = bind.execute(sa.text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'")).scalar()
    if installed:
        return installed
    if not bind.execute(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).scalar():
        _without("the server has no pg_trgm extension (PostgreSQL contrib)")
        return None
    target = bind.execute(sa.text(
        "SELECT CASE WHEN to_regnamespace('public') IS NOT NULL "
        "AND has_schema_privilege('public', 'CREATE') THEN 'public' ELSE current_schema() END")).scalar()
    try:
        with bind.begin_nested():
            bind.execute(sa.text(f'CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA "{target}"'))
    except sa.exc.DBAPIError as err:
        _without(f"cannot create the pg_trgm extension: {str(err.orig).splitlines()[0]}")
        return None
    return target


def _without(reason: str) -> None:
    log.warning("juesuan: %s; `juesuan search` works without trigram indexes, scanning the texts "
                "(docs/performance.md, 'Trigram search on PostgreSQL', says how to add them later)", reason)
