"""Every entry field of the feedback form and the complaint, fed text from the whole of Unicode: no
crash, either accepted (and then stored in its one normalised form) or refused with a message naming
each field to fix; a refused form stores nothing."""

from datetime import date, timedelta
from string import Formatter

from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import func, select

from app.foundation import clock
from app.foundation.errors import InvalidFields, InvalidInput
from app.models import Event, FeedbackForm
from app.rules import identifiers as ids
from app.services.cases import opening as cases
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.cases.opening import NewCase

ANY = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
FIELD_TEXT = st.one_of(ANY, st.sampled_from(["13812345678", "京A12345", "RO1", "李明", "", " "]))
GRADE = st.one_of(st.none(), st.sampled_from("ABCDEabcF"), ANY)
DAY = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
FORM_FIELDS = {"repair_order", "service_date", "customer_name", "phone", "plate", "timeliness",
               "repair_quality", "attitude", "overall", "verification", "comment", "advisor"}


def _entry(draw_values) -> feedback_forms.FormEntry:
    ro, day, name, phone, plate, t, q, a, overall, comment, advisor = draw_values
    return feedback_forms.FormEntry(ro, day, name, phone, plate, t, q, a, overall, comment, "unverified", advisor)


ENTRY = st.tuples(FIELD_TEXT, DAY, FIELD_TEXT, FIELD_TEXT, FIELD_TEXT, GRADE, GRADE, GRADE,
                  st.one_of(st.none(), st.integers(-5, 15)), ANY, st.one_of(st.none(), FIELD_TEXT))


def _refusal_is_clear(exc: InvalidInput, known: set[str]) -> None:
    problems = exc.problems if isinstance(exc, InvalidFields) else [exc]
    assert problems
    for p in problems:
        assert p.params["field"] in known
        names = {f for _, f, _, _ in Formatter().parse(p.params["problem"]) if f}
        assert names <= set(p.params)  # every parameter of the text is given
        assert p.problem_text() and p.render()


@settings(max_examples=300, deadline=None)
@given(ENTRY)
def test_any_typed_form_is_accepted_normalised_or_refused_in_words(values):
    entry = _entry(values)
    try:
        checked = feedback_forms._values(entry)
    except InvalidInput as exc:
        _refusal_is_clear(exc, FORM_FIELDS)
        return
    # Accepted: stored in the one form, within every rule.
    assert checked.repair_order == ids.repair_order(checked.repair_order)
    assert ids.phone_problem(checked.phone) is None and ids.plate_problem(checked.plate) is None
    assert checked.service_date <= clock.today()
    assert ids.name_problem(checked.customer) is None


@settings(max_examples=300, deadline=None)
@given(st.tuples(FIELD_TEXT, FIELD_TEXT, FIELD_TEXT, st.one_of(st.none(), st.integers(-3, 13)), ANY, ANY))
def test_any_complaint_is_accepted_or_refused_in_words(values):
    name, phone, plate, score, words, reason = values
    new = NewCase(customer_name=name, phone=phone, plate=plate, channel="on_site", failure_type="outcome",
                  cause_group="system", severity="moderate", customer_words=words, severity_reason=reason,
                  score=score)
    try:
        cases.validate(new)
    except InvalidInput as exc:
        _refusal_is_clear(exc, {"customer_name", "phone", "plate", "score", "severity", "severity_reason",
                                "customer_words"})


@settings(max_examples=1500, deadline=None)
@given(ANY)
def test_normalisers_never_crash_and_are_idempotent(text):
    for fn in (ids.repair_order, ids.phone, ids.plate, ids.name):
        once = fn(text)
        assert fn(once) == once
    for rule in (ids.phone_problem, ids.plate_problem, ids.name_problem):
        found = rule(ids.phone(text))
        assert found is None or found[0].format(**found[1])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ENTRY)
def test_a_refused_form_stores_nothing(store, values):
    admin = users.list_users(store)
    actor = (users.sign_in(store, "admin", "1234") if admin and any(u.username == "admin" for u in admin)
             else users.create_first_admin(store, "admin", "管理员", "1234"))
    with store.session() as s:
        before = (s.scalar(select(func.count()).select_from(FeedbackForm)),
                  s.scalar(select(func.count()).select_from(Event)))
    try:
        feedback_forms.enter_form(store, _entry(values), actor)
    except InvalidInput as exc:
        _refusal_is_clear(exc, FORM_FIELDS)
        with store.session() as s:
            assert (s.scalar(select(func.count()).select_from(FeedbackForm)),
                    s.scalar(select(func.count()).select_from(Event))) == before


def test_the_fuzz_reaches_both_sides():
    """The strategies produce accepted forms too (else the fuzz would test refusals only)."""
    good = feedback_forms.FormEntry("RO1", clock.today() - timedelta(days=1), "李明", "13812345678", "京A12345",
                                    "A", "B", "C")
    assert feedback_forms._values(good).phone == "13812345678"
