"""Builders for recovery tests: people with roles, and cases opened from a poor feedback form."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from app.foundation.ids import new_id
from app.models import FeedbackForm, RepairOrder, User, utcnow
from app.services.cases.opening import NewCase, open_case
from app.services.imports.feedback_store import import_feedback_file
from tests.helpers import csv_file, form_line

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


def add_user(store, name: str, role: str) -> str:
    with store.session() as s, s.begin():
        uid = new_id()
        s.add(User(id=uid, dealer_id=store.identity.home_dealer_id, username=name, display_name=name, role=role,
                   password_hash=None, active=True, created_at=utcnow()))
    return uid


def d_graded_form(store, tmp_path, ro: str = "RO-D-1") -> tuple[str, str]:
    """Import one form with a D for repair quality; returns (form id, repair order id)."""
    import_feedback_file(store, csv_file(tmp_path / f"{ro}.csv",
                                        [form_line("2026-11-01", ro, "BDB", overall="5", comment="异响没修好")]))
    with store.session() as s:
        form = s.scalar(select(FeedbackForm).join(RepairOrder).where(RepairOrder.number == ro))
        return form.id, form.repair_order_id


def case_for(store, actor_id: str, *, failure_type="outcome", cause_group="system", severity="serious",
             blame="dealer", mood="disappointed", score=5, form_id=None, ro_id=None, at=T0) -> str:
    reason = "" if severity in ("serious",) else "客户情绪激动"
    if severity in ("minor", "moderate"):
        score = None
    new = NewCase(customer_name="王芳", phone="13812345678", plate="京A12345", channel="on_site",
                  failure_type=failure_type, cause_group=cause_group, severity=severity, customer_words="车还有异响",
                  mood=mood, blame=blame, severity_reason=reason, score=score, form_id=form_id, repair_order_id=ro_id)
    return open_case(store, new, actor_id, at=at).id
