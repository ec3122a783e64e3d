"""A conflict in words a supervisor can decide on: which case (its number, dealer, customer masked),
which fields the two changes touched with each side's value, and who made each change, where
(a counter or head office) and when. Read from head office's database or a counter's store; no Qt:
the command line and the windows render it with their own ``translate(context, text)``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from sqlalchemy import select

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.ids import counter_tag
from app.models import (Customer, Dealer, Event, FailureCase, FeedbackForm, RepairOrder, StoreMeta, SyncConflict,
                        SyncFile, SyncOutbox, User)
from app.rules.vocab import (
    RemedyKind, Blame, CaseStatus, CauseGroup, Channel, FailureType, Grade, Mood, Role, Severity, Verification,
)
from app.rules.privacy import mask_name
from app.models.event_codec import HQ_ORIGIN
from app.sync.apply import ENTITY_MODEL, ENTITY_TABLE, from_record

CTX = "Conflicts"
Translate = Callable[[str, str], str]

# Field key -> (title, kind); kind is a vocabulary, or "text", "yesno", "time", "user", "number".
FIELDS: dict[str, tuple[str, Any]] = {
    "status": (QT_TRANSLATE_NOOP("Conflicts", "Status"), CaseStatus),
    "severity": (QT_TRANSLATE_NOOP("Conflicts", "Severity"), Severity),
    "severity_reason": (QT_TRANSLATE_NOOP("Conflicts", "Reason for the severity"), "text"),
    "channel": (QT_TRANSLATE_NOOP("Conflicts", "Channel"), Channel),
    "failure_type": (QT_TRANSLATE_NOOP("Conflicts", "Failure type"), FailureType),
    "cause_group": (QT_TRANSLATE_NOOP("Conflicts", "Cause"), CauseGroup),
    "blame": (QT_TRANSLATE_NOOP("Conflicts", "Responsibility"), Blame),
    "mood": (QT_TRANSLATE_NOOP("Conflicts", "Customer's mood"), Mood),
    "customer_words": (QT_TRANSLATE_NOOP("Conflicts", "Customer's words"), "text"),
    "assignee_id": (QT_TRANSLATE_NOOP("Conflicts", "Assigned to"), "user"),
    "first_response_at": (QT_TRANSLATE_NOOP("Conflicts", "First response"), "time"),
    "resolved_at": (QT_TRANSLATE_NOOP("Conflicts", "Resolved"), "time"),
    "closed_at": (QT_TRANSLATE_NOOP("Conflicts", "Closed"), "time"),
    "recovered": (QT_TRANSLATE_NOOP("Conflicts", "Recovered"), "yesno"),
    "root_cause": (QT_TRANSLATE_NOOP("Conflicts", "Root cause"), "text"),
    "improvement": (QT_TRANSLATE_NOOP("Conflicts", "Improvement"), "text"),
    "timeliness": (QT_TRANSLATE_NOOP("Conflicts", "Timeliness"), Grade),
    "repair_quality": (QT_TRANSLATE_NOOP("Conflicts", "Repair quality"), Grade),
    "attitude": (QT_TRANSLATE_NOOP("Conflicts", "Attitude"), Grade),
    "overall": (QT_TRANSLATE_NOOP("Conflicts", "Overall score"), "number"),
    "comment": (QT_TRANSLATE_NOOP("Conflicts", "Comment"), "text"),
    "verification": (QT_TRANSLATE_NOOP("Conflicts", "Verification"), Verification),
    "kind": (QT_TRANSLATE_NOOP("Conflicts", "Remedy"), RemedyKind),
    "amount": (QT_TRANSLATE_NOOP("Conflicts", "Amount (yuan)"), "number"),
    "note": (QT_TRANSLATE_NOOP("Conflicts", "Note"), "text"),  # what the person wrote with the change
    # A person of the dealer (their PIN hash is never shown: a new PIN is a change, not a value).
    "display_name": (QT_TRANSLATE_NOOP("Conflicts", "Name"), "text"),
    "role": (QT_TRANSLATE_NOOP("Conflicts", "Role"), Role),
    "active": (QT_TRANSLATE_NOOP("Conflicts", "Active"), "yesno"),
}

# The payload keys a change's own words travel in (a decision's note, a reason, a step's text, the
# customer's words at a callback): shown as the change's "Note".
NOTE_KEYS = ("note", "reason", "text", "words")

# What a change did, by event kind; unknown kinds are shown by name.
ACTIONS = {
    "case.opened": QT_TRANSLATE_NOOP("Conflicts", "Opened the case"),
    "case.updated": QT_TRANSLATE_NOOP("Conflicts", "Edited the case"),
    "case.escalated": QT_TRANSLATE_NOOP("Conflicts", "Escalated the case"),
    "case.closed": QT_TRANSLATE_NOOP("Conflicts", "Closed the case"),
    "case.reopened": QT_TRANSLATE_NOOP("Conflicts", "Reopened the case"),
    "case.attachment_added": QT_TRANSLATE_NOOP("Conflicts", "Added an attachment"),
    "case.conflict_resolved": QT_TRANSLATE_NOOP("Conflicts", "Resolved a conflict"),
    "case.taken_over": QT_TRANSLATE_NOOP("Conflicts", "Took over the escalation (head office)"),
    "case.renumbered": QT_TRANSLATE_NOOP("Conflicts", "Renumbered the case at enrolment"),
    "case.customer_merged": QT_TRANSLATE_NOOP("Conflicts", "Merged two records of the customer"),
    "form.customer_merged": QT_TRANSLATE_NOOP("Conflicts", "Merged two records of the customer"),
    "case.customer_purged": QT_TRANSLATE_NOOP("Conflicts", "Anonymised the customer (retention period over)"),
    "form.customer_purged": QT_TRANSLATE_NOOP("Conflicts", "Anonymised the customer (retention period over)"),
    "recovery.step": QT_TRANSLATE_NOOP("Conflicts", "Recorded a script step"),
    "recovery.finished": QT_TRANSLATE_NOOP("Conflicts", "Finished the script"),
    "recovery.rerating_failed": QT_TRANSLATE_NOOP("Conflicts", "Re-rating below target"),
    "remedy.proposed": QT_TRANSLATE_NOOP("Conflicts", "Proposed a remedy"),
    "remedy.approved": QT_TRANSLATE_NOOP("Conflicts", "Approved a remedy"),
    "remedy.refused": QT_TRANSLATE_NOOP("Conflicts", "Refused a remedy"),
    "remedy.agreed": QT_TRANSLATE_NOOP("Conflicts", "Customer accepted a remedy"),
    "callback.scheduled": QT_TRANSLATE_NOOP("Conflicts", "Scheduled a callback"),
    "callback.reached": QT_TRANSLATE_NOOP("Conflicts", "Called back, customer reached"),
    "callback.not_reached": QT_TRANSLATE_NOOP("Conflicts", "Called back, not reached"),
    "form.created": QT_TRANSLATE_NOOP("Conflicts", "Entered the form"),
    "form.corrected": QT_TRANSLATE_NOOP("Conflicts", "Corrected the form"),
    "form.verified": QT_TRANSLATE_NOOP("Conflicts", "Verified the form"),
    "form.disputed": QT_TRANSLATE_NOOP("Conflicts", "Disputed the form"),
    "form.dispute_resolved": QT_TRANSLATE_NOOP("Conflicts", "Resolved the dispute"),
    "verification.drawn": QT_TRANSLATE_NOOP("Conflicts", "Drew the form for a verification call"),
    "alert.acknowledged": QT_TRANSLATE_NOOP("Conflicts", "Acknowledged the alert"),
    "warning.acknowledged": QT_TRANSLATE_NOOP("Conflicts", "Acknowledged the early warning"),
    "improvement.raised": QT_TRANSLATE_NOOP("Conflicts", "Raised an improvement action"),
    "improvement.done": QT_TRANSLATE_NOOP("Conflicts", "Completed the improvement action"),
    "improvement.assigned": QT_TRANSLATE_NOOP("Conflicts", "Head office raised an improvement action for several dealers"),
    "improvement.completed": QT_TRANSLATE_NOOP("Conflicts", "Completed head office's improvement action"),
}


@dataclass(frozen=True)
class Side:
    """One of the two changes: what it did, who, where and when."""

    kind: str  # the event kind, e.g. case.closed
    actor: str | None  # display name; "" when no one was recorded (command line); None: not known here
    place: str  # "head_office", "this_counter" or "counter"
    counter: str  # the counter's label (or its two-character tag) when place is "counter"
    at: datetime | None


@dataclass(frozen=True)
class FieldChange:
    field: str  # a key of FIELDS
    applied: Any  # the value in force here (head office's version at head office)
    other: Any  # the value of the change kept aside


@dataclass(frozen=True)
class ConflictFacts:
    id: str
    dealer_code: str
    entity_type: str  # case | form | user
    entity_id: str
    reference: str  # the case number, the form's repair order, or the person's name
    customer: str  # masked: family name only
    seq: int
    detected_at: datetime
    applied: Side | None  # None when the change kept aside was built on another change kept aside
    other: Side
    fields: tuple[FieldChange, ...]
    users: dict[str, str]  # user id -> name, for "user" fields


def _fields_of_event(kind: str, payload: dict) -> dict[str, Any]:
    """The fields an event's payload says it set (form corrections carry before/after)."""
    if kind == "form.corrected":
        return {k: v for k, v in (payload.get("after") or {}).items() if k in FIELDS}
    # "kind" is a remedy's kind only in a remedy's events (a script step's kind is not a remedy).
    out = {k: v for k, v in (payload or {}).items()
           if k in FIELDS and k != "note" and (k != "kind" or kind.startswith("remedy."))}
    note = _note(payload)
    if note:
        out["note"] = note
    return out


