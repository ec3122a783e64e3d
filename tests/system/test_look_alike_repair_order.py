"""One paper form, one form across the network: an older counter's repair order with a zero-width
space reaches head office as the same order another counter already sent, so the month counts it once
(the second form is kept aside as a conflict for a person); a phone in an older format is kept.
Head office's intake runs in this process on SQLite here: the apply code is the one `hq serve` runs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app.foundation import clock
from app.models import Customer, FeedbackForm, RepairOrder, SyncConflict
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from tests.synchelp import two_in_process

# Every file head office takes in here is checked for ownership both ways, the answers compared.
pytestmark = pytest.mark.usefixtures("both_ownership_paths")

ZWSP = "\u200b"


def test_a_look_alike_repair_order_from_an_older_counter_is_one_order_at_head_office(tmp_path):
    with two_in_process(tmp_path) as (db, a, b, sync):
        day = clock.today() - timedelta(days=1)
        for st in (a, b):
            who = users.create_first_admin(st, "admin", "管理员", "1234")
            feedback_forms.enter_form(st, feedback_forms.FormEntry(
                "RO2611-0042", day, "李明", "13812345678", "京A12345", "A", "B", "C"), who)
        # Counter b is an older one: it stored the number with a zero-width space and a 7-digit phone.
        with b.session() as s, s.begin():
            s.execute(update(RepairOrder).values(number=f"RO2611{ZWSP}-0042"))
            s.execute(update(Customer).values(phone="1381234"))
        sync(a, b)
        with db.session() as s:
            assert s.scalars(select(RepairOrder.number)).all() == ["RO2611-0042"]
            assert s.scalar(select(func.count()).select_from(FeedbackForm)) == 1  # counted once
            assert s.scalar(select(func.count()).select_from(SyncConflict)) == 1  # the second, for a person
            assert sorted(s.scalars(select(Customer.phone))) == ["1381234", "13812345678"]  # kept, not refused
