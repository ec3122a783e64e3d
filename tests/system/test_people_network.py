"""People and the audit trail across the network, through the public command line and real processes:
head office on PostgreSQL behind `hq serve`, two counters of BJ01 and one of SH02. Counter 2 joins with
nobody of its own and gets the dealer's people; someone deactivated at counter 1 can't act at counter 2
after its next sync; a change of every kind made at counter 1 is an audit event at both counters and at
head office; SH02 never holds BJ01's people."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from tests.helpers import csv_file, form_line
from tests.system.hqserver import ROOT, HqServer
from tests.system.test_network_scenario import Network, sync

pytestmark = pytest.mark.slow

EVERY_KIND = {"user.added", "user.role_changed", "user.pin_reset", "user.deactivated", "user.reactivated",
              "setting.changed", "user.locked_out", "user.lockout_lifted", "scripts.installed", "import.feedback"}


def usernames(url: str, dealer_code: str | None = None) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            q = "SELECT u.username FROM app_user u JOIN dealer d ON d.id = u.dealer_id"
            if dealer_code:
                return set(c.execute(text(q + " WHERE d.code = :code"), {"code": dealer_code}).scalars())
            return set(c.execute(text(q)).scalars())
    finally:
        engine.dispose()


def event_kinds(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return set(c.execute(text("SELECT DISTINCT kind FROM event WHERE entity_type IN ('user', 'counter')"))
                       .scalars())
    finally:
        engine.dispose()


def store_url(data_dir) -> str:
    return f"sqlite:///{data_dir / 'store.sqlite3'}"


def test_people_and_every_change_travel_to_the_dealers_counters_and_head_office(tmp_path, pg_url_at_head,
                                                                                 secret_service):
    net = Network(tmp_path, secret_service)
    hq_db = pg_url_at_head
    c1, c2, sh = tmp_path / "bj01-counter1", tmp_path / "bj01-counter2", tmp_path / "sh02-counter"
    net.cli("hq", "dealer", "add", "--db", hq_db, "BJ01", "北京一店")
    net.cli("hq", "dealer", "add", "--db", hq_db, "SH02", "上海二店")
    server = HqServer(hq_db, tmp_path / "inbox", tmp_path / "server.log").start()
    try:
        def code(dealer):
            return net.cli("hq", "enrol", "--db", hq_db, "--dealer", dealer).stdout.strip()

        net.cli("--data-dir", c1, "connect", "--url", server.url, "--code", code("BJ01"), "--label", "BJ01 counter 1")
        net.act(c1, "people", admin="bj1admin",
                others=[["bj1sup", "王主管", "supervisor"], ["bj1adv", "李顾问", "advisor"]])
        net.cli("--data-dir", sh, "connect", "--url", server.url, "--code", code("SH02"), "--label", "SH02 counter")
        net.act(sh, "people", admin="sh1admin", others=[])
        # A change of every kind at counter 1, each by the person allowed to make it.
        net.act(c1, "manage", who="bj1admin", username="bj1adv", role="supervisor")
        net.act(c1, "manage", who="bj1admin", username="bj1adv", role="advisor", pin="1357")
        net.act(c1, "manage", who="bj1admin", username="bj1adv", active=False)
        net.act(c1, "manage", who="bj1admin", username="bj1adv", active=True)
        net.act(c1, "setting", who="bj1admin", values={"ui.lock_minutes": 5})
        assert net.act(c1, "wrong_pins", username="bj1sup", count=5) == {"waits": True}
        net.act(c1, "lift", who="bj1admin", username="bj1sup")
        pack = tmp_path / "pack.yaml"
        pack.write_text((ROOT / "resources" / "scripts" / "default.yaml").read_text("utf-8")
                        .replace("version: 1", "version: 2", 1), encoding="utf-8")
        net.cli("--data-dir", c1, "scripts", "install", pack, "--as", "bj1sup")
        rows = [form_line(net.day(1), "BJ1-RO-001", "AAB", advisor="李顾问", customer="客户甲", phone="13900001111",
                          plate="京A10001", overall="9")]
        net.cli("--data-dir", c1, "feedback", "import", csv_file(tmp_path / "bj1.csv", rows), "--as", "bj1admin")
        sync(net, c1)

        # Counter 2 joins with nobody of its own: the dealer's people come with its first round.
        net.cli("--data-dir", c2, "connect", "--url", server.url, "--code", code("BJ01"), "--label", "BJ01 counter 2")
        sync(net, c2)
        sync(net, sh)
        assert usernames(store_url(c2)) == {"bj1admin", "bj1sup", "bj1adv"}
        # Their PINs work there: the supervisor imports at counter 2 as themself.
        rows2 = [form_line(net.day(0), "BJ2-RO-001", "ABA", advisor="李顾问", customer="客户乙", phone="13900002222",
                           plate="京A20002", overall="8")]
        net.cli("--data-dir", c2, "feedback", "import", csv_file(tmp_path / "bj2.csv", rows2), "--as", "bj1sup")

        # Deactivated at counter 1: after counter 2's next sync they can't act there.
        net.act(c1, "manage", who="bj1admin", username="bj1sup", active=False)
        sync(net, c1)
        sync(net, c2)
        refused = net.cli("--data-dir", c2, "feedback", "import", csv_file(tmp_path / "bj3.csv", rows2), "--as",
                          "bj1sup", ok=False)
        assert refused.returncode == 2 and "Wrong user name or PIN" in refused.stderr, refused.stderr
        for _ in range(4):
            if all(sync(net, d) == (0, 0, 0) for d in (c1, c2, sh)):
                break
    finally:
        server.stop()

    # Every kind of change is in the audit trail at both counters and at head office.
    for name, url in (("counter 1", store_url(c1)), ("counter 2", store_url(c2)), ("head office", hq_db)):
        missing = EVERY_KIND - event_kinds(url)
        assert not missing, f"{name} lacks audit events of kind {sorted(missing)}"
    assert EVERY_KIND <= set(net.act(c2, "audit_kinds")["kinds"])  # and Settings > Audit trail lists them
    # SH02 holds only its own people and none of BJ01's changes; head office keeps both apart.
    assert usernames(store_url(sh)) == {"sh1admin"}
    assert event_kinds(store_url(sh)) == {"user.added"}
    assert usernames(hq_db, "SH02") == {"sh1admin"}
    assert usernames(hq_db, "BJ01") == {"bj1admin", "bj1sup", "bj1adv"}
