"""Wrong PINs in a row, kept in the store per person: the wait they cause, its lifting, and their events.

Kept in the store (``store_meta``, this counter's own table), not in memory: closing and opening the
program, or a second window on the same store, finds the same count and the same wait. The waits are
``app.rules.lockout``'s; the time is the program's clock. The count and the wait stay on this counter;
every lockout and every lifting is an event of the counter's audit trail (``app.services.audit``), which
travels to head office: who was locked out, and who lifted it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.foundation.errors import RecoveryDeskError
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import StoreMeta, User, utcnow
from app.rules.lockout import FREE_TRIES, wait_after
from app.rules.vocab import Role
from app.services.audit import trail
from app.services.changes import USERS, announces
from app.services.uow import UnitOfWork

CTX = "Errors"
_KEY = "sign_in_failures:"  # + the user's id


class SignInLocked(RecoveryDeskError):
    """Too many wrong PINs in a row: the next try waits. ``until`` is when it may be made."""

    text = QT_TRANSLATE_NOOP("Errors", "Too many wrong PINs in a row for {username}: the next try has to wait "
                             "{seconds} s (until {until}). An administrator can lift the wait under Settings.")

    def __init__(self, *, username: str, until: datetime, now: datetime) -> None:
        self.until = until
        seconds = max(1, int((until - now).total_seconds() + 0.999))
        super().__init__(username=username, seconds=seconds, until=until.astimezone().strftime("%H:%M:%S"))


@dataclass(frozen=True)
class Failures:
    count: int
    until: datetime | None  # when the next try may be made; None: no wait

    def waiting(self, now: datetime) -> bool:
        return self.until is not None and now < self.until


def _read(session, user_id: str) -> Failures:
    row = session.get(StoreMeta, _KEY + user_id)
    if row is None:
        return Failures(0, None)
    try:
        data = json.loads(row.value)
        until = datetime.fromisoformat(data["until"]) if data.get("until") else None
        return Failures(int(data.get("count", 0)), until)
    except (ValueError, TypeError, KeyError):
        return Failures(FREE_TRIES, None)  # a damaged count never frees a guesser: the next wrong PIN waits


def _write(session, user_id: str, f: Failures) -> None:
    value = json.dumps({"count": f.count, "until": f.until.isoformat() if f.until else None})
    row = session.get(StoreMeta, _KEY + user_id)
    if row is None:
        session.add(StoreMeta(key=_KEY + user_id, value=value))
    else:
        row.value = value


def refuse_if_waiting(store, user_id: str, username: str) -> None:
    """SignInLocked while ``user_id``'s wait runs (checked before the PIN: a guess during the wait
    is not even tried)."""
    now = utcnow()
    with store.session() as s:
        f = _read(s, user_id)
    if f.waiting(now):
        raise SignInLocked(username=username, until=f.until, now=now)


def record_failure(store, user_id: str, username: str) -> Failures:
    """One more wrong PIN; from the FREE_TRIES-th on the next try waits, and the lockout is an event."""
    now = utcnow()
    with UnitOfWork(store, None, write=True) as uow:
        s = uow.session
        f = _read(s, user_id)
        count = f.count + 1
        wait = wait_after(count)
        f = Failures(count, now + wait if wait else None)
        _write(s, user_id, f)
        if wait:  # who: the person whose name the wrong PINs were typed under
            trail.record(s, store.identity, "user.locked_out",
                         {"user_id": user_id, "name": username, "failures": count,
                          "wait_s": int(wait.total_seconds()), "until": f.until.isoformat()}, actor_id=user_id)
        uow.commit()
    return f


def record_success(store, user_id: str) -> None:
    """The right PIN outside a wait: the count starts again."""
    with store.session() as s, s.begin():
        row = s.get(StoreMeta, _KEY + user_id)
        if row is not None:
            s.delete(row)


def waits(store) -> dict[str, Failures]:
    """user id -> wrong PINs in a row, for everyone who has any (the users list shows who waits)."""
    with store.session() as s:
        rows = s.scalars(select(StoreMeta).where(StoreMeta.key.startswith(_KEY)))
        return {r.key[len(_KEY):]: _read(s, r.key[len(_KEY):]) for r in rows}


@announces(USERS)
def lift(store, user_id: str, *, actor_id: str) -> None:
    """An administrator lifts someone's wait and count (after checking it is them at the counter)."""
    from app.services.cases.case_log import NotAllowed, stored_role

    with UnitOfWork(store, actor_id, write=True) as uow:
        s = uow.session
        if stored_role(s, actor_id) is not Role.ADMIN:
            raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors", "only an administrator lifts a sign-in wait"))
        user = s.get(User, user_id)
        row = s.get(StoreMeta, _KEY + user_id)
        if user is None or row is None:
            return
        f = _read(s, user_id)
        s.delete(row)
        trail.record(s, store.identity, "user.lockout_lifted",
                     {"user_id": user_id, "username": user.username, "failures": f.count}, actor_id=actor_id)
        uow.commit()
