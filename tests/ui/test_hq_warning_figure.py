"""Head office's early-warnings page says which figure crossed: a grade warning's grades, a share
warning's share."""

from PySide6.QtCore import Qt

from app.services.predict import warnings
from app.ui.common.ops import Ops
from app.ui.hq.warnings_page import WarningsPage
from tests.unit.test_warning_figure import planted  # noqa: F401 - the fixture


def test_the_page_names_the_figure_that_crossed(qtbot, store, planted):  # noqa: F811
    warnings.refresh(store)
    grade_id = warnings.warning_id(store.identity.home_dealer_id, planted[0])
    ops = Ops()
    page = WarningsPage(store, ops)  # a counter's store holds the same tables as head office's database
    qtbot.addWidget(page)
    page.show()
    t = page.table
    qtbot.waitUntil(lambda: t.rowCount() == 2)
    column = [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())].index("What crossed its limit")
    said = {t.item(r, 0).data(Qt.ItemDataRole.UserRole): t.item(r, column).text() for r in range(t.rowCount())}
    assert said.pop(grade_id) == ("crossed on its grades: A 7, B 10, C 2, D 3, E 5 "
                                  "(usually A 55%, B 30%, C 10%, D 3%, E 2%)")
    assert list(said.values()) == ["crossed on its failure share"]
    qtbot.waitUntil(lambda: not ops.busy)
