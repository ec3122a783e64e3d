"""The main window opens on a temporary store with its pages, in either language, and shows the month's figures."""

import pytest

from app.ui.common.ops import Ops
from app.ui.common.i18n import apply_language
from app.ui.shell.main_window import MainWindow

# What a desk without a signed-in supervisor offers, in order (Settings stays last), by language.
PAGES = {
    "en": ["Today", "Cases", "Feedback forms", "3-day calls", "Callbacks due", "Reports", "Settings"],
    "zh_CN": ["今日", "案例", "意见反馈表", "三日回访", "待回访", "报告", "设置"],
}
STATUS = {
    "en": ("This counter's store ({tag})", "Dealer: LOCAL", "Sync: not set up"),
    "zh_CN": ("本柜台数据（{tag}）", "经销商：LOCAL", "同步：未设置"),
}


@pytest.mark.parametrize("language", sorted(PAGES))
def test_main_window_opens_on_a_fresh_store(qtbot, store, language):
    apply_language(language)
    try:
        ops = Ops()
        w = MainWindow(store, ops)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        assert [w.nav.item(i).text() for i in range(w.nav.count())] == PAGES[language]
        assert [w.pages.widget(i) for i in range(w.pages.count())] == [
            w.today, w.cases, w.feedback, w.calls, w.recovery.callbacks, w.reports, w.settings]
        assert w.nav.currentRow() == 0 and w.pages.currentWidget() is w.today
        qtbot.waitUntil(lambda: w.today.forms.text() == "0")
        # The status bar names the store in words; the file's path is only in the tooltip.
        store_words, dealer, sync = STATUS[language]
        assert w.store_label.text() == store_words.format(tag=store.identity.tag)
        assert str(store.path) not in w.store_label.text() and str(store.path) in w.store_label.toolTip()
        assert w.dealer_label.text() == dealer
        assert w.sync_label.text() == sync
        ops.wait_idle()
    finally:
        apply_language("en")
