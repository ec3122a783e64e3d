"""The counter's month sums of forms (form_month), kept by SQLite triggers on feedback_form.

Every write of a form is SQL on that one table, whatever makes it (entry and correction, verification,
the CSV and Excel imports, another counter's forms applied from a sync file, a privacy purge, the demo,
a deletion): the triggers change the sums in the same statement, so no writer can forget them and a
write rolled back takes its sums with it. A restored backup brings its own sums (an older one gets
them from migration 0022, as any store does).

The failure counts are app.services.figures' failure condition, compiled into the triggers once for
each threshold the setting allows. Changing that definition (or what a form's month and verification
are) needs a migration that calls ``install`` again: tests/unit/test_form_month.py checks a store's
triggers are the ones ``install`` writes now. SQLite drops a table's triggers with the table, so a
migration that rebuilds feedback_form (alembic's batch mode) must call ``install`` after it; the same
test catches one that doesn't.

Head office's PostgreSQL has no Today and no triggers: its form_month stays empty and nothing reads it
(app.services.glance.trend reads the forms there).
"""

from __future__ import annotations

from sqlalchemy import case, delete, func, insert, literal_column, select
from sqlalchemy.sql.util import ClauseAdapter

from app.models import FeedbackForm, FormMonth
from app.services.figures import failure_condition
from app.services.network.month_sums import THRESHOLDS

TRIGGERS = ("form_month_insert", "form_month_delete", "form_month_update")
# The columns a form's sums depend on: an update of any other column (a comment, a version) changes none.
_COUNTED_BY = ("dealer_id", "service_date", "verification", "score", "overall", "timeliness", "repair_quality",
               "attitude")
_FAILURES = [f"failures_{t}" for t in THRESHOLDS]
_COLUMNS = ["dealer_id", "month", "verification", "forms", "total", *_FAILURES]


def failures_column(overall_threshold: int):
    """The column counting failures under this threshold; None for a threshold the sums don't keep."""
    return getattr(FormMonth, f"failures_{overall_threshold}") if overall_threshold in THRESHOLDS else None


def _month(day):
    """The first day of the month of a stored date (SQLite keeps a Date as its ISO text)."""
    return func.date(day, literal_column("'start of month'"))


def _sql(clause, dialect) -> str:
    return str(clause.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def _add(row: str, sign: int, dialect) -> str:
    """The upsert adding (sign 1) or taking away (-1) the form ``row`` (NEW or OLD) to its month's sums."""
    form = FeedbackForm.__table__.alias(row)
    on_form = ClauseAdapter(form).traverse  # the failure condition, of NEW or OLD
    values = [form.c.dealer_id, _month(form.c.service_date), form.c.verification, literal_column(str(sign)),
              form.c.score if sign == 1 else -form.c.score,
              *(case((on_form(failure_condition(t)), sign), else_=0) for t in THRESHOLDS)]
    summed = ", ".join(f"{c} = {c} + excluded.{c}" for c in _COLUMNS[3:])
    return (f"INSERT INTO form_month ({', '.join(_COLUMNS)}) VALUES ({', '.join(_sql(v, dialect) for v in values)}) "
            f"ON CONFLICT (dealer_id, month, verification) DO UPDATE SET {summed};")


def trigger_sql(dialect) -> dict[str, str]:
    """The CREATE TRIGGER statement of each trigger, by name."""
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in _COUNTED_BY)
    return {
        "form_month_insert": f"CREATE TRIGGER form_month_insert AFTER INSERT ON feedback_form BEGIN "
                             f"{_add('new', 1, dialect)} END",
        "form_month_delete": f"CREATE TRIGGER form_month_delete AFTER DELETE ON feedback_form BEGIN "
                             f"{_add('old', -1, dialect)} END",
        "form_month_update": f"CREATE TRIGGER form_month_update AFTER UPDATE OF {', '.join(_COUNTED_BY)} "
                             f"ON feedback_form WHEN {changed} BEGIN "
                             f"{_add('old', -1, dialect)} {_add('new', 1, dialect)} END",
    }


def install(connection) -> None:
    """(Re)create the triggers and sum every form already stored (a migration's step; SQLite only)."""
    if connection.dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for sql in trigger_sql(connection.dialect).values():
        connection.exec_driver_sql(sql)
    F = FeedbackForm
    month = _month(F.service_date)
    sums = (select(F.dealer_id, month, F.verification, func.count(), func.sum(F.score),
                   *(func.sum(case((failure_condition(t), 1), else_=0)) for t in THRESHOLDS))
            .group_by(F.dealer_id, month, F.verification))
    connection.execute(delete(FormMonth))
    connection.execute(insert(FormMonth).from_select(_COLUMNS, sums))
