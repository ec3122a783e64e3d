"""Settings: language (switches at once), every declared setting, the dealer's people (admins), the audit trail."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from app.rules.settings_catalogue import REGISTRY
from app.services.changes import SCRIPTS, SETTINGS, USERS, Changes
from app.ui.common.ops import Ops
from app.ui.common.ui_words import error_text
from app.ui.common.widgets import FieldForm, Label, ask_text, combo_value, scrolling_page, vocab_combo
from app.rules.vocab import Role


class SettingsView(QWidget):
    shows = SETTINGS | USERS | SCRIPTS  # the kinds of change this view refreshes on

    language_chosen = Signal(str)
    join_requested = Signal()  # "Join head office...": the main window opens the connect dialog
    settings_saved = Signal(dict)

    # -- building the page: __init__ (after these) calls them in this order
    def build_language(self) -> QGroupBox:
        """The program's language (applied at once when chosen)."""
        self.language = QComboBox(objectName="language")
        self.language.addItem(self.tr("Follow the system"), "")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        lang_box = QGroupBox(self.tr("Language"))
        QFormLayout(lang_box).addRow(self.tr("Language of the program:"), self.language)
        return lang_box

    def build_values(self) -> QGroupBox:
        """One editor per declared setting (those head office publishes locked for all but supervisors), and Save."""
        self.editors: dict[str, QWidget] = {}
        self._shown: dict[str, object] = {}  # each editor's value as last loaded
        values_box = QGroupBox(self.tr("Rules and preferences"))
        form = QFormLayout(values_box)
        for key, decl in REGISTRY.items():
            if key in ("ui.language", "ui.last_folder"):  # chosen above; remembered by the file dialogs
                continue
            editor = self._editor(decl)
            editor.setObjectName(f"setting_{key}")
            if not decl.may_change(self.user.role):
                editor.setEnabled(False)
                editor.setToolTip(self.tr("Head office sets this setting") if decl.hq_only
                                  else self.tr("Only an administrator can change this setting") if decl.admin_only
                                  else self.tr("Only a supervisor can change this setting"))
            lab = Label(QCoreApplication.translate("Settings", decl.title))
            form.addRow(lab, editor)
            self.editors[key] = editor
        self.save_button = QPushButton(self.tr("Save settings"), objectName="saveSettings")
        self.save_button.clicked.connect(self.on_save_clicked)
        self.message = Label()
        self.message.setWordWrap(True)
        form.addRow(self.message, self.save_button)
        return values_box

    def build_pack(self) -> None:
        """Which recovery script pack the counter uses and where it came from (head office publishes new ones)."""
        self.pack_box = QGroupBox(self.tr("Recovery scripts"))
        self.pack_label = Label(objectName="active_pack")
        self.pack_label.setWordWrap(True)
        QVBoxLayout(self.pack_box).addWidget(self.pack_label)

    def build_head_office(self) -> None:
        """Whether this counter has joined head office, and the way to join (or join again)."""
        self.hq_box = QGroupBox(self.tr("Head office"))
        self.hq_state = Label(objectName="headOfficeState")
        self.hq_state.setWordWrap(True)
        self.join_button = QPushButton(self.tr("Join head office..."), objectName="joinHeadOffice")
        self.join_button.clicked.connect(self.join_requested)
        row = QHBoxLayout(self.hq_box)
        row.addWidget(self.hq_state, 1)
        row.addWidget(self.join_button)

    def show_head_office(self, url: str) -> None:
        ident = self.store.identity
        if url and ident.home_dealer_name:
            self.hq_state.setText(self.tr("Joined head office at {url} as a counter of {name} ({code}).").format(
                url=url, name=ident.home_dealer_name, code=ident.home_dealer_code))
        else:
            self.hq_state.setText(self.tr("Working offline: not joined to head office yet. Ask head office for an "
                                          "enrolment code."))

    def build_users(self) -> None:
        """The counter's users, each to deactivate or give a new PIN, and a new one to add (administrators only)."""
        self.users_box = QGroupBox(self.tr("People of the dealer"))
        ub = QVBoxLayout(self.users_box)
        self.user_list = QListWidget()
        self.user_list.setMaximumHeight(130)
        self.new_user = FieldForm()
        self.nu_username = self.new_user.add("username", self.tr("User name"), QLineEdit(), required=True)
        self.nu_name = self.new_user.add("display_name", self.tr("Name"), QLineEdit(), required=True)
        self.nu_pin = self.new_user.add("pin", self.tr("PIN"), QLineEdit(), required=True)
        self.nu_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.nu_role = self.new_user.add("role", self.tr("Role"), vocab_combo(Role))
        self.add_user_button = QPushButton(self.tr("Add user"))
        self.add_user_button.clicked.connect(self.on_add_user_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_user_button)
        # Someone who left is deactivated (never deleted: what they did keeps their name); a
        # forgotten PIN is replaced by an administrator.
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.active_button.clicked.connect(self.on_active_clicked)
        self.reset_pin_button = QPushButton(self.tr("New PIN..."))
        self.reset_pin_button.clicked.connect(self.on_reset_pin_clicked)
        # After too many wrong PINs someone waits to sign in; an administrator who has seen it is them lifts it.
        self.lift_button = QPushButton(self.tr("Lift sign-in wait"), objectName="liftWait")
        self.lift_button.clicked.connect(self.on_lift_clicked)
        # Another role for the chosen person (an administrator's; every counter of the dealer takes it).
        self.role_choice = vocab_combo(Role)
        self.role_choice.setObjectName("roleChoice")
        self.role_button = QPushButton(self.tr("Set role"), objectName="setRole")
        self.role_button.clicked.connect(self.on_role_clicked)
        self.user_message = Label()
        self.user_message.setWordWrap(True)
        person_row = QHBoxLayout()
        person_row.addWidget(self.user_message, 1)
        person_row.addWidget(self.role_choice)
        person_row.addWidget(self.role_button)
        person_row.addWidget(self.active_button)
        person_row.addWidget(self.reset_pin_button)
        person_row.addWidget(self.lift_button)
        self.user_list.currentItemChanged.connect(lambda *_: self.on_person_chosen())
        self.on_person_chosen()
        ub.addWidget(self.user_list)
        ub.addLayout(person_row)
        ub.addWidget(self.new_user)
        ub.addLayout(row)
        self.users_box.setVisible(self.user.role == Role.ADMIN.value)

    def __init__(self, store, ops: Ops, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings")
        self.store, self.ops, self.user = store, ops, user
        heading = Label(self.tr("Settings"), objectName="heading")

        lang_box = self.build_language()
        values_box = self.build_values()
        self.build_pack()
        self.show_pack()
        self.build_users()
        self.build_head_office()
        from app.ui.settings.backups_panel import BackupsPanel

        self.backups = BackupsPanel(store, ops, user)
        self.backups.setVisible(user.is_supervisor)
        from app.ui.settings.audit_panel import AuditPanel

        self.audit = AuditPanel(store, ops)  # read when first shown, then after each change
        self.audit.setVisible(user.is_supervisor)

        scrolling_page(self, [heading, lang_box, values_box, self.pack_box, self.hq_box, self.users_box,
                                 self.backups, self.audit], 900)
        self.load()
        self.language.currentIndexChanged.connect(self.on_language_changed)
        ops.changed.connect(self.on_ops_changed)

    @Slot(object)
    def on_ops_changed(self, changes: Changes) -> None:
        # e.g. head office's settings or a new script pack pulled by a sync round, a person added here
        if changes & (SETTINGS | USERS):
            self.load()
        if changes.scripts:
            self.show_pack()
        if changes & (SETTINGS | USERS | SCRIPTS) and self.audit.isVisible():
            self.audit.refresh()  # each of these changes is in the audit trail

    def show_pack(self) -> None:
        """The active pack, version and origin (read again after a sync may have installed a new one)."""
        from pathlib import Path

        from app.scripts.library import describe_origin, library_for

        lib = library_for(Path(self.store.path).parent)
        self.pack_label.setText(self.tr("In use: pack {label} ({scripts} scripts), {origin}.").format(
            label=lib.pack.label, scripts=len(lib.pack.scripts),
            origin=describe_origin(lib.origin, QCoreApplication.translate)))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.show_pack()
        if self.user.is_supervisor:
            self.audit.refresh()
        super().showEvent(event)

    @staticmethod
    def _editor(decl) -> QWidget:
        if decl.choices:
            w = QComboBox()
            for c in decl.choices:
                w.addItem(c or "-", c)
        elif decl.type is bool:
            w = QCheckBox()
        elif decl.type is int:
            w = QSpinBox()
            w.setRange(int(decl.minimum if decl.minimum is not None else -10**9),
                       int(decl.maximum if decl.maximum is not None else 10**9))
        elif decl.type is float:
            w = QDoubleSpinBox()
            w.setDecimals(3)
            w.setSingleStep(0.01)
            w.setRange(decl.minimum if decl.minimum is not None else -1e9,
                       decl.maximum if decl.maximum is not None else 1e9)
        else:
            w = QLineEdit()
        w.setMaximumWidth(200)
        return w

    def load(self) -> None:
        from app.services.preferences import read_settings
        from app.services.people.users import list_users

        store = self.store
        self.ops.run(lambda: (read_settings(store), list_users(store)), on_success=self.on_loaded)

    def on_loaded(self, result) -> None:
        values, people = result
        self.show_head_office(values.get("sync.server_url", ""))
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(values.get("ui.language", ""))))
        self.language.blockSignals(False)
        typed = self.values()
        for key, w in self.editors.items():
            v = values[key]
            if key in self._shown and typed[key] not in (self._shown[key], v):
                continue  # being edited here: a reload (a pulled setting, say) never overwrites what was typed
            self._shown[key] = v
            if isinstance(w, QComboBox):
                w.setCurrentIndex(max(0, w.findData(v)))
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(v))
            elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
                w.setValue(v)
            else:
                w.setText(str(v))
        chosen = self.chosen_person()
        self.user_list.clear()
        for p in people:
            role = QCoreApplication.translate("Vocab", Role(p.role).title)
            state = ("" if p.active else self.tr(" (deactivated)")) or \
                ("" if p.can_sign_in else self.tr(" (cannot sign in yet)")) or \
                ("" if p.waits_until is None else self.tr(" (sign-in waits until {time}: too many wrong PINs)").format(
                    time=p.waits_until.astimezone().strftime("%H:%M:%S")))
            item = QListWidgetItem(f"{p.display_name} ({p.username}) · {role}{state}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.user_list.addItem(item)
            if chosen is not None and p.user_id == chosen.user_id:
                self.user_list.setCurrentItem(item)
        self.on_person_chosen()

    def chosen_person(self):
        item = self.user_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def on_person_chosen(self) -> None:
        p = self.chosen_person()
        self.active_button.setEnabled(p is not None)
        self.reset_pin_button.setEnabled(p is not None and p.active)
        self.lift_button.setEnabled(p is not None and p.waits_until is not None)
        self.role_button.setEnabled(p is not None and p.active)
        if p is not None:
            self.role_choice.setCurrentIndex(max(0, self.role_choice.findData(p.role)))
        self.active_button.setText(self.tr("Reactivate") if p is not None and not p.active else self.tr("Deactivate"))

    def on_active_clicked(self) -> None:
        from app.services.people.users import set_active

        p = self.chosen_person()
        if p is None:
            return
        store, actor, active = self.store, self.user.user_id, not p.active

        def done(info) -> None:
            self.user_message.setText(
                self.tr("{name} can sign in again.").format(name=info.display_name) if info.active else
                self.tr("{name} is deactivated: they can no longer sign in; their work keeps their name.").format(
                    name=info.display_name))  # the USERS notice reloads the list

        self.ops.run(lambda: set_active(store, p.user_id, active, actor_id=actor), on_success=done,
                     on_failure=lambda exc: self.user_message.setText(error_text(exc)))

    def on_role_clicked(self) -> None:
        from app.services.people.users import set_role

        p, role = self.chosen_person(), combo_value(self.role_choice)
        if p is None or role is None:
            return
        store, actor = self.store, self.user.user_id
        title = QCoreApplication.translate("Vocab", Role(role).title)
        self.ops.run(lambda: set_role(store, p.user_id, role, actor_id=actor),
                     on_success=lambda _: self.user_message.setText(
                         self.tr("{name} is now: {role}.").format(name=p.display_name, role=title)),
                     on_failure=lambda exc: self.user_message.setText(error_text(exc)))

    def on_reset_pin_clicked(self) -> None:
        from app.services.people.users import reset_secret

        p = self.chosen_person()
        if p is None:
            return
        pin, ok = ask_text(self, self.tr("New PIN"),
                           self.tr("New PIN for {name} (at least 4 characters):").format(name=p.display_name),
                           QLineEdit.EchoMode.Password)
        if not ok:
            return
        store, actor = self.store, self.user.user_id
        self.ops.run(lambda: reset_secret(store, p.user_id, pin, actor_id=actor),
                     on_success=lambda _: self.user_message.setText(
                         self.tr("{name} signs in with the new PIN from now on.").format(name=p.display_name)),
                     on_failure=lambda exc: self.user_message.setText(error_text(exc)))

    def on_lift_clicked(self) -> None:
        from app.services.people.lockouts import lift

        p = self.chosen_person()
        if p is None:
            return
        store, actor = self.store, self.user.user_id
        self.ops.run(lambda: lift(store, p.user_id, actor_id=actor),
                     on_success=lambda _: self.user_message.setText(
                         self.tr("{name} can sign in again at once.").format(name=p.display_name)),
                     on_failure=lambda exc: self.user_message.setText(error_text(exc)))

    def values(self) -> dict:
        """What the editors hold now."""
        out = {}
        for key, w in self.editors.items():
            if isinstance(w, QComboBox):
                out[key] = w.currentData()
            elif isinstance(w, QCheckBox):
                out[key] = w.isChecked()
            elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
                out[key] = w.value()
            else:
                out[key] = w.text()
        return out

    def on_save_clicked(self) -> None:
        from app.services.preferences import save_settings

        store, user, changes = self.store, self.user, self.values()
        self.ops.run(lambda: save_settings(store, changes, user), on_success=self.on_settings_saved,
                     on_failure=lambda exc: self.message.setText(error_text(exc)))

    def on_settings_saved(self, values: dict) -> None:
        self.message.setText(self.tr("Saved."))
        self.settings_saved.emit(values)

    def on_language_changed(self) -> None:
        from app.services.preferences import save_settings

        store, user, lang = self.store, self.user, self.language.currentData()
        self.ops.run(lambda: save_settings(store, {"ui.language": lang}, user),
                     on_success=lambda _: self.language_chosen.emit(lang))

    def on_add_user_clicked(self) -> None:
        from app.services.people.users import create_user

        self.new_user.clear_errors()
        store, actor = self.store, self.user.user_id
        u, n, p, r = self.nu_username.text(), self.nu_name.text(), self.nu_pin.text(), combo_value(self.nu_role)

        def failed(exc):
            field = getattr(exc, "params", {}).get("field", "username")
            if not self.new_user.show_error(field, error_text(exc)):
                self.new_user.show_error("username", error_text(exc))

        def added(_):
            for w in (self.nu_username, self.nu_name, self.nu_pin):
                w.clear()  # the USERS notice reloads the list

        self.ops.run(lambda: create_user(store, u, n, p, r, actor_id=actor), on_success=added, on_failure=failed)
