"""Attacks by an enrolled counter (it holds a valid secret) on head office, over HTTP against a real
`hq serve` process and by file through `hq import`, on PostgreSQL: each refused with its reason,
nothing of another dealer changed, the server still answering. And one refused change never
blocks the rest of a counter's changes."""

from __future__ import annotations

from collections import Counter

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from sqlalchemy import func, select, text

from app.foundation import secrets
from app.hq.counters import add_dealer, issue_code
from app.models import Event, FailureCase, FeedbackForm, HqRefusal, RepairOrder, SyncReceived, Vehicle
from app.models.store import open_database
from app.services.imports.feedback_store import import_feedback_file
from app.sync import casefile, wire
from app.sync.apply import to_record
from app.sync.client import SyncClient
from app.sync.problems import list_problems
from app.sync.connect import connect
from tests.helpers import csv_file, form_line, fresh_store
from tests.synchelp import count, open_cases
from tests.system.hqserver import HqServer

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("dealer", "user", "customer", "vehicle", "repair_order", "feedback_form", "failure_case", "event",
          "sync_conflict", "hq_counter", "hq_enrolment")


@pytest.fixture
def world(pg_url_at_head, tmp_path):
    db = open_database(pg_url_at_head)
    add_dealer(db, "BJ01", "北京一店")
    add_dealer(db, "SH02", "上海二店")
    server = HqServer(pg_url_at_head, tmp_path / "inbox", tmp_path / "server.log").start()
    a = fresh_store(tmp_path / "a")
    connect(a, server.url, issue_code(db, "BJ01"), label="a")
    sh = fresh_store(tmp_path / "sh")
    connect(sh, server.url, issue_code(db, "SH02"), label="sh")
    open_cases(sh, 2)
    import_feedback_file(sh, csv_file(tmp_path / "sh.csv", [form_line("2026-11-02", "SH-RO-1")]))
    SyncClient(sh).run_once()
    open_cases(a, 1)
    SyncClient(a).run_once()
    w = SimpleNamespace(db=db, server=server, a=a, sh=sh, url=pg_url_at_head, tmp=tmp_path,
                        me=a.identity.store_id, secret=secrets.get(secrets.counter_key(a.identity.store_id)),
                        bj=a.identity.home_dealer_id, sh_dealer=sh.identity.home_dealer_id, seq=1000)
    yield w
    server.stop()
    db.close()


def dump(db) -> dict:
    """Every row of every data table (what an attack must leave as it was)."""
    out = {}
    with db.session() as s:
        for t in TABLES:
            cols = "id, dealer_id, secret" if t == "hq_counter" else "*"  # its last-seen time moves by design
            rows = s.execute(text(f"SELECT {cols} FROM {t}")).mappings().all()
            out[t] = sorted(json.dumps(dict(r), default=str, sort_keys=True) for r in rows)
    return out


def forge(w, *, events=(), records=None, dealer_id=None, dealer_code="BJ01") -> bytes:
    """A file signed with counter A's genuine secret, saying whatever the attacker wants."""
    w.seq += 1
    body = casefile.build_body(dealer_id=dealer_id or w.bj, dealer_code=dealer_code, counter=w.me, sequence=w.seq,
                               created_at="2026-11-18T02:00:00+00:00", events=list(events), records=records or {})
    return casefile.sign(body, w.secret)


def post(w, data: bytes, counter: str | None = None) -> tuple[int, dict]:
    nonce = wire.new_nonce()
    r = httpx.post(w.server.url + "/v1/casefiles", content=data, timeout=30,
                   headers={"X-Counter": counter or w.me, "X-Nonce": nonce})
    sealed = wire.opened(w.secret, nonce, r.json())
    return r.status_code, sealed if sealed is not None else r.json()


def alive(w) -> None:
    assert httpx.get(w.server.url + "/v1/health", timeout=5).status_code == 200


