"""A station closed or crashed mid-service comes back to the ticket it was serving."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter.dialogs import ChoiceDialog
from khiw.db import Database
from khiw.engine import issue
from khiw.engine.status import office_status
from tests.counter.conftest import WAIT, activate, press, shows

K = Qt.Key


class TestRestart:
    def test_a_new_window_resumes_the_ticket_in_service_with_its_timer(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        office_db.run(issue, service="TAX")
        first = at_counter(1)
        press(qtbot, first, K.Key_Plus)
        shows(qtbot, first, "A001")
        press(qtbot, first, K.Key_Enter)
        qtbot.waitUntil(lambda: first.state.ticket_status == "serving" and not first.busy, timeout=WAIT)
        started = first.state.current.started_at
        first.close()  # a ticket at the counter: closing keeps the counter open
        assert not first.isVisible()

        second = at_counter(1)

        shows(qtbot, second, "A001")
        assert second.state.ticket_status == "serving"
        assert second.state.current.started_at == started
        assert second.station.ticket.pace is not None  # the service timer runs on
        assert "เวลาให้บริการ" in second.station.ticket.timer.text()
        press(qtbot, second, K.Key_Return)
        shows(qtbot, second, "—")
        assert second.notice.text() == "คิว A001 เสร็จสิ้น"

    def test_a_called_ticket_is_resumed_too(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        office_db.run(issue, service="REG")
        first = at_counter(2, "malee")
        press(qtbot, first, K.Key_Plus)
        shows(qtbot, first, "B001")
        first.stop()  # as if the PC lost power: nothing is signed out

        second = at_counter(2, "malee")

        shows(qtbot, second, "B001")
        assert second.station.enabled == {"recall", "start", "no_show", "transfer"}

    def test_a_counter_paused_by_the_same_person_stays_paused(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        first = at_counter(1)
        press(qtbot, first, K.Key_0)
        dialog = first.findChild(ChoiceDialog)
        activate(qtbot, dialog)
        qtbot.keyClick(dialog, K.Key_2)
        qtbot.waitUntil(lambda: first.state.counter_state == "paused" and not first.busy, timeout=WAIT)
        first.stop()

        second = at_counter(1)

        assert second.state.counter_state == "paused"
        assert second.station.enabled == {"pause"}

    def test_closing_a_free_counter_signs_out_of_it(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        window = at_counter(3, "prasert")
        window.close()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)
        assert office_db.query(office_status).counters[2].state == "closed"
