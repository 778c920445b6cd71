"""The style-sheet helper: sets a new sheet, leaves an unchanged one alone (no re-polish)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from khiw.qt.restyle import restyle


class _Polishes(QObject):
    """Counts the style changes a widget is told about."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange, QEvent.Type.Polish):
            self.count += 1
        return False


def test_restyle_sets_a_new_sheet_and_skips_the_same_one(qtbot: QtBot) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    label.show()  # a hidden widget is polished lazily
    spy = _Polishes()
    label.installEventFilter(spy)
    restyle(label, "color: red;")
    assert label.styleSheet() == "color: red;"
    changed = spy.count
    assert changed > 0
    restyle(label, "color: red;")
    assert spy.count == changed
    restyle(label, "color: blue;")
    assert label.styleSheet() == "color: blue;"
    assert spy.count > changed
