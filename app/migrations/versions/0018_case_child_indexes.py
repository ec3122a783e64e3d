"""a case's alerts and early warnings found by the case

Revision ID: 0018_case_child_indexes
Revises: 0017_event_tally
Create Date: 2026-12-05 18:10:00

Every case file carries the rows of the cases its changes touch, read by their case; without an
index on case_id each file read every alert and every early warning once, so filing a counter's
whole outbox grew with the square of its history.
"""
from alembic import op

revision = '0018_case_child_indexes'
down_revision = '0017_event_tally'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_alert_case_id', 'alert', ['case_id'], unique=False)
    op.create_index('ix_early_warning_case_id', 'early_warning', ['case_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_early_warning_case_id', table_name='early_warning')
    op.drop_index('ix_alert_case_id', table_name='alert')
