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

# Frozen copy of db.search.sqlite_ddl() / sqlite_drop() as of this revision (a migration must
# not change when the module does). Dropping first makes the step safe to re-run on a database
# that already has the search objects (one made by a development build).
DROP = ['DROP TRIGGER IF EXISTS text_search_facts_ins', 'DROP TRIGGER IF EXISTS text_search_facts_del', 'DROP TRIGGER IF EXISTS text_search_facts_upd', 'DROP TRIGGER IF EXISTS text_search_line_items_ins', 'DROP TRIGGER IF EXISTS text_search_line_items_del', 'DROP TRIGGER IF EXISTS text_search_line_items_upd', 'DROP TRIGGER IF EXISTS text_search_projects_ins', 'DROP TRIGGER IF EXISTS text_search_projects_del', 'DROP TRIGGER IF EXISTS text_search_projects_upd', 'DROP TRIGGER IF EXISTS text_search_indicators_ins', 'DROP TRIGGER IF EXISTS text_search_indicators_del', 'DROP TRIGGER IF EXISTS text_search_indicators_upd', 'DROP TABLE IF EXISTS text_search']

CREATE = ["CREATE VIRTUAL TABLE text_search USING fts5(text, report_id UNINDEXED, page UNINDEXED, source_id UNINDEXED, tokenize = 'trigram')", "CREATE TRIGGER text_search_facts_ins AFTER INSERT ON facts WHEN new.text <> '' BEGIN INSERT INTO text_search (rowid, text, report_id, page, source_id) VALUES (new.id * 8 + 0, new.text, new.report_id, new.page, new.source_id); END", 'CREATE TRIGGER text_search_facts_del AFTER DELETE ON facts BEGIN DELETE FROM text_search WHERE rowid = old.id * 8 + 0; END', "CREATE TRIGGER text_search_facts_upd AFTER UPDATE ON facts BEGIN DELETE FROM text_search WHERE rowid = old.id * 8 + 0; INSERT INTO text_search (rowid, text, report_id, page, source_id) SELECT new.id * 8 + 0, new.text, new.report_id, new.page, new.source_id WHERE new.text <> ''; END", "INSERT INTO text_search (rowid, text, report_id, page, source_id) SELECT id * 8 + 0, text, report_id, page, source_id FROM facts WHERE text <> ''", "CREATE TRIGGER text_search_line_items_ins AFTER INSERT ON line_items WHEN new.text <> '' BEGIN INSERT INTO text_search (rowid, text, report_id, page, source_id) VALUES (new.id * 8 + 1, new.text, new.report_id, new.page, new.source_id); END", 'CREATE TRIGGER text_search_line_items_del AFTER DELETE ON line_items BEGIN DELETE FROM text_search WHERE rowid = old.id * 8 + 1; END', "CREATE TRIGGER text_search_line_items_upd AFTER UPDATE ON line_items BEGIN DELETE FROM text_search WHERE rowid = old.id * 8 + 1; INSERT INTO text_search (rowid, text, report_id, page, source_id) SELECT new.id * 8 + 1, new.text, new.report_id, new.page, new.source_id WHERE new.text <> ''; END", "INSERT INTO text_search (rowid, text, report_id, page, source_id) SELECT id * 8 + 1, text, report_id, page, source_id FROM line_items WHERE text <> ''", "CREATE TRIGGER text_search_projects_ins AFTER INSERT ON projects WHEN new.text <> '' BEGIN INSERT INTO text_search (rowid, text, report_id, page, source_id) VALUES (new.id * 8 + 2, new.text, new.report_id, new.page, new.source_id); END", 'CREATE TRIGGER text_search_projects_del AFTER DELETE ON projects BEGIN DELETE FROM text_search WHERE rowid = old.id * 8 + 2; END', "CREATE TRIGGER text_search_projects_upd AFTER UPDATE ON projects BEGIN DELETE FROM text_search WHERE rowid = old.id * 8 + 2; INSERT INTO text_search (rowid, text, report_id, page, source_id) SELECT new.id * 8 + 2, new.text, new.report_id, new.page, new.source_id WHERE new.text <> ''; END", "INSERT INTO text_search (rowid, text, report_id, page, source_id) SELECT id * 8 + 2, text, report_id, page, source_id FROM projects WHERE text <> ''", "CREATE TRIGGER text_search_indicators_ins AFTER INSERT ON indicators WHEN new.text <> '' BEGIN INSERT INTO text_search (rowid, text, report_id, page, source_id) VALUES (new.id * 8 + 3, new.text, new.report_id, new.page, NULL); END", 'CREATE TRIGGER text_search_indicators_del AFTER DELETE ON indicators BEGIN DELETE FROM text_search WHERE rowid = old.id * 8 + 3; END', "CREATE TRIGGER text_search_indicators_upd AFTER UPDATE ON indicators BEGIN DELETE FROM text_search WHERE rowid = old.id * 8 + 3; INSERT INTO text_search (rowid, text, report_id, page, source_id) SELECT new.id * 8 + 3, new.text, new.report_id, new.page, NULL WHERE new.text <> ''; END", "INSERT INTO text_search (rowid, text, report_id, page, source_id) SELECT id * 8 + 3, text, report_id, page, NULL FROM indicators WHERE text <> ''"]

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in DROP + CREATE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in DROP:
        op.execute(statement)
