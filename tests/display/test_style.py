"""The board's fitted text: painted again when its text or colour changes, not otherwise."""

from __future__ import annotations

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from display.style import FitText


class _Counted(FitText):
    def __init__(self) -> None:
        super().__init__("A001", px=40)
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        self.paints += 1
        super().paintEvent(event)


def _painted(widget: _Counted) -> int:
    before = widget.paints
    QApplication.processEvents()
    return widget.paints - before


def test_fit_text_repaints_only_for_a_new_text_or_colour(qtbot: QtBot) -> None:
    text = _Counted()
    qtbot.addWidget(text)
    text.resize(300, 80)
    text.show()
    qtbot.waitExposed(text)
    _painted(text)
    text.setText("A001")
    text.set_color(text.color)
    assert _painted(text) == 0
    text.setText("A002")
    assert _painted(text) > 0
    assert text.text() == "A002"
    text.set_color("#FF0000")
    assert _painted(text) > 0


def test_fit_text_draws_a_text_and_colour_once_and_looks_the_same_from_the_drawing(qtbot: QtBot) -> None:
    text = FitText("A001", px=120)
    qtbot.addWidget(text)
    text.resize(400, 140)
    text.show()
    qtbot.waitExposed(text)
    first = text.grab().toImage()
    kept = text._drawn()
    for color in ("#0B1A2E", "#FFFFFF", "#0B1A2E", "#FFFFFF"):  # a flash: two colours in turn
        text.set_color(color)
        QApplication.processEvents()
    text.set_color("#FFFFFF")
    assert text._drawn() is kept  # drawn once, reused by every later paint
    assert text.grab().toImage() == first
    text.setText("A002")
    assert text._drawn() is not kept and text.grab().toImage() != first
