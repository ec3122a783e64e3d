"""Every dealer's cases at head office: a filtered, paged list across dealers and one case's whole
story (its timeline with the counter each change came from, remedies, callbacks, attachments)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, tuple_

from app.foundation import clock
from app.models import Attachment, Callback, Customer, Dealer, Event, FailureCase, HqCounter, Remedy, User, Vehicle
from app.models.event_codec import HQ_ORIGIN
from app.services import figures
from app.services.cases.case_queries import CaseDetail, case_detail, search_condition


@dataclass(frozen=True)
class NetworkCaseFilter:
    dealer_id: str | None = None
    status: str | None = None
    severity: str | None = None
    cause_group: str | None = None
    failure_type: str | None = None
    opened_from: date | None = None
    opened_to: date | None = None  # inclusive
    closed_from: date | None = None  # the cases a month's recovery rate counts
    closed_to: date | None = None
    judged_only: bool = False  # closed with a verdict (recovered or not)
    callbacks_from: date | None = None  # with a callback due in these days (a month's callbacks made)
    callbacks_to: date | None = None
    overdue: bool = False  # the counters' overdue rule, now
    search: str = ""
    root_causes: tuple[str, ...] = ()  # closed with one of these root causes as stored (a group of them)


@dataclass(frozen=True)
class NetworkCaseRow:
    id: str
    dealer: str
    number: str
    opened_at: datetime
    status: str
    severity: str
    cause_group: str
    failure_type: str
    customer: str
    plate: str
    overdue: bool

    def key(self, _sort: str = "opened_at") -> tuple:
        """Where the next page starts (newest first: opened, then id)."""
        return (self.opened_at, self.id)


def _conditions(s, f: NetworkCaseFilter, now: datetime) -> list:
    C = FailureCase
    conds = []
    if f.dealer_id:
        conds.append(C.dealer_id == f.dealer_id)
    for col, value in ((C.status, f.status), (C.severity, f.severity), (C.cause_group, f.cause_group),
                       (C.failure_type, f.failure_type)):
        if value:
            conds.append(col == value)
    if f.opened_from:
        conds.append(C.opened_at >= clock.local_midnight(f.opened_from))
    if f.opened_to:
        conds.append(C.opened_at < clock.local_midnight(f.opened_to + timedelta(days=1)))
    if f.closed_from:
        conds.append(C.closed_at >= clock.local_midnight(f.closed_from))
    if f.closed_to:
        conds.append(C.closed_at < clock.local_midnight(f.closed_to + timedelta(days=1)))
    if f.judged_only:
        conds.append(C.recovered.is_not(None))
    if f.root_causes:
        conds.append(C.root_cause.in_(f.root_causes))
    if f.callbacks_from and f.callbacks_to:
        conds.append(C.id.in_(select(Callback.case_id).where(*figures.callbacks_due_in(
            clock.local_midnight(f.callbacks_from), clock.local_midnight(f.callbacks_to + timedelta(days=1))))))
    if f.overdue:  # the one overdue rule: per dealer through its indexes, else per case
        rule = figures.overdue_rule(s, now)
        conds.append(rule.of_dealer(f.dealer_id) if f.dealer_id else rule.per_case)
    found = search_condition(f.search)
    if found is not None:
        conds.append(found)
    return conds


def count_cases(db, f: NetworkCaseFilter, *, now: datetime | None = None) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(FailureCase).where(*_conditions(s, f, now or clock.now())))


def case_page(db, f: NetworkCaseFilter, *, offset: int = 0, limit: int = 100, after: tuple | None = None,
              now: datetime | None = None) -> list[NetworkCaseRow]:
    """One page, newest first (the opened_at index of migration 0009 serves it across dealers).
    ``after``: the last row's key of the page before (``NetworkCaseRow.key``), read instead of
    ``offset`` so a page deep in the list costs what the first does."""
    now = now or clock.now()
    C = FailureCase
    with db.session() as s:
        conds = _conditions(s, f, now)
        if after is not None:
            conds.append(tuple_(C.opened_at, C.id) < tuple_(*after))
        ids = list(s.scalars(select(C.id).where(*conds)
                             .order_by(C.opened_at.desc(), C.id.desc()).offset(0 if after else offset).limit(limit)))
        if not ids:
            return []
        q = (select(C.id, Dealer.code, C.number, C.opened_at, C.status, C.severity, C.cause_group, C.failure_type,
                    Customer.name, Vehicle.plate)
             .join(Dealer, Dealer.id == C.dealer_id).join(Customer, Customer.id == C.customer_id)
             .outerjoin(Vehicle, Vehicle.id == C.vehicle_id)
             .where(C.id.in_(ids)).order_by(C.opened_at.desc(), C.id.desc()))
        rows = s.execute(q).all()
        late = set(s.scalars(select(C.id).where(C.id.in_(ids), figures.overdue_rule(s, now).per_case)))
        return [NetworkCaseRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9] or "", r[0] in late)
                for r in rows]


def dealers(db) -> list[tuple[str, str, str]]:
    """(id, code, name) of every dealer, by code: the dealer filter's choices."""
    with db.session() as s:
        return [tuple(r) for r in s.execute(select(Dealer.id, Dealer.code, Dealer.name).order_by(Dealer.code))]


