"""Records a counter sends again that head office holds and keeps as they are (a shared record, a case at
a version not newer, the children of such a case) are compared, not typed and stored again; they are still
checked as a stored one is.

Counted, never timed: which records the import makes typed values of.
"""

from __future__ import annotations

import orjson
import pytest

from app.hq.receive import receive
from app.services.demo.sample_data import fill_demo
from app.sync import apply, casefile, outbox
from tests.synchelp import enrol_in_process


@pytest.fixture
def delivered(hq_db, store):
    """A counter's first file, imported: (head office's database, the file's document, the counter's secret)."""
    secret = enrol_in_process(hq_db, store)
    fill_demo(store, forms=0, cases=3, seed=5)
    outbox.file_waiting(store)
    data = [w.path.read_bytes() for w in outbox.waiting(store)][0]
    assert receive(hq_db, data).status == "stored"
    return hq_db, orjson.loads(data), secret


def _again(doc: dict, secret: str, records: dict[str, list[dict]]) -> bytes:
    """The counter's next file: no change of its own, ``records`` sent again."""
    body = casefile.build_body(dealer_id=doc["dealer"]["id"], dealer_code=doc["dealer"]["code"],
                               counter=doc["counter"], sequence=doc["sequence"] + 1, created_at=doc["created_at"],
                               events=[], records=records)
    return casefile.sign(body, secret)


def test_records_held_as_they_are_are_not_typed_again(delivered, monkeypatch):
    db, doc, secret = delivered
    sent = {t: rows for t, rows in doc["records"].items() if rows}  # every record of its first file
    assert {"customer", "vehicle", "failure_case", "remedy", "callback", "user"} <= set(sent), set(sent)
    typed: list[str] = []
    real = apply.from_record

    def counted(table, rec):
        typed.append(table)
        return real(table, rec)

    monkeypatch.setattr(apply, "from_record", counted)
    receipt = receive(db, _again(doc, secret, sent))
    assert receipt.status == "stored" and not receipt.refused
    assert typed == []


@pytest.mark.parametrize("table", ["customer", "failure_case", "callback"])
def test_a_held_record_sent_again_with_a_time_no_database_reads_is_refused_as_before(delivered, table):
    """Left as held (a shared record, a case not newer, a child of one), the record is still read as a
    stored one is: a time without its zone refuses its change."""
    db, doc, secret = delivered
    record, key = next((r, k) for r in doc["records"][table] for k, v in r.items()
                       if isinstance(v, str) and v.endswith("+00:00"))
    broken = {**record, key: record[key][:-6]}  # its "+00:00" cut off
    receipt = receive(db, _again(doc, secret, {table: [broken]}))
    assert [r.code for r in receipt.refused] == ["not_stored"]
    assert "without a zone" in receipt.refused[0].params["reason"]
