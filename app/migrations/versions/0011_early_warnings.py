"""early warnings and their acknowledgement

Revision ID: 0011_early_warnings
Revises: 0010_blob_holders
Create Date: 2026-12-05 14:50:00

early_warning: a failure share that crossed its CUSUM limit, derived by every store under the same
id, a child of the newest failing form (or case) behind it so that its acknowledgement travels.
"""
import sqlalchemy as sa
from alembic import op

import app.models.base

revision = '0011_early_warnings'
down_revision = '0010_blob_holders'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('early_warning',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('dealer_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('item', sa.String(length=16), nullable=True),
    sa.Column('since', sa.Date(), nullable=False),
    sa.Column('fired_on', sa.Date(), nullable=False),
    sa.Column('baseline', sa.Float(), nullable=False),
    sa.Column('limit_value', sa.Float(), nullable=False),
    sa.Column('forms', sa.Integer(), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('repair_orders', sa.JSON(), nullable=False),
    sa.Column('form_id', sa.String(length=36), nullable=True),
    sa.Column('case_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(), nullable=False),
    sa.Column('acknowledged_at', app.models.base.UTCDateTime(), nullable=True),
    sa.Column('acknowledged_by', sa.String(length=36), nullable=True),
    sa.Column('note', sa.String(length=1000), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['failure_case.id'], name=op.f('fk_early_warning_case_id_failure_case')),
    sa.ForeignKeyConstraint(['dealer_id'], ['dealer.id'], name=op.f('fk_early_warning_dealer_id_dealer')),
    sa.ForeignKeyConstraint(['form_id'], ['feedback_form.id'], name=op.f('fk_early_warning_form_id_feedback_form')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_early_warning'))
    )
    op.create_index('ix_early_warning_dealer_open', 'early_warning', ['dealer_id', 'acknowledged_at'])
    op.create_index(op.f('ix_early_warning_form_id'), 'early_warning', ['form_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_early_warning_form_id'), table_name='early_warning')
    op.drop_index('ix_early_warning_dealer_open', table_name='early_warning')
    op.drop_table('early_warning')
