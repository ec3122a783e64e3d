"""changes refused one by one (head office and counter), enrolment codes bound to a counter

Revision ID: 0007_refusals
Revises: 0006_dealer_identity
Create Date: 2026-12-01 09:00:00

- hq_refusal: what head office refused of an enrolled counter's files (a change, or a whole file),
  with the reason, for head office staff (`hq refusals`) and to leave refused changes out of what
  other counters pull;
- sync_refused: at a counter, its changes head office refused, listed in Sync problems until resent;
- hq_enrolment.counter_id: a re-enrolment code head office issued for one existing counter.
"""
import sqlalchemy as sa
from alembic import op

import app.models.base

revision = '0007_refusals'
down_revision = '0006_dealer_identity'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hq_refusal',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('counter_id', sa.String(length=36), nullable=False),
    sa.Column('dealer_id', sa.String(length=36), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('received_n', sa.Integer(), nullable=True),
    sa.Column('entity_type', sa.String(length=16), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('record_table', sa.String(length=32), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.JSON(), nullable=False),
    sa.Column('event_ids', sa.JSON(), nullable=False),
    sa.Column('refused_at', app.models.base.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hq_refusal'))
    )
    op.create_index(op.f('ix_hq_refusal_counter_id'), 'hq_refusal', ['counter_id'], unique=False)
    op.create_index(op.f('ix_hq_refusal_dealer_id'), 'hq_refusal', ['dealer_id'], unique=False)
    op.create_index(op.f('ix_hq_refusal_received_n'), 'hq_refusal', ['received_n'], unique=False)
    op.create_table('sync_refused',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('file_seq', sa.Integer(), nullable=False),
    sa.Column('entity_type', sa.String(length=16), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('record_table', sa.String(length=32), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('event_ids', sa.JSON(), nullable=False),
    sa.Column('refused_at', app.models.base.UTCDateTime(), nullable=False),
    sa.Column('resent_at', app.models.base.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_refused'))
    )
    op.create_index(op.f('ix_sync_refused_resent_at'), 'sync_refused', ['resent_at'], unique=False)
    with op.batch_alter_table('hq_enrolment') as batch:
        batch.add_column(sa.Column('counter_id', sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('hq_enrolment') as batch:
        batch.drop_column('counter_id')
    op.drop_index(op.f('ix_sync_refused_resent_at'), table_name='sync_refused')
    op.drop_table('sync_refused')
    op.drop_index(op.f('ix_hq_refusal_received_n'), table_name='hq_refusal')
    op.drop_index(op.f('ix_hq_refusal_dealer_id'), table_name='hq_refusal')
    op.drop_index(op.f('ix_hq_refusal_counter_id'), table_name='hq_refusal')
    op.drop_table('hq_refusal')
