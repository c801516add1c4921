"""line items' measure as TEXT: a header-qualified measure has no bound

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

``line_items.measure`` was ``VARCHAR(32)``. Measures named by their table's headers
("2026年预算数比2025年执行数（扣除中央基建投资）:change", "其中：2026年政府采购项目中预留给小型、
微型企业的项目资金规模") run past 32 characters; SQLite stores them anyway, PostgreSQL refused
the whole report ("value too long for type character varying(32)"). The column becomes TEXT.

PostgreSQL alters the column in place (the research views that read it are dropped and made
again around the change). SQLite never enforced the length; its table is rebuilt only so the
declared type matches the models, and the full-text triggers of 0005 on ``line_items``, which
a rebuild drops, are made again (frozen copies below).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.views import VIEWS_V4, create_views, drop_views

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# Frozen copies of 0005's line_items triggers (a migration must not change when db.search does).
_TRIGGERS = [
    "CREATE TRIGGER text_search_line_items_ins AFTER INSERT ON line_items WHEN new.text <> '' BEGIN "
    "INSERT INTO text_search (rowid, text, report_id, page, source_id) "
    "VALUES (new.id * 8 + 1, new.text, new.report_id, new.page, new.source_id); END",
    "CREATE TRIGGER text_search_line_items_del AFTER DELETE ON line_items BEGIN "
    "DELETE FROM text_search WHERE rowid = old.id * 8 + 1; END",
    "CREATE TRIGGER text_search_line_items_upd AFTER UPDATE ON line_items BEGIN "
    "DELETE FROM text_search WHERE rowid = old.id * 8 + 1; "
    "INSERT INTO text_search (rowid, text, report_id, page, source_id) "
    "SELECT new.id * 8 + 1, new.text, new.report_id, new.page, new.source_id WHERE new.text <> ''; END",
]
_DROP_TRIGGERS = ["DROP TRIGGER IF EXISTS text_search_line_items_ins",
                  "DROP TRIGGER IF EXISTS text_search_line_items_del",
                  "DROP TRIGGER IF EXISTS text_search_line_items_upd"]


def _retype(new: sa.types.TypeEngine, old: sa.types.TypeEngine) -> None:
    bind = op.get_bind()
    drop_views(bind, VIEWS_V4)
    if bind.dialect.name == "sqlite":
        for statement in _DROP_TRIGGERS:
            op.execute(statement)
        with op.batch_alter_table("line_items", recreate="always") as batch:
            batch.alter_column("measure", existing_type=old, type_=new, existing_nullable=False)
        for statement in _TRIGGERS:
            op.execute(statement)
    else:
        op.alter_column("line_items", "measure", existing_type=old, type_=new, existing_nullable=False)
    create_views(bind, VIEWS_V4)


def upgrade() -> None:
    _retype(sa.Text(), sa.String(length=32))


def downgrade() -> None:
    _refuse_long_measures(op.get_bind())
    _retype(sa.String(length=32), sa.Text())


def _refuse_long_measures(bind: sa.Connection) -> None:
    """Going back to ``VARCHAR(32)`` cannot keep a longer measure: say so and stop, rather than
    cut the names (PostgreSQL) or leave rows the old schema could never have stored (SQLite)."""
    count = bind.execute(sa.text("SELECT COUNT(*) FROM line_items WHERE LENGTH(measure) > 32")).scalar()
    if count:
        raise RuntimeError(
            f"cannot downgrade below 0008: {count} line item(s) have a measure longer than 32 "
            "characters, which schema 0007 cannot hold; delete those reports first "
            "or keep this schema")
