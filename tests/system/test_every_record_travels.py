"""Every record a person's work creates, through the services the desk calls, reaches head office and
the dealer's other counter exactly once, with the same events; on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.foundation import clock
from app.hq.counters import add_dealer
from app.models import Event, SyncReceived
from app.models.store import open_database
from app.rules.vocab import StepKind
from app.scripts.library import library_for
from app.services import settings
from app.services.today import alerts
from app.services.cases.attachments import add_attachment
from app.services.recovery.callbacks import callbacks_due, record_not_reached, record_reached
from app.services.cases.complaints import record_complaint
from app.services.feedback.forms import FormEntry, correct_form, enter_form
from app.services.orders.store import import_orders_file
from app.services.recovery.guide import close_case, guide, record_step
from app.services.recovery.remedies import approve_remedy, propose_remedy
from app.services.feedback.verification import draw_sample, record_call
from app.sync import tables
from app.sync.apply import apply_file
from app.sync.client import SyncClient
from tests.helpers import fresh_store
from tests.recovery_helpers import add_user
from tests.synchelp import enrol_in_process, new_case

# Every file head office takes in here is checked for ownership both ways, the answers compared.
pytestmark = pytest.mark.usefixtures("both_ownership_paths")

PACK = library_for(None).pack


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_url(request, tmp_path):
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_hq_url")
    return request.getfixturevalue("pg_url_at_head")


def rows(db_or_store) -> dict[str, dict[str, dict]]:
    """Every synced table, every column but the private ones, by id."""
    out = {}
    with db_or_store.session() as s:
        for spec in tables.SYNCED:
            cols = [c for c in spec.table.columns if c.key not in spec.private]
            out[spec.name] = {r.id: dict(r._mapping) for r in s.execute(select(*cols))}
    return out


def events(db_or_store) -> dict[tuple[str, str], list[tuple]]:
    with db_or_store.session() as s:
        out: dict[tuple[str, str], list[tuple]] = {}
        for e in s.scalars(select(Event).order_by(Event.entity_type, Event.entity_id, Event.seq)):
            out.setdefault((e.entity_type, e.entity_id), []).append(
                (e.seq, e.id, e.kind, e.payload, e.actor_id, e.origin, e.occurred_at))
        return out


def entry(ro: str, grades: str, overall: int, comment: str = "") -> FormEntry:
    return FormEntry(repair_order=ro, service_date=clock.today(), customer_name="王芳", phone="13812345678",
                     plate="京A12345", timeliness=grades[0], repair_quality=grades[1], attitude=grades[2],
                     overall=overall, comment=comment)


def desk_work(store, tmp_path) -> dict:
    """One of everything, as the desk makes it."""
    # People travel with the work that names them (a user no change names stays at the counter).
    adv_id, sup_id = add_user(store, "张伟", "advisor"), add_user(store, "刘主管", "supervisor")
    adv = SimpleNamespace(user_id=adv_id, is_supervisor=False, display_name="张伟")
    sup = SimpleNamespace(user_id=sup_id, is_supervisor=True, display_name="刘主管")
    with store.session() as s, s.begin():
        settings.put(s, "remedy.limit.supervisor", 3000)
        settings.put(s, "verification.sample_size", 10)
    failing = enter_form(store, entry("RO-1", "EED", 2, "异响没修好"), adv)
    assert failing.failure and failing.alert_ids
    correct_form(store, failing.form_id, {"comment": "异响没修好，等了两小时"}, adv, expected_version=failing.version)
    good = [enter_form(store, entry(f"RO-{i}", "AAB", 9), adv) for i in (2, 3)]

    case = record_complaint(store, new_case(1, form_id=failing.form_id, customer_words="车还有异响"), adv_id).id
    at = clock.now()
    g = guide(store, case, PACK, now=at)
    for st in g.steps[g.current:]:
        at += timedelta(minutes=2)
        if st.step.kind == StepKind.OFFER_REMEDY:
            r = propose_remedy(store, case, "voucher", 500, "", adv_id, now=at)  # above the advisor's 300
            assert r.status == "pending_approval"
            approve_remedy(store, r.id, sup_id, "同意", now=at)
        record_step(store, case, PACK, st.step.index, "done", "", adv_id, now=at)
    [cb] = [c for c in callbacks_due(store, now=at + timedelta(days=30)) if c.case_id == case]
    record_not_reached(store, cb.id, adv_id, "无人接听", now=at + timedelta(hours=1))
    record_reached(store, cb.id, 9, "满意", adv_id, root_cause="试车不到位", improvement="交车前试车签字",
                   now=at + timedelta(hours=2))

    other = record_complaint(store, new_case(2), adv_id).id
    photo = tmp_path / "dent.jpg"
    photo.write_bytes(b"\xff\xd8\xff dent" * 100)
    add_attachment(store, other, photo, adv_id)
    record_step(store, other, PACK, guide(store, other, PACK).current, "done", "", adv_id)
    close_case(store, other, "客户自身使用不当", "交车时讲解使用方法", sup_id)

    drawn = draw_sample(store, sup_id, seed=1)
    assert len(drawn) >= 2
    record_call(store, drawn[0].id, "confirmed", "", sup_id)
    record_call(store, drawn[1].id, "disputed", "客户说没有填过这张表", sup_id)
    [alert] = alerts.open_alerts(store)
    alerts.acknowledge(store, alert.id, sup)
    # Repair orders from the management system: RO-1's form came first (the order fills it), RO-50 is
    # new and then changes.
    t = [(clock.local_now() - timedelta(hours=h)).strftime("%Y-%m-%d %H:%M") for h in (3, 2, 1)]
    head = "repair_order,opened,promised,delivered,advisor,customer,phone,plate,work_type,amount"
    orders = tmp_path / "dms.csv"
    for amount in ("680", "720"):
        orders.write_text(f"{head}\nRO-1,{t[0]},{t[1]},{t[2]},张伟,王芳,13812345678,京A12345,保养,300\n"
                          f"RO-50,{t[0]},{t[1]},{t[2]},张伟,李雷,13912345678,京B12345,钣喷,{amount}\n",
                          encoding="utf-8")
        import_orders_file(store, orders, actor_id=adv_id)
    # An early warning on the failing form, acknowledged, and an improvement action from the closed
    # case. Only the detection is stood in for (one form's history fires nothing): storing and
    # acknowledging are the product's own.
    from unittest import mock

    from app.services.predict import improvements, warnings
    from app.services.predict.monitor import DriftWarning

    fired = DriftWarning("item", "timeliness", "timeliness", clock.today(), clock.today(),
                         clock.today() - timedelta(days=9), 0.08, 4.0, 30, 9, ("RO-1",))
    with mock.patch.object(warnings.Monitor, "watch", lambda self, history: [fired]):
        [wid] = warnings.refresh(store)
    warnings.acknowledge(store, wid, sup, "早会讲交车时间")
    improvements.raise_action(store, other, "交车时讲解使用方法", adv_id, clock.today() + timedelta(days=30), sup)
    return {"advisor": adv_id, "supervisor": sup_id, "signed_supervisor": sup}


def test_every_record_arrives_once_everywhere_with_the_same_history(hq_url, tmp_path, serve_in_process):
    db = open_database(hq_url)
    add_dealer(db, "BJ01", "北京一店")
    transport = serve_in_process(db, tmp_path / "inbox")
    a, b = fresh_store(tmp_path / "a"), fresh_store(tmp_path / "b")
    try:
        for store in (a, b):
            enrol_in_process(db, store)
        people = desk_work(a, tmp_path)
        # Head office's improvement action for the dealer: pulled by the counter, completed there.
        from app.hq.improve import raise_for_dealers
        from app.services.predict.improvements import complete_action

        shared = raise_for_dealers(db, ["BJ01"], "到货前电话确认配件", clock.today() + timedelta(days=30),
                                   figure_subject="system").shares["BJ01"]

        def sync(store):
            return SyncClient(store, url="http://hq", transport=transport).run_once()

        sent = sync(a)
        from app.models import SyncFile
        with a.session() as s:
            why = [f.reason for f in s.scalars(select(SyncFile).where(SyncFile.status == "rejected"))]
        assert (sent.conflicts, sent.rejected) == (0, 0), why
        complete_action(a, shared, people["signed_supervisor"], "每单到货前确认")
        again = sync(a)
        assert (again.conflicts, again.rejected) == (0, 0)
        pulled = sync(b)
        # b pulls a's files and head office's own (its action, one event)
        assert (pulled.pulled_files, pulled.pulled_events) == (sent.sent + again.sent + 1,
                                                               sent.acked_events + again.acked_events + 1)
        want = rows(a)
        assert all(want[t] for t in tables.NAMES), {t: len(v) for t, v in want.items()}  # every kind was made
        for name, side in (("head office", db), ("counter 2", b)):
            got = rows(side)
            for table in tables.NAMES:
                assert got[table] == want[table], f"{table} differs at {name}"
            assert events(side) == events(a), f"history differs at {name}"

        # Again: nothing new, and the same file applied twice stores nothing twice.
        assert (sync(a).pulled_events, sync(b).pulled_events) == (0, 0)
        with db.session() as s:
            files = [r.content for r in s.scalars(select(SyncReceived).order_by(SyncReceived.n))]
        import json

        with b.session() as s, s.begin():
            for content in files:
                doc = json.loads(content)
                res = apply_file(s, doc["dealer"]["id"], doc["events"], doc["records"])
                assert (res.events_new, res.conflicts) == (0, [])
        for side in (db, b):
            assert rows(side) == want and events(side) == events(a)
    finally:
        a.close()
        b.close()
        db.close()
