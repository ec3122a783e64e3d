"""The main window's stack of pages, each built (and so loaded) when it is first opened."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget


class LazyPage(QWidget):
    """A page's place in the stack until it is first opened or asked for; ``page()`` builds it.

    A page loads what it shows and follows change notices from when it is built, so one built late
    shows what one built at start-up shows by then (tests/ui/test_lazy_pages.py)."""

    built = Signal(QWidget)

    def __init__(self, make: Callable[[], QWidget], name: str = "") -> None:
        super().__init__(objectName=name)
        self._make = make
        self._page: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def page(self) -> QWidget:
        if self._page is None:
            self._page = self._make()
            self.layout().addWidget(self._page)
            self.built.emit(self._page)
        return self._page

    @property
    def is_built(self) -> bool:
        return self._page is not None


class PageStack(QStackedWidget):
    """A QStackedWidget that holds pages or LazyPages and speaks in pages: ``widget``,
    ``currentWidget`` and ``indexOf`` answer with (or for) the page itself, building it if needed.
    The page shown is built when it becomes current."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._build_current)

    def _build_current(self, index: int) -> None:
        holder = super().widget(index)
        if isinstance(holder, LazyPage):
            holder.page()

    def widget(self, index: int) -> QWidget | None:  # noqa: D102 - Qt's name
        holder = super().widget(index)
        return holder.page() if isinstance(holder, LazyPage) else holder

    def currentWidget(self) -> QWidget | None:  # noqa: N802 - Qt's name
        return self.widget(self.currentIndex())

    def indexOf(self, widget: QWidget) -> int:  # noqa: N802 - Qt's name
        for i in range(self.count()):
            holder = super().widget(i)
            if holder is widget or (isinstance(holder, LazyPage) and holder.is_built and holder.page() is widget):
                return i
        return -1