def _note(payload: dict | None) -> str:
    return next((str(payload[k]) for k in NOTE_KEYS if (payload or {}).get(k)), "")


def _side(kind, payload_actor, origin, occurred_at, users, labels, here) -> Side:
    if origin == HQ_ORIGIN:
        place, label = "head_office", ""
    elif here is not None and origin == here:
        place, label = "this_counter", ""
    else:
        place = "counter"
        try:
            label = labels.get(origin) or counter_tag(origin)
        except (ValueError, TypeError):
            label = ""
    if isinstance(occurred_at, str):
        occurred_at = datetime.fromisoformat(occurred_at)
    actor = users.get(payload_actor) if payload_actor else ""
    return Side(kind or "", actor, place, label, occurred_at)


HQ_KEPT = "hq_kept."  # store_meta: + the id of this counter's change head office keeps aside


def note_kept_aside_at_head_office(session, event_ids) -> None:
    """Head office's acknowledgement named these changes of this counter as kept aside there."""
    for eid in event_ids:
        if session.get(StoreMeta, HQ_KEPT + eid) is None:
            session.add(StoreMeta(key=HQ_KEPT + eid, value="1"))


def _head_office_kept_aside(session, kept: Event, here: str | None) -> bool:
    """Whether head office keeps aside the change this counter applied (its own), so that the side
    pulled from head office is the one applied there: it named it so in its acknowledgement, or has
    not received it yet (the pulled change is already there, so the own one will be kept aside)."""
    if here is None or kept.origin != here:
        return False  # a change pulled from head office came in head office's own order
    if session.get(StoreMeta, HQ_KEPT + kept.id) is not None:
        return True
    acked = session.scalar(select(SyncOutbox.event_id).join(SyncFile, SyncFile.seq == SyncOutbox.file_seq)
                           .where(SyncOutbox.event_id == kept.id, SyncFile.status == "acked"))
    return acked is None


