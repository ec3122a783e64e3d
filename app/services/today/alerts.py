"""Alerts for supervisors: one per failure form, however the form arrived; acknowledged later.

A form typed at this counter, imported from a CSV, or brought by sync (to another counter of the
dealer or to head office) goes through ensure_for_forms(). The alert's id is derived from the
form's id, so every store makes the same alert for a form and a form that arrives by two routes,
or an alert that travels from one store to another, is still one alert.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select

from app.foundation import clock
from app.foundation.errors import InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Alert, Customer, FeedbackForm, RepairOrder, utcnow
from app.models.bulk import among
from app.rules.failure import failure_of
from app.services import settings
from app.services.changes import ALERTS, announces

FAILURE_FORM = "failure_form"
# Fixed for ever: alert ids already stored at counters and head office were derived with it.
_ALERT_NAMESPACE = uuid.UUID("5b0f8a52-3c1e-4f6e-9a57-1d2c0e7a9b31")


@dataclass(frozen=True)
class AlertInfo:
    id: str
    kind: str
    form_id: str | None
    case_id: str | None
    repair_order: str
    customer: str
    grades: str
    overall: int | None
    created_at: datetime
    # False when the form was corrected since into a form that is no longer a failure: the alert
    # stays (the customer did fill in a failing form, and only a supervisor acknowledges), marked so.
    still_failure: bool = True


def alert_id_for_form(form_id: str) -> str:
    """The id of a form's failure alert, the same in every store."""
    return str(uuid.uuid5(_ALERT_NAMESPACE, f"{FAILURE_FORM}:{form_id}"))


def ensure_for_forms(session, dealer_id: str | None, form_ids, actor_id: str | None = None) -> list[str]:
    """Make sure each failing form among ``form_ids`` has its one alert; returns the ids of alerts
    made now. Idempotent: a form already alerted (here, or by another store whose alert travelled
    here) gets no second one. ``dealer_id``, when given, limits it to that dealer's forms. Forms
    that are not (or no longer) failures get none; an existing alert is kept. Forms served longer
    ago than the alert window get none either: a counter that joins late, or last year's forms
    imported, must not bury this month's failures under a year of history. The caller commits.

    Reads them in one statement (an import or a sync file brings thousands of forms), not a query per
    form nor per few hundred (app.models.bulk.among)."""
    threshold = settings.get(session, "failure.overall_threshold")
    oldest = oldest_alerted_day(session)
    wanted = list(dict.fromkeys(form_ids))
    if not wanted:
        return []
    cols = (FeedbackForm.id, FeedbackForm.dealer_id, FeedbackForm.service_date, FeedbackForm.timeliness,
            FeedbackForm.repair_quality, FeedbackForm.attitude, FeedbackForm.overall)
    # The dealer is checked here, not in SQL: there SQLite would walk the dealer's forms by an index.
    found = {f.id: f for f in session.execute(select(*cols).where(among(session, FeedbackForm.id, wanted)))}
    failing = {fid: f.dealer_id for fid in wanted if (f := found.get(fid)) is not None
               and (dealer_id is None or f.dealer_id == dealer_id) and f.service_date >= oldest
               and failure_of(f, threshold)}
    return ensure_for_failing(session, failing, actor_id)


def oldest_alerted_day(session):
    """The earliest service date an arriving failure form still raises an alert for (alerts.window_days)."""
    return clock.today() - timedelta(days=settings.get(session, "alerts.window_days"))


def ensure_for_failing(session, failing: dict[str, str], actor_id: str | None = None) -> list[str]:
    """The alerts still missing for forms known to fail (form id -> its dealer id), made now; their ids.
    For a writer that has just judged its forms (a form typed at the counter) and need not read them back."""
    if not failing:
        return []
    ids = {alert_id_for_form(fid): fid for fid in failing}
    # by id (made here or travelled), or by form for an alert stored before ids were derived; one
    # statement each however many forms (an import's thousands too)
    have = set(session.scalars(select(Alert.id).where(among(session, Alert.id, ids))))
    have_form = set(session.scalars(select(Alert.form_id).where(among(session, Alert.form_id, failing),
                                                                Alert.kind == FAILURE_FORM)))
    now = utcnow()
    rows = [{"id": aid, "dealer_id": failing[fid], "kind": FAILURE_FORM, "form_id": fid, "text": "",
             "created_at": now, "created_by": actor_id}
            for aid, fid in ids.items() if aid not in have and fid not in have_form]
    if rows:  # executemany: an import brings thousands of failure forms at once
        session.execute(insert(Alert.__table__), rows)
    return [r["id"] for r in rows]


