"""The network comparison finds what differs: a missing row, a changed column, a foreign row, a timeline."""

from __future__ import annotations

import shutil

from app.models import FailureCase
from app.models.store import open_store
from tests import network_compare as nc
from tests.synchelp import edit_case, open_cases


def test_a_copy_is_equal_and_each_kind_of_difference_is_named(tmp_path):
    a = open_store(tmp_path / "a")
    cases = open_cases(a, 3)
    a.close()
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    same = [nc.snapshot("A", tmp_path / "a"), nc.snapshot("B", tmp_path / "b")]
    dealer = same[0].rows["failure_case"][(cases[0],)]["dealer_id"]
    assert nc.compare_dealer(dealer, same) == [] and nc.compare_timelines(dealer, same) == []
    assert nc.foreign_rows(same[1], dealer) == []

    b = open_store(tmp_path / "b")
    edit_case(b, cases[0], "late parts")
    with b.session() as s, s.begin():
        s.delete(s.get(FailureCase, cases[2]))
    b.close()
    snaps = [nc.snapshot("A", tmp_path / "a"), nc.snapshot("B", tmp_path / "b")]
    problems = nc.compare_dealer(dealer, snaps)
    assert f"failure_case {cases[2]}: missing at B (present at A)" in problems
    assert f"failure_case {cases[0]} column root_cause: A='' B='late parts'" in problems
    assert f"failure_case {cases[0]} column version: A=1 B=2" in problems
    assert any(p.startswith(f"event ") and "missing at A" in p for p in problems)
    [tl] = nc.compare_timelines(dealer, snaps)
    assert tl.startswith(f"timeline of case {cases[0]}, event 2: A=None B=(2, 'case.updated'")
    assert nc.foreign_rows(snaps[1], "another-dealer")  # every row of B is someone else's then
    assert nc.missing_ids(snaps[1], {"failure_case": cases}) == [
        f"B: failure_case {cases[2]} (made in the test) is not there"]


def test_every_model_table_is_compared_or_declared_local():
    from app.models import Base

    assert set(nc.synced_tables()) | nc.LOCAL_TABLES == set(Base.metadata.tables)
    assert {"failure_case", "event", "remedy", "callback", "attachment", "alert"} <= set(nc.synced_tables())
