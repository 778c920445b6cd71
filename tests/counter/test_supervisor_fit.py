"""The supervisor's report tab at 1366×768: every report tab readable, export buttons in view."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QTabBar
from pytestqt.qtbot import QtBot

from tests.counter.conftest import WAIT, sign_in


def test_report_tabs_and_export_buttons_fit_a_1366x768_screen(qtbot: QtBot, make_window) -> None:
    window = make_window()
    sign_in(qtbot, window, "wanida")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.supervisor, timeout=WAIT)
    window.supervisor.setCurrentWidget(window.reports)
    qtbot.waitUntil(window.reports.isVisible, timeout=WAIT)
    screen = QRect(0, 0, 1366, 768)
    for button in window.reports.export_buttons.values():
        where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert button.isVisible() and screen.contains(where), f"{button.text()} at {where}"
        assert not window.notice.geometry().intersects(where)
    bar = window.reports.tabs.findChild(QTabBar)
    titles = [bar.tabText(i) for i in range(bar.count())]
    assert "เรียกนอกลำดับ" in titles
    for i in range(bar.count()):
        tab = bar.tabRect(i)
        assert bar.rect().contains(tab), f"tab {titles[i]!r} is cut off: {tab} in {bar.rect()}"
        assert tab.width() >= bar.fontMetrics().horizontalAdvance(titles[i]), titles[i]
