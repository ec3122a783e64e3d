"""Head office raises one improvement action for several dealers sharing a cause: a share per dealer,
sent to that dealer's counters in head office's own files, as a conflict's resolution or a take-over is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.foundation import clock
from app.foundation.errors import InvalidInput
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.foundation.ids import new_id
from app.hq import ordering
from app.hq.resolve import send_history
from app.models import Dealer, NetworkImprovement, User, utcnow
from app.models.event_codec import HQ_ORIGIN, new_event
from app.rules import fields
from app.rules.vocab import Role
from app.services.changes import CASES, announces
from app.services.predict.improvements import FIGURE_SUBJECTS

KIND = "improvement.assigned"  # head office's raising, the first event of each dealer's share
ENTITY = "improvement"


@dataclass(frozen=True)
class Raised:
    network_id: str
    shares: dict[str, str]  # dealer code -> the id of that dealer's share


def _bad(field: str, problem: str, **params) -> InvalidInput:
    return InvalidInput(field=field, problem=problem, **params)


def check(title: str, dealer_codes: list[str], due_on: date, figure_kind: str, figure_subject: str,
          owner_role: str | None) -> str:
    """The cleaned title, or the first thing wrong in words (nothing is stored on a refusal)."""
    title = fields.clean("improvement_title", title)
    if not title:
        raise _bad("improvement_title", QT_TRANSLATE_NOOP("Errors", "say what will be changed, e.g. the case's improvement"))
    if not dealer_codes:
        raise _bad("dealers", QT_TRANSLATE_NOOP("Errors", "choose at least one dealer"))
    if due_on <= clock.today():
        raise _bad("due_on", QT_TRANSLATE_NOOP(
            "Errors", "the due date must be after today: the figure is judged from that day on"))
    if figure_subject not in FIGURE_SUBJECTS.get(figure_kind, ()):
        raise _bad("figure", QT_TRANSLATE_NOOP(
            "Errors", "the figure is a cause group or one of the items timeliness, repair_quality, attitude"))
    if owner_role is not None and owner_role not in {r.value for r in Role}:
        raise _bad("owner", QT_TRANSLATE_NOOP("Errors", "the owner is a role (advisor, supervisor, admin) or a person "
                                                        "of each dealer by user name"))
    return title


@announces(CASES)
def raise_for_dealers(db, dealer_codes: list[str], title: str, due_on: date, *, figure_kind: str = "cause",
                      figure_subject: str, owner_role: str | None = Role.SUPERVISOR.value,
                      owners: dict[str, str] | None = None, actor_id: str | None = None) -> Raised:
    """One action for the dealers named: each gets its share (owned by ``owners[code]``, a user name
    at that dealer, or else by ``owner_role``), an event of head office, and a file to its counters
    alone. All or nothing: an unknown dealer or person refuses the whole action."""
    owners = owners or {}
    if not owners and owner_role is None:
        raise _bad("owner", QT_TRANSLATE_NOOP("Errors", "the owner is a role (advisor, supervisor, admin) or a person "
                                                        "of each dealer by user name"))
    codes = sorted(set(dealer_codes))  # locks taken in one order, so two actions raised at once never deadlock
    title = check(title, codes, due_on, figure_kind, figure_subject, owner_role)
    stray = sorted(set(owners) - set(codes))
    if stray:
        raise _bad("owner", QT_TRANSLATE_NOOP("Errors", "an owner is named for {codes}, not among the dealers chosen"),
                   codes=", ".join(stray))
    now, network_id = utcnow(), new_id()
    shares: dict[str, str] = {}
    with db.session() as s, s.begin():
        dealers = {code: d for code, d in s.execute(select(Dealer.code, Dealer.id).where(Dealer.code.in_(codes)))}
        missing = [c for c in codes if c not in dealers]
        if missing:
            raise _bad("dealers", QT_TRANSLATE_NOOP(
                "Errors", "no such dealer at head office: {codes}; check the codes (a new dealer is registered "
                          "with hq dealer add)"), codes=", ".join(missing))
        for code in codes:
            dealer_id = dealers[code]
            owner_id = None
            if code in owners:
                owner_id = s.scalar(select(User.id).where(User.dealer_id == dealer_id, User.username == owners[code],
                                                          User.active.is_(True)))
                if owner_id is None:
                    raise _bad("owner", QT_TRANSLATE_NOOP("Errors", "the owner must be one of the dealer's people"))
            ordering.hold_dealer(s, dealer_id)  # the dealer's arrival numbers stay in commit order
            sid = new_id()
            s.add(NetworkImprovement(id=sid, dealer_id=dealer_id, network_id=network_id, title=title,
                                     owner_role=None if owner_id else owner_role, owner_id=owner_id, due_on=due_on,
                                     figure_kind=figure_kind, figure_subject=figure_subject, created_at=now,
                                     done_note="", version=1, updated_at=now))
            s.flush()
            ev = new_event(ENTITY, sid, 1, KIND, {"network_id": network_id, "title": title}, actor_id=actor_id,
                           dealer_id=dealer_id, origin=HQ_ORIGIN, occurred_at=now)
            s.add(ev)
            s.flush()
            send_history(s, ENTITY, sid, dealer_id, ev, now)
            shares[code] = sid
    return Raised(network_id, shares)


def people_by_dealer(db) -> dict[str, list[tuple[str, str]]]:
    """Each dealer's active people as head office holds them, (user name, display name) by dealer code:
    who may own an action at that dealer."""
    with db.session() as s:
        rows = s.execute(select(Dealer.code, User.username, User.display_name).join(User, User.dealer_id == Dealer.id)
                         .where(User.active.is_(True)).order_by(Dealer.code, User.display_name)).all()
    out: dict[str, list[tuple[str, str]]] = {}
    for code, username, name in rows:
        out.setdefault(code, []).append((username, name))
    return out
