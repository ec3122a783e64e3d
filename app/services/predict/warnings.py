"""The dealer's early warnings in its store: worked out from its history, listed, acknowledged.

Every store (each counter, and head office for every dealer) works them out itself from the same
forms, so a warning has the same id everywhere; an acknowledgement is a change of the newest failing
form (or case) behind the warning, so it travels to the other counters and to head office."""

from __future__ import annotations

import json
import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.exc import SQLAlchemyError

from app.foundation import clock
from app.foundation.errors import InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.paths import write_atomic
from app.models import Dealer, EarlyWarning, FailureCase, FeedbackForm, RepairOrder, StoreMeta, User, utcnow
from app.rules import drift, fields, grade_cusum
from app.services import settings
from app.services.changes import ALERTS, announces
from app.services.predict.history import read_history
from app.services.predict.monitor import DriftWarning, Monitor

# Fixed for ever: warning ids already stored at counters and head office were derived with it.
log = logging.getLogger(__name__)
_NAMESPACE = uuid.UUID("0c9f2d8e-5a41-4b7e-8f16-3e2a9d7c4b50")


@dataclass(frozen=True)
class WarningInfo:
    id: str
    dealer: str
    kind: str
    subject: str
    item: str | None
    since: date
    fired_on: date
    baseline: float
    limit: float
    forms: int
    failures: int
    repair_orders: tuple[str, ...]
    acknowledged_at: datetime | None = None
    acknowledged_by: str = ""
    note: str = ""
    figure: str = "share"  # what crossed its limit: the failure share, or an advisor's item's "grades"
    grades: tuple[int, ...] | None = None  # a grade warning's count of each grade A-E since `since`
    usual_grades: tuple[float, ...] | None = None  # and the usual share of each

    @property
    def share(self) -> float:
        return self.failures / self.forms if self.forms else 0.0


def warning_id(dealer_id: str, w: DriftWarning) -> str:
    """The id of a warning, the same in every store that works it out from the same forms. A grade
    warning and a share warning of one series and start are two warnings; a share warning's id is the
    one it had before warnings said which figure crossed."""
    figure = "" if w.figure == "share" else f"|{w.figure}"
    return str(uuid.uuid5(_NAMESPACE, f"{dealer_id}|{w.kind}|{w.subject}|{w.item or ''}|{w.since.isoformat()}{figure}"))


def _grades_json(w: DriftWarning) -> dict | None:
    """A grade warning's counts and usual shares as stored (rounded, so every store keeps the same)."""
    if w.grades is None:
        return None
    return {"since": dict(zip(grade_cusum.GRADES, w.grades)),
            "usual": {g: round(p, 4) for g, p in zip(grade_cusum.GRADES, w.usual_grades)}}


def refresh(store, dealer_id: str | None = None) -> list[str]:
    """Work out the dealer's warnings from its history up to today and store the ones that fired
    within ``warnings.window_days`` and are not stored yet; their ids. Idempotent. CPU-bound: run
    it off the UI thread."""
    from app.services.predict import worked_out

    dealer_id = dealer_id or store.identity.home_dealer_id
    seen = worked_out.mark(store, dealer_id)  # before the history is read: a change meanwhile is seen next time
    with _limits_cache(store):
        made = _refresh(store, dealer_id)
    worked_out.remember(store, seen)
    return made


def _refresh(store, dealer_id: str) -> list[str]:
    today = clock.today()
    with store.session() as s:
        window = settings.get(s, "warnings.window_days")
    history = [o for o in read_history(store, dealer_id) if o.day <= today]
    fired = [w for w in Monitor().watch(history) if (today - w.fired_on).days <= window]
    if not fired:
        return []
    by_id = {warning_id(dealer_id, w): w for w in fired}
    with store.session() as s:  # all stored already (every run after the first): no write lock taken
        if set(s.scalars(select(EarlyWarning.id).where(EarlyWarning.id.in_(list(by_id))))) == set(by_id):
            return []
    from app.services.uow import UnitOfWork

    with UnitOfWork(store, None, write=True) as uow:
        s = uow.session
        have = set(s.scalars(select(EarlyWarning.id).where(EarlyWarning.id.in_(list(by_id)))))
        new = {wid: w for wid, w in by_id.items() if wid not in have}
        forms, cases = _parents(s, dealer_id, new.values())
        now, rows = utcnow(), []
        for wid, w in new.items():
            last = w.repair_orders[-1] if w.repair_orders else None
            form_id = forms.get(last) if w.kind != "cause" else None
            case_id = cases.get(last) if w.kind == "cause" else None
            if form_id is None and case_id is None:
                continue  # nothing failed behind it that this store holds: nothing to show or to carry it
            rows.append({"id": wid, "dealer_id": dealer_id, "kind": w.kind, "subject": w.subject[:200],
                         "item": w.item, "since": w.since, "fired_on": w.fired_on, "baseline": w.baseline,
                         "limit_value": w.limit, "forms": w.forms, "failures": w.failures,
                         "repair_orders": list(w.repair_orders), "form_id": form_id, "case_id": case_id,
                         "figure": w.figure, "grades": _grades_json(w), "created_at": now, "note": ""})
        if rows:
            s.execute(insert(EarlyWarning.__table__), rows)
        uow.commit()
    return [r["id"] for r in rows]


