"""head office assigns counter tags; case numbers never refuse a file

Revision ID: 0006_dealer_identity
Revises: 0005_today
Create Date: 2026-12-02 10:00:00

- hq_counter.tag: the two characters head office assigned the counter at enrolment, unique within
  its dealer (NULL for counters enrolled before);
- failure_case.former_number: the number a case had before enrolment renumbered it, indexed so the
  case list's search finds a case by either number;
- failure_case.number is indexed instead of unique: numbers are unique per (dealer, tag) by
  construction, and one an older counter minted twice is kept (and listed), not a refused file.
"""
import sqlalchemy as sa
from alembic import op


revision = '0006_dealer_identity'
down_revision = '0005_today'
branch_labels = None
depends_on = None


# SQLite rebuilds failure_case to drop its constraint; app.models.store.upgrade runs migrations with
# foreign keys off and checks them before committing, so the rows pointing at cases stay valid.


def upgrade() -> None:
    with op.batch_alter_table('hq_counter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tag', sa.String(length=2), nullable=True))
        batch_op.create_unique_constraint('uq_hq_counter_dealer_tag', ['dealer_id', 'tag'])
    with op.batch_alter_table('failure_case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('former_number', sa.String(length=40), nullable=True))
        batch_op.drop_constraint('uq_failure_case_number', type_='unique')
        batch_op.create_index('ix_failure_case_number', ['number'], unique=False)
        batch_op.create_index('ix_failure_case_former_number', ['former_number'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('failure_case', schema=None) as batch_op:
        batch_op.drop_index('ix_failure_case_former_number')
        batch_op.drop_index('ix_failure_case_number')
        batch_op.create_unique_constraint('uq_failure_case_number', ['number'])
        batch_op.drop_column('former_number')
    with op.batch_alter_table('hq_counter', schema=None) as batch_op:
        batch_op.drop_constraint('uq_hq_counter_dealer_tag', type_='unique')
        batch_op.drop_column('tag')
