"""Screenshots of every view of the desk and of head office's window in one language, on a fresh
demo store (secrets in memory, never the user's keyring).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python packaging/screenshots.py zh_CN docs/screenshots
"""

import json
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.models import FailureCase, User, utcnow  # noqa: E402
from app.models.store import open_database, open_store  # noqa: E402
from app.services.recovery import remedies
from app.services.people import users  # noqa: E402
from app.services.demo.sample_data import fill_demo  # noqa: E402
from app.sync import outbox  # noqa: E402
from app.sync.apply import apply_file  # noqa: E402
from app.ui.common.qt_app import create_app  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from app.ui.common.ops import Ops  # noqa: E402
from app.ui.common.i18n import apply_language  # noqa: E402
from app.ui.shell.sign_in_dialog import SignInDialog  # noqa: E402

WIDTH, HEIGHT = 1366, 768


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.data = {}

    def get_password(self, service, username):
        return self.data.get((service, username))

    def set_password(self, service, username, password):
        self.data[(service, username)] = password

    def delete_password(self, service, username):
        self.data.pop((service, username), None)


def commit(w, text):
    """Type Chinese as an input method commits it (QTest types Latin-1 only)."""
    ev = QInputMethodEvent()
    ev.setCommitString(text)
    QApplication.sendEvent(w, ev)


def _case(store, *statuses):
    with store.session() as s:
        return s.scalar(select(FailureCase.id).where(FailureCase.status.in_(statuses))
                        .order_by(FailureCase.version.desc(), FailureCase.opened_at.desc()).limit(1))


def _mid_script(store):
    """A case part-way through its script: its last change is a step, and no remedy offered yet."""
    from app.models import Event, Remedy

    with store.session() as s:
        last = (select(Event.kind).where(Event.entity_id == FailureCase.id).order_by(Event.seq.desc()).limit(1)
                .scalar_subquery())
        return s.scalar(select(FailureCase.id).where(FailureCase.status == "in_recovery", last == "recovery.step",
                                                     ~select(Remedy.id).where(Remedy.case_id == FailureCase.id)
                                                     .exists())
                        .order_by(FailureCase.opened_at.desc()).limit(1))


def _attach(store, case_id, tmp: Path, actor):
    """A photo of the problem and the repair invoice, as an advisor adds them at the counter."""
    from PySide6.QtGui import QColor, QPainter, QPixmap

    from app.services.cases import attachments

    photo = tmp / "异响部位照片.png"
    pm = QPixmap(320, 200)
    pm.fill(QColor("#d9e4ea"))
    p = QPainter(pm)
    p.setPen(QColor("#2f6f8f"))
    p.drawEllipse(110, 50, 100, 100)
    p.end()
    pm.save(str(photo))
    attachments.add_attachment(store, case_id, photo, actor)
    invoice = tmp / "维修结算单.pdf"
    invoice.write_bytes((Path(__file__).resolve().parents[1] / "docs/samples/cases-2026-10-zh_CN.pdf").read_bytes())
    attachments.add_attachment(store, case_id, invoice, actor)


def _user(store, name):
    with store.session() as s:
        return s.scalar(select(User.id).where(User.display_name == name))


def enrol(db, st, code, label):
    """Enrol counter ``st`` at head office without a server (the credential goes to the keyring)."""
    from app.foundation import secrets
    from app.hq.counters import add_dealer, issue_code, redeem
    from app.models import Dealer
    from app.sync.connect import _rehome

    with db.session() as s:
        known = set(s.scalars(select(Dealer.code)))
    if code not in known:
        add_dealer(db, code, {"BJ01": "北京东方汽车服务", "SH02": "上海浦江汽车"}.get(code, code))
    got = redeem(db, issue_code(db, code), st.identity.store_id, label)
    secrets.put(secrets.counter_key(st.identity.store_id), got.secret)
    _rehome(st, got.dealer.id, got.dealer.code, got.dealer.name)


