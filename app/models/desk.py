"""Tables the advisor's desk adds: supervisor alerts, case attachments, the month sums of forms Today's trend reads."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, FailureCounts, UTCDateTime, id_column
from app.models.entities import FailureCase
from app.rules.fields import length


class Alert(Base):
    """Something a supervisor must see, e.g. a failure form; open until acknowledged."""

    __tablename__ = "alert"
    # One alert per form and kind (a failure form's alert id is derived from the form's id).
    __table_args__ = (Index("ix_alert_dealer_open", "dealer_id", "acknowledged_at"),
                      Index("uq_alert_form_kind", "form_id", "kind", unique=True))
    id: Mapped[str] = id_column()
    dealer_id: Mapped[str] = mapped_column(ForeignKey("dealer.id"))
    kind: Mapped[str] = mapped_column(String(32))  # failure_form
    form_id: Mapped[str | None] = mapped_column(ForeignKey("feedback_form.id"), index=True)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("failure_case.id"), index=True)  # a case's rows travel with it
    text: Mapped[str] = mapped_column(String(length("alert_text")), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str | None] = mapped_column(String(36))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(36))


class Attachment(Base):
    """A photo or document on a case; the file lives in the data dir under its SHA-256."""

    __tablename__ = "attachment"
    id: Mapped[str] = id_column()
    case_id: Mapped[str] = mapped_column(ForeignKey("failure_case.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(length("filename")))
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[str | None] = mapped_column(String(36))


class FormMonth(Base, FailureCounts):
    """The counter's month sums of forms, per dealer, month and the forms' verification: how many, their
    total score, and how many are failures under each overall threshold the setting allows (1-10), so
    Today's 12-month trend reads at most 36 rows whatever the settings say, not every form of the year.
    SQLite triggers on feedback_form change it for every update and delete of a form, whatever makes
    them; the two writers of new forms add theirs in the same transaction (app.services.glance.form_month).
    Head office (PostgreSQL) has no Today and no triggers: the table stays empty there."""

    __tablename__ = "form_month"
    # Re-homing a counter's rows (app.sync.connect) leaves it to the triggers, which move the forms' sums.
    __table_args__ = {"info": {"kept_by_triggers": True}}
    dealer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # the first day of the month
    verification: Mapped[str] = mapped_column(String(12), primary_key=True)
    forms: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)


# Finding a case by plate goes vehicle -> case; without this the search scans every case.
Index("ix_failure_case_vehicle_id", FailureCase.vehicle_id)
