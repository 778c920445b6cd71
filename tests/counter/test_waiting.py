"""A call that waits on the database (another program holds SQLite's write lock) says so."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from khiw.db import Database
from khiw.engine import issue
from tests.counter.conftest import WAIT, WindowFactory, at_station, press, sign_in


def test_the_banner_says_the_station_waits_for_the_database_then_clears(qtbot: QtBot, make_window: WindowFactory, office_db: Database) -> None:
    office_db.run(issue, service="TAX")
    window = make_window(counter=1)
    window.runner.waiting_after = 0.3
    sign_in(qtbot, window, "somchai")
    at_station(qtbot, window)
    holder = sqlite3.connect(office_db.url.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        press(qtbot, window, Qt.Key.Key_Plus)
        qtbot.waitUntil(lambda: window.banner.isVisible() and window.banner.text() == "ระบบกำลังรอฐานข้อมูล…", timeout=WAIT)
    finally:
        holder.rollback()
        holder.close()
    qtbot.waitUntil(lambda: window.state.current is not None and window.state.current.code == "A001", timeout=WAIT)
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=WAIT)
