"""Storing a checked feedback file: all or nothing in one transaction, idempotent (a form already stored
is counted, not stored again), a changed form a conflict that overwrites nothing; cancellable until the write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sqlalchemy import select

from app.foundation.cycles import paused_collection
from app.foundation.errors import ImportRejected, InvalidInput, Problem
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import Customer, Dealer, FeedbackForm, RepairOrder, User, Vehicle
from app.rules.failure import failure_of
from app.services.audit import trail
from app.services import settings
from app.services.today import alerts
from app.services.changes import ALERTS, FORMS, announces
from app.services.directory import dealer_by_code, dealer_code as dealer_code_rule
from app.services.feedback.form_values import FormValues
from app.models.bulk import among
from app.services.feedback.form_writer import store_forms
from app.services.imports.columns import as_written
from app.services.imports.feedback import FeedbackFile, ImportCancelled, Progress, read_feedback
from app.services.uow import UnitOfWork

CTX = "Errors"


class OtherDealerRefused(InvalidInput):
    """A counter connected to head office batches only its own dealer's changes."""

    text = QT_TRANSLATE_NOOP("Errors",
        "--dealer {dealer}: this counter is connected to head office for dealer {home}, so it imports only "
        "{home}'s forms (another dealer's would be refused by head office). Leave out --dealer, or import "
        "the file on a counter of {dealer}. Nothing was stored.")

    def render(self, translate=None) -> str:
        text = translate(CTX, self.text) if translate else self.text
        return text.format(**self.params)


@dataclass(frozen=True)
class ImportResult:
    file: str
    dealer_code: str
    rows: int
    imported: int
    already_stored: int


