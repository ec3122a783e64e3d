"""A person's notices: remedies decided, approvals wanted, cases escalated or opened for them, new alerts
and a script pack head office published, each derived from what the store holds, wherever it was done.

Nothing is stored for a notice but its read mark: the events a sync round pulls from another counter
are the same rows as those written here, so a decision taken at counter 2 is a notice at counter 1
as soon as its event has arrived, with no message sent for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import and_, literal_column, or_, select

from app.models import Alert, Customer, Event, FailureCase, FeedbackForm, RepairOrder, Remedy, User, utcnow
from app.rules.vocab import RemedyStatus, Role
from app.services.notices.read_marks import read_ids, write_ids

KEEP_DAYS = 30  # older news is history (the case's timeline), not a notice: a counter joining late isn't flooded

APPROVED, REFUSED, APPROVAL_WANTED = "approved", "refused", "approval_wanted"
ESCALATED, ASSIGNED, ALERT, PACK = "escalated", "assigned", "alert", "pack"
KINDS = (APPROVED, REFUSED, APPROVAL_WANTED, ESCALATED, ASSIGNED, ALERT, PACK)
_EVENTS = ("remedy.approved", "remedy.refused", "remedy.proposed", "case.escalated", "case.opened")
_APPROVERS = (Role.SUPERVISOR.value, Role.ADMIN.value)


@dataclass(frozen=True)
class Notice:
    id: str  # the event's id; "alert:<id>" or "pack:<sha256>" for the others
    kind: str  # one of KINDS
    at: datetime
    case_id: str | None = None
    case_number: str = ""  # the case's number; for an alert, the repair order's
    customer: str = ""
    summary: str = ""  # the customer's words on the case, or the alert's grades, or the pack's label
    by: str = ""  # who decided or did it (display name)
    event_kind: str = ""  # for the timeline's words of the event
    payload: dict = field(default_factory=dict, compare=False, hash=False)
    read: bool = False


def notices_for(store, user_id: str | None, *, now: datetime | None = None) -> list[Notice]:
    """``user_id``'s notices of the last KEEP_DAYS, newest first, each marked read or not."""
    if not user_id:
        return []
    since = (now or utcnow()) - timedelta(days=KEEP_DAYS)
    with store.session() as s:
        me = s.get(User, user_id)
        if me is None:
            return []
        approver = me.role in _APPROVERS
        found = _from_events(s, me, approver, since)
        if approver:
            found += _from_alerts(s, store.identity.home_dealer_id, since)
        seen = read_ids(s, user_id)
    found += _from_pack(store, since)
    found.sort(key=lambda n: n.at, reverse=True)
    return [n if n.id not in seen else _read(n) for n in found]


def unread_count(store, user_id: str | None) -> int:
    return sum(not n.read for n in notices_for(store, user_id))


def mark_read(store, user_id: str, notice_ids) -> None:
    """Marks these notices read for ``user_id``; marks of notices no longer shown are dropped."""
    shown = {n.id for n in notices_for(store, user_id)}
    with store.session() as s, s.begin():
        write_ids(s, user_id, (read_ids(s, user_id) | set(notice_ids)) & shown)


def mark_all_read(store, user_id: str) -> None:
    mark_read(store, user_id, [n.id for n in notices_for(store, user_id)])


def _read(n: Notice) -> Notice:
    from dataclasses import replace

    return replace(n, read=True)


def _could_be_news(me: User, approver: bool):
    """The events on ``me``'s cases and remedies that may be their news, in SQL: a few rows of the
    month's, not all of them (a dealer's month holds every case's opening and remedies: loading them all
    to keep a handful held some 330 MB of rows in the desk at 100,000 cases). A superset: ``_kind_for``
    decides. An approver's news on any case is read by ``_for_approvers``."""
    mine = FailureCase.assignee_id == me.id
    proposed_by_me = FailureCase.id.in_(select(Remedy.case_id).where(Remedy.proposed_by == me.id))
    on_mine = ("case.opened",) if approver else ("case.opened", "case.escalated")
    wanted = [and_(Event.kind.in_(("remedy.approved", "remedy.refused")), proposed_by_me),
              and_(Event.kind.in_(on_mine), mine)]
    return and_(or_(*wanted), _not_mine(me))


def _not_mine(me: User):
    return or_(Event.actor_id.is_(None), Event.actor_id != me.id)  # one's own doing is no news


