"""What a person does at a counter, run in a child process (``python -m tests.system.desk_actions
DATA_DIR ACTION JSON``) through the services the desk calls, signed in; prints the result as JSON.

The network scenario uses it for the actions the command line has no command for.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from app.models.store import open_store
from app.scripts.library import library_for
from app.services.today import alerts
from app.services.cases import attachments
from app.services.recovery import callbacks
from app.services.cases import complaints
from app.services.feedback import forms as feedback_forms
from app.services.people import lockouts
from app.services.recovery import guide as recovery
from app.services.recovery import remedies
from app.services.people import users
from app.services.feedback import verification
from app.services.cases.opening import NewCase, open_case
from app.services.feedback.forms import FormEntry

PIN = "2468"


def _me(store, username: str):
    return users.sign_in(store, username, PIN)


def people(store, data_dir, *, admin, others):
    """The first administrator and the others (username, name, role), all with PIN."""
    first = users.create_first_admin(store, admin, admin, PIN)
    ids = {admin: first.user_id}
    for username, name, role in others:
        ids[username] = users.create_user(store, username, name, PIN, role, actor_id=first.user_id).user_id
    return ids


def form(store, data_dir, *, who, ro, day, grades, overall=None, comment="", phone="13900000000", name="客户",
         plate="京A00000"):
    saved = feedback_forms.enter_form(store, FormEntry(ro, date.fromisoformat(day), name, phone, plate, *grades,
                                                       overall=overall, comment=comment), _me(store, who))
    return {"form_id": saved.form_id, "alerts": list(saved.alert_ids), "failure": saved.failure}


def correct(store, data_dir, *, who, form_id, changes):
    """Correct a stored form (within feedback.correction_hours) on top of the version shown."""
    detail = feedback_forms.form_detail(store, form_id)
    if detail is None:
        raise LookupError(f"form {form_id} is not in this store")
    saved = feedback_forms.correct_form(store, form_id, changes, _me(store, who), expected_version=detail.version)
    return {"version": saved.version}


def complaint(store, data_dir, *, who, name, phone, plate, words, ro=""):
    me = _me(store, who)
    new = NewCase(customer_name=name, phone=phone, plate=plate, channel="hotline", failure_type="outcome",
                  cause_group="employee", severity="serious", customer_words=words, mood="angry", blame="dealer",
                  score=5)
    ref = complaints.record_complaint(store, new, me.user_id, repair_order=ro)
    return {"case_id": ref.id, "number": ref.number}


def case_from_form(store, data_dir, *, who, form_id):
    me = _me(store, who)
    # Filled in from the form; the advisor chooses what the form can't say.
    new = replace(feedback_forms.case_from_form(store, form_id), failure_type="outcome", cause_group="employee",
                  severity="severe", severity_reason="客户情绪激动", blame="dealer", mood="angry",
                  customer_words="刹车还响")
    ref = open_case(store, new, me.user_id)
    return {"case_id": ref.id, "number": ref.number}


def walk(store, data_dir, *, who, case_id, remedy=None, stop_before=None):
    """Do the case's script steps in order until ``stop_before`` (a step kind) or the end; at the
    remedy step offer ``remedy`` ([kind, amount, description])."""
    me = _me(store, who)
    pack = library_for(Path(data_dir)).pack
    g = recovery.guide(store, case_id, pack)
    done = []
    proposed = None
    while not g.finished:
        step = g.steps[g.current].step
        if step.kind == stop_before:
            break
        if step.kind == "offer_remedy" and remedy and proposed is None:
            proposed = remedies.propose_remedy(store, case_id, remedy[0], remedy[1], remedy[2], me.user_id,
                                               expected_version=g.version)
            g = recovery.guide(store, case_id, pack)
            if proposed.status == "pending_approval":
                break  # the customer waits for a supervisor's decision
        g = recovery.record_step(store, case_id, pack, g.current, "done", f"step {g.current + 1} noted", me.user_id,
                                 expected_version=g.version)
        done.append(step.kind)
    return {"done": done, "remedy_id": proposed.id if proposed else None,
            "remedy_status": proposed.status if proposed else None, "status": g.status}


def call(store, data_dir, *, who, ro, reached, day=None, grades=None, name="客户", phone="13900000000",
         plate="京A00000"):
    """A 3-day call on repair order ``ro`` on the version stored here, as the call list offers it: not
    reached (record_attempt), or reached with the form typed on the call (enter_form's call_on)."""
    from sqlalchemy import select

    from app.models import RepairOrder
    from app.services.orders.calls import record_attempt

    me = _me(store, who)
    with store.session() as s:
        order_id, version = s.execute(select(RepairOrder.id, RepairOrder.version).where(
            RepairOrder.dealer_id == store.identity.home_dealer_id, RepairOrder.number == ro)).one()
    if not reached:
        return {"version": record_attempt(store, order_id, me.user_id, reached=False, expected_version=version)}
    saved = feedback_forms.enter_form(store, FormEntry(ro, date.fromisoformat(day), name, phone, plate, *grades), me,
                                      call_on=(order_id, version))
    return {"form_id": saved.form_id, "order_id": order_id}


def approve(store, data_dir, *, who, remedy_id):
    me = _me(store, who)
    [view] = [r for r in remedies.pending_approvals(store) if r.id == remedy_id]
    got = remedies.approve_remedy(store, remedy_id, me.user_id, "within my authority",
                                  expected_version=view.case_version)
    return {"status": got.status}


def callback(store, data_dir, *, who, case_id, rating, words):
    me = _me(store, who)
    [cb] = [c for c in callbacks.callbacks_due(store, within_days=30) if c.case_id == case_id]
    res = callbacks.record_reached(store, cb.id, rating, words, me.user_id, root_cause="螺栓未拧紧",
                                   improvement="交车前复检", expected_version=cb.case_version)
    return {"recovered": res.recovered, "status": res.case_status}


def not_reached(store, data_dir, *, who, case_id):
    me = _me(store, who)
    [cb] = [c for c in callbacks.callbacks_due(store, within_days=30) if c.case_id == case_id]
    got = callbacks.record_not_reached(store, cb.id, me.user_id, "无人接听", expected_version=cb.case_version)
    return {"attempts": got.not_reached}


def escalate(store, data_dir, *, who, case_id, reason):
    me = _me(store, who)
    g = recovery.guide(store, case_id, library_for(Path(data_dir)).pack)
    return {"status": recovery.escalate(store, case_id, reason, me.user_id, expected_version=g.version)}


def verify(store, data_dir, *, who, outcomes):
    """Draw the verification sample and record the calls: ``outcomes`` in turn (confirmed/disputed)."""
    me = _me(store, who)
    drawn = verification.draw_sample(store, me.user_id, seed=7)
    made = []
    for call, outcome in zip(drawn, outcomes):
        verification.record_call(store, call.id, outcome, "客户确认" if outcome == "confirmed" else "客户不认可", me.user_id)
        made.append({"call_id": call.id, "form_id": call.form_id, "outcome": outcome})
    return {"calls": made}


def ack_alerts(store, data_dir, *, who, count=1):
    me = _me(store, who)
    open_ = alerts.open_alerts(store)
    for a in open_[:count]:
        alerts.acknowledge(store, a.id, me)
    return {"acknowledged": [a.form_id for a in open_[:count]], "open": len(open_)}


def attach(store, data_dir, *, who, case_id, path):
    me = _me(store, who)
    g = recovery.guide(store, case_id, library_for(Path(data_dir)).pack)
    att = attachments.add_attachment(store, case_id, path, me.user_id, expected_version=g.version)
    return {"attachment_id": att.id, "sha256": att.sha256}


def attachment_files(store, data_dir, *, case_id):
    return {"files": [{"filename": a.filename, "sha256": a.sha256, "exists": Path(a.path).is_file()}
                      for a in attachments.list_attachments(store, case_id)]}


def _id(store, username: str) -> str:
    return next(p.user_id for p in users.list_users(store) if p.username == username)


def manage(store, data_dir, *, who, username, role=None, pin=None, active=None):
    """An administrator's change to a person in Settings: another role, a new PIN, (de)activation."""
    me, uid = _me(store, who), _id(store, username)
    if role is not None:
        users.set_role(store, uid, role, actor_id=me.user_id)
    if pin is not None:
        users.reset_secret(store, uid, pin, actor_id=me.user_id)
    if active is not None:
        users.set_active(store, uid, active, actor_id=me.user_id)
    return {"user_id": uid}


def setting(store, data_dir, *, who, values):
    from app.services.preferences import save_settings

    return save_settings(store, values, _me(store, who))


def wrong_pins(store, data_dir, *, username, count):
    """Someone types wrong PINs at the sign-in; returns whether the next try now waits."""
    for _ in range(count):
        try:
            users.sign_in(store, username, "0000")
        except (users.SignInFailed, lockouts.SignInLocked):
            pass
    return {"waits": bool(lockouts.waits(store).get(_id(store, username)))}


def lift(store, data_dir, *, who, username):
    lockouts.lift(store, _id(store, username), actor_id=_me(store, who).user_id)
    return {}


def audit_kinds(store, data_dir):
    """Every kind of change the store's audit trail holds (Settings > Audit trail's kind filter)."""
    from app.services.audit import view

    return {"kinds": view.kinds(store)}


ACTIONS = {f.__name__: f for f in (people, form, correct, complaint, case_from_form, walk, call, approve, callback, not_reached,
                                   escalate, verify, ack_alerts, attach, attachment_files, manage, setting, wrong_pins,
                                   lift, audit_kinds)}


def main(argv: list[str]) -> int:
    data_dir, action, kw = argv[0], argv[1], json.loads(argv[2]) if len(argv) > 2 else {}
    store = open_store(Path(data_dir))
    try:
        print(json.dumps(ACTIONS[action](store, data_dir, **kw), ensure_ascii=False, default=str))
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
