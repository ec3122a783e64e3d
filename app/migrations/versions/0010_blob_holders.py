"""which dealer delivered which attachment bytes (head office)

Revision ID: 0009_blob_holders
Revises: 0008_alert_ids
Create Date: 2026-12-05 11:40:00

hq_blob_holder: a dealer whose counters uploaded an attachment's bytes; head office hands a blob
only to counters of a dealer holding it, and refuses a case naming a blob only another dealer
holds. Blobs stored before are held by every dealer whose attachment rows name them.
"""
import sqlalchemy as sa
from alembic import op

import app.models.base

revision = '0010_blob_holders'
down_revision = '0009_hq_window'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hq_blob_holder',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('dealer_id', sa.String(length=36), nullable=False),
    sa.Column('since', app.models.base.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', 'dealer_id', name=op.f('pk_hq_blob_holder'))
    )
    op.execute(sa.text(
        "INSERT INTO hq_blob_holder (sha256, dealer_id, since) "
        "SELECT DISTINCT b.sha256, c.dealer_id, b.received_at FROM sync_blob b "
        "JOIN attachment a ON a.sha256 = b.sha256 JOIN failure_case c ON c.id = a.case_id"))


def downgrade() -> None:
    op.drop_table('hq_blob_holder')
