"""one failure alert per form, its id derived from the form's id

Revision ID: 0008_alert_ids
Revises: 0007_refusals
Create Date: 2026-12-01 23:00:00

A failure form's alert now has the id app.services.today.alerts.alert_id_for_form gives it, the same in
every store, so a form arriving by two routes or an alert travelling between stores stays one
alert. Alerts stored before get that id (of two for one form, the acknowledged or else the older
is kept), and a unique index on (form_id, kind) holds it from now on.
"""
import uuid

import sqlalchemy as sa
from alembic import op


revision = '0008_alert_ids'
down_revision = '0007_refusals'
branch_labels = None
depends_on = None

# A copy of app.services.today.alerts' namespace and key at this revision (migrations don't import the app).
NAMESPACE = uuid.UUID("5b0f8a52-3c1e-4f6e-9a57-1d2c0e7a9b31")


def upgrade() -> None:
    con = op.get_bind()
    rows = con.execute(sa.text("SELECT id, form_id, acknowledged_at, created_at FROM alert "
                               "WHERE kind = 'failure_form' AND form_id IS NOT NULL")).all()
    by_form: dict[str, list] = {}
    for r in rows:
        by_form.setdefault(r.form_id, []).append(r)
    for form_id, alerts in by_form.items():
        alerts.sort(key=lambda r: (r.acknowledged_at is None, str(r.created_at), r.id))
        keep, *extra = alerts
        for r in extra:
            con.execute(sa.text("DELETE FROM alert WHERE id = :id"), {"id": r.id})
        new = str(uuid.uuid5(NAMESPACE, f"failure_form:{form_id}"))
        if keep.id != new:
            con.execute(sa.text("UPDATE alert SET id = :new WHERE id = :old"), {"new": new, "old": keep.id})
    op.create_index('uq_alert_form_kind', 'alert', ['form_id', 'kind'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_alert_form_kind', table_name='alert')
