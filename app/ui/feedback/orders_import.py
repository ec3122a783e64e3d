"""Repair orders > Import: the import dialog of feedback forms with the management system's columns, its
reader and its writer; the first rows shown as they will be stored (a standard work type in words)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.rules.work_types import TITLES
from app.services.orders.rows import COLUMNS, KEYS, read_orders
from app.services.orders.store import store_orders
from app.ui.feedback.import_dialog import FeedbackImportDialog

WORK_TYPE_AT = KEYS.index("work_type")


class OrdersImportDialog(FeedbackImportDialog):
    KIND, COLUMNS, OBJECT_NAME = "orders", COLUMNS, "ordersImport"

    def window_title(self) -> str:
        return self.tr("Import repair orders")

    def choose_title(self) -> str:
        return self.tr("Choose the file of repair orders from the management system")

    def mapping_intro(self, file: str, missing: str) -> str:
        if missing:
            return self.tr("Some columns of {file} were not recognised ({missing}). Say which of its columns holds "
                           "each part of a repair order; the choice is remembered for the next file with the same "
                           "columns.").format(file=file, missing=missing)
        return self.tr("Say which of the file's columns holds each part of a repair order.")

    def read_file(self, path: str, mapping: dict, progress, cancelled):
        return read_orders(path, mapping)

    def good_rows(self, checked) -> tuple:
        return checked.orders

    def shown_row(self, values: tuple[str, ...]) -> list[str]:
        values = list(values)
        kind = values[WORK_TYPE_AT]
        if kind in TITLES:
            values[WORK_TYPE_AT] = QCoreApplication.translate("Vocab", TITLES[kind])
        return values

    def import_label(self, n: int) -> str:
        return self.tr("Import these repair orders ({n})").format(n=n)

    def importing_text(self, n: int) -> str:
        return self.tr("Importing {n} repair orders...").format(n=n)

    def store_file(self, store, checked, user_id, cancelled):
        return store_orders(store, checked, None, user_id)

    def stored_text(self, result) -> str:
        return self.tr("{file}: {added} new repair orders, {filled} added to forms already stored, {updated} changed, "
                       "{same} already stored.").format(file=result.file, added=result.added, filled=result.filled,
                                                        updated=result.updated, same=result.unchanged)
