"""The counter's work, driven from the numeric keypad of a real window on a real database."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.dialogs import CallTicketDialog, ChoiceDialog
from khiw.clock import utcnow
from khiw.db import Database
from khiw.engine import authenticate, issue, open_counter
from khiw.engine.alerts import record_print
from khiw.models import Event, EventKind, Ticket
from tests.counter.conftest import WAIT, activate, notice, press, shows
from khiw.vocabulary import OUT_OF_ORDER_REASONS
from tests.fixtures import PINS

K = Qt.Key


def ticket_row(db: Database, code: str) -> Ticket:
    with db.read() as s:
        return s.execute(select(Ticket).where(Ticket.code == code)).scalar_one()


def events(db: Database, kind: EventKind) -> list[Event]:
    with db.read() as s:
        return list(s.execute(select(Event).where(Event.kind == kind).order_by(Event.id)).scalars())


class TestCallNext:
    def test_an_empty_queue_says_nobody_waits(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        window = at_counter(1)
        press(qtbot, window, K.Key_Plus)
        qtbot.waitUntil(lambda: notice(window) == "ไม่มีคิวรอ", timeout=WAIT)
        assert window.station.ticket.code.text() == "—"
        assert window.state.current is None

    def test_the_next_ticket_is_shown_with_its_service_and_wait(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        office_db.run(issue, service="TAX", now=utcnow() - timedelta(minutes=7))
        office_db.run(issue, service="TAX")
        window = at_counter(1)
        press(qtbot, window, K.Key_Plus)
        shows(qtbot, window, "A001")
        panel = window.station.ticket
        assert panel.service.text() == "ชำระภาษีที่ดินและสิ่งปลูกสร้าง"
        assert "รอคิว 7 นาที" in panel.details.text()
        assert notice(window) == "เรียกคิว A001 แล้ว"
        assert ticket_row(office_db, "A001").status == "called"
        assert window.station.enabled == {"recall", "start", "no_show", "transfer"}

    def test_a_priority_ticket_shows_its_class(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        office_db.run(issue, service="TAX", priority="elderly")
        window = at_counter(1)
        press(qtbot, window, K.Key_Plus)
        shows(qtbot, window, "A001")
        assert window.station.ticket.priority.isVisible()
        assert window.station.ticket.priority.text() == "ผู้สูงอายุ"

    def test_a_held_down_key_calls_one_ticket(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        for _ in range(3):
            office_db.run(issue, service="TAX")
        window = at_counter(1)
        press(qtbot, window, K.Key_Plus)
        qtbot.keyClick(window, K.Key_Plus, Qt.KeyboardModifier.KeypadModifier)  # while the first is in flight
        shows(qtbot, window, "A001")
        qtbot.wait(200)
        assert len(events(office_db, EventKind.CALLED)) == 1

    def test_the_queue_panel_follows_the_kiosk_without_a_key_pressed(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        window = at_counter(1)
        queues = window.station.queues.table
        assert (queues.cell(0, 0), queues.cell(0, 1)) == ("A  ชำระภาษีที่ดินและสิ่งปลูกสร้าง", "0")
        office_db.run(issue, service="TAX")
        office_db.run(issue, service="TAX", priority="monk")
        qtbot.waitUntil(lambda: (queues.cell(0, 1), queues.cell(0, 2)) == ("1", "1"), timeout=WAIT)  # normal, priority apart


class TestRecall:
    def test_recall_counts_and_the_office_limit_marks_a_no_show(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        office_db.run(issue, service="TAX")
        window = at_counter(1)
        press(qtbot, window, K.Key_Plus)
        shows(qtbot, window, "A001")
        for n in (1, 2, 3):
            press(qtbot, window, K.Key_Period)
            qtbot.waitUntil(lambda n=n: notice(window) == f"เรียกซ้ำคิว A001 (ครั้งที่ {n})", timeout=WAIT)
        assert "เรียกซ้ำ 3 ครั้ง" in window.station.ticket.details.text()
        press(qtbot, window, K.Key_Delete)  # "." with NumLock off
        shows(qtbot, window, "—")
        assert notice(window) == "คิว A001 ไม่มาแสดงตน (เรียกซ้ำครบ 3 ครั้งแล้ว)"
        assert ticket_row(office_db, "A001").status == "no_show"


class TestServing:
    def test_enter_starts_then_finishes_and_the_recorded_time_is_start_to_finish(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        office_db.run(issue, service="TAX")
        window = at_counter(1)
        press(qtbot, window, K.Key_Plus)
        shows(qtbot, window, "A001")
        before_start = utcnow()
        press(qtbot, window, K.Key_Enter)
        qtbot.waitUntil(lambda: window.state.ticket_status == "serving", timeout=WAIT)
        after_start = utcnow()
        assert "กำลังให้บริการ" in window.station.ticket.details.text()
        assert window.station.enabled == {"finish", "transfer"}
        qtbot.wait(300)
        before_finish = utcnow()
        press(qtbot, window, K.Key_Enter)
        shows(qtbot, window, "—")
        after_finish = utcnow()

        row = ticket_row(office_db, "A001")
        (finished,) = events(office_db, EventKind.FINISHED)
        assert before_start <= row.started_at <= after_start
        assert before_finish <= row.finished_at <= after_finish
        assert finished.data["service_s"] == round((row.finished_at - row.started_at).total_seconds(), 3)
        # Measured instants, not the 300 ms wait: Qt's coarse timers may fire up to 5 % early.
        assert finished.data["service_s"] >= (before_finish - after_start).total_seconds() > 0.25
        assert notice(window) == "คิว A001 เสร็จสิ้น"
        qtbot.waitUntil(lambda: window.station.history.table.cell(0, 0) == "A001", timeout=WAIT)
        assert window.station.history.table.cell(0, 2) == "เสร็จสิ้น"

    def test_no_show_and_putting_the_citizen_back_in_the_queue(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        office_db.run(issue, service="TAX")
        window = at_counter(1)
        press(qtbot, window, K.Key_Plus)
        shows(qtbot, window, "A001")
        press(qtbot, window, K.Key_Minus)
        shows(qtbot, window, "—")
        assert notice(window) == "คิว A001 ไม่มาแสดงตน"
        history = window.station.history
        qtbot.waitUntil(lambda: history.table.cell(0, 2) == "ไม่มาแสดงตน", timeout=WAIT)
        assert not history.back.isEnabled()
        history.select_code("A001")
        assert history.back.isEnabled()
        history.back.click()
        qtbot.waitUntil(lambda: history.table.cell(0, 2) == "กลับเข้าคิวแล้ว", timeout=WAIT)
        assert ticket_row(office_db, "A001").status == "waiting"
        qtbot.waitUntil(lambda: window.station.queues.table.cell(0, 1) == "1", timeout=WAIT)

    def test_transfer_sends_the_citizen_to_the_chosen_service(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        office_db.run(issue, service="TAX")
        window = at_counter(1)
        press(qtbot, window, K.Key_Plus)
        shows(qtbot, window, "A001")
        press(qtbot, window, K.Key_Slash)
        dialog = window.findChild(ChoiceDialog)
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
        assert "TAX" not in dialog.buttons
        dialog.buttons["REG"].click()
        shows(qtbot, window, "—")
        assert notice(window) == "ส่งต่อคิว A001 เป็นคิว B001 แล้ว"
        assert ticket_row(office_db, "B001").status == "waiting"
        assert ticket_row(office_db, "A001").status == "transferred"

    def test_call_a_specific_ticket_from_the_keypad_with_a_listed_reason(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        """Digits for the number, Enter, then the reason's digit: no letter, no typing."""
        office_db.run(issue, service="TAX")
        office_db.run(issue, service="TAX")
        window = at_counter(1)
        press(qtbot, window, K.Key_Asterisk)
        dialog = window.findChild(CallTicketDialog)
        activate(qtbot, dialog)
        assert dialog.service.text().startswith("งานบริการ: A  ชำระภาษี")
        qtbot.keyClick(dialog, K.Key_0)  # a leading zero is nothing
        qtbot.keyClick(dialog, K.Key_2)
        assert dialog.code.text() == "A002"
        qtbot.keyClick(dialog, K.Key_3)  # make it "23"
        qtbot.keyClick(dialog, K.Key_Period)  # and take it back
        qtbot.keyClick(dialog, K.Key_1)  # a reason's number before Enter is a digit of the ticket
        assert dialog.code.text() == "A021"
        qtbot.keyClick(dialog, K.Key_Period)
        qtbot.keyClick(dialog, K.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
        assert dialog.choosing_reason and all(b.isEnabled() for b in dialog.reason_buttons)
        qtbot.keyClick(dialog, K.Key_3)
        shows(qtbot, window, "A002")
        (called,) = events(office_db, EventKind.CALLED)
        assert (called.reason, called.data["rule"]) == (OUT_OF_ORDER_REASONS[2].th, "out_of_order")
        assert ticket_row(office_db, "A001").status == "waiting"

    def test_star_moves_to_the_counters_next_service_and_a_note_is_kept(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        office_db.run(issue, service="TAX")
        office_db.run(issue, service="INF")
        window = at_counter(1)
        press(qtbot, window, K.Key_Asterisk)
        dialog = window.findChild(CallTicketDialog)
        activate(qtbot, dialog)
        assert [s.prefix for s in dialog.services] == ["A", "F"]  # counter 1's services only
        qtbot.keyClick(dialog, K.Key_Asterisk)
        qtbot.keyClick(dialog, K.Key_1)
        assert dialog.code.text() == "F001"
        qtbot.keyClick(dialog, K.Key_Return)
        dialog.note.insert("ผู้ป่วยรอรถ")  # optional, by mouse and input method
        qtbot.keyClick(dialog, K.Key_4)
        shows(qtbot, window, "F001")
        (called,) = events(office_db, EventKind.CALLED)
        assert called.reason == f"{OUT_OF_ORDER_REASONS[3].th}: ผู้ป่วยรอรถ"

    def test_minus_closes_every_dialog_without_acting(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        office_db.run(issue, service="TAX")
        window = at_counter(1)
        for key in (K.Key_Asterisk, K.Key_0):
            press(qtbot, window, key)
            dialog = window.findChild(CallTicketDialog if key == K.Key_Asterisk else ChoiceDialog)
            activate(qtbot, dialog)
            assert "[ − ]" in dialog.cancel.text()
            qtbot.keyClick(dialog, K.Key_Minus, Qt.KeyboardModifier.KeypadModifier)
            qtbot.waitUntil(lambda dialog=dialog: not dialog.isVisible(), timeout=WAIT)
        press(qtbot, window, K.Key_Plus)
        shows(qtbot, window, "A001")
        assert window.state.counter_state == "open"


class TestPause:
    def test_pause_for_lunch_then_resume(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        office_db.run(issue, service="TAX")
        window = at_counter(1)
        press(qtbot, window, K.Key_0)
        dialog = window.findChild(ChoiceDialog)
        activate(qtbot, dialog)
        qtbot.keyClick(dialog, K.Key_1)
        qtbot.waitUntil(lambda: window.state.counter_state == "paused" and not window.busy, timeout=WAIT)
        assert window.badge.text() == "พักชั่วคราว"
        assert window.station.enabled == {"pause"}
        assert window.station.pad.buttons["pause"].text().startswith("กลับมาให้บริการ")
        press(qtbot, window, K.Key_Plus)  # calling is off while paused
        qtbot.wait(200)
        assert window.state.current is None and not events(office_db, EventKind.CALLED)
        assert events(office_db, EventKind.COUNTER_PAUSED)[-1].reason == "lunch"
        press(qtbot, window, K.Key_Insert)  # "0" with NumLock off
        qtbot.waitUntil(lambda: window.state.counter_state == "open", timeout=WAIT)
        assert notice(window) == "กลับมาให้บริการแล้ว"
        press(qtbot, window, K.Key_Plus)
        shows(qtbot, window, "A001")


class TestBanner:
    def test_a_kiosk_printer_problem_shows_until_it_prints_again(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        window = at_counter(1)
        assert window.banner.isHidden()
        office_db.run(record_print, ticket=None, kiosk="K1", problem="paper_out")
        qtbot.waitUntil(lambda: window.banner.text() == "ตู้บัตรคิว K1: กระดาษหมด" and window.banner.isVisible(), timeout=WAIT)
        office_db.run(record_print, ticket=None, kiosk="K1")
        qtbot.waitUntil(window.banner.isHidden, timeout=WAIT)

    def test_someone_taking_the_counter_over_elsewhere_is_shown(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        window = at_counter(1)
        malee = office_db.run(authenticate, username="malee", pin=PINS["malee"])
        office_db.run(open_counter, counter=1, actor=malee.staff_id)
        qtbot.waitUntil(lambda: window.banner.text() == "มาลี ศรีสุข เข้าใช้งานช่องบริการนี้จากเครื่องอื่นอยู่", timeout=WAIT)
