"""Services behind the advisor's desk: users, form entry and correction, alerts, queries, drafts."""

from datetime import timedelta

import pytest

from app.foundation import clock
from app.foundation.errors import InvalidInput
from app.services.today import alerts
from app.services.cases import attachments
from app.services.cases import case_queries
from app.services.cases import complaints
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.cases.opening import NewCase, open_case
from app.services.drafts import DraftBox
from app.services.today.worklist import today_figures
from app.rules.vocab import CaseStatus


def entry(ro="RO1", grades="ABC", overall=None, **kw):
    base = dict(repair_order=ro, service_date=clock.today(), customer_name="王伟", phone="13812345678",
                plate="京A12345", timeliness=grades[0], repair_quality=grades[1], attitude=grades[2],
                overall=overall)
    base.update(kw)
    return feedback_forms.FormEntry(**base)


@pytest.fixture
def admin(store):
    return users.create_first_admin(store, "admin", "管理员", "1234")


@pytest.fixture
def advisor(store, admin):
    return users.create_user(store, "li", "李娜", "5678", "advisor", actor_id=admin.user_id)


def test_first_start_needs_an_admin_then_sign_in_checks_the_pin(store):
    assert users.needs_first_admin(store)
    a = users.create_first_admin(store, "admin", "管理员", "1234")
    assert not users.needs_first_admin(store)
    assert users.sign_in(store, "admin", "1234") == a
    with pytest.raises(users.SignInFailed):
        users.sign_in(store, "admin", "12345")
    with pytest.raises(users.SignInFailed):
        users.sign_in(store, "nobody", "1234")
    with pytest.raises(InvalidInput):
        users.create_first_admin(store, "admin2", "x", "1234")


def test_pins_are_stored_as_salted_scrypt_hashes():
    h1, h2 = users.hash_secret("1234"), users.hash_secret("1234")
    assert h1.startswith("scrypt$") and h1 != h2 and "1234" not in h1
    assert users.check_secret("1234", h1) and not users.check_secret("1235", h1)
    assert not users.check_secret("1234", None) and not users.check_secret("1234", "plain")


@pytest.mark.parametrize("username,name,pin,role,field", [
    ("", "x", "1234", "advisor", "username"), ("a", " ", "1234", "advisor", "display_name"),
    ("a", "x", "12", "advisor", "pin"), ("a", "x", "1234", "boss", "role")])
def test_bad_user_input_names_the_field(store, username, name, pin, role, field):
    with pytest.raises(InvalidInput) as e:
        users.create_user(store, username, name, pin, role)
    assert e.value.params["field"] == field


@pytest.mark.parametrize("grades,overall,failure", [
    ("AAA", None, False), ("ABC", 9, False), ("ADA", None, True), ("AAE", 10, True), ("AAA", 7, True)])
def test_a_failure_form_raises_one_alert(store, advisor, grades, overall, failure):
    saved = feedback_forms.enter_form(store, entry(grades=grades, overall=overall), advisor)
    assert saved.failure is failure
    assert len(alerts.open_alerts(store)) == (1 if failure else 0)


@pytest.mark.parametrize("field,value", [("repair_order", " "), ("customer_name", ""), ("phone", "1381234abc"),
                                         ("plate", " "), ("timeliness", None), ("attitude", "F"), ("overall", 11)])
def test_bad_form_input_names_the_field(store, advisor, field, value):
    e = entry(**{field: value}) if field not in ("timeliness", "attitude") else entry(**{field: value})
    with pytest.raises(InvalidInput) as err:
        feedback_forms.enter_form(store, e, advisor)
    assert err.value.params["field"] == field


def test_one_form_per_repair_order(store, advisor):
    feedback_forms.enter_form(store, entry(), advisor)
    with pytest.raises(InvalidInput) as e:
        feedback_forms.enter_form(store, entry(grades="AAA"), advisor)
    assert e.value.params["field"] == "repair_order"


def test_only_supervisors_change_verification(store, admin, advisor):
    with pytest.raises(InvalidInput):
        feedback_forms.enter_form(store, entry(verification="verified"), advisor)
    saved = feedback_forms.enter_form(store, entry(), advisor)
    with pytest.raises(InvalidInput):
        feedback_forms.correct_form(store, saved.form_id, {"verification": "verified"}, advisor, expected_version=1)
    out = feedback_forms.correct_form(store, saved.form_id, {"verification": "verified"}, admin, expected_version=1)
    assert out.version == 2
    assert feedback_forms.form_detail(store, saved.form_id).verification == "verified"


