"""The command line acts as someone on a store with real users: `--as NAME` with the PIN, the role
checked, or refused with exit 2 and nothing changed; `demo` refuses a dealer's own store."""

import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from app.models import FeedbackForm
from app.models.store import open_store
from app.services.people import users
from tests.helpers import csv_file, form_line

PIN_ENV = "RECOVERY_DESK_PIN"


def cli(data_dir, *args, pin: str | None = None):
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    env.pop(PIN_ENV, None)
    if pin is not None:
        env[PIN_ENV] = pin
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def staffed(data_dir):
    store = open_store(data_dir)
    admin = users.create_first_admin(store, "admin", "管理员", "2468")
    users.create_user(store, "li", "李娜", "1357", "advisor", actor_id=admin.user_id)
    store.close()
    return admin


def forms(data_dir) -> list[tuple[str, str | None]]:
    store = open_store(data_dir)
    try:
        with store.session() as s:
            return list(s.execute(select(FeedbackForm.source, FeedbackForm.created_by)))
    finally:
        store.close()


def test_an_import_names_who_runs_it_or_is_refused(data_dir, tmp_path, staffed):
    f = csv_file(tmp_path / "forms.csv", [form_line("2026-11-02", "RO1"), form_line("2026-11-03", "RO2")])
    r = cli(data_dir, "feedback", "import", str(f))
    assert r.returncode == 2 and "--as NAME" in r.stderr and forms(data_dir) == []
    r = cli(data_dir, "feedback", "import", str(f), "--as", "admin")  # no PIN, no terminal to ask at
    assert r.returncode == 2 and PIN_ENV in r.stderr and forms(data_dir) == []
    r = cli(data_dir, "feedback", "import", str(f), "--as", "admin", pin="0000")
    assert r.returncode == 2 and "Wrong user name or PIN" in r.stderr and forms(data_dir) == []
    r = cli(data_dir, "feedback", "import", str(f), "--as", "li", pin="1357")
    assert r.returncode == 2 and "李娜 may not do this: it needs a Supervisor" in r.stderr and forms(data_dir) == []
    r = cli(data_dir, "feedback", "import", str(f), "--as", "admin", pin="2468")
    assert r.returncode == 0, r.stderr
    assert forms(data_dir) == [("import", staffed.user_id)] * 2  # the forms name who imported them


def test_a_script_pack_install_names_who_runs_it(data_dir, staffed):
    from app.foundation.paths import resources_dir

    pack = str(resources_dir() / "scripts" / "default.yaml")
    r = cli(data_dir, "scripts", "install", pack)
    assert r.returncode == 2 and "--as NAME" in r.stderr
    r = cli(data_dir, "scripts", "install", pack, "--as", "admin", pin="2468")
    assert r.returncode == 0, r.stderr


def test_demo_refuses_a_dealers_own_store_and_fills_a_new_one_twice(data_dir, tmp_path, staffed):
    r = cli(data_dir, "demo", "--forms", "5", "--cases", "0")
    assert r.returncode == 2 and "dealer's own data" in r.stderr and forms(data_dir) == []
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for _ in range(2):  # a demo store stays one: demo data may be added again
        r = cli(fresh, "demo", "--forms", "5", "--cases", "1")
        assert r.returncode == 0, r.stderr
    assert len(forms(fresh)) == 10


def test_a_fresh_store_needs_nobody(data_dir, tmp_path):
    f = csv_file(tmp_path / "forms.csv", [form_line("2026-11-02", "RO1")])
    assert cli(data_dir, "feedback", "import", str(f)).returncode == 0
    store = open_store(data_dir)
    try:
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(FeedbackForm)) == 1
    finally:
        store.close()
