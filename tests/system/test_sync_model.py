"""A stateful property test: two counters of one dealer and head office, with edits, syncs,
dropped answers, partitions and restarts. Nothing acknowledged is ever lost, every real conflict
is recorded, and after a full sync all sides agree."""

from __future__ import annotations

import tempfile
from contextlib import ExitStack
from pathlib import Path

import httpx
import keyring
from hypothesis import HealthCheck, event, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import select

from app.models import Event, FailureCase, SyncConflict, SyncFile, SyncOutbox
from app.rules import fields
from app.sync.client import SyncClient, SyncFailed
from tests.conftest import MemoryKeyring
from tests.helpers import fresh_hq_db, fresh_store
from tests.synchelp import edit_case, enrol_in_process, in_process_head_office, open_cases


class Faulty(httpx.BaseTransport):
    """The network between a counter and head office: may be cut, or lose answers."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner, self.partitioned, self.drop_next_answer = inner, False, False

    def handle_request(self, request):
        if self.partitioned:
            raise httpx.ConnectError("network unreachable", request=request)
        response = self.inner.handle_request(request)
        if self.drop_next_answer and request.method == "POST":
            self.drop_next_answer = False
            response.read()
            raise httpx.ReadError("connection reset", request=request)
        return response


class Network(RuleBasedStateMachine):
    @initialize()
    def setup(self):
        self.previous_keyring = keyring.get_keyring()
        keyring.set_keyring(MemoryKeyring())
        self.root = Path(tempfile.mkdtemp(prefix="sync-model-"))
        self.db = fresh_hq_db(self.root / "hq.sqlite3")
        self.served = ExitStack()
        self.inner = self.served.enter_context(in_process_head_office(self.db, self.root / "inbox"))
        self.stores, self.nets = {}, {}
        for name in ("a", "b"):
            self.stores[name] = fresh_store(self.root / name)
            enrol_in_process(self.db, self.stores[name])
            self.nets[name] = Faulty(self.inner)
        self.n = 2
        # Start from two cases both counters know, so concurrent edits are likely.
        self.created: set[str] = set(open_cases(self.stores["a"], 2))
        self.sync("a")
        self.sync("b")

    def teardown(self):
        if hasattr(self, "stores"):
            try:
                self.heal_and_check_agreement()  # every run ends healed, fully synced and checked
            finally:
                self.close_all()

    def close_all(self):
        if hasattr(self, "stores"):
            for s in self.stores.values():
                s.close()
            self.served.close()
            self.db.close()
            keyring.set_keyring(self.previous_keyring)

    def cases(self, name):
        with self.stores[name].session() as s:
            return sorted(s.scalars(select(FailureCase.id)))

    def sync(self, name):
        try:
            SyncClient(self.stores[name], url="http://hq", transport=self.nets[name]).run_once()
        except SyncFailed:
            pass

    @rule(who=st.sampled_from("ab"), n=st.integers(1, 3))
    def open_cases(self, who, n):
        self.created.update(open_cases(self.stores[who], n, start=self.n))
        self.n += n

    # What the case screens let through (the field catalogue's rule); other text never reaches a store.
    @rule(who=st.sampled_from("ab"), pick=st.integers(0, 50),
          text=st.text(max_size=8).filter(lambda t: fields.problem("root_cause", t) is None))
    def edit(self, who, pick, text):
        cases = self.cases(who)
        if cases:
            edit_case(self.stores[who], cases[pick % len(cases)], text)

    @rule(pick=st.integers(0, 50))
    def edit_same_case_at_both(self, pick):
        """Both counters change a case they share before either syncs: a real conflict."""
        shared = sorted(set(self.cases("a")) & set(self.cases("b")))
        if shared:
            case = shared[pick % len(shared)]
            edit_case(self.stores["a"], case, "at a")
            edit_case(self.stores["b"], case, "at b")

    @rule(pick=st.integers(0, 50), keep=st.sampled_from(["applied", "other"]))
    def supervisor_resolves(self, pick, keep):
        from app.hq.counters import open_conflicts
        from app.hq.resolve import resolve

        waiting = open_conflicts(self.db)
        if waiting:
            resolve(self.db, waiting[pick % len(waiting)].id, keep)
            event("a supervisor resolved a conflict")

    @rule(who=st.sampled_from("ab"))
    def sync_round(self, who):
        self.sync(who)

    @rule(who=st.sampled_from("ab"))
    def sync_with_lost_answer(self, who):
        self.nets[who].drop_next_answer = True
        self.sync(who)
        self.nets[who].drop_next_answer = False

    @rule(who=st.sampled_from("ab"), cut=st.booleans())
    def partition(self, who, cut):
        self.nets[who].partitioned = cut

    @rule(who=st.sampled_from("ab"))
    def restart(self, who):
        self.stores[who].close()
        self.stores[who] = fresh_store(self.root / who)

    def hq_has(self) -> set[str]:
        with self.db.session() as s:
            return set(s.scalars(select(Event.id))) | set(s.scalars(select(SyncConflict.other_event_id)))

    @invariant()
    def nothing_acknowledged_is_lost(self):
        if not hasattr(self, "stores"):
            return
        held = self.hq_has()
        for store in self.stores.values():
            with store.session() as s:
                acked = set(s.scalars(select(SyncOutbox.event_id).join(SyncFile, SyncFile.seq == SyncOutbox.file_seq)
                                      .where(SyncFile.status == "acked")))
            assert acked <= held

    def full_sync(self):
        for net in self.nets.values():
            net.partitioned = False
        for who in "abab":
            self.sync(who)

    @precondition(lambda self: hasattr(self, "stores"))
    @rule()
    def heal_and_check_agreement(self):
        self.full_sync()
        held = self.hq_has()
        events = {}
        for name, store in self.stores.items():
            with store.session() as s:
                assert s.scalar(select(SyncFile.seq).where(SyncFile.status != "acked")) is None, "outbox not empty"
                mine = s.execute(select(Event.id, Event.entity_id, Event.seq)
                                 .where(Event.origin == store.identity.store_id)).all()
                events[name] = {(eid, seq): i for i, eid, seq in mine}
            assert {i for i in events[name].values()} <= held, "a change never reached head office"
        with self.db.session() as s:
            ever = set(s.scalars(select(SyncConflict.entity_id)))
            conflicted = set(s.scalars(select(SyncConflict.entity_id).where(SyncConflict.resolved_at.is_(None))))
        event(f"conflicts recorded: {min(len(ever), 3)}, open: {min(len(conflicted), 3)}")
        # A real conflict: both counters made the same version of one case.
        for key in events["a"].keys() & events["b"].keys():
            assert key[0] in ever, f"conflict on {key} not recorded"
        snapshots = []
        for st_ in (self.db, *self.stores.values()):
            with st_.session() as s:
                snapshots.append({c.id: (c.version, c.root_cause) for c in s.scalars(select(FailureCase))
                                  if c.id not in conflicted})
        assert snapshots[0] == snapshots[1] == snapshots[2], "sides disagree after a full sync"
        assert set(snapshots[0]) | conflicted >= self.created


Network.TestCase.settings = settings(max_examples=30, stateful_step_count=25, deadline=None,
                                     suppress_health_check=list(HealthCheck))
test_two_counters_and_head_office = Network.TestCase
