"""The one registry of how every table of the store takes part in sync (a test checks it against Base.metadata).

Four roles:
- ``record``: a row shared as is, named by the rows that point at it (customer, vehicle);
- ``aggregate``: the root of an aggregate with a version and an event chain (case, form, person, repair order); its snapshot
  travels with each file that carries one of its events, and is applied when newer and not in conflict;
- ``child``: a row that belongs to an aggregate (a remedy to its case, a verification call to its form...).
  Every change to a child is an event on its aggregate, so the aggregate's version moves; the child
  travels with the aggregate's snapshot and is upserted by id exactly when that snapshot is applied;
- local: never leaves this database (see LOCAL, with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Table

from app.foundation.errors import fill
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models.event_codec import COUNTER_ENTITY
from app.models import (Alert, Attachment, Base, Callback, Customer, EarlyWarning, FailureCase, FeedbackForm,
                        ImprovementAction, NetworkImprovement, Remedy, RepairOrder, User, Vehicle,
                        VerificationCall)

RECORD, AGGREGATE, CHILD = "record", "aggregate", "child"


@dataclass(frozen=True)
class Synced:
    name: str  # the table's name in a case file ("user" for app_user)
    model: type
    role: str
    entity_type: str | None = None  # aggregate: the events' entity_type
    # child: (column, aggregate name), in order of preference; a row belongs to each non-empty one
    parents: tuple[tuple[str, str], ...] = ()
    # columns that identify the same row made elsewhere (within the dealer): mapped onto the receiver's row
    natural_key: tuple[str, ...] = ()
    private: frozenset[str] = frozenset()  # columns that never leave the database that wrote them
    # columns each database derives from its own events (so they agree with the events it holds, whatever
    # the sender's version): never carried in a file, never set from one
    derived: frozenset[str] = frozenset()
    user_columns: tuple[str, ...] = ()  # columns naming a user without a ForeignKey
    said: str = ""  # a row of it in the words of the people using the desk (a marked text): messages never name the table

    @property
    def table(self) -> Table:
        return self.model.__table__


# Parents before the rows that point at them: the order records are applied in.
SYNCED: tuple[Synced, ...] = (
    # People are the dealer's (roles, deactivations, the salted PIN hash, never a PIN): an aggregate with
    # its own history, so a change made at one counter reaches every other and two edits conflict.
    Synced("user", User, AGGREGATE, entity_type="user", natural_key=("username",),
           said=QT_TRANSLATE_NOOP("Errors", "a person")),
    Synced("customer", Customer, RECORD,
           said=QT_TRANSLATE_NOOP("Errors", "a customer")),
    Synced("vehicle", Vehicle, RECORD,
           said=QT_TRANSLATE_NOOP("Errors", "a vehicle")),
    # A repair order is an aggregate of its own (events "order.*") since the dealer's management system
    # fills and changes it; one made by a form or a complaint still travels with them, at version 1.
    Synced("repair_order", RepairOrder, AGGREGATE, entity_type="order", natural_key=("number",),
           derived=frozenset({"call_reached"}),
           said=QT_TRANSLATE_NOOP("Errors", "a repair order")),
    Synced("feedback_form", FeedbackForm, AGGREGATE, entity_type="form",
           said=QT_TRANSLATE_NOOP("Errors", "a feedback form")),
    Synced("failure_case", FailureCase, AGGREGATE, entity_type="case",
           said=QT_TRANSLATE_NOOP("Errors", "a case")),
    Synced("remedy", Remedy, CHILD, parents=(("case_id", "failure_case"),),
           said=QT_TRANSLATE_NOOP("Errors", "a remedy")),
    Synced("callback", Callback, CHILD, parents=(("case_id", "failure_case"),),
           said=QT_TRANSLATE_NOOP("Errors", "a callback")),
    Synced("attachment", Attachment, CHILD, parents=(("case_id", "failure_case"),), user_columns=("added_by",),
           said=QT_TRANSLATE_NOOP("Errors", "an attachment")),
    Synced("verification_call", VerificationCall, CHILD, parents=(("form_id", "feedback_form"),),
           said=QT_TRANSLATE_NOOP("Errors", "a verification call")),
    # An alert belongs to its form, or to its case when it has none. Each place that sees a failure
    # form may raise the form's alert itself, so the same alert is known by (form, kind).
    Synced("alert", Alert, CHILD, parents=(("form_id", "feedback_form"), ("case_id", "failure_case")),
           natural_key=("form_id", "kind"), user_columns=("created_by", "acknowledged_by"),
           said=QT_TRANSLATE_NOOP("Errors", "an alert")),
    # Derived by every store under the same id; travels with its form (or case) when acknowledged.
    Synced("early_warning", EarlyWarning, CHILD, parents=(("form_id", "feedback_form"), ("case_id", "failure_case")),
           user_columns=("acknowledged_by",),
           said=QT_TRANSLATE_NOOP("Errors", "an early warning")),
    Synced("improvement_action", ImprovementAction, CHILD, parents=(("case_id", "failure_case"),),
           user_columns=("owner_id", "created_by", "done_by"),
           said=QT_TRANSLATE_NOOP("Errors", "an improvement action")),
    # An action head office raised for several dealers: each dealer's share is an aggregate of its own
    # (events "improvement"), sent by head office to that dealer alone; its completion travels back.
    Synced("network_improvement", NetworkImprovement, AGGREGATE, entity_type="improvement",
           user_columns=("owner_id", "done_by"),
           said=QT_TRANSLATE_NOOP("Errors", "an improvement action of head office")),
)

LOCAL: dict[str, str] = {
    "store_meta": "this store's own identity and cursors",
    "setting": "this store's settings (head office publishes its own through sync_published)",
    "dealer": "created at enrolment from head office's answer, named in every file's header",
    "event": "travels as the file's events, not as records",
    "sync_file": "the counter's outbox bookkeeping",
    "sync_outbox": "the counter's outbox bookkeeping",
    "event_tally": "the counter's count of its events and of those filed, kept by triggers",
    "form_month": "the counter's month sums of forms for Today's trend, kept as it writes its forms",
    "sync_conflict": "each place keeps the conflicts it found; head office's resolution travels as an event",
    "sync_received": "head office's log of accepted files",
    "sync_received_customer": "head office's index of which kept file holds which customer, for the purge",
    "sync_published": "head office's publications, pulled through their own endpoint",
    "sync_blob": "attachment bytes, sent by hash through their own endpoint",
    "hq_blob_holder": "head office's record of which dealer delivered which attachment bytes",
    "hq_form_month": "head office's month sums of forms, kept by its import from the forms it holds",
    "hq_counter": "head office's enrolled counters and their secrets",
    "hq_enrolment": "head office's enrolment codes",
    "hq_published_arrival": "when head office handed each publication to each counter (its window shows it)",
    "hq_refusal": "head office's record of what it refused and why; the counter learns it from the sealed ack",
    "sync_refused": "the counter's refused changes, listed in Sync problems until resent",
}

# Entities whose events travel with no row of their own: a counter's audit trail (settings changed,
# lockouts, script packs installed, imports), one history per counter, entity id the counter's store id.
COUNTER = COUNTER_ENTITY
EVENT_ONLY: tuple[str, ...] = (COUNTER,)

BY_NAME: dict[str, Synced] = {s.name: s for s in SYNCED}
_BY_TABLE: dict[str, Synced] = {s.table.name: s for s in SYNCED}  # "app_user" as well as "user"
A_CHANGE = QT_TRANSLATE_NOOP("Errors", "a change")  # an event
A_RECORD = QT_TRANSLATE_NOOP("Errors", "a record")  # a table this program does not know (a newer or a hostile sender's)
NAMES: tuple[str, ...] = tuple(s.name for s in SYNCED)
AGGREGATES: dict[str, Synced] = {s.entity_type: s for s in SYNCED if s.role == AGGREGATE}  # by entity type
CHILDREN: tuple[Synced, ...] = tuple(s for s in SYNCED if s.role == CHILD)


@cache
def refs(name: str) -> dict[str, str]:
    """column -> the synced table it names: every ForeignKey to a synced table, and the user columns
    declared without one. How a row the receiver knows under another id is mapped everywhere."""
    by_table = {s.table.name: s.name for s in SYNCED}
    spec = BY_NAME[name]
    out = {}
    for col in spec.table.columns:
        for fk in col.foreign_keys:
            target = by_table.get(fk.column.table.name)
            if target is not None:
                out[col.key] = target
    for col in spec.user_columns:
        out[col] = "user"
    return out


def said(name: str) -> str:
    """A row of the synced table ``name`` (or an event) in the desk's words, a marked text to translate."""
    if name == "event":
        return A_CHANGE
    spec = BY_NAME.get(name) or _BY_TABLE.get(name)
    return spec.said if spec is not None else A_RECORD


