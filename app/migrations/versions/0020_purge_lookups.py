"""what a privacy purge looks up: conflicts by entity, kept case files by customer

Revision ID: 0020_purge_lookups
Revises: 0019_warning_figure
Create Date: 2026-12-06 03:00:00

A purge rewrites the conflicts kept for the customer's cases and forms: without an index on
sync_conflict.entity_id each purged customer read every conflict. Head office rewrote the kept case
files naming a purged value by reading every file of the dealer for each file carrying a purge;
sync_received_customer says which kept file holds which customer, so only those are read. The files
kept before this revision are noted here from their records.
"""
import json

import sqlalchemy as sa
from alembic import op

revision = '0020_purge_lookups'
down_revision = '0019_warning_figure'
branch_labels = None
depends_on = None

BATCH = 500


def _customers_of(records) -> set[str]:
    # As app/services/privacy/kept_files.customers_of at this revision (a migration keeps its own copy).
    ids = set()
    for table, rows in records.items() if isinstance(records, dict) else ():
        for r in rows if isinstance(rows, list) else ():
            if isinstance(r, dict):
                ids.add(r.get("id") if table == "customer" else r.get("customer_id"))
    return {i for i in ids if isinstance(i, str) and i}


def upgrade() -> None:
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflict_entity_id'), ['entity_id'], unique=False)
    kept = op.create_table('sync_received_customer',
                           sa.Column('customer_id', sa.String(length=36), nullable=False),
                           sa.Column('n', sa.Integer(), nullable=False),
                           sa.PrimaryKeyConstraint('customer_id', 'n', name=op.f('pk_sync_received_customer')))
    bind = op.get_bind()
    last = 0
    while True:  # in batches of files: a head office's kept files don't fit in memory at once
        rows = bind.execute(sa.text("SELECT n, content FROM sync_received WHERE n > :last ORDER BY n LIMIT :k"),
                            {"last": last, "k": BATCH}).all()
        if not rows:
            break
        noted = []
        for n, content in rows:
            try:
                records = json.loads(bytes(content)).get("records")
            except (ValueError, AttributeError):
                records = None
            noted += [{"customer_id": c, "n": n} for c in sorted(_customers_of(records))]
        if noted:
            op.bulk_insert(kept, noted)
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_table('sync_received_customer')
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflict_entity_id'))
