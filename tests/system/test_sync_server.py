"""A real intake server process (uvicorn on 127.0.0.1) and real counters syncing with it, on
SQLite and on a real PostgreSQL; faults: dropped answers, 500s, proxies, duplicates, tampering."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import select

from app.hq.counters import add_dealer, issue_code
from app.models import Event, FailureCase, HqCounter, SyncConflict, SyncFile, SyncReceived
from app.models.store import open_database
from app.sync import casefile, outbox
from app.foundation import signing
from app.sync.client import Offline, SyncClient, Unverified
from app.sync.connect import EnrolmentFailed, connect
from tests.helpers import fresh_store
from tests.synchelp import count, edit_case, event_ids, open_cases
from tests.system.hqserver import HqServer


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_url(request, tmp_path):
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_hq_url")
    return request.getfixturevalue("pg_url_at_head")


@pytest.fixture
def hq(hq_url, tmp_path):
    db = open_database(hq_url)
    add_dealer(db, "BJ01", "北京一店")
    server = HqServer(hq_url, tmp_path / "inbox", tmp_path / "server.log").start()
    yield db, server
    server.stop()
    db.close()


def counter(tmp_path, name, db, url):
    store = fresh_store(tmp_path / name)
    connect(store, url, issue_code(db, "BJ01"), label=name)
    return store


def test_two_counters_meet_at_head_office(hq, tmp_path):
    db, server = hq
    a = counter(tmp_path, "a", db, server.url)
    cases = open_cases(a, 5)
    report = SyncClient(a).run_once()
    assert (report.sent, report.acked_events, report.rejected) == (1, 5, 0)
    assert event_ids(db) == event_ids(a)
    assert outbox.counts(a).waiting_events == 0 and not list((tmp_path / "a" / "outbox").glob("*.casefile"))

    # A customer comes back at the other counter: the case is there, and an edit travels back.
    b = counter(tmp_path, "b", db, server.url)
    assert SyncClient(b).run_once().pulled_events == 5
    edit_case(b, cases[0], "parts ordered late")
    SyncClient(b).run_once()
    assert SyncClient(a).run_once().pulled_events == 1
    with a.session() as s:
        assert s.get(FailureCase, cases[0]).root_cause == "parts ordered late"
    with db.session() as s:
        assert s.get(FailureCase, cases[0]).version == 2
    assert event_ids(db) == event_ids(a) == event_ids(b)


def test_edits_of_one_case_in_two_places_are_a_conflict_with_both_kept(hq, tmp_path):
    db, server = hq
    a, b = counter(tmp_path, "a", db, server.url), counter(tmp_path, "b", db, server.url)
    [case] = open_cases(a, 1)
    SyncClient(a).run_once()
    SyncClient(b).run_once()
    edit_case(a, case, "cause seen at A")
    edit_case(b, case, "cause seen at B")
    SyncClient(a).run_once()
    report = SyncClient(b).run_once()
    assert report.conflicts == 1
    with db.session() as s:
        [c] = s.scalars(select(SyncConflict)).all()
        assert c.other_event["payload"] == {"root_cause": "cause seen at B"}
        assert s.get(FailureCase, case).root_cause == "cause seen at A"  # not overwritten
    assert outbox.counts(b).waiting_events == 0  # delivered and kept, not lost


def test_connection_dropped_mid_batch_resumes_without_duplicates(hq, tmp_path, monkeypatch):
    db, server = hq
    monkeypatch.setattr(outbox, "BATCH", 3)
    a = counter(tmp_path, "a", db, server.url)
    open_cases(a, 10)  # four files

    class DropSecondAnswer(httpx.HTTPTransport):
        posts = 0

        def handle_request(self, request):
            response = super().handle_request(request)
            if request.method == "POST":
                DropSecondAnswer.posts += 1
                if DropSecondAnswer.posts == 2:
                    response.close()
                    raise httpx.ReadError("connection reset by peer", request=request)
            return response

    with pytest.raises(Offline):
        SyncClient(a, transport=DropSecondAnswer()).run_once()
    assert count(db, SyncReceived) == 2  # head office stored the second file, the counter never heard
    # Files leave as they are filed: the round stopped at the second, the last four changes wait unfiled.
    assert [w.seq for w in outbox.waiting(a)] == [2]
    assert outbox.counts(a).unfiled_events == 4
    report = SyncClient(a).run_once()
    assert (report.sent, report.duplicates) == (3, 1)
    assert count(db, Event) == 10 and event_ids(db) == event_ids(a)
    assert outbox.counts(a).waiting_events == 0


@pytest.mark.parametrize("answer", [
    httpx.Response(500, text="Internal Server Error"),
    httpx.Response(200, text="<html>Welcome to Airport WiFi, please log in</html>"),
    httpx.Response(200, json={"data": {"status": "stored"}, "nonce": "x", "mac": "0" * 64}),
])
def test_only_a_sealed_acknowledgement_marks_a_file_sent(store, answer):
    from tests.synchelp import enrol_in_process

    db = open_database(f"sqlite:///{store.path.parent / 'hq.sqlite3'}")
    enrol_in_process(db, store)
    open_cases(store, 2)
    client = SyncClient(store, url="http://hq.invalid", transport=httpx.MockTransport(lambda r: answer))
    with pytest.raises((Offline, Unverified)):
        client.run_once()
    assert outbox.counts(store).waiting_events == 2
    assert client.state().online is False and client.state().waiting == 2
    with store.session() as s:
        assert s.scalar(select(SyncFile.status)) == "waiting"


def test_timeouts_retry_with_backoff_then_fail_clearly(store):
    from tests.synchelp import enrol_in_process

    db = open_database(f"sqlite:///{store.path.parent / 'hq.sqlite3'}")
    enrol_in_process(db, store)
    open_cases(store, 1)

    def slow(request):
        raise httpx.ReadTimeout("timed out", request=request)

    pauses = []
    client = SyncClient(store, url="http://hq.invalid", transport=httpx.MockTransport(slow))
    with pytest.raises(Offline) as info:
        client.run_once(retries=2, sleep=pauses.append)
    assert len(pauses) == 2 and pauses[1] > pauses[0]
    assert "1 change(s) wait" in info.value.render()


def _post(server, data: bytes, counter: str = "") -> httpx.Response:
    return httpx.post(server.url + "/v1/casefiles", content=data, headers={"X-Counter": counter, "X-Nonce": "n1"})


def test_server_refuses_precisely_and_imports_nothing(hq, tmp_path):
    db, server = hq
    a = counter(tmp_path, "a", db, server.url)
    open_cases(a, 2)
    [seq] = outbox.file_waiting(a)
    good = outbox.waiting(a)[0].path.read_bytes()
    me = a.identity.store_id

    tampered = good.replace(b"Customer 1", b"Customer 9")
    r = _post(server, tampered, me)
    assert r.status_code == 401 and r.json()["error"]["code"] == "bad_signature"
    r = _post(server, good[: len(good) - 40], me)
    assert r.status_code == 400 and r.json()["error"]["code"] == "truncated"
    r = _post(server, b"{}" + b" " * (casefile.MAX_FILE_BYTES + 1), me)
    assert r.status_code == 413 and r.json()["error"]["code"] == "oversize"
    stranger = json.loads(good)
    stranger["counter"] = stranger["signature"]["key"] = "01a20000-0000-7000-8000-00000000beef"
    r = _post(server, signing.canonical(stranger) + b"\n")
    assert r.status_code == 401 and r.json()["error"]["code"] == "unknown_counter"
    assert count(db, Event) == 0 and count(db, SyncReceived) == 0

    assert _post(server, good, me).json()["data"]["status"] == "stored"
    assert _post(server, good, me).json()["data"]["status"] == "duplicate"  # safe to call twice
    with db.session() as s:
        secret = s.get(HqCounter, me).secret
    replay = json.loads(good)
    replay["events"] = replay["events"][:1]
    del replay["signature"]
    r = _post(server, casefile.sign(replay, secret), me)  # genuine key, old sequence, other content
    assert r.status_code == 409 and r.json()["error"]["code"] == "replay"
    assert count(db, Event) == 2 and count(db, SyncReceived) == 1
    assert server.inbox.joinpath(me).is_dir()  # named by the enrolled counter, never by the file


def test_openapi_describes_the_service(hq):
    _, server = hq
    spec = httpx.get(server.url + "/openapi.json").json()
    assert {"/v1/casefiles", "/v1/enrol", "/v1/changes", "/v1/published"} <= set(spec["paths"])


def test_a_wrong_or_used_enrolment_code_is_refused(hq, tmp_path):
    db, server = hq
    store = fresh_store(tmp_path / "c")
    code = issue_code(db, "BJ01")
    connect(store, server.url, code)
    other = fresh_store(tmp_path / "d")
    with pytest.raises(EnrolmentFailed, match="already used"):
        connect(other, server.url, code)


def test_published_settings_and_script_packs_reach_the_counter(hq, tmp_path):
    from app.hq.publish import publish
    from app.scripts.library import bundled_pack_path, library_for
    from app.services import settings

    db, server = hq
    a = counter(tmp_path, "a", db, server.url)
    (tmp_path / "s.json").write_text('{"settings": {"assessment.reward_amount": 1500}}')
    pack = bundled_pack_path().read_text(encoding="utf-8").replace("version: 1", "version: 2027", 1)
    (tmp_path / "pack-2027.yaml").write_text(pack, encoding="utf-8")
    publish(db, tmp_path / "s.json")
    publish(db, tmp_path / "pack-2027.yaml", "BJ01")
    assert SyncClient(a).run_once().published == 2
    with a.session() as s:
        assert settings.get(s, "assessment.reward_amount") == 1500
    assert (tmp_path / "a" / "scripts" / "active.yaml").read_text(encoding="utf-8") == pack
    lib = library_for(tmp_path / "a")
    assert lib.pack.label == "default@2027" and lib.origin.kind == "hq"
    assert SyncClient(a).run_once().published == 0


def test_a_refused_file_becomes_a_sync_problem_and_can_be_sent_again(hq, tmp_path):
    from app.hq.counters import add_dealer as add
    from app.sync.problems import list_problems, render_reason, send_again

    db, server = hq
    a = counter(tmp_path, "a", db, server.url)
    open_cases(a, 3)
    other = add(db, "SH02", "上海二店")
    with db.session() as s, s.begin():  # head office filed the counter under the wrong dealer
        s.get(HqCounter, a.identity.store_id).dealer_id = other.id
    report = SyncClient(a).run_once()
    assert (report.sent, report.rejected) == (0, 1)
    [problem] = list_problems(a)
    assert problem.kind == "refused" and problem.changes == 3
    assert "enrolled for another dealer" in render_reason(problem.detail)
    assert SyncClient(a).state().problems == 1
    assert count(db, Event) == 0

    with db.session() as s, s.begin():  # fixed at head office; the advisor sends it again
        s.get(HqCounter, a.identity.store_id).dealer_id = _dealer_id(s, "BJ01")
    assert send_again(a, problem.key) == 3
    report = SyncClient(a).run_once()
    assert (report.sent, report.rejected, report.acked_events) == (1, 0, 3)
    assert list_problems(a) == [] and count(db, Event) == 3


def _dealer_id(s, code):
    from app.models import Dealer

    return s.scalar(select(Dealer.id).where(Dealer.code == code))


def test_head_office_exports_csv_and_xlsx_for_its_own_analysis(hq, tmp_path):
    import csv

    from openpyxl import load_workbook

    from app.hq.export import export_central
    from app.services.demo.sample_data import fill_demo

    db, server = hq
    a = counter(tmp_path, "a", db, server.url)
    fill_demo(a, forms=12, cases=3)
    SyncClient(a).run_once()
    counts = export_central(db, tmp_path / "out")
    assert counts == {"feedback_form": 12, "failure_case": 3, "sync_conflict": 0}
    with open(tmp_path / "out" / "failure_case.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert {r["dealer_code"] for r in rows} == {"BJ01"} and len(rows) == 3
    wb = load_workbook(tmp_path / "out" / "recovery-desk.xlsx")
    sheet = wb["feedback_form"]
    assert sheet.max_row == 13 and next(sheet.iter_rows(values_only=True))[0] == "dealer_code"


def test_a_supervisor_resolves_a_conflict_and_the_resolution_syncs(hq, tmp_path):
    from app.hq.counters import open_conflicts
    from app.hq.resolve import resolve

    db, server = hq
    a, b = counter(tmp_path, "a", db, server.url), counter(tmp_path, "b", db, server.url)
    [case] = open_cases(a, 1)
    SyncClient(a).run_once()
    SyncClient(b).run_once()
    edit_case(a, case, "cause seen at A")
    edit_case(b, case, "cause seen at B")
    SyncClient(a).run_once()
    SyncClient(b).run_once()
    [c] = open_conflicts(db)
    done = resolve(db, c.id, "other", note="B spoke to the customer")
    assert done.version == 3 and "root_cause" in done.changed
    SyncClient(a).run_once()
    SyncClient(b).run_once()
    for side in (db, a, b):
        with side.session() as s:
            row = s.get(FailureCase, case)
            assert (row.version, row.root_cause) == (3, "cause seen at B")
            assert s.scalar(select(SyncConflict.id).where(SyncConflict.resolved_at.is_(None))) is None
    # Work goes on normally afterwards, from either counter.
    edit_case(a, case, "parts replaced")
    SyncClient(a).run_once()
    SyncClient(b).run_once()
    with b.session() as s:
        assert s.get(FailureCase, case).root_cause == "parts replaced"
    assert open_conflicts(db) == []


def test_attachments_travel_by_hash_and_only_when_missing(hq, tmp_path):
    from app.hq.blobs import load
    from app.services.cases import attachments  # what the desk calls

    db, server = hq
    a, b = counter(tmp_path, "a", db, server.url), counter(tmp_path, "b", db, server.url)
    first, second = open_cases(a, 2)
    photo = tmp_path / "dent.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo of the dent" * 1000)
    ref = attachments.add_attachment(a, first, photo, None)
    assert SyncClient(a).run_once().attachments_sent == 1
    assert load(db, ref.sha256) == photo.read_bytes()
    attachments.add_attachment(a, second, photo, None)  # the same picture again: head office has it already
    assert SyncClient(a).run_once().attachments_sent == 0

    assert SyncClient(b).run_once().attachments_fetched == 1  # the other counter gets the case and its picture
    assert attachments.blob_path(b, ref.sha256).read_bytes() == photo.read_bytes()


def test_attachments_go_on_the_usb_stick_too(tmp_path, hq_url):
    from app.hq.blobs import load
    from app.hq.importer import import_paths
    from app.services.cases import attachments
    from tests.synchelp import enrol_in_process

    db = open_database(hq_url)
    store = fresh_store(tmp_path / "c")
    enrol_in_process(db, store)
    [case] = open_cases(store, 1)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 signed callback sheet")
    ref = attachments.add_attachment(store, case, tmp_path / "scan.pdf", None)
    outbox.export(store, tmp_path / "usb")
    assert (tmp_path / "usb" / "attachments" / ref.sha256[:2] / ref.sha256).is_file()
    (tmp_path / "usb" / "attachments" / "00").mkdir()
    (tmp_path / "usb" / "attachments" / "00" / ("0" * 64)).write_bytes(b"not what the name says")
    summary = import_paths(db, [tmp_path / "usb"])
    assert summary.count("imported") == 1
    assert load(db, ref.sha256) == b"%PDF-1.4 signed callback sheet" and load(db, "0" * 64) is None


def test_a_published_setting_this_version_does_not_know_is_not_used(hq, tmp_path):
    from app.models import SyncPublished, utcnow
    from app.services import settings

    db, server = hq
    a = counter(tmp_path, "a", db, server.url)
    bad = b'{"settings": {"assessment.reward_amount": "lots", "future.setting": 3}}'
    good = b'{"settings": {"assessment.penalty_amount": 800}}'
    with db.session() as s, s.begin():  # as a newer head office might publish
        for n, data in enumerate((bad, good), 1):
            s.add(SyncPublished(dealer_id=None, kind="settings", name="settings", version=n,
                                sha256=signing.sha256(data), content=data, published_at=utcnow()))
    report = SyncClient(a).run_once()
    assert report.published == 1
    with a.session() as s:
        assert settings.get(s, "assessment.reward_amount") == 1000  # unchanged default
        assert settings.get(s, "assessment.penalty_amount") == 800
    assert SyncClient(a).run_once().published == 0  # not stuck on the bad one