# A refusal's parameters that name a table: said in words wherever it is shown (head office's import and
# `hq refusals`, the counter's Sync problems), refusals stored before included.
_TABLE_PARAMS = ("table", "target")


def refusal_words(text: str, params: dict, words=None, worded: tuple[str, ...] = ()) -> str:
    """A refusal (English source and values) in the reader's words, each row it names as the desk names
    it ("A feedback form 3f2a... is stored ...", never "feedback_form 3f2a..."); ``worded`` as errors.fill's."""
    named = {k: said(v) for k, v in params.items() if k in _TABLE_PARAMS and isinstance(v, str) and v}
    told = fill(text, {**params, **named}, words, tuple(worded) + tuple(named))
    return told[:1].upper() + told[1:] if named else told  # it may begin with a row's words ("a case ...")


def said_row(table: str, record_id: str, words=None) -> str:
    """A row named as refusal_words names it at the start of a sentence."""
    noun = said(table)
    told = f"{words('Errors', noun) if words else noun} {record_id}"
    return told[:1].upper() + told[1:]


def unplaced() -> list[str]:
    """Tables of the models that the registry does not place (a new table is one until placed)."""
    placed = {s.table.name for s in SYNCED} | set(LOCAL)
    return sorted(set(Base.metadata.tables) - placed)