def head_office(db, tmp: Path, store, snap):
    """A second counter, a conflict and a USB stick of case files imported in head office's window."""
    from app.services.cases.opening import open_case
    from app.ui.hq.hq_window import HqWindow
    from app.services.uow import UnitOfWork
    from app.services.demo.sample_data import NewCase
    from app.foundation.ids import new_id

    def enrol_(st, code, label):
        enrol(db, st, code, label)

    b = open_store(tmp / "counter-b")
    enrol_(b, "BJ01", "前台2")
    c = open_store(tmp / "counter-c")
    enrol_(c, "SH02", "前台1")
    fill_demo(c, 200, 30, seed=11)
    case = open_case(b, NewCase(customer_name="周敏", phone="13911112222", plate="京N8K211", channel="hotline",
                                failure_type="process", cause_group="communication", severity="moderate",
                                customer_words="说好的代步车没有安排"), None).id
    stick = tmp / "usb"
    [first] = outbox.export(b, tmp / "b-first")
    doc = json.loads(first.read_bytes())
    with store.session() as s, s.begin():  # counter A received B's case, as a pull brings it
        apply_file(s, doc["dealer"]["id"], doc["events"], doc["records"])

    def edit(st, root, who):
        with st.session() as s:  # the person at that counter who made the change
            actor = s.scalar(select(User.id).where(User.display_name == who))
            if actor is None:
                actor = new_id()
                s.add(User(id=actor, dealer_id=st.identity.home_dealer_id, username=who, display_name=who,
                           role="advisor", password_hash=None, active=True, created_at=utcnow()))
                s.commit()
        with UnitOfWork(st, actor) as uow:
            fc = uow.session.get(FailureCase, case)
            fc.version += 1
            fc.root_cause, fc.updated_at = root, utcnow()
            uow.record("case", case, "case.updated", {"root_cause": root}, fc.dealer_id, seq=fc.version)
            uow.commit()

    edit(b, "代步车预约流程没有专人跟进", "王强")
    edit(store, "前台交接遗漏", "李娜")
    outbox.export(b, stick)
    outbox.export(c, stick)
    outbox.export(store, stick)
    (stick / "copy-broken.casefile").write_bytes(first.read_bytes()[:300])

    ops = Ops(inline=True)
    w = HqWindow(db, ops)
    w.resize(WIDTH, HEIGHT)
    w.show()
    QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(stick))
    w.tabs.setCurrentWidget(w.importing)
    QTest.mouseClick(w.importing.choose, Qt.MouseButton.LeftButton)
    for _ in range(200):
        QApplication.processEvents()
        if w.importing.progress.value() == w.importing.progress.maximum() and w.importing.progress.maximum() > 0:
            break
        QTest.qWait(50)
    ops.wait_idle() if hasattr(ops, "wait_idle") else None
    for name, page in (("hq-import", w.importing), ("hq-dealers", w.counters), ("hq-conflicts", w.conflicts),
                       ("hq-figures", w.network), ("hq-cases", w.cases), ("hq-warnings", w.warnings),
                       ("hq-reports", w.reports), ("hq-publish", w.publishing)):
        w.tabs.setCurrentWidget(page)
        if name == "hq-conflicts" and w.conflicts.conflicts.rowCount():
            w.conflicts.conflicts.selectRow(0)
        snap(w, name)
    w.close()
    b.close()
    c.close()


