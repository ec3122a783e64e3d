"""Head office takes over an escalated case: its decision, with a note, is an event on the case
that the dealer's counters pull like a conflict's resolution."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.foundation.errors import InvalidInput, NotFound
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.hq import ordering
from app.hq.resolve import send_history
from app.models import Event, FailureCase, utcnow
from app.models.event_codec import HQ_ORIGIN, new_event
from app.rules.vocab import CaseStatus
from app.services.cases.case_log import require
from app.services.changes import CASES, announces

KIND = "case.taken_over"


@dataclass(frozen=True)
class TakenOver:
    case_id: str
    number: str
    version: int


@announces(CASES)
def take_over(db, case_id: str, note: str, *, actor_id: str | None = None) -> TakenOver:
    """Head office handles the escalation from now on; the note says why and what happens next.
    Only an escalated case, once; nothing is stored when refused."""
    note = require(note, "note")
    now = utcnow()
    with db.session() as s, s.begin():
        case = s.get(FailureCase, case_id, with_for_update=True)
        if case is None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Case"), key=case_id)
        ordering.hold_dealer(s, case.dealer_id)  # the dealer's arrival numbers stay in commit order
        if case.status != CaseStatus.ESCALATED.value:
            raise InvalidInput(field="case", problem=QT_TRANSLATE_NOOP(
                "Errors", "only an escalated case can be taken over; this one is not escalated"))
        taken = s.scalar(select(func.count()).select_from(Event).where(
            Event.entity_type == "case", Event.entity_id == case_id, Event.kind == KIND))
        if taken:
            raise InvalidInput(field="case", problem=QT_TRANSLATE_NOOP(
                "Errors", "head office has already taken this case over"))
        last = s.scalar(select(func.max(Event.seq)).where(Event.entity_type == "case",
                                                          Event.entity_id == case_id)) or 0
        case.version, case.updated_at = last + 1, now
        ev = new_event("case", case_id, last + 1, KIND, {"note": note}, actor_id=actor_id, dealer_id=case.dealer_id,
                       origin=HQ_ORIGIN, occurred_at=now)
        s.add(ev)
        s.flush()
        send_history(s, "case", case_id, case.dealer_id, ev, now)
        return TakenOver(case_id, case.number, last + 1)
