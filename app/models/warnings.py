"""Early warnings a store worked out from its dealer's history, and their acknowledgement."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, id_column
from app.rules.fields import length


class EarlyWarning(Base):
    """A figure of a series (its failure share, or an advisor's item's grades) that crossed its limit. Every store derives the same warning under the same id
    from the same forms; it belongs to the newest failing form (or case, for a cause) behind it, so
    its acknowledgement travels as a change of that form, as an alert's does."""

    __tablename__ = "early_warning"
    __table_args__ = (Index("ix_early_warning_dealer_open", "dealer_id", "acknowledged_at"),)
    id: Mapped[str] = id_column()
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"))
    kind: Mapped[str] = mapped_column(String(16))  # advisor | item | cause | work_type
    subject: Mapped[str] = mapped_column(String(length("warning_subject")))
    item: Mapped[str | None] = mapped_column(String(16))
    since: Mapped[date] = mapped_column(Date)
    fired_on: Mapped[date] = mapped_column(Date)
    baseline: Mapped[float] = mapped_column(Float)
    limit_value: Mapped[float] = mapped_column(Float)
    forms: Mapped[int] = mapped_column(Integer)
    failures: Mapped[int] = mapped_column(Integer)
    repair_orders: Mapped[list] = mapped_column(JSON)  # the failing ones behind it (case numbers for a cause)
    # What crossed: "share" (D or E, or the failure rule) or "grades" (an advisor's item on A-E); for
    # grades {"since": {grade: count since `since`}, "usual": {grade: usual share}}, else None
    figure: Mapped[str] = mapped_column(String(8), default="share", server_default="share")
    grades: Mapped[dict | None] = mapped_column(JSON)
    form_id: Mapped[str | None] = mapped_column(ForeignKey("feedback_form.id"), index=True)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("failure_case.id"), index=True)  # a case's rows travel with it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(36))
    note: Mapped[str] = mapped_column(String(length("warning_note")), default="")


class ImprovementAction(Base):
    """What a dealer will change so that a root cause stops recurring: raised from a closed case, with
    an owner, a due date and the figure it should move (a failure share of one series the warnings
    watch). A child of its case: raising and completing it are changes of the case, so they travel."""

    __tablename__ = "improvement_action"
    __table_args__ = (Index("ix_improvement_action_dealer_done", "dealer_id", "done_at"),)
    id: Mapped[str] = id_column()
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"))
    case_id: Mapped[str] = mapped_column(ForeignKey("failure_case.id"), index=True)
    title: Mapped[str] = mapped_column(String(length("improvement_title")))
    owner_id: Mapped[str | None] = mapped_column(String(36))
    due_on: Mapped[date] = mapped_column(Date)
    figure_kind: Mapped[str] = mapped_column(String(16))  # cause | item (a series of app/services/predict/history.py)
    figure_subject: Mapped[str] = mapped_column(String(length("warning_subject")))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str | None] = mapped_column(String(36))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by: Mapped[str | None] = mapped_column(String(36))
    done_note: Mapped[str] = mapped_column(String(length("warning_note")), default="")


class NetworkImprovement(Base):
    """One dealer's share of an improvement action head office raised for several dealers sharing a
    cause: the same title, figure and due date under ``network_id``, owned by a role or a person at the
    dealer. An aggregate of its own (events of entity type "improvement"): head office's raising travels
    to that dealer's counters alone, as its other decisions do, and a counter's completion travels back."""

    __tablename__ = "network_improvement"
    __table_args__ = (Index("ix_network_improvement_dealer_done", "dealer_id", "done_at"),)
    id: Mapped[str] = id_column()
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"))
    network_id: Mapped[str] = mapped_column(String(36), index=True)  # the one action, shared by its dealers
    title: Mapped[str] = mapped_column(String(length("improvement_title")))
    owner_role: Mapped[str | None] = mapped_column(String(16))  # vocab.Role, when no one person owns it
    owner_id: Mapped[str | None] = mapped_column(String(36))
    due_on: Mapped[date] = mapped_column(Date)
    figure_kind: Mapped[str] = mapped_column(String(16))  # cause | item, as improvement_action's
    figure_subject: Mapped[str] = mapped_column(String(length("warning_subject")))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by: Mapped[str | None] = mapped_column(String(36))
    done_note: Mapped[str] = mapped_column(String(length("warning_note")), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
