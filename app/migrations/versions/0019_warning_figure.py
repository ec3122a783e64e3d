"""which figure of a series crossed its limit

Revision ID: 0019_warning_figure
Revises: 0018_case_child_indexes
Create Date: 2026-12-05 21:50:00

early_warning gains the figure that crossed its limit: "share" (the failure share, as every warning
stored before) or "grades" (an advisor's item on its grades A-E), and for a grade warning each grade's
count since the run began with the usual share of each grade. Rows stored before read as share
warnings.
"""
import sqlalchemy as sa
from alembic import op

revision = '0019_warning_figure'
down_revision = '0018_case_child_indexes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('early_warning', schema=None) as batch_op:
        batch_op.add_column(sa.Column('figure', sa.String(length=8), server_default='share', nullable=False))
        batch_op.add_column(sa.Column('grades', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('early_warning', schema=None) as batch_op:
        batch_op.drop_column('grades')
        batch_op.drop_column('figure')
