"""which budget a fact's budget figure and completion rate refer to; the stated gap to it

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

``facts`` gains ``budget_basis`` ("年初预算" for 完成年初预算的X% / 年初预算为A, "调整预算" for
为调整预算的X%; NULL when the report says 预算 only or states no budget) and ``budget_gap``
(决算 − 预算 as the sentence states it: "决算数较预算数减少5.91万元" → −5.91). Rows stored before
this revision were read without them, so both are NULL. The research view v_facts (VIEWS_V4)
shows both after ``completion_pct``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.views import VIEWS_V3, VIEWS_V4, create_views, drop_views
from models.types import ExactDecimal

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    drop_views(op.get_bind(), VIEWS_V3)
    # Plain ADD COLUMN (no batch copy), as in 0006: the full-text triggers of 0005 stay as they are.
    op.add_column('facts', sa.Column('budget_basis', sa.String(length=8), nullable=True))
    op.add_column('facts', sa.Column('budget_gap', ExactDecimal(), nullable=True))
    create_views(op.get_bind(), VIEWS_V4)


def downgrade() -> None:
    drop_views(op.get_bind(), VIEWS_V4)
    op.drop_column('facts', 'budget_gap')
    op.drop_column('facts', 'budget_basis')
    create_views(op.get_bind(), VIEWS_V3)
