"""Entering a feedback form at the counter, correcting it within a window, and the case it may open."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.foundation.errors import InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Customer, Event, FeedbackForm, RepairOrder, User, Vehicle, utcnow
from app.rules.failure import failure_of, severity_for_score
from app.rules.scoring import FAILING_GRADES, ITEMS, form_score
from app.services import settings
from app.services.today import alerts
from app.services.feedback import form_values
from app.services.cases.opening import NewCase
from app.services.feedback.form_writer import store_forms
from app.services.orders.call_log import add_call, order_for_call
from app.services.uow import UnitOfWork
from app.rules.vocab import CauseGroup, Channel, FailureType, Severity, Verification
from app.services.changes import ALERTS, FORMS, announces

CTX = "Errors"

CORRECTABLE = (*ITEMS, "overall", "comment")


@dataclass(frozen=True)
class FormEntry:
    repair_order: str
    service_date: date
    customer_name: str
    phone: str
    plate: str
    timeliness: str | None
    repair_quality: str | None
    attitude: str | None
    overall: int | None = None
    comment: str = ""
    verification: str = Verification.UNVERIFIED.value
    advisor_name: str | None = None  # the signed-in user when not given


@dataclass(frozen=True)
class FormSaved:
    form_id: str
    repair_order: str
    version: int
    failure: bool
    alert_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormDetail:
    form_id: str
    repair_order: str
    repair_order_id: str
    service_date: date
    customer_id: str
    customer_name: str
    phone: str
    plate: str
    timeliness: str
    repair_quality: str
    attitude: str
    score: int
    overall: int | None
    comment: str
    verification: str
    version: int
    created_at: datetime
    correctable_until: datetime
    failure: bool
    history: list[dict] = field(default_factory=list)


def _values(entry: FormEntry) -> form_values.FormValues:
    return form_values.typed(service_date=entry.service_date, repair_order=entry.repair_order,
                             customer=entry.customer_name, phone=entry.phone, plate=entry.plate,
                             grades=(entry.timeliness, entry.repair_quality, entry.attitude),
                             overall=entry.overall, verification=entry.verification, comment=entry.comment,
                             advisor=entry.advisor_name)


def validate(entry: FormEntry) -> None:
    """Checked in the order the form shows its fields, so the first problem is the first to fix."""
    _values(entry)


@announces(FORMS | ALERTS)
def enter_form(store, entry: FormEntry, actor, *, call_on: tuple[str, int] | None = None) -> FormSaved:
    """Store a new form for a repair order (one per repair order); a failure raises a supervisor alert.
    ``call_on``: the form was typed on a 3-day call, (its repair order's id, the version the call list
    showed): the call is recorded as reached in the same transaction, and neither is stored when the
    order moved on meanwhile (OrderChanged), so what was typed stays on the screen."""
    values = _values(entry)
    if values.verification != Verification.UNVERIFIED.value and not actor.is_supervisor:
        raise InvalidInput(field="verification", problem=QT_TRANSLATE_NOOP("Errors", "only a supervisor can change verification"))
    if not values.advisor:
        values = replace(values, advisor=actor.display_name)
    number = values.repair_order
    with UnitOfWork(store, actor.user_id, write=True) as uow:
        s = uow.session
        dealer_id = uow.identity.home_dealer_id
        called = order_for_call(uow, *call_on) if call_on is not None else None
        taken = s.scalar(select(FeedbackForm.id).join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
                         .where(RepairOrder.dealer_id == dealer_id, RepairOrder.number == number))
        if taken:
            raise InvalidInput(field="repair_order", problem=QT_TRANSLATE_NOOP("Errors",
                "this repair order already has a form; find it under Feedback forms to correct it"))
        # An order already stored without a form (imported from the management system, or opened by a
        # complaint) gets this form: store_forms links the form to it by its number.
        # Entered as the customer disputes it: the history says so in its own event, after the entry.
        [form_id] = store_forms(uow, dealer_id, [values], source="counter", origin_note="",
                                disputed_payload={"at_entry": True})
        if called is not None:
            add_call(uow, called, reached=True, form_id=form_id)
        failure = failure_of(values, settings.get(s, "failure.overall_threshold"))
        alert_ids = alerts.ensure_for_failing(s, {form_id: dealer_id}, actor.user_id) if failure else []
        uow.commit()
        version = 2 if values.verification == Verification.DISPUTED.value else 1
        return FormSaved(form_id, number, version, failure, tuple(alert_ids))


def _snapshot(form: FeedbackForm) -> dict:
    return {k: getattr(form, k) for k in (*CORRECTABLE, "verification")}


@announces(FORMS | ALERTS)
def correct_form(store, form_id: str, changes: dict, actor, *, expected_version: int,
                 now: datetime | None = None) -> FormSaved:
    """Change a stored form; the event keeps the earlier values and who changed them."""
    now = now or utcnow()
    with UnitOfWork(store, actor.user_id, write=True) as uow:
        s = uow.session
        form = s.get(FeedbackForm, form_id)
        if form is None:
            raise InvalidInput(field="form", problem=QT_TRANSLATE_NOOP("Errors", "this form no longer exists"))
        if form.version != expected_version:
            raise InvalidInput(field="form", problem=QT_TRANSLATE_NOOP("Errors",
                "someone changed this form meanwhile; open it again to see their change"))
        content = {k: v for k, v in changes.items() if k in CORRECTABLE}
        if "verification" in changes and changes["verification"] != form.verification:
            if not actor.is_supervisor:
                raise InvalidInput(field="verification", problem=QT_TRANSLATE_NOOP("Errors", "only a supervisor can change verification"))
        hours = settings.get(s, "feedback.correction_hours")
        if content and any(form_value != v for k, v in content.items() for form_value in [getattr(form, k)]):
            if now > form.created_at + timedelta(hours=hours):
                raise InvalidInput(field="form", problem=QT_TRANSLATE_NOOP("Errors",
                    "the correction window has passed; ask a supervisor to record a dispute instead"))
        before = _snapshot(form)
        merged = {**before, **content}
        if "verification" in changes:
            merged["verification"] = changes["verification"]
        checked = form_values.corrected(tuple(merged[k] for k in ITEMS), merged["overall"],
                                        merged["verification"], merged["comment"])
        # Only what the correction names is taken as checked; the rest stays as stored.
        merged = {k: checked[k] if k in content or k == "verification" else before[k] for k in before}
        changed = {k: v for k, v in merged.items() if before[k] != v}
        if not changed:
            return FormSaved(form.id, "", form.version, False)
        for k, v in changed.items():
            setattr(form, k, v)
        form.score = form_score(form.timeliness, form.repair_quality, form.attitude)
        form.version += 1
        form.updated_at, form.updated_by = now, actor.user_id
        uow.record("form", form.id, "form.corrected",
                   {"before": {k: before[k] for k in changed}, "after": changed}, form.dealer_id,
                   seq=form.version, at=now)
        failure = failure_of(form, settings.get(s, "failure.overall_threshold"))
        alert_ids = alerts.ensure_for_failing(s, {form.id: form.dealer_id}, actor.user_id) if failure else []
        uow.commit()
        return FormSaved(form.id, "", form.version, failure, tuple(alert_ids))


def form_detail(store, form_id: str | None = None, *, repair_order: str | None = None) -> FormDetail | None:
    with store.session() as s:
        q = (select(FeedbackForm, RepairOrder.number, Customer, Vehicle.plate)
             .join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
             .join(Customer, Customer.id == RepairOrder.customer_id)
             .outerjoin(Vehicle, Vehicle.id == RepairOrder.vehicle_id))
        if form_id:
            q = q.where(FeedbackForm.id == form_id)
        else:
            q = q.where(RepairOrder.dealer_id == store.identity.home_dealer_id,
                        RepairOrder.number == (repair_order or "").strip())
        row = s.execute(q).first()
        if row is None:
            return None
        f, number, c, plate = row
        hours = settings.get(s, "feedback.correction_hours")
        threshold = settings.get(s, "failure.overall_threshold")
        people = dict(s.execute(select(User.id, User.display_name)).all())
        history = [{"seq": e.seq, "kind": e.kind, "at": e.occurred_at, "actor": people.get(e.actor_id, ""),
                    "payload": dict(e.payload)}
                   for e in s.scalars(select(Event).where(Event.entity_type == "form", Event.entity_id == f.id)
                                      .order_by(Event.seq))]
        return FormDetail(f.id, number, f.repair_order_id, f.service_date, c.id, c.name, c.phone, plate or "",
                          f.timeliness, f.repair_quality, f.attitude, f.score, f.overall, f.comment,
                          f.verification, f.version, f.created_at, f.created_at + timedelta(hours=hours),
                          failure_of(f, threshold),
                          history)


def case_from_form(store, form_id: str) -> NewCase:
    """A new case filled in from a failure form, for the advisor to check and save."""
    d = form_detail(store, form_id)
    if d is None:
        raise InvalidInput(field="form", problem=QT_TRANSLATE_NOOP("Errors", "this form no longer exists"))
    bad = lambda g: g in FAILING_GRADES  # noqa: E731
    failure_type = FailureType.OUTCOME if bad(d.repair_quality) else FailureType.PROCESS
    cause = CauseGroup.EMPLOYEE.value if bad(d.attitude) else ""
    severity = severity_for_score(d.overall)
    if severity is None:
        severity = Severity.SERIOUS if "E" in (d.timeliness, d.repair_quality, d.attitude) else Severity.MODERATE
    return NewCase(customer_name=d.customer_name, phone=d.phone, plate=d.plate, channel=Channel.ON_SITE.value,
                   failure_type=failure_type.value, cause_group=cause, severity=severity.value,
                   customer_words=d.comment, score=d.overall, repair_order_id=d.repair_order_id, form_id=d.form_id,
                   customer_id=d.customer_id)
