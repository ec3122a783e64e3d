"""Every view and dialog with every string half again as long, at 1366x768: no label cut short, no
field squashed (a translation longer than English must still fit, as Vorta checks with TRANS_SCALE)."""

from __future__ import annotations

import pytest

from tests.ui.stretch import layout_problems, stretched


@pytest.fixture
def big(qtbot):
    def show(widget, size=None):
        qtbot.addWidget(widget)
        if size:
            widget.resize(*size)
        widget.show()
        qtbot.waitExposed(widget)
        qtbot.wait(50)  # layouts settle after the first show
        return widget
    return show


def test_first_start_and_sign_in(qtbot, store, ops, big):
    from app.ui.shell.shell import Shell

    problems = []
    with stretched():
        shell = Shell(ops, store=store)
        d = shell.start()
        qtbot.addWidget(d)
        qtbot.waitUntil(lambda: d.isVisible() and d.forms.currentWidget() is d.admin_form)
        qtbot.wait(50)
        problems += layout_problems(d)
    assert not problems, "\n".join(problems)


def test_sign_in_lists_whole_names(qtbot, store, ops, admin, big):
    from app.services.people import users
    from app.ui.shell.shell import Shell

    users.create_user(store, "s1", "监督员", "5678", "supervisor", actor_id=admin.user_id)
    problems = []
    with stretched():
        shell = Shell(ops, store=store)
        d = shell.start()
        qtbot.addWidget(d)
        qtbot.waitUntil(lambda: d.isVisible() and d.user.count() == 2)
        qtbot.wait(50)
        problems += layout_problems(d)
    assert not problems, "\n".join(problems)


def test_every_page_of_the_main_window(qtbot, store, ops, admin, big):
    from app.ui.common.style import STYLE
    from app.ui.shell.main_window import MainWindow
    from tests.recovery_helpers import case_for

    case_id = case_for(store, admin.user_id, at=None)
    problems = []
    with stretched():
        w = MainWindow(store, ops, admin)
        w.setStyleSheet(STYLE)
        big(w, (1366, 768))
        for i in range(w.nav.count()):
            w.nav.setCurrentRow(i)
            page = w.pages.currentWidget()
            qtbot.wait(80)
            if page.objectName() == "cases":
                w.cases.show_case(case_id)
                qtbot.waitUntil(lambda: w.cases.detail.detail is not None)
                for t in range(w.cases.detail.tabs.count()):
                    w.cases.detail.tabs.setCurrentIndex(t)
                    qtbot.wait(50)
                    problems += layout_problems(w)
            problems += layout_problems(w)
        ops.wait_idle()
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_dialogs(qtbot, store, ops, admin, advisor, big):
    from app.services.drafts import DraftBox
    from app.ui.cases.complaint_dialog import ComplaintDialog
    from app.ui.common.style import STYLE
    from app.ui.recovery.notices_panel import NoticesDialog
    from app.ui.recovery.remedy_dialog import RemedyDialog
    from app.ui.sync.connect_dialog import ConnectDialog
    from app.ui.sync.sync_problems import SyncProblemsDialog
    from app.services.cases.case_queries import case_version
    from tests.recovery_helpers import case_for

    case_id = case_for(store, advisor.user_id, at=None)
    problems = []
    with stretched():
        for make in (lambda: ComplaintDialog(store, ops, advisor, DraftBox(store.path.parent)),
                     lambda: RemedyDialog(store, ops, case_id, advisor, version_of=lambda: case_version(store, case_id)),
                     lambda: ConnectDialog(store, ops),
                     lambda: NoticesDialog(),
                     lambda: SyncProblemsDialog(store, ops)):
            d = make()
            d.setStyleSheet(STYLE)
            big(d)
            ops.wait_idle()
            qtbot.wait(50)
            problems += layout_problems(d)
            d.close()
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_check_finds_a_cut_label_a_cut_choice_and_a_squashed_field(qtbot):
    from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

    top = QWidget(objectName="planted")
    qtbot.addWidget(top)
    label = QLabel("a label far too long for forty pixels", top)
    label.setGeometry(0, 0, 40, 20)
    combo = QComboBox(top)
    combo.addItem("监督员 (supervisor with a long name)")
    combo.setGeometry(0, 30, 50, 24)
    field = QLineEdit(top)
    field.setGeometry(0, 60, 120, 8)
    top.resize(200, 100)
    top.show()
    qtbot.waitExposed(top)
    found = layout_problems(top)
    assert [p.split(":")[1].strip().split(" (")[0] for p in found] == ["label cut", "choices cut", "field QLineEdit squashed"]
