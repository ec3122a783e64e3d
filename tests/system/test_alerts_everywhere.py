"""A failure form alerts supervisors once, however it arrives: typed at a counter, imported from a
CSV, or brought by sync to the dealer's other counter and to head office."""

from __future__ import annotations


from datetime import timedelta

import pytest
from sqlalchemy import select

from app.foundation import clock
from app.models import Alert, FeedbackForm, RepairOrder
from app.models.store import open_database
from app.services.today import alerts
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.imports.feedback_store import import_feedback_file
from app.sync.client import SyncClient
from tests.helpers import fresh_store
from tests.synchelp import enrol_in_process
from tests.system.test_cli_report import cli

HEADER = "date,repair_order,advisor,customer,phone,plate,timeliness,repair_quality,attitude,overall,verified,comment\n"


@pytest.fixture(params=["sqlite", "postgresql"])
def network(request, tmp_path, serve_in_process):
    """Two counters of BJ01 and head office on SQLite or, as in production, PostgreSQL."""
    url = request.getfixturevalue("pg_url_at_head") if request.param == "postgresql" else request.getfixturevalue("sqlite_hq_url")
    db = open_database(url)
    transport = serve_in_process(db, tmp_path / "inbox")
    stores = {name: fresh_store(tmp_path / name) for name in ("a", "b")}
    for s in stores.values():
        enrol_in_process(db, s)
    yield db, stores, transport
    for s in stores.values():
        s.close()
    db.close()


def sync_all(stores, transport, rounds=2):
    for _ in range(rounds):
        for s in stores.values():
            SyncClient(s, url="http://hq", transport=transport).run_once()


def failure_alerts(db_or_store) -> dict[str, str]:
    """{repair order number: alert id} of every failure-form alert held."""
    with db_or_store.session() as s:
        rows = s.execute(select(RepairOrder.number, Alert.id).join(FeedbackForm, FeedbackForm.id == Alert.form_id)
                         .join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
                         .where(Alert.kind == alerts.FAILURE_FORM)).all()
    assert len({n for n, _ in rows}) == len(rows), rows  # never two alerts for one form
    return dict(rows)


def form_ids(db_or_store) -> dict[str, str]:
    with db_or_store.session() as s:
        return dict(s.execute(select(RepairOrder.number, FeedbackForm.id)
                              .join(FeedbackForm, FeedbackForm.repair_order_id == RepairOrder.id)).all())


def test_typed_imported_and_synced_failure_forms_alert_once_at_every_counter_and_head_office(network, tmp_path):
    db, stores, transport = network
    admin = users.create_first_admin(stores["a"], "admin", "管理员", "1234")
    day = clock.today().isoformat()
    # Typed at counter a: a failure (E/E/D, overall 2) and a good form.
    for ro, grades, overall in (("RO-T1", "EED", 2), ("RO-T2", "AAB", 9)):
        feedback_forms.enter_form(stores["a"], feedback_forms.FormEntry(
            repair_order=ro, service_date=clock.today(), customer_name="王伟", phone="13812345678",
            plate="京A12345", timeliness=grades[0], repair_quality=grades[1], attitude=grades[2], overall=overall),
            admin)
    # Imported at counter b: a failure by its overall only, one by a D only, and a good one.
    csv = tmp_path / "forms.csv"
    csv.write_text(HEADER + f"{day},RO-I1,李娜,张三,13900000001,京B00001,A,A,A,7,no,\n"
                            f"{day},RO-I2,李娜,李四,13900000002,京B00002,A,D,B,,no,\n"
                            f"{day},RO-I3,李娜,赵五,13900000003,京B00003,A,B,A,10,yes,\n", encoding="utf-8")
    r = cli(tmp_path / "b", "feedback", "import", str(csv))  # as a supervisor runs it
    assert r.returncode == 0, r.stderr
    assert set(failure_alerts(stores["a"])) == {"RO-T1"}
    assert set(failure_alerts(stores["b"])) == {"RO-I1", "RO-I2"}

    sync_all(stores, transport)
    want = {"RO-T1", "RO-I1", "RO-I2"}
    ids = form_ids(db)
    expected = {ro: alerts.alert_id_for_form(ids[ro]) for ro in want}
    for where in (stores["a"], stores["b"], db):
        assert failure_alerts(where) == expected  # the same alert, by id, everywhere

    # The same file imported again, and more rounds of sync: still one alert per form everywhere. The
    # dealer's people came to b with the sync, so the import now runs as one of them.
    r = cli(tmp_path / "b", "feedback", "import", str(csv), "--as", "admin", pin="1234")
    assert r.returncode == 0, r.stderr
    import_feedback_file(stores["a"], csv)  # the same forms arriving at a by a second route
    sync_all(stores, transport)
    for where in (stores["a"], stores["b"], db):
        assert failure_alerts(where) == expected


