"""A new version of the program reaches the counters through sync: `hq release` at a real `hq serve` on
PostgreSQL, `sync --once` and `sync --problems` at a counter, all as commands in their own processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import update

from app import __version__
from app.foundation import signing
from app.hq.counters import add_dealer, issue_code
from app.models import SyncBlob
from app.models.store import open_database
from tests.system.hqserver import ROOT, HqServer

pytestmark = pytest.mark.slow


def cli(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture
def keyring_env(tmp_path):
    """Child processes keep the counter's credential in a file of the test (never the real keyring)."""
    return dict(os.environ, PYTHON_KEYRING_BACKEND="tests.fake_keyring.TestFileKeyring", LANG="en_US.UTF-8",
                LC_ALL="en_US.UTF-8", TEST_KEYRING_FILE=str(tmp_path / "keyring.json"), PYTHONPATH=str(ROOT))


@pytest.fixture
def head_office(pg_url_at_head, tmp_path):
    db = open_database(pg_url_at_head)
    add_dealer(db, "BJ01", "北京一店")
    server = HqServer(pg_url_at_head, tmp_path / "inbox", tmp_path / "server.log").start()
    yield pg_url_at_head, db, server
    server.stop()
    db.close()


def package(tmp_path, version: str, suffix=".deb") -> tuple:
    path = tmp_path / f"recovery-desk_{version}{suffix}"
    path.write_bytes(f"package of {version}\n".encode() + bytes(range(256)) * 4000)
    return path, signing.sha256(path.read_bytes())


def test_a_release_reaches_a_counter_and_a_tampered_or_older_one_is_refused(head_office, tmp_path, keyring_env):
    url, db, server = head_office
    counter = tmp_path / "counter"
    data = ["--data-dir", str(counter)]
    r = cli(*data, "connect", "--url", server.url, "--code", issue_code(db, "BJ01"), env=keyring_env)
    assert r.returncode == 0, r.stderr
    updates = counter / "updates"

    # Older than the running program: head office may publish it (its first release), the counter refuses it.
    old, _ = package(tmp_path, "0.0.9")
    r = cli("hq", "release", "--db", url, str(old), "--version", "0.0.9", env=keyring_env)
    assert r.returncode == 0, r.stderr
    assert cli(*data, "sync", "--once", env=keyring_env).returncode == 0
    r = cli(*data, "sync", "--problems", env=keyring_env)
    assert r.returncode == 1
    assert f"update 0.0.9 from head office was refused: it is not newer than the version in use ({__version__})" \
        in r.stdout
    assert not any(updates.glob("*.deb"))

    # Bytes changed at head office after publishing: the counter's hash check refuses and deletes them.
    tampered, sha = package(tmp_path, "0.2.0")
    assert cli("hq", "release", "--db", url, str(tampered), "--version", "0.2.0", env=keyring_env).returncode == 0
    with db.session() as s, s.begin():
        changed = tampered.read_bytes().replace(b"package of 0.2.0", b"package of 0.2.1")
        s.execute(update(SyncBlob).where(SyncBlob.sha256 == sha).values(content=changed))
    assert cli(*data, "sync", "--once", env=keyring_env).returncode == 0
    r = cli(*data, "sync", "--problems", env=keyring_env)
    assert r.returncode == 1 and "update 0.2.0 from head office was refused: its file does not match" in r.stdout
    assert "0.0.9" in r.stdout  # the earlier refusal is still listed
    assert not any(updates.glob("*.deb")) and not (updates / "ready.json").exists()

    # Head office refuses a release not newer than its last one, and a version it can't read.
    assert cli("hq", "release", "--db", url, str(old), "--version", "0.2.0", env=keyring_env).returncode == 2
    r = cli("hq", "release", "--db", url, str(old), "--version", "1.x", env=keyring_env)
    assert r.returncode == 2 and "numbers with dots" in r.stderr

    # A good release arrives, verified, and waits in the data directory; the refusals are behind it.
    good, good_sha = package(tmp_path, "0.3.0")
    assert cli("hq", "release", "--db", url, str(good), "--version", "0.3.0", env=keyring_env).returncode == 0
    windows, _ = package(tmp_path, "0.4.0", ".exe")  # for Windows counters only: this one leaves it
    assert cli("hq", "release", "--db", url, str(windows), "--version", "0.4.0", env=keyring_env).returncode == 0
    r = cli(*data, "sync", "--once", env=keyring_env)
    assert r.returncode == 0, r.stderr
    assert "Version 0.3.0 of the program is downloaded and checked" in r.stdout
    kept = updates / good.name
    assert kept.read_bytes() == good.read_bytes()
    ready = json.loads((updates / "ready.json").read_text())
    assert (ready["version"], ready["sha256"], ready["platform"]) == ("0.3.0", good_sha, "linux")
    assert not any(updates.glob("*.exe"))
    r = cli(*data, "sync", "--problems", env=keyring_env)
    assert r.returncode == 0 and "No sync problems." in r.stdout
