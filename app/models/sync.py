"""Sync tables: a counter's outbox of case files and its problems; head office's counters,
enrolment codes, received files and publications; conflicts, kept on both sides."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, FailureCounts, UTCDateTime
from app.rules.fields import length


# --- on a counter -------------------------------------------------------------------------------

class SyncFile(Base):
    """A case file this counter wrote (numbered by its per-counter sequence) and where it stands."""

    __tablename__ = "sync_file"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    sha256: Mapped[str] = mapped_column(String(64))
    events: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    exported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # waiting | acked | rejected (head office refused it: a sync problem until someone acts)
    status: Mapped[str] = mapped_column(String(12), default="waiting", index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class SyncOutbox(Base):
    """Which case file carries each of this counter's events; an event without a row still waits."""

    __tablename__ = "sync_outbox"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    file_seq: Mapped[int] = mapped_column(ForeignKey("sync_file.seq"), index=True)


class EventTally(Base):
    """How many events each place made, per entity type, and how many of them are filed in the
    outbox: the status bar's "changes waiting" without walking the event log. Kept by the SQLite
    triggers of migration 0017 on every insert into ``event`` and ``sync_outbox``, whichever code
    writes them (ORM, bulk inserts, a pull); a counter's store is SQLite, head office doesn't need it."""

    __tablename__ = "event_tally"
    origin: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    events: Mapped[int] = mapped_column(Integer, default=0)
    filed: Mapped[int] = mapped_column(Integer, default=0)


# --- on both sides ------------------------------------------------------------------------------

class SyncConflict(Base):
    """Two changes made on top of the same version of one case or form, in two places.

    The first to arrive is applied; the other is kept here whole (never dropped) until a
    supervisor resolves it, and the resolution is an ordinary change that syncs."""

    __tablename__ = "sync_conflict"
    __table_args__ = (UniqueConstraint("other_event_id", name="uq_sync_conflict_other_event_id"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dealer_id: Mapped[str] = mapped_column(String(36), index=True)
    entity_type: Mapped[str] = mapped_column(String(16))
    # Indexed: a purge rewrites the conflicts of the customer's cases and forms, found by their ids.
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kept_event_id: Mapped[str | None] = mapped_column(String(36))
    other_event_id: Mapped[str] = mapped_column(String(36))
    other_event: Mapped[dict[str, Any]] = mapped_column(JSON)
    other_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution: Mapped[str] = mapped_column(Text, default="")


# --- at head office -----------------------------------------------------------------------------

class HqCounter(Base):
    """An enrolled counter PC: its dealer and the secret its case files are signed with."""

    __tablename__ = "hq_counter"
    __table_args__ = (UniqueConstraint("dealer_id", "tag", name="uq_hq_counter_dealer_tag"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the counter's store id
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"), index=True)
    label: Mapped[str] = mapped_column(String(length("counter_label")), default="")
    # Two characters in the counter's case numbers, unique within the dealer (app.foundation.ids.free_tag);
    # None for a counter enrolled before head office assigned tags.
    tag: Mapped[str | None] = mapped_column(String(2))
    secret: Mapped[str] = mapped_column(String(64))  # hex HMAC key; see docs/case-file-format.md
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)
    clock_skew_s: Mapped[float | None] = mapped_column()
    # As the counter last said when it asked for publications (each sync round).
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reported_waiting: Mapped[int | None] = mapped_column(Integer)  # changes not yet acknowledged
    reported_problems: Mapped[int | None] = mapped_column(Integer)  # entries in its Sync problems
    reported_version: Mapped[str | None] = mapped_column(String(40))  # its program's version


class HqEnrolment(Base):
    """A one-time enrolment code (only its hash is kept) for one new counter of a dealer."""

    __tablename__ = "hq_enrolment"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by: Mapped[str | None] = mapped_column(String(36))
    # Set for a re-enrolment head office asked for: the code then works only for this counter.
    counter_id: Mapped[str | None] = mapped_column(String(36))


class SyncReceived(Base):
    """Every case file head office accepted, whole, in arrival order (``n`` is the pull cursor)."""

    __tablename__ = "sync_received"
    __table_args__ = (UniqueConstraint("counter_id", "sequence", name="uq_sync_received_counter_sequence"),)
    n: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    counter_id: Mapped[str] = mapped_column(String(36))
    sequence: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    dealer_id: Mapped[str] = mapped_column(String(36), index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    events: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)


class SyncReceivedCustomer(Base):
    """Which kept case file (``sync_received.n``) holds rows of which customer (a customer row, or a
    row pointing at one): a purge rewrites only the files of the customers it anonymised, never
    reading the dealer's other files. Written with each file kept (``services/privacy/kept_files.py``)."""

    __tablename__ = "sync_received_customer"
    customer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, primary_key=True)  # sync_received.n


class SyncPublished(Base):
    """Settings or a script pack head office published, for one dealer or (dealer_id NULL) all."""

    __tablename__ = "sync_published"
    n: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dealer_id: Mapped[str | None] = mapped_column(ForeignKey("dealer.id"))
    kind: Mapped[str] = mapped_column(String(16))  # settings | scripts
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)


class HqPublishedArrival(Base):
    """When a publication was first handed to a counter in answer to its sync (head office's window
    shows per dealer and counter when a pack or settings arrived)."""

    __tablename__ = "hq_published_arrival"
    counter_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, primary_key=True)  # sync_published.n
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SyncBlob(Base):
    """An attachment at head office, addressed by the SHA-256 of its bytes (stored once)."""

    __tablename__ = "sync_blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class HqBlobHolder(Base):
    """A dealer whose counters delivered an attachment's bytes (or head office imported them with its
    files): only that dealer's counters are handed them, and only its cases may name them."""

    __tablename__ = "hq_blob_holder"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    dealer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    since: Mapped[datetime] = mapped_column(UTCDateTime)


class HqFormMonth(Base, FailureCounts):
    """Head office's month sums of forms: per month, dealer and the forms' verification, how many
    forms, their total score, how many scored top marks, and how many are failures under each
    overall threshold a setting may choose (1-10). The import keeps them
    (app.services.network.month_sums.refresh), so the network page and report read three rows per
    dealer and month instead of every form; the counted condition applies to them unchanged, each
    failure count was taken with the counters' failure condition."""

    __tablename__ = "hq_form_month"
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # the first day of the month
    dealer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    verification: Mapped[str] = mapped_column(String(12), primary_key=True)
    forms: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    top: Mapped[int] = mapped_column(Integer)  # forms with the top score (6)
