"""Alerts for supervisors: a failure form raises one at once on this counter; acknowledged later.

Other counters of the dealer raise theirs when sync brings them the form: sync calls
raise_for_forms() with the form ids it stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.errors import InvalidInput
from app.i18n_marks import QT_TRANSLATE_NOOP
from app.ids import new_id
from app.models import Alert, Customer, FeedbackForm, RepairOrder, utcnow
from app.rules.scoring import is_failure_form
from app.services import settings

FAILURE_FORM = "failure_form"


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


def raise_for_forms(session, form_ids: list[str], actor_id: str | None = None) -> list[str]:
    """One open alert per failing form (idempotent: a form already alerted gets no second one)."""
    threshold = settings.get(session, "failure.overall_threshold")
    made = []
    for fid in form_ids:
        form = session.get(FeedbackForm, fid)
        if form is None:
            continue
        if not is_failure_form((form.timeliness, form.repair_quality, form.attitude), form.overall, threshold):
            continue
        if session.scalar(select(Alert.id).where(Alert.form_id == fid, Alert.kind == FAILURE_FORM)):
            continue
        aid = new_id()
        session.add(Alert(id=aid, dealer_id=form.dealer_id, kind=FAILURE_FORM, form_id=fid, created_at=utcnow(),
                          created_by=actor_id))
        made.append(aid)
    session.flush()
    return made


def link_case(session, form_id: str, case_id: str) -> None:
    for alert in session.scalars(select(Alert).where(Alert.form_id == form_id, Alert.case_id.is_(None))):
        alert.case_id = case_id


def open_alerts(store, limit: int = 50) -> list[AlertInfo]:
    with store.session() as s:
        q = (select(Alert, FeedbackForm, RepairOrder.number, Customer.name)
             .outerjoin(FeedbackForm, FeedbackForm.id == Alert.form_id)
             .outerjoin(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
             .outerjoin(Customer, Customer.id == RepairOrder.customer_id)
             .where(Alert.dealer_id == store.identity.home_dealer_id, Alert.acknowledged_at.is_(None))
             .order_by(Alert.created_at.desc()).limit(limit))
        out = []
        for a, f, number, name in s.execute(q):
            grades = f"{f.timeliness}{f.repair_quality}{f.attitude}" if f else ""
            out.append(AlertInfo(a.id, a.kind, a.form_id, a.case_id, number or "", name or "", grades,
                                 f.overall if f else None, a.created_at))
        return out


def acknowledge(store, alert_id: str, actor) -> None:
    if not actor.is_supervisor:
        raise InvalidInput(field="alert", problem=QT_TRANSLATE_NOOP("Errors", "only a supervisor can acknowledge alerts"))
    from app.models import FailureCase
    from app.services.uow import UnitOfWork

    with UnitOfWork(store, actor.user_id) as uow:
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
