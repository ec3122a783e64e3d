"""The follow-up call is due when the customer agreed to be called: a day and a part of it."""

from datetime import date, datetime, timedelta, timezone

import pytest

from app.foundation.errors import InvalidInput
from app.models import Callback
from app.rules.recovery import callback_due_at, callback_is_due
from app.rules.vocab import StepKind
from app.scripts.library import library_for
from app.services.recovery.callbacks import callbacks_due
from app.services.cases.opening import timeline
from app.services.recovery.guide import guide, record_step
from tests.recovery_helpers import T0, add_user, case_for
from tests.unit.test_recovery_life import follow_script

PACK = library_for(None).pack


@pytest.mark.parametrize("part, hour", [("any", 9), ("morning", 9), ("afternoon", 14), ("evening", 18)])
def test_each_part_of_the_day_starts_at_its_hour_local_time(part, hour):
    due = callback_due_at(date(2026, 12, 31), part)
    local = due.astimezone()
    assert (local.date(), local.hour, local.minute) == (date(2026, 12, 31), hour, 0) and due.tzinfo is not None


def test_an_unknown_part_of_the_day_is_refused():
    with pytest.raises(ValueError):
        callback_due_at(date(2026, 12, 31), "midnight")


@pytest.mark.parametrize("minutes, due", [(-1, False), (0, True), (1, True), (60 * 24 * 5, True)])
def test_a_callback_is_due_from_its_due_time_on(minutes, due):
    at = datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc)
    assert callback_is_due(at, at + timedelta(minutes=minutes)) is due


def _to_follow_up(store, tmp_path):
    adv = add_user(store, "张伟", "advisor")
    case_id = case_for(store, adv)
    at = follow_script(store, case_id, adv, T0, until=StepKind.AGREE_FOLLOW_UP)
    g = guide(store, case_id, PACK, now=at)
    assert g.steps[g.current].step.kind == StepKind.AGREE_FOLLOW_UP
    return adv, case_id, g, at


def test_the_call_is_due_when_the_customer_wants_it_and_scheduled_until_then(store, tmp_path):
    adv, case_id, g, at = _to_follow_up(store, tmp_path)
    assert g.callback_due is not None  # scheduled when the remedy was agreed, 3 days on
    wanted = callback_due_at((at + timedelta(days=5)).astimezone().date(), "evening")
    record_step(store, case_id, PACK, g.current, "done", "", adv, now=at, callback_due=wanted)
    with store.session() as s:
        [cb] = s.query(Callback).filter_by(case_id=case_id).all()
        assert cb.due_at == wanted  # the one open callback moved, no second one
    [before] = callbacks_due(store, now=wanted - timedelta(minutes=1))
    [after] = callbacks_due(store, now=wanted)
    assert (before.is_due, before.overdue) == (False, False) and (after.is_due, after.overdue) == (True, False)
    scheduled = [e for e in timeline(store, case_id) if e.kind == "callback.scheduled"]
    assert scheduled[-1].payload["due_at"] == wanted.isoformat()


def test_a_follow_up_before_today_is_refused_and_nothing_changes(store, tmp_path):
    adv, case_id, g, at = _to_follow_up(store, tmp_path)
    with pytest.raises(InvalidInput) as caught:
        record_step(store, case_id, PACK, g.current, "done", "", adv, now=at,
                    callback_due=callback_due_at(at.astimezone().date() - timedelta(days=1), "any"))
    assert "before today" in caught.value.problem_text() and caught.value.params["field"] == "callback_due"
    after = guide(store, case_id, PACK, now=at)
    assert (after.version, after.current, after.callback_due) == (g.version, g.current, g.callback_due)
