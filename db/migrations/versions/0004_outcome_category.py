"""failure category on ingest outcomes

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

Whether an unchanged file that failed is read again was decided by its reason's text
(``could not store…``, ``file changed while it was read…``). The category now says it.
Existing failures get the category their reason implies for the two retried kinds; the
others stay NULL, which reads as the file's own fault (not retried), as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_CARRIED = "unchanged since it failed: "


def upgrade() -> None:
    op.add_column('ingest_outcomes', sa.Column('category', sa.String(length=32), nullable=True))
    for category, prefix in (("storage", "could not store"), ("file_changed", "file changed while it was read")):
        op.execute(sa.text(
            "UPDATE ingest_outcomes SET category = :category WHERE status = 'failed' "
            "AND (reason LIKE :plain OR reason LIKE :carried)"
        ).bindparams(category=category, plain=f"{prefix}%", carried=f"{_CARRIED}{prefix}%"))


def downgrade() -> None:
    op.drop_column('ingest_outcomes', 'category')
