"""Which head-office writes wait for which on PostgreSQL: files of one dealer commit in arrival order,
files of different dealers never wait for each other (SQLite has one writer at a time anyway)."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import func, literal, text

from app.models.bulk import prepared

# The first key of the two-key advisory locks, so these never meet another program's locks.
_DEALER, _COUNTER, _ALONE = 4242, 4243, 4244


def hold_dealer(s, dealer_id: str) -> None:
    """Until the transaction ends: the one writer of arrival numbers (``sync_received.n``) for this dealer.

    A counter pulls its dealer's files "after n": if two files of one dealer could commit out of the
    order of their numbers, a pull between the two commits would move its cursor past the late one
    and never see it. Taken before the file's row is inserted (which draws its number), held to the
    commit, so each dealer's numbers commit in order. Counters only ever pull their own dealer's
    files, so one dealer's imports don't order another's."""
    _hold(s, _DEALER, dealer_id)


def dealer_held(dealer_id):
    """hold_dealer's lock as an expression (PostgreSQL), for a statement that takes it with other work:
    evaluated, it holds the lock to the transaction's end as hold_dealer does."""
    return func.pg_advisory_xact_lock(literal(_DEALER), func.hashtext(dealer_id))


def hold_counter(s, counter_id: str) -> None:
    """Until the transaction ends: the one writer of this counter's next sequence number (head
    office's own counter numbers its resolutions from the highest so far)."""
    _hold(s, _COUNTER, counter_id)


def _hold(s, kind: int, key: str) -> None:
    if s.bind.dialect.name == "postgresql":
        # Handed to the driver as its text (app.models.bulk.prepared): the lock is taken for every file.
        prepared(s, "hq.hold", lambda pg: text("SELECT pg_advisory_xact_lock(:kind, hashtext(:key))"),
                 {"kind": kind, "key": key})


def retryable(exc: BaseException) -> bool:
    """A fault another writer caused that the same transaction, run again, gets past: SQLite busy,
    a PostgreSQL deadlock or serialization failure (the database chose this transaction to undo)."""
    orig = getattr(exc, "orig", exc)
    return "locked" in str(exc) or getattr(orig, "sqlstate", None) in ("40P01", "40001")


@contextmanager
def alone(db, key: str):
    """Yields whether no other process does ``key`` now (PostgreSQL: a session lock, tried, never
    waited for; SQLite: one process, always True). The workers of one host starting together
    recover their inbox once, not each."""
    if db.engine.dialect.name != "postgresql":
        yield True
        return
    with db.engine.connect() as c:
        got = c.scalar(text("SELECT pg_try_advisory_lock(:kind, hashtext(:key))"), {"kind": _ALONE, "key": key})
        c.commit()
        try:
            yield bool(got)
        finally:
            if got:
                c.execute(text("SELECT pg_advisory_unlock(:kind, hashtext(:key))"), {"kind": _ALONE, "key": key})
                c.commit()