# Where head office (a database, no data directory of its own) keeps the limits: this store's own table.
LIMITS_KEY = "warnings.limits"


@contextmanager
def _limits_cache(store):
    """The warning limits worked out before, from the store's own place: a file in a counter's data
    directory (the store is a file there), a row of ``store_meta`` in head office's database (every
    machine of head office shares it); new ones written back. Working them out takes most of a first
    run's time; a damaged or foreign cache is ignored (its rows are checked), never trusted over the
    method."""
    path = store.path.parent / "cache" / "warning-limits.json" if store.path.is_file() else None
    held: set[tuple] = set()
    try:
        cached = json.loads(path.read_text("utf-8") if path else _stored_limits(store))
        drift.remember(cached)  # skips the grade CUSUMs' rows, which grade_cusum takes
        grade_cusum.remember(cached)
        held = {tuple(row) for row in cached if isinstance(row, list)}
    except (OSError, ValueError, TypeError, SQLAlchemyError):
        pass
    yield
    rows = drift.known_limits() + grade_cusum.known_rows()
    if {tuple(row) for row in rows} <= held:  # the cache knows all this process knows
        return
    try:
        if path is None:
            _store_limits(store, json.dumps(rows))
            return
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, json.dumps(rows).encode("utf-8"))
    except (OSError, SQLAlchemyError):
        log.warning("could not keep the warning limits in %s", path or LIMITS_KEY, exc_info=True)


def _stored_limits(store) -> str:
    with store.session() as s:
        row = s.get(StoreMeta, LIMITS_KEY)
        return row.value if row else "[]"


def _store_limits(store, text: str) -> None:
    """A cache, not a change anyone made: no event (two machines writing at once keep either's rows)."""
    with store.session() as s:
        s.merge(StoreMeta(key=LIMITS_KEY, value=text))
        s.commit()


def _parents(s, dealer_id: str, warnings) -> tuple[dict[str, str], dict[str, str]]:
    """Repair order number -> its form, case number -> its case, for the newest failure of each warning."""
    numbers = {w.repair_orders[-1] for w in warnings if w.repair_orders}
    if not numbers:  # an empty IN still had SQLite read every form of the dealer, inside the write lock
        return {}, {}
    forms = dict(s.execute(select(RepairOrder.number, FeedbackForm.id)
                           .join(FeedbackForm, FeedbackForm.repair_order_id == RepairOrder.id)
                           .where(RepairOrder.number.in_(numbers), FeedbackForm.dealer_id == dealer_id)).all())
    cases = dict(s.execute(select(FailureCase.number, FailureCase.id)
                           .where(FailureCase.number.in_(numbers), FailureCase.dealer_id == dealer_id)).all())
    return forms, cases


def _info(w: EarlyWarning, dealer: str, by: str | None) -> WarningInfo:
    g = w.grades if w.figure == "grades" and isinstance(w.grades, dict) else None
    counts = tuple(int(g["since"].get(x, 0)) for x in grade_cusum.GRADES) if g else None
    usual = tuple(float(g["usual"].get(x, 0.0)) for x in grade_cusum.GRADES) if g else None
    return WarningInfo(w.id, dealer, w.kind, w.subject, w.item, w.since, w.fired_on, w.baseline, w.limit_value,
                       w.forms, w.failures, tuple(w.repair_orders or ()), w.acknowledged_at, by or "", w.note or "",
                       w.figure or "share", counts, usual)


