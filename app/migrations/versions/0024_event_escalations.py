"""a dealer's escalations of the last weeks found without walking its events

Revision ID: 0024_event_escalations
Revises: 0023_order_reached
Create Date: 2026-12-06 12:40:00

A supervisor's notices hold every escalation of the last 30 days, on any case of the dealer: with no
index on the kind, SQLite walked every case event of the dealer (2 million at 100,000 cases, 0.6-1 s a
read, and the bell reads on every change). Partial: escalations are a few in a thousand events, so
neither the store nor head office's intake pays for the others.
"""
import sqlalchemy as sa
from alembic import op

revision = '0024_event_escalations'
down_revision = '0023_order_reached'
branch_labels = None
depends_on = None

WHERE = "kind = 'case.escalated'"


def upgrade() -> None:
    op.create_index('ix_event_escalated', 'event', ['occurred_at'], unique=False,
                    sqlite_where=sa.text(WHERE), postgresql_where=sa.text(WHERE))


def downgrade() -> None:
    op.drop_index('ix_event_escalated', table_name='event')
