"""A store never holds what head office would refuse: maximal values of every field travel through
a case file into PostgreSQL; one character more is refused at the counter."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.foundation.errors import ImportRejected, InvalidInput
from app.models import Customer, FailureCase, FeedbackForm, RepairOrder, User, Vehicle
from app.rules.fields import length
from app.services.cases.opening import open_case
from app.services.imports.feedback_store import import_feedback_file
from tests.helpers import csv_file, form_line, fresh_store
from tests.synchelp import edit_case, enrol_in_process, new_case

# Every file head office takes in here is checked for ownership both ways, the answers compared.
pytestmark = pytest.mark.usefixtures("both_ownership_paths")


# A phone and a plate have formats shorter than their columns (app.rules.identifiers): their longest.
LONGEST_PHONE, LONGEST_PLATE, OTHER_PLATE = "01062345678-123456", "京AD12345", "沪A12345D"


def _max(name: str, ch: str = "王") -> str:
    return ch * length(name)


def test_maximal_values_reach_head_office_and_one_more_is_refused_at_the_counter(pg_url_at_head, tmp_path):
    from app.hq.receive import receive
    from app.models.store import open_database
    from app.sync.casefile import sign
    from app.sync.outbox import _path, file_waiting

    db = open_database(pg_url_at_head)
    store = fresh_store(tmp_path / "counter")
    secret = enrol_in_process(db, store)
    try:
        line = form_line("2026-11-02", _max("repair_order", "R"), customer=_max("customer_name"),
                         plate=LONGEST_PLATE, advisor=_max("advisor", "张"), comment=_max("comment", "评"))
        import_feedback_file(store, csv_file(tmp_path / "f.csv", [line]))
        case = open_case(store, new_case(1, customer_name=_max("customer_name", "李"), phone=LONGEST_PHONE,
                                         plate=OTHER_PLATE, vin="V" * length("vin"),
                                         model=_max("model"), customer_words=_max("customer_words", "话"),
                                         severity_reason=_max("severity_reason", "因")), None)
        edit_case(store, case.id, _max("root_cause", "根"))

        # one character more never reaches the store
        with pytest.raises(ImportRejected):
            import_feedback_file(store, csv_file(tmp_path / "g.csv", [form_line(
                "2026-11-03", "R" * (length("repair_order") + 1))]))
        with pytest.raises(InvalidInput):
            open_case(store, new_case(2, customer_name="王" * (length("customer_name") + 1)), None)
        with pytest.raises(InvalidInput):
            open_case(store, new_case(2, plate="京" * (length("plate") + 1)), None)

        seqs = file_waiting(store, secret)
        assert seqs
        for seq in seqs:
            receive(db, _path(store, seq).read_bytes())
        with db.session() as s:
            assert s.scalar(select(RepairOrder.number)) == "R" * length("repair_order")
            names = set(s.scalars(select(Customer.name)))
            assert names == {_max("customer_name"), _max("customer_name", "李")}
            assert set(s.scalars(select(Vehicle.plate))) == {LONGEST_PLATE, OTHER_PLATE}
            assert LONGEST_PHONE in set(s.scalars(select(Customer.phone)))
            assert _max("advisor", "张") in set(s.scalars(select(User.username)))
            assert s.scalar(select(FeedbackForm.comment)) == _max("comment", "评")
            c = s.get(FailureCase, case.id)
            assert (c.customer_words, c.root_cause) == (_max("customer_words", "话"), _max("root_cause", "根"))

        # a file over a limit (not one this program writes): that change is refused by name, not by
        # the database, and the rest of the file goes in
        import json

        doc = json.loads(_path(store, seqs[0]).read_bytes())
        body = {k: v for k, v in doc.items() if k != "signature"}
        body["sequence"] = 99
        customer = body["records"]["customer"][0]
        customer["name"] += "王"
        with db.session() as s:
            before = s.scalar(select(Customer.name).where(Customer.id == customer["id"]))
        receipt = receive(db, sign(body, secret))
        assert receipt.status == "stored" and receipt.refused
        said = [r.render() for r in receipt.refused]
        assert any(f"customer {customer['id']}: name is" in t and f"more than the {length('customer_name')} allowed"
                   in t for t in said), said
        with db.session() as s:
            assert s.scalar(select(Customer.name).where(Customer.id == customer["id"])) == before
    finally:
        store.close()
        db.close()
