"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26

The tables of models/orm.py as first released, and the research views VIEWS_V1.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.types
from db.views import VIEWS_V1, create_views, drop_views

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('classification_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('classification', sa.String(length=16), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('level', sa.String(length=8), nullable=True),
    sa.Column('parent', sa.String(length=16), nullable=True),
    sa.Column('first_year', sa.Integer(), nullable=True),
    sa.Column('last_year', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_classification_codes')),
    sa.UniqueConstraint('classification', 'code', 'name', name='uq_classification_codes_key')
    )
    with op.batch_alter_table('classification_codes', schema=None) as batch_op:
        batch_op.create_index('ix_classification_codes_code', ['code'], unique=False)

    op.create_table('ingest_outcomes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.String(length=40), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('report_id', sa.Integer(), nullable=True),
    sa.Column('extractor_version', sa.String(length=40), nullable=True),
    sa.Column('seconds', sa.Double(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ingest_outcomes'))
    )
    with op.batch_alter_table('ingest_outcomes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ingest_outcomes_run_id'), ['run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ingest_outcomes_sha256'), ['sha256'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_key', sa.String(length=400), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=True),
    sa.Column('region', sa.String(length=200), nullable=True),
    sa.Column('fiscal_year', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('scope', sa.String(length=16), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('extractor_version', sa.String(length=40), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('tables_found', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
    sa.UniqueConstraint('report_key', name=op.f('uq_reports_report_key'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index('ix_reports_department_year', ['department', 'fiscal_year'], unique=False)

    op.create_table('findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=64), nullable=False),
    sa.Column('severity', sa.String(length=8), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('pages', sa.JSON(), nullable=False),
    sa.Column('blocks', sa.JSON(), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_findings_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_findings'))
    )
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findings_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_rule'), ['rule'], unique=False)

    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('format', sa.String(length=8), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=True),
    sa.Column('size_bytes', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('superseded_by', sa.Text(), nullable=True),
    sa.Column('extractor_version', sa.String(length=40), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_sources_report_id_reports'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('sha256', name=op.f('uq_sources_sha256'))
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.create_index('ix_sources_path', ['path'], unique=False)
        batch_op.create_index('ix_sources_report_id', ['report_id'], unique=False)

    op.create_table('facts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('metric', sa.String(length=80), nullable=False),
    sa.Column('value', models.types.ExactDecimal(), nullable=True),
    sa.Column('unit', sa.String(length=16), nullable=False),
    sa.Column('printed_unit', sa.String(length=16), nullable=True),
    sa.Column('printed_value', sa.String(length=64), nullable=True),
    sa.Column('prior_value', models.types.ExactDecimal(), nullable=True),
    sa.Column('prior_year', sa.Integer(), nullable=True),
    sa.Column('change', models.types.ExactDecimal(), nullable=True),
    sa.Column('change_pct', models.types.ExactDecimal(), nullable=True),
    sa.Column('share_pct', models.types.ExactDecimal(), nullable=True),
    sa.Column('budget_value', models.types.ExactDecimal(), nullable=True),
    sa.Column('completion_pct', models.types.ExactDecimal(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('subject', sa.Text(), nullable=True),
    sa.Column('block', sa.Integer(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('cell_row', sa.Integer(), nullable=True),
    sa.Column('cell_col', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_facts_report_id_reports'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_facts_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facts'))
    )
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_facts_metric'), ['metric'], unique=False)
        batch_op.create_index(batch_op.f('ix_facts_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_facts_source_id'), ['source_id'], unique=False)

    op.create_table('identity_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=32), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('value_type', sa.String(length=8), nullable=False),
    sa.Column('found_in', sa.String(length=16), nullable=False),
    sa.Column('block', sa.Integer(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('cell_row', sa.Integer(), nullable=True),
    sa.Column('cell_col', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_identity_evidence_report_id_reports'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_identity_evidence_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identity_evidence'))
    )
    with op.batch_alter_table('identity_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identity_evidence_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_identity_evidence_source_id'), ['source_id'], unique=False)

    op.create_table('line_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('table_key', sa.String(length=48), nullable=False),
    sa.Column('classification', sa.String(length=16), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('measure', sa.String(length=32), nullable=False),
    sa.Column('value', models.types.ExactDecimal(), nullable=True),
    sa.Column('unit', sa.String(length=16), nullable=False),
    sa.Column('printed_unit', sa.String(length=16), nullable=True),
    sa.Column('printed_value', sa.String(length=64), nullable=True),
    sa.Column('code_origin', sa.String(length=16), nullable=True),
    sa.Column('level', sa.String(length=8), nullable=True),
    sa.Column('side', sa.String(length=16), nullable=True),
    sa.Column('block', sa.Integer(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('cell_row', sa.Integer(), nullable=True),
    sa.Column('cell_col', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_line_items_report_id_reports'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_line_items_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_line_items'))
    )
    with op.batch_alter_table('line_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_line_items_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_line_items_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_line_items_source_id'), ['source_id'], unique=False)
        batch_op.create_index('ix_line_items_table_key_code', ['table_key', 'code'], unique=False)

    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('form', sa.String(length=48), nullable=False),
    sa.Column('unit', sa.Text(), nullable=True),
    sa.Column('budget', models.types.ExactDecimal(), nullable=True),
    sa.Column('budget_fiscal', models.types.ExactDecimal(), nullable=True),
    sa.Column('budget_other', models.types.ExactDecimal(), nullable=True),
    sa.Column('executed', models.types.ExactDecimal(), nullable=True),
    sa.Column('executed_fiscal', models.types.ExactDecimal(), nullable=True),
    sa.Column('executed_other', models.types.ExactDecimal(), nullable=True),
    sa.Column('completion_pct', models.types.ExactDecimal(), nullable=True),
    sa.Column('goal_expected', sa.Text(), nullable=True),
    sa.Column('goal_actual', sa.Text(), nullable=True),
    sa.Column('score', models.types.ExactDecimal(), nullable=True),
    sa.Column('money_unit', sa.String(length=16), nullable=False),
    sa.Column('printed_unit', sa.String(length=16), nullable=True),
    sa.Column('block', sa.Integer(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('cell_row', sa.Integer(), nullable=True),
    sa.Column('cell_col', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_projects_report_id_reports'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_projects_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_source_id'), ['source_id'], unique=False)

    op.create_table('indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('level1', sa.Text(), nullable=True),
    sa.Column('level2', sa.Text(), nullable=True),
    sa.Column('level3', sa.Text(), nullable=True),
    sa.Column('target', sa.Text(), nullable=True),
    sa.Column('actual', sa.Text(), nullable=True),
    sa.Column('target_op', sa.String(length=4), nullable=True),
    sa.Column('target_value', models.types.ExactDecimal(), nullable=True),
    sa.Column('target_unit', sa.String(length=16), nullable=True),
    sa.Column('actual_op', sa.String(length=4), nullable=True),
    sa.Column('actual_value', models.types.ExactDecimal(), nullable=True),
    sa.Column('actual_unit', sa.String(length=16), nullable=True),
    sa.Column('weight', models.types.ExactDecimal(), nullable=True),
    sa.Column('score', models.types.ExactDecimal(), nullable=True),
    sa.Column('deviation_reason', sa.Text(), nullable=True),
    sa.Column('nature', sa.Text(), nullable=True),
    sa.Column('block', sa.Integer(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('cell_row', sa.Integer(), nullable=True),
    sa.Column('cell_col', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_indicators_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_indicators_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicators'))
    )
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicators_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicators_report_id'), ['report_id'], unique=False)

    create_views(op.get_bind(), VIEWS_V1)


def downgrade() -> None:
    drop_views(op.get_bind(), VIEWS_V1)
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicators_report_id'))
        batch_op.drop_index(batch_op.f('ix_indicators_project_id'))

    op.drop_table('indicators')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_source_id'))
        batch_op.drop_index(batch_op.f('ix_projects_report_id'))

    op.drop_table('projects')
    with op.batch_alter_table('line_items', schema=None) as batch_op:
        batch_op.drop_index('ix_line_items_table_key_code')
        batch_op.drop_index(batch_op.f('ix_line_items_source_id'))
        batch_op.drop_index(batch_op.f('ix_line_items_report_id'))
        batch_op.drop_index(batch_op.f('ix_line_items_code'))

    op.drop_table('line_items')
    with op.batch_alter_table('identity_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identity_evidence_source_id'))
        batch_op.drop_index(batch_op.f('ix_identity_evidence_report_id'))

    op.drop_table('identity_evidence')
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_facts_source_id'))
        batch_op.drop_index(batch_op.f('ix_facts_report_id'))
        batch_op.drop_index(batch_op.f('ix_facts_metric'))

    op.drop_table('facts')
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index('ix_sources_report_id')
        batch_op.drop_index('ix_sources_path')

    op.drop_table('sources')
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_findings_rule'))
        batch_op.drop_index(batch_op.f('ix_findings_report_id'))

    op.drop_table('findings')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('ix_reports_department_year')

    op.drop_table('reports')
    with op.batch_alter_table('ingest_outcomes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ingest_outcomes_sha256'))
        batch_op.drop_index(batch_op.f('ix_ingest_outcomes_run_id'))

    op.drop_table('ingest_outcomes')
    with op.batch_alter_table('classification_codes', schema=None) as batch_op:
        batch_op.drop_index('ix_classification_codes_code')

    op.drop_table('classification_codes')
