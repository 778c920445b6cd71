"""The supervisor's "จัดการ" tab, driven like a supervisor would, checked in the database,
in the event log, and on a kiosk that stays open meanwhile."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.admin_view import AdminView, Section
from counter.window import CounterWindow
from display.window import BoardWindow
from khiw.config import DisplayConfig, KioskConfig, PrinterConfig
from khiw.db import Database
from khiw.engine import authenticate
from khiw.engine.audit import verify
from khiw.models import Counter, Event, EventKind, Service, Staff
from kiosk.window import KioskWindow
from tests.counter.conftest import WAIT, WindowFactory, sign_in

pytestmark = pytest.mark.gui


@pytest.fixture
def admin(qtbot: QtBot, make_window: WindowFactory) -> AdminView:
    """A supervisor signed in, the "จัดการ" tab open with the office read."""
    window = make_window()
    sign_in(qtbot, window, "wanida")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.supervisor, timeout=WAIT)
    window.supervisor.setCurrentWidget(window.admin)
    qtbot.waitUntil(lambda: window.admin.settings is not None and window.admin.staff.records != [], timeout=WAIT)
    return window.admin


def pick(section: Section, text: str) -> None:
    row = next(i for i, (label, _) in enumerate(section.records) if text in label)
    section.list.setCurrentRow(row)


def type_into(qtbot: QtBot, section: Section, field: str, text: str) -> None:
    box = section.form.inputs[field]
    assert isinstance(box, QLineEdit)
    box.clear()
    if text.isascii():
        qtbot.keyClicks(box, text)
    else:  # QTest types only ASCII; Thai arrives through the input method, as one insertion
        box.insert(text)


def save(qtbot: QtBot, view: AdminView, section: Section, *, ok: bool = True) -> None:
    with qtbot.waitSignal(view.saved if ok else view.refused, timeout=WAIT):
        qtbot.mouseClick(section.save, Qt.MouseButton.LeftButton)


def settings_events(db: Database) -> list[Event]:
    return db.query(lambda s: s.execute(select(Event).where(Event.kind == EventKind.SETTINGS_CHANGED).order_by(Event.id)).scalars().all())


class TestStaff:
    def test_add_staff_shows_a_one_time_pin_that_signs_in(self, qtbot: QtBot, admin: AdminView, office_db: Database) -> None:
        section = admin.staff
        qtbot.mouseClick(section.new, Qt.MouseButton.LeftButton)
        type_into(qtbot, section, "username", "nok")
        type_into(qtbot, section, "display_name", "นก ใจดี")
        save(qtbot, admin, section)
        pin = section.message.text().split(": ")[1].split(" ")[0]
        assert "PIN ใช้ครั้งเดียวของ nok" in section.message.text() and len(pin) == 6
        assert office_db.run(authenticate, username="nok", pin=pin).display_name == "นก ใจดี"
        (event,) = settings_events(office_db)
        assert event.data["key"] == "nok" and event.staff_id is not None
        qtbot.waitUntil(lambda: any("nok" in label for label, _ in section.records), timeout=WAIT)

    def test_a_bad_username_is_named_beside_its_field_and_nothing_is_saved(self, qtbot: QtBot, admin: AdminView, office_db: Database) -> None:
        section = admin.staff
        qtbot.mouseClick(section.new, Qt.MouseButton.LeftButton)
        type_into(qtbot, section, "username", "Nok Noi")
        save(qtbot, admin, section, ok=False)
        assert section.form.problem("username") == "รูปแบบไม่ถูกต้อง"
        assert section.form.problem("display_name") == "กรุณากรอกข้อมูล"
        assert "ยังไม่ได้บันทึก" in section.message.text()
        assert office_db.query(lambda s: s.execute(select(Staff).where(Staff.username.like("nok%"))).first()) is None

    def test_a_staff_account_never_sees_the_tab(self, qtbot: QtBot, make_window: WindowFactory) -> None:
        window = make_window(counter=1)
        sign_in(qtbot, window, "somchai")
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.station, timeout=WAIT)
        assert not window.admin.isVisible() and window.admin.settings is None


class TestServices:
    def test_a_new_standard_time_is_saved_and_a_bad_one_refused(self, qtbot: QtBot, admin: AdminView, office_db: Database) -> None:
        section = admin.services
        admin.tabs.setCurrentWidget(section)
        pick(section, "ชำระภาษี")
        type_into(qtbot, section, "standard_minutes", "999")
        save(qtbot, admin, section, ok=False)
        assert section.form.problem("standard_minutes") == "ต้องไม่เกิน 480"
        type_into(qtbot, section, "standard_minutes", "20")
        save(qtbot, admin, section)
        assert section.message.text() == "บันทึกแล้ว" and section.form.problem("standard_minutes") == ""
        assert office_db.query(lambda s: s.execute(select(Service.standard_minutes).where(Service.code == "TAX")).scalar_one()) == 20
        assert settings_events(office_db)[-1].data["changes"] == {"standard_minutes": {"old": 10, "new": 20}}

    def test_steps_one_per_line_are_published(self, qtbot: QtBot, admin: AdminView, office_db: Database) -> None:
        section = admin.services
        pick(section, "ติดต่อสอบถาม")
        box = section.form.inputs["steps_th"]
        assert isinstance(box, QPlainTextEdit)
        box.setPlainText("แจ้งเรื่องที่ต้องการสอบถาม\n\nรับคำตอบหรือเอกสาร\n")
        save(qtbot, admin, section)
        published = office_db.query(lambda s: s.execute(select(Service.published).where(Service.code == "INF")).scalar_one())
        assert published["steps_th"] == ["แจ้งเรื่องที่ต้องการสอบถาม", "รับคำตอบหรือเอกสาร"]

    def test_an_open_kiosk_shows_the_new_name_without_a_restart(self, qtbot: QtBot, admin: AdminView, office_db: Database) -> None:
        kiosk = KioskWindow(office_db, kiosk=KioskConfig(fullscreen=False, name="kiosk-test"), printer=PrinterConfig())
        qtbot.addWidget(kiosk)
        kiosk.show()
        with qtbot.waitSignal(kiosk.status_applied, timeout=10_000):
            kiosk.start()
        try:
            section = admin.services
            pick(section, "ชำระภาษี")
            type_into(qtbot, section, "name_th", "ชำระภาษีที่ดิน")
            save(qtbot, admin, section)
            qtbot.waitUntil(lambda: kiosk.start_page.buttons["TAX"].queue.name_th == "ชำระภาษีที่ดิน", timeout=WAIT)
        finally:
            kiosk._unlocked = True
            kiosk.close()

    def test_a_stale_edit_is_told_and_shown_the_new_value(self, qtbot: QtBot, admin: AdminView, office_db: Database) -> None:
        from khiw.engine.admin import update_service

        section = admin.services
        pick(section, "ชำระภาษี")
        boss = office_db.query(lambda s: s.execute(select(Staff.id).where(Staff.username == "wanida")).scalar_one())
        office_db.run(update_service, actor=boss, code="TAX", changes={"standard_minutes": 12}, was={"standard_minutes": 10})
        type_into(qtbot, section, "standard_minutes", "15")
        save(qtbot, admin, section, ok=False)
        assert "ค่าปัจจุบันคือ 12" in section.message.text()
        qtbot.waitUntil(lambda: section.form.inputs["standard_minutes"].text() == "12", timeout=WAIT)


class TestCountersAndOffice:
    def test_close_a_counter_for_the_day(self, qtbot: QtBot, admin: AdminView, office_db: Database) -> None:
        section = admin.counters
        admin.tabs.setCurrentWidget(section)
        pick(section, "4  ")
        box = section.form.inputs["active"]
        assert isinstance(box, QCheckBox)
        box.setChecked(False)
        save(qtbot, admin, section)
        assert office_db.query(lambda s: s.execute(select(Counter.active).where(Counter.number == 4)).scalar_one()) is False
        assert office_db.query(verify).ok

    def test_an_open_board_shows_the_new_office_name_without_a_restart(self, qtbot: QtBot, admin: AdminView) -> None:
        board = BoardWindow(admin.runner.db, DisplayConfig(fullscreen=False, voice="none"))
        qtbot.addWidget(board)
        board.show()
        with qtbot.waitSignal(board.controller.state_changed, timeout=10_000):
            board.start()
        try:
            section = admin.office_section
            admin.tabs.setCurrentWidget(section)
            type_into(qtbot, section, "name_th", "เทศบาลตำบลท่าสะอ้าน")
            save(qtbot, admin, section)
            qtbot.waitUntil(lambda: board.header.office.text() == "เทศบาลตำบลท่าสะอ้าน", timeout=WAIT)
        finally:
            board.close()

    def test_office_hours_must_open_before_they_close(self, qtbot: QtBot, admin: AdminView) -> None:
        section = admin.office_section
        admin.tabs.setCurrentWidget(section)
        type_into(qtbot, section, "opens", "16:00")
        type_into(qtbot, section, "closes", "08:00")
        save(qtbot, admin, section, ok=False)
        assert section.form.problem("closes") == "เวลาปิดต้องหลังเวลาเปิด"


def tab_of(window: CounterWindow, page: AdminView) -> int:
    """The supervisor tab that holds ``page`` (inside its scroll area)."""
    tabs = window.supervisor
    return next(i for i in range(tabs.count()) if tabs.widget(i) is page or tabs.widget(i).isAncestorOf(page))


def test_admin_view_is_a_tab_of_the_supervisor_page(make_window: WindowFactory) -> None:
    window: CounterWindow = make_window()
    assert window.supervisor.tabText(tab_of(window, window.admin)) == window.admin.windowTitle() == "จัดการ"



def test_the_tab_follows_the_english_toggle(qtbot: QtBot, admin: AdminView) -> None:
    window = admin.window()
    assert isinstance(window, CounterWindow)
    window.toggle_language()
    qtbot.waitUntil(lambda: admin.windowTitle() == "Manage", timeout=WAIT)
    assert admin.tabs.tabText(1) == "Services" and window.supervisor.tabText(tab_of(window, admin)) == "Manage"
    assert admin.staff.save.text() == "Save" and admin.staff.unlock.text() == "Unlock account"
    assert admin.services.form.labels["standard_minutes"].text() == "Standard time (minutes)"
    window.toggle_language()
    qtbot.waitUntil(lambda: admin.staff.save.text() == "บันทึก", timeout=WAIT)
