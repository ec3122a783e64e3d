"""Files whose text or numbers no database holds, sent by a counter with its genuine secret, left in
head office's inbox, imported from a folder, published: each refused with a 4xx (or exit 2) and its
reason, the good ones beside them stored, nothing else changed, `hq serve` answering and starting
again on its inbox."""

from __future__ import annotations

import json

import pytest

from app.sync import casefile
from tests.system.attack_world import (alive, assert_clean, cli, close_world, dump, event, forge, make_world, post,
                                       report_rss, restart)


@pytest.fixture
def world(pg_url_at_head, tmp_path):
    w = make_world(pg_url_at_head, tmp_path)
    yield w
    close_world(w)


def _signed_text(w, body_json: str) -> bytes:
    """A file whose canonical text is written by hand (what json.dumps would never write), signed as
    counter A signs: the signature covers the canonical bytes of the body."""
    return body_json.encode("utf-8", "surrogatepass")


def long_int(w) -> bytes:
    data = forge(w, events=[event(w, amount=1)]).decode()
    return data.replace('"amount":1', '"amount":' + "9" * 5000).encode()


def sequence_past_int32(w) -> bytes:
    return forge(w, events=[event(w)], sequence=2**31)


def seq_past_int32(w) -> bytes:
    e = dict(event(w), seq=2**31 + 5, base={"seq": 2**31 + 4, "event_id": "x" * 36})
    return forge(w, events=[e])


def lone_surrogate(w) -> bytes:
    data = forge(w, events=[event(w, root_cause="MARK")]).decode()
    return data.replace("MARK", "\\ud800").encode()


def nul_in_created_at(w) -> bytes:
    return forge(w, events=[event(w)], created_at="2026-11-18T02:00:00\x00+00:00")


def nan_number(w) -> bytes:
    data = forge(w, events=[event(w, amount=1)]).decode()
    return data.replace('"amount":1', '"amount":NaN').encode()


def deep_nesting(w) -> bytes:
    data = forge(w, events=[event(w, notes="MARK")]).decode()
    return data.replace('"MARK"', "[" * 200_000 + "]" * 200_000).encode()


WHOLE_FILE = [long_int, sequence_past_int32, seq_past_int32, lone_surrogate, nul_in_created_at, nan_number,
              deep_nesting]


@pytest.mark.parametrize("attack", WHOLE_FILE, ids=[a.__name__ for a in WHOLE_FILE])
def test_text_and_numbers_no_database_holds_are_refused_at_the_intake(world, attack):
    w = world
    before = dump(w.db)
    status, sealed, raw = post(w, attack(w))
    assert 400 <= status < 500, raw[:500]
    assert_clean(raw)
    err = sealed["error"]
    print(f"\n{attack.__name__}: {status} {err['code']}: {err['message']}")
    assert err["code"] in ("invalid", "not_a_case_file", "bad_signature") and err["message"]
    assert len(raw) < 4000  # the answer never echoes the file
    assert dump(w.db) == before
    alive(w)
    report_rss(w, attack.__name__)


def test_a_change_holding_nul_is_refused_alone_and_the_rest_stored(world):
    w = world
    good, bad = event(w, root_cause="fine"), event(w, root_cause="a\x00b")
    status, sealed, raw = post(w, forge(w, events=[good, bad]))
    assert status == 200, raw
    [refused] = sealed["data"]["refused"]
    assert refused["code"] == "invalid_value" and refused["entity_id"] == bad["entity_id"]
    assert refused["params"]["char"] == "0000"
    assert sealed["data"]["events_new"] == 1
    # the attachments of the dealer still come (the issue saw them break with a 500 after such a file)
    from tests.system.attack_world import authed

    assert authed(w, "GET", "/v1/changes?after=0").status_code == 200
    alive(w)