def load(session, conflicts: list[SyncConflict], *, here: str | None = None) -> list[ConflictFacts]:
    """Facts for ``conflicts`` from the database they are stored in. ``here``: this counter's store id
    (None at head office), so its own changes read "this counter". The sides are named as head
    office names them wherever they are read: "applied" is the change head office applied, "kept
    aside" the one it keeps aside, even when this counter applied its own change first."""
    from app.models import HqCounter

    users = dict(session.execute(select(User.id, User.display_name)).all())
    labels = {k: v for k, v in session.execute(select(HqCounter.id, HqCounter.label)).all() if v}
    dealers = dict(session.execute(select(Dealer.id, Dealer.code)).all())
    out = []
    for c in conflicts:
        model = ENTITY_MODEL.get(c.entity_type)
        row = session.get(model, c.entity_id) if model is not None else None
        reference, customer = c.entity_id[:13], ""
        if isinstance(row, FailureCase):
            reference = row.number
            cust = session.get(Customer, row.customer_id)
            customer = mask_name(cust.name) if cust else ""
        elif isinstance(row, User):
            reference = f"{row.display_name} ({row.username})"
        elif isinstance(row, FeedbackForm):
            ro = session.get(RepairOrder, row.repair_order_id)
            if ro is not None:
                reference = ro.number
                cust = session.get(Customer, ro.customer_id)
                customer = mask_name(cust.name) if cust else ""
        kept = session.get(Event, c.kept_event_id) if c.kept_event_id else None
        ev = c.other_event or {}
        applied = (_side(kept.kind, kept.actor_id, kept.origin, kept.occurred_at, users, labels, here)
                   if kept is not None else None)
        other = _side(ev.get("kind"), ev.get("actor_id"), ev.get("origin"), ev.get("occurred_at"), users, labels,
                      here)
        named = _fields_of_event(ev.get("kind", ""), ev.get("payload") or {})
        if kept is not None:
            named.update({k: None for k in _fields_of_event(kept.kind, kept.payload or {}) if k not in named})
        theirs = from_record(ENTITY_TABLE[c.entity_type], c.other_snapshot) if c.other_snapshot else {}
        keys = list(named)
        if row is not None:
            keys += [k for k in FIELDS if k in theirs and k not in named and getattr(row, k, None) != theirs[k]]
        changes = []
        for k in [k for k in FIELDS if k in keys]:  # in FIELDS' order
            here_value = getattr(row, k, None) if row is not None and hasattr(row, k) else None
            if k == "note":  # a note belongs to the change, not to the record
                here_value = _note(kept.payload) if kept is not None else None
            other_value = theirs[k] if k in theirs else named.get(k)
            changes.append(FieldChange(k, here_value, other_value))
        if kept is not None and _head_office_kept_aside(session, kept, here):
            applied, other = other, applied
            changes = [FieldChange(ch.field, ch.other, ch.applied) for ch in changes]
        out.append(ConflictFacts(c.id, dealers.get(c.dealer_id, ""), c.entity_type, c.entity_id, reference, customer,
                                 c.seq, c.detected_at, applied, other, tuple(changes), users))
    return out


