"""The monthly assessment from stored forms, against DOMAIN.md."""

import pytest
from sqlalchemy import update

from app.foundation.errors import InvalidInput, NotFound
from app.models import FeedbackForm
from app.services import settings
from app.services.assessment import month_summary
from app.services.imports.feedback_store import import_feedback_file
from tests.helpers import csv_file, form_line, worked_example_rows


@pytest.fixture
def example(store, tmp_path):
    import_feedback_file(store, csv_file(tmp_path / "ex.csv", worked_example_rows()))
    return store


def test_worked_example(example):
    s = month_summary(example, "2026-05")
    assert (s.forms, s.total, s.average) == (10, 40, 4.0)
    assert (s.previous_month, s.previous_average, s.change) == ("2026-04", 3.5, 0.5)
    assert (s.outcome, s.amount) == ("reward", 1000)
    assert s.grades["timeliness"] == {"A": 10, "B": 0, "C": 0, "D": 0, "E": 0}
    assert s.grades["attitude"]["C"] == 10
    assert (s.failures, s.failure_share) == (0, 0.0)


def test_month_without_forms_has_no_average_and_no_outcome(example):
    s = month_summary(example, "2026-07")
    assert (s.forms, s.average, s.change, s.outcome, s.failure_share) == (0, None, None, "none", None)


def test_month_without_previous_month(example):
    s = month_summary(example, "2026-04")
    assert (s.previous_average, s.change, s.outcome) == (None, None, "none")


def test_penalty_when_average_falls(store, tmp_path):
    rows = [form_line("2026-05-01", "R1", "AAA"), form_line("2026-06-01", "R2", "AAD", overall="6")]
    import_feedback_file(store, csv_file(tmp_path / "p.csv", rows))
    s = month_summary(store, "2026-06")
    assert (s.average, s.change, s.outcome, s.amount) == (3.0, -3.0, "penalty", 1000)
    assert (s.failures, s.failure_share) == (1, 1.0)


def test_all_a_month_with_no_change_is_rewarded(store, tmp_path):
    rows = [form_line("2026-05-01", "R1", "AAA"), form_line("2026-06-01", "R2", "AAA")]
    import_feedback_file(store, csv_file(tmp_path / "a.csv", rows))
    s = month_summary(store, "2026-06")
    assert (s.change, s.outcome) == (0.0, "reward")


def test_disputed_forms_are_left_out_and_verified_only_is_a_setting(example):
    with example.session() as s, s.begin():
        ids = s.scalars(FeedbackForm.__table__.select().with_only_columns(FeedbackForm.id)
                        .where(FeedbackForm.service_date >= "2026-05-01").order_by(FeedbackForm.service_date)).all()
        s.execute(update(FeedbackForm).where(FeedbackForm.id == ids[0]).values(verification="disputed"))
        s.execute(update(FeedbackForm).where(FeedbackForm.id.in_(ids[1:4])).values(verification="verified"))
    r = month_summary(example, "2026-05")
    assert (r.basis, r.forms, r.disputed_forms, r.verified_forms, r.unverified_forms) == ("all", 9, 1, 3, 6)
    with example.session() as s, s.begin():
        settings.put(s, "assessment.verified_only", True)
    r = month_summary(example, "2026-05")
    assert (r.basis, r.forms, r.total) == ("verified", 3, 12)


def test_advisor_filter(store, tmp_path):
    rows = [form_line("2026-05-01", "R1", "AAA", advisor="甲"), form_line("2026-05-02", "R2", "EEE", advisor="乙")]
    import_feedback_file(store, csv_file(tmp_path / "adv.csv", rows))
    assert month_summary(store, "2026-05", advisor="甲").total == 6
    assert month_summary(store, "2026-05", advisor="乙").total == -6
    with pytest.raises(NotFound):
        month_summary(store, "2026-05", advisor="丙")


@pytest.mark.parametrize("month", ["2026-13", "May", "2026/05", ""])
def test_bad_month_is_refused(store, month):
    with pytest.raises(InvalidInput):
        month_summary(store, month)
