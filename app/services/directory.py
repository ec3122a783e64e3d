"""Dealers and the people a form or case names: found by their natural keys, created when new."""

from __future__ import annotations

from sqlalchemy import select

from app.foundation.errors import InvalidInput, NotFound
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.ids import new_id
from app.models import Dealer, User, utcnow
from app.rules.vocab import Role


def home_dealer(store) -> str | None:
    """The store's own dealer; None for head office's database, which belongs to no dealer (what it
    reports on a dealer names the dealer)."""
    identity = getattr(store, "identity", None)
    return identity.home_dealer_id if identity is not None else None


def dealer_code(code: str, field: str = "--dealer") -> str:
    """``code`` as every place keeps a dealer's code: upper case, ASCII letters, digits, - and _, at
    most 32 (full-width letters typed by an input method read as their ASCII); InvalidInput when it
    can't be one. Head office's `hq dealer add` and a counter's imports name dealers by the same rule
    (an import made a dealer "../X", one holding a terminal's escape codes, one of 5,000 characters)."""
    import unicodedata

    from app.rules import fields

    code = unicodedata.normalize("NFKC", code or "").strip().upper()
    if (not code or len(code) > fields.length("dealer_code")
            or not all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in code)):
        raise InvalidInput(field=field, problem=QT_TRANSLATE_NOOP("Errors",
            "letters, digits, - and _ only, at most 32, e.g. BJ01"))
    return code


def dealer_by_code(session, code: str | None, home_dealer_id: str | None, *, create: bool = False) -> Dealer:
    """The dealer with this code, or the store's home dealer when no code is given. Codes are upper
    case everywhere (head office makes them so), whatever case a file writes them in."""
    code = (code or "").strip().upper()
    if code and create:
        code = dealer_code(code)
    if not code:
        if home_dealer_id is None:  # head office: no dealer of its own
            raise InvalidInput(field="--dealer", problem=QT_TRANSLATE_NOOP("Errors", "required at head office"))
        return session.get(Dealer, home_dealer_id)
    dealer = session.scalar(select(Dealer).where(Dealer.code == code))
    if dealer is None:
        if not create:
            raise NotFound(what=QT_TRANSLATE_NOOP("Errors", "Dealer"), key=code)
        dealer = Dealer(id=new_id(), code=code, name=code, created_at=utcnow())
        session.add(dealer)
        session.flush()
    return dealer


def advisors_by_name(session, dealer_id: str) -> dict[str, str]:
    """display name -> user id for everyone at the dealer (advisors are named on paper forms)."""
    rows = session.execute(select(User.display_name, User.id).where(User.dealer_id == dealer_id))
    return {name: uid for name, uid in rows}


def ensure_advisors(session, dealer_id: str, names: set[str]) -> dict[str, str]:
    """Map names to user ids, adding people not yet known as advisors who can't sign in yet
    (no password) until an administrator gives them one."""
    known = advisors_by_name(session, dealer_id)
    now = utcnow()
    for name in sorted(names - known.keys()):
        uid = new_id()
        session.add(User(id=uid, dealer_id=dealer_id, username=name, display_name=name,
                         role=Role.ADVISOR.value, password_hash=None, active=True, created_at=now))
        known[name] = uid
    session.flush()
    return known
