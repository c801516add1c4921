"""how each figure was read: text layer or OCR, with the OCR confidence

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

Every located row (identity evidence, facts, line items, projects, indicators) gains
``read_by`` ("text": the file's text layer or markup; "ocr": recognised from a scanned
page image) and ``ocr_confidence`` (for OCR, the lowest recognition score, 0-1, of the
boxes the value came from). Rows stored before this revision were all read from text, so
they get "text" and no confidence. The research views (VIEWS_V3) show both columns after
the location columns.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.views import VIEWS_V2, VIEWS_V3, create_views, drop_views
from models.types import ExactDecimal

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

LOCATED_TABLES = ('identity_evidence', 'facts', 'line_items', 'projects', 'indicators')


def upgrade() -> None:
    drop_views(op.get_bind(), VIEWS_V2)
    # Plain ADD COLUMN (no batch copy), as in 0002 and 0003: the full-text triggers of 0005
    # on these tables stay as they are.
    for table in LOCATED_TABLES:
        op.add_column(table, sa.Column('read_by', sa.String(length=8), nullable=False, server_default='text'))
        op.add_column(table, sa.Column('ocr_confidence', ExactDecimal(), nullable=True))
    create_views(op.get_bind(), VIEWS_V3)


def downgrade() -> None:
    drop_views(op.get_bind(), VIEWS_V3)
    for table in reversed(LOCATED_TABLES):
        op.drop_column(table, 'ocr_confidence')
        op.drop_column(table, 'read_by')
    create_views(op.get_bind(), VIEWS_V2)