def import_feedback_file(store, path: Path, dealer_code: str | None = None, actor_id: str | None = None,
                         mapping: dict[str, str] | None = None, *, progress: Progress | None = None,
                         cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Read, check and store a file of forms (xlsx or CSV); ImportRejected names every problem and
    stores nothing."""
    checked = read_feedback(path, mapping, progress=progress, cancelled=cancelled)
    return store_feedback(store, checked, dealer_code, actor_id, cancelled=cancelled)


def refuse_if_problems(checked: FeedbackFile) -> None:
    """ImportRejected naming every problem of the file (each column as the file heads it), if it has any."""
    if checked.problems or not checked.readable:
        raise ImportRejected(checked.file, list(checked.problems), as_written(checked.header, checked.placement))


@announces(FORMS | ALERTS)
def store_feedback(store, checked: FeedbackFile, dealer_code: str | None = None, actor_id: str | None = None,
                   *, cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Store what ``read_feedback`` checked (the rows the preview showed), or refuse the whole file."""
    refuse_if_problems(checked)
    rows = list(checked.forms)
    # The write lock first (waiting up to the busy timeout): two imports at once then run one after
    # the other, instead of the second failing when it turns from reading to writing. The file's forms and
    # their rows are held at once: nothing for the cycle collector.
    with paused_collection(), UnitOfWork(store, actor_id, write=True) as uow:
        s = uow.session
        _check_own_dealer(s, dealer_code, uow.identity.home_dealer_id)
        dealer = dealer_by_code(s, dealer_code, uow.identity.home_dealer_id, create=True)
        new_rows = _new_rows(s, dealer.id, rows, checked)
        if cancelled is not None and cancelled():  # the last moment a cancel stores nothing
            raise ImportCancelled()
        ids = store_forms(uow, dealer.id, new_rows, source="import", origin_note=checked.file)
        # Supervisors are alerted to an imported failure form as to a typed one, once per form: the new
        # forms were judged here as they were written; the file's forms already stored get an alert
        # only if they still lack one.
        threshold = settings.get(s, "failure.overall_threshold")
        oldest = alerts.oldest_alerted_day(s)  # last year's forms brought in now raise none
        failing = [fid for fid, r in zip(ids, new_rows) if r.service_date >= oldest and failure_of(r, threshold)]
        alerts.ensure_for_failing(s, dict.fromkeys(failing, dealer.id), actor_id)  # in bulk, however many fail
        new_numbers = {r.repair_order for r in new_rows}
        old_rows = [r for r in rows if r.repair_order not in new_numbers]
        alerts.ensure_for_forms(s, dealer.id, _failing_form_ids(s, dealer.id, old_rows), actor_id)
        trail.record(s, uow.identity, "import.feedback", {"file": checked.file[:200], "rows": len(rows),
                                                           "imported": len(new_rows)}, actor_id=actor_id)
        uow.commit()
    return ImportResult(checked.file, dealer.code, len(rows), len(new_rows), len(rows) - len(new_rows))


def check_against_store(store, checked: FeedbackFile, dealer_code: str | None = None) -> int:
    """What ``store_feedback`` would refuse for what the store holds, found without writing (a preview's
    verdict: it said "no problems" for a file whose stored repair orders the import then refused):
    ImportRejected as the import raises it, else how many of the file's forms are stored already."""
    refuse_if_problems(checked)
    with store.session() as s:
        home = store.identity.home_dealer_id
        _check_own_dealer(s, dealer_code, home)
        code = dealer_code_rule(dealer_code) if dealer_code and dealer_code.strip() else None
        dealer_id = home if code is None else s.scalar(select(Dealer.id).where(Dealer.code == code))
        if dealer_id is None:  # a dealer the import would make: nothing of it is stored yet
            return 0
        rows = list(checked.forms)
        return len(rows) - len(_new_rows(s, dealer_id, rows, checked))


def _check_own_dealer(s, dealer_code: str | None, home_dealer_id: str) -> None:
    if not dealer_code or not settings.get(s, "sync.server_url"):
        return
    home = s.get(Dealer, home_dealer_id)
    if home is not None and dealer_code.strip().upper() != home.code.upper():
        raise OtherDealerRefused(dealer=dealer_code.strip()[:40], home=home.code)


def _new_rows(s, dealer_id: str, rows: list[FormValues], checked: FeedbackFile) -> list[FormValues]:
    """The rows not stored yet; a row whose form is stored with other values refuses the whole file."""
    stored = _stored_content(s, dealer_id, [r.repair_order for r in rows])
    problems: list[Problem] = []
    new_rows: list[FormValues] = []
    for row in rows:
        have = stored.get(row.repair_order)
        if have is None:
            new_rows.append(row)
            continue
        mine = row.content()
        diff = [k for k in mine if mine[k] != have[k]]
        if diff:
            problems.append(Problem(row.line, ",".join(diff), QT_TRANSLATE_NOOP("Errors",
                "Repair order {ro} is already stored with different {fields} (stored: {stored}; file: {file}). "
                "Nothing was overwritten: correct the form in the app, or fix this line."),
                {"ro": row.repair_order, "fields": ", ".join(diff),
                 "stored": "; ".join(f"{k}={have[k]}" for k in diff),
                 "file": "; ".join(f"{k}={mine[k]}" for k in diff)}))
    if problems:
        raise ImportRejected(checked.file, problems, as_written(checked.header, checked.placement))
    return new_rows


def _stored_content(session, dealer_id: str, numbers: list[str]) -> dict[str, dict]:
    """What the store already holds for these repair orders, in the file's terms."""
    out: dict[str, dict] = {}
    if numbers:  # one statement, whatever the file's size (app.models.bulk.among)
        q = (select(RepairOrder.number, FeedbackForm.service_date, User.display_name, Customer.name,
                    Customer.phone, Vehicle.plate, FeedbackForm.timeliness, FeedbackForm.repair_quality,
                    FeedbackForm.attitude, FeedbackForm.overall, FeedbackForm.comment)
             .join(FeedbackForm, FeedbackForm.repair_order_id == RepairOrder.id)
             .join(Customer, Customer.id == RepairOrder.customer_id)
             .outerjoin(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
             .outerjoin(User, User.id == FeedbackForm.advisor_id)
             .where(RepairOrder.dealer_id == dealer_id, among(session, RepairOrder.number, numbers)))
        for r in session.execute(q):
            out[r.number] = {"date": r.service_date, "advisor": r.display_name, "customer": r.name,
                             "phone": r.phone, "plate": r.plate, "timeliness": r.timeliness,
                             "repair_quality": r.repair_quality, "attitude": r.attitude,
                             "overall": r.overall, "comment": r.comment}
    return out


def _failing_form_ids(session, dealer_id: str, rows: list[FormValues]) -> list[str]:
    """The stored forms of the file's failure rows (judged on the row first: only those are looked up)."""
    threshold = settings.get(session, "failure.overall_threshold")
    numbers = [r.repair_order for r in rows if failure_of(r, threshold)]
    if not numbers:
        return []
    return list(session.scalars(select(FeedbackForm.id).join(RepairOrder, RepairOrder.id == FeedbackForm.repair_order_id)
                                .where(RepairOrder.dealer_id == dealer_id, among(session, RepairOrder.number, numbers))))