def open_alert_orders(db_or_store) -> set[str]:
    with db_or_store.session() as s:
        return set(s.scalars(select(RepairOrder.number).join(FeedbackForm, FeedbackForm.repair_order_id == RepairOrder.id)
                             .join(Alert, Alert.form_id == FeedbackForm.id).where(Alert.acknowledged_at.is_(None))))


def test_a_counter_joining_late_shows_the_same_open_alerts_and_old_forms_raise_none(network, tmp_path, monkeypatch):
    """Counter a worked for months: a failure of 200 days ago alerted then and was acknowledged; last
    year's-style forms imported now raise none (older than the 30-day window); this week's failure
    alerts. Counter b starts syncing afterwards: it shows a's open alerts, not a year of history."""
    db, stores, transport = network
    admin = users.create_first_admin(stores["a"], "admin", "管理员", "1234")
    today = clock.today()

    def forms(path, *rows):
        path.write_text(HEADER + "".join(f"{d.isoformat()},{ro},李娜,客户{ro},139000000{i:02d},京B000{i:02d},{g[0]},{g[1]},{g[2]},,no,\n"
                                         for i, (d, ro, g) in enumerate(rows)), encoding="utf-8")
        return path

    then = clock.now() - timedelta(days=200)
    monkeypatch.setenv(clock.ENV, clock.setting_for(then))  # the day that form came in
    import_feedback_file(stores["a"], forms(tmp_path / "old.csv", (then.date(), "RO-OLD", "AEA")))
    [old] = alerts.open_alerts(stores["a"])
    monkeypatch.setenv(clock.ENV, clock.setting_for(then + timedelta(hours=2)))
    alerts.acknowledge(stores["a"], old.id, admin)
    monkeypatch.undo()

    import_feedback_file(stores["a"], forms(tmp_path / "now.csv", (today - timedelta(days=40), "RO-MID", "EEE"),
                                           (today - timedelta(days=31), "RO-EDGE", "EEE"),
                                           (today - timedelta(days=30), "RO-IN", "AAD"),
                                           (today - timedelta(days=3), "RO-NEW", "ADA"),
                                           (today - timedelta(days=3), "RO-GOOD", "AAA")))
    assert open_alert_orders(stores["a"]) == {"RO-IN", "RO-NEW"}
    assert set(failure_alerts(stores["a"])) == {"RO-OLD", "RO-IN", "RO-NEW"}

    sync_all(stores, transport)
    for where in (stores["b"], db):
        assert form_ids(where).keys() >= {"RO-OLD", "RO-MID", "RO-EDGE", "RO-IN", "RO-NEW"}
        assert failure_alerts(where) == failure_alerts(stores["a"])  # the same alerts, by id
        assert open_alert_orders(where) == {"RO-IN", "RO-NEW"}  # the acknowledgement travelled too


def test_an_alert_that_travelled_is_not_raised_again(store):
    """An alert made at another store arrives with the id this store would derive: no second one."""
    from app.services.feedback.form_writer import store_forms
    from app.services.feedback.form_values import FormValues
    from app.services.uow import UnitOfWork

    with UnitOfWork(store) as uow:
        store_forms(uow, store.identity.home_dealer_id,
                    [FormValues(2, clock.today(), "RO-X", "李娜", "王伟", "13812345678", "京A12345", "E", "A", "A", None,
                             "unverified", "")], source="import")
        uow.commit()
    fid = form_ids(store)["RO-X"]
    with store.session() as s, s.begin():  # as the sync of alert rows stores one from another counter
        s.add(Alert(id=alerts.alert_id_for_form(fid), dealer_id=store.identity.home_dealer_id,
                    kind=alerts.FAILURE_FORM, form_id=fid, created_at=clock.now()))
    with store.session() as s, s.begin():
        assert alerts.ensure_for_forms(s, store.identity.home_dealer_id, [fid, fid]) == []
    assert list(failure_alerts(store)) == ["RO-X"]


def test_a_failure_form_corrected_into_a_good_one_keeps_its_alert_marked(store):
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    saved = feedback_forms.enter_form(store, feedback_forms.FormEntry(
        repair_order="RO-C", service_date=clock.today(), customer_name="王伟", phone="13812345678",
        plate="京A12345", timeliness="A", repair_quality="D", attitude="A", overall=9), admin)
    [alert] = alerts.open_alerts(store)
    assert saved.failure and alert.id == alerts.alert_id_for_form(saved.form_id) and alert.still_failure
    feedback_forms.correct_form(store, saved.form_id, {"repair_quality": "B"}, admin,
                                expected_version=saved.version)
    [kept] = alerts.open_alerts(store)  # kept for a supervisor to acknowledge, but marked
    assert kept.id == alert.id and not kept.still_failure
    again = feedback_forms.correct_form(store, saved.form_id, {"repair_quality": "E"}, admin,
                                        expected_version=saved.version + 1)
    assert again.alert_ids == ()  # a failure again: the same alert, none added
    [back] = alerts.open_alerts(store)
    assert back.id == alert.id and back.still_failure
