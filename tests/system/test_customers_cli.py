"""`customers find|merge` as a supervisor runs them, in separate processes: refused with exit 2 and
nothing changed, or merged with the history kept."""

import os
import subprocess
import sys
from datetime import timedelta

from sqlalchemy import select

from app.foundation import clock
from app.models import Customer, Event
from app.models.store import open_store
from app.services.cases import complaints
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from tests.synchelp import new_case


def cli(data_dir, *args, pin=None):
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    env.pop("RECOVERY_DESK_PIN", None)
    if pin is not None:
        env["RECOVERY_DESK_PIN"] = pin
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, env=env, timeout=120)


def _ids(data_dir) -> list[str]:
    store = open_store(data_dir)
    try:
        with store.session() as s:
            return list(s.scalars(select(Customer.id).order_by(Customer.created_at, Customer.id)))
    finally:
        store.close()


def test_a_supervisor_merges_two_records_from_the_command_line(data_dir):
    store = open_store(data_dir)
    admin = users.create_first_admin(store, "admin", "管理员", "2468")
    users.create_user(store, "sup", "Zhao Supervisor", "1357", "supervisor", actor_id=admin.user_id)
    users.create_user(store, "li", "Li Advisor", "1111", "advisor", actor_id=admin.user_id)
    complaints.record_complaint(store, new_case(customer_name="李明", phone="13812345678", plate="京A12345"),
                                admin.user_id)
    feedback_forms.enter_form(store, feedback_forms.FormEntry(
        "RO7", clock.today() - timedelta(days=1), "李明", "13900000001", "京B22222", "A", "B", "C"), admin)
    store.close()
    found = cli(data_dir, "customers", "find", "1390000")
    assert found.returncode == 0 and "13900000001" in found.stdout and "13812345678" not in found.stdout
    # A family name alone finds both records (one character printed nothing: two were needed).
    by_family = cli(data_dir, "customers", "find", "李")
    assert by_family.returncode == 0 and sorted(line.split("\t")[2] for line in by_family.stdout.splitlines()) == [
        "13812345678", "13900000001"], by_family.stdout
    for nothing in ("Z", "zzz"):  # too short, or nobody: said so (it printed nothing at all)
        r = cli(data_dir, "customers", "find", nothing)
        assert r.returncode == 0 and r.stdout == "" and f'starts with "{nothing}"' in r.stderr, r.stderr
    keep, other = _ids(data_dir)
    args = ["customers", "merge", "--keep", keep, "--merge", other]
    for extra, pin, words in (([], None, "--as NAME"), (["--as", "li"], "1111", "Li Advisor may not do this"),
                              (["--as", "sup"], "0000", "Wrong user name or PIN")):
        r = cli(data_dir, *args, *extra, pin=pin)
        assert r.returncode == 2 and words in r.stderr, r.stderr
        assert _ids(data_dir) == [keep, other]
    r = cli(data_dir, "customers", "merge", "--keep", keep, "--merge", keep, "--as", "sup", pin="1357")
    assert r.returncode == 2 and "two different records" in r.stderr
    r = cli(data_dir, *args, "--as", "sup", pin="1357")
    assert r.returncode == 0, r.stderr
    assert "1 forms moved" in r.stdout and _ids(data_dir) == [keep]
    store = open_store(data_dir)
    try:
        with store.session() as s:
            sup = users.sign_in(store, "sup", "1357")
            assert s.scalar(select(Event.actor_id).where(Event.kind == "form.customer_merged")) == sup.user_id
    finally:
        store.close()
