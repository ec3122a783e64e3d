"""Tables of service recovery: remedies offered, callbacks scheduled, verification calls made.

Their history is in Event under the case (or form) they belong to; these rows hold current state.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, id_column


class Remedy(Base):
    """A remedy (补偿) proposed for a case; above the proposer's authority it waits for approval."""

    __tablename__ = "remedy"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        Index("ix_remedy_status", "status", "proposed_at"),
    )
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = mapped_column(ForeignKey("failure_case.id"), index=True)
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"))
    kind: Mapped[str] = mapped_column(String(20))  # vocab.RemedyKind
    amount: Mapped[int] = mapped_column(Integer)  # value in whole yuan
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20))  # vocab.RemedyStatus
    proposed_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    agreed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Callback(Base):
    """The follow-up call (三日回访) after a remedy is agreed; one per case at a time."""

    __tablename__ = "callback"
    __table_args__ = (
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 10", name="rating_range"),
        Index("ix_callback_state_due", "state", "due_at"),
        Index("ix_callback_due", "due_at"),  # head office: callbacks due in a month, every dealer
        # Today: the dealer's callbacks still to make, by due time. Partial, so the callbacks made
        # (nearly all of them, after a while) are not in it. With the case and the state, the count of
        # those due and the overdue rule's late callbacks read no callback's row (migration 0023).
        Index("ix_callback_dealer_due_open", "dealer_id", "due_at", "case_id", "state",
              sqlite_where=text("state != 'reached'")),
        # On PostgreSQL the same predicate, made by migration 0023: a postgresql_where here would make
        # SQLAlchemy load its PostgreSQL dialect in every desk at start (~20 ms), only to check the name.
    )
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = mapped_column(ForeignKey("failure_case.id"), index=True)
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"))
    state: Mapped[str] = mapped_column(String(12))  # vocab.CallbackState
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    not_reached: Mapped[int] = mapped_column(SmallInteger, default=0)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    words: Mapped[str] = mapped_column(Text, default="")
    reached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reached_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))


class VerificationCall(Base):
    """A supervisor's spot-check call (核实) about one feedback form."""

    __tablename__ = "verification_call"
    __table_args__ = (Index("ix_verification_call_dealer_drawn", "dealer_id", "drawn_at"),)
    id: Mapped[str] = id_column()
    form_id: Mapped[str] = mapped_column(ForeignKey("feedback_form.id"), index=True)
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"))
    drawn_at: Mapped[datetime] = mapped_column(UTCDateTime)
    drawn_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
    outcome: Mapped[str] = mapped_column(String(12), default="pending")  # pending | confirmed | disputed
    note: Mapped[str] = mapped_column(Text, default="")
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    called_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
