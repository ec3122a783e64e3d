"""Early warnings across the network: two counters of BJ01 and head office on PostgreSQL work out the
same warnings under the same ids; one acknowledged at counter a (through the command line, as its
supervisor, the answer to its upload lost on the way) is acknowledged at counter b and at head office
after their next rounds, with its note; each place says alike which figure crossed (a grade warning's
travel: tests/unit/test_warning_figure.py); a counter of another dealer sees none of them. Head office's
window lists every dealer's warnings and the item drifting at both dealers."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.models import EarlyWarning, StoreMeta
from app.models.store import open_database
from app.services.people import users
from app.services.demo.sample_data import PLANTED_DRIFTS, fill_demo
from app.services.predict import warnings
from app.sync.client import SyncClient, SyncFailed
from tests.helpers import fresh_store
from tests.synchelp import enrol_in_process
from tests.system.test_cli_report import cli
from tests.system.test_sync_model import Faulty

pytestmark = pytest.mark.slow


def acknowledged(db_or_store) -> dict[str, str]:
    with db_or_store.session() as s:
        return dict(s.execute(select(EarlyWarning.id, EarlyWarning.note)
                              .where(EarlyWarning.acknowledged_at.is_not(None))).all())


def test_a_warning_acknowledged_at_one_counter_is_acknowledged_everywhere(tmp_path, pg_url_at_head, serve_in_process,
                                                                        qtbot):
    db = open_database(pg_url_at_head)
    inner = serve_in_process(db, tmp_path / "inbox")
    stores = {name: fresh_store(tmp_path / name) for name in ("a", "b", "other")}
    for name, s in stores.items():
        enrol_in_process(db, s, "SH02" if name == "other" else "BJ01")
    links = {name: Faulty(inner) for name in stores}  # a link that can lose an upload's answer

    def round_(name):
        SyncClient(stores[name], url="http://hq", transport=links[name]).run_once()

    try:
        fill_demo(stores["a"], 2500, 30, drifts=PLANTED_DRIFTS)  # a year of BJ01's forms and cases, at counter a
        fill_demo(stores["other"], 2500, 0, seed=11, drifts=PLANTED_DRIFTS)  # SH02's timeliness slides too
        for name in ("a", "other", "b", "b"):
            round_(name)
        assert stores["a"].identity.home_dealer_id == stores["b"].identity.home_dealer_id

        made = {name: set(warnings.refresh(stores[name])) for name in ("a", "b")}
        assert made["a"] and made["a"] == made["b"]  # the same warnings, by id, at both counters
        assert warnings.refresh_network(db) >= len(made["a"])
        with db.session() as s:  # the limits kept in head office's own table, for its next start
            assert json.loads(s.get(StoreMeta, warnings.LIMITS_KEY).value)
        with db.session() as s:
            at_hq = set(s.scalars(select(EarlyWarning.id).where(
                EarlyWarning.dealer_id == stores["a"].identity.home_dealer_id)))
        assert at_hq == made["a"]

        def figures(where):  # which figure crossed, and a grade warning's grades: the same everywhere
            with where.session() as s:
                return {(w.id, w.figure, json.dumps(w.grades, sort_keys=True)) for w in s.scalars(
                    select(EarlyWarning).where(EarlyWarning.dealer_id == stores["a"].identity.home_dealer_id))}

        assert figures(stores["a"]) == figures(stores["b"]) == figures(db)

        users.ensure_demo_users(stores["a"])
        [first, *_] = sorted(made["a"])
        r = cli(tmp_path / "a", "warn", "ack", first, "--note", "weekly talk with the workshop", "--as", "supervisor", pin="0000")
        assert r.returncode == 0 and "Acknowledged." in r.stdout, r.stderr
        # Again with another note: said so, the first note kept (it printed "Acknowledged." and dropped it).
        r = cli(tmp_path / "a", "warn", "ack", first, "--note", "another note", "--as", "supervisor", pin="0000")
        assert r.returncode == 0 and "acknowledged already; nothing changed" in r.stdout, r.stdout + r.stderr
        r = cli(tmp_path / "a", "warn", "ack", first, "--as", "张伟", pin="0000")  # an advisor may not
        assert r.returncode == 2 and "supervisor" in r.stderr.lower()

        links["a"].drop_next_answer = True  # the upload arrives; its answer is lost on the way back
        with pytest.raises(SyncFailed):
            round_("a")
        for name in ("a", "b", "b"):
            round_(name)
        want = {first: "weekly talk with the workshop"}
        for where in (stores["a"], stores["b"], db):
            assert acknowledged(where) == want
        listed = json.loads(cli(tmp_path / "b", "warn", "list", "--json").stdout)["warnings"]
        assert first not in {w["id"] for w in listed} and {w["id"] for w in listed} == made["a"] - {first}

        warnings.refresh(stores["other"])  # its own history only
        assert all(w.dealer == "SH02" for w in warnings.open_warnings(stores["other"]))
        with stores["other"].session() as s:
            assert not set(s.scalars(select(EarlyWarning.id))) & made["a"]

        # Head office's window: "Work out now", then every dealer's warnings and what rises at both.
        from PySide6.QtCore import Qt

        from app.ui.common.ops import Ops
        from app.ui.hq.hq_window import WARNINGS_TAB, HqWindow

        ops = Ops()
        window = HqWindow(db, ops, poll_ms=3_600_000)
        qtbot.addWidget(window)
        window.show()
        window.tabs.setCurrentIndex(WARNINGS_TAB)
        page = window.warnings
        qtbot.mouseClick(page.work, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.work.isEnabled(), timeout=600_000)
        t = page.table
        qtbot.waitUntil(lambda: {t.item(r, 0).text() for r in range(t.rowCount())} == {"BJ01", "SH02"})
        row = next(r for r in range(t.rowCount()) if t.item(r, 0).data(Qt.ItemDataRole.UserRole) == first)
        assert t.item(row, 8).text() == "weekly talk with the workshop"
        rising = {page.several.item(r, 0).text(): page.several.item(r, 1).text() for r in range(page.several.rowCount())}
        assert rising.get("Timeliness") == "BJ01, SH02", rising
        qtbot.waitUntil(lambda: not ops.busy)  # nothing still on its way to the page when it closes

        # An improvement action raised at counter a from a closed case travels with the case; its owner
        # completes it at counter b; everyone sees it done.
        from datetime import timedelta

        from app.foundation import clock
        from app.models import FailureCase, ImprovementAction

        with stores["a"].session() as s:
            number = s.scalar(select(FailureCase.number).where(FailureCase.closed_at.is_not(None),
                                                               FailureCase.root_cause != "").limit(1))
        due = (clock.today() + timedelta(days=30)).isoformat()
        r = cli(tmp_path / "a", "improve", "add", number, "--title", "Parts ordered at booking", "--due", due,
                "--owner", "张伟", "--as", "supervisor", pin="0000")
        assert r.returncode == 0, r.stderr
        action = r.stdout.strip()
        for name in ("a", "b"):
            round_(name)
        users.ensure_demo_users(stores["b"])
        r = cli(tmp_path / "b", "improve", "done", action, "--note", "done at b", "--as", "张伟", pin="0000")
        assert r.returncode == 0, r.stderr
        for name in ("b", "a"):
            round_(name)
        for where in (stores["a"], stores["b"], db):
            with where.session() as s:
                row = s.get(ImprovementAction, action)
                assert row is not None and row.done_note == "done at b" and row.title == "Parts ordered at booking"
        listed = json.loads(cli(tmp_path / "a", "improve", "list", "--json").stdout)["actions"]
        assert [(x["id"], x["done"], x["owner"]) for x in listed] == [(action, True, "张伟")]
    finally:
        for s in stores.values():
            s.close()
        db.close()