# --- words ----------------------------------------------------------------------------------------

def value_text(field: str, value: Any, translate: Translate, users: dict[str, str] | None = None) -> str:
    """A field's value as the user reads it: vocab titles, quoted text, yes/no, local times, names."""
    kind = FIELDS.get(field, ("", "text"))[1]
    if value is None or value == "":
        return translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "(empty)"))
    if isinstance(kind, type):
        try:
            return translate("Vocab", kind(value).title)
        except ValueError:
            return str(value)
    if kind == "yesno":
        return translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "Yes") if value else QT_TRANSLATE_NOOP("Conflicts", "No"))
    if kind == "time":
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return value.astimezone().strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else str(value)
    if kind == "user":
        return (users or {}).get(value) or translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "someone not known here"))
    if kind == "number":
        return str(value)
    return translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "\u201c{text}\u201d")).format(text=value)


def field_title(field: str, translate: Translate) -> str:
    return translate(CTX, FIELDS[field][0])


def action_text(kind: str, translate: Translate) -> str:
    return translate(CTX, ACTIONS[kind]) if kind in ACTIONS else kind


def who_text(side: Side, translate: Translate) -> str:
    if side.actor is None:
        return translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "someone not known here"))
    return side.actor or translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "no one recorded"))


def place_text(side: Side, translate: Translate) -> str:
    if side.place == "head_office":
        return translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "head office"))
    if side.place == "this_counter":
        return translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "this counter"))
    if side.counter:
        return translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "counter {name}")).format(name=side.counter)
    return translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "another counter"))


