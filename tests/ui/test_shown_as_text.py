"""Data is text: with markup in every field a person or a pack can fill (names, the customer's words,
plates, comments, notes, script wording, file names), every page and dialog of the desk shows it
literally. A label, tooltip or message box that would render it as rich text fails the test (Qt
would follow the <img> to a device file, which stopped the desk while it painted a case header)."""

from __future__ import annotations

import yaml
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLabel, QMessageBox, QWidget

from app.foundation.paths import resources_dir
from app.services.recovery import callbacks
from app.services.recovery import remedies
from app.services.people import users
from app.services.cases.attachments import add_attachment
from app.services.cases.opening import NewCase, open_case
from app.services.changes import CASES
from app.services.imports.feedback_store import import_feedback_file
from tests.helpers import csv_file, form_line

# The walk's image names a file that isn't there: a label that regressed to rich text then fails the
# check below instead of reading a device (test_a_device_named_in_a_name_is_never_opened does that).
MARK = "<b>X</b><a href=x>l</a><img src=/no/such.png>"
TELLS = ("<b>", "<img", "<a href")  # what markup from the data looks like on screen when shown literally


def _marked(value: str) -> str:
    return f"{value}{MARK}"


def _offences(widgets) -> list[str]:
    """Every widget that would render data's markup: a label, a tooltip, a list or table's tooltip."""
    found = []

    def rich(text: str, fmt=Qt.TextFormat.AutoText) -> bool:
        if not text or not any(t in text for t in TELLS):
            return False
        return fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))

    for w in widgets:
        where = f"{type(w).__name__} {w.objectName()!r} in {type(w.window()).__name__}"
        if isinstance(w, QLabel) and rich(w.text(), w.textFormat()):
            found.append(f"{where}: {w.text()[:80]!r} ({w.textFormat().name})")
        if rich(w.toolTip()):
            found.append(f"{where}, tooltip: {w.toolTip()[:80]!r}")
        if isinstance(w, QAbstractItemView) and isinstance(w.model(), QAbstractItemModel):
            model = w.model()
            for row in range(50):
                for col in range(20):
                    index = model.index(row, col)  # some models' counts are private to PySide
                    if not index.isValid():
                        break
                    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                    if isinstance(tip, str) and rich(tip):
                        found.append(f"{where}, row {row} column {col} tooltip: {tip[:80]!r}")
    return found


def _visible_marks(widgets) -> int:
    """How many labels show the markup literally (the test must really have reached the data)."""
    return sum(1 for w in widgets if isinstance(w, QLabel) and "<b>X</b>" in w.text() and w.isVisible())


def _marked_pack(data_dir) -> None:
    """The bundled pack with markup in every title and every line the advisor says or writes down."""
    doc = yaml.safe_load((resources_dir() / "scripts" / "default.yaml").read_text("utf-8"))

    def mark(node):
        if isinstance(node, dict):
            return {k: (({lang: _marked(text) for lang, text in v.items()} if k in ("say", "record", "title")
                         and isinstance(v, dict) else mark(v))) for k, v in node.items()}
        if isinstance(node, list):
            return [mark(x) for x in node]
        return node

    doc = mark(doc)
    doc["pack"], doc["version"] = "marked", 2
    folder = data_dir / "scripts"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "active.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")


def _seed(store, tmp_path, admin) -> dict:
    """Through the product's own services: a form, a case, a remedy waiting for approval, a note, a
    file, a callback and people, each with markup in every field it has."""
    boss = users.create_user(store, "boss", _marked("主管"), "1357", "supervisor", actor_id=admin.user_id)
    li = users.create_user(store, "li", _marked("李娜"), "5678", "advisor", actor_id=admin.user_id)
    import_feedback_file(store, csv_file(tmp_path / "forms.csv", [
        form_line("2026-11-10", "RO-MARK-1", "ADE", advisor=_marked("张伟"), customer=_marked("王芳"),
                  overall="4", comment=_marked("还是异响"))]))
    case = open_case(store, NewCase(
        customer_name=_marked("周先生"), phone="13500000000", plate="川A00001", channel="on_site",
        failure_type="outcome", cause_group="employee", severity="serious", score=5,
        customer_words=_marked("车还有异响"), mood="angry", blame="dealer", model=_marked("雅阁"),
        assignee_id=li.user_id), li.user_id)
    photo = tmp_path / "b>X.a href=x.img src=dev.zero.png"  # a file name can't hold '/'
    photo.write_bytes(b"not really a picture")
    add_attachment(store, case.id, photo, li.user_id)
    remedies.propose_remedy(store, case.id, "voucher", 5000, _marked("保养代金券"), li.user_id)
    return {"case": case, "boss": boss, "li": li}


