"""head office's month sums of forms, and cases by when they were closed

Revision ID: 0013_network_sums
Revises: 0012_improvement_actions
Create Date: 2026-12-05 14:45:00

hq_form_month: per dealer, month and verification, the forms, their total score, top scores and
failures under each overall threshold 1-10 (the import keeps it; app.services.network.month_sums),
filled here from the forms already held. ix_failure_case_closed: a month's recovery rate reads the cases closed in it by index.
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_network_sums'
down_revision = '0012_improvement_actions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hq_form_month',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('dealer_id', sa.String(length=36), nullable=False),
    sa.Column('verification', sa.String(length=12), nullable=False),
    sa.Column('forms', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('top', sa.Integer(), nullable=False),
    *[sa.Column(f'failures_{t}', sa.Integer(), nullable=False) for t in range(1, 11)],
    sa.PrimaryKeyConstraint('month', 'dealer_id', 'verification', name=op.f('pk_hq_form_month'))
    )
    op.create_index('ix_failure_case_closed', 'failure_case', ['closed_at'], unique=False)
    from sqlalchemy.orm import Session

    from app.services.network.month_sums import refresh_all

    with Session(op.get_bind()) as s:
        refresh_all(s)
        s.flush()


def downgrade() -> None:
    op.drop_index('ix_failure_case_closed', table_name='failure_case')
    op.drop_table('hq_form_month')