def main(lang: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(MemoryKeyring())
    app = create_app()
    apply_language(lang)
    tmp = Path(tempfile.mkdtemp())
    store = open_store(tmp / "counter-a")

    def snap(widget, name):
        QTest.qWait(200)  # let delayed layouts (header stretch, word wrap) settle as a user would see them
        widget.grab().save(str(out / f"{name}-{lang}.png"))
        print(out / f"{name}-{lang}.png")

    ops = Ops(inline=True)

    # Sign in first, on an empty store: what a new counter sees after its first start.
    s = SignInDialog(store, ops)
    s.show()
    snap(s, "first-start")
    s.close()

    db = open_database(f"sqlite:///{tmp / 'hq.sqlite3'}")
    enrol(db, store, "BJ01", "前台1")
    fill_demo(store, 600, 120)
    users.ensure_demo_users(store)
    head_office(db, tmp, store, snap)
    who = users.sign_in(store, "supervisor", users.DEMO_PIN)

    s = SignInDialog(store, ops)
    s.show()
    snap(s, "sign-in")
    s.close()

    # A remedy above the advisor's authority, waiting for a supervisor.
    waiting_case = _case(store, "in_recovery", "open")
    if waiting_case:
        remedies.propose_remedy(store, waiting_case, "refund", 800, "退还重复收取的工时费", _user(store, "李娜"))

    w = MainWindow(store, ops, who)
    w.resize(WIDTH, HEIGHT)
    w.set_sync_state(True, 0, utcnow() - timedelta(minutes=4))
    w.show()
    snap(w, "today")
    w.show_page(w.cases)
    w.cases.table.selectRow(0)
    snap(w, "cases")

    # A case in the middle of its recovery: overview, timeline, customer history, attachments, the stepper.
    cid = _case(store, "awaiting_callback", "remedy_agreed")
    _attach(store, cid, tmp, _user(store, "张伟"))
    w.cases.show_case(cid)
    for i, name in enumerate(("case-overview", "case-timeline", "case-history", "case-attachments")):
        w.cases.detail.tabs.setCurrentIndex(i)
        snap(w, name)
    w.cases.show_case(_mid_script(store) or _case(store, "in_recovery"))
    w.cases.detail.tabs.setCurrentIndex(4)
    snap(w, "case-recovery")

    v = w.feedback
    w.show_page(v)
    snap(w, "feedback-form-empty")
    QTest.keyClicks(v.repair_order, "RO2611-0888")
    commit(v.customer_name, "孙丽")
    QTest.keyClicks(v.phone, "13700002222")
    commit(v.plate, "京B12345")
    for item, g in zip(("timeliness", "repair_quality", "attitude"), "BDA"):
        QTest.keyClick(v.pickers[item], g)
    snap(w, "feedback-form")
    v.on_save_clicked()
    snap(w, "feedback-form-saved")
    v.on_open_case_clicked()
    v.complaint.resize(940, 620)
    snap(v.complaint, "complaint-from-form")
    v.complaint.cause_group.setCurrentIndex(0)
    commit(v.complaint.customer_words, "维修后异响仍在，第二次来修了。")
    v.complaint.on_save_clicked()
    w.show_page(w.cases)
    w.cases.on_new_clicked()
    dlg = w.cases.complaint
    QTest.keyClicks(dlg.search, "13")
    dlg.on_search_timer_timeout()
    snap(dlg, "complaint-search")
    dlg.draft_bar.on_discard_clicked()
    dlg.reject()

    rec = w.recovery
    w.show_page(rec.callbacks)
    if rec.callbacks.table.rowCount():
        rec.callbacks.table.selectRow(0)
    snap(w, "callbacks")
    w.show_page(rec.approvals)
    if rec.approvals.table.rowCount():
        rec.approvals.table.selectRow(0)
    snap(w, "approvals")
    w.show_page(rec.verification)
    rec.verification.on_draw_clicked()
    if rec.verification.table.rowCount():
        rec.verification.table.selectRow(0)
    snap(w, "verification")
    w.show_page(w.reports)
    snap(w, "reports-empty")
    w.reports.on_make_clicked()
    for _ in range(100):
        if w.reports.preview.pages:
            break
        QTest.qWait(100)
    snap(w, "reports")
    w.show_page(w.settings)
    snap(w, "settings")

    # Sync: a file head office refused, and the dialog that connects a counter.
    from app.ui.sync.connect_dialog import ConnectDialog
    from app.ui.sync.sync_problems import SyncProblemsDialog
    from app.services.cases.opening import open_case
    from app.services.demo.sample_data import NewCase

    open_case(store, NewCase(customer_name="钱进", phone="13600001111", plate="京Q7M2C9", channel="visit",
                             failure_type="outcome", cause_group="system", severity="minor"), None)
    [seq] = outbox.file_waiting(store)
    outbox.mark_rejected(store, seq, json.dumps({"code": "wrong_dealer", "text": (
        "The case file says it is from dealer {dealer}, but counter {counter} is enrolled for another "
        "dealer. Nothing of it was imported."), "params": {"dealer": "BJ01", "counter": store.identity.store_id[:13]}},
        ensure_ascii=False))
    p = SyncProblemsDialog(store, ops, w)
    p.show()
    if p.table.rowCount():
        p.table.selectRow(0)
    snap(p, "sync-problems")
    p.close()
    cd = ConnectDialog(store, ops, w, url="https://hq.example.com")
    cd.show()
    snap(cd, "connect")
    cd.close()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
