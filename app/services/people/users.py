"""The dealer's people who sign in at its counters: the first start creates the admin; PINs as scrypt hashes;
every change to a person an event on their history, which travels to every counter of the dealer."""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.foundation.errors import InvalidInput, RecoveryDeskError
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import fields
from app.foundation import signing
from app.foundation.ids import new_id
from app.models import User, utcnow
from app.rules.vocab import Role
from app.services.people import lockouts
from app.services.changes import USERS, announces
from app.services.uow import UnitOfWork

CTX = "Errors"
# scrypt cost: ~50 ms per check on a counter PC, slow enough to make guessing a stolen store costly.
N, R, P = 2 ** 14, 8, 1
MIN_SECRET = 4

class SignInFailed(RecoveryDeskError):
    text = QT_TRANSLATE_NOOP("Errors", "Wrong user name or PIN. Check both and try again.")


@dataclass(frozen=True)
class SignedIn:
    user_id: str
    username: str
    display_name: str
    role: str
    dealer_id: str

    @property
    def is_supervisor(self) -> bool:
        return self.role in (Role.SUPERVISOR.value, Role.ADMIN.value)


@dataclass(frozen=True)
class UserInfo:
    user_id: str
    username: str
    display_name: str
    role: str
    can_sign_in: bool
    active: bool = True
    waits_until: datetime | None = None  # after too many wrong PINs (an administrator can lift it)


def hash_secret(secret: str, *, salt: bytes | None = None, n: int = N, r: int = R, p: int = P) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${n}${r}${p}${b64(salt)}${b64(digest)}"


def check_secret(secret: str, stored: str | None) -> bool:
    if not stored or not stored.startswith("scrypt$"):
        return False
    try:
        _, n, r, p, salt, digest = stored.split("$")
        want = base64.b64decode(digest)
        got = hashlib.scrypt(secret.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(want))
    except (ValueError, TypeError):
        return False
    return signing.same(got, want)


def _validate(username: str, display_name: str, secret: str, role: str) -> None:
    if not username.strip():
        raise InvalidInput(field="username", problem=QT_TRANSLATE_NOOP("Errors", "required"))
    if not display_name.strip():
        raise InvalidInput(field="display_name", problem=QT_TRANSLATE_NOOP("Errors", "required"))
    fields.check("username", username.strip())
    fields.check("display_name", display_name.strip())
    if len(secret) < MIN_SECRET:
        raise InvalidInput(field="pin", problem=QT_TRANSLATE_NOOP("Errors", "use at least 4 characters"))
    try:
        Role(role)
    except ValueError:
        raise InvalidInput(field="role", problem=QT_TRANSLATE_NOOP("Errors", "not one of the offered choices")) from None


def needs_first_admin(store) -> bool:
    """True until someone who can sign in exists (people known only from imported forms can't)."""
    with store.session() as s:
        return not s.scalar(select(func.count()).select_from(User).where(User.password_hash.is_not(None)))


def _changed(uow, user: User, kind: str, payload: dict) -> None:
    """One change to a person: an event on their history (who, when; never a PIN or its hash) and
    their version moved to it, so it travels to head office and every counter of the dealer."""
    ev = uow.record("user", user.id, kind, {"username": user.username, **payload}, user.dealer_id,
                    seq=(user.version or 0) + 1)
    user.version = ev.seq


@announces(USERS)
def create_user(store, username: str, display_name: str, secret: str, role: str, *,
                actor_id: str | None = None) -> SignedIn:
    """Add a user who can sign in, or give a PIN to someone known only by name from forms."""
    _validate(username, display_name, secret, role)
    with UnitOfWork(store, actor_id, write=True) as uow:
        s = uow.session
        if actor_id is not None:  # the first administrator has nobody to be checked against
            _admin(s, actor_id)
        dealer_id = store.identity.home_dealer_id
        user = s.scalar(select(User).where(User.dealer_id == dealer_id, User.username == username.strip()))
        if user is not None and user.password_hash:
            raise InvalidInput(field="username", problem=QT_TRANSLATE_NOOP("Errors", "this user name is taken; choose another"))
        if user is None:
            user = User(id=new_id(), dealer_id=dealer_id, username=username.strip(), created_at=utcnow(), active=True,
                        version=0)
            s.add(user)
        user.display_name, user.role = display_name.strip(), role
        user.password_hash = hash_secret(secret)
        s.flush()
        _changed(uow, user, "user.added", {"display_name": user.display_name, "role": role})
        uow.commit()
        return SignedIn(user.id, user.username, user.display_name, user.role, user.dealer_id)


@announces(USERS)
def create_first_admin(store, username: str, display_name: str, secret: str) -> SignedIn:
    if not needs_first_admin(store):
        raise InvalidInput(field="username", problem=QT_TRANSLATE_NOOP("Errors", "an administrator already exists; sign in"))
    return create_user(store, username, display_name, secret, Role.ADMIN.value)


