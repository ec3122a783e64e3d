"""each repair order's reached 3-day call kept on its row, in the (dealer, delivered) index; the open
callbacks' index with their case and state

Revision ID: 0023_order_reached
Revises: 0022_form_month
Create Date: 2026-12-06 12:30:00

Today's calls figure (app.services.orders.calls.call_figures) looked up the reached call of each order
delivered in the month in the event index (about 3,300 lookups a week into the month at 100,000
cases: 25 ms of Today's 84 ms read; four times that at the month's end). call_reached keeps it on the
order, derived from the order's events by call_log.mark_reached (the one definition: the writer of a
call sets it, a pulled file's apply derives it for the orders its events name), filled here from the
events already stored. In the (dealer, delivered, id) index the calls due and reached are counted
from the index alone. SQLite and PostgreSQL alike: head office's monthly summaries read it too.

Today's count of the callbacks due and the overdue rule's late callbacks read each open callback's row
for its case (1,755 rows at 100,000 cases): with the case and the state in the open callbacks' partial
index they read the index alone.
"""
import sqlalchemy as sa
from alembic import op

revision = '0023_order_reached'
down_revision = '0022_form_month'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('repair_order', sa.Column('call_reached', sa.Boolean(), server_default=sa.false(), nullable=False))
    from app.services.orders.call_log import mark_reached

    mark_reached(op.get_bind())
    op.drop_index('ix_repair_order_dealer_delivered', table_name='repair_order')
    op.create_index('ix_repair_order_dealer_delivered', 'repair_order',
                    ['dealer_id', 'delivered_at', 'id', 'call_reached'], unique=False)
    _open_callbacks(['dealer_id', 'due_at', 'case_id', 'state'])


def _open_callbacks(columns: list[str]) -> None:
    op.drop_index('ix_callback_dealer_due_open', table_name='callback')
    op.create_index('ix_callback_dealer_due_open', 'callback', columns, unique=False,
                    sqlite_where=sa.text("state != 'reached'"), postgresql_where=sa.text("state != 'reached'"))


def downgrade() -> None:
    _open_callbacks(['dealer_id', 'due_at'])
    op.drop_index('ix_repair_order_dealer_delivered', table_name='repair_order')
    op.create_index('ix_repair_order_dealer_delivered', 'repair_order', ['dealer_id', 'delivered_at', 'id'],
                    unique=False)
    with op.batch_alter_table('repair_order') as batch_op:
        batch_op.drop_column('call_reached')
