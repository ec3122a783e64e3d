"""The counter's month sums of forms (form_month): SQLite triggers on feedback_form change them for every
update and delete of a form; the two writers of new forms add theirs, in bulk, in the same transaction.

An update or a delete may come from anywhere (a correction, a verification, a dispute resolved, a
pulled file's newer version, re-homing at enrolment, a deletion): the triggers change the sums in the
same statement, so no such writer can forget them, and a write rolled back takes its sums with it.
New forms come from two places only: ``store_forms`` (app.services.feedback.form_writer: the one writer
of typed, imported and demo forms) and a pulled file's apply (app.sync.apply); each takes
``newest_form`` before its insert and calls ``add_new`` after it. An insert trigger would do it for every writer but costs the import more than
the sums are worth: SQLite opens a statement journal for every row an insert trigger writes from
(the CSV import of 20,000 forms: +0.35 s, 1.19x; one sum of the new rows after the insert: +35 ms).
A restored backup brings its own sums (an older one gets them from migration 0022, as any store does).

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

from functools import cache

from sqlalchemy import case, delete, func, insert, literal_column, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql.util import ClauseAdapter

from app.models import FeedbackForm, FormMonth
from app.services.figures import failure_condition
from app.services.network.month_sums import THRESHOLDS

TRIGGERS = ("form_month_delete", "form_month_update")
_RETIRED = ("form_month_insert",)  # new forms are added by their writers (add_new): dropped wherever found
# The columns a form's sums depend on: an update of any other column (a comment, a version) changes none.
_COUNTED_BY = ("dealer_id", "service_date", "verification", "score", "overall", "timeliness", "repair_quality",
               "attitude")
_FAILURES = [f"failures_{t}" for t in THRESHOLDS]
_COLUMNS = ["dealer_id", "month", "verification", "forms", "total", *_FAILURES]
_ROWID = literal_column("feedback_form.rowid")


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


def _drop_emptied(dialect) -> str:
    """The sums the form OLD left with no form removed: a month, state or dealer a form left (a counter
    re-homed at enrolment moves every form off its first dealer) keeps no row of zeros."""
    form = FeedbackForm.__table__.alias("old")
    return (f"DELETE FROM form_month WHERE dealer_id = old.dealer_id AND month = "
            f"{_sql(_month(form.c.service_date), dialect)} AND verification = old.verification AND forms = 0;")


def trigger_sql(dialect) -> dict[str, str]:
    """The CREATE TRIGGER statement of each trigger, by name."""
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in _COUNTED_BY)
    return {
        "form_month_delete": f"CREATE TRIGGER form_month_delete AFTER DELETE ON feedback_form BEGIN "
                             f"{_add('old', -1, dialect)} {_drop_emptied(dialect)} END",
        "form_month_update": f"CREATE TRIGGER form_month_update AFTER UPDATE OF {', '.join(_COUNTED_BY)} "
                             f"ON feedback_form WHEN {changed} BEGIN "
                             f"{_add('old', -1, dialect)} {_add('new', 1, dialect)} {_drop_emptied(dialect)} END",
    }


def _sums(*where):
    """Each (dealer, month, verification)'s sums of the forms ``where`` selects, as form_month's columns."""
    F = FeedbackForm
    month = _month(F.service_date)
    return (select(F.dealer_id, month, F.verification, func.count(), func.sum(F.score),
                   *(func.sum(case((failure_condition(t), 1), else_=0)) for t in THRESHOLDS))
            .where(*where).group_by(F.dealer_id, month, F.verification))


def newest_form(session) -> int:
    """The largest rowid of feedback_form: taken before inserting new forms, for ``add_new``."""
    if session.get_bind().dialect.name != "sqlite":
        return 0
    return session.connection().exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM feedback_form").scalar()


def new_sums(after_rowid, last_rowid):
    """The sums of the forms with a rowid in (after_rowid, last_rowid]: with both bounds SQLite reads
    that range of the table (with the lower alone it chose to scan the whole covering index)."""
    return _sums(_ROWID > after_rowid, _ROWID <= last_rowid)


@cache
def _add_new_sql(dialect) -> str:
    """add_new's statement, compiled once: built by SQLAlchemy at each call, it cost 2.3 ms (0.04 ms to run)."""
    q = sqlite_insert(FormMonth).from_select(_COLUMNS, new_sums(literal_column(":after"), literal_column(":last")))
    q = q.on_conflict_do_update(index_elements=_COLUMNS[:3],
                                set_={c: getattr(FormMonth, c) + q.excluded[c] for c in _COLUMNS[3:]})
    return _sql(q, dialect)


def add_new(session, after_rowid: int) -> None:
    """Add the sums of the forms inserted since ``newest_form`` gave ``after_rowid`` (in the writer's
    transaction, after its insert): one statement whatever their number. SQLite gives each new row the
    rowid after the largest, so they are a range of the table read in order (a lookup by each new id
    cost 2.7 times as much). SQLite only, as the triggers."""
    if session.get_bind().dialect.name != "sqlite":
        return
    last = newest_form(session)
    if last > after_rowid:
        connection = session.connection()
        connection.exec_driver_sql(_add_new_sql(connection.dialect), {"after": after_rowid, "last": last})


def install(connection) -> None:
    """(Re)create the triggers and sum every form already stored (a migration's step; SQLite only)."""
    if connection.dialect.name != "sqlite":
        return
    for name in (*TRIGGERS, *_RETIRED):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for sql in trigger_sql(connection.dialect).values():
        connection.exec_driver_sql(sql)
    connection.execute(delete(FormMonth))
    connection.execute(insert(FormMonth).from_select(_COLUMNS, _sums()))
