"""Every change to people, settings and sign-in is an event with who and when; the audit view finds it
by person, kind and dates, a page at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.foundation import clock
from app.models import Event
from app.services.people import lockouts
from app.services.people import users
from app.services.audit import trail, view
from app.services.preferences import save_settings


@pytest.fixture
def people(store):
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    li = users.create_user(store, "li", "李娜", "5678", "advisor", actor_id=admin.user_id)
    return admin, li


def _last(store) -> Event:
    with store.session() as s:
        return s.scalars(select(Event).order_by(Event.occurred_at.desc(), Event.id.desc()).limit(1)).one()


def _wrong_five(store):
    for _ in range(5):
        with pytest.raises((users.SignInFailed, lockouts.SignInLocked)):
            users.sign_in(store, "li", "0000")


# action(store, admin, li) -> None; then the newest event is (kind, who, entity type, payload subset)
CHANGES = [
    ("add", lambda st, a, li: users.create_user(st, "wang", "王伟", "4321", "supervisor", actor_id=a.user_id),
     "user.added", "admin", "user", {"username": "wang", "role": "supervisor"}),
    ("role", lambda st, a, li: users.set_role(st, li.user_id, "supervisor", actor_id=a.user_id),
     "user.role_changed", "admin", "user", {"old": "advisor", "new": "supervisor"}),
    ("pin", lambda st, a, li: users.reset_secret(st, li.user_id, "9999", actor_id=a.user_id),
     "user.pin_reset", "admin", "user", {"username": "li"}),
    ("deactivate", lambda st, a, li: users.set_active(st, li.user_id, False, actor_id=a.user_id),
     "user.deactivated", "admin", "user", {"username": "li"}),
    ("setting", lambda st, a, li: save_settings(st, {"ui.lock_minutes": 5}, a),
     "setting.changed", "admin", "counter", {"key": "ui.lock_minutes", "old": 10, "new": 5}),
    ("lockout", lambda st, a, li: _wrong_five(st),
     "user.locked_out", "li", "counter", {"failures": 5}),
    ("lift", lambda st, a, li: (_wrong_five(st), lockouts.lift(st, li.user_id, actor_id=a.user_id)),
     "user.lockout_lifted", "admin", "counter", {"failures": 5}),
    ("scripts", lambda st, a, li: trail.note(st, "scripts.installed", {"pack": "p v2"}, actor_id=a.user_id),
     "scripts.installed", "admin", "counter", {"pack": "p v2"}),
]


@pytest.mark.parametrize("name, action, kind, who, entity_type, payload", CHANGES, ids=[c[0] for c in CHANGES])
def test_every_change_is_an_event_with_who_and_when(store, people, name, action, kind, who, entity_type, payload):
    admin, li = people
    before = clock.now()
    action(store, admin, li)
    ev = _last(store)
    assert (ev.kind, ev.actor_id, ev.entity_type) == (kind, {"admin": admin.user_id, "li": li.user_id}[who], entity_type)
    assert payload.items() <= ev.payload.items()
    assert ev.origin == store.identity.store_id and before <= ev.occurred_at <= clock.now()
    assert "9999" not in str(ev.payload) and "scrypt" not in str(ev.payload)  # never a PIN or its hash


def test_a_person_change_moves_their_version_with_their_history(store, people):
    admin, li = people
    users.set_role(store, li.user_id, "supervisor", actor_id=admin.user_id)
    users.set_active(store, li.user_id, False, actor_id=admin.user_id)
    from app.models import User

    with store.session() as s:
        seqs = list(s.scalars(select(Event.seq).where(Event.entity_type == "user", Event.entity_id == li.user_id)
                              .order_by(Event.seq)))
        assert seqs == [1, 2, 3] and s.get(User, li.user_id).version == 3


def test_nothing_changed_is_no_event(store, people):
    admin, li = people
    before = view.page(store).total
    users.set_active(store, li.user_id, True, actor_id=admin.user_id)  # already active
    save_settings(store, {"ui.lock_minutes": 10}, admin)  # already 10
    assert view.page(store).total == before


def test_the_view_filters_by_person_kind_and_dates_and_pages(store, people, monkeypatch):
    admin, li = people
    start = clock.now()
    save_settings(store, {"ui.lock_minutes": 5}, admin)
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(days=3))
    _wrong_five(store)
    users.reset_secret(store, li.user_id, "2468", actor_id=admin.user_id)
    lockouts.lift(store, li.user_id, actor_id=admin.user_id)  # a new PIN does not end the wait: lifted
    everything = view.page(store)
    assert everything.total == len(everything.entries) == 6  # two added, a setting, a lockout, a PIN, a lifting
    assert [e.kind for e in everything.entries][:3] == ["user.lockout_lifted", "user.pin_reset", "user.locked_out"]
    about_li = view.page(store, person=li.user_id)  # what they did, and what was done to them
    assert {e.kind for e in about_li.entries} == {"user.added", "user.locked_out", "user.pin_reset",
                                                  "user.lockout_lifted"}
    assert [e.subject for e in about_li.entries] == ["李娜"] * 4
    assert view.page(store, kind="setting.changed").entries[0].details == "ui.lock_minutes: 10 → 5"
    today = clock.now().astimezone().date()
    assert {e.kind for e in view.page(store, since=today).entries} == {"user.locked_out", "user.pin_reset",
                                                                       "user.lockout_lifted"}
    assert view.page(store, until=today - timedelta(days=1)).total == 3
    first, second = view.page(store, limit=2), view.page(store, offset=2, limit=2)
    assert first.total == second.total == 6
    assert not {e.event_id for e in first.entries} & {e.event_id for e in second.entries}
    assert "setting.changed" in view.kinds(store) and (li.user_id, "李娜") in view.people(store)


def test_an_unknown_kind_is_listed_by_its_own_name(store, people):
    trail.note(store, "customer.merged", {"kept": "x"})
    assert "customer.merged" in view.kinds(store)
    assert view.page(store, kind="customer.merged").entries[0].details == "kept: x"
