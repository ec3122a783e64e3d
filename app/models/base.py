"""Declarative base, naming conventions and the column types every model shares."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, Integer, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.foundation import clock

# Stable constraint names keep alembic's batch migrations on SQLite predictable.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in Python, naive UTC in the database (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


def utcnow() -> datetime:
    return clock.now()


def id_column(**kw):
    """A UUIDv7 text primary key (see app.foundation.ids.new_id)."""
    return mapped_column(String(36), primary_key=True, **kw)


class FailureCounts:
    """Month sums' failure counts, one column per overall threshold the setting allows (1-10): the
    counter's (form_month) and head office's (hq_form_month) sums keep the same ones."""

    failures_1: Mapped[int] = mapped_column(Integer)
    failures_2: Mapped[int] = mapped_column(Integer)
    failures_3: Mapped[int] = mapped_column(Integer)
    failures_4: Mapped[int] = mapped_column(Integer)
    failures_5: Mapped[int] = mapped_column(Integer)
    failures_6: Mapped[int] = mapped_column(Integer)
    failures_7: Mapped[int] = mapped_column(Integer)
    failures_8: Mapped[int] = mapped_column(Integer)
    failures_9: Mapped[int] = mapped_column(Integer)
    failures_10: Mapped[int] = mapped_column(Integer)