def open_warnings(store, dealer_id: str | None = None, limit: int = 50) -> list[WarningInfo]:
    """The dealer's warnings no supervisor has acknowledged, newest first (all dealers' at head office
    when ``dealer_id`` is ``"*"``)."""
    with store.session() as s:
        q = (select(EarlyWarning, Dealer.code).join(Dealer, Dealer.id == EarlyWarning.dealer_id)
             .where(EarlyWarning.acknowledged_at.is_(None))
             .order_by(EarlyWarning.fired_on.desc(), EarlyWarning.failures.desc()).limit(limit))
        if dealer_id != "*":
            q = q.where(EarlyWarning.dealer_id == (dealer_id or store.identity.home_dealer_id))
        return [_info(w, code, None) for w, code in s.execute(q)]


def warnings_since(store, day: date, dealer_id: str | None = None) -> list[WarningInfo]:
    """Every warning (acknowledged or not) that fired on or after ``day``, with who acknowledged it."""
    with store.session() as s:
        q = (select(EarlyWarning, Dealer.code, User.display_name)
             .join(Dealer, Dealer.id == EarlyWarning.dealer_id)
             .outerjoin(User, User.id == EarlyWarning.acknowledged_by)
             .where(EarlyWarning.fired_on >= day).order_by(EarlyWarning.fired_on.desc()))
        if dealer_id != "*":
            q = q.where(EarlyWarning.dealer_id == (dealer_id or store.identity.home_dealer_id))
        return [_info(w, code, by) for w, code, by in s.execute(q)]


@announces(ALERTS)
def acknowledge(store, warning_id_: str, actor, note: str = "") -> bool:
    """A supervisor has seen the warning (and says what will be done in ``note``); False when it was
    acknowledged already (its note then stays as it was: the caller says so)."""
    if not actor.is_supervisor:
        raise InvalidInput(field="warning",
                           problem=QT_TRANSLATE_NOOP("Errors", "only a supervisor can acknowledge early warnings"))
    note = fields.clean("warning_note", note)
    from app.services.uow import UnitOfWork

    with UnitOfWork(store, actor.user_id, write=True) as uow:
        w = uow.session.get(EarlyWarning, warning_id_)
        if w is None or w.dealer_id != store.identity.home_dealer_id:
            raise InvalidInput(field="warning", problem=QT_TRANSLATE_NOOP(
                "Errors", "no such early warning at this dealer; refresh the list"))
        newly = w.acknowledged_at is None
        if newly:
            now = utcnow()
            w.acknowledged_at, w.acknowledged_by, w.note = now, actor.user_id, note
            etype, parent_id = ("form", w.form_id) if w.form_id else ("case", w.case_id)
            parent = uow.session.get(FeedbackForm if etype == "form" else FailureCase, parent_id)
            parent.version += 1
            parent.updated_at = now
            uow.record(etype, parent_id, "warning.acknowledged", {"warning_id": w.id}, parent.dealer_id,
                       seq=parent.version, at=now)
        uow.commit()
    return newly


def refresh_network(store) -> int:
    """Head office: every dealer's warnings worked out from the forms its counters sent."""
    with store.session() as s:
        dealers = list(s.scalars(select(Dealer.id)))
    with _limits_cache(store):  # read and kept once for every dealer
        return sum(len(_refresh(store, d)) for d in dealers)



@dataclass(frozen=True)
class RisingAtSeveral:
    """A cause or an item drifting at more than one dealer at once: one improvement for all of them."""

    kind: str
    subject: str
    dealers: tuple[str, ...]


def rising_at_several(rows: list[WarningInfo]) -> list[RisingAtSeveral]:
    """Causes and items (a cause group, a root cause, timeliness...) warned of at two dealers or more,
    the most widespread first. An advisor's drift is the dealer's own matter and is not grouped."""
    by: dict[tuple[str, str], set[str]] = {}
    for w in rows:
        if w.kind in ("cause", "item", "work_type"):
            by.setdefault((w.kind, w.subject), set()).add(w.dealer)
        elif w.item:  # an advisor's item drifting counts for the item at that dealer
            by.setdefault(("item", w.item), set()).add(w.dealer)
    out = [RisingAtSeveral(k, subj, tuple(sorted(d))) for (k, subj), d in by.items() if len(d) >= 2]
    return sorted(out, key=lambda r: (-len(r.dealers), r.kind, r.subject))
