"""Head office's case list across dealers, page after page: continuing from the last row's key
gives the rows OFFSET gives, newest first, with nothing skipped or repeated (the list's model asks
for pages this way as a person scrolls)."""

from __future__ import annotations

import json
from datetime import timedelta

from app.foundation import clock
from app.hq.network_cases import NetworkCaseFilter, case_page, count_cases
from app.services.cases.opening import open_case
from app.sync import outbox
from app.sync.apply import apply_file
from tests.synchelp import enrol_in_process, new_case


def thirteen_cases(tmp_path, new_store, new_hq_db):
    """Head office's database (SQLite) holding 13 cases of two dealers, interleaved in time, two of them
    opened at the same instant."""
    db = new_hq_db(tmp_path / "hq.sqlite3")
    a, b = new_store(tmp_path / "a"), new_store(tmp_path / "b")
    enrol_in_process(db, a, "BJ01")
    enrol_in_process(db, b, "SH02")
    start = clock.now() - timedelta(days=3)
    for i in range(13):
        store = a if i % 2 else b
        open_case(store, new_case(i), None, at=start + timedelta(hours=i if i != 7 else 6))
    for store in (a, b):
        for f in outbox.export(store, tmp_path / "out"):
            doc = json.loads(f.read_bytes())
            with db.session() as s, s.begin():
                apply_file(s, doc["dealer"]["id"], doc["events"], doc["records"])
    return db


def test_pages_by_key_are_the_pages_by_offset(tmp_path, new_store, new_hq_db):
    db = thirteen_cases(tmp_path, new_store, new_hq_db)
    f = NetworkCaseFilter()
    assert count_cases(db, f) == 13
    by_offset = [r.id for p in range(3) for r in case_page(db, f, offset=p * 5, limit=5)]
    by_key, after = [], None
    for _ in range(3):
        page = case_page(db, f, offset=0 if after is None else 999, limit=5, after=after)  # a key wins over an offset
        by_key += [r.id for r in page]
        after = page[-1].key() if page else after
    everything = case_page(db, f, limit=100)
    assert by_key == by_offset == [r.id for r in everything]
    assert len(set(by_key)) == 13
    opened = [r.opened_at for r in everything]
    assert opened == sorted(opened, reverse=True)
