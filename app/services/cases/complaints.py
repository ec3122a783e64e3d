"""Recording a complaint at the counter: a case, its repair order, and the alert it answers."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from app.foundation.errors import InvalidInput
from app.rules import fields, identifiers
from app.models import RepairOrder, utcnow
from app.services.today import alerts
from app.services.cases.opening import CaseRef, NewCase, open_case_in, validate
from app.services.uow import UnitOfWork
from app.services.changes import ALERTS, CASES, FORMS, announces


@announces(CASES | FORMS | ALERTS)
def record_complaint(store, new: NewCase, actor_id: str | None, *, repair_order: str = "") -> CaseRef:
    """Open a case; a repair order number not yet stored is added for the case's customer. The case's
    opening event is written once, naming the repair order."""
    number = identifiers.repair_order(repair_order)  # the one form of the number (a second form never)
    found = fields.problem("repair_order", number)
    validate(new, *([InvalidInput(field="repair_order", problem=found[0], **found[1])] if found else []))
    now = utcnow()
    with UnitOfWork(store, actor_id, write=True) as uow:
        s = uow.session
        dealer_id = uow.identity.home_dealer_id
        ro = s.scalar(select(RepairOrder).where(RepairOrder.dealer_id == dealer_id, RepairOrder.number == number)) \
            if number else None
        if ro is not None and not new.repair_order_id:
            new = replace(new, repair_order_id=ro.id)
        ref = open_case_in(uow, new, now, repair_order=number)
        if new.form_id:
            alerts.link_case(s, new.form_id, ref.id)
        uow.commit()
        return ref