def link_case(session, form_id: str, case_id: str) -> None:
    for alert in session.scalars(select(Alert).where(Alert.form_id == form_id, Alert.case_id.is_(None))):
        alert.case_id = case_id


# The open alerts are read on the tables' columns, not the mapped classes, as Today's other statements
# (app.services.today.worklist): the shell reads them with Today's figures right after sign-in, and a
# statement of columns only is compiled and run without the ORM layer (2.3 ms less of the first read's
# CPU in a process, at 100k cases, with no alert open). The SQL is the same.
_alert, _form, _order, _customer = (m.__table__ for m in (Alert, FeedbackForm, RepairOrder, Customer))


def _open(store) -> tuple:
    """What makes an alert open: the one condition the list and its count share."""
    return _alert.c.dealer_id == store.identity.home_dealer_id, _alert.c.acknowledged_at.is_(None)


def count_open_alerts(store) -> int:
    """How many alerts are open, all of them (the list shows the newest ``limit``)."""
    from sqlalchemy import func

    with store.session() as s:
        return s.scalar(select(func.count()).select_from(_alert).where(*_open(store)))


def open_alerts(store, limit: int = 50) -> list[AlertInfo]:
    a, f, order, customer = _alert.c, _form.c, _order.c, _customer.c
    with store.session() as s:
        q = (select(a.id, a.kind, a.form_id, a.case_id, order.number, customer.name, f.id.label("form"),
                    f.timeliness, f.repair_quality, f.attitude, f.overall, a.created_at)
             .select_from(_alert.outerjoin(_form, f.id == a.form_id)
                          .outerjoin(_order, order.id == f.repair_order_id)
                          .outerjoin(_customer, customer.id == order.customer_id))
             .where(*_open(store))
             .order_by(a.created_at.desc()).limit(limit))
        threshold = settings.get(s, "failure.overall_threshold")
        # r.form: the form's id, None when the alert has no form (or its form is not here)
        return [AlertInfo(r.id, r.kind, r.form_id, r.case_id, r.number or "", r.name or "",
                          f"{r.timeliness}{r.repair_quality}{r.attitude}" if r.form is not None else "",
                          r.overall if r.form is not None else None, r.created_at,
                          still_failure=r.form is None or failure_of(r, threshold))
                for r in s.execute(q)]


@announces(ALERTS)
def acknowledge(store, alert_id: str, actor) -> None:
    if not actor.is_supervisor:
        raise InvalidInput(field="alert", problem=QT_TRANSLATE_NOOP("Errors", "only a supervisor can acknowledge alerts"))
    from app.models import FailureCase
    from app.services.uow import UnitOfWork

    with UnitOfWork(store, actor.user_id, write=True) as uow:
        alert = uow.session.get(Alert, alert_id)
        if alert is not None and alert.acknowledged_at is None:
            now = utcnow()
            alert.acknowledged_at, alert.acknowledged_by = now, actor.user_id
            # An event on the alert's form (or case): its version moves, so the acknowledgement travels.
            etype, parent_id = ("form", alert.form_id) if alert.form_id else ("case", alert.case_id)
            parent = uow.session.get(FeedbackForm if etype == "form" else FailureCase, parent_id)
            if parent is not None:
                parent.version += 1
                parent.updated_at = now
                uow.record(etype, parent_id, "alert.acknowledged", {"alert_id": alert.id}, parent.dealer_id,
                           seq=parent.version, at=now)
        uow.commit()
