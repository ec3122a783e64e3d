"""Dealers and their counters at head office: registration, one-time enrolment codes, credentials."""

from __future__ import annotations

import hashlib
import secrets as pysecrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import String, bindparam, select

from app.foundation.errors import InvalidInput, NotFound, RecoveryDeskError
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.ids import counter_tag, free_tag, new_id, parse_case_number
from app.models import Dealer, FailureCase, HqCounter, HqEnrolment, SyncReceived, utcnow
from app.models.bulk import prepared
from app.rules import fields
from app.services.directory import dealer_code

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # nothing to misread when typed from paper
CODE_DAYS = 7


class EnrolmentRefused(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors",
        "The enrolment code is not valid: it was mistyped, already used or has expired. Ask head office "
        "for a new code.")


class AlreadyEnrolled(EnrolmentRefused):
    text = QT_TRANSLATE_NOOP("Errors",
        "Counter {counter} is already enrolled; a code can't enrol it again or move it to another dealer. "
        "To re-enrol it, head office issues a code for it: recovery-desk hq enrol --dealer CODE --replace "
        "{counter}")


class BadCounterId(EnrolmentRefused):
    text = QT_TRANSLATE_NOOP("Errors",
        "The counter id {counter} is not valid: it must be the counter's UUID (36 characters, e.g. "
        "01890a5d-ac96-774b-bcce-b302099a8057).")


def valid_counter_id(value: str) -> bool:
    """Only canonical UUIDs (lower-case, dashed): a counter id names head office's folders."""
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False


@dataclass(frozen=True)
class DealerInfo:
    id: str
    code: str
    name: str


class NoTagLeft(EnrolmentRefused):
    text = QT_TRANSLATE_NOOP("Errors",
        "Dealer {dealer} already has {n} counters, as many as case numbers can tell apart. Remove a counter "
        "that is no longer used before enrolling another.")


@dataclass(frozen=True)
class Enrolled:
    dealer: DealerInfo
    counter_id: str
    secret: str
    tag: str  # the counter's two characters in case numbers, unique within the dealer
    # What head office already has from a counter enrolled again (e.g. a new PC restored from its
    # backup): its last case-file sequence and, by YYMM, its last case number; it numbers above them.
    last_sequence: int = 0
    case_numbers: dict[str, int] = field(default_factory=dict)


def issued_case_numbers(session, dealer_id: str, dealer_code: str, tag: str) -> dict[str, int]:
    """The highest running number per YYMM among the dealer's cases numbered with ``tag``."""
    out: dict[str, int] = {}
    for (number,) in session.execute(select(FailureCase.number).where(
            FailureCase.dealer_id == dealer_id, FailureCase.number.like(f"%-{tag}-%"))):
        parsed = parse_case_number(number)
        if parsed and parsed[0] == dealer_code and parsed[2] == tag:
            out[parsed[1]] = max(out.get(parsed[1], 0), parsed[3])
    return out


@dataclass(frozen=True)
class CounterRow:
    dealer_code: str
    counter_id: str
    label: str
    enrolled_at: datetime
    last_seen_at: datetime | None
    last_sequence: int
    files: int
    clock_skew_s: float | None
    tag: str | None = None  # its tag in case numbers (None: enrolled before head office assigned them)


def _hash(code: str) -> str:
    normal = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


def counter_secret(session, counter_id: str) -> str | None:
    if not valid_counter_id(counter_id):
        return None  # whatever a file or header holds, only an issued counter id reaches a query
    # Compiled once: every file and every request of the intake asks.
    return prepared(session, "hq.counter_secret", lambda pg: select(HqCounter.secret).where(
        HqCounter.id == bindparam("counter", type_=String)), {"counter": counter_id}).scalar()


def add_dealer(db, code: str, name: str) -> DealerInfo:
    code = dealer_code(code, "CODE")
    if not name.strip():
        raise InvalidInput(field="NAME", problem=QT_TRANSLATE_NOOP("Errors", "required"))
    found = fields.problem("dealer_name", name.strip())
    if found:
        raise InvalidInput(field="NAME", problem=found[0], **found[1])
    with db.session() as s, s.begin():
        d = s.scalar(select(Dealer).where(Dealer.code == code))
        if d is None:
            d = Dealer(id=new_id(), code=code, name=name.strip(), created_at=utcnow())
            s.add(d)
        else:
            d.name = name.strip()
        return DealerInfo(d.id, d.code, d.name)


