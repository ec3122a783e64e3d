"""The pure recovery rules, table-driven."""

from datetime import datetime, timedelta, timezone

import pytest

from app.rules.recovery import (callback_overdue, first_response_overdue, flag_after_not_reached, judge_rerating,
                                may_move, needs_approval)

T = datetime(2026, 11, 2, 9, tzinfo=timezone.utc)


@pytest.mark.parametrize("current,target,ok", [
    ("open", "in_recovery", True), ("in_recovery", "remedy_agreed", True),
    ("remedy_agreed", "awaiting_callback", True), ("awaiting_callback", "closed", True),
    ("awaiting_callback", "in_recovery", True), ("in_recovery", "escalated", True), ("escalated", "closed", True),
    ("closed", "reopened", True), ("reopened", "in_recovery", True),
    ("open", "closed", False), ("closed", "in_recovery", False), ("closed", "escalated", False),
    ("open", "awaiting_callback", False), ("awaiting_callback", "remedy_agreed", False),
])
def test_state_moves(current, target, ok):
    assert may_move(current, target) is ok


@pytest.mark.parametrize("amount,limit,needs", [(0, 300, False), (300, 300, False), (301, 300, True), (1, 0, True)])
def test_authority_limit(amount, limit, needs):
    assert needs_approval(amount, limit) is needs


@pytest.mark.parametrize("rating,recovered", [(10, True), (8, True), (7, False), (1, False)])
def test_rerating_at_threshold_8(rating, recovered):
    v = judge_rerating(rating, 8)
    assert (v.recovered, v.suggest_escalation) == (recovered, not recovered)


@pytest.mark.parametrize("rating", [0, 11])
def test_rerating_out_of_range(rating):
    with pytest.raises(ValueError):
        judge_rerating(rating, 8)


@pytest.mark.parametrize("hours_since,responded,limit,overdue", [
    (3, False, 4, False), (5, False, 4, True), (5, True, 4, False), (4, False, 4, False)])
def test_first_response_overdue(hours_since, responded, limit, overdue):
    now = T + timedelta(hours=hours_since)
    assert first_response_overdue(T, T if responded else None, now, limit) is overdue


@pytest.mark.parametrize("hours_past_due,grace,overdue", [(-1, 24, False), (24, 24, False), (25, 24, True), (1, 0, True)])
def test_callback_overdue(hours_past_due, grace, overdue):
    assert callback_overdue(T, T + timedelta(hours=hours_past_due), grace) is overdue


@pytest.mark.parametrize("count,attempts,flag", [(1, 3, False), (2, 3, False), (3, 3, True), (1, 1, True)])
def test_flag_after_not_reached(count, attempts, flag):
    assert flag_after_not_reached(count, attempts) is flag

