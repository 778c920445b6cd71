"""A free counter shows the ticket ``+`` would call, and who waits in each lane."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from khiw.clock import utcnow
from khiw.db import Database
from khiw.engine import issue
from tests.counter.conftest import WAIT, press, shows

K = Qt.Key


class TestIdleCounter:
    def test_nobody_waiting_says_so(self, qtbot: QtBot, at_counter) -> None:
        window = at_counter(1)
        panel = window.station.ticket
        qtbot.waitUntil(lambda: panel.upcoming.isVisible(), timeout=WAIT)
        assert panel.upcoming.text() == "คิวถัดไป: ไม่มีคิวรอ"
        assert panel.lanes.text() == "รอ 0 คิว: ทั่วไป 0 · ช่องทางพิเศษ 0"

    def test_shows_the_ticket_plus_calls_with_service_priority_and_wait(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        office_db.run(issue, service="TAX", now=utcnow() - timedelta(minutes=9))
        office_db.run(issue, service="TAX", priority="elderly", now=utcnow() - timedelta(minutes=4))
        window = at_counter(1)
        panel = window.station.ticket
        # No priority ticket called yet today: the priority lane is due first.
        expected = "คิวถัดไป A002 · ชำระภาษีที่ดินและสิ่งปลูกสร้าง · ผู้สูงอายุ · รอมาแล้ว 4 นาที"
        qtbot.waitUntil(lambda: panel.upcoming.text() == expected, timeout=WAIT)
        assert panel.lanes.text() == "รอ 2 คิว: ทั่วไป 1 · ช่องทางพิเศษ 1"
        press(qtbot, window, K.Key_Plus)
        shows(qtbot, window, "A002")  # what was shown is what was called
        assert not panel.upcoming.isVisible()

    def test_follows_the_kiosk_without_a_key_pressed(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        window = at_counter(1)
        panel = window.station.ticket
        qtbot.waitUntil(lambda: panel.upcoming.isVisible(), timeout=WAIT)
        office_db.run(issue, service="TAX")
        qtbot.waitUntil(lambda: panel.upcoming.text().startswith("คิวถัดไป A001 · "), timeout=WAIT)
        assert panel.upcoming.text().endswith("· ทั่วไป · รอมาแล้ว 0 นาที")
