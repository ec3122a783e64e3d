"""Refused changes in Sync problems: one rule for every refusal (app.sync.refused). A refusal stays
open until head office accepts what it names in a later file, whatever carries it there; sending
again closes nothing by itself. Head office's intake runs in this process on SQLite (the same
checks `hq serve` runs); its field rule refuses a plate longer than the column, so the form naming
the car is refused with its events and its repair order, which rode with the form with no event of
its own, with none."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select, text

from app.models import FeedbackForm, RepairOrder, SyncRefused, Vehicle
from app.services.cases.opening import open_case
from app.services.imports.feedback_store import import_feedback_file
from app.services.uow import UnitOfWork
from app.sync import problems, refused
from app.sync.client import SyncClient
from tests.helpers import csv_file, form_line
from tests.synchelp import new_case, two_in_process

# Every file head office takes in here is checked for ownership both ways, the answers compared.
pytestmark = pytest.mark.usefixtures("both_ownership_paths")

GOOD, BAD = "京B00001", "京B" + "1" * 30  # the second is over the plate column's limit


@pytest.fixture
def net(tmp_path):
    with two_in_process(tmp_path) as (db, a, b, sync_round):
        rows = [form_line("2026-11-03", f"BJ-RO-{i}", phone=f"1390000{i:04d}", plate=f"京B{i:05d}") for i in range(3)]
        import_feedback_file(a, csv_file(tmp_path / "a.csv", rows))
        with a.session() as s, s.begin():  # what a counter without the column limits lets in
            s.execute(text("UPDATE vehicle SET plate = :bad WHERE plate = :good"), {"bad": BAD, "good": GOOD})
            order = s.scalar(select(RepairOrder).where(RepairOrder.number == "BJ-RO-1"))
            form = s.scalar(select(FeedbackForm.id).where(FeedbackForm.repair_order_id == order.id))
        yield SimpleNamespace(db=db, a=a, b=b, sync_round=sync_round, order=order.id, form=form,
                              vehicle=order.vehicle_id, reports=[])


def sync(w, store=None):
    w.reports.extend(w.sync_round(store or w.a))


def fix_plate(w):
    with w.a.session() as s, s.begin():
        s.get(Vehicle, w.vehicle).plate = GOOD


def correct_form(w):
    """A later change of the refused form (what the desk's correction makes)."""
    with UnitOfWork(w.a, None) as uow:
        form = uow.session.get(FeedbackForm, w.form)
        form.version += 1
        form.comment = "plate corrected"
        uow.record("form", form.id, "form.corrected", {"comment": "plate corrected"}, form.dealer_id, seq=form.version)
        uow.commit()


def retry(entity_type):
    def run(w):
        number = _numbers(w.a)[entity_type]
        w.retried = problems.send_again(w.a, f"{problems.CHANGE}{number}")
    run.__name__ = f"retry_{entity_type}"
    return run


def unrelated_case(w):
    open_case(w.a, new_case(7), None)


def case_on_the_order(w):
    """An unrelated change that points at the repair order (a complaint on it): the order rides with it."""
    open_case(w.a, new_case(8, plate=GOOD, repair_order_id=w.order), None)


def _numbers(store) -> dict[str, int]:
    with store.session() as s:
        return {r.entity_type: r.id for r in s.scalars(select(SyncRefused).where(SyncRefused.settled_at.is_(None)))}


def _open(store) -> dict[str, problems.SyncProblem]:
    by_number = {f"{problems.CHANGE}{n}": etype for etype, n in _numbers(store).items()}
    return {by_number[p.key]: p for p in problems.list_problems(store) if p.kind == "change"}


def _held_at_head_office(w) -> set[str]:
    with w.db.session() as s:
        return ({"form"} if s.get(FeedbackForm, w.form) else set()) | ({"order"} if s.get(RepairOrder, w.order) else set())


CASES = [
    # name, steps after the first round, open refusals {entity: (events, times, waiting)}, at head office
    ("a record with its own change, and one carried with it (no change of its own)", [],
     {"form": (1, 1, False), "order": (0, 1, False)}, set()),
    ("corrected, then accepted: the correction carries the order too", [fix_plate, correct_form, sync],
     {}, {"form", "order"}),
    ("the car corrected but nothing sent: both stay open", [fix_plate, sync],
     {"form": (1, 1, False), "order": (0, 1, False)}, set()),
    ("the order sent again unchanged: still refused, and says so", [retry("order"), sync],
     {"form": (1, 1, False), "order": (0, 2, False)}, set()),
    ("the form sent again unchanged: both refused again (the order rides with it)", [retry("form"), sync],
     {"form": (1, 2, False), "order": (0, 2, False)}, set()),
    ("sent again, head office's answer still to come", [retry("order")],
     {"form": (1, 1, False), "order": (0, 1, True)}, set()),
    ("the order corrected and sent again: accepted without its form", [fix_plate, retry("order"), sync],
     {"form": (1, 1, False)}, {"order"}),
    ("a later unrelated file leaves both open", [unrelated_case, sync],
     {"form": (1, 1, False), "order": (0, 1, False)}, set()),
    ("accepted in a later unrelated change that carries the order; the form's events still wait",
     [unrelated_case, sync, fix_plate, case_on_the_order, sync], {"form": (1, 1, False)}, {"order"}),
    ("after the unrelated change, the form corrected closes the rest", [unrelated_case, sync, fix_plate,
     case_on_the_order, sync, correct_form, sync], {}, {"form", "order"}),
]


@pytest.mark.parametrize("name, steps, still_open, at_head_office", CASES, ids=[c[0] for c in CASES])
def test_a_refusal_stays_open_until_head_office_accepts_what_it_names(net, name, steps, still_open, at_head_office):
    sync(net)
    assert net.reports[0].refused_changes == 2
    for step in steps:
        step(net)
    got = {etype: (p.changes, p.times, p.waiting) for etype, p in _open(net.a).items()}
    assert got == still_open
    assert _held_at_head_office(net) == at_head_office
    assert SyncClient(net.a).state().problems == len(still_open)


def test_a_retry_of_a_refusal_without_a_change_of_its_own_sends_its_records(net):
    sync(net)
    retry("order")(net)
    assert net.retried == 2  # the order and the car: no event of the order to send
    fix_plate(net)
    sync(net)
    assert net.reports[-1].sent == 1 and net.reports[-1].settled == 1 and net.reports[-1].acked_events == 0


def test_refused_again_the_problem_says_so_in_the_readers_language(net):
    sync(net)
    retry("order")(net)
    [waiting] = [p for k, p in _open(net.a).items() if k == "order"]
    assert problems.problem_text(waiting, None).startswith("Sent again; head office answers on the next sync.")
    sync(net)
    [again] = [p for k, p in _open(net.a).items() if k == "order"]
    text_ = problems.problem_text(again, None)
    assert text_.startswith("Refused again (2 times): sending it again unchanged does not help.")
    assert "plate is 32 characters" in text_
    # a refused change that is no longer open can't be sent again
    number = _numbers(net.a)["order"]
    fix_plate(net)
    correct_form(net)
    sync(net)
    assert refused.resend_change(net.a, number) is None


def test_the_dealers_other_counter_gets_the_corrected_record(net):
    sync(net)
    sync(net, net.b)
    with net.b.session() as s:  # the refused rows never reached it
        assert s.get(FeedbackForm, net.form) is None and s.get(RepairOrder, net.order) is None
        assert s.get(Vehicle, net.vehicle) is None
    fix_plate(net)
    correct_form(net)
    sync(net)
    assert net.reports[-1].settled == 2
    sync(net, net.b)
    with net.b.session() as s:
        assert s.get(FeedbackForm, net.form).comment == "plate corrected"
        assert s.get(RepairOrder, net.order).vehicle_id == net.vehicle
        assert s.get(Vehicle, net.vehicle).plate == GOOD


R = "repair_order"
FILE = {"feedback_form": [{"id": "f1", "repair_order_id": "o1"}],
        R: [{"id": "o1", "vehicle_id": "v1"}, {"id": "o2", "vehicle_id": "v2"}],
        "vehicle": [{"id": "v1"}, {"id": "v2"}, {"id": "v3"}]}
EVENTS = [{"id": "e1", "entity_type": "form", "entity_id": "f1", "actor_id": None}]


def refusal(etype, eid, table, rid):
    return {"entity_type": etype, "entity_id": eid, "table": table, "record_id": rid}


@pytest.mark.parametrize("refusals, stored", [
    ([], {("feedback_form", "f1"), (R, "o1"), (R, "o2"), ("vehicle", "v1"), ("vehicle", "v2"), ("vehicle", "v3")}),
    # the form and its order refused for the car: neither, nor the car, is stored; the rest is
    ([refusal("form", "f1", "vehicle", "v1"), refusal("order", "o1", "vehicle", "v1")],
     {(R, "o2"), ("vehicle", "v2"), ("vehicle", "v3")}),
    # the form refused for a reason of its own: the order it points at goes in with its own change
    ([refusal("form", "f1", "feedback_form", "f1")], {(R, "o1"), (R, "o2"), ("vehicle", "v1"), ("vehicle", "v2"),
                                                      ("vehicle", "v3")}),
    # a record no change carries, refused on its own
    ([refusal("", "", "vehicle", "v3")], {("feedback_form", "f1"), (R, "o1"), (R, "o2"), ("vehicle", "v1"),
                                           ("vehicle", "v2")}),
], ids=["nothing refused", "refused for a row both carry", "refused for itself", "a loose record"])
def test_which_records_of_a_file_head_office_stored(refusals, stored):
    assert refused.stored_records(EVENTS, FILE, refusals) == stored
