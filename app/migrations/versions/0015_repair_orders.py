"""repair orders from the dealer's management system

Revision ID: 0015_repair_orders
Revises: 0014_people_travel
Create Date: 2026-12-05 14:50:00

repair_order gains the DMS's times (opened, promised, delivered), work type, amount, mileage, where
it came from, a version (its changes are events of entity type "order", so it travels like a form)
and when it last changed; indexes for the day's calls and for a vehicle's comebacks. Rows stored
before keep their values: version 1, the new columns empty.
"""
import sqlalchemy as sa
from alembic import op

import app.models.base

revision = '0015_repair_orders'
down_revision = '0014_people_travel'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('repair_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opened_at', app.models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('promised_at', app.models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('delivered_at', app.models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('work_type', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('amount_cents', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('mileage', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('source', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('updated_at', app.models.base.UTCDateTime(), nullable=True))
        batch_op.create_check_constraint('amount_not_negative', 'amount_cents IS NULL OR amount_cents >= 0')
        batch_op.create_check_constraint('mileage_not_negative', 'mileage IS NULL OR mileage >= 0')
        batch_op.create_index('ix_repair_order_dealer_delivered', ['dealer_id', 'delivered_at'], unique=False)
        batch_op.create_index('ix_repair_order_vehicle_opened', ['vehicle_id', 'opened_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('repair_order', schema=None) as batch_op:
        batch_op.drop_index('ix_repair_order_vehicle_opened')
        batch_op.drop_index('ix_repair_order_dealer_delivered')
        batch_op.drop_constraint('mileage_not_negative', type_='check')
        batch_op.drop_constraint('amount_not_negative', type_='check')
        for col in ('updated_at', 'version', 'source', 'mileage', 'amount_cents', 'work_type', 'delivered_at',
                    'promised_at', 'opened_at'):
            batch_op.drop_column(col)
