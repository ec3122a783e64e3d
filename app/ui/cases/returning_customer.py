"""A returning customer inside the complaint dialog: their last visits, forms and cases, read as soon as found."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from app.rules.vocab import CaseStatus
from app.ui.common.dates import short_date
from app.ui.common.widgets import Label, vocab_title

SHOWN = 3  # the latest few: the advisor glances, the case's Customer tab has them all


def last_repair_order(history, plate: str = "") -> str:
    """The repair order a complaint at the counter is most likely about: the latest visit of this
    vehicle, else the customer's latest visit; "" for a customer with no visit."""
    visits = history.visits  # newest first
    same_car = [v for v in visits if plate and v.plate == plate]
    return (same_car or visits or [None])[0].repair_order if visits else ""


class ReturningCustomer(QFrame):
    """What the desk already knows of the customer found, in a few lines; no Tab stop (nothing to type)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returningCustomer")
        self.setProperty("role", "banner")
        self.text = Label(objectName="returningText")
        self.text.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.text)
        self.hide()

    def show_history(self, history, offered_ro: str, loc: QLocale) -> None:
        lines = [self.tr("Returning customer: {visits} visits, {forms} forms, {cases} cases").format(
            visits=loc.toString(len(history.visits)), forms=loc.toString(sum(1 for v in history.visits if v.form_id)),
            cases=loc.toString(len(history.cases)))]
        for v in history.visits[:SHOWN]:
            form = self.tr("form {grades}").format(grades=v.grades) if v.form_id else self.tr("no form")
            lines.append(" · ".join(x for x in (v.repair_order, short_date(v.opened_on, loc), v.plate, form) if x))
        for c in history.cases[:SHOWN]:
            lines.append(self.tr("Case {number} · {status} · {opened}").format(
                number=c.number, status=vocab_title(CaseStatus(c.status)), opened=short_date(c.opened_at.astimezone().date(), loc)))
        if offered_ro:
            lines.append(self.tr("Repair order {ro} is from the last visit: change it if the complaint is about another.")
                         .format(ro=offered_ro))
        self.text.setText("\n".join(lines))
        self.show()


def same_customer(found, phone: str, plate: str):
    """The match a phone or plate typed in full names exactly (the stored forms compared), else None."""
    from app.rules import identifiers

    want_phone, want_plate = identifiers.phone(phone) if phone.strip() else "", identifiers.plate(plate)
    exact = [m for m in found if (want_phone and identifiers.phone(m.phone) == want_phone)
             or (want_plate and identifiers.plate(m.plate) == want_plate)]
    return exact[0] if len({m.customer_id for m in exact}) == 1 else None
