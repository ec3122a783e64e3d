"""Opening a service-failure case and reading its history. Every change is an event."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, func, insert, select

from app.foundation.errors import InvalidFields, InvalidInput, NotFound
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.ids import case_number, new_id, parse_case_number
from app.models import Customer, Event, FailureCase, RepairOrder, StoreMeta, Vehicle, utcnow
from app.models.event_codec import event_row
from app.models.identity import CASE_SEQ_PREFIX
from app.rules import fields, identifiers
from app.rules.failure import may_set_severity, severity_for_score
from app.services.customers.returning import find_returning
from app.services.directory import dealer_by_code
from app.services.feedback.form_values import normalise_phone, normalise_plate
from app.services.uow import UnitOfWork
from app.rules.vocab import Blame, CaseStatus, CauseGroup, Channel, FailureType, Mood, Severity

CTX = "Errors"


@dataclass(frozen=True)
class NewCase:
    customer_name: str
    phone: str
    plate: str
    channel: str
    failure_type: str
    cause_group: str
    severity: str
    customer_words: str = ""
    mood: str | None = None
    blame: str = Blame.UNKNOWN.value
    severity_reason: str = ""
    score: int | None = None  # the 1-10 satisfaction score, when there is one
    vin: str | None = None
    model: str | None = None
    repair_order_id: str | None = None
    form_id: str | None = None
    customer_id: str | None = None
    assignee_id: str | None = None
    dealer_code: str | None = None


@dataclass(frozen=True)
class CaseRef:
    id: str
    number: str


@dataclass(frozen=True)
class TimelineEntry:
    seq: int
    kind: str
    occurred_at: datetime
    actor_id: str | None
    payload: dict = field(default_factory=dict)


def _check(value: str | None, vocab, field_name: str, *, required: bool = True):
    if value in (None, ""):
        if required:
            raise InvalidInput(field=field_name, problem=QT_TRANSLATE_NOOP("Errors", "required"))
        return None
    try:
        return vocab(value)
    except ValueError:
        raise InvalidInput(field=field_name, problem=QT_TRANSLATE_NOOP("Errors", "not one of the offered choices")) from None


def problems(new: NewCase) -> list[InvalidInput]:
    """Every field of a new case to fix, in the order the complaint dialog shows them."""
    found: list[InvalidInput] = []

    def rule(name: str, problem) -> None:
        if problem is not None:
            found.append(InvalidInput(field=name, problem=problem[0], **problem[1]))

    def attempt(fn, *args, **kw):
        try:
            return fn(*args, **kw)
        except InvalidInput as exc:
            found.append(exc)
            return None

    name = identifiers.name(new.customer_name)
    rule("customer_name", (identifiers.REQUIRED, {}) if not name else fields.problem("customer_name", name))
    phone = identifiers.phone(new.phone)
    rule("phone", identifiers.typed_phone_problem(new.phone) or fields.problem("phone", phone))
    plate = identifiers.plate(new.plate)
    rule("plate", identifiers.typed_plate_problem(new.plate) or fields.problem("plate", plate))
    attempt(fields.check, "vin", new.vin or None)
    attempt(fields.check, "model", new.model or None)
    attempt(_check, new.channel, Channel, "channel")
    attempt(_check, new.failure_type, FailureType, "failure_type")
    attempt(_check, new.cause_group, CauseGroup, "cause_group")
    attempt(_check, new.blame, Blame, "blame")
    attempt(_check, new.mood, Mood, "mood", required=False)
    chosen = attempt(_check, new.severity, Severity, "severity")
    if new.score is not None and not 1 <= new.score <= 10:
        found.append(InvalidInput(field="score", problem=QT_TRANSLATE_NOOP("Errors", "a whole number from 1 to 10")))
    elif chosen is not None and not may_set_severity(severity_for_score(new.score), chosen, new.severity_reason):
        found.append(InvalidInput(field="severity", problem=QT_TRANSLATE_NOOP("Errors",
            "can't be lower than the score band suggests; to raise it, give a reason")))
    attempt(fields.check, "severity_reason", new.severity_reason)
    attempt(fields.check, "customer_words", new.customer_words)
    return found


def validate(new: NewCase, *more: InvalidInput) -> None:
    """InvalidFields naming every field to fix (``more``: the caller's own, e.g. the repair order)."""
    found = problems(new) + list(more)
    if found:
        raise InvalidFields(found)


def _month_key(when: datetime) -> tuple[int, int]:
    local = when.astimezone()
    return local.year, local.month


def highest_running_number(session, prefix: str) -> int:
    """The highest running number among the store's cases numbered ``prefix`` + NNNN (0 if none).

    Read through the number index (a prefix range); longest first, so 10000 comes after 9999."""
    number = session.scalar(
        select(FailureCase.number)
        .where(FailureCase.number >= prefix, FailureCase.number < prefix + "\U0010ffff")
        .order_by(func.length(FailureCase.number).desc(), FailureCase.number.desc()).limit(1))
    parsed = parse_case_number(number) if number else None
    return parsed[3] if parsed else 0


def next_case_number(uow: UnitOfWork, dealer_code: str, when: datetime) -> str:
    """The next number of this counter (its tag) for the dealer and the month ``when`` falls in.

    The month's counter in store_meta is the usual source; the highest number already stored wins
    if it is higher (numbers renumbered at enrolment, a store restored from an older backup), so a
    number is never minted twice by one counter."""
    year, month = _month_key(when)
    key = f"{CASE_SEQ_PREFIX}{year % 100:02d}{month:02d}"
    row = uow.session.get(StoreMeta, key)
    if row is None:
        row = StoreMeta(key=key, value="0")
        uow.session.add(row)
    prefix = case_number(dealer_code, year, month, uow.identity.tag, 0)[:-4]
    seq = max(int(row.value), highest_running_number(uow.session, prefix)) + 1
    row.value = str(seq)
    return case_number(dealer_code, year, month, uow.identity.tag, seq)


@dataclass(frozen=True)
class Renumbered:
    case_id: str
    old: str
    new: str


def renumber_for_dealer(session, dealer_id: str, dealer_code: str, tag: str, *, origin: str,
                        at: datetime) -> list[Renumbered]:
    """Give every case of ``dealer_id`` that this counter (``origin``) opened under another dealer
    code or tag (e.g. LOCAL before enrolment) the number ``dealer_code``-YYMM-``tag``-NNNN, keeping
    month and running number. Cases other counters opened keep theirs.

    Each change is a ``case.renumbered`` event on the case (a new version, so it travels with the
    case) and the old number stays in ``former_number``, where the case list's search finds it.
    Numbers in another form are left as they are."""
    opened_here = select(Event.entity_id).where(Event.entity_type == "case", Event.seq == 1,
                                                Event.kind == "case.opened", Event.origin == origin)
    rows = session.execute(select(FailureCase.id, FailureCase.number, FailureCase.version)
                           .where(FailureCase.dealer_id == dealer_id, FailureCase.id.in_(opened_here))).all()
    last_seq = dict(session.execute(
        select(Event.entity_id, func.max(Event.seq))
        .where(Event.entity_type == "case",
               Event.entity_id.in_(select(FailureCase.id).where(FailureCase.dealer_id == dealer_id)))
        .group_by(Event.entity_id)).all())
    done: list[Renumbered] = []
    events, changes = [], []
    for case_id, number, version in rows:
        parsed = parse_case_number(number)
        if parsed is None or (parsed[0], parsed[2]) == (dealer_code, tag):
            continue
        _code, yymm, _tag, running = parsed
        new = f"{dealer_code}-{yymm}-{tag}-{running:04d}"
        seq = max(version, last_seq.get(case_id) or 0) + 1
        changes.append({"b_id": case_id, "b_number": new, "b_former": number, "b_version": seq})
        events.append(event_row("case", case_id, seq, "case.renumbered", {"old_number": number, "number": new},
                                dealer_id=dealer_id, origin=origin, occurred_at=at))
        done.append(Renumbered(case_id, number, new))
    if changes:  # one statement run for every case (executemany), not one statement per case
        t = FailureCase.__table__
        session.execute(t.update().where(t.c.id == bindparam("b_id")).values(
            number=bindparam("b_number"), former_number=bindparam("b_former"), version=bindparam("b_version"),
            updated_at=at), changes)
        session.execute(insert(Event.__table__), events)
    return done


def open_case(store, new: NewCase, actor_id: str | None, *, at: datetime | None = None) -> CaseRef:
    validate(new)
    with UnitOfWork(store, actor_id, write=True) as uow:
        ref = open_case_in(uow, new, at or utcnow())
        uow.commit()
        return ref


def open_case_in(uow: UnitOfWork, new: NewCase, now: datetime, *, actor_id: str | None = None,
                 repair_order: str = "") -> CaseRef:
    """Open a case inside the caller's unit of work (for bulk callers such as demo data, which open
    each case as the advisor who recorded it: ``actor_id``, else the unit of work's actor).
    ``repair_order``: the number the complaint names; without ``new.repair_order_id`` (not stored
    yet) it is added for the case's customer. The opening event names it, written once, complete."""
    s = uow.session
    dealer = dealer_by_code(s, new.dealer_code, uow.identity.home_dealer_id)
    phone, plate = normalise_phone(new.phone), normalise_plate(new.plate)
    customer = s.get(Customer, new.customer_id) if new.customer_id else None
    if customer is None:  # a returning customer: the same name with the same phone or the same plate
        found = find_returning(s, dealer.id, identifiers.name(new.customer_name), phone, plate)
        customer = s.get(Customer, found) if found else None
    if customer is None:
        customer = Customer(id=new_id(), dealer_id=dealer.id, name=identifiers.name(new.customer_name), phone=phone,
                            created_at=now)
        s.add(customer)
    vehicle = s.scalar(select(Vehicle).where(Vehicle.customer_id == customer.id, Vehicle.plate == plate))
    if vehicle is None:
        vehicle = Vehicle(id=new_id(), dealer_id=dealer.id, customer_id=customer.id, plate=plate,
                          vin=new.vin or None, model=new.model or None)
        s.add(vehicle)
    else:
        vehicle.vin = new.vin or vehicle.vin
        vehicle.model = new.model or vehicle.model
    s.flush()
    actor_id = actor_id or uow.actor_id
    ro_id = new.repair_order_id
    if repair_order and ro_id is None:
        ro_id = new_id()
        s.add(RepairOrder(id=ro_id, dealer_id=dealer.id, number=repair_order, customer_id=customer.id,
                          vehicle_id=vehicle.id, advisor_id=actor_id, opened_on=now.astimezone().date()))
    s.flush()
    case = FailureCase(
        id=new_id(), number=next_case_number(uow, dealer.code, now), dealer_id=dealer.id,
        customer_id=customer.id, vehicle_id=vehicle.id, repair_order_id=ro_id,
        form_id=new.form_id, channel=new.channel, customer_words=new.customer_words, mood=new.mood,
        failure_type=new.failure_type, cause_group=new.cause_group, blame=new.blame, severity=new.severity,
        severity_reason=new.severity_reason, status=CaseStatus.OPEN.value,
        assignee_id=new.assignee_id or actor_id, opened_at=now, version=1, created_by=actor_id, updated_at=now)
    s.add(case)
    payload = {k: v for k, v in asdict(new).items() if k != "dealer_code"}
    payload.update(number=case.number, customer_id=customer.id, vehicle_id=vehicle.id,
                   phone=phone, plate=plate, assignee_id=case.assignee_id)
    if repair_order:
        payload.update(repair_order=repair_order, repair_order_id=ro_id)
    uow.record("case", case.id, "case.opened", payload, dealer.id, seq=1, at=now, actor_id=actor_id)
    return CaseRef(case.id, case.number)


def timeline(store, case_id: str) -> list[TimelineEntry]:
    with store.session() as s:
        if s.get(FailureCase, case_id) is None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Case"), key=case_id)
        rows = s.scalars(select(Event).where(Event.entity_type == "case", Event.entity_id == case_id)
                         .order_by(Event.seq))
        return [TimelineEntry(e.seq, e.kind, e.occurred_at, e.actor_id, dict(e.payload)) for e in rows]
