"""Anonymising customers whose last case or form is older than the retention period: the family name
kept, phones and plates replaced by tokens made from the record's id (they say nothing of the value),
every figure unchanged. The purge is an event on
each case and form of the customer, so head office and the dealer's other counters anonymise too."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, text, update

from app.foundation import clock
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.ids import new_id
from app.models import Customer, Event, FailureCase, FeedbackForm, RepairOrder, SyncConflict, Vehicle, utcnow
from app.models.event_codec import event_row
from app.rules import privacy
from app.rules.vocab import Role
from app.services import settings
from app.services.backups.taking import back_up, data_dir_of, keep_of
from app.services.cases.case_log import NotAllowed, acting_role
from app.services.changes import CASES, FORMS, announces
from app.services.privacy import kept_files
from app.services.uow import UnitOfWork

CASE_PURGED, FORM_PURGED = "case.customer_purged", "form.customer_purged"
PURGE_KINDS = (CASE_PURGED, FORM_PURGED)
AFTER_PURGE = "after_purge"  # the reason of the backup taken right after a purge


@dataclass(frozen=True)
class PurgeResult:
    cutoff: date
    customers: int
    cases: int
    forms: int
    dry_run: bool


def _last_activity(s, dealer_id: str):
    """customer id -> the day of their last case or form (repair order), for the dealer's customers."""
    last: dict[str, date] = {}
    for cid, day in s.execute(select(RepairOrder.customer_id, func.max(RepairOrder.opened_on))
                              .where(RepairOrder.dealer_id == dealer_id).group_by(RepairOrder.customer_id)):
        last[cid] = day
    for cid, at in s.execute(select(FailureCase.customer_id, func.max(FailureCase.opened_at))
                             .where(FailureCase.dealer_id == dealer_id).group_by(FailureCase.customer_id)):
        day = at.astimezone().date()
        last[cid] = max(last.get(cid, day), day)
    return last


def due(s, dealer_id: str, cutoff: date) -> list[str]:
    """The dealer's customers not yet anonymised whose last case or form is on or before ``cutoff``."""
    last = _last_activity(s, dealer_id)
    held = s.execute(select(Customer.id, Customer.phone).where(Customer.dealer_id == dealer_id)).all()
    return sorted(cid for cid, phone in held
                  if not privacy.is_token(phone) and cid in last and last[cid] <= cutoff)


@announces(CASES | FORMS)
def purge(store, actor_id: str | None, *, dry_run: bool = False, daily: bool = False) -> PurgeResult:
    """Anonymise every customer past the retention period (``privacy.retention_years``). An
    administrator on demand; ``daily`` is the program's own daily run (no one acts). Afterwards the
    store is compacted so no freed page or WAL frame keeps what was replaced."""
    with UnitOfWork(store, actor_id, write=True) as uow:
        s = uow.session
        if not daily and acting_role(uow, actor_id) != Role.ADMIN:
            raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors", "only an administrator anonymises customers"))
        if s.get_bind().dialect.name == "sqlite":  # freed bytes overwritten with zeros, not left in free space
            s.execute(text("PRAGMA secure_delete=ON"))
        dealer_id = uow.identity.home_dealer_id
        cutoff = privacy.retention_cutoff(clock.today(), settings.get(s, "privacy.retention_years"))
        ids = due(s, dealer_id, cutoff)
        cases = forms = 0
        if not dry_run:
            for cid in ids:
                c, f = _purge_one(uow, dealer_id, cid, actor_id)
                cases, forms = cases + c, forms + f
        else:
            for cid in ids:
                cases += s.scalar(select(func.count()).select_from(FailureCase).where(FailureCase.customer_id == cid))
                forms += s.scalar(select(func.count()).select_from(FeedbackForm).join(
                    RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id).where(RepairOrder.customer_id == cid))
        uow.commit()
    if ids and not dry_run:
        after_purge(store)
    return PurgeResult(cutoff, len(ids), cases, forms, dry_run)


def after_purge(store) -> None:
    """Compact the store, then back it up: the newest backup holds no purged value; older backups
    roll off as ``backups.keep`` says (README: how long a backup may hold a purged customer)."""
    compact(store)
    back_up(data_dir_of(store), keep_of(store), AFTER_PURGE)


def _purge_one(uow: UnitOfWork, dealer_id: str, cid: str, actor_id: str | None) -> tuple[int, int]:
    s = uow.session
    customer = s.get(Customer, cid)
    plates = {vid: _token(vid, "plate")
              for vid in s.scalars(select(Vehicle.id).where(Vehicle.customer_id == cid))}
    payload = {"purge": new_id(), "customer": cid, "name": privacy.family_name(customer.name),
               "phone": _token(cid, "phone"), "plates": plates}
    now = utcnow()
    cases = s.scalars(select(FailureCase).where(FailureCase.customer_id == cid)).all()
    forms = s.scalars(select(FeedbackForm).join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
                      .where(RepairOrder.customer_id == cid)).all()
    events = []
    for etype, kind, rows in (("case", CASE_PURGED, cases), ("form", FORM_PURGED, forms)):
        for row in rows:
            last = s.scalar(select(func.max(Event.seq)).where(Event.entity_type == etype, Event.entity_id == row.id)) or 0
            row.version = max(row.version, last) + 1
            row.updated_at = now
            events.append(event_row(etype, row.id, row.version, kind, payload, actor_id=actor_id, dealer_id=dealer_id,
                                    origin=uow.identity.store_id, occurred_at=now))
    s.flush()
    anonymise(s, payload)
    s.add_all(Event(**e) for e in events)
    s.flush()
    return len(cases), len(forms)


