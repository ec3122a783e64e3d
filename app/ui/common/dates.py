"""Dates and times as the desk shows them: ISO-like order, the year only when it isn't this year."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import QDateEdit, QWidget

from app.foundation import clock


def _this_year(today: date | None) -> int:
    return (today or clock.today()).year


def short_date(d: date, locale: QLocale, today: date | None = None) -> str:
    """``11-30`` this year, ``2025-11-30`` for another year (so last year's case can't pass for this year's)."""
    fmt = "MM-dd" if d.year == _this_year(today) else "yyyy-MM-dd"
    return locale.toString(QDate(d.year, d.month, d.day), fmt)


def short_when(dt: datetime, locale: QLocale, today: date | None = None) -> str:
    """Local time of ``dt``: ``11-30 14:05`` this year, ``2025-11-30 14:05`` for another year."""
    local = dt.astimezone()
    fmt = "MM-dd HH:mm" if local.year == _this_year(today) else "yyyy-MM-dd HH:mm"
    q = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))
    return locale.toString(q, fmt)


def qdate_today() -> QDate:
    """Today as a QDate, from the program's clock (Qt's own reads the wall clock)."""
    t = clock.today()
    return QDate(t.year, t.month, t.day)


class DateField(QDateEdit):
    """A date edit that is one Tab stop: Tab leaves it (Qt's moves from year to month to day first, so
    a name typed after two Tabs landed in the date). Left and Right still move between its parts."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        return QWidget.focusNextPrevChild(self, next)
