"""Dealer identity through the real command line: two counters of one dealer that worked offline
connect to `hq serve` and sync, and head office has every case once, with unique numbers; `--dealer`
defaults to the store's dealer and names the dealers present instead of printing an empty report."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from app.foundation import clock
from app.hq.counters import add_dealer, issue_code
from app.models import FailureCase, HqCounter
from app.models.store import open_database
from tests.helpers import fresh_store
from tests.system.hqserver import ROOT, HqServer

pytestmark = pytest.mark.slow


def cli(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env or dict(os.environ, LANG="en_US.UTF-8"), timeout=300)


@pytest.fixture
def keyring_env(tmp_path):
    return dict(os.environ, LANG="en_US.UTF-8", PYTHON_KEYRING_BACKEND="tests.fake_keyring.TestFileKeyring",
                TEST_KEYRING_FILE=str(tmp_path / "keyring.json"), PYTHONPATH=str(ROOT))


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_url(request, tmp_path):
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_hq_url")
    return request.getfixturevalue("pg_url_at_head")


def _numbers(db_or_store) -> list[tuple[str, str | None]]:
    with db_or_store.session() as s:
        return list(s.execute(select(FailureCase.number, FailureCase.former_number)).all())


def test_two_offline_counters_of_one_dealer_connect_and_head_office_has_every_case_once(hq_url, tmp_path,
                                                                                      keyring_env):
    started = clock.today()  # the demo's month (the clock may pass midnight during the test)
    month = started.strftime("%y%m")
    db = open_database(hq_url)
    add_dealer(db, "BJ01", "北京一店")
    server = HqServer(hq_url, tmp_path / "inbox", tmp_path / "server.log").start()
    try:
        counters = []
        for name, seed in (("a", "3"), ("b", "4")):
            data = ["--data-dir", str(tmp_path / name)]
            r = cli(*data, "demo", "--forms", "60", "--cases", "25", "--seed", seed, env=keyring_env)
            assert r.returncode == 0, r.stderr
            r = cli(*data, "connect", "--url", server.url, "--code", issue_code(db, "BJ01"), "--label", name,
                    env=keyring_env)
            assert r.returncode == 0, r.stderr
            assert "renumbered" in r.stdout and "BJ01-YYMM-" in r.stdout
            counters.append(data)
        for _ in range(2):  # each counter sends, then fetches the other's
            for data in counters:
                r = cli(*data, "sync", "--once", env=keyring_env)
                assert r.returncode == 0, r.stdout + r.stderr
        for data in counters:
            assert "No sync problems" in cli(*data, "sync", "--problems", env=keyring_env).stdout

        with db.session() as s:
            tags = sorted(s.scalars(select(HqCounter.tag)))
            total = s.scalar(select(func.count()).select_from(FailureCase))
        assert tags == ["00", "01"]
        listed = cli("hq", "counters", "--db", hq_url)
        assert listed.returncode == 0 and "  00  a" in listed.stdout and "  01  b" in listed.stdout, listed.stdout
        assert "share" not in listed.stdout  # no number used twice
        numbers = _numbers(db)
        assert total == 50 and len({n for n, _ in numbers}) == 50  # every case once, every number unique
        assert all(n.startswith(("BJ01-",)) and n.split("-")[2] in tags for n, _ in numbers)
        assert all(old and old.startswith("LOCAL-") for _, old in numbers)
        assert any(n.startswith(f"BJ01-{month}-") for n, _ in numbers)

        # A new case after enrolment: the dealer's code and the counter's tag, after the highest number.
        from app.services.cases.opening import open_case
        from tests.synchelp import new_case

        a = fresh_store(tmp_path / "a")
        ref = open_case(a, new_case(99), None)
        # The month the case was opened in: at a month's last minute the clock may have passed midnight
        # since the files above were made, and a new month's numbers start again at 0001.
        opened = clock.local_now().strftime("%y%m")
        highest = max((int(n[-4:]) for n, _ in _numbers(a) if n.startswith(f"BJ01-{opened}-00-") and n != ref.number),
                      default=0)
        assert ref.number == f"BJ01-{opened}-00-{highest + 1:04d}"
        a.close()
        r = cli(*counters[0], "feedback", "summary", "--month", started.strftime("%Y-%m"), "--json",
                env=keyring_env)
        # Defaults to BJ01, the enrolled dealer (on a month's first day the demo may have no form yet).
        assert r.returncode == 0 and json.loads(r.stdout)["dealer"] == "BJ01", r.stdout + r.stderr
    finally:
        server.stop()
        db.close()


@pytest.mark.parametrize("args, code, words", [
    # The store's own dealer (LOCAL) has nothing; D001's data is there: named, with counts.
    (["feedback", "summary", "--month", "{month}"], 2, ["Dealer LOCAL has no feedback forms or cases", "D001",
                                                       "40 forms, 12 cases"]),
    (["report", "feedback", "--month", "{month}", "--out", "{out}", "--as", "supervisor"], 2, ["Dealer LOCAL has no", "D001"]),
    (["report", "cases", "--month", "{month}", "--out", "{out}", "--as", "supervisor"], 2, ["Dealer LOCAL has no", "D001"]),
    (["feedback", "summary", "--month", "{month}", "--dealer", "ZZ99"], 2, ['Dealer "ZZ99" is not in this store',
                                                                           "D001"]),
    (["feedback", "summary", "--month", "{month}", "--dealer", "d001"], 0, ["dealer D001"]),
    (["report", "cases", "--month", "{month}", "--out", "{out}", "--as", "supervisor", "--dealer", "D001"], 0, ["Wrote"]),
])
def test_dealer_defaults_to_the_store_and_names_the_dealers_present(tmp_path, args, code, words):
    data = ["--data-dir", str(tmp_path / "c")]
    assert cli(*data, "demo", "--forms", "40", "--cases", "12", "--dealer", "D001").returncode == 0
    filled = [a.format(month=clock.today().strftime("%Y-%m"), out=tmp_path / "r.pdf") for a in args]
    # The demo's people (PIN 0000) can sign in: a report names the one who prints it.
    r = cli(*data, *filled, env=dict(os.environ, LANG="en_US.UTF-8", RECOVERY_DESK_PIN="0000"))
    assert r.returncode == code, r.stdout + r.stderr
    for w in words:
        assert w in r.stdout + r.stderr
    if code:
        assert not (tmp_path / "r.pdf").exists()


def test_an_empty_store_still_prints_its_empty_report(tmp_path):
    r = cli("--data-dir", str(tmp_path / "c"), "feedback", "summary", "--month", "2026-05")
    assert r.returncode == 0 and "dealer LOCAL" in r.stdout
