"""report consolidation (本级 / 汇总)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

"（本级）" / "（汇总）" printed after a department's name are no longer part of the name: they
go to ``reports.consolidation`` (the department's own accounts, or consolidated with its
units), and into the research views (VIEWS_V2) beside ``scope``. Existing reports keep a
NULL consolidation and their report keys (the key gains "|本级"/"|汇总" only when it is stated).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.views import VIEWS_V1, VIEWS_V2, create_views, drop_views

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    drop_views(op.get_bind(), VIEWS_V1)
    # Plain ADD COLUMN (no batch copy), as in 0002.
    op.add_column('reports', sa.Column('consolidation', sa.String(length=16), nullable=True))
    create_views(op.get_bind(), VIEWS_V2)


def downgrade() -> None:
    drop_views(op.get_bind(), VIEWS_V2)
    op.drop_column('reports', 'consolidation')
    create_views(op.get_bind(), VIEWS_V1)
