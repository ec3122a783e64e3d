"""Program updates at the counter (app/sync/releases.py) against head office's app served in process,
the version rule, and the code paths that differ on Windows, taken here by setting the platform."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from app.foundation import paths, secrets, signing
from app.foundation.versions import newer, parse_version, version_number
from app.hq import releases as hq_releases
from app.models import SyncBlob
from app.models.store import open_database
from app.sync import found_problems, releases
from app.sync.client import SyncClient
from tests.helpers import fresh_store
from tests.synchelp import enrol_in_process


@pytest.mark.parametrize("text, parsed", [
    ("0.1.0", (0, 1, 0)), ("1", (1, 0, 0)), ("2.10", (2, 10, 0)), ("999.999.999", (999, 999, 999)),
    (" 1.2.3 ", (1, 2, 3)), ("1.2.3.4", None), ("01.2", None), ("1.x", None), ("", None), ("v1.2", None),
    ("1000.0.0", None), ("1..2", None), (None, None),
])
def test_versions_are_read_strictly(text, parsed):
    assert parse_version(text) == parsed


@pytest.mark.parametrize("a, b, is_newer", [
    ("0.10.0", "0.9.9", True), ("0.2.0", "0.1.0", True), ("0.1.0", "0.1.0", False), ("0.0.9", "0.1.0", False),
    ("1", "0.999.999", True), ("1.x", "0.1.0", False), ("0.2.0", "nonsense", False),
])
def test_newer_compares_numbers_not_text(a, b, is_newer):
    assert newer(a, b) is is_newer


def test_version_numbers_sort_as_versions():
    vs = ["0.9.9", "0.10.0", "1.0.0", "0.1.0", "10.0.0", "2.0.1"]
    assert sorted(vs, key=lambda v: version_number(parse_version(v))) == sorted(vs, key=parse_version)


@pytest.fixture
def counter_and_hq(tmp_path, new_hq_db, serve_in_process, monkeypatch):
    monkeypatch.setattr(releases, "this_platform", lambda: "linux")  # the same on a Windows test machine
    db = new_hq_db(tmp_path / "hq.sqlite3")
    store = fresh_store(tmp_path / "counter")
    enrol_in_process(db, store)
    transport = serve_in_process(db, tmp_path / "inbox")
    yield db, store, SyncClient(store, url="http://hq.test", transport=transport)
    store.close()
    db.close()


def _file(tmp_path, name, body=b"setup program"):
    p = tmp_path / name
    p.write_bytes(body * 1000)
    return p


def test_a_release_for_this_platform_is_kept_another_platforms_is_left(counter_and_hq, tmp_path):
    db, store, client = counter_and_hq
    hq_releases.publish_release(db, _file(tmp_path, "rd.exe"), "0.5.0")  # Windows: not for this counter
    hq_releases.publish_release(db, _file(tmp_path, "rd.deb", b"debian"), "0.4.0")
    report = client.run_once()
    assert report.published == 1
    found = releases.ready(tmp_path / "counter")
    assert (found.version, found.platform, found.path.name) == ("0.4.0", "linux", "rd.deb")
    assert found.path.read_bytes() == b"debian" * 1000
    assert releases.ready(tmp_path / "counter", running="0.4.0") is None  # installed: nothing waits
    assert client.run_once().published == 0  # nothing new


def test_a_damaged_file_or_a_forged_manifest_is_refused_and_listed(counter_and_hq, tmp_path):
    db, store, client = counter_and_hq
    r = hq_releases.publish_release(db, _file(tmp_path, "a.deb"), "0.2.0")
    with db.session() as s, s.begin():
        s.get(SyncBlob, r.sha256).content = b"x" + (b"setup program" * 1000)[1:]
    client.run_once()
    [problem] = found_problems.release_problems(store)
    assert json.loads(problem["reason"])["code"] == "release_damaged"
    assert not list((tmp_path / "counter" / "updates").glob("*.deb"))
    assert client.state().problems == 1


def test_the_release_route_serves_only_release_files_of_the_callers_dealer(counter_and_hq, tmp_path):
    db, store, client = counter_and_hq
    other = SyncBlob(sha256="a" * 64, size=3, content=b"abc", received_at=None)
    with db.session() as s, s.begin():
        other.received_at = __import__("app.models", fromlist=["utcnow"]).utcnow()
        s.add(other)  # an attachment's hash: not a release, so not served by this route
    secret = client._secret()
    with client._http() as http:
        r, _nonce = client._authed(http, secret, "GET", "/v1/releases/" + "a" * 64)
        assert r.status_code == 404
        r = http.get("/v1/releases/" + "a" * 64)  # no credential at all
        assert r.status_code == 401


def test_head_office_refuses_bad_releases_and_stores_nothing(tmp_path, new_hq_db):
    from app.foundation.errors import InvalidInput

    db = new_hq_db(tmp_path / "hq.sqlite3")
    f = _file(tmp_path, "x.deb")
    hq_releases.publish_release(db, f, "1.0.0")
    for version, platform, name in [("1.0.0", None, "x.deb"), ("0.9", None, "x.deb"), ("1.0.0.1", None, "x.deb"),
                                    ("2.0.0", None, "x.zip")]:
        g = f if name == "x.deb" else _file(tmp_path, name)
        with pytest.raises(InvalidInput):
            hq_releases.publish_release(db, g, version, platform)
    # The same version for the other platform is a release of its own.
    assert hq_releases.publish_release(db, _file(tmp_path, "x.exe"), "1.0.0").platform == "windows"
    db.close()


# --- what differs on Windows ----------------------------------------------------------------------

class OsAs:
    """The ``os`` module as a module under test sees it, with another ``os.name`` (pathlib, pytest
    and everything else keep the real one)."""

    def __init__(self, name: str, **overrides) -> None:
        self.name = name
        self.__dict__.update(overrides)

    def __getattr__(self, attr):
        return getattr(os, attr)


def _ready(tmp_path, platform="windows", body=b"inno setup"):
    p = tmp_path / "updates" / "recovery-desk-0.9.0-setup.exe"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(body)
    return releases.Ready("0.9.0", platform, p, signing.sha256(body), len(body))


def test_only_the_installed_windows_program_installs_on_exit(tmp_path):
    found = _ready(tmp_path)
    assert releases.installs_on_exit(found, frozen=True, platform="windows")
    assert not releases.installs_on_exit(found, frozen=False, platform="windows")  # a checkout: say where it is
    assert not releases.installs_on_exit(found, frozen=True, platform="linux")
    assert not releases.installs_on_exit(_ready(tmp_path, "linux"), frozen=True, platform="linux")  # apt needs root
    assert releases.install_command(found)[1:] == ["/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
                                                   "/CLOSEAPPLICATIONS"]


def test_the_installer_starts_detached_and_only_with_its_checked_bytes(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda cmd, **kw: started.append((cmd, kw)))
    monkeypatch.setattr(releases, "os", OsAs("nt"))
    monkeypatch.setattr(subprocess, "DETACHED_PROCESS", 0x8, raising=False)
    monkeypatch.setattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200, raising=False)
    found = _ready(tmp_path)
    assert releases.start_install(found)
    [(cmd, kw)] = started
    assert cmd[0] == str(found.path) and kw["creationflags"] == 0x208  # outlives the desk that started it
    found.path.write_bytes(b"changed since it was checked")
    assert not releases.start_install(found) and not found.path.exists() and len(started) == 1


def test_windows_data_directory_comes_from_platformdirs(monkeypatch):
    import platformdirs

    seen = {}

    def fake(appname, appauthor=None, **kw):
        seen.update(appname=appname, appauthor=appauthor)
        return r"C:\Users\advisor\AppData\Local\RecoveryDesk"

    monkeypatch.setattr(platformdirs, "user_data_dir", fake)
    assert str(paths.default_data_dir()).endswith("RecoveryDesk")
    assert seen == {"appname": "RecoveryDesk", "appauthor": False}  # no "RecoveryDesk\RecoveryDesk" on Windows


def test_file_modes_are_posix_only(tmp_path, monkeypatch):
    """chmod 0600 means nothing on Windows: the per-user AppData folder's access list keeps the store
    private there, so nothing is changed and nothing is reported as repaired."""
    umasks = []
    monkeypatch.setattr(paths, "os", OsAs("nt", umask=lambda m: umasks.append(m) or 0,
                                          chmod=lambda *a: umasks.append(a)))
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "store.sqlite3").write_bytes(b"")
    os.chmod(tmp_path / "d" / "store.sqlite3", 0o644)
    paths.private_umask()
    assert umasks == [] and paths.make_private(tmp_path / "d") == []


def test_atomic_write_waits_out_a_file_held_open_on_windows(tmp_path, monkeypatch):
    """On Windows os.replace fails while another program (a virus scanner, a viewer) holds the target
    open; the write tries again for a moment instead of failing, and leaves no temp file behind."""
    target = tmp_path / "ready.json"
    target.write_bytes(b"old")
    real, calls = os.replace, []

    def held_twice(src, dst):
        calls.append(dst)
        if len(calls) <= 2:
            raise PermissionError(13, "The process cannot access the file because it is being used")
        real(src, dst)

    monkeypatch.setattr(paths, "os", OsAs("nt", replace=held_twice))
    monkeypatch.setattr(paths, "_pause", lambda s: None)
    paths.write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and len(calls) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["ready.json"]


def test_atomic_write_gives_up_on_a_file_held_for_good(tmp_path, monkeypatch):
    target = tmp_path / "ready.json"
    target.write_bytes(b"old")

    def held(src, dst):
        raise PermissionError(13, "in use")

    monkeypatch.setattr(paths, "os", OsAs("nt", replace=held))
    monkeypatch.setattr(paths, "_pause", lambda s: None)
    with pytest.raises(PermissionError):
        paths.write_atomic(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["ready.json"]


def test_windows_credential_locker_counts_as_a_secure_keyring(monkeypatch):
    import keyring
    from keyring.backends import Windows, fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: Windows.WinVaultKeyring.__new__(Windows.WinVaultKeyring))
    secrets.check_available()  # the Credential Locker: accepted
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    with pytest.raises(secrets.NoSecureKeyring):
        secrets.check_available()


def test_a_release_leaves_head_office_in_pieces_and_arrives_whole(counter_and_hq, tmp_path, monkeypatch):
    db, store, client = counter_and_hq
    monkeypatch.setattr(hq_releases, "CHUNK", 1000)  # 14 pieces, the last one short
    body = bytes(range(256)) * 53
    hq_releases.publish_release(db, _file(tmp_path, "p.deb", body[:13]), "0.7.0")
    assert client.run_once().published == 1
    found = releases.ready(tmp_path / "counter")
    assert found.path.read_bytes() == body[:13] * 1000 and found.size == 13000


@pytest.mark.parametrize("file, platform, kept", [
    ("recovery-desk-0.2.0-setup.exe", "windows", "recovery-desk-0.2.0-setup.exe"),
    ("recovery-desk_0.2.0_amd64.deb", "linux", "recovery-desk_0.2.0_amd64.deb"),
    ("..", "windows", "recovery-desk-0.2.0.exe"), ("../../evil.exe", "windows", "recovery-desk-0.2.0.exe"),
    ("C:\\Windows\\x.exe", "windows", "recovery-desk-0.2.0.exe"), (".hidden", "linux", "recovery-desk-0.2.0.deb"),
    ("ready.json", "linux", "recovery-desk-0.2.0.deb"), ("", "linux", "recovery-desk-0.2.0.deb"),
    (None, "windows", "recovery-desk-0.2.0.exe"),
])
def test_the_file_name_from_head_office_never_leaves_the_updates_folder(file, platform, kept):
    assert releases.safe_name(file, "0.2.0", platform) == kept
