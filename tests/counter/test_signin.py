"""Signing in at the counter: staff reach their counter, wrong PINs lock, supervisors watch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.counter.conftest import WAIT, WindowFactory, at_station, sign_in


class TestSignIn:
    def test_staff_bound_to_a_counter_land_on_it_open(self, qtbot: QtBot, make_window: WindowFactory) -> None:
        window = make_window(counter=2)
        sign_in(qtbot, window, "malee")
        at_station(qtbot, window)
        assert window.state.counter == 2
        assert window.state.counter_state == "open"
        assert window.staff.text() == "มาลี ศรีสุข"
        assert window.heading.text() == "ช่องบริการ 2 งานทะเบียน"

    def test_a_wrong_pin_says_so_without_telling_whether_the_user_exists(self, qtbot: QtBot, make_window: WindowFactory) -> None:
        window = make_window(counter=1)
        sign_in(qtbot, window, "somchai", "0000")
        qtbot.waitUntil(lambda: window.signin.message.text() == "ชื่อผู้ใช้หรือรหัส PIN ไม่ถูกต้อง", timeout=WAIT)
        assert window.stack.currentWidget() is window.signin
        assert window.signin.pin.text() == ""

    def test_the_fifth_wrong_pin_locks_even_the_right_pin_out(self, qtbot: QtBot, make_window: WindowFactory) -> None:
        window = make_window(counter=1)
        for _ in range(4):
            window.signin.message.clear()
            sign_in(qtbot, window, "somchai", "0000")
            qtbot.waitUntil(lambda: "ไม่ถูกต้อง" in window.signin.message.text(), timeout=WAIT)
        sign_in(qtbot, window, "somchai", "0000")
        qtbot.waitUntil(lambda: "บัญชีถูกล็อกชั่วคราว" in window.signin.message.text(), timeout=WAIT)
        window.signin.message.clear()
        sign_in(qtbot, window, "somchai")
        qtbot.waitUntil(lambda: "บัญชีถูกล็อกชั่วคราว" in window.signin.message.text(), timeout=WAIT)
        assert window.state.actor is None

    def test_an_unbound_station_offers_every_counter_then_opens_the_chosen_one(self, qtbot: QtBot, make_window: WindowFactory) -> None:
        window = make_window()
        sign_in(qtbot, window, "prasert")
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.picker and len(window.picker.buttons) == 4, timeout=WAIT)
        assert "ว่าง" in window.picker.buttons[3].text()
        qtbot.mouseClick(window.picker.buttons[3], Qt.MouseButton.LeftButton)
        at_station(qtbot, window)
        assert window.state.counter == 3

    def test_a_supervisor_gets_the_read_only_overview_of_every_counter(self, qtbot: QtBot, make_window: WindowFactory) -> None:
        staff = make_window(counter=2)
        sign_in(qtbot, staff, "malee")
        at_station(qtbot, staff)
        boss = make_window(counter=1)
        sign_in(qtbot, boss, "wanida")
        overview = boss.supervisor.overview
        qtbot.waitUntil(lambda: boss.stack.currentWidget() is boss.supervisor and overview.counters.rowCount() == 4, timeout=WAIT)
        qtbot.waitUntil(lambda: overview.counters.cell(1, 2) == "มาลี ศรีสุข", timeout=WAIT)
        assert overview.counters.cell(1, 1) == "เปิดให้บริการ"
        assert overview.queues.rowCount() == 6
        assert boss.supervisor.tabText(0) == "ภาพรวม"
        assert boss.supervisor.widget(1) is boss.reports  # the report view next to the overview (its pages scroll inside)
        assert boss.supervisor.tabText(1) == boss.reports.windowTitle() == "รายงาน"
        assert boss.supervisor.widget(2).widget() is boss.planner and boss.supervisor.tabText(2) == "วางแผนกำลังคน"  # scrolled below 768 lines
        assert boss.minimumSizeHint().height() <= 768  # a supervisor's window still fits a 1366×768 screen
        assert boss.state.counter is None  # a supervisor opens no counter
        assert overview.counters.editTriggers() == overview.counters.EditTrigger.NoEditTriggers

    def test_signing_out_closes_the_counter_and_clears_the_pin(self, qtbot: QtBot, make_window: WindowFactory) -> None:
        window = make_window(counter=2)
        sign_in(qtbot, window, "malee")
        at_station(qtbot, window)
        window.sign_out.click()
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.signin, timeout=WAIT)
        qtbot.waitUntil(lambda: window.state.snapshot.counter(2).state == "closed", timeout=WAIT)
        assert window.signin.pin.text() == ""

