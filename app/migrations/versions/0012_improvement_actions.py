"""improvement actions raised from closed cases

Revision ID: 0012_improvement_actions
Revises: 0011_early_warnings
Create Date: 2026-12-05 15:15:00

improvement_action: what a dealer changes so that a root cause stops recurring, with an owner, a due
date and the failure share it should move; a child of its case, so it travels with it.
"""
import sqlalchemy as sa
from alembic import op

import app.models.base

revision = '0012_improvement_actions'
down_revision = '0011_early_warnings'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('improvement_action',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('dealer_id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('owner_id', sa.String(length=36), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('figure_kind', sa.String(length=16), nullable=False),
    sa.Column('figure_subject', sa.String(length=200), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=36), nullable=True),
    sa.Column('done_at', app.models.base.UTCDateTime(), nullable=True),
    sa.Column('done_by', sa.String(length=36), nullable=True),
    sa.Column('done_note', sa.String(length=1000), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['failure_case.id'], name=op.f('fk_improvement_action_case_id_failure_case')),
    sa.ForeignKeyConstraint(['dealer_id'], ['dealer.id'], name=op.f('fk_improvement_action_dealer_id_dealer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_improvement_action'))
    )
    op.create_index('ix_improvement_action_dealer_done', 'improvement_action', ['dealer_id', 'done_at'])
    op.create_index(op.f('ix_improvement_action_case_id'), 'improvement_action', ['case_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_improvement_action_case_id'), table_name='improvement_action')
    op.drop_index('ix_improvement_action_dealer_done', table_name='improvement_action')
    op.drop_table('improvement_action')
