"""Filing the outbox as SQLite plans it: the changes walked in rowid order from the mark (never every
travelling change read and sorted again for each file), each change's base version probed in the
event key's index, a case's rows found by the case; no table scanned, so no part of a file's cost
grows with the counter's history. Also: the records read as plain rows are the ones the loaded
objects give (to_record), so the files' bytes stay as they were."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.foundation import clock
from app.foundation.ids import new_id
from app.models import Alert, EarlyWarning, Event, FailureCase, ImprovementAction
from app.services.demo.sample_data import fill_demo
from app.sync import outbox
from app.sync.apply import MODELS, records_for, to_record
from tests.unit.test_case_list_plans import plans_of

SECRET = "ab" * 32


@pytest.fixture
def history(store):
    """Forms, cases taken through recovery (changes on top of changes), and a case's alert, early
    warning and improvement action: every kind of row a case file reads by its case."""
    fill_demo(store, forms=120, cases=60, seed=4)
    now = clock.now()
    with store.session() as s, s.begin():
        case_id = s.scalar(select(FailureCase.id).limit(1))
        dealer = store.identity.home_dealer_id
        s.add(Alert(id=new_id(), dealer_id=dealer, kind="case_note", case_id=case_id, created_at=now))
        s.add(EarlyWarning(id=new_id(), dealer_id=dealer, kind="cause", subject="parts", since=clock.today(),
                           fired_on=clock.today(), baseline=0.1, limit_value=0.2, forms=30, failures=9,
                           repair_orders=[], case_id=case_id, created_at=now, acknowledged_at=now, note=""))
        s.add(ImprovementAction(id=new_id(), dealer_id=dealer, case_id=case_id, title="x", due_on=clock.today(),
                                figure_kind="cause", figure_subject="parts", created_at=now, done_note=""))
    return store


def test_filing_reads_no_table_whole(history, monkeypatch):
    monkeypatch.setattr(outbox, "BATCH", 200)  # several files, so the walk resumes from a mark
    plans = plans_of(history, lambda: outbox.file_waiting(history, SECRET))
    walks = [p for s, p in plans if "FROM event" in s and "sync_outbox" in s]
    bases = [p for s, p in plans if "CROSS JOIN event" in s]
    assert len(walks) >= 3 and bases  # the files were filed, and changes on top of changes among them
    for plan in walks:
        assert "SEARCH event USING INTEGER PRIMARY KEY (rowid>?)" in plan, plan
        assert not any("TEMP B-TREE" in line for line in plan), plan
    for plan in bases:
        assert any(line.startswith("SEARCH e USING INDEX") and "(entity_type=? AND entity_id=? AND seq=?)" in line
                   for line in plan), plan
    children = {t for s, _ in plans for t in ("alert", "early_warning", "improvement_action")
                if f"FROM {t} WHERE {t}.case_id IN" in " ".join(s.split())}
    assert children == {"alert", "early_warning", "improvement_action"}  # read by their case
    for statement, plan in plans:
        for line in plan:
            # Only the list of constant rows a base probe starts from may be walked whole.
            if line.startswith("SCAN"):
                assert line == "SCAN k" or line.endswith("CONSTANT ROWS"), (statement, plan)


def test_the_records_read_as_rows_are_the_loaded_objects_records(history):
    with history.session() as s:
        events = s.execute(select(*Event.__table__.c)).all()
        records = records_for(s, events)
        assert records["failure_case"] and records["alert"] and records["early_warning"]
        for table, recs in records.items():
            for rec in recs:
                assert rec == to_record(table, s.get(MODELS[table], rec["id"])), table
