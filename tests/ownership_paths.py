"""Head office's ownership check both ways on the same file: grouped change by change, and the whole
file at once (what an import asks first). Every refusal, every row handed on and what was read of the
database must be the same; a test using ``both_ownership_paths`` checks so for every file it imports."""

from __future__ import annotations

from app.hq import ownership


def same_outcome(whole: ownership.Checked, grouped: ownership.Checked) -> None:
    """The whole-file answer equals the grouped one: the same refusals, the same events in the same
    order and the same records (a table's in any order, each once), the same held rows."""
    assert whole.refused == grouped.refused
    assert whole.held == grouped.held
    events, records = whole.merged()
    g_events, g_records = grouped.merged()
    assert [id(e) for e in events] == [id(e) for e in g_events]
    assert set(records) == set(g_records)
    for table, rows in records.items():
        assert len({r["id"] for r in rows}) == len(rows), table
        assert sorted(map(id, rows)) == sorted(map(id, g_records[table])), table


class BothPaths:
    """``ownership.check`` run both ways whenever it is asked for the whole file; counts the files
    whose whole-file answer skipped the grouping."""

    def __init__(self, check) -> None:
        self.check, self.whole, self.compared = check, 0, 0

    def __call__(self, session, dealer_id, dealer_code, events, records, vouched=frozenset(), *,
                 values_storable=False, grouped=True):
        got = self.check(session, dealer_id, dealer_code, events, records, vouched,
                         values_storable=values_storable, grouped=grouped)
        if not grouped:
            same_outcome(got, self.check(session, dealer_id, dealer_code, events, records, vouched,
                                         values_storable=values_storable, grouped=True))
            self.compared += 1
            self.whole += got.whole is not None
        return got
