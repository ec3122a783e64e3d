"""Merging two records of one customer: everything of the merged one moves to the survivor, as events
that travel, and every place that receives them settles the same merge (in any order, twice or never
yet seen)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, bindparam, delete, func, select, update

from app.foundation.errors import InvalidInput, NotFound
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.ids import new_id
from app.models import Customer, Event, FailureCase, FeedbackForm, RepairOrder, StoreMeta, Vehicle, utcnow
from app.models.bulk import prepared
from app.models.event_codec import event_row
from app.rules.vocab import Role
from app.services.cases.case_log import NotAllowed, acting_role
from app.services.changes import CASES, FORMS, announces
from app.services.uow import UnitOfWork

CASE_MERGED, FORM_MERGED = "case.customer_merged", "form.customer_merged"
MERGE_KINDS = (CASE_MERGED, FORM_MERGED)
# store_meta: every merge this place knows for a dealer, [[occurred_at, merge id, from, into], ...]:
# what a later file naming a merged-away customer is settled by (the event table has no index by kind).
MERGES_KEY = "customer_merges:{dealer}"


@dataclass(frozen=True)
class Merged:
    merge_id: str
    survivor_id: str
    merged_id: str
    cases: int
    forms: int


@announces(CASES | FORMS)
def merge_customers(store, survivor_id: str, merged_id: str, actor_id: str | None) -> Merged:
    """Move every case, form (its repair order) and vehicle of ``merged_id`` to ``survivor_id`` and
    remove the merged record. Each case and form moved gets a ``customer_merged`` event (its history
    kept, a new version that travels); a supervisor or an administrator only."""
    if not survivor_id or survivor_id == merged_id:
        raise InvalidInput(field="customer", problem=QT_TRANSLATE_NOOP(
            "Errors", "choose two different records of the customer: the one to keep and the one to merge into it"))
    with UnitOfWork(store, actor_id, write=True) as uow:
        s = uow.session
        if acting_role(uow, actor_id) not in (Role.SUPERVISOR, Role.ADMIN):
            raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors", "only a supervisor or an administrator merges customers"))
        dealer_id = uow.identity.home_dealer_id
        for cid in (survivor_id, merged_id):
            c = s.get(Customer, cid)
            if c is None or c.dealer_id != dealer_id:
                raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Customer"), key=cid)
        now = utcnow()
        merge_id = new_id()
        payload = {"merge": merge_id, "from": merged_id, "into": survivor_id}
        events = []
        cases = s.scalars(select(FailureCase).where(FailureCase.customer_id == merged_id)).all()
        forms = s.scalars(select(FeedbackForm).join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
                          .where(RepairOrder.customer_id == merged_id)).all()
        for etype, kind, rows in (("case", CASE_MERGED, cases), ("form", FORM_MERGED, forms)):
            for row in rows:
                last = s.scalar(select(func.max(Event.seq)).where(Event.entity_type == etype,
                                                                  Event.entity_id == row.id)) or 0
                row.version = max(row.version, last) + 1
                row.updated_at = now
                if etype == "form":
                    row.updated_by = actor_id
                events.append(event_row(etype, row.id, row.version, kind, payload, actor_id=actor_id,
                                        dealer_id=dealer_id, origin=uow.identity.store_id, occurred_at=now))
        s.add_all(Event(**e) for e in events)
        s.flush()
        _remember(s, dealer_id, [(now.isoformat(), merge_id, merged_id, survivor_id)])
        _move(s, merged_id, survivor_id)
        uow.commit()
        return Merged(merge_id, survivor_id, merged_id, len(cases), len(forms))


def _move(s, from_id: str, into_id: str) -> None:
    """Every row of ``from_id`` to ``into_id``; a car both records hold becomes one vehicle (the
    oldest id: the same choice at every place); then the merged record goes."""
    theirs = dict(s.execute(select(Vehicle.plate, Vehicle.id).where(Vehicle.customer_id == into_id)
                            .order_by(Vehicle.id.desc())).all())
    for vid, plate in s.execute(select(Vehicle.id, Vehicle.plate).where(Vehicle.customer_id == from_id)).all():
        same = theirs.get(plate)
        if same is None:
            s.execute(update(Vehicle).where(Vehicle.id == vid).values(customer_id=into_id))
            continue
        keep, drop = sorted((vid, same))
        for model in (RepairOrder, FailureCase):
            s.execute(update(model).where(model.vehicle_id == drop).values(vehicle_id=keep))
        s.execute(update(Vehicle).where(Vehicle.id == keep).values(customer_id=into_id))
        s.execute(delete(Vehicle).where(Vehicle.id == drop))
        theirs[plate] = keep
    for model in (RepairOrder, FailureCase):
        s.execute(update(model).where(model.customer_id == from_id).values(customer_id=into_id))
    s.execute(delete(Customer).where(Customer.id == from_id))


def merges_key(dealer_id: str) -> str:
    """The key of the dealer's known merges in store_meta."""
    return MERGES_KEY.format(dealer=dealer_id)


