"""Two counters change one case at once; the count each sync reports is what Sync problems lists, and
after head office resolves, every store holds the same rows and the same timeline."""

from __future__ import annotations


import pytest
from sqlalchemy import select

from app.hq.counters import add_dealer, open_conflicts
from app.hq.resolve import resolve
from app.models import SyncConflict
from app.models.store import open_database
from app.services.recovery import guide as recovery
from app.services.recovery.remedies import propose_remedy
from app.sync.client import SyncClient
from app.sync.problems import list_problems
from tests.helpers import fresh_store
from tests.recovery_helpers import add_user
from tests.synchelp import edit_case, enrol_in_process, open_cases, two_in_process
from tests.system.test_every_record_travels import events, rows

# Every file head office takes in here is checked for ownership both ways, the answers compared.
pytestmark = pytest.mark.usefixtures("both_ownership_paths")


@pytest.mark.parametrize("keep", ["applied", "other"])
def test_escalated_at_two_counters_then_resolved_converges(tmp_path, keep, serve_in_process):
    db = open_database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    add_dealer(db, "BJ01", "北京一店")
    transport = serve_in_process(db, tmp_path / "inbox")
    a, b = fresh_store(tmp_path / "a"), fresh_store(tmp_path / "b")

    def sync(store):
        return SyncClient(store, url="http://hq", transport=transport).run_once()

    try:
        for store in (a, b):
            enrol_in_process(db, store)
        adv_a, adv_b = add_user(a, "张伟", "advisor"), add_user(b, "李娜", "advisor")
        [case] = open_cases(a, 1)
        sync(a)
        sync(b)
        recovery.escalate(a, case, "客户要求经理出面", adv_a)
        recovery.escalate(b, case, "客户第二次投诉", adv_b)
        propose_remedy(b, case, "voucher", 100, "", adv_b)  # a child row made on B's side only
        for store in (a, b, a, b):
            report = sync(store)
            assert report.conflicts == len([p for p in list_problems(store) if p.kind == "conflict"])
        assert all(list_problems(s) for s in (a, b))
        [c] = [c for c in open_conflicts(db) if c.applied is not None]  # the others are built on B's change
        resolve(db, c.id, keep, note="经理已处理")
        for store in (a, b):
            assert sync(store).conflicts == 0 and list_problems(store) == []
        want_rows, want_events = rows(db), events(db)
        for name, store in (("counter 1", a), ("counter 2", b)):
            assert events(store) == want_events, f"timeline differs at {name}"
            got = rows(store)
            for table in ("failure_case", "remedy", "callback"):
                assert got[table] == want_rows[table], f"{table} differs at {name}"
        assert open_conflicts(db) == []
        with b.session() as s:  # B's own change is kept, settled, not dropped
            kept = s.scalars(select(SyncConflict).where(SyncConflict.entity_id == case)).all()
            assert {k.other_event["kind"] for k in kept} >= {"case.escalated"}
            assert all(k.resolved_at is not None for k in kept)
        with db.session() as s:
            from app.models import Remedy

            assert len(s.scalars(select(Remedy)).all()) == (1 if keep == "other" else 0)
        # Work goes on from either counter without a new conflict.
        recovery.close_case(a, case, "根因", "改进", add_user(a, "周经理", "supervisor"))
        for store in (a, b):
            assert sync(store).conflicts == 0
        assert events(a) == events(b) == events(db)
    finally:
        a.close()
        b.close()
        db.close()