def test_nothing_in_the_inbox_keeps_the_server_from_starting(world):
    w = world
    inbox = w.tmp / "inbox" / w.me
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "00000901.casefile").write_bytes(b"\x00\xff not json at all")
    (inbox / "00000902.casefile").write_bytes(lone_surrogate(w))
    (inbox / "00000903.casefile").write_bytes(long_int(w))
    (inbox / "00000904.casefile").mkdir()  # not even a file
    (inbox / "00000905.casefile").write_bytes(forge(w, events=[event(w, root_cause="left from a crash")]))
    before = dump(w.db)
    restart(w)
    rejected = w.tmp / "inbox" / "rejected"
    aside = sorted(p.name for p in rejected.iterdir())
    print("\nset aside:", aside)
    for n in ("901", "902", "903", "904"):
        assert any(n in a and a.endswith(".reason.txt") for a in aside), aside
    assert not list(inbox.glob("0000090[1-4].casefile"))
    after = dump(w.db)
    assert len(after["event"]) == len(before["event"]) + 1  # the good one, left from a crash, went in
    out = cli(w, "hq", "refusals", "--db", w.url)
    assert out.returncode == 0 and "Traceback" not in out.stderr
    print(out.stdout)
    for code in ("not_a_case_file", "invalid", "unprocessable"):
        assert code in out.stdout, out.stdout
    restart(w)  # and again: what was set aside stays aside
    report_rss(w, "poisoned inbox")


def test_hq_import_of_a_folder_refuses_the_bad_files_and_imports_the_rest(world):
    w = world
    folder = w.tmp / "usb"
    folder.mkdir()
    files = {"1-good.casefile": forge(w, events=[event(w, root_cause="good one")]),
             "2-long-int.casefile": long_int(w), "3-surrogate.casefile": lone_surrogate(w),
             "4-deep.casefile": deep_nesting(w),
             "5-good.casefile": forge(w, events=[event(w, root_cause="good two")])}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    before = dump(w.db)
    # The world's forged files are numbered from 1001, far above what counter A sent: a gap on purpose.
    r = cli(w, "hq", "import", "--db", w.url, "--allow-gaps", str(folder))
    print("\n" + r.stdout + r.stderr)
    assert "Traceback" not in r.stderr and r.returncode == 1
    assert "5 file(s): 2 imported, 0 already present, 3 rejected" in r.stdout
    assert len(dump(w.db)["event"]) == len(before["event"]) + 2
    assert sorted(p.name for p in (folder / "rejected").glob("*.casefile")) == [
        "2-long-int.casefile", "3-surrogate.casefile", "4-deep.casefile"]
    alive(w)


@pytest.mark.parametrize("content", [
    '{"settings": {"assessment.reward_amount": ' + "9" * 5000 + "}}",
    '{"settings": {"assessment.reward_amount": 1e999}}',
    '{"settings": {"assessment.reward_amount": NaN}}',
    '{"settings": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"settings": {"assessment.reward_amount": ' + "[" * 50 + "1" + "]" * 50 + "}}",
    '{"settings": {"assessment.reward_amount": "\\u0000"}}',
], ids=["long-int", "huge-float", "nan", "very-deep", "deep", "nul"])
def test_hq_publish_refuses_malformed_settings_with_exit_2(world, content):
    w = world
    path = w.tmp / "settings.json"
    path.write_text(content)
    before = dump(w.db)
    r = cli(w, "hq", "publish", "--db", w.url, str(path))
    print("\n" + r.stderr[:300])
    assert r.returncode == 2 and "Traceback" not in r.stderr and "settings.json" in r.stderr
    assert len(r.stderr) < 2000
    assert dump(w.db) == before


def test_every_hq_command_taking_a_file_or_value_refuses_malformed_input_with_exit_2(world):
    w = world
    pack = w.tmp / "pack.yaml"
    pack.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    r = cli(w, "hq", "publish", "--db", w.url, str(pack))
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr[-2000:]
    r = cli(w, "hq", "resolve", "--db", w.url, "9" * 5000, "--keep", "applied")
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr[-2000:]
    r = cli(w, "hq", "enrol", "--db", w.url, "--dealer", "BJ\x01")
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr[-2000:]


def test_a_change_naming_an_id_with_nul_is_refused_alone_and_the_rest_stored(world):
    # Head office reads what it holds of every id a file names, the file's hostile ones too, in one
    # statement: an id no database can hold (NUL) is found nowhere there, and only its change is refused.
    w = world
    good, bad = event(w, root_cause="fine"), event(w, customer_id="\x00" * 36)
    odd = event(w, entity_id='{"a,b\\"},' + "x" * 27, root_cause="fine")  # what an array's text writes
    status, sealed, raw = post(w, forge(w, events=[good, bad, odd]))
    assert status == 200, raw
    assert [(r["code"], r["entity_id"], r["params"].get("char")) for r in sealed["data"]["refused"]] == [
        ("invalid_value", bad["entity_id"], "0000")]
    assert sealed["data"]["events_new"] == 2
    alive(w)