def issue_code(db, dealer_code: str, *, now: datetime | None = None, replace: str | None = None) -> str:
    """A one-time code for one new counter; only its hash is stored. With ``replace`` (a counter id
    of that dealer) the code re-enrols that counter only, e.g. after its keyring was lost."""
    now = now or utcnow()
    with db.session() as s, s.begin():
        dealer = s.scalar(select(Dealer).where(Dealer.code == dealer_code.strip().upper()))
        if dealer is None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Dealer"), key=dealer_code)
        if replace is not None:
            counter = s.get(HqCounter, replace) if valid_counter_id(replace) else None
            if counter is None or counter.dealer_id != dealer.id:
                raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Counter of this dealer"), key=replace)
        raw = "".join(pysecrets.choice(CODE_ALPHABET) for _ in range(12))
        s.add(HqEnrolment(code_hash=_hash(raw), dealer_id=dealer.id, created_at=now,
                          expires_at=now + timedelta(days=CODE_DAYS), counter_id=replace))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def redeem(db, code: str, counter_id: str, label: str = "") -> Enrolled:
    """Use a code once, for the dealer it was issued for: a new counter gets its own new secret.
    An enrolled counter is never moved or given a new secret by a code, except by one head office
    issued for that very counter (``hq enrol --replace``). A refusal leaves the code unused."""
    now = utcnow()
    if not valid_counter_id(counter_id):
        raise BadCounterId(counter=str(counter_id)[:60])
    with db.session() as s, s.begin():
        row = s.get(HqEnrolment, _hash(code), with_for_update=True)
        if row is None or row.used_at is not None or row.expires_at < now:
            raise EnrolmentRefused()
        counter = s.get(HqCounter, counter_id, with_for_update=True)
        if row.counter_id is None and counter is not None:
            raise AlreadyEnrolled(counter=counter_id)
        if row.counter_id is not None and (row.counter_id != counter_id or counter is None
                                           or counter.dealer_id != row.dealer_id):
            raise EnrolmentRefused()  # a re-enrolment code works for its counter only
        row.used_at, row.used_by = now, counter_id
        secret = pysecrets.token_hex(32)
        d = s.get(Dealer, row.dealer_id, with_for_update=True)  # one tag assignment per dealer at a time
        if counter is None:
            counter = HqCounter(id=counter_id, dealer_id=row.dealer_id, label=label[:100], secret=secret,
                                enrolled_at=now, last_sequence=0)
            s.add(counter)
        else:  # re-enrolled by head office (e.g. its keyring was lost): the old secret stops working
            counter.secret, counter.enrolled_at = secret, now
        if counter.tag is None:
            counter.tag = assign_tag(s, row.dealer_id, counter_id, d.code)
        return Enrolled(DealerInfo(d.id, d.code, d.name), counter_id, secret, counter.tag, counter.last_sequence,
                        issued_case_numbers(s, d.id, d.code, counter.tag))



def assign_tag(session, dealer_id: str, counter_id: str, dealer_code: str) -> str:
    """A tag no other counter of the dealer has, nor mints with: a counter enrolled before tags
    were assigned numbers its cases with its own (app.foundation.ids.counter_tag), so that one is taken too."""
    taken = set()
    for cid, tag in session.execute(select(HqCounter.id, HqCounter.tag).where(
            HqCounter.dealer_id == dealer_id, HqCounter.id != counter_id)):
        taken.add(tag if tag else _own_tag(cid))
    tag = free_tag(taken)
    if tag is None:
        raise NoTagLeft(dealer=dealer_code, n=len(taken))
    return tag


def _own_tag(counter_id: str) -> str | None:
    try:
        return counter_tag(counter_id)
    except ValueError:  # not a UUID: it never numbered a case with a tag of its own
        return None


def duplicate_case_numbers(db) -> list[tuple[str, str, int]]:
    """(dealer code, case number, how many cases) for numbers two cases of a dealer share.

    Only counters enrolled before head office assigned tags can mint them; both cases are kept (a
    number never makes head office refuse a file) and listed here for staff to tell apart."""
    from sqlalchemy import func

    with db.session() as s:
        q = (select(Dealer.code, FailureCase.number, func.count())
             .join(Dealer, Dealer.id == FailureCase.dealer_id)
             .group_by(Dealer.code, FailureCase.number).having(func.count() > 1)
             .order_by(Dealer.code, FailureCase.number))
        return [(code, number, n) for code, number, n in s.execute(q)]


def counters(db) -> list[CounterRow]:
    """Every dealer with its counters (a dealer without any yet shows once, with no counter)."""
    from sqlalchemy import func

    with db.session() as s:
        files = dict(s.execute(select(SyncReceived.counter_id, func.count()).group_by(SyncReceived.counter_id)).all())
        q = (select(Dealer, HqCounter).outerjoin(HqCounter, HqCounter.dealer_id == Dealer.id)
             .order_by(Dealer.code, HqCounter.enrolled_at))
        out = []
        for d, c in s.execute(q):
            if c is None:
                out.append(CounterRow(d.code, "", "", d.created_at, None, 0, 0, None))
            else:
                out.append(CounterRow(d.code, c.id, c.label, c.enrolled_at, c.last_seen_at, c.last_sequence,
                                      files.get(c.id, 0), c.clock_skew_s, c.tag))
        return out


def open_conflicts(db) -> list:
    """Conflicts waiting for a supervisor, oldest first, as app.sync.conflicts.ConflictFacts."""
    from app.models import SyncConflict
    from app.sync.conflicts import load

    with db.session() as s:
        rows = s.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None))
                         .order_by(SyncConflict.detected_at)).all()
        return load(s, list(rows))


@dataclass(frozen=True)
class RefusalRow:
    refused_at: datetime
    dealer_code: str
    counter_id: str
    sequence: int
    record_table: str
    record_id: str
    code: str
    reason: dict


def refusals(db, dealer_code: str | None = None) -> list[RefusalRow]:
    """What head office refused of enrolled counters' files (changes, or whole files), newest last."""
    from app.models import HqRefusal

    with db.session() as s:
        q = (select(HqRefusal, Dealer.code).outerjoin(Dealer, Dealer.id == HqRefusal.dealer_id)
             .order_by(HqRefusal.id))
        if dealer_code:
            code = dealer_code.strip().upper()
            if s.scalar(select(Dealer.id).where(Dealer.code == code)) is None:  # said "No refusals." for a typo
                raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Dealer"), key=code)
            q = q.where(Dealer.code == code)
        return [RefusalRow(r.refused_at, code or "?", r.counter_id, r.sequence, r.record_table, r.record_id,
                           r.code, r.reason) for r, code in s.execute(q)]
