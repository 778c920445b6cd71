"""The counter shows names as typed: a staff name written as markup is not rendered as markup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from khiw.db import Database
from tests.counter.conftest import WindowFactory, at_station, sign_in


def test_every_counter_label_is_plain_text(qtbot: QtBot, make_window: WindowFactory, office_db: Database) -> None:
    with office_db.engine.begin() as conn:
        conn.execute(text("UPDATE staff SET display_name = '<b>สมชาย</b>' WHERE username = 'somchai'"))
    window = make_window(counter=1)
    sign_in(qtbot, window, "somchai")
    at_station(qtbot, window)
    labels = window.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert window.staff.text() == "<b>สมชาย</b>"