def test_corrections_keep_earlier_values_and_who_within_the_window(store, advisor):
    saved = feedback_forms.enter_form(store, entry(grades="ABC"), advisor)
    out = feedback_forms.correct_form(store, saved.form_id, {"attitude": "D"}, advisor, expected_version=1)
    assert out.failure and out.version == 2
    d = feedback_forms.form_detail(store, saved.form_id)
    assert d.score == 2 + 1 - 1
    last = d.history[-1]
    assert last["kind"] == "form.corrected" and last["actor"] == "李娜"
    assert last["payload"] == {"before": {"attitude": "C"}, "after": {"attitude": "D"}}
    with pytest.raises(InvalidInput):  # a stale version is refused, not overwritten
        feedback_forms.correct_form(store, saved.form_id, {"attitude": "A"}, advisor, expected_version=1)
    late = clock.now() + timedelta(hours=73)
    with pytest.raises(InvalidInput) as e:
        feedback_forms.correct_form(store, saved.form_id, {"attitude": "A"}, advisor, expected_version=2, now=late)
    assert "window" in e.value.params["problem"]


def test_case_from_failure_form_is_prefilled_and_answers_the_alert(store, advisor):
    saved = feedback_forms.enter_form(store, entry(grades="ADB", overall=5, comment="等太久"), advisor)
    new = feedback_forms.case_from_form(store, saved.form_id)
    assert (new.customer_name, new.plate, new.failure_type, new.severity, new.customer_words, new.score) == \
        ("王伟", "京A12345", "outcome", "serious", "等太久", 5)
    ref = complaints.record_complaint(store, NewCase(**{**new.__dict__, "cause_group": "system"}), advisor.user_id)
    assert alerts.open_alerts(store)[0].case_id == ref.id
    assert today_figures(store).forms_without_case_count == 0


def new_case(name="张三", phone="13900000001", plate="沪B77777", **kw):
    base = dict(customer_name=name, phone=phone, plate=plate, channel="on_site", failure_type="process",
                cause_group="employee", severity="moderate")
    base.update(kw)
    return NewCase(**base)


def test_search_by_plate_phone_name_and_number(store, advisor):
    a = complaints.record_complaint(store, new_case(), advisor.user_id, repair_order="RO-9")
    complaints.record_complaint(store, new_case("李四", "13700000002", "粤C12121"), advisor.user_id)
    find = lambda text: [r.number for r in case_queries.case_page(store, case_queries.CaseFilter(search=text)).rows]  # noqa: E731
    for text in ("沪B777", "B77777", "b77777", "139000", "张", a.number):
        assert find(text) == [a.number], text
    assert find("nothing") == []
    d = case_queries.case_detail(store, a.id)
    assert d.repair_order == "RO-9" and d.timeline[0].actor == "李娜"
    h = case_queries.customer_history(store, d.customer_id)
    assert [c.number for c in h.cases] == [a.number] and [v.repair_order for v in h.visits] == ["RO-9"]
    assert [m.name for m in case_queries.find_customers(store, "粤C1")] == ["李四"]
    assert [m.name for m in case_queries.find_customers(store, "1370")] == ["李四"]


def test_search_like_people_remember(store, advisor):
    """Case numbers by their last digits or tag and digits, phones by their last four, plates
    without the province character."""
    a = complaints.record_complaint(store, new_case("张三", "13912345678", "沪B77777"), advisor.user_id)
    b = complaints.record_complaint(store, new_case("李四", "13700002468", "粤C12121"), advisor.user_id)
    find = lambda text: sorted(r.number for r in case_queries.case_page(store, case_queries.CaseFilter(search=text)).rows)  # noqa: E731
    tag_and_digits = "-".join(a.number.split("-")[-2:])  # e.g. K5-0001
    assert a.number.endswith("-0001") and b.number.endswith("-0002")
    for text, want in (("0001", [a.number]), ("0002", [b.number]), ("002", [b.number]),
                       (tag_and_digits, [a.number]), (tag_and_digits.lower(), [a.number]),
                       ("5678", [a.number]), ("2468", [b.number]), ("C12121", [b.number]),
                       ("0003", []), ("9999", [])):
        assert find(text) == want, text


