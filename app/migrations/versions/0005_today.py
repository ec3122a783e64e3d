"""today: indexes for Today's lists and the month's figures

Revision ID: 0005_today
Revises: 0004_sync
Create Date: 2026-11-30 05:00:00

- cases waiting for a first response, per dealer and status, in the order Today lists them (no
  sort, and counting reads the index alone);
- callbacks still to make, per dealer by due time, in a partial index (made callbacks left out);
- the month's feedback figures read from one covering index (dealer, date, and the columns the
  assessment sums), instead of visiting every form's row; it replaces the (dealer, date) index,
  which is its prefix.
"""
import sqlalchemy as sa
from alembic import op


revision = '0005_today'
down_revision = '0004_sync'
branch_labels = None
depends_on = None

FORM_GRADES = ['dealer_id', 'service_date', 'verification', 'score', 'overall', 'timeliness', 'repair_quality',
               'attitude']


def upgrade() -> None:
    op.create_index('ix_failure_case_dealer_status_response', 'failure_case',
                    ['dealer_id', 'status', 'first_response_at', 'opened_at'], unique=False)
    op.create_index('ix_callback_dealer_due_open', 'callback', ['dealer_id', 'due_at'], unique=False,
                    sqlite_where=sa.text("state != 'reached'"), postgresql_where=sa.text("state != 'reached'"))
    op.create_index('ix_feedback_form_dealer_date_grades', 'feedback_form', FORM_GRADES, unique=False)
    op.drop_index('ix_feedback_form_dealer_date', table_name='feedback_form')


def downgrade() -> None:
    op.create_index('ix_feedback_form_dealer_date', 'feedback_form', ['dealer_id', 'service_date'], unique=False)
    op.drop_index('ix_feedback_form_dealer_date_grades', table_name='feedback_form')
    op.drop_index('ix_callback_dealer_due_open', table_name='callback')
    op.drop_index('ix_failure_case_dealer_status_response', table_name='failure_case')
