"""Re-homing at connect, with every table that has a dealer_id filled: no row keeps the local dealer,
and what a user sees (callbacks due, Today, the case report's remedies, the month's figures) is the
same before and after."""

from __future__ import annotations

from dataclasses import asdict, astuple

from sqlalchemy import func, select

from app.foundation import clock
from app.hq.counters import add_dealer, issue_code, redeem
from app.foundation.ids import new_id
from app.models import (Base, EarlyWarning, FailureCase, FeedbackForm, HqFormMonth, ImprovementAction, NetworkImprovement, HqBlobHolder, HqCounter, HqEnrolment, HqRefusal, SyncConflict, SyncPublished, SyncReceived,
                        User, utcnow)
from app.models.store import open_database
from app.reports import cases as case_report
from app.services.today.alerts import ensure_for_forms, open_alerts
from app.services.assessment import month_summary
from app.services.cases.attachments import add_attachment
from app.services.recovery.callbacks import callbacks_due
from app.services.demo.sample_data import fill_demo
from app.services.today.worklist import today_figures
from app.services.people.users import ensure_demo_users
from app.services.feedback.verification import draw_sample, record_call
from app.sync.connect import _rehome, dealer_tables


def _fill_every_table(store, tmp_path) -> None:
    fill_demo(store, forms=400, cases=120, seed=5)
    ensure_demo_users(store)
    old = store.identity.home_dealer_id
    with store.session() as s:
        supervisor = s.scalar(select(User.id).where(User.dealer_id == old, User.role == "supervisor"))
        # The newest forms: older ones are outside the alert window and raise no alert.
        forms = list(s.scalars(select(FeedbackForm.id).where(FeedbackForm.dealer_id == old)
                               .order_by(FeedbackForm.service_date.desc()).limit(40)))
        case_id = s.scalar(select(Base.metadata.tables["failure_case"].c.id).limit(1))
    calls = draw_sample(store, supervisor, seed=1)
    record_call(store, calls[0].id, "confirmed", "", supervisor)
    with store.session() as s, s.begin():
        ensure_for_forms(s, None, forms, supervisor)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    add_attachment(store, case_id, photo, supervisor)
    # The tables a counter only holds once it syncs, or that live at head office: filled by hand so
    # that re-homing is seen to reach them too.
    now = utcnow()
    with store.session() as s, s.begin():
        s.add(SyncConflict(id=new_id(), dealer_id=old, entity_type="case", entity_id=case_id, seq=2,
                           other_event_id=new_id(), other_event={}, detected_at=now))
        s.add(HqCounter(id=new_id(), dealer_id=old, label="", secret="0" * 64, enrolled_at=now))
        s.add(HqEnrolment(code_hash="1" * 64, dealer_id=old, created_at=now, expires_at=now))
        s.add(SyncReceived(counter_id=new_id(), sequence=1, sha256="2" * 64, dealer_id=old, content=b"",
                           received_at=now))
        s.add(HqRefusal(counter_id=new_id(), dealer_id=old, sequence=1, code="x", reason={}, event_ids=[],
                        refused_at=now))
        s.add(SyncPublished(dealer_id=old, kind="settings", name="x", version=1, sha256="3" * 64, content=b"",
                            published_at=now))
        s.add(HqBlobHolder(sha256="4" * 64, dealer_id=old, since=now))
        s.add(HqFormMonth(month=clock.today().replace(day=1), dealer_id=old, verification="unverified", forms=1,
                          total=8, top=0, **{f"failures_{i}": 0 for i in range(1, 11)}))
        # An acknowledged early warning moves with its form; an open one is worked out again afterwards.
        for acked in (now, None):
            s.add(EarlyWarning(id=new_id(), dealer_id=old, kind="item", subject="timeliness", item="timeliness",
                               since=clock.today(), fired_on=clock.today(), baseline=0.1, limit_value=4.0, forms=30,
                               failures=9, repair_orders=[], form_id=forms[0], created_at=now, acknowledged_at=acked,
                               acknowledged_by=supervisor if acked else None, note=""))
        s.add(ImprovementAction(id=new_id(), dealer_id=old, case_id=case_id, title="x", due_on=clock.today(),
                                figure_kind="cause", figure_subject="parts", created_at=now, done_note=""))
        s.add(NetworkImprovement(id=new_id(), dealer_id=old, network_id=new_id(), title="x", owner_role="supervisor",
                                 due_on=clock.today(), figure_kind="cause", figure_subject="parts", created_at=now,
                                 done_note="", updated_at=now))


def _rows_by_dealer(store) -> dict[str, dict[str, int]]:
    out = {}
    with store.session() as s:
        for t in dealer_tables():
            out[t.name] = dict(s.execute(select(t.c.dealer_id, func.count()).group_by(t.c.dealer_id)).all())
    return out


def _what_a_user_sees(store, month: str) -> dict:
    today = today_figures(store)
    report = case_report.gather(store, month)
    summary = asdict(month_summary(store, month))
    summary.pop("dealer")  # LOCAL before, the dealer's code after: the only figure meant to change
    return {"callbacks due": len(callbacks_due(store)), "today's callbacks": today.callbacks_count,
            "today's waiting": today.waiting_count, "today's month": asdict(today.month),
            "remedies": [astuple(r) for r in report.remedies], "remedies total": sum(r[2] for r in map(astuple, report.remedies)),
            "remedied cases": report.remedied_cases, "feedback summary": summary,
            "open alerts": len(open_alerts(store))}


def test_every_table_with_a_dealer_moves_to_head_offices_dealer(store, tmp_path):
    _fill_every_table(store, tmp_path)
    with store.session() as s:  # the demo's month (its newest case's), even just after a month began
        month = s.scalar(select(func.max(FailureCase.opened_at))).astimezone().strftime("%Y-%m")
    old = store.identity.home_dealer_id
    before = _rows_by_dealer(store)
    # Walks the models, so a table added with a dealer_id fails here until the fill above gives it rows.
    empty = sorted(t for t, counts in before.items() if not counts.get(old))
    assert empty == [], f"fill these tables in the test: {empty}"
    seen = _what_a_user_sees(store, month)
    assert seen["callbacks due"] and seen["today's callbacks"] and seen["remedies"] and seen["open alerts"]

    hq = open_database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    add_dealer(hq, "BJ01", "北京一店")
    got = redeem(hq, issue_code(hq, "BJ01"), store.identity.store_id)
    renumbered = _rehome(store, got.dealer.id, got.dealer.code, got.dealer.name, got.tag)
    hq.close()

    after = _rows_by_dealer(store)
    assert len(renumbered) == sum(before["failure_case"].values())  # every case: one case.renumbered each
    for table, counts in after.items():
        assert old not in counts, f"{table} still holds rows of the local dealer"
        added = len(renumbered) if table == "event" else -1 if table == "early_warning" else 0  # the open one
        assert sum(counts.values()) == sum(before[table].values()) + added, table
    assert store.identity.home_dealer_id == got.dealer.id
    assert _what_a_user_sees(store, month) == seen


def test_rehoming_is_one_transaction(store, tmp_path, monkeypatch):
    """A failure part-way (here: renumbering) leaves every row where it was."""
    import app.sync.connect as connect

    fill_demo(store, forms=50, cases=20, seed=2)
    before = _rows_by_dealer(store)

    def broken(*a, **kw):
        raise RuntimeError("disk full")

    monkeypatch.setattr(connect, "renumber_for_dealer", broken)
    try:
        _rehome(store, new_id(), "BJ01", "北京一店", "00")
    except RuntimeError:
        pass
    assert _rows_by_dealer(store) == before
