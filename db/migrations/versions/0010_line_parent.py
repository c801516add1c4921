"""line items' parent: the row a statistics or numbered row belongs to

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08

Rows printed without a classification code (机关运行经费 / 政府采购 / 国有资产 / 三公
statistics, the numbered rows 一、 （一） 1. （1） 其中： of other tables) lost the section they
sit in: "车辆" under 二、国有资产占用情况 and a "合计" elsewhere could not be told apart.
``line_items.parent`` (nullable ``VARCHAR(255)``) names the enclosing row; reports ingested
before stay NULL until re-ingested (``--force``). The research view ``v_line_items``
(VIEWS_V5) shows it after ``name``.

Both engines add the column in place (SQLite's ``ADD COLUMN``, so 0005's full-text
triggers on ``line_items`` stay); downgrade drops it (SQLite 3.35+ ``DROP COLUMN``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.views import VIEWS_V4, VIEWS_V5, create_views, drop_views

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    drop_views(bind, VIEWS_V4)
    op.add_column("line_items", sa.Column("parent", sa.String(length=255), nullable=True))
    create_views(bind, VIEWS_V5)


def downgrade() -> None:
    bind = op.get_bind()
    drop_views(bind, VIEWS_V5)
    op.execute("ALTER TABLE line_items DROP COLUMN parent")
    create_views(bind, VIEWS_V4)
