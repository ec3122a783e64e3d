"""The navigation's counts and the case list's status split: each the size of what its page or list shows."""

from datetime import timedelta

from app.foundation import clock
from app.services.cases import case_queries
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from app.services.today.alerts import count_open_alerts, open_alerts
from app.services.cases.case_queries import CaseFilter
from app.services.cases.opening import NewCase
from app.services.cases.complaints import record_complaint
from app.services.glance.counts import NavCounts, nav_counts
from app.services.recovery.guide import escalate
from app.services.recovery.remedies import propose_remedy


def test_counts_follow_what_the_pages_list_and_an_advisor_gets_only_callbacks(store):
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    for i in range(55):  # more open alerts than Today lists
        feedback_forms.enter_form(store, feedback_forms.FormEntry(
            f"RO{i}", clock.today() - timedelta(days=i % 25), f"客户{i}", f"1380000{i:04d}", f"京A{i:05d}",
            "A", "E", "A"), admin)
    assert len(open_alerts(store)) == 50 and count_open_alerts(store) == 55
    ref = record_complaint(store, NewCase("王伟", "13912345678", "京B12345", "on_site", "process", "employee",
                                          "serious", score=5), admin.user_id)
    advisor = users.create_user(store, "li", "李娜", "5678", "advisor", actor_id=admin.user_id)
    propose_remedy(store, ref.id, "voucher", 2000, "代金券", advisor.user_id)
    assert nav_counts(store, supervisor=True).approvals == 1
    assert nav_counts(store, supervisor=True).alerts == 55
    assert nav_counts(store, supervisor=False) == NavCounts(0, 0, 0)


def test_callbacks_due_count_those_due_by_tonight_as_todays_box_does(store):
    from app.models import utcnow
    from app.services.today.worklist import today_figures
    from tests.recovery_helpers import T0, add_user, case_for
    from tests.unit.test_recovery_life import follow_script

    who = add_user(store, "张伟", "advisor")
    late = case_for(store, who, at=T0)
    follow_script(store, late, who, T0)  # due three days after T0: long past
    soon = case_for(store, who, at=utcnow())
    follow_script(store, soon, who, utcnow())  # due in three days: not yet
    assert nav_counts(store, supervisor=False).callbacks_due == 1 == today_figures(store).callbacks_count


def test_the_status_split_uses_the_lists_filter_but_not_its_status(store):
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    refs = [record_complaint(store, NewCase(f"顾客{i}", f"1370000{i:04d}", f"沪B{i:05d}", "on_site", "process",
                                            cause, "serious", score=5), admin.user_id)
            for i, cause in enumerate(("communication", "communication", "employee"))]
    escalate(store, refs[0].id, "经理处理", admin.user_id)
    assert case_queries.count_by_status(store, CaseFilter()) == {"open": 2, "escalated": 1}
    assert case_queries.count_by_status(store, CaseFilter(status="open")) == {"open": 2, "escalated": 1}
    assert case_queries.count_by_status(store, CaseFilter(cause_group="communication")) == {"open": 1, "escalated": 1}
    assert case_queries.count_by_status(store, CaseFilter(search="顾客2")) == {"open": 1}
