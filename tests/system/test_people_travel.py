"""People are the dealer's: a person added, given a PIN, deactivated or given another role at one counter
is the same at every counter of the dealer and at head office after a sync; two edits of one person
conflict as two edits of a case do; another dealer never sees them; and every change's audit event
travels with it. In process, head office on SQLite and PostgreSQL (the network scenario runs the same
through the command line and `hq serve`)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Event, SyncConflict, User
from app.models.store import open_database
from app.services.people import lockouts
from app.services.people import users
from app.services.preferences import save_settings
from app.sync.client import SyncClient
from tests.helpers import fresh_store
from tests.synchelp import enrol_in_process

# Every file head office takes in here is checked for ownership both ways, the answers compared.
pytestmark = pytest.mark.usefixtures("both_ownership_paths")


@pytest.fixture(params=["sqlite", "postgresql"])
def network(request, tmp_path, serve_in_process):
    """Counters a and b of BJ01, counter c of SH01, head office on SQLite or PostgreSQL."""
    url = request.getfixturevalue("pg_url_at_head") if request.param == "postgresql" else request.getfixturevalue("sqlite_hq_url")
    db = open_database(url)
    transport = serve_in_process(db, tmp_path / "inbox")
    stores = {name: fresh_store(tmp_path / name) for name in ("a", "b", "c")}
    enrol_in_process(db, stores["a"], "BJ01")
    enrol_in_process(db, stores["b"], "BJ01")
    enrol_in_process(db, stores["c"], "SH01")
    yield db, stores, transport
    for s in stores.values():
        s.close()
    db.close()


def sync(transport, *stores, rounds: int = 2) -> None:
    for _ in range(rounds):
        for s in stores:
            report = SyncClient(s, url="http://hq", transport=transport).run_once()
            assert not report.rejected and not report.refused_changes, report


def people(where) -> dict[str, tuple[str, bool, int]]:
    with where.session() as s:
        return {u.username: (u.role, u.active, u.version) for u in s.scalars(select(User))}


def kinds(where) -> set[str]:
    with where.session() as s:
        return set(s.scalars(select(Event.kind).where(Event.entity_type.in_(("user", "counter")))))


def test_people_travel_to_every_counter_of_the_dealer_and_nowhere_else(network):
    db, st, transport = network
    a, b, c = st["a"], st["b"], st["c"]
    admin = users.create_first_admin(a, "admin", "管理员", "1234")
    li = users.create_user(a, "li", "李娜", "5678", "advisor", actor_id=admin.user_id)
    assert users.needs_first_admin(b)
    sync(transport, a, b, c)
    # Counter b joined the dealer with nobody of its own: it has the dealer's people, who sign in with
    # the PINs set at a (only the salted hash travelled), instead of a first start.
    assert not users.needs_first_admin(b)
    assert users.sign_in(b, "li", "5678").user_id == li.user_id
    assert people(b) == people(a) == {"admin": ("admin", True, 1), "li": ("advisor", True, 1)}

    # Deactivated at a: after b's next sync, li can't sign in there.
    users.set_active(a, li.user_id, False, actor_id=admin.user_id)
    sync(transport, a, b)
    with pytest.raises(users.SignInFailed):
        users.sign_in(b, "li", "5678")
    users.set_active(a, li.user_id, True, actor_id=admin.user_id)
    users.reset_secret(a, li.user_id, "2468", actor_id=admin.user_id)  # a new PIN at a works at b
    sync(transport, a, b)
    assert users.sign_in(b, "li", "2468").user_id == li.user_id
    with pytest.raises(users.SignInFailed):
        users.sign_in(b, "li", "5678")
    assert people(db) == people(a) == people(b)

    # Another dealer's counter never holds them, nor the events of their changes.
    assert users.needs_first_admin(c) and people(c) == {}
    assert not kinds(c)


def test_two_edits_of_one_person_conflict_as_two_edits_of_a_case_do(network):
    db, st, transport = network
    a, b = st["a"], st["b"]
    admin = users.create_first_admin(a, "admin", "管理员", "1234")
    li = users.create_user(a, "li", "李娜", "5678", "advisor", actor_id=admin.user_id)
    sync(transport, a, b)
    users.set_role(a, li.user_id, "supervisor", actor_id=admin.user_id)  # version 2 at a
    users.set_active(b, li.user_id, False, actor_id=admin.user_id)  # version 2 at b, made on the same version
    sync(transport, a, b)
    with db.session() as s:
        kept = list(s.scalars(select(SyncConflict).where(SyncConflict.entity_type == "user")))
    assert len(kept) == 1 and kept[0].entity_id == li.user_id  # head office kept the second aside
    # Head office's conflicts name the person and the fields the two edits changed.
    from app.hq.counters import open_conflicts
    from app.hq.resolve import resolve

    facts = [f for f in open_conflicts(db) if f.entity_type == "user"]
    assert len(facts) == 1 and facts[0].reference == "李娜 (li)"
    assert {c.field for c in facts[0].fields} & {"role", "active"}
    # Head office's supervisor takes the change kept aside; every place ends with the same person.

    other = kept[0].other_event["kind"]
    resolve(db, kept[0].id, "other")
    sync(transport, a, b)
    assert people(a) == people(b) == people(db)
    role, active, _ = people(a)["li"]
    assert (role, active) == (("advisor", False) if other == "user.deactivated" else ("supervisor", True))


def test_every_change_is_an_audit_event_at_both_counters_and_head_office(network):
    db, st, transport = network
    a, b = st["a"], st["b"]
    admin = users.create_first_admin(a, "admin", "管理员", "1234")
    li = users.create_user(a, "li", "李娜", "5678", "advisor", actor_id=admin.user_id)
    users.set_role(a, li.user_id, "supervisor", actor_id=admin.user_id)
    users.reset_secret(a, li.user_id, "2468", actor_id=admin.user_id)
    users.set_active(a, li.user_id, False, actor_id=admin.user_id)
    users.set_active(a, li.user_id, True, actor_id=admin.user_id)
    save_settings(a, {"ui.lock_minutes": 5}, admin)
    for _ in range(5):
        with pytest.raises((users.SignInFailed, lockouts.SignInLocked)):
            users.sign_in(a, "li", "0000")
    lockouts.lift(a, li.user_id, actor_id=admin.user_id)
    sync(transport, a, b)
    want = {"user.added", "user.role_changed", "user.pin_reset", "user.deactivated", "user.reactivated",
            "setting.changed", "user.locked_out", "user.lockout_lifted"}
    assert want <= kinds(a)
    assert want <= kinds(b)
    assert want <= kinds(db)


def test_head_offices_ceiling_arrives_with_its_publication_and_no_counter_passes_it(network, tmp_path):
    import json

    from app.foundation.errors import InvalidInput
    from app.hq.publish import publish
    from app.services.preferences import read_settings

    db, st, transport = network
    a = st["a"]
    admin = users.create_first_admin(a, "admin", "管理员", "1234")
    path = tmp_path / "limits.json"
    path.write_text(json.dumps({"settings": {"remedy.limit.ceiling": 2000}}), encoding="utf-8")
    publish(db, path, "BJ01")
    sync(transport, a)
    assert read_settings(a)["remedy.limit.ceiling"] == 2000
    with pytest.raises(InvalidInput) as refused:
        save_settings(a, {"remedy.limit.supervisor": 2000, "remedy.limit.admin": 2500}, admin)
    assert refused.value.problem_text() == "head office allows at most 2000 yuan; type 2000 or less"
    assert read_settings(a)["remedy.limit.admin"] == 3000
    with pytest.raises(InvalidInput):  # nor can the counter lift the ceiling itself
        save_settings(a, {"remedy.limit.ceiling": 0}, admin)
    assert "setting.published" in kinds(a)  # head office's change is in the counter's audit trail too
