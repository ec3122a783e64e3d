"""Head office raises one improvement action for BJ01 and SH02: each dealer's counters get their own
share on their next sync (SH02 never sees BJ01's), it shows with the dealer's own actions, one counter
marks it done and the completion reaches head office; bad input stores nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.foundation import clock
from app.foundation.errors import InvalidInput
from app.hq.counters import add_dealer
from app.hq.improve import raise_for_dealers
from app.models import Event, NetworkImprovement
from app.models.store import open_database
from app.services.predict.improvements import actions, complete_action
from app.sync.client import SyncClient
from tests.helpers import fresh_store
from tests.recovery_helpers import add_user
from tests.synchelp import enrol_in_process

# Every file head office takes in here is checked for ownership both ways, the answers compared.
pytestmark = pytest.mark.usefixtures("both_ownership_paths")


def _count(db_or_store, model=NetworkImprovement) -> int:
    with db_or_store.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_one_action_for_two_dealers_travels_to_each_and_its_completion_back(tmp_path, serve_in_process):
    db = open_database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    add_dealer(db, "GZ03", "广州三店")
    transport = serve_in_process(db, tmp_path / "inbox")
    bj, bj2, sh = fresh_store(tmp_path / "bj"), fresh_store(tmp_path / "bj2"), fresh_store(tmp_path / "sh")

    def sync(store):
        return SyncClient(store, url="http://hq", transport=transport).run_once()

    try:
        enrol_in_process(db, bj, "BJ01")
        enrol_in_process(db, bj2, "BJ01")
        enrol_in_process(db, sh, "SH02")
        boss = add_user(bj, "刘主管", "supervisor")
        adv_sh = add_user(sh, "张伟", "advisor")
        for store in (bj, sh):
            sync(store)
        sync(bj2)
        due = clock.today() + timedelta(days=30)
        events_before = _count(db, Event)
        for bad in (dict(dealer_codes=["BJ01", "XX99"]), dict(dealer_codes=[]), dict(title="  "),
                    dict(due_on=clock.today()), dict(figure_subject="nonsense"), dict(owner_role="boss"),
                    dict(owners={"GZ03": "刘主管"}), dict(owners={"BJ01": "nobody"})):
            args = dict(dealer_codes=["BJ01", "SH02"], title="到货前电话确认配件", due_on=due, figure_subject="system",
                        owner_role="supervisor") | bad
            with pytest.raises(InvalidInput):
                raise_for_dealers(db, args.pop("dealer_codes"), args.pop("title"), args.pop("due_on"), **args)
        assert _count(db) == 0 and _count(db, Event) == events_before  # nothing stored by the refusals
        raised = raise_for_dealers(db, ["BJ01", "SH02"], "到货前电话确认配件", due, figure_subject="system",
                                   owner_role="supervisor")
        assert set(raised.shares) == {"BJ01", "SH02"} and _count(db) == 2
        for store in (bj, bj2, sh):
            assert sync(store).conflicts == 0
        # Each dealer's counters hold their own share and only theirs, shown with their own actions.
        for store, code in ((bj, "BJ01"), (bj2, "BJ01"), (sh, "SH02")):
            mine = actions(store)
            assert [(a.id, a.dealer, a.title, a.owner_role, a.from_head_office, a.verdict) for a in mine] == [
                (raised.shares[code], code, "到货前电话确认配件", "supervisor", True, "open")]
            assert _count(store) == 1
        with sh.session() as s:
            assert s.get(NetworkImprovement, raised.shares["BJ01"]) is None
        # An advisor is not its owner (a supervisor is): refused, nothing changed.
        with pytest.raises(InvalidInput):
            complete_action(sh, raised.shares["SH02"], _signed(sh, adv_sh))
        complete_action(bj, raised.shares["BJ01"], _signed(bj, boss), "每单到货前确认")
        sync(bj)
        at_hq = {a.dealer: a for a in actions(db, "*")}
        assert at_hq["BJ01"].done_at is not None and at_hq["BJ01"].done_note == "每单到货前确认"
        assert at_hq["SH02"].done_at is None and at_hq["SH02"].verdict == "open"
        sync(bj2)  # the other counter of the dealer learns it too
        assert actions(bj2)[0].done_at is not None
        assert sync(sh).conflicts == 0 and actions(sh)[0].done_at is None
    finally:
        for store in (bj, bj2, sh):
            store.close()
        db.close()


def _signed(store, user_id):
    from app.services.people.users import SignedIn
    from app.models import User

    with store.session() as s:
        u = s.get(User, user_id)
        return SignedIn(u.id, u.username, u.display_name, u.role, u.dealer_id)
