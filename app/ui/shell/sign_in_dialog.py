"""Sign-in on a shared counter PC: pick your name, type your PIN; the first start creates the admin
and offers to join head office (or to work offline for now).

The dialog shows at once; the store may still be opening (set_store() is called when it is), so
the program's first window appears without waiting for the database layer to load.
"""

from __future__ import annotations

# No ``Qt`` namespace here: PySide creates its hundreds of enums on first import of the name, a
# noticeable part of the first window's time; the main window loads it while the PIN is typed.
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from app.ui.common.ops import Ops
from app.ui.common.ui_words import error_text
from app.ui.common.widgets import FieldForm, icon


class SignInDialog(QDialog):
    signed_in = Signal(object)  # users.SignedIn
    sign_in_failed = Signal()  # the PIN (or the new administrator) was refused
    ready = Signal()  # the names are listed (or the first start's form is up): a PIN can be checked
    first_painted = Signal()  # once, just after the dialog's first paint: what can wait for it starts then

    def __init__(self, store, ops: Ops, *, locked_user=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signIn")
        self.store, self.ops, self.locked_user = None, ops, locked_user
        self.setWindowTitle(self.tr("Recovery Desk: sign in"))
        self._painted = False  # its icon is set once it has painted (_after_first_paint)
        self.setMinimumWidth(420)
        self.heading = QLabel(self.tr("Opening the store…"), objectName="heading")
        self.heading.setWordWrap(True)

        self.sign_in_form = FieldForm()
        self.user = self.sign_in_form.add("user", self.tr("Who are you"), QComboBox())
        self.pin = self.sign_in_form.add("pin", self.tr("PIN"), QLineEdit())
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self.on_submit_clicked)

        self.forms = QStackedWidget()
        self.forms.addWidget(self.sign_in_form)
        # The first start's form and the offer to join head office are built when the store turns
        # out to have no one yet (_first_start_part): two thirds of the widgets, not on the first
        # window's path on every other start.
        self.admin_form = self.join_box = None
        self.submit = QPushButton(self.tr("Sign in"), objectName="submit")
        self.submit.setDefault(True)
        self.submit.setEnabled(False)
        self.submit.clicked.connect(self.on_submit_clicked)
        layout = self._column = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.forms)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit)
        layout.addLayout(buttons)
        self.first_start = False
        self.people: dict = {}  # username -> users.UserInfo of the names offered
        if store is not None:
            self.set_store(store)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Its own paint, not an event filter: a filter had every event of the dialog (show, resize,
        # polish...) made a Python object before the first paint (~3 ms of the first window).
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._after_first_paint)  # once this paint is on screen

    def _after_first_paint(self) -> None:
        # The SVG icon loads Qt's SVG icon engine and QtSvg (~1.5 ms, more from a cold disk): after the
        # first paint, not before it.
        self.setWindowIcon(icon("app"))
        self.first_painted.emit()

    def _first_start_part(self) -> None:
        """The administrator's form and the offer to join head office (once, on the first start)."""
        if self.admin_form is not None:
            return
        self.admin_form = FieldForm()
        self.admin_user = self.admin_form.add("username", self.tr("User name"), QLineEdit(), required=True)
        self.admin_name = self.admin_form.add("display_name", self.tr("Your name"), QLineEdit(), required=True)
        self.admin_pin = self.admin_form.add("pin", self.tr("PIN (at least 4 characters)"), QLineEdit(), required=True)
        self.admin_pin2 = self.admin_form.add("pin2", self.tr("PIN again"), QLineEdit(), required=True)
        for w in (self.admin_pin, self.admin_pin2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_pin2.returnPressed.connect(self.on_submit_clicked)
        # The first start is when a dealer sets the counter up: joining head office belongs here too.
        self.join_button = QPushButton(self.tr("Join head office..."), objectName="joinHeadOffice")
        self.join_button.clicked.connect(self.on_join_clicked)
        self.join_label = QLabel(self.tr("Or work offline for now: join later in Settings. What is recorded "
                                         "meanwhile goes to head office once joined."), objectName="joinState")
        self.join_label.setWordWrap(True)
        self.join_box = QWidget(objectName="joinBox")
        join_row = QHBoxLayout(self.join_box)
        join_row.setContentsMargins(0, 8, 0, 0)
        join_row.addWidget(self.join_label, 1)
        join_row.addWidget(self.join_button)
        self.join_box.hide()  # the first start only
        self.forms.addWidget(self.admin_form)
        self._column.insertWidget(self._column.indexOf(self.forms) + 1, self.join_box)

    def set_store(self, store) -> None:
        from app.services.people import users

        self.store = store
        self.ops.run(lambda: (users.needs_first_admin(store), users.list_users(store)),
                     on_success=self.on_users_loaded, on_failure=self.on_failed)

    def on_users_loaded(self, result) -> None:
        first, people = result
        self.first_start = first
        self.submit.setEnabled(True)
        if first:
            self._first_start_part()
            self.heading.setText(self.tr("Welcome. This is the first start: create the administrator, "
                                         "who can then add the advisors and supervisors."))
            self.forms.setCurrentWidget(self.admin_form)
            self.join_box.show()
            self.adjustSize()  # room for the offer to join head office
            self.submit.setText(self.tr("Create administrator and sign in"))
            self.admin_user.setFocus()
            self.ready.emit()
            return
        self.heading.setText(self.tr("Locked. Sign in again to continue.") if self.locked_user
                             else self.tr("Sign in"))
        if self.join_box is not None:
            self.join_box.hide()  # joined, and the dealer's people came with it: no first start here
        self.submit.setText(self.tr("Sign in"))
        self.forms.setCurrentWidget(self.sign_in_form)
        self.user.clear()
        self.people = {p.username: p for p in people if p.can_sign_in}
        for p in people:
            if p.can_sign_in:
                label = p.display_name if p.display_name == p.username else f"{p.display_name} ({p.username})"
                self.user.addItem(label, p.username)
        if self.locked_user is not None:
            self.user.setCurrentIndex(max(0, self.user.findData(self.locked_user.username)))
        self.pin.setFocus()
        self.ready.emit()

    def on_join_clicked(self) -> None:
        from app.ui.sync.connect_dialog import ConnectDialog  # not on the sign-in's start path

        if self.store is None:
            return
        self.connect_dialog = ConnectDialog(self.store, self.ops, self)
        self.connect_dialog.counter_connected.connect(self.on_counter_connected)
        self.connect_dialog.open()

    def on_counter_connected(self, connected) -> None:
        from app.ui.sync.connect_dialog import first_round

        self.join_label.setText(self.tr("Joined head office: dealer {name} ({code}).").format(
            name=connected.dealer_name, code=connected.dealer_code))
        self.join_button.hide()
        # The dealer's people may already exist (this is its second PC): fetch them, then sign in as one
        # of them instead of creating another administrator.
        store, transport = self.store, getattr(self.connect_dialog, "transport", None)
        self.submit.setEnabled(False)
        self.heading.setText(self.tr("Joined head office: fetching the dealer's people…"))
        self.ops.run(lambda: first_round(store, transport), pool="io",
                     on_success=lambda _: self.set_store(store), on_failure=lambda _: self.set_store(store))

    def on_submit_clicked(self) -> None:
        from app.services.people import users

        if self.store is None:
            return
        store = self.store
        if self.first_start:
            self.admin_form.clear_errors()
            if self.admin_pin.text() != self.admin_pin2.text():
                self.admin_form.show_error("pin2", self.tr("the two PINs differ; type the same PIN twice"))
                return
            u, n, p = self.admin_user.text(), self.admin_name.text(), self.admin_pin.text()
            job = lambda: users.create_first_admin(store, u, n, p)  # noqa: E731
        else:
            self.sign_in_form.clear_errors()
            name, p = self.user.currentData(), self.pin.text()
            if not name:
                self.sign_in_form.show_error("user", self.tr("choose your name"))
                return
            job = lambda: users.sign_in(store, name, p)  # noqa: E731
        self.submit.setEnabled(False)
        # Beside the database worker, first in its pool: the window prepared while the PIN was typed
        # has its reads queued on the database worker, and the check (scrypt, ~50 ms by design) never
        # waits for them. Its few writes (the wrong-PIN count) take SQLite's write lock like any writer.
        self.ops.run(job, on_success=self.on_signed_in, on_failure=self.on_failed, pool="now")

    def on_signed_in(self, who) -> None:
        self.pin.clear()
        self.signed_in.emit(who)
        self.accept()

    def chosen_person(self):
        """The users.UserInfo of the name chosen (None on the first start or before the names are listed)."""
        if self.first_start or self.store is None:
            return None
        return self.people.get(self.user.currentData())

    def on_failed(self, exc: BaseException) -> None:
        from app.foundation.errors import InvalidInput

        self.sign_in_failed.emit()
        self.submit.setEnabled(True)
        form = self.admin_form if self.first_start else self.sign_in_form
        field = exc.params.get("field") if isinstance(exc, InvalidInput) else "pin"
        if not form.show_error(field or "pin", error_text(exc)):
            form.show_error("pin", error_text(exc))
        if not self.first_start:
            self.pin.selectAll()

    def reject(self) -> None:
        if self.locked_user is not None:
            return  # a locked counter stays locked until someone signs in
        super().reject()
