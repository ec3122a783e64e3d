"""The feedback import's shape, counted (not timed): its statements do not grow with the file (rows go
in bulk, each lookup is one statement), and a row's identifiers are stored as the desk's normalisers
make them, each normalised once."""

import re
from dataclasses import astuple
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from app.foundation import clock
from app.models import Alert, Event, FeedbackForm
from app.services.feedback.form_values import FormValues
from app.services.imports.feedback import read_feedback
from app.services.imports.feedback_store import import_feedback_file
from tests.helpers import csv_file, form_line

PHONES = ("138 1234 5678", "+86 139-1234-5678", "010-62345678-801", "０１０６２３４５６７８", "021 6234 5678转12")
PLATES = ("京a·12345", "沪B 1234D", "粤AD12345", "未知", "京Ａ54321")
NAMES = ("王伟", "李 娜", "张\u200b三", "Ｊｏｈｎ")


def forms_file(path, n: int, first: int = 0):
    """``n`` forms of returning customers (a phone, plate and name each repeat), a third of them failing
    and served within the alert window, so the import writes alerts too. Each file its own people and
    advisors: two files are two imports of the same shape."""
    day = clock.today() - timedelta(days=2)
    return csv_file(path, [form_line(day.isoformat(), f"ro-{i:06d}", "AAE" if i % 3 == 0 else "ABA",
                                     customer=f"{NAMES[i % 4]}{first}", phone=PHONES[i % 5], plate=PLATES[i % 5],
                                     advisor=f"{('李娜', '王强')[i % 2]}{first}")
                           for i in range(first, first + n)])


_MANY_ROWS = re.compile(r"\bVALUES \([^)]*\), \(")


def statements_of(store, fn) -> tuple[int, int]:
    """(statements sent to the database, of which bulk: executemany or an INSERT of several rows)
    while ``fn`` runs."""
    seen = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(executemany or bool(_MANY_ROWS.search(statement)))

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        fn()
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    return len(seen), sum(seen)


@pytest.mark.parametrize("already", [False, True], ids=["into an empty store", "over stored forms"])
def test_statements_do_not_grow_with_the_file(store, tmp_path, already):
    # 700 and 2,100 rows: past the 500 a lookup once took per statement, and three times as many.
    small, large = forms_file(tmp_path / "small.csv", 700), forms_file(tmp_path / "large.csv", 2100, first=700)
    # A file before them: both then meet stored customers of the same phones (another name: new people).
    import_feedback_file(store, forms_file(tmp_path / "before.csv", 30, first=5000))
    if already:  # the same files again: every form found stored, and its alert there
        import_feedback_file(store, small)
        import_feedback_file(store, large)
    counts = [statements_of(store, lambda f=f: import_feedback_file(store, f)) for f in (small, large)]
    assert counts[0] == counts[1], counts
    statements, bulk = counts[1]
    # customers, vehicles, orders, forms, events, alerts: one each, and the file's new advisors
    assert bulk == (0 if already else 7)
    assert statements < 40, counts  # a handful of lookups, settings and the audit record
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(FeedbackForm)) == 2830
        assert s.scalar(select(func.count()).select_from(Alert)) == 934 + 10  # every third form fails
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "form.created")) == 2830


def test_each_stored_identifier_is_what_the_desk_would_store(tmp_path):
    # The reader normalises each identifier once; FormValues built the desk's way normalises them again:
    # nothing may change (a value the reader stored differently would be a second form of one paper form).
    checked = read_feedback(forms_file(tmp_path / "f.csv", 40))
    assert not checked.problems and len(checked.forms) == 40
    for row in checked.forms:
        assert FormValues(*astuple(row)) == row
    assert {r.phone for r in checked.forms} == {"13812345678", "13912345678", "01062345678-801", "01062345678",
                                                  "02162345678-12"}
    assert {r.plate for r in checked.forms} == {"京A12345", "沪B1234D", "粤AD12345", "未知", "京A54321"}
    assert {r.repair_order for r in checked.forms} == {f"RO-{i:06d}" for i in range(40)}
    assert {r.customer for r in checked.forms} == {"王伟0", "李 娜0", "张三0", "John0"}


def test_formvalues_normalised_takes_every_field():
    with pytest.raises(TypeError):
        FormValues.normalised(2, clock.today(), "RO1")