def _every_widget() -> list[QWidget]:
    return [w for w in QApplication.allWidgets() if not w.window().isHidden() or isinstance(w.window(), QDialog)]


def test_every_page_and_dialog_shows_data_as_text(qtbot, store, admin, tmp_path):
    from app.ui.common.ops import Ops
    from app.ui.common.qt_app import create_app
    from app.ui.shell.main_window import MainWindow

    create_app()
    _marked_pack(store.path.parent)
    seeded = _seed(store, tmp_path, admin)
    ops = Ops(inline=True)
    window = MainWindow(store, ops, seeded["boss"])
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    seen: list[str] = []
    reached = 0

    def look(where: str) -> None:
        nonlocal reached
        QApplication.processEvents()
        widgets = _every_widget()
        seen.extend(f"{where}: {o}" for o in _offences(widgets))
        reached += _visible_marks(widgets)
        for w in {w.window() for w in widgets if w.isVisible()}:
            w.grab()  # painting, as the desk does: nothing an <img> names is loaded

    for row in range(window.pages.count()):
        page = window.pages.widget(row)
        window.show_page(page)
        look(f"page {page.objectName() or type(page).__name__}")

    cases = window.cases
    window.show_page(cases)
    cases.show_case(seeded["case"].id)
    detail = cases.detail
    for tab in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(tab)
        look(f"case tab {detail.tabs.tabText(tab)}")

    stepper = window.recovery.stepper
    detail.tabs.setCurrentWidget(stepper)
    qtbot.waitUntil(lambda: stepper.guide is not None)
    look("recovery stepper")
    assert MARK in stepper.say.text()  # the pack's wording is on screen, literally

    approvals = window.recovery.approvals
    window.show_page(approvals)
    approvals.refresh()
    qtbot.waitUntil(lambda: approvals.table.rowCount() == 1)
    look("approvals")

    verification = window.recovery.verification
    window.show_page(verification)
    verification.on_draw_clicked()
    look("verification calls")

    feedback = window.feedback
    window.show_page(feedback)
    feedback.repair_order.setText("RO-MARK-1")
    feedback.on_open_clicked()
    look("stored feedback form")

    from app.services.feedback.forms import case_from_form
    from app.ui.cases.complaint_dialog import ComplaintDialog

    dialog = ComplaintDialog(store, ops, seeded["boss"], window.drafts,
                             prefill=case_from_form(store, feedback.editing.form_id), repair_order="RO-MARK-1",
                             parent=window)
    dialog.open()
    look("complaint dialog opened from the form")
    dialog.reject()

    from app.ui.cases.complaint_dialog import DRAFT_KIND

    window.drafts.save(DRAFT_KIND, seeded["boss"].user_id, {"customer_name": _marked("钱先生"),
                                                            "customer_words": _marked("没修好")})
    dialog = ComplaintDialog(store, ops, seeded["boss"], window.drafts, parent=window)
    dialog.open()
    assert dialog.draft_bar.isVisible()
    look("complaint dialog offering a kept draft")
    dialog.reject()

    from app.ui.sync.sync_problems import SyncProblemsDialog

    problems = SyncProblemsDialog(store, ops, window)
    problems.open()
    look("sync problems")
    problems.reject()

    settings = window.settings
    window.show_page(settings)
    look("settings")
    for row in range(settings.user_list.count()):
        if "李娜" in settings.user_list.item(row).text():
            settings.user_list.setCurrentRow(row)
    asked = []

    def answer() -> None:  # inside the PIN question's own event loop
        look("new PIN question")
        asked.append(QApplication.activeModalWidget())
        QApplication.activeModalWidget().reject()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, answer)
    settings.reset_pin_button.click()
    assert asked and asked[0] is not None

    from app.services.recovery.guide import guide, record_step
    from app.ui.recovery.remedy_dialog import RemedyDialog

    remedy = RemedyDialog(store, ops, seeded["case"].id, seeded["li"], window, version_of=lambda: None)
    remedy.open()
    look("remedy dialog")
    remedy.reject()

    # A second case followed to its callback, every note and the remedy marked: the callback dialog.
    li, pack = seeded["li"], window.recovery.library.pack
    second = open_case(store, NewCase(customer_name=_marked("孙女士"), phone="13600000000", plate="川A00002",
                                      channel="on_site", failure_type="outcome", cause_group="system",
                                      severity="serious", score=4, customer_words=_marked("等太久"),
                                      assignee_id=li.user_id), li.user_id).id
    for st in guide(store, second, pack).steps:
        if st.step.kind == "offer_remedy":
            remedies.propose_remedy(store, second, "discount", 200, _marked("工时八折"), li.user_id)
        record_step(store, second, pack, st.step.index, "done", _marked("已完成"), li.user_id)
    ops.announce(CASES)
    page = window.recovery.callbacks
    window.show_page(page)
    page.refresh()
    qtbot.waitUntil(lambda: len(page.rows) == 1)
    look("callbacks due")
    page.record_button.click()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    look("callback dialog")
    page.dialog.reject()
    window.show_page(cases)
    cases.show_case(second)
    for tab in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(tab)
        look(f"second case, tab {detail.tabs.tabText(tab)}")

    assert not seen, "data rendered as rich text:\n" + "\n".join(seen)
    assert reached >= 4, "the walk never showed the seeded data"


