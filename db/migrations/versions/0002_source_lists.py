"""per-file warnings and tables found

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

A report's ``warnings`` and ``tables_found`` are the concatenation of its files'. Kept per
file so that re-storing one file of a multi-file report (a change, ``--force``) or a file
leaving the report replaces that file's share instead of appending it a second time.
Existing rows: each report's lists go to its first stored file.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD/DROP COLUMN, not a batch table copy: SQLite would refuse to rename the copy
    # while the research views name ``sources``.
    op.add_column('sources', sa.Column('warnings', sa.JSON(), nullable=True))
    op.add_column('sources', sa.Column('tables_found', sa.JSON(), nullable=True))
    op.execute(
        "UPDATE sources SET warnings = (SELECT r.warnings FROM reports r WHERE r.id = sources.report_id), "
        "tables_found = (SELECT r.tables_found FROM reports r WHERE r.id = sources.report_id) "
        "WHERE status = 'stored' AND id IN (SELECT min(s.id) FROM sources s "
        "WHERE s.status = 'stored' AND s.report_id IS NOT NULL GROUP BY s.report_id)"
    )


def downgrade() -> None:
    op.drop_column('sources', 'tables_found')
    op.drop_column('sources', 'warnings')
