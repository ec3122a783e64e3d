"""Verification calls: a sample across advisors, confirmed or disputed; disputed forms leave the
monthly assessment until resolved."""

import random
from datetime import datetime, timezone

import pytest

from app.foundation.errors import InvalidInput
from app.services.assessment import month_summary
from app.services.cases.case_log import NotAllowed
from app.services.imports.feedback_store import import_feedback_file
from app.services.feedback.verification import calls, draw_sample, record_call, resolve_dispute, spread_across
from tests.helpers import csv_file, form_line
from tests.recovery_helpers import add_user

NOW = datetime(2026, 11, 20, 10, tzinfo=timezone.utc)


@pytest.mark.parametrize("sizes,size,expect", [
    ({"a": 5, "b": 5, "c": 5}, 3, {"a": 1, "b": 1, "c": 1}),
    ({"a": 5, "b": 1, "c": 1}, 5, {"a": 3, "b": 1, "c": 1}),
    ({"a": 1, "b": 1}, 10, {"a": 1, "b": 1}),
    ({"a": 4, "b": 4}, 4, {"a": 2, "b": 2}),
])
def test_sample_spreads_across_advisors(sizes, size, expect):
    pools = {a: [f"{a}{i}" for i in range(n)] for a, n in sizes.items()}
    got = spread_across(pools, size, random.Random(1))
    assert len(set(got)) == len(got)
    assert {a: sum(x.startswith(a) for x in got) for a in sizes} == expect


@pytest.fixture
def forms(store, tmp_path):
    rows = [form_line(f"2026-11-{d:02d}", f"RO-{adv}-{d}", "AAB", advisor=adv)
            for adv in ("张伟", "李娜", "王强") for d in range(1, 6)]
    rows.append(form_line("2026-08-01", "RO-OLD", "AAB", advisor="张伟"))  # not recent: never drawn
    import_feedback_file(store, csv_file(tmp_path / "f.csv", rows))
    return store


def test_supervisor_draws_confirms_and_disputes(forms):
    store = forms
    sup, adv = add_user(store, "刘主管", "supervisor"), add_user(store, "赵敏", "advisor")
    with pytest.raises(NotAllowed):
        draw_sample(store, adv, now=NOW)
    from app.services import settings
    with store.session() as s, s.begin():
        settings.put(s, "verification.sample_size", 3)
    drawn = draw_sample(store, sup, now=NOW, seed=4)
    assert len(drawn) == 3 and {c.advisor for c in drawn} == {"张伟", "李娜", "王强"}
    assert all(c.repair_order != "RO-OLD" and c.outcome == "pending" for c in drawn)
    again = draw_sample(store, sup, now=NOW, seed=4)  # pending calls aren't drawn twice
    assert not {c.form_id for c in again} & {c.form_id for c in drawn}

    before = month_summary(store, "2026-11")
    assert (before.forms, before.verified_forms, before.disputed_forms) == (15, 0, 0)
    ok, bad = drawn[0], drawn[1]
    assert record_call(store, ok.id, "confirmed", "", sup, now=NOW).verification == "verified"
    with pytest.raises(InvalidInput, match="note"):
        record_call(store, bad.id, "disputed", "", sup, now=NOW)
    assert record_call(store, bad.id, "disputed", "客户说没有填过这张表", sup, now=NOW).verification == "disputed"
    with pytest.raises(NotAllowed, match="already recorded"):
        record_call(store, bad.id, "confirmed", "", sup, now=NOW)
    s = month_summary(store, "2026-11")
    assert (s.forms, s.verified_forms, s.disputed_forms, s.unverified_forms) == (14, 1, 1, 13)
    assert s.total == before.total - 5

    assert resolve_dispute(store, bad.form_id, "客户家人代填，内容属实", sup, now=NOW) == "verified"
    s = month_summary(store, "2026-11")
    assert (s.forms, s.verified_forms, s.disputed_forms) == (15, 2, 0)

    from app.models import Event
    with store.session() as ses:
        evs = ses.query(Event).filter_by(entity_type="form", entity_id=bad.form_id).order_by(Event.seq).all()
        assert [(e.kind, e.actor_id) for e in evs[-2:]] == [("form.disputed", sup), ("form.dispute_resolved", sup)]
        assert evs[-2].payload["note"] == "客户说没有填过这张表"
    assert len(calls(store, pending_only=True)) == 4



def test_a_form_entered_as_disputed_has_the_event_that_says_so(store):
    """The history is faithful: the row's state is the state its last event gives."""
    from datetime import date

    from sqlalchemy import select

    from app.models import Event, FeedbackForm
    from app.services.people import users
    from app.services.feedback.forms import FormEntry, enter_form

    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    saved = enter_form(store, FormEntry(repair_order="RO-D1", service_date=date(2026, 11, 2), customer_name="王伟",
                                        phone="13812345678", plate="京A12345", timeliness="B", repair_quality="C",
                                        attitude="B", verification="disputed"), admin)
    with store.session() as s:
        form = s.get(FeedbackForm, saved.form_id)
        events = s.scalars(select(Event).where(Event.entity_type == "form", Event.entity_id == form.id)
                           .order_by(Event.seq)).all()
        assert form.verification == "disputed"
        assert events[-1].kind == "form.disputed" and events[-1].payload["verification"] == "disputed"
        assert form.version == events[-1].seq == saved.version
