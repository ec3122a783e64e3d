"""DOMAIN.md's scoring rules, table by table, including the worked example."""

import pytest

from app.rules import scoring
from app.rules.failure import CSI_TABLE, csi, may_set_severity, severity_for_score
from app.rules.scoring import Outcome
from app.rules.vocab import Severity


@pytest.mark.parametrize("grade,points", [("A", 2), ("B", 1), ("C", 0), ("D", -1), ("E", -2), ("a", 2), ("e", -2)])
def test_grade_points(grade, points):
    assert scoring.grade_points(grade) == points


@pytest.mark.parametrize("bad", ["F", "", "AA", None, "1"])
def test_grade_points_refuses_other_letters(bad):
    with pytest.raises(ValueError):
        scoring.grade_points(bad)


@pytest.mark.parametrize("grades,score", [
    ("AAA", 6), ("EEE", -6), ("CCC", 0), ("ABC", 3), ("ADE", -1), ("BBD", 1), ("AAC", 4),
])
def test_form_score_is_the_sum_of_three_items(grades, score):
    assert scoring.form_score(*grades) == score


@pytest.mark.parametrize("total,n,avg", [(40, 10, 4.0), (7, 2, 3.5), (0, 0, None), (-6, 3, -2.0), (5, 4, 1.25)])
def test_monthly_average(total, n, avg):
    assert scoring.average(total, n) == avg


@pytest.mark.parametrize("this,prev,change,outcome", [
    (4.0, 3.5, 0.5, Outcome.REWARD),     # DOMAIN.md's worked example (May vs April)
    (3.5, 4.0, -0.5, Outcome.PENALTY),
    (3.0, 3.0, 0.0, Outcome.NONE),
    (None, 3.0, None, Outcome.NONE),      # no forms this month
    (3.0, None, None, Outcome.NONE),      # no forms last month
])
def test_change_and_outcome(this, prev, change, outcome):
    c = scoring.change(this, prev)
    assert c == change
    assert scoring.outcome(c) is outcome


def test_all_a_month_is_a_reward_even_with_zero_change():
    assert scoring.outcome(scoring.change(6.0, 6.0), all_top_grades=True) is Outcome.REWARD
    assert scoring.outcome(scoring.change(6.0, 6.0), all_top_grades=False) is Outcome.NONE
    assert scoring.outcome(None, all_top_grades=True) is Outcome.NONE


@pytest.mark.parametrize("grades,overall,failure", [
    ("AAA", None, False), ("AAA", 8, False), ("AAA", 7, True), ("AAD", None, True), ("EAA", 10, True),
    ("CCC", None, False), ("BBB", 9, False), ("ACA", 1, True),
])
def test_failure_form(grades, overall, failure):
    assert scoring.is_failure_form(tuple(grades), overall) is failure


def test_failure_threshold_is_a_parameter():
    assert scoring.is_failure_form(("A", "A", "A"), 8, overall_threshold=9) is True


@pytest.mark.parametrize("failures,forms,share", [(0, 0, None), (1, 8, 0.125), (0, 10, 0.0), (34, 100, 0.34)])
def test_failure_share(failures, forms, share):
    assert scoring.failure_share(failures, forms) == share


@pytest.mark.parametrize("score,points", sorted(CSI_TABLE.items()))
def test_csi_table(score, points):
    assert csi(score) == points


def test_csi_table_is_the_documented_one():
    assert [csi(s) for s in range(10, 0, -1)] == [1000, 1000, 890, 780, 670, 560, 440, 330, 220, 110]
    with pytest.raises(ValueError):
        csi(0)


@pytest.mark.parametrize("score,severity", [
    (1, Severity.SEVERE), (3, Severity.SEVERE), (4, Severity.SERIOUS), (5, Severity.SERIOUS),
    (6, Severity.MODERATE), (7, Severity.MODERATE), (8, None), (10, None), (None, None),
])
def test_severity_bands(score, severity):
    assert severity_for_score(score) is severity


@pytest.mark.parametrize("suggested,chosen,reason,ok", [
    (Severity.MODERATE, Severity.MODERATE, "", True),
    (Severity.MODERATE, Severity.SEVERE, "", False),          # raising needs a reason
    (Severity.MODERATE, Severity.SEVERE, "customer in tears", True),
    (Severity.SERIOUS, Severity.MODERATE, "looks fine", False),  # never below the band
    (None, Severity.MINOR, "", True),
])
def test_raising_severity_needs_a_reason(suggested, chosen, reason, ok):
    assert may_set_severity(suggested, chosen, reason) is ok


def test_every_vocabulary_member_has_its_own_title():
    from app.rules.vocab import Blame, CauseGroup, Titled

    for vocab in Titled.__subclasses__():
        titles = [member.title for member in vocab]
        assert all(isinstance(t, str) and t.strip() == t != "" for t in titles), (vocab, titles)
        assert len(set(titles)) == len(titles), (vocab, titles)  # no two members of one vocabulary read alike
    assert CauseGroup.CUSTOMER.title != Blame.CUSTOMER.title  # equal strings, different words
