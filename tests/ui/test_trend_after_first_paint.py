"""Today's month trend draws its charts after Today's first paint, in a window built when it is needed
(not prepared while the PIN was typed: a language switch builds one): Today's figures come first."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from app.services.demo.sample_data import fill_demo


def test_a_window_not_prepared_paints_today_before_the_trend_draws_its_charts(qtbot, store, ops, advisor):
    from app.ui.common.qt_app import create_app
    from app.ui.shell.main_window import MainWindow

    fill_demo(store, forms=40, cases=12, seed=11)
    create_app()
    charts_at_first_paint = []

    class FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not charts_at_first_paint and obj is w.today:
                charts_at_first_paint.append(len(w.today.trend.charts))
            return False

    w = MainWindow(store, ops, advisor)  # its reads inline: the trend's points are in before it is shown
    qtbot.addWidget(w)
    w.resize(1366, 768)
    paints = FirstPaint()
    QApplication.instance().installEventFilter(paints)
    try:
        w.show()
        qtbot.waitUntil(lambda: len(w.today.trend.charts) == 2, timeout=10000)
    finally:
        QApplication.instance().removeEventFilter(paints)
    assert w.today.trend.points is not None
    assert charts_at_first_paint == [0]  # Today painted first, without the charts; drawn after it