def test_pages_by_keyset_match_pages_by_offset(store, advisor):
    from app.services.demo.sample_data import fill_demo

    fill_demo(store, forms=60, cases=250)
    f = case_queries.CaseFilter()
    assert case_queries.count_cases(store, f) == 250
    for sort in ("opened_at", "number"):
        by_offset = [r.id for o in range(0, 250, 40)
                     for r in case_queries.case_page(store, f, sort=sort, offset=o, limit=40).rows]
        by_key, after = [], None
        while True:
            page = case_queries.case_page(store, f, sort=sort, limit=40, after=after).rows
            if not page:
                break
            by_key += [r.id for r in page]
            after = page[-1].key(sort)
        assert by_key == by_offset and len(set(by_key)) == 250
        from_end = [r.id for o in range(0, 250, 40)
                    for r in case_queries.case_page(store, f, sort=sort, offset=o, limit=40, total=250).rows]
        assert from_end == by_offset
    # The demo takes cases through recovery: the status filter counts each state, and they add up.
    by_status = {s.value: case_queries.count_cases(store, case_queries.CaseFilter(status=s.value))
                 for s in CaseStatus}
    assert sum(by_status.values()) == 250 and by_status["closed"] > 125 and by_status["open"] < 25
    page = case_queries.case_page(store, case_queries.CaseFilter(status="closed"), limit=500).rows
    assert len(page) == by_status["closed"] and {r.status for r in page} == {"closed"}
    serious = case_queries.case_page(store, case_queries.CaseFilter(severity="serious"), limit=500).rows
    assert serious and all(r.severity == "serious" for r in serious)
    overdue = case_queries.case_page(store, case_queries.CaseFilter(overdue=True), limit=500).rows
    assert overdue and all(r.overdue for r in overdue)  # the demo leaves some late: else this proves nothing
    assert case_queries.count_cases(store, case_queries.CaseFilter(overdue=True)) == len(overdue)
    everything = case_queries.case_page(store, case_queries.CaseFilter(), limit=500).rows
    assert {r.id for r in everything if r.overdue} == {r.id for r in overdue}  # every late case, and only those


def test_attachments_are_stored_once_by_hash(store, advisor, tmp_path):
    ref = complaints.record_complaint(store, new_case(), advisor.user_id)
    f = tmp_path / "receipt.png"
    f.write_bytes(b"\x89PNG fake")
    a1 = attachments.add_attachment(store, ref.id, f, advisor.user_id)
    a2 = attachments.add_attachment(store, ref.id, f, advisor.user_id)
    assert a1.sha256 == a2.sha256 and a1.path.read_bytes() == b"\x89PNG fake"
    assert len(attachments.list_attachments(store, ref.id)) == 2
    assert len(list(attachments.files_dir(store).rglob("*"))) == 2  # one folder, one file
    kinds = [t.kind for t in case_queries.case_detail(store, ref.id).timeline]
    assert kinds == ["case.opened", "case.attachment_added", "case.attachment_added"]


def test_drafts_survive_and_are_discarded(tmp_path):
    box = DraftBox(tmp_path)
    assert box.load("form", "u1") is None
    box.save("form", "u1", {"phone": "138", "name": "王"})
    box.save("form", "u1", {"phone": "1381", "name": "王"})
    assert box.load("form", "u1").values == {"phone": "1381", "name": "王"}
    assert box.load("form", "u2") is None
    (box.root / "form--u3.json").write_text("{half")
    assert box.load("form", "u3") is None
    box.discard("form", "u1")
    assert box.load("form", "u1") is None


def test_demo_users_only_on_a_store_without_real_users(store, tmp_path):
    from app.models.store import open_store
    from app.services.demo.sample_data import fill_demo

    fill_demo(store, forms=20, cases=5)
    made = users.ensure_demo_users(store)
    assert made[:2] == ["admin", "supervisor"] and len(made) > 2
    assert users.sign_in(store, made[2], users.DEMO_PIN).role == "advisor"
    assert users.ensure_demo_users(store) == []
    other = open_store(tmp_path / "real")
    try:
        users.create_first_admin(other, "boss", "Boss", "9876")
        fill_demo(other, forms=20, cases=5)
        assert users.ensure_demo_users(other) == []
        with pytest.raises(users.SignInFailed):
            users.sign_in(other, "admin", users.DEMO_PIN)
    finally:
        other.close()


def test_today_counts_stop_at_the_cap(store, monkeypatch):
    from app.services.today import worklist as today
    from app.services.demo.sample_data import fill_demo

    fill_demo(store, forms=40, cases=0)
    for i in range(30):  # waiting: nobody has responded yet
        open_case(store, new_case(phone=f"138000000{i:02d}"), None)
    assert today_figures(store).waiting_count == 30
    monkeypatch.setattr(today, "COUNT_CAP", 10)
    assert today_figures(store).waiting_count == 10
