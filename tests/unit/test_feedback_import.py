"""Importing feedback forms from CSV: all or nothing, idempotent, conflicts never overwrite."""

import sqlite3

import pytest
from sqlalchemy import func, select

from app.foundation.errors import ImportRejected
from app.models import Event, FeedbackForm
from app.services.imports.feedback_store import import_feedback_file
from tests.helpers import HEADER, csv_file, form_line, worked_example_rows


def count_forms(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(FeedbackForm))


def test_imports_forms_with_their_history(store, tmp_path):
    f = csv_file(tmp_path / "may.csv", worked_example_rows())
    r = import_feedback_file(store, f)
    assert (r.rows, r.imported, r.already_stored) == (12, 12, 0)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "form.created")) == 12
        scores = s.scalars(select(FeedbackForm.score)).all()
    assert sum(scores) == 47


def test_excel_bom_lowercase_grades_and_blank_lines_are_accepted(store, tmp_path):
    f = csv_file(tmp_path / "bom.csv", [form_line("2026-05-01", "RO1", "abc", overall="9", verified="yes"), ""],
                 bom=True)
    assert import_feedback_file(store, f).imported == 1
    with store.session() as s:
        form = s.scalar(select(FeedbackForm))
    assert (form.timeliness, form.repair_quality, form.attitude, form.overall, form.verification) == \
        ("A", "B", "C", 9, "verified")


def test_same_file_twice_stores_each_form_once(store, tmp_path):
    f = csv_file(tmp_path / "may.csv", worked_example_rows())
    import_feedback_file(store, f)
    again = import_feedback_file(store, f)
    assert (again.imported, again.already_stored) == (0, 12)
    assert count_forms(store) == 12


def test_changed_form_is_a_conflict_and_nothing_is_overwritten(store, tmp_path):
    import_feedback_file(store, csv_file(tmp_path / "a.csv", [form_line("2026-05-01", "RO1", "AAA")]))
    changed = csv_file(tmp_path / "b.csv", [form_line("2026-05-02", "RO2", "BBB"),
                                            form_line("2026-05-01", "RO1", "AAE")])
    with pytest.raises(ImportRejected) as info:
        import_feedback_file(store, changed)
    [problem] = info.value.problems
    assert problem.line == 3 and "attitude" in problem.column
    assert "RO1" in problem.render()
    with store.session() as s:
        assert s.scalars(select(FeedbackForm.attitude)).all() == ["A"]  # RO2 not stored either
    assert count_forms(store) == 1


@pytest.mark.parametrize("rows,expected", [
    ([form_line("2026-05-01", "RO1", "AFB")], [(2, "repair_quality")]),
    ([form_line("2026-13-01", "RO1")], [(2, "date")]),
    ([form_line("01/05/2026", "RO1")], [(2, "date")]),
    ([form_line("2026-05-01", "RO1", overall="11")], [(2, "overall")]),
    ([form_line("2026-05-01", "RO1", verified="maybe")], [(2, "verified")]),
    ([form_line("2026-05-01", "RO1", phone="call me")], [(2, "phone")]),
    ([form_line("2026-05-01", "", )], [(2, "repair_order")]),
    ([form_line("2026-05-01", "RO1"), form_line("2026-05-02", "RO1")], [(3, "repair_order")]),
    ([form_line("2026-05-01", "RO1"), "2026-05-01,RO2,张伟"], [(3, "")]),
    ([form_line("2026-05-01", "RO1", "XAA"), form_line("bad", "RO2"), form_line("2026-05-03", "RO3", "AAZ")],
     [(2, "timeliness"), (3, "date"), (4, "attitude")]),
])
def test_bad_rows_are_all_named_and_nothing_is_stored(store, tmp_path, rows, expected):
    good = [form_line("2026-05-20", "RO-GOOD")]
    f = csv_file(tmp_path / "bad.csv", good + rows)
    with pytest.raises(ImportRejected) as info:
        import_feedback_file(store, f)
    got = [(p.line + 0, p.column) for p in info.value.problems]
    assert got == [(line + 1, col) for line, col in expected]  # +1: the good row comes first
    assert count_forms(store) == 0


def test_missing_column_is_named(store, tmp_path):
    f = csv_file(tmp_path / "cols.csv", ["2026-05-01,RO1,张伟,王芳,13812345678,京A1,A,A,,,"],
                 header=HEADER.replace(",attitude", ""))
    with pytest.raises(ImportRejected) as info:
        import_feedback_file(store, f)
    assert [(p.line, p.column) for p in info.value.problems] == [(1, "attitude")]


def test_text_neither_utf8_nor_gb18030_is_explained(store, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_bytes((HEADER + "\n").encode() + b"2026-05-01,RO1,\xff\xff,\n")
    with pytest.raises(ImportRejected) as info:
        import_feedback_file(store, f)
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (2, "advisor") and "GB18030" in problem.render()


def test_store_file_is_consistent_after_import(store, tmp_path):
    import_feedback_file(store, csv_file(tmp_path / "x.csv", worked_example_rows()))
    con = sqlite3.connect(store.path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