def test_a_failure_message_with_data_in_it_is_plain_text(qtbot):
    from app.foundation.errors import InvalidInput
    from app.ui.common.ops import Ops
    from app.ui.common.qt_app import create_app

    create_app()
    ops = Ops(inline=True)
    with qtbot.waitSignal(ops.failure_shown):
        ops.run(lambda: (_ for _ in ()).throw(InvalidInput(field=_marked("file"), problem="no such file")))
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and all(b.textFormat() == Qt.TextFormat.PlainText for b in boxes)
    assert not _offences(_every_widget())
    for b in boxes:
        b.close()


def test_a_device_named_in_a_name_is_never_opened(qtbot, window, store, advisor):
    """The attack as seen: an <img> naming /dev/zero in a customer's name and words. Every label that
    holds it is checked to be plain text before the window is painted (a rich one would read the
    device without end); then the case header is painted."""
    device = "<img src='/dev/zero'><b>X</b>"
    case = open_case(store, NewCase(customer_name=f"周{device}", phone="13500000000", plate="川A00001",
                                    channel="on_site", failure_type="process", cause_group="employee",
                                    severity="minor", customer_words=device), advisor.user_id)
    window.show_page(window.cases)
    window.cases.show_case(case.id)
    holding = [w for w in QApplication.allWidgets() if isinstance(w, QLabel) and "/dev/zero" in w.text()]
    assert len(holding) >= 2, [w.text() for w in holding]
    assert all(w.textFormat() == Qt.TextFormat.PlainText for w in holding), \
        [(w.objectName(), w.textFormat().name) for w in holding]
    window.grab()
    assert any(device in w.text() and w.isVisible() for w in holding)


def test_head_offices_window_shows_counters_data_as_text(qtbot, tmp_path, monkeypatch, new_store, new_hq_db):
    """Head office's window with a counter's marked case, a dealer with a marked name and a conflict
    over a marked root cause, imported from a folder as from a USB stick."""
    import json

    from PySide6.QtWidgets import QFileDialog

    from app.hq.counters import add_dealer
    from app.sync import outbox
    from app.sync.apply import apply_file
    from app.ui.common.ops import Ops
    from app.ui.hq.hq_window import HqWindow
    from tests.synchelp import edit_case, enrol_in_process

    db = new_hq_db(tmp_path / "hq.sqlite3")
    add_dealer(db, "BJ01", _marked("北京店"))
    a, b = new_store(tmp_path / "a"), new_store(tmp_path / "b")
    enrol_in_process(db, a)
    enrol_in_process(db, b)
    case = open_case(a, NewCase(customer_name=_marked("周先生"), phone="13500000000", plate="川A00001",
                                channel="on_site", failure_type="process", cause_group="employee", severity="minor",
                                customer_words=_marked("车还有异响")), None).id
    [first] = outbox.export(a, tmp_path / "a-first")
    doc = json.loads(first.read_bytes())
    with b.session() as s, s.begin():
        apply_file(s, doc["dealer"]["id"], doc["events"], doc["records"])
    edit_case(a, case, _marked("A处原因"))
    edit_case(b, case, _marked("B处原因"))
    stick = tmp_path / "usb"
    outbox.export(a, stick)
    outbox.export(b, stick)

    ops = Ops()
    w = HqWindow(db, ops)
    qtbot.addWidget(w)
    w.show()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    with qtbot.waitSignal(w.importing.import_finished, timeout=20000):
        w.importing.choose.click()
    qtbot.waitUntil(lambda: w.conflicts.conflicts.rowCount() == 1)
    seen = []
    for tab in range(w.tabs.count()):
        w.tabs.setCurrentIndex(tab)
        if w.tabs.currentWidget() is w.conflicts:
            w.conflicts.conflicts.selectRow(0)
        QApplication.processEvents()
        seen += [f"tab {w.tabs.tabText(tab)}: {o}" for o in _offences(_every_widget())]
    ops.wait_idle()
    assert not seen, "data rendered as rich text:\n" + "\n".join(seen)
