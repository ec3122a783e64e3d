"""Changes refused one by one: at head office (what a counter sent that it may not store) and at a
counter (what head office refused of its changes, a sync problem until head office accepts them)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime


class HqRefusal(Base):
    """One change (or a whole file) head office refused from an enrolled counter, with the reason."""

    __tablename__ = "hq_refusal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    counter_id: Mapped[str] = mapped_column(String(36), index=True)
    dealer_id: Mapped[str] = mapped_column(String(36), index=True)  # the counter's enrolled dealer
    sequence: Mapped[int] = mapped_column(Integer)
    received_n: Mapped[int | None] = mapped_column(Integer, index=True)  # None: the whole file was refused
    entity_type: Mapped[str] = mapped_column(String(16), default="")  # case | form | "" (a record or the file)
    entity_id: Mapped[str] = mapped_column(String(36), default="")
    record_table: Mapped[str] = mapped_column(String(32), default="")
    record_id: Mapped[str] = mapped_column(String(36), default="")
    code: Mapped[str] = mapped_column(String(32))
    reason: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"text": English source, "params": {...}}
    event_ids: Mapped[list[str]] = mapped_column(JSON)
    refused_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SyncRefused(Base):
    """A change of this counter head office refused (its acknowledgement said so): listed in Sync
    problems until head office accepts it in a later file (app.sync.refused), never dropped."""

    __tablename__ = "sync_refused"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    file_seq: Mapped[int] = mapped_column(Integer)
    entity_type: Mapped[str] = mapped_column(String(16), default="")
    entity_id: Mapped[str] = mapped_column(String(36), default="")
    record_table: Mapped[str] = mapped_column(String(32), default="")
    record_id: Mapped[str] = mapped_column(String(36), default="")
    code: Mapped[str] = mapped_column(String(32))
    # JSON {"code", "text", "params"} as for refused files, and "times": how often it was refused
    reason: Mapped[str] = mapped_column(Text)
    event_ids: Mapped[list[str]] = mapped_column(JSON)
    refused_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the latest refusal
    # When head office accepted the change in a later file; None while it is a sync problem. (The
    # column keeps its first name: it once closed when the change was sent again, accepted or not.)
    settled_at: Mapped[datetime | None] = mapped_column("resent_at", UTCDateTime, index=True)
