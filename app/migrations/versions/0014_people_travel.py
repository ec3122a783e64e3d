"""people are the dealer's: a person's version, their history filed for head office

Revision ID: 0014_people_travel
Revises: 0013_network_sums
Create Date: 2026-12-05 14:45:00

app_user.version: the seq of the person's last event (their changes travel to head office and every
counter of the dealer, and two edits of one version are a conflict like a case's). Person events
written before stayed in the store; the outbox mark is dropped so the next filing looks at every
change once and files them (nothing is filed twice: the outbox table says). ix_event_occurred: the
audit view reads the event log newest first.
"""
import sqlalchemy as sa
from alembic import op

revision = '0014_people_travel'
down_revision = '0013_network_sums'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('app_user') as batch:
        batch.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='0'))
    op.execute(sa.text(
        "UPDATE app_user SET version = COALESCE((SELECT MAX(e.seq) FROM event e "
        "WHERE e.entity_type = 'user' AND e.entity_id = app_user.id), 0)"))
    op.execute(sa.text("DELETE FROM store_meta WHERE key = 'outbox_mark'"))
    op.create_index('ix_event_occurred', 'event', ['occurred_at'])


def downgrade() -> None:
    op.drop_index('ix_event_occurred', table_name='event')
    with op.batch_alter_table('app_user') as batch:
        batch.drop_column('version')
