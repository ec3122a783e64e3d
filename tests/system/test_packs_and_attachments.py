"""Attachments and what head office publishes, through the product's own paths: the desk's
add_attachment, a real `hq serve`, `hq publish` and `scripts show` / `sync --problems` as commands;
head office on SQLite and on PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.hq.counters import add_dealer, issue_code
from app.models import SyncBlob, SyncPublished, utcnow
from app.models.store import open_database
from app.scripts.library import bundled_pack_path, library_for
from app.services import settings
from app.services.cases import attachments
from app.foundation import signing
from app.sync.client import SyncClient
from app.sync.connect import connect
from app.sync.problems import list_problems, problem_text
from tests.helpers import fresh_store
from tests.synchelp import open_cases
from tests.system.hqserver import HqServer
from tests.system.test_cli import cli


@pytest.fixture(params=["sqlite", "postgresql"])
def hq(request, tmp_path):
    url = request.getfixturevalue("sqlite_hq_url") if request.param == "sqlite" else request.getfixturevalue("pg_url_at_head")
    db = open_database(url)
    add_dealer(db, "BJ01", "北京一店")
    add_dealer(db, "SH02", "上海二店")
    server = HqServer(url, tmp_path / "inbox", tmp_path / "server.log").start()
    yield url, db, server
    server.stop()
    db.close()


def counter(tmp_path, name, db, url, dealer="BJ01"):
    store = fresh_store(tmp_path / name)
    connect(store, url, issue_code(db, dealer), label=name)
    return store


def words(_ctx, text):
    return text


def test_a_photo_attached_at_counter_1_opens_at_counter_2(hq, tmp_path):
    url, db, server = hq
    a, b = counter(tmp_path, "a", db, server.url), counter(tmp_path, "b", db, server.url)
    [case] = open_cases(a, 1)
    photo = tmp_path / "dent.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 400)
    info = attachments.add_attachment(a, case, photo, None)  # what the desk's case panel calls
    assert info.path == tmp_path / "a" / "attachments" / info.sha256[:2] / info.sha256
    assert SyncClient(a).run_once().attachments_sent == 1
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncBlob)) == 1
    assert SyncClient(b).run_once().attachments_fetched == 1
    assert attachments.read_blob(b, info.sha256) == photo.read_bytes()  # verified against its SHA-256
    assert list_problems(a) == [] and list_problems(b) == []


def test_a_missing_file_is_a_sync_problem_at_both_counters_until_it_arrives(hq, tmp_path):
    url, db, server = hq
    a, b = counter(tmp_path, "a", db, server.url), counter(tmp_path, "b", db, server.url)
    [case] = open_cases(a, 1)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 signed callback sheet")
    info = attachments.add_attachment(a, case, tmp_path / "scan.pdf", None)
    kept = info.path.read_bytes()
    info.path.unlink()  # lost on disk before it was sent
    SyncClient(a).run_once()
    [p] = list_problems(a)
    assert p.kind == "attachment" and "scan.pdf" in problem_text(p, words) and "missing on this counter" in \
        problem_text(p, words)
    assert SyncClient(a).state().problems == 1
    r = cli(tmp_path / "a", "sync", "--problems")
    assert r.returncode == 1 and "scan.pdf" in r.stdout and "missing on this counter" in r.stdout

    SyncClient(b).run_once()  # the case arrives, its file can't: said so, not silent
    [q] = list_problems(b)
    assert q.kind == "attachment" and "not at head office yet" in problem_text(q, words)

    info.path.write_bytes(kept)  # found again: the next rounds send and fetch it, the problems clear
    assert SyncClient(a).run_once().attachments_sent == 1
    assert SyncClient(b).run_once().attachments_fetched == 1
    assert list_problems(a) == [] and list_problems(b) == []
    assert attachments.read_blob(b, info.sha256) == kept


def test_head_office_refuses_wrong_bytes_and_another_dealers_file(hq, tmp_path):
    url, db, server = hq
    a = counter(tmp_path, "a", db, server.url)
    other = counter(tmp_path, "x", db, server.url, dealer="SH02")
    [case] = open_cases(a, 1)
    (tmp_path / "p.png").write_bytes(b"\x89PNG private photo")
    info = attachments.add_attachment(a, case, tmp_path / "p.png", None)
    SyncClient(a).run_once()

    client = SyncClient(other)
    secret = client._secret()
    with client._http() as http:
        assert "not on a case of this dealer" in client._fetch_blob(http, secret, info.sha256, "p.png")
        sealed = client._sealed(http, secret, f"/v1/attachments/{'1' * 64}", "PUT", content=b"not those bytes")
        assert sealed["error"]["code"] == "bad_hash"
    with db.session() as s:
        assert s.get(SyncBlob, "1" * 64) is None


def test_a_damaged_local_file_is_not_sent(hq, tmp_path):
    url, db, server = hq
    a = counter(tmp_path, "a", db, server.url)
    [case] = open_cases(a, 1)
    (tmp_path / "p.png").write_bytes(b"\x89PNG photo")
    info = attachments.add_attachment(a, case, tmp_path / "p.png", None)
    info.path.write_bytes(b"\x89PNG photo, changed by something")
    assert SyncClient(a).run_once().attachments_sent == 0
    [p] = list_problems(a)
    assert "no longer matches its SHA-256" in problem_text(p, words)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncBlob)) == 0


def _pack(tmp_path, version: int, name="v.yaml", broken=False):
    text = bundled_pack_path().read_text(encoding="utf-8").replace("version: 1", f"version: {version}", 1)
    if broken:
        text = text.replace("kind: apologise", "kind: say_sorry", 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _published(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(SyncPublished))


def test_published_packs_go_live_and_bad_ones_are_refused(hq, tmp_path):
    url, db, server = hq
    a = counter(tmp_path, "a", db, server.url)
    assert "default@1" in cli(tmp_path / "a", "scripts", "show").stdout

    bad = _pack(tmp_path, 2, "bad.yaml", broken=True)
    r = cli(tmp_path / "hq", "hq", "publish", "--db", url, str(bad))
    bad_line = next(i for i, ln in enumerate(bad.read_text("utf-8").splitlines(), 1) if "say_sorry" in ln)
    assert r.returncode == 2 and f"bad.yaml:{bad_line}:" in r.stderr and 'unknown step kind "say_sorry"' in r.stderr
    assert _published(db) == 0  # nothing published

    r = cli(tmp_path / "hq", "hq", "publish", "--db", url, str(_pack(tmp_path, 2)))
    assert r.returncode == 0, r.stderr
    assert SyncClient(a).run_once().published == 1
    assert library_for(tmp_path / "a").pack.label == "default@2"  # live in this process at once
    r = cli(tmp_path / "a", "scripts", "show")  # and for the next start
    assert r.returncode == 0 and "default@2" in r.stdout and "published by head office on" in r.stdout
    r = cli(tmp_path / "hq", "hq", "publish", "--db", url, str(_pack(tmp_path, 2)))
    assert r.returncode == 2 and "not newer than version 2" in r.stderr

    # Arriving tampered with, or older than the active one (as an older head office might send):
    good3 = _pack(tmp_path, 3).read_bytes()
    old = _pack(tmp_path, 1).read_bytes()
    with db.session() as s, s.begin():
        s.add(SyncPublished(dealer_id=None, kind="scripts", name="default", version=3,
                            sha256=signing.sha256(good3), content=good3.replace(b"version: 3", b"version: 9"),
                            published_at=utcnow()))
        s.add(SyncPublished(dealer_id=None, kind="scripts", name="default", version=1, sha256=signing.sha256(old),
                            content=old, published_at=utcnow()))
    assert SyncClient(a).run_once().published == 0
    texts = [problem_text(p, words) for p in list_problems(a)]
    assert len(texts) == 2 and all(p.kind == "pack" for p in list_problems(a))
    assert "checksum does not match" in texts[0] and "not newer than the pack in use (default@2)" in texts[1]
    r = cli(tmp_path / "a", "sync", "--problems")
    assert "checksum does not match" in r.stdout and "default@2" in cli(tmp_path / "a", "scripts", "show").stdout


def test_a_broken_pack_that_reaches_the_counter_is_refused(hq, tmp_path):
    url, db, server = hq
    a = counter(tmp_path, "a", db, server.url)
    broken = _pack(tmp_path, 5, broken=True).read_bytes()
    with db.session() as s, s.begin():  # past a head office that did not check
        s.add(SyncPublished(dealer_id=None, kind="scripts", name="default", version=5,
                            sha256=signing.sha256(broken), content=broken, published_at=utcnow()))
    SyncClient(a).run_once()
    [p] = list_problems(a)
    assert 'unknown step kind "say_sorry"' in problem_text(p, words)
    assert library_for(tmp_path / "a").pack.label == "default@1"


def test_any_publishable_setting_publishes_from_a_fresh_process(hq, tmp_path):
    url, db, server = hq
    a = counter(tmp_path, "a", db, server.url)
    f = tmp_path / "s.json"
    f.write_text(json.dumps({"settings": {"cases.first_response_hours": 5, "feedback.correction_hours": 12}}))
    r = cli(tmp_path / "hq", "hq", "publish", "--db", url, str(f))
    assert r.returncode == 0, r.stderr
    f.write_text(json.dumps({"settings": {"ui.lock_minutes": 1}}))
    r = cli(tmp_path / "hq", "hq", "publish", "--db", url, str(f))
    assert r.returncode == 2 and "not a setting head office can publish" in r.stderr
    assert SyncClient(a).run_once().published == 1
    with a.session() as s:
        assert settings.get(s, "cases.first_response_hours") == 5
        assert settings.get(s, "feedback.correction_hours") == 12
