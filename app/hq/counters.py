"""Dealers and their counters at head office: registration, one-time enrolment codes, credentials."""

from __future__ import annotations

import hashlib
import secrets as pysecrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app.errors import InvalidInput, NotFound, RecoveryDeskError
from app.i18n_marks import QT_TRANSLATE_NOOP
from app.ids import counter_tag, free_tag, new_id
from app.models import Dealer, FailureCase, HqCounter, HqEnrolment, SyncReceived, utcnow
from app.rules import fields

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # nothing to misread when typed from paper
CODE_DAYS = 7


class EnrolmentRefused(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors",
        "The enrolment code is not valid: it was mistyped, already used or has expired. Ask head office "
        "for a new code.")


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
    return session.scalar(select(HqCounter.secret).where(HqCounter.id == counter_id))


def add_dealer(db, code: str, name: str) -> DealerInfo:
    code = code.strip().upper()
    if not code or not all(ch.isalnum() or ch in "-_" for ch in code) or len(code) > fields.length("dealer_code"):
        raise InvalidInput(field="CODE", problem=QT_TRANSLATE_NOOP("Errors",
            "letters, digits, - and _ only, at most 32, e.g. BJ01"))
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


def issue_code(db, dealer_code: str, *, now: datetime | None = None) -> str:
    """A one-time code for one new counter; only its hash is stored."""
    now = now or utcnow()
    with db.session() as s, s.begin():
        dealer = s.scalar(select(Dealer).where(Dealer.code == dealer_code.strip().upper()))
        if dealer is None:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Dealer"), key=dealer_code)
        raw = "".join(pysecrets.choice(CODE_ALPHABET) for _ in range(12))
        s.add(HqEnrolment(code_hash=_hash(raw), dealer_id=dealer.id, created_at=now,
                          expires_at=now + timedelta(days=CODE_DAYS)))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def redeem(db, code: str, counter_id: str, label: str = "") -> Enrolled:
    """Use a code once: the counter gets its own new secret."""
    now = utcnow()
    with db.session() as s, s.begin():
        row = s.get(HqEnrolment, _hash(code), with_for_update=True)
        if row is None or row.used_at is not None or row.expires_at < now:
            raise EnrolmentRefused()
        row.used_at, row.used_by = now, counter_id
        secret = pysecrets.token_hex(32)
        counter = s.get(HqCounter, counter_id)
        d = s.get(Dealer, row.dealer_id, with_for_update=True)  # one tag assignment per dealer at a time
        if counter is None:
            counter = HqCounter(id=counter_id, dealer_id=row.dealer_id, label=label[:100], secret=secret,
                                enrolled_at=now, last_sequence=0)
            s.add(counter)
        else:  # a counter enrolled again (e.g. its keyring was lost): the old secret stops working
            if counter.dealer_id != row.dealer_id:
                counter.tag = None  # its tag belonged to the other dealer's numbers
            counter.dealer_id, counter.secret, counter.enrolled_at = row.dealer_id, secret, now
        if counter.tag is None:
            counter.tag = assign_tag(s, row.dealer_id, counter_id, d.code)
        return Enrolled(DealerInfo(d.id, d.code, d.name), counter_id, secret, counter.tag)


def assign_tag(session, dealer_id: str, counter_id: str, dealer_code: str) -> str:
    """A tag no other counter of the dealer has, nor mints with: a counter enrolled before tags
    were assigned numbers its cases with its own (app.ids.counter_tag), so that one is taken too."""
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