def sign_in(store, username: str, secret: str) -> SignedIn:
    """The person whose PIN this is; SignInFailed for a wrong name or PIN; SignInLocked while the wait
    after too many wrong PINs in a row runs (app.services.people.lockouts: kept in the store, so a restart
    doesn't end it)."""
    with store.session() as s:
        user = s.scalar(select(User).where(User.username == username.strip(), User.active.is_(True),
                                           User.password_hash.is_not(None)))
        stored = user.password_hash if user else None
    if user is not None:
        lockouts.refuse_if_waiting(store, user.id, user.display_name)
    # Hash even for an unknown name, so timing doesn't tell which names exist.
    ok = check_secret(secret, stored or hash_secret("x", n=N))
    if user is None:
        raise SignInFailed()
    if not ok:
        if lockouts.record_failure(store, user.id, user.display_name).until is not None:
            lockouts.refuse_if_waiting(store, user.id, user.display_name)  # the wait starts now: say so
        raise SignInFailed()
    lockouts.record_success(store, user.id)
    return SignedIn(user.id, user.username, user.display_name, user.role, user.dealer_id)


def list_users(store) -> list[UserInfo]:
    now, waits = utcnow(), lockouts.waits(store)
    with store.session() as s:
        rows = s.scalars(select(User).where(User.dealer_id == store.identity.home_dealer_id)
                         .order_by(User.display_name))
        out = []
        for u in rows:
            f = waits.get(u.id)
            out.append(UserInfo(u.id, u.username, u.display_name, u.role, u.password_hash is not None, u.active,
                                f.until if f is not None and f.waiting(now) else None))
        return out


def _admin(s, actor_id: str) -> None:
    """Only an active administrator manages the counter's people; checked here, not only in the UI.
    A person deactivated meanwhile gets AccountInactive, like on any case command (the desk locks)."""
    from app.services.cases.case_log import NotAllowed, stored_role

    if stored_role(s, actor_id) is not Role.ADMIN:
        raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors", "only an administrator manages the users of this counter"))


def _person(s, store, user_id: str) -> User:
    user = s.get(User, user_id)
    if user is None or user.dealer_id != store.identity.home_dealer_id:
        from app.foundation.errors import NotFound

        raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "user"), key=user_id)
    return user


@announces(USERS)
def set_active(store, user_id: str, active: bool, *, actor_id: str) -> UserInfo:
    """Deactivate someone who left (they can no longer sign in; what they did keeps their name), or
    take them back. Nobody deactivates themselves, so an active administrator always remains."""
    from app.services.cases.case_log import NotAllowed

    with UnitOfWork(store, actor_id, write=True) as uow:
        s = uow.session
        _admin(s, actor_id)
        user = _person(s, store, user_id)
        if not active and user.id == actor_id:
            raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors", "you can't deactivate yourself; ask another "
                                                                "administrator"))
        if user.active != active:
            user.active = active
            _changed(uow, user, "user.reactivated" if active else "user.deactivated", {})
        info = UserInfo(user.id, user.username, user.display_name, user.role, user.password_hash is not None,
                        user.active)
        uow.commit()
        return info


@announces(USERS)
def set_role(store, user_id: str, role: str, *, actor_id: str) -> None:
    """An administrator gives someone another role (old and new in the audit trail). Nobody changes
    their own, so an active administrator always remains."""
    from app.services.cases.case_log import NotAllowed

    try:
        Role(role)
    except ValueError:
        raise InvalidInput(field="role", problem=QT_TRANSLATE_NOOP("Errors", "not one of the offered choices")) from None
    with UnitOfWork(store, actor_id, write=True) as uow:
        s = uow.session
        _admin(s, actor_id)
        user = _person(s, store, user_id)
        if user.id == actor_id:
            raise NotAllowed(reason=QT_TRANSLATE_NOOP("Errors", "you can't change your own role; ask another "
                                                                "administrator"))
        if user.role != role:
            old, user.role = user.role, role
            _changed(uow, user, "user.role_changed", {"old": old, "new": role})
        uow.commit()


@announces(USERS)
def reset_secret(store, user_id: str, secret: str, *, actor_id: str) -> None:
    """An administrator gives someone who forgot their PIN a new one (stored only as a slow hash)."""
    if len(secret) < MIN_SECRET:
        raise InvalidInput(field="pin", problem=QT_TRANSLATE_NOOP(CTX, "use at least 4 characters"))
    with UnitOfWork(store, actor_id, write=True) as uow:
        _admin(uow.session, actor_id)
        user = _person(uow.session, store, user_id)
        user.password_hash = hash_secret(secret)
        _changed(uow, user, "user.pin_reset", {})
        uow.commit()


def names(store) -> dict[str, str]:
    """user id -> display name, for showing who did what."""
    with store.session() as s:
        return {uid: name for uid, name in s.execute(select(User.id, User.display_name))}


DEMO_PIN = "0000"


def ensure_demo_users(store, pin: str = DEMO_PIN) -> list[str]:
    """On a store nobody can sign in to yet: an admin, a supervisor and the demo advisors, all with
    ``pin``. Never on a store with real users, so demo data can't open a back door."""
    if not needs_first_admin(store):
        return []
    made = [create_user(store, "admin", "管理员", pin, Role.ADMIN.value).username,
            create_user(store, "supervisor", "监督员", pin, Role.SUPERVISOR.value).username]
    with UnitOfWork(store, None, write=True) as uow:
        for user in uow.session.scalars(select(User).where(User.dealer_id == store.identity.home_dealer_id,
                                                           User.password_hash.is_(None))):
            user.password_hash = hash_secret(pin)
            _changed(uow, user, "user.pin_reset", {})
            made.append(user.username)
        uow.commit()
    return made
