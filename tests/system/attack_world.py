"""The world the attack tests run in: head office (`hq serve` on PostgreSQL) with dealers BJ01 and
SH02, SH02's counter holding a photo at head office, BJ01's counter A (whose genuine secret an
attacker holds), and BJ01 counters run through the command line. Plus what every attack checks:
rows dumped before and after, the server answering and restarting on its inbox, its peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import httpx
from sqlalchemy import text

from app.foundation import secrets
from app.foundation.ids import new_id
from app.hq.counters import add_dealer, issue_code
from app.models.store import open_database
from app.services.cases.attachments import add_attachment
from app.services.imports.feedback_store import import_feedback_file
from app.sync import casefile, wire
from app.sync.client import SyncClient
from app.sync.connect import connect
from tests.helpers import csv_file, form_line, fresh_store
from tests.synchelp import open_cases
from tests.system.hqserver import HqServer

ROOT = Path(__file__).resolve().parents[2]
HQ_TABLES = ("dealer", "app_user", "customer", "vehicle", "repair_order", "feedback_form", "failure_case", "event",
             "attachment", "sync_conflict", "sync_blob", "hq_blob_holder", "sync_received", "hq_counter",
             "hq_enrolment")
COUNTER_TABLES = ("customer", "vehicle", "repair_order", "feedback_form", "failure_case", "event", "attachment",
                  "sync_conflict")
# Columns that move by design on every accepted request (last seen, clock skew) or are bytes.
SKIP = {"hq_counter": "id, dealer_id, secret", "sync_blob": "sha256, size", "sync_received": "n, counter_id, sequence, sha256"}


def make_world(pg_url: str, tmp: Path, *serve_args: str) -> SimpleNamespace:
    db = open_database(pg_url)
    add_dealer(db, "BJ01", "北京一店")
    add_dealer(db, "SH02", "上海二店")
    server = HqServer(pg_url, tmp / "inbox", tmp / "server.log", *serve_args).start()
    sh = fresh_store(tmp / "sh")
    connect(sh, server.url, issue_code(db, "SH02"), label="sh")
    [sh_case, _] = open_cases(sh, 2)
    photo = tmp / "sh-photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0SH02's customer's car, private" + os.urandom(64))
    blob = add_attachment(sh, sh_case, photo, None).sha256
    import_feedback_file(sh, csv_file(tmp / "sh.csv", [form_line("2026-11-02", "SH-RO-1")]))
    SyncClient(sh).run_once()
    a = fresh_store(tmp / "a")
    connect(a, server.url, issue_code(db, "BJ01"), label="a")
    open_cases(a, 1)
    SyncClient(a).run_once()
    env = dict(os.environ, LANG="en_US.UTF-8", PYTHON_KEYRING_BACKEND="tests.fake_keyring.TestFileKeyring",
               TEST_KEYRING_FILE=str(tmp / "keyring.json"), PYTHONPATH=str(ROOT))
    return SimpleNamespace(db=db, server=server, sh=sh, a=a, url=pg_url, tmp=tmp, env=env, sh_blob=blob,
                           sh_case=sh_case, me=a.identity.store_id,
                           secret=secrets.get(secrets.counter_key(a.identity.store_id)),
                           bj=a.identity.home_dealer_id, sh_dealer=sh.identity.home_dealer_id, seq=1000)


def close_world(w) -> None:
    w.server.stop()
    for store in (w.a, w.sh):
        store.close()
    w.db.close()


def cli(w, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          env=w.env, timeout=timeout)


def cli_counter(w, name: str, dealer: str = "BJ01", url: str | None = None) -> list[str]:
    """A counter set up and connected through the command line; its ``--data-dir`` arguments."""
    data = ["--data-dir", str(w.tmp / name)]
    r = cli(w, *data, "connect", "--url", url or w.server.url, "--code", issue_code(w.db, dealer), "--label", name)
    assert r.returncode == 0, r.stderr
    return data


def dump(db, tables=HQ_TABLES) -> dict:
    """Every row of every data table (what an attack must leave as it was)."""
    out = {}
    with db.session() as s:
        for t in tables:
            cols = SKIP.get(t, "*")
            rows = s.execute(text(f"SELECT {cols} FROM {t}")).mappings().all()
            out[t] = sorted(json.dumps(dict(r), default=str, sort_keys=True) for r in rows)
    return out


def dump_counter(data_dir: Path) -> dict:
    from app.models.store import open_store

    store = open_store(Path(data_dir))
    try:
        return dump(store, COUNTER_TABLES)
    finally:
        store.close()


def forge(w, *, events=(), records=None, sequence: int | None = None, **body_changes) -> bytes:
    """A file signed with counter A's genuine secret, saying whatever the attacker wants."""
    w.seq += 1
    body = casefile.build_body(dealer_id=w.bj, dealer_code="BJ01", counter=w.me, sequence=sequence or w.seq,
                               created_at="2026-11-18T02:00:00+00:00", events=list(events), records=records or {})
    body.update(body_changes)
    return casefile.sign(body, w.secret)


def event(w, entity_id: str | None = None, kind: str = "case.updated", **payload) -> dict:
    return {"id": new_id(), "entity_type": "case", "entity_id": entity_id or new_id(), "seq": 1, "kind": kind,
            "payload": payload or {"root_cause": "attacker"}, "actor_id": None, "dealer_id": w.bj, "origin": w.me,
            "occurred_at": "2026-11-18T02:00:00+00:00"}


def case_record(w, case_id: str, **values) -> dict:
    """A minimal BJ01 case row (with the customer and vehicle it points at) as a counter would send it."""
    return {"id": case_id, "dealer_id": w.bj, **values}


def post(w, data: bytes, url: str | None = None) -> tuple[int, dict, bytes]:
    """POST a case file as counter A; (status, the sealed content or the raw JSON, the raw body)."""
    nonce = wire.new_nonce()
    r = httpx.post((url or w.server.url) + "/v1/casefiles", content=data, timeout=120,
                   headers={"X-Counter": w.me, "X-Nonce": nonce,
                            "Content-Type": "application/vnd.recovery-desk.case-file+json"})
    try:
        doc = r.json()
    except ValueError:
        doc = {}
    sealed = wire.opened(w.secret, nonce, doc)
    return r.status_code, sealed if sealed is not None else doc, r.content


def authed(w, method: str, target: str, **kw) -> httpx.Response:
    nonce = wire.new_nonce()
    headers = {"X-Counter": w.me, "X-Nonce": nonce, "X-Auth": wire.request_mac(w.secret, method, target, nonce)}
    return httpx.request(method, w.server.url + target, headers=headers, timeout=60, **kw)


def assert_clean(body: bytes) -> None:
    """No traceback, path, SQL or database address in an answer."""
    low = body.lower()
    for leak in (b"traceback", b"/work/", b"/tmp/", b"select ", b"insert ", b"postgresql", b"psycopg", b'file "'):
        assert leak not in low, body[:500]


def alive(w) -> None:
    assert httpx.get(w.server.url + "/v1/health", timeout=30).status_code == 200


def restart(w) -> None:
    """Stop `hq serve` and start it again on the same inbox: it must come up, whatever the inbox holds."""
    w.server.stop()
    w.server.start()
    alive(w)


def report_rss(w, what: str, limit_mb: float = 400) -> float:
    peak = w.server.peak_rss_mb()
    print(f"\n{what}: hq serve peak RSS {peak:.0f} MB")
    assert peak < limit_mb, f"{what}: {peak:.0f} MB"
    return peak