@dataclass(frozen=True)
class Entry:
    """One change in a case's timeline and where it was made."""
    seq: int
    kind: str
    occurred_at: datetime
    actor: str
    place: str  # a counter's label (or id fragment), or "" for head office
    payload: dict


@dataclass(frozen=True)
class RemedyRow:
    kind: str
    amount: int
    status: str
    description: str
    decision_note: str
    proposed_at: datetime


@dataclass(frozen=True)
class CallbackRow:
    state: str
    due_at: datetime
    not_reached: int
    rating: int | None
    words: str


@dataclass(frozen=True)
class AttachmentRow:
    filename: str
    size: int
    added_at: datetime


@dataclass(frozen=True)
class CaseStory:
    dealer: str
    detail: CaseDetail
    entries: list[Entry]
    remedies: list[RemedyRow] = field(default_factory=list)
    callbacks: list[CallbackRow] = field(default_factory=list)
    attachments: list[AttachmentRow] = field(default_factory=list)
    root_cause: str = ""
    improvement: str = ""
    recovered: bool | None = None


def case_story(db, case_id: str) -> CaseStory:
    """The case as its dealer's counters and head office together made it."""
    detail = case_detail(db, case_id)  # NotFound when the case is not here
    with db.session() as s:
        c = s.get(FailureCase, case_id)
        dealer = s.scalar(select(Dealer.code).where(Dealer.id == c.dealer_id)) or ""
        people = dict(s.execute(select(User.id, User.display_name)).all())
        labels = dict(s.execute(select(HqCounter.id, HqCounter.label)).all())
        events = s.scalars(select(Event).where(Event.entity_type == "case", Event.entity_id == case_id)
                           .order_by(Event.seq))
        entries = [Entry(e.seq, e.kind, e.occurred_at, people.get(e.actor_id, ""),
                         "" if e.origin == HQ_ORIGIN else (labels.get(e.origin) or (e.origin or "")[:13]),
                         dict(e.payload or {})) for e in events]
        remedies = [RemedyRow(r.kind, r.amount, r.status, r.description, r.decision_note, r.proposed_at)
                    for r in s.scalars(select(Remedy).where(Remedy.case_id == case_id).order_by(Remedy.proposed_at))]
        calls = [CallbackRow(b.state, b.due_at, b.not_reached, b.rating, b.words)
                 for b in s.scalars(select(Callback).where(Callback.case_id == case_id).order_by(Callback.due_at))]
        files = [AttachmentRow(a.filename, a.size, a.added_at)
                 for a in s.scalars(select(Attachment).where(Attachment.case_id == case_id)
                                    .order_by(Attachment.added_at))]
        return CaseStory(dealer, detail, entries, remedies, calls, files, c.root_cause, c.improvement, c.recovered)