def hq_import(w, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", "hq", "import", "--db", w.url, str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def sh_row(w, model):
    with w.db.session() as s:
        obj = s.scalars(select(model).where(model.dealer_id == w.sh_dealer)).first()
        table = model.__tablename__
        return to_record(table, obj)


def sh_last_event(w, entity_id: str) -> dict:
    with w.db.session() as s:
        e = s.scalars(select(Event).where(Event.entity_id == entity_id).order_by(Event.seq.desc())).first()
        return {"id": e.id, "seq": e.seq}


def event(w, entity_type, entity_id, seq, base_id=None, **payload) -> dict:
    from app.foundation.ids import new_id

    ev = {"id": new_id(), "entity_type": entity_type, "entity_id": entity_id, "seq": seq, "kind": f"{entity_type}.updated",
          "payload": payload or {"root_cause": "attacker"}, "actor_id": None, "dealer_id": w.bj, "origin": w.me,
          "occurred_at": "2026-11-18T02:00:00+00:00"}
    if seq > 1:
        ev["base"] = {"seq": seq - 1, "event_id": base_id}
    return ev


def takeover_form(w) -> bytes:
    from app.models import FeedbackForm

    rec = sh_row(w, FeedbackForm)
    rec.update(dealer_id=w.bj, version=rec["version"] + 5, comment="attacker's comment", timeliness="E")
    return forge(w, records={"feedback_form": [rec]})


def history_edit(w) -> bytes:
    case = sh_row(w, FailureCase)
    last = sh_last_event(w, case["id"])
    return forge(w, events=[event(w, "case", case["id"], last["seq"] + 1, last["id"])])


def colliding_seq1(w) -> bytes:
    case = sh_row(w, FailureCase)
    return forge(w, events=[event(w, "case", case["id"], 1)])


def id_in_other_table(w) -> bytes:
    from app.foundation.ids import new_id

    case = sh_row(w, FailureCase)  # a BJ01 customer given the id of an SH02 case
    return forge(w, records={"customer": [{"id": case["id"], "dealer_id": w.bj, "name": "x", "phone": "1",
                                           "created_at": "2026-11-18T02:00:00+00:00"}],
                             "vehicle": [{"id": new_id(), "dealer_id": w.bj, "customer_id": case["id"], "plate": "京A1",
                                          "created_at": "2026-11-18T02:00:00+00:00"}]})


def records_of_other_dealer(w) -> bytes:
    from app.foundation.ids import new_id

    return forge(w, records={"customer": [{"id": new_id(), "dealer_id": w.sh_dealer, "name": "planted",
                                           "phone": "13900000000", "created_at": "2026-11-18T02:00:00+00:00"}]})


CHANGE_ATTACKS = [  # (attack, the code of the refusal, the table it names)
    (takeover_form, "foreign_row", "feedback_form"),
    (history_edit, "foreign_row", "failure_case"),
    (colliding_seq1, "foreign_row", "failure_case"),
    (id_in_other_table, "foreign_row", "customer"),
    (records_of_other_dealer, "foreign_record", "customer"),
]


@pytest.mark.parametrize("attack,code,table", CHANGE_ATTACKS, ids=[a[0].__name__ for a in CHANGE_ATTACKS])
def test_another_dealers_data_is_never_touched(world, attack, code, table):
    w = world
    before = dump(w.db)
    status, sealed = post(w, attack(w))
    assert status == 200
    refused, *also = sealed["data"]["refused"]
    assert (refused["code"], refused["table"]) == (code, table)
    assert all(r["code"] == "foreign_reference" for r in also)  # rows pointing at the refused one
    assert refused["record_id"] and "dealer" in refused["text"]
    assert dump(w.db) == before
    with w.db.session() as s:
        assert s.scalar(select(HqRefusal.code).where(HqRefusal.sequence == w.seq)) == code
    alive(w)

    # By file, through `hq import`: the same refusal, named, recorded, nothing changed.
    path = w.tmp / "drop" / "attack.casefile"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(attack(w))
    r = hq_import(w, path)
    assert r.returncode == 1, r.stderr
    assert table in r.stderr and "refused" in r.stderr
    assert dump(w.db) == before
    alive(w)


def test_other_counters_of_the_dealer_never_pull_a_refused_change(world):
    w = world
    post(w, records_of_other_dealer(w))
    b = fresh_store(w.tmp / "b")
    connect(b, w.server.url, issue_code(w.db, "BJ01"), label="b")
    SyncClient(b).run_once()
    with b.session() as s:
        assert s.scalar(text("SELECT count(*) FROM customer WHERE name = 'planted'")) == 0


@pytest.mark.parametrize("code", ["SH02", "../../escape/x", "/tmp/abs", "ZZ99"])
def test_a_file_naming_another_dealer_is_refused_and_written_nowhere(world, code):
    w = world
    before = dump(w.db)
    dealer_id = w.sh_dealer if code == "SH02" else w.bj
    ev = dict(event(w, "case", "01a20000-0000-7000-8000-0000000000aa", 1), dealer_id=dealer_id)
    status, sealed = post(w, forge(w, events=[ev], dealer_id=dealer_id, dealer_code=code))
    assert status == 403 and sealed["error"]["code"] == "wrong_dealer"
    assert dump(w.db) == before
    assert not (w.tmp / "escape").exists() and not Path("/tmp/abs").exists()
    inbox = (w.tmp / "inbox").resolve()
    assert all(p.resolve().is_relative_to(inbox) for p in inbox.rglob("*"))
    assert {p.name for p in inbox.iterdir()} <= {w.me, w.sh.identity.store_id, "rejected"}
    with w.db.session() as s:
        assert s.scalar(select(HqRefusal.code).where(HqRefusal.sequence == w.seq)) == "wrong_dealer"
    alive(w)
    out = subprocess.run([sys.executable, "-m", "app", "hq", "refusals", "--db", w.url], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "wrong_dealer" in out.stdout and w.me in out.stdout


def _enrol(w, code: str, counter_id: str) -> httpx.Response:
    return httpx.post(w.server.url + "/v1/enrol", json={"code": code, "counter_id": counter_id}, timeout=10)


def test_enrolment_binds_once(world):
    w = world
    before = dump(w.db)
    # An SH02 code posted with BJ01 counter A's id: refused, A neither moved nor locked out.
    sh_code = issue_code(w.db, "SH02")
    before = dump(w.db)
    r = _enrol(w, sh_code, w.me)
    assert r.status_code == 403 and "already enrolled" in r.json()["error"]["message"]
    assert dump(w.db) == before
    assert SyncClient(w.a).run_once().sent == 0  # A's secret still works
    # The refused attempt did not use the code up: it still enrols a new SH02 counter, once.
    new = "01a20000-0000-7000-8000-00000000c0de"
    assert _enrol(w, sh_code, new).json()["dealer"]["code"] == "SH02"
    assert _enrol(w, sh_code, new).status_code == 403  # an enrolment replay
    assert _enrol(w, sh_code, "01a20000-0000-7000-8000-00000000c0df").status_code == 403  # a code used twice
    alive(w)


@pytest.mark.parametrize("bad", ["/" * 36, ".." + "/" * 34, "../../../../../../../../../../../x/y/", "A" * 36,
                                 "01A20000-0000-7000-8000-00000000C0DE"])
def test_counter_ids_must_be_uuids(world, bad):
    w = world
    before = dump(w.db)
    assert _enrol(w, issue_code(w.db, "BJ01"), bad).status_code == 422  # not a counter id: refused as input
    for path in ("/v1/casefiles",):
        r = httpx.post(w.server.url + path, content=b"{}", headers={"X-Counter": bad, "X-Nonce": "n"}, timeout=10)
        assert r.status_code == 415  # "{}" is no case file: refused before any counter is looked up
    for path in ("/v1/changes", "/v1/published"):
        r = httpx.get(w.server.url + path, headers={"X-Counter": bad, "X-Nonce": "n", "X-Auth": "x"}, timeout=10)
        assert r.status_code == 401
    after = dump(w.db)
    assert {t: v for t, v in after.items() if t != "hq_enrolment"} == {t: v for t, v in before.items() if t != "hq_enrolment"}
    alive(w)


def test_re_enrolment_is_head_offices_explicit_action(world):
    w = world
    with pytest.raises(Exception):
        issue_code(w.db, "SH02", replace=w.me)  # not a counter of SH02
    r = subprocess.run([sys.executable, "-m", "app", "hq", "enrol", "--db", w.url, "--dealer", "BJ01", "--replace", w.me],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    code = r.stdout.strip()
    assert _enrol(w, code, "01a20000-0000-7000-8000-00000000beef").status_code == 403  # for A only
    got = _enrol(w, code, w.me).json()
    assert got["counter_id"] == w.me and got["dealer"]["code"] == "BJ01" and got["secret"] != w.secret


def test_one_refused_change_never_blocks_the_others(world):
    """A counter's file holding one change head office can't store (a plate longer than
    PostgreSQL's column) still delivers every other change; the refused one is a Sync problem with
    the reason, and goes out again, whole, once corrected. The repair order that rode with the form
    (no change of its own) is sent again by `sync --retry` and, once corrected, leaves the problems
    with the form; the dealer's other counter gets the corrected rows."""
    w = world
    rows = [form_line("2026-11-03", f"BJ-RO-{i}", phone=f"1390000{i:04d}", plate=f"京B{i:05d}") for i in range(30)]
    import_feedback_file(w.a, csv_file(w.tmp / "a.csv", rows))
    with w.a.session() as s, s.begin():  # what a counter without the column limits lets in
        s.execute(text("UPDATE vehicle SET plate = :p WHERE plate = '京B00007'"), {"p": "京B" + "7" * 30})
    report = SyncClient(w.a).run_once()
    # Both changes naming that car are refused: the form's and its repair order's (orders travel too).
    assert report.sent == 1 and report.refused_changes == 2
    with w.db.session() as s:
        assert s.scalar(text("SELECT count(*) FROM feedback_form WHERE dealer_id = :d"), {"d": w.bj}) == 29
        # refused by the field catalogue's rule, before the database could refuse the file for it
        refs = s.scalars(select(HqRefusal).where(HqRefusal.code == "invalid_value")).all()
        assert sorted(r.entity_type for r in refs) == ["form", "order"]
        assert all(r.record_table == "vehicle" and r.reason["params"]["column"] == "plate" for r in refs)
        [ref] = [r for r in refs if r.entity_type == "form"]
        [order_ref] = [r for r in refs if r.entity_type == "order"]
    out = sync_cli(w, "--problems")
    assert out.returncode == 1 and "refused by head office" in out.stdout and "plate is 32 characters" in out.stdout
    assert "c1" in out.stdout
    # The order rode with the form: it has no change of its own, its record goes out again. Unchanged,
    # head office refuses it again, and the problem stays, saying so.
    [order_key] = [line.split()[1] for line in out.stdout.splitlines()
                   if line.startswith("Change c") and "(0 change(s))" in line]
    retry = sync_cli(w, "--retry", order_key)
    assert retry.returncode == 0 and "no change of its own" in retry.stdout, retry.stdout + retry.stderr
    report = SyncClient(w.a).run_once()
    assert (report.sent, report.refused_changes, report.settled) == (1, 1, 0)
    out = sync_cli(w, "--problems")
    assert out.returncode == 1 and f"Change {order_key} " in out.stdout and "Refused again (2 times)" in out.stdout
    # Corrected at the counter (a later change of the same form): it goes out with the refused events.
    with w.a.session() as s, s.begin():
        s.execute(text("UPDATE vehicle SET plate = '京B00007' WHERE plate LIKE '京B777%'"))
    from app.services.uow import UnitOfWork

    with UnitOfWork(w.a, None) as uow:
        form = uow.session.get(FeedbackForm, ref.entity_id)
        form.version += 1
        form.comment = "plate corrected"
        uow.record("form", form.id, "form.corrected", {"comment": "plate corrected"}, form.dealer_id, seq=form.version)
        uow.commit()
    report = SyncClient(w.a).run_once()
    # The form's file carries its repair order: head office takes both, and both refusals close.
    assert (report.refused_changes, report.settled) == (0, 2)
    with w.db.session() as s:
        assert s.scalar(text("SELECT count(*) FROM feedback_form WHERE dealer_id = :d"), {"d": w.bj}) == 30
        assert s.scalar(text("SELECT count(*) FROM event WHERE entity_id = :e"), {"e": ref.entity_id}) == 2
        assert s.scalar(select(RepairOrder.number).where(RepairOrder.id == order_ref.entity_id)) == "BJ-RO-7"
    out = sync_cli(w, "--problems")
    assert out.returncode == 0 and "No sync problems." in out.stdout, out.stdout
    # The dealer's other counter gets the corrected form, its repair order and the car as corrected.
    b = fresh_store(w.tmp / "b")
    connect(b, w.server.url, issue_code(w.db, "BJ01"), label="b")
    SyncClient(b).run_once()
    with b.session() as s:
        assert s.scalar(select(func.count()).select_from(FeedbackForm)) == 30
        assert s.get(FeedbackForm, ref.entity_id).comment == "plate corrected"
        order = s.get(RepairOrder, order_ref.entity_id)
        assert order.number == "BJ-RO-7" and s.get(Vehicle, order.vehicle_id).plate == "京B00007"
    b.close()


def sync_cli(w, *args: str) -> subprocess.CompletedProcess:
    """`recovery-desk sync ...` at counter A, as a separate process."""
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(w.tmp / "a"), "sync", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def kinds_held(store) -> Counter:
    with store.session() as s:
        return Counter(s.scalars(select(Event.kind)))


def import_at_a(w, path, dealer: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(w.tmp / "a"), "feedback", "import", str(path),
                           "--dealer", dealer], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_a_connected_counter_never_batches_another_dealers_forms(world):
    w = world
    before = count(w.a, Event)
    path = csv_file(w.tmp / "zz.csv", [form_line("2026-11-03", "ZZ-RO-1")])
    r = import_at_a(w, path, "ZZ99")
    assert r.returncode == 2 and "ZZ99" in r.stderr and "BJ01" in r.stderr
    assert count(w.a, Event) == before


def test_the_counters_own_code_in_lower_case_files_the_form_as_its_own_and_it_reaches_head_office(world):
    w = world
    before = kinds_held(w.a)
    path = csv_file(w.tmp / "bj.csv", [form_line("2026-11-03", "BJ-RO-1")])
    r = import_at_a(w, path, "bj01")
    assert r.returncode == 0, r.stderr
    new = kinds_held(w.a)
    new.subtract(before)
    # the one form, entered as BJ01's, and the import in the counter's audit trail
    assert +new == Counter({"form.created": 1, "import.feedback": 1}), +new
    received = count(w.db, SyncReceived)
    report = SyncClient(w.a).run_once()
    assert (report.sent, report.rejected, report.refused_changes) == (1, 0, 0), list_problems(w.a)
    assert count(w.db, SyncReceived) == received + 1
    with w.db.session() as s:
        assert s.scalars(select(FeedbackForm.dealer_id).join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
                         .where(RepairOrder.number == "BJ-RO-1")).all() == [w.bj]
