"""head office's window: when a publication reached each counter; the case list across dealers

Revision ID: 0009_hq_window
Revises: 0008_alert_ids
Create Date: 2026-12-05 11:45:00

hq_published_arrival records when head office first handed a published pack or settings to a
counter; hq_counter keeps what the counter last said of itself (changes waiting, Sync problems,
program version) when it asked for publications. Two indexes serve head office's pages over every dealer: cases newest first
(failure_case.opened_at) and callbacks due in a month (callback.due_at).
"""
import sqlalchemy as sa
from alembic import op

import app.models.base

revision = '0009_hq_window'
down_revision = '0008_alert_ids'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'hq_published_arrival',
        sa.Column('counter_id', sa.String(length=36), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.Column('arrived_at', app.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('counter_id', 'n', name=op.f('pk_hq_published_arrival')),
    )
    with op.batch_alter_table('hq_counter') as batch:
        batch.add_column(sa.Column('reported_at', app.models.base.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('reported_waiting', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('reported_problems', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('reported_version', sa.String(length=40), nullable=True))
    op.create_index('ix_failure_case_opened', 'failure_case', ['opened_at'])
    op.create_index('ix_callback_due', 'callback', ['due_at'])


def downgrade() -> None:
    op.drop_index('ix_callback_due', table_name='callback')
    op.drop_index('ix_failure_case_opened', table_name='failure_case')
    with op.batch_alter_table('hq_counter') as batch:
        for name in ('reported_version', 'reported_problems', 'reported_waiting', 'reported_at'):
            batch.drop_column(name)
    op.drop_table('hq_published_arrival')