def _token(record_id: str, what: str) -> str:
    """A phone's or a plate's replacement, from the id of the record that held it: nothing of the value
    is in it (no way back), and every place that anonymises the same customer makes the same token
    (two counters' daily runs agree)."""
    return privacy.token(hashlib.sha256(f"{record_id}:{what}".encode()).hexdigest())


def _replaced(value, old: dict[str, str]):
    """``value`` (an event payload) with every string equal to a personal value replaced."""
    if isinstance(value, str):
        return old.get(value, value)
    if isinstance(value, dict):
        return {k: _replaced(v, old) for k, v in value.items()}
    if isinstance(value, list):
        return [_replaced(v, old) for v in value]
    return value


def anonymise(s, payload: dict) -> dict[str, str]:
    """Apply one purge as its event says (the same values at every place): the customer's name,
    phone and plates, and every copy of them in the history of their cases and forms. Whatever this
    place still holds of the old values is replaced; applied twice, nothing changes. Returns what
    was replaced (old value -> new)."""
    cid = payload.get("customer")
    customer = s.get(Customer, cid) if isinstance(cid, str) else None
    if customer is None:
        return {}
    old = {customer.name: payload["name"], customer.phone: payload["phone"]}
    plates = payload.get("plates") or {}
    for vid, plate, vin in s.execute(select(Vehicle.id, Vehicle.plate, Vehicle.vin).where(Vehicle.customer_id == cid)).all():
        new = plates.get(vid)
        if new is None:  # a car this place knows that the purging place didn't: a token of its own
            new = _token(vid, "plate")
        old[plate] = new
        if vin:
            old[vin] = ""
        s.execute(update(Vehicle).where(Vehicle.id == vid).values(plate=new, vin=None))
    customer.name, customer.phone = payload["name"], payload["phone"]
    old = {k: v for k, v in old.items() if k and k != v}
    if not old:
        return old
    entity_ids = list(s.scalars(select(FailureCase.id).where(FailureCase.customer_id == cid)))
    entity_ids += list(s.scalars(select(FeedbackForm.id).join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
                                 .where(RepairOrder.customer_id == cid)))
    # The history is append-only, except for this: personal data kept no longer than needed.
    for ev in s.scalars(select(Event).where(Event.entity_id.in_(entity_ids))):
        new = _replaced(ev.payload, old)
        if new != ev.payload:
            ev.payload = new
    for c in s.scalars(select(SyncConflict).where(SyncConflict.entity_id.in_(entity_ids))):
        c.other_event = _replaced(c.other_event, old)
        c.other_snapshot = _replaced(c.other_snapshot, old)
    s.flush()
    return old


def settle(s, dealer_id: str, events: list[dict]) -> int:
    """After a file is applied: the purges it carries, done here too (only the dealer's own customers)."""
    done, replaced, customers = set(), {}, set()
    for e in events:
        p = e.get("payload")
        if e.get("kind") not in PURGE_KINDS or not isinstance(p, dict) or p.get("purge") in done:
            continue
        customer = s.get(Customer, p.get("customer")) if isinstance(p.get("customer"), str) else None
        if customer is None or customer.dealer_id != dealer_id:
            continue
        if isinstance(p.get("name"), str) and privacy.is_token(p.get("phone")) and isinstance(p.get("plates"), dict):
            if not done and s.get_bind().dialect.name == "sqlite":
                s.execute(text("PRAGMA secure_delete=ON"))
            replaced.update(anonymise(s, p))
            customers.add(customer.id)
            done.add(p["purge"])
    if replaced:
        # Head office keeps each case file it took in, to hand it to the dealer's other counters: the
        # files holding these customers are kept with the values replaced (a counter pulls them as
        # head office rewrites them, as it does for a file without its refused changes).
        kept_files.scrub(s, dealer_id, customers, replaced)
    return len(done)


def compact(store) -> bool:
    """Rewrite the SQLite file without its free pages and empty the WAL, so what a purge replaced is
    in no byte of the store (a server database: nothing to do here)."""
    engine = store.engine
    if engine.dialect.name != "sqlite":
        return True
    import sqlite3

    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        try:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            raw.execute("VACUUM")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError:  # another reader at this moment: the next purge or start compacts
            return False
    return True


LAST_RUN_KEY = "privacy.last_purge"  # store_meta: the day the daily purge last ran here


def purge_if_due(store) -> PurgeResult | None:
    """The daily purge (at start-up, then once a day while the desk runs): None when it already ran
    today. No one acts: the retention period an administrator set decides."""
    from app.models import StoreMeta

    today = clock.today().isoformat()
    with store.session() as s:
        row = s.get(StoreMeta, LAST_RUN_KEY)
        if row is not None and row.value == today:
            return None
    done = purge(store, None, daily=True)
    with store.session() as s, s.begin():
        row = s.get(StoreMeta, LAST_RUN_KEY)
        if row is None:
            s.add(StoreMeta(key=LAST_RUN_KEY, value=today))
        else:
            row.value = today
    return done