def known(s, dealer_id: str) -> list[list[str]]:
    """Every merge this place knows for the dealer, [[occurred_at, merge id, from, into], ...]."""
    s.flush()  # what this session changed is read too, as the ORM's get would (it flushes first)
    # Compiled once (app.models.bulk.prepared): head office reads it for every file it imports.
    row = prepared(s, "merging.known", lambda pg: select(StoreMeta.value).where(
        StoreMeta.key == bindparam("key", type_=String)).with_for_update(), {"key": merges_key(dealer_id)}).first()
    return json.loads(row[0]) if row is not None else []


def _remember(s, dealer_id: str, merges: list[tuple[str, str, str, str]]) -> list[list[str]]:
    """Add merges to what this place knows (once each, by merge id); returns them all, in order."""
    merges_known = known(s, dealer_id)
    ids = {m[1] for m in merges_known}
    fresh = [list(m) for m in merges if m[1] not in ids]
    if fresh:
        merges_known = sorted(merges_known + fresh)
        row = s.get(StoreMeta, merges_key(dealer_id))
        if row is None:
            s.add(StoreMeta(key=merges_key(dealer_id), value=json.dumps(merges_known)))
        else:
            row.value = json.dumps(merges_known)
        s.flush()
    return merges_known


def survivors(merges: list[list[str]]) -> dict[str, str]:
    """Every merged-away record -> the record its person lives on. Records joined by any merge are one
    person; they live on the ``into`` of the latest merge among them (by time, then merge id), so every
    place that holds the same merges, whatever order they arrived in, settles on the same record."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for _at, _mid, a, b in merges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb
    latest: dict[str, str] = {}
    for _at, _mid, _a, b in sorted(merges):
        latest[root(b)] = b
    return {x: latest[root(x)] for x in {m[i] for m in merges for i in (2, 3)} if x != latest[root(x)]}


def settle(s, dealer_id: str, events: list[dict], customer_ids: set[str], none_known: bool = False) -> int:
    """After a file is applied (at head office or a counter): learn its merges, then move whatever
    this place holds of a merged-away customer to its survivor (a record the file brought back, a case
    edited elsewhere before the merge arrived). Only the dealer's own customers are touched. Returns
    how many records were merged here. ``none_known``: the caller read, in this transaction and while
    no other could add one (head office: ordering.hold_dealer), that the dealer has no known merge:
    a file bringing none then has nothing to settle (the read again was a round trip of every file)."""
    merges = [(str(e["occurred_at"]) if not isinstance(e["occurred_at"], datetime) else e["occurred_at"].isoformat(),
               e["payload"].get("merge"), e["payload"].get("from"), e["payload"].get("into"))
              for e in events if e.get("kind") in MERGE_KINDS and isinstance(e.get("payload"), dict)]
    merges = [m for m in merges if all(isinstance(v, str) and v for v in m)]
    if not merges and (not customer_ids or none_known):
        return 0
    merges_known = _remember(s, dealer_id, merges) if merges else known(s, dealer_id)
    if not merges_known:
        return 0
    lives_on = survivors(merges_known)
    touched = {x for m in merges for x in m[2:]} | set(customer_ids)
    # The whole group of a touched record settles (a merge may join records no file names now).
    groups = {lives_on.get(x, x) for x in touched if x in lives_on or x in lives_on.values()}
    held = set(s.scalars(select(Customer.id).where(Customer.dealer_id == dealer_id, Customer.id.in_(
        [x for x, into in lives_on.items() if into in groups] + sorted(groups)))))
    n = 0
    for x, into in sorted(lives_on.items()):
        if into in groups and x in held:
            if into not in held:  # the survivor was never delivered here: it can't be made up
                continue
            _move(s, x, into)
            n += 1
    return n