def when_text(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at else "-"


def subject(f: ConflictFacts, translate: Translate) -> str:
    """Case BJ01-2611-3Q-0042, dealer BJ01, customer 王**."""
    what = (QT_TRANSLATE_NOOP("Conflicts", "Case {ref}") if f.entity_type == "case"
            else QT_TRANSLATE_NOOP("Conflicts", "Feedback form {ref}"))
    text = translate(CTX, what).format(ref=f.reference)
    text += translate(CTX, QT_TRANSLATE_NOOP("Conflicts", ", dealer {dealer}")).format(dealer=f.dealer_code)
    if f.customer:
        text += translate(CTX, QT_TRANSLATE_NOOP("Conflicts", ", customer {name}")).format(name=f.customer)
    return text


def field_names(f: ConflictFacts, translate: Translate) -> str:
    sep = translate(CTX, QT_TRANSLATE_NOOP("Conflicts", ", "))
    return sep.join(field_title(c.field, translate) for c in f.fields) or "-"


def side_text(side: Side | None, translate: Translate) -> str:
    """Closed the case — 张伟, counter 前台1, 2026-11-30 05:01."""
    if side is None:
        return translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "(built on another change kept aside)"))
    return translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "{action} \u2014 {who}, {place}, {when}")).format(
        action=action_text(side.kind, translate), who=who_text(side, translate), place=place_text(side, translate),
        when=when_text(side.at))


def comparison(f: ConflictFacts, translate: Translate) -> list[tuple[str, str, str]]:
    """Rows (what, applied, kept aside) to set the two changes side by side."""
    a, o = f.applied, f.other
    rows = [
        (translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "Change")),
         action_text(a.kind, translate) if a else "-", action_text(o.kind, translate)),
        (translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "Made by")), who_text(a, translate) if a else "-",
         who_text(o, translate)),
        (translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "Where")), place_text(a, translate) if a else "-",
         place_text(o, translate)),
        (translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "When")), when_text(a.at) if a else "-", when_text(o.at)),
    ]
    for c in f.fields:
        rows.append((field_title(c.field, translate), value_text(c.field, c.applied, translate, f.users),
                     value_text(c.field, c.other, translate, f.users)))
    return rows


def summary(f: ConflictFacts, translate: Translate) -> str:
    """One line: the case, then each field with both values."""
    parts = [translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "{field}: applied {applied}, kept aside {other}")).format(
        field=field_title(c.field, translate), applied=value_text(c.field, c.applied, translate, f.users),
        other=value_text(c.field, c.other, translate, f.users)) for c in f.fields]
    if not parts:
        parts = [translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "applied: {applied}; kept aside: {other}")).format(
            applied=action_text(f.applied.kind, translate) if f.applied else "-",
            other=action_text(f.other.kind, translate))]
    return subject(f, translate) + translate(CTX, QT_TRANSLATE_NOOP("Conflicts", ": ")) + \
        translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "; ")).join(parts)


def lines(f: ConflictFacts, translate: Translate) -> list[str]:
    """The whole description, for the command line and tooltips."""
    out = [subject(f, translate),
           translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "  Applied:    {side}")).format(
               side=side_text(f.applied, translate)),
           translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "  Kept aside: {side}")).format(
               side=side_text(f.other, translate))]
    for c in f.fields:
        out.append(translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "  {field}: applied {applied}, kept aside {other}"))
                   .format(field=field_title(c.field, translate),
                           applied=value_text(c.field, c.applied, translate, f.users),
                           other=value_text(c.field, c.other, translate, f.users)))
    if not f.fields:
        out.append(translate(CTX, QT_TRANSLATE_NOOP("Conflicts", "  No field of the record differs.")))
    return out
