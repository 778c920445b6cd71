"""A tap that waits on the database (another program holds SQLite's write lock) says so."""

from __future__ import annotations

import sqlite3

from khiw.config import PrinterConfig


def test_the_kiosk_says_it_waits_for_the_database_then_issues(make_kiosk) -> None:
    kiosk = make_kiosk(PrinterConfig())
    window = kiosk.window
    window.runner.waiting_after = 0.3
    holder = sqlite3.connect(kiosk.db.url.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        kiosk.tap("TAX")
        kiosk.qtbot.waitUntil(lambda: window.start_page.notice.isVisible() and window.start_page.notice.plain() == "ระบบกำลังรอฐานข้อมูล…", timeout=5000)
    finally:
        holder.rollback()
        holder.close()
    kiosk.qtbot.waitUntil(lambda: window.stack.currentWidget() is window.result_page, timeout=5000)
    assert [t.code for t in kiosk.tickets()] == ["A001"]