def _news_rows(me: User, since: datetime, *where):
    # ``|| ''`` keeps a check but not its index: by the event type's, or the dealer's cases', SQLite
    # walked every case event of the dealer (2 million at 100,000 cases, 0.6-1.1 s a read, and the bell
    # reads on every change); a person's news starts from their cases, the remedies or the escalations.
    return (select(Event, FailureCase, Customer.name)
            .join(FailureCase, FailureCase.id == Event.entity_id)
            .join(Customer, Customer.id == FailureCase.customer_id)
            .where((Event.entity_type + "") == "case", Event.occurred_at >= since,
                   (FailureCase.dealer_id + "") == me.dealer_id, *where))


def _for_approvers(me: User, since: datetime):
    """The escalations and the remedies waiting for approval, on any case of the dealer."""
    # The kind written out, not bound: SQLite uses a partial index (ix_event_escalated) only for a
    # statement that names its condition.
    yield _news_rows(me, since, Event.kind == literal_column("'case.escalated'"), _not_mine(me))
    waiting = select(Remedy.case_id).where(Remedy.status == RemedyStatus.PENDING_APPROVAL.value)
    yield _news_rows(me, since, Event.kind == "remedy.proposed", FailureCase.id.in_(waiting), _not_mine(me))


def _from_events(s, me: User, approver: bool, since: datetime) -> list[Notice]:
    statements = [_news_rows(me, since, Event.kind.in_(_EVENTS), _could_be_news(me, approver))]
    if approver:
        statements += _for_approvers(me, since)
    rows = [row for statement in statements for row in s.execute(statement)]
    remedy_ids = [e.payload.get("remedy_id") for e, _c, _n in rows if e.kind.startswith("remedy.")]
    remedies = {r.id: r for r in s.scalars(select(Remedy).where(Remedy.id.in_([i for i in remedy_ids if i])))}
    names = {uid: name for uid, name in s.execute(select(User.id, User.display_name))}
    out = []
    for e, case, customer in rows:
        if e.actor_id == me.id:
            continue  # one's own doing is no news
        kind = _kind_for(e, case, me, approver, remedies)
        if kind is None:
            continue
        out.append(Notice(e.id, kind, e.occurred_at, case.id, case.number, customer, case.customer_words,
                          names.get(e.actor_id, ""), e.kind, dict(e.payload or {})))
    return out


def _kind_for(e: Event, case: FailureCase, me: User, approver: bool, remedies: dict) -> str | None:
    p = e.payload or {}
    if e.kind in ("remedy.approved", "remedy.refused"):
        r = remedies.get(p.get("remedy_id"))
        if r is not None and r.proposed_by == me.id:
            return APPROVED if e.kind == "remedy.approved" else REFUSED
        return None
    if e.kind == "remedy.proposed":
        r = remedies.get(p.get("remedy_id"))
        # a request is news while it waits; once decided, the decision is the proposer's news
        if approver and r is not None and r.status == RemedyStatus.PENDING_APPROVAL.value:
            return APPROVAL_WANTED
        return None
    if e.kind == "case.escalated":
        return ESCALATED if approver or case.assignee_id == me.id else None
    if e.kind == "case.opened":
        return ASSIGNED if case.assignee_id == me.id and p.get("assignee_id", case.assignee_id) == me.id else None
    return None


def _from_alerts(s, dealer_id: str, since: datetime) -> list[Notice]:
    q = (select(Alert, FeedbackForm, RepairOrder.number, Customer.name)
         .outerjoin(FeedbackForm, FeedbackForm.id == Alert.form_id)
         .outerjoin(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
         .outerjoin(Customer, Customer.id == RepairOrder.customer_id)
         .where(Alert.dealer_id == dealer_id, Alert.acknowledged_at.is_(None), Alert.created_at >= since))
    out = []
    for a, f, number, name in s.execute(q):
        grades = f"{f.timeliness}{f.repair_quality}{f.attitude}" if f else a.text
        out.append(Notice("alert:" + a.id, ALERT, a.created_at, a.case_id, number or "", name or "", grades,
                          payload={"alert_id": a.id, "repair_order": number or ""}))
    return out


def _from_pack(store, since: datetime) -> list[Notice]:
    """The script pack in use, when head office published it and it arrived within KEEP_DAYS."""
    from app.scripts.library import library_for

    library = library_for(Path(store.path).parent)
    origin = library.origin
    if origin.kind != "hq" or not origin.installed_at:
        return []
    try:
        at = datetime.fromisoformat(origin.installed_at)
    except ValueError:  # an origin file edited by hand
        return []
    if at < since:
        return []
    return [Notice("pack:" + origin.sha256, PACK, at, summary=library.pack.label,
                   payload={"file": origin.file})]
