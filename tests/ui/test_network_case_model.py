"""Head office's case list model (the counter's paged model over head office's queries): read row by
row as a person scrolls, it holds every case across dealers newest first, each page after the first
continued from the last row's key of the page before."""

from __future__ import annotations

from app.hq.network_cases import NetworkCaseFilter, case_page
from app.ui.cases import case_table_model
from app.ui.common.ops import Ops
from app.ui.hq import cases_page
from app.ui.hq.cases_page import NetworkCaseModel
from tests.unit.test_network_case_pages import thirteen_cases


def test_the_list_pages_through_every_case_newest_first(qtbot, tmp_path, new_store, new_hq_db, monkeypatch):
    db = thirteen_cases(tmp_path, new_store, new_hq_db)
    for module in (case_table_model, cases_page):
        monkeypatch.setattr(module, "PAGE", 5)  # three pages of 13 cases
    asked = []

    def recorded(*args, **kw):
        asked.append((kw.get("offset", 0), kw.get("after")))
        return case_page(*args, **kw)

    monkeypatch.setattr(cases_page, "case_page", recorded)
    ops = Ops()
    model = NetworkCaseModel(db, ops)
    model.refresh()
    qtbot.waitUntil(lambda: model.counted)
    assert model.rowCount() == 13
    for row in range(13):  # as a view asks for rows coming on screen
        qtbot.waitUntil(lambda: model.data(model.index(row, 1)) != "…")
    ops.wait_idle()

    everything = case_page(db, NetworkCaseFilter(), limit=100)
    assert [model.case_at(r).id for r in range(13)] == [r.id for r in everything]
    assert model.data(model.index(0, 0)) == everything[0].dealer
    assert [offset for offset, _ in asked] == [0, 5, 10]
    assert asked[0][1] is None and asked[1][1] == everything[4].key() and asked[2][1] == everything[9].key()
