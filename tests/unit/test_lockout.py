"""Sign-in resists guessing: after 5 wrong PINs in a row the next try waits, growing; the count is kept
in the store (a restart doesn't end it); an administrator lifts it; each lockout is an event."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.foundation import clock
from app.models import Event
from app.models.store import open_store
from app.rules.lockout import FREE_TRIES, wait_after
from app.rules.vocab import Role
from app.services.people import lockouts
from app.services.people import users
from app.services.cases.case_log import NotAllowed
from app.services.people.lockouts import SignInLocked
from app.services.people.users import SignInFailed


@pytest.mark.parametrize("failures, wait", [
    (0, timedelta(0)), (1, timedelta(0)), (4, timedelta(0)),
    (5, timedelta(seconds=30)), (6, timedelta(minutes=1)), (7, timedelta(minutes=5)),
    (8, timedelta(minutes=15)), (9, timedelta(hours=1)), (50, timedelta(hours=1)),
])
def test_the_wait_grows_with_wrong_pins_in_a_row(failures, wait):
    assert wait_after(failures) == wait
    assert FREE_TRIES == 5


@pytest.fixture
def people(store):
    admin = users.create_first_admin(store, "admin", "管理员", "9999")
    advisor = users.create_user(store, "li", "李明", "1234", Role.ADVISOR.value,
                                actor_id=admin.user_id)
    return admin, advisor


def move(monkeypatch, by: timedelta) -> None:
    """The program's clock moved on by ``by`` (no sleeping)."""
    monkeypatch.setenv(clock.ENV, clock.setting_for(clock.now() + by))


def wrong(store, n: int, username: str = "li"):
    for _ in range(n):
        with pytest.raises((SignInFailed, SignInLocked)) as err:
            users.sign_in(store, username, "0000")
    return err.value


def test_five_wrong_pins_make_the_next_try_wait_even_with_the_right_pin(store, people, monkeypatch):
    assert isinstance(wrong(store, 4), SignInFailed)
    fifth = wrong(store, 1)
    assert isinstance(fifth, SignInLocked) and fifth.params["seconds"] == 30
    with pytest.raises(SignInLocked):
        users.sign_in(store, "li", "1234")  # the right PIN waits too: a guess isn't even tried
    move(monkeypatch, timedelta(seconds=31))
    sixth = wrong(store, 1)
    assert isinstance(sixth, SignInLocked) and sixth.params["seconds"] == 60
    move(monkeypatch, timedelta(seconds=61))
    assert isinstance(wrong(store, 1), SignInLocked)
    assert {u.username: u.waits_until is not None for u in users.list_users(store)} == {"admin": False, "li": True}
    move(monkeypatch, timedelta(minutes=5, seconds=1))
    assert users.sign_in(store, "li", "1234").username == "li"
    # The right PIN starts the count again: 4 wrong ones are free again.
    assert isinstance(wrong(store, 4), SignInFailed)


def test_the_count_is_per_person_and_survives_a_restart(store, people, monkeypatch):
    wrong(store, 5)
    path = store.path.parent
    store.close()
    again = open_store(path)
    try:
        with pytest.raises(SignInLocked):
            users.sign_in(again, "li", "1234")
        assert users.sign_in(again, "admin", "9999").username == "admin"  # others sign in as usual
    finally:
        again.close()


def test_an_administrator_lifts_the_wait_and_both_are_events(store, people):
    admin, advisor = people
    wrong(store, 5)
    with pytest.raises(NotAllowed):
        lockouts.lift(store, advisor.user_id, actor_id=advisor.user_id)
    lockouts.lift(store, advisor.user_id, actor_id=admin.user_id)
    assert users.sign_in(store, "li", "1234").username == "li"
    with store.session() as s:
        events = [(e.kind, e.actor_id, e.payload.get("user_id"), e.payload.get("failures"))
                  for e in s.scalars(select(Event).where(Event.entity_type == "counter").order_by(Event.seq))]
    assert events == [("user.locked_out", advisor.user_id, advisor.user_id, 5),
                      ("user.lockout_lifted", admin.user_id, advisor.user_id, 5)]


def test_lockouts_travel_in_the_case_files_as_the_counters_audit_trail(store, people):
    from sqlalchemy import func, select

    from app.models import Event
    from app.sync import outbox

    with store.session() as s:
        before = s.scalar(select(func.count()).select_from(Event).where(Event.entity_type == "counter"))
    wrong(store, 5)
    assert outbox.counts(store).unfiled_events > 0
    seqs = outbox.file_waiting(store, "0" * 64)
    assert seqs
    filed = b"".join(outbox._path(store, n).read_bytes() for n in seqs)
    assert b"user.locked_out" in filed
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Event).where(Event.entity_type == "counter")) == before + 1


def test_an_unknown_name_is_refused_like_a_wrong_pin(store, people):
    for _ in range(8):
        with pytest.raises(SignInFailed):
            users.sign_in(store, "nobody", "0000")
