"""the counter's month sums of forms, kept by triggers on feedback_form

Revision ID: 0022_form_month
Revises: 0021_order_calls_index
Create Date: 2026-12-06 06:30:00

Today's 12-month trend summed a year of the dealer's forms by day on every read (262-276 ms at
200,000 forms). form_month keeps per dealer, month and verification the forms, their total score
and their failures under each overall threshold 1-10; SQLite triggers on feedback_form change it in
the same statement as every update and delete of a form, the writers of new forms add theirs
(app.services.glance.form_month), and it is filled here from the forms already stored. On
PostgreSQL (head office, no Today) the table stays empty.
"""
import sqlalchemy as sa
from alembic import op

revision = '0022_form_month'
down_revision = '0021_order_calls_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('form_month',
    sa.Column('dealer_id', sa.String(length=36), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('verification', sa.String(length=12), nullable=False),
    sa.Column('forms', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    *[sa.Column(f'failures_{t}', sa.Integer(), nullable=False) for t in range(1, 11)],
    sa.PrimaryKeyConstraint('dealer_id', 'month', 'verification', name=op.f('pk_form_month'))
    )
    from app.services.glance.form_month import install

    install(op.get_bind())


def downgrade() -> None:
    from app.services.glance.form_month import TRIGGERS

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in TRIGGERS:
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table('form_month')
