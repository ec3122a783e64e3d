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


def test_the_pages_counts_are_in_their_plural_forms(qtbot, store, planted):  # noqa: F811
    """Two warnings at one dealer: "at 1 dealer", never "at 1 dealers"; in Chinese, its own words."""
    from app.ui.common.i18n import apply_language

    warnings.refresh(store)
    ops = Ops()
    said = {}
    try:
        for language in ("en", "zh_CN"):
            apply_language(language)
            page = WarningsPage(store, ops)
            qtbot.addWidget(page)
            qtbot.waitUntil(lambda page=page: page.table.rowCount() == 2)
            said[language] = page.state.text()
    finally:
        apply_language("en")
    assert said == {"en": "2 warnings in the last 90 days; 2 not acknowledged, at 1 dealer",
                    "zh_CN": "最近 90 天共 2 条预警；2 条未确认，涉及 1 家经销商"}
    qtbot.waitUntil(lambda: not ops.busy)