@pytest.mark.parametrize("hq", ["sqlite", "postgresql"])
@pytest.mark.parametrize("keep", ["applied", "other"])
def test_changes_made_past_head_office_resolution_are_set_aside_with_the_rest(tmp_path, keep, hq, request):
    """Counter B changed a case three times on top of its own first change, which head office kept aside:
    the resolution's history is shorter than B's, and B's last change sat past its end, built on a change
    set aside. It is set aside with them (kept in a settled conflict record), so B's next change takes
    the version after head office's and every place ends with the same case and timeline."""
    url = request.getfixturevalue("pg_url_at_head") if hq == "postgresql" else None  # head office as in production
    with two_in_process(tmp_path, url) as (db, a, b, sync):
        [case] = open_cases(a, 1)
        sync(a, b)
        edit_case(a, case, "at a")
        for text in ("at b", "at b again", "at b once more"):  # versions 2, 3 and 4 at B
            edit_case(b, case, text)
        sync(a, b, a, b)
        [c] = [c for c in open_conflicts(db) if c.applied is not None]  # the others are built on B's first
        resolve(db, c.id, keep)  # head office's history: the opening, A's change, the resolution (3)
        sync(a, b)
        with b.session() as s:  # B's changes are kept, settled, not dropped: the last one too
            kept = {k.other_event["payload"]["root_cause"] for k in s.scalars(
                select(SyncConflict).where(SyncConflict.entity_id == case, SyncConflict.resolved_at.is_not(None)))}
        assert kept >= {"at b", "at b again", "at b once more"}
        assert edit_case(b, case, "after the resolution at b") == 4  # on top of head office's version 3
        assert [r.conflicts for r in sync(b, a)] == [0, 0]
        assert open_conflicts(db) == []
        want_rows, want_events = rows(db), events(db)
        for name, store in (("counter 1", a), ("counter 2", b)):
            assert events(store) == want_events, f"timeline differs at {name}"
            assert rows(store)["failure_case"] == want_rows["failure_case"], f"case differs at {name}"
        assert {r["root_cause"] for r in want_rows["failure_case"].values()} == {"after the resolution at b"}


@pytest.mark.parametrize("hq", ["sqlite", "postgresql"])
@pytest.mark.parametrize("keep", ["applied", "other"])
def test_change_built_on_a_kept_aside_change_then_resolved_converges(tmp_path, keep, hq, request):
    """Head office took A's change of a case and kept B's (its versions 2 to 4) aside; B then changed the
    case again (5), on top of its own, and a supervisor resolved before that change arrived. Built on a
    change kept aside, it is part of that conflict: kept aside at head office, settled with it, as B
    sets it aside when the resolution arrives, never applied over head office's version. Every place
    ends with the same case and timeline, and B's change is kept at head office and at B."""
    url = request.getfixturevalue("pg_url_at_head") if hq == "postgresql" else None  # head office as in production
    with two_in_process(tmp_path, url) as (db, a, b, sync):
        [case] = open_cases(a, 1)
        sync(a, b)
        edit_case(b, case, "at b")
        edit_case(b, case, "at b again")
        edit_case(a, case, "at a")
        assert edit_case(b, case, "at b once more") == 4
        sync(a, b, a, b)
        assert edit_case(b, case, "after the conflict at b") == 5  # on top of B's own version 4
        [c] = [c for c in open_conflicts(db) if c.applied is not None]  # the others are built on B's first
        resolve(db, c.id, keep)  # head office's history: the opening, A's change, the resolution (3)
        assert [r.conflicts for r in sync(a, b, a, b)] == [0, 0, 0, 0]
        assert open_conflicts(db) == [] and list_problems(b) == []
        want_rows, want_events = rows(db), events(db)
        for name, store in (("counter 1", a), ("counter 2", b)):
            assert events(store) == want_events, f"timeline differs at {name}"
            assert rows(store)["failure_case"] == want_rows["failure_case"], f"case differs at {name}"
        assert [r["version"] for r in want_rows["failure_case"].values()] == [3]
        for place in (db, b):  # B's change after the conflict is kept, settled, where it was made and at head office
            with place.session() as s:
                kept = {k.other_event["payload"]["root_cause"] for k in s.scalars(select(SyncConflict).where(
                    SyncConflict.entity_id == case, SyncConflict.resolved_at.is_not(None)))}
            assert "after the conflict at b" in kept
        # Work goes on from B on top of head office's version, without a new conflict.
        assert edit_case(b, case, "after the resolution at b") == 4
        assert [r.conflicts for r in sync(b, a)] == [0, 0]
        assert events(a) == events(b) == events(db)
        assert {r["root_cause"] for r in rows(db)["failure_case"].values()} == {"after the resolution at b"}
