"""Reading the audit trail: the event log by person, kind and dates, newest first, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Event, User

PAGE = 50

# Titles of the kinds of change the trail holds; a kind not listed (added later, or by another
# feature) is shown by its own name, so every event of the log can be found.
KIND_TITLES: dict[str, str] = {
    "user.added": QT_TRANSLATE_NOOP("Audit", "Person added"),
    "user.role_changed": QT_TRANSLATE_NOOP("Audit", "Role changed"),
    "user.pin_reset": QT_TRANSLATE_NOOP("Audit", "PIN set"),
    "user.deactivated": QT_TRANSLATE_NOOP("Audit", "Person deactivated"),
    "user.reactivated": QT_TRANSLATE_NOOP("Audit", "Person reactivated"),
    "user.locked_out": QT_TRANSLATE_NOOP("Audit", "Sign-in locked after wrong PINs"),
    "user.lockout_lifted": QT_TRANSLATE_NOOP("Audit", "Sign-in wait lifted"),
    "setting.changed": QT_TRANSLATE_NOOP("Audit", "Setting changed"),
    "setting.published": QT_TRANSLATE_NOOP("Audit", "Setting published by head office"),
    "scripts.installed": QT_TRANSLATE_NOOP("Audit", "Script pack installed"),
    "import.feedback": QT_TRANSLATE_NOOP("Audit", "Feedback forms imported"),
}


@dataclass(frozen=True)
class AuditEntry:
    event_id: str
    occurred_at: datetime
    kind: str
    actor_id: str | None
    actor_name: str  # "" when nobody acted (the program, head office)
    subject: str  # the person the change is about, when it is about one
    details: str  # the change's values as plain text
    origin: str  # the store (counter) that made it


@dataclass(frozen=True)
class AuditPage:
    entries: tuple[AuditEntry, ...]
    total: int
    offset: int
    limit: int


def _details(payload: dict[str, Any]) -> str:
    """The payload as one line of text (ids left out: the names beside them say who)."""
    if not isinstance(payload, dict):
        return ""
    if {"key", "old", "new"} <= set(payload):
        return f"{payload['key']}: {payload['old']} → {payload['new']}"
    parts = [f"{k}: {v}" for k, v in payload.items() if not k.endswith("_id") and k != "id"
             and not isinstance(v, (dict, list))]
    return "; ".join(parts)[:500]


def _where(person: str | None, kind: str | None, since: date | None, until: date | None):
    conds = []
    if person:  # who did it, or whom it was about
        conds.append(or_(Event.actor_id == person, and_(Event.entity_type == "user", Event.entity_id == person),
                         Event.payload["user_id"].as_string() == person))  # a counter event about them
    if kind:
        conds.append(Event.kind == kind)
    if since is not None:  # the person's days, in the counter's time zone
        conds.append(Event.occurred_at >= datetime.combine(since, time.min).astimezone())
    if until is not None:
        conds.append(Event.occurred_at < datetime.combine(until + timedelta(days=1), time.min).astimezone())
    return and_(*conds) if conds else None


def page(store, *, person: str | None = None, kind: str | None = None, since: date | None = None,
         until: date | None = None, offset: int = 0, limit: int = PAGE) -> AuditPage:
    """One page of the event log, newest first, with the number of events the filter finds."""
    where = _where(person, kind, since, until)
    offset, limit = max(0, int(offset)), max(1, min(int(limit), 500))
    with store.session() as s:
        q = select(Event)
        count = select(func.count()).select_from(Event)
        if where is not None:
            q, count = q.where(where), count.where(where)
        total = s.scalar(count) or 0
        rows = list(s.scalars(q.order_by(Event.occurred_at.desc(), Event.id.desc()).offset(offset).limit(limit)))
        named = {r.actor_id for r in rows if r.actor_id}
        named |= {r.entity_id for r in rows if r.entity_type == "user"}
        named |= {r.payload.get("user_id") for r in rows if isinstance(r.payload, dict)
                  and isinstance(r.payload.get("user_id"), str)}
        names = dict(s.execute(select(User.id, User.display_name).where(User.id.in_(sorted(named)))).all()) if named else {}
        entries = []
        for r in rows:
            about = r.entity_id if r.entity_type == "user" else (r.payload or {}).get("user_id")
            entries.append(AuditEntry(r.id, r.occurred_at, r.kind, r.actor_id, names.get(r.actor_id, ""),
                                      names.get(about, "") if isinstance(about, str) else "",
                                      _details(r.payload), r.origin))
        return AuditPage(tuple(entries), total, offset, limit)


def kinds(store) -> list[str]:
    """Every kind of change the log holds (for the filter), the known ones first."""
    with store.session() as s:
        held = set(s.scalars(select(Event.kind).distinct()))
    return [k for k in KIND_TITLES if k in held] + sorted(held - set(KIND_TITLES))


def people(store) -> list[tuple[str, str]]:
    """(id, name) of the dealer's people, for the filter."""
    with store.session() as s:
        return [(uid, name) for uid, name in s.execute(
            select(User.id, User.display_name).where(User.dealer_id == store.identity.home_dealer_id)
            .order_by(User.display_name))]
