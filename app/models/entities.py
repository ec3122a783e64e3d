"""The store's tables: who (dealer, user, customer, vehicle), what (repair order, feedback form,
failure case) and the append-only history of every change (event)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (JSON, Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, SmallInteger,
                        String, Text, UniqueConstraint, false, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, id_column
from app.rules.fields import length


class StoreMeta(Base):
    """Facts about this store: its own id (the counter's identity), home dealer, sequences."""

    __tablename__ = "store_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SettingValue(Base):
    """A stored override of a setting declared in app.rules.settings_catalogue; absent means the default."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(16), default="local")  # local | hq
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str | None] = mapped_column(String(36))


class Dealer(Base):
    __tablename__ = "dealer"
    id: Mapped[str] = id_column()
    code: Mapped[str] = mapped_column(String(length("dealer_code")), unique=True)
    name: Mapped[str] = mapped_column(String(length("dealer_name")))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class User(Base):
    __tablename__ = "app_user"
    __table_args__ = (UniqueConstraint("dealer_id", "username"),)
    id: Mapped[str] = id_column()
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"))
    username: Mapped[str] = mapped_column(String(length("username")))
    display_name: Mapped[str] = mapped_column(String(length("display_name")))
    role: Mapped[str] = mapped_column(String(16))  # vocab.Role
    # scrypt hash; None for people known only from imported forms, who can't sign in yet.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The person's version: the seq of their last event (0: known only from forms, no change yet).
    # People are the dealer's: every counter takes a newer version, two edits of one version conflict.
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Customer(Base):
    __tablename__ = "customer"
    id: Mapped[str] = id_column()
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"), index=True)
    name: Mapped[str] = mapped_column(String(length("customer_name")), index=True)
    phone: Mapped[str] = mapped_column(String(length("phone")), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    vehicles: Mapped[list["Vehicle"]] = relationship(back_populates="customer")


class Vehicle(Base):
    __tablename__ = "vehicle"
    id: Mapped[str] = id_column()
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), index=True)
    plate: Mapped[str] = mapped_column(String(length("plate")), index=True)
    vin: Mapped[str | None] = mapped_column(String(length("vin")))
    model: Mapped[str | None] = mapped_column(String(length("model")))
    customer: Mapped[Customer] = relationship(back_populates="vehicles")


class RepairOrder(Base):
    """工单: the job a visit opened. Made by a form, a complaint or the dealer's management system (DMS);
    the DMS's times and figures are filled when its orders are imported. Its changes are events
    (entity type "order"), so it travels like a form."""

    __tablename__ = "repair_order"
    __table_args__ = (
        UniqueConstraint("dealer_id", "number"),
        CheckConstraint("amount_cents IS NULL OR amount_cents >= 0", name="amount_not_negative"),
        CheckConstraint("mileage IS NULL OR mileage >= 0", name="mileage_not_negative"),
        # the day's calls and the month's call figures: with the id and the reached mark, a due order's
        # form and reached call are checked and the reached ones counted from the index alone
        Index("ix_repair_order_dealer_delivered", "dealer_id", "delivered_at", "id", "call_reached"),
        Index("ix_repair_order_vehicle_opened", "vehicle_id", "opened_at"),  # comebacks
    )
    id: Mapped[str] = id_column()
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"))
    number: Mapped[str] = mapped_column(String(length("repair_order")))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), index=True)
    vehicle_id: Mapped[str | None] = mapped_column(ForeignKey("vehicle.id"))
    advisor_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
    opened_on: Mapped[date] = mapped_column(Date)
    # The DMS's local times, stored in UTC as every time is; None on an order only a form or a complaint made.
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    promised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    work_type: Mapped[str | None] = mapped_column(String(length("work_type")))  # rules.work_types
    amount_cents: Mapped[int | None] = mapped_column(Integer)  # 分
    mileage: Mapped[int | None] = mapped_column(Integer)  # km
    source: Mapped[str | None] = mapped_column(String(16))  # import | counter | demo; None: made by a form or case
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The order has a reached 3-day call among its events (app.services.orders.call_log.mark_reached, the
    # one definition): kept by each database from its own events, never carried in a case file.
    call_reached: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class FeedbackForm(Base):
    """意见反馈表: one per repair order. ``score`` is stored so the month sums in the database."""

    __tablename__ = "feedback_form"
    __table_args__ = (
        CheckConstraint("timeliness IN ('A','B','C','D','E')", name="timeliness_grade"),
        CheckConstraint("repair_quality IN ('A','B','C','D','E')", name="repair_quality_grade"),
        CheckConstraint("attitude IN ('A','B','C','D','E')", name="attitude_grade"),
        CheckConstraint("score BETWEEN -6 AND 6", name="score_range"),
        CheckConstraint("overall IS NULL OR overall BETWEEN 1 AND 10", name="overall_range"),
        CheckConstraint("verification IN ('unverified','verified','disputed')", name="verification_state"),
        # Covering the month's figures (app.services.assessment) and Today's failure forms: the
        # database sums from the index without visiting the forms' rows.
        Index("ix_feedback_form_dealer_date_grades", "dealer_id", "service_date", "verification", "score", "overall",
              "timeliness", "repair_quality", "attitude"),
        Index("ix_feedback_form_advisor_date", "advisor_id", "service_date"),
    )
    id: Mapped[str] = id_column()
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"))
    repair_order_id: Mapped[str] = mapped_column(ForeignKey("repair_order.id"), unique=True)
    advisor_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
    service_date: Mapped[date] = mapped_column(Date)
    timeliness: Mapped[str] = mapped_column(String(1))
    repair_quality: Mapped[str] = mapped_column(String(1))
    attitude: Mapped[str] = mapped_column(String(1))
    score: Mapped[int] = mapped_column(SmallInteger)
    overall: Mapped[int | None] = mapped_column(SmallInteger)
    verification: Mapped[str] = mapped_column(String(12), default="unverified")
    comment: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16))  # counter | import | sync
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))


class FailureCase(Base):
    """A service failure (服务失败) and its recovery. Current state only; history is in Event."""

    __tablename__ = "failure_case"
    __table_args__ = (
        Index("ix_failure_case_dealer_opened", "dealer_id", "opened_at"),
        Index("ix_failure_case_opened", "opened_at"),  # head office's case list across dealers, newest first
        Index("ix_failure_case_status_opened", "status", "opened_at"),
        Index("ix_failure_case_closed", "closed_at"),  # head office: recovery judged over a month's closed cases
        # Today: cases waiting for a first response, oldest first.
        Index("ix_failure_case_dealer_status_response", "dealer_id", "status", "first_response_at", "opened_at"),
    )
    id: Mapped[str] = id_column()
    # Unique per (dealer, counter tag) by construction, not by a constraint: a number an older
    # counter minted twice must never make head office refuse a file (see app.hq.counters).
    number: Mapped[str] = mapped_column(String(40), index=True)
    # The number the case had before enrolment renumbered it (LOCAL-...); still searchable.
    former_number: Mapped[str | None] = mapped_column(String(40), index=True)
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), index=True)
    vehicle_id: Mapped[str | None] = mapped_column(ForeignKey("vehicle.id"))
    repair_order_id: Mapped[str | None] = mapped_column(ForeignKey("repair_order.id"))
    form_id: Mapped[str | None] = mapped_column(ForeignKey("feedback_form.id"), index=True)
    channel: Mapped[str] = mapped_column(String(24))
    customer_words: Mapped[str] = mapped_column(Text, default="")
    mood: Mapped[str | None] = mapped_column(String(16))
    failure_type: Mapped[str] = mapped_column(String(16))
    cause_group: Mapped[str] = mapped_column(String(16))
    blame: Mapped[str] = mapped_column(String(16), default="unknown")
    severity: Mapped[str] = mapped_column(String(16))
    severity_reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recovered: Mapped[bool | None] = mapped_column(Boolean)
    root_cause: Mapped[str] = mapped_column(Text, default="")
    improvement: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Event(Base):
    """Append-only history: one row per change to a case or form, never updated or deleted.

    ``seq`` numbers an entity's changes 1, 2, 3...; a change made on top of version n has seq n+1,
    which is how head office tells an edit from a conflict. ``origin`` is the store (counter) that
    made it.
    """

    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("entity_type", "entity_id", "seq", name="uq_event_entity_seq"),
        Index("ix_event_entity", "entity_id", "seq"),
        Index("ix_event_occurred", "occurred_at"),  # the audit view, newest first
        # A supervisor's notices: the dealer's escalations of the last weeks (migration 0024).
        # On PostgreSQL the same predicate, made by migration 0024 (why not named here: Callback's partial index).
        Index("ix_event_escalated", "occurred_at", sqlite_where=text("kind = 'case.escalated'")),
    )
    id: Mapped[str] = id_column()
    entity_type: Mapped[str] = mapped_column(String(16))  # case | form | order
    entity_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON)
    actor_id: Mapped[str | None] = mapped_column(String(36))
    dealer_id: Mapped[str] = mapped_column(String(36))
    origin: Mapped[str] = mapped_column(String(36))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
