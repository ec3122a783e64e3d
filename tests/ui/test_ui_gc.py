"""The UI thread's cycle collector picks the generation as the interpreter would, its quarter rule for
full collections included (a full collection walks every object the desk holds)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.common import ui_gc


class FakeGc:
    """gc's counters and generations as a table row sets them; records what was collected."""

    def __init__(self, counts, old_objects: int) -> None:
        self.counts, self.old_objects, self.collected = counts, old_objects, []

    def get_count(self):
        return self.counts

    def get_threshold(self):
        return (700, 10, 10)

    def get_objects(self, generation=None):
        assert generation == 2
        return [None] * self.old_objects

    def collect(self, generation=2):
        self.collected.append(generation)
        self.counts = (0, 0, 0) if generation == 2 else (0, 0, self.counts[2] + (generation == 1))


@pytest.mark.parametrize("counts, long_lived, old_now, expected", [
    ((500, 3, 3), 1000, 1000, []),  # under the youngest threshold: nothing
    ((800, 3, 3), 1000, 1000, [0]),
    ((800, 11, 3), 1000, 1000, [1]),
    ((800, 11, 11), 1000, 1200, [1]),  # the old generation grew by a fifth: not a full collection yet
    ((800, 11, 11), 1000, 1250, [2]),  # by a quarter: full
    ((800, 11, 11), 0, 50, [2]),  # the first full collection
])
def test_the_generation_collected(qapp, monkeypatch, counts, long_lived, old_now, expected):
    fake = FakeGc(counts, old_now)
    monkeypatch.setattr(ui_gc, "gc", fake)
    collector = ui_gc._Collector(qapp)
    collector.timer.stop()
    collector.long_lived = long_lived
    collector.check()
    assert fake.collected == expected
    collector.deleteLater()


def test_a_full_collection_not_due_is_looked_at_again_only_after_as_many_collections(qapp, monkeypatch):
    fake = FakeGc((800, 11, 11), 1000)
    monkeypatch.setattr(ui_gc, "gc", fake)
    collector = ui_gc._Collector(qapp)
    collector.timer.stop()
    collector.long_lived = 1000
    looked = []
    monkeypatch.setattr(collector, "full_due", lambda: looked.append(fake.counts[2]) or False)
    for _ in range(12):
        fake.counts = (800, 11, fake.counts[2])
        collector.check()
    assert fake.collected == [1] * 12
    assert looked == [11, 22]  # not at every tick: at 11, then once 10 more gen-1 collections passed
    fake.old_objects = 1300
    monkeypatch.setattr(collector, "full_due", ui_gc._Collector.full_due.__get__(collector))
    while fake.collected[-1] != 2:
        fake.counts = (800, 11, fake.counts[2])
        collector.check()
    assert collector.long_lived == 1300 and collector.recheck_at == 0
    collector.deleteLater()



def test_a_deferred_collection_waits_a_few_checks_or_until_resumed(qapp, monkeypatch):
    fake = FakeGc((800, 3, 3), 1000)
    monkeypatch.setattr(ui_gc, "gc", fake)
    collector = ui_gc._Collector(qapp)
    collector.timer.stop()
    try:
        ui_gc.defer_collection(checks=3)
        for _ in range(3):
            collector.check()
        assert fake.collected == []
        collector.check()  # deferred long enough: collected all the same
        assert fake.collected == [0]
        fake.counts = (800, 3, 3)
        ui_gc.defer_collection()
        collector.check()
        ui_gc.resume_collection()  # what it waited for is done: at once
        collector.check()
        assert fake.collected == [0, 0]
    finally:
        ui_gc.resume_collection()
        collector.deleteLater()


def test_the_case_list_defers_collection_until_its_first_rows_are_painted(qtbot, store, advisor, tmp_path):
    """A walk of every young object (the collector's first in a fresh process: 2-10 ms) waits until the
    list's first rows are on screen, instead of falling inside its first build."""
    from app.services.demo.sample_data import fill_demo
    from app.services.drafts import DraftBox
    from app.ui.cases.cases_view import CasesView
    from app.ui.common.ops import Ops

    fill_demo(store, forms=40, cases=30, seed=3)
    ops = Ops()  # threaded: the first page arrives after the page is built
    try:
        view = CasesView(store, ops, advisor, DraftBox(tmp_path))
        qtbot.addWidget(view)
        assert ui_gc._deferred > 0
        view.resize(1366, 700)
        view.show()
        qtbot.waitUntil(lambda: view.table.painted is None, timeout=20000)  # its first rows painted
        assert ui_gc._deferred == 0
    finally:
        ops.wait_idle()
        for _ in range(20):
            QApplication.processEvents()
        ops.close()
