"""improvement actions head office raises for several dealers

Revision ID: 0016_network_improvements
Revises: 0015_repair_orders
Create Date: 2026-12-05 17:40:00

network_improvement: one dealer's share of an action head office raised for the dealers sharing a
cause (network_id names the action), with an owner role or person, a due date, the figure it should
move, its completion, and a version (its changes are events of entity type "improvement", so it
travels like a repair order). A new table: nothing stored before changes.
"""
import sqlalchemy as sa
from alembic import op

import app.models.base

revision = '0016_network_improvements'
down_revision = '0015_repair_orders'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('network_improvement',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('dealer_id', sa.String(length=36), nullable=False),
    sa.Column('network_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('owner_role', sa.String(length=16), nullable=True),
    sa.Column('owner_id', sa.String(length=36), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('figure_kind', sa.String(length=16), nullable=False),
    sa.Column('figure_subject', sa.String(length=200), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(), nullable=False),
    sa.Column('done_at', app.models.base.UTCDateTime(), nullable=True),
    sa.Column('done_by', sa.String(length=36), nullable=True),
    sa.Column('done_note', sa.String(length=1000), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dealer_id'], ['dealer.id'], name=op.f('fk_network_improvement_dealer_id_dealer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_improvement'))
    )
    op.create_index('ix_network_improvement_dealer_done', 'network_improvement', ['dealer_id', 'done_at'])
    op.create_index(op.f('ix_network_improvement_network_id'), 'network_improvement', ['network_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_network_improvement_network_id'), table_name='network_improvement')
    op.drop_index('ix_network_improvement_dealer_done', table_name='network_improvement')
    op.drop_table('network_improvement')
