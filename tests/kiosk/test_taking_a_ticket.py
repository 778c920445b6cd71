"""A citizen taps a service: a ticket in the database, printed on paper, shown on screen."""

from __future__ import annotations

import time

import pytest
import zxingcpp
from PySide6.QtCore import Qt

from khiw.config import PrinterConfig
from khiw.engine import issue
from khiw.models import Priority, TicketStatus
from tests.fixtures import office_config
from tests.kiosk.conftest import network_printer, no_priority_lane
from tests.printing.escpos_stream import raster_image
from tests.printing.fakeprinter import FakePrinter, refused_address


class TestTap:
    def test_a_tap_issues_prints_and_the_printed_qr_scans_to_the_ticket(self, make_kiosk, fake_printer: FakePrinter) -> None:
        kiosk = make_kiosk(network_printer(fake_printer))
        with kiosk.qtbot.waitSignal(kiosk.window.print_finished, timeout=5000) as printed:
            kiosk.tap("REG")
        slip, outcome = printed.args
        assert outcome.printed
        [ticket] = kiosk.tickets()
        assert (ticket.code, ticket.status, ticket.id) == ("B001", TicketStatus.WAITING, slip.ticket.id)

        [job] = fake_printer.wait_for_jobs(1)
        image = raster_image(bytes(job.data))
        assert image.width == 576
        [code] = zxingcpp.read_barcodes(image.convert("L"))
        assert code.text == slip.qr_url == f"https://queue.example.go.th/t/{ticket.id}?k={ticket.token}"

        page = kiosk.window.result_page
        assert kiosk.window.stack.currentWidget() is page
        assert page.code.text() == "B001"
        assert page.qr.url == slip.qr_url
        assert page.status_text == "กรุณารับบัตรคิวด้านล่าง"
        assert kiosk.print_events() == []

    def test_a_double_tap_issues_one_ticket(self, make_kiosk, fake_printer: FakePrinter) -> None:
        kiosk = make_kiosk(network_printer(fake_printer))
        button = kiosk.window.start_page.buttons["TAX"]
        with kiosk.qtbot.waitSignal(kiosk.window.print_finished, timeout=5000):
            kiosk.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            kiosk.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        fake_printer.wait_for_jobs(1)
        kiosk.qtbot.wait(300)  # time for a wrongly accepted second tap to reach the engine and printer
        assert [t.code for t in kiosk.tickets()] == ["A001"]
        assert len(fake_printer.printed()) == 1

    def test_without_a_printer_the_ticket_is_shown_on_screen_only(self, make_kiosk) -> None:
        kiosk = make_kiosk(PrinterConfig())
        with kiosk.qtbot.waitSignal(kiosk.window.issued, timeout=5000):
            kiosk.tap("INF")
        assert kiosk.window.result_page.status_text == "กรุณาจำหมายเลขคิว หรือสแกน QR Code เพื่อติดตามคิวบนมือถือ"

    def test_the_screen_goes_back_to_the_start_by_itself(self, make_kiosk) -> None:
        kiosk = make_kiosk(PrinterConfig(), result_seconds=1)
        with kiosk.qtbot.waitSignal(kiosk.window.issued, timeout=5000):
            kiosk.tap("INF")
        kiosk.qtbot.waitUntil(lambda: kiosk.window.stack.currentWidget() is kiosk.window.start_page, timeout=3000)


FAULTS = [
    ("paper_out", "กระดาษหมด กรุณาแจ้งเจ้าหน้าที่", "paper_out"),
    ("cover_open", "ฝาเครื่องพิมพ์เปิดอยู่ กรุณาแจ้งเจ้าหน้าที่", "cover_open"),
    ("silent", "เครื่องพิมพ์ไม่ตอบสนอง กรุณาแจ้งเจ้าหน้าที่", "timeout"),
    ("refused", "เครื่องพิมพ์ไม่พร้อมใช้งาน กรุณาแจ้งเจ้าหน้าที่", "offline"),
]


class TestPrinterFaults:
    @pytest.mark.parametrize(("mode", "message", "alert"), FAULTS, ids=[f[0] for f in FAULTS])
    def test_the_citizen_is_told_in_thai_within_3_seconds_and_keeps_the_ticket(self, make_kiosk, mode: str, message: str, alert: str) -> None:
        fake = FakePrinter(mode if mode != "refused" else "ok")
        port = refused_address()[1] if mode == "refused" else fake.port
        if mode != "refused":
            fake.start()
        try:
            kiosk = make_kiosk(network_printer(port))
            page = kiosk.window.result_page
            start = time.monotonic()
            kiosk.tap("REG")
            kiosk.qtbot.waitUntil(lambda: page.status_text.startswith(message), timeout=3000)
            assert time.monotonic() - start < 3.0
            assert "คิวของท่านยังอยู่" in page.status_text
            [ticket] = kiosk.tickets()
            assert ticket.status == TicketStatus.WAITING
            assert page.code.text() == ticket.code and page.qr.url.endswith(f"/t/{ticket.id}?k={ticket.token}")
            kiosk.qtbot.waitUntil(lambda: len(kiosk.print_events()) == 1, timeout=3000)
            [event] = kiosk.print_events()
            assert (event.reason, event.ticket_id, event.data) == (alert, ticket.id, {"kiosk": "kiosk-test"})
            assert kiosk.window.start_page.printer_banner.isVisibleTo(kiosk.window.start_page)
            assert not fake.printed()
        finally:
            fake.stop()

    def test_printing_again_clears_the_alert(self, make_kiosk) -> None:
        with FakePrinter("paper_out") as fake:
            kiosk = make_kiosk(network_printer(fake))
            with kiosk.qtbot.waitSignal(kiosk.window.print_finished, timeout=5000):
                kiosk.tap("REG")
            fake.mode = "ok"  # staff put paper in
            kiosk.window.back_to_start()
            with kiosk.qtbot.waitSignal(kiosk.window.print_finished, timeout=5000) as printed:
                kiosk.tap("REG")
            assert printed.args[1].printed
            kiosk.qtbot.waitUntil(lambda: len(kiosk.print_events()) == 2, timeout=3000)
        failed, recovered = kiosk.print_events()
        assert (failed.kind, recovered.kind) == ("print_failed", "printed")
        assert not kiosk.window.start_page.printer_banner.isVisibleTo(kiosk.window.start_page)


class TestPriorityLane:
    def test_the_step_offers_the_office_classes_and_issues_in_the_chosen_lane(self, make_kiosk, fake_printer: FakePrinter) -> None:
        kiosk = make_kiosk(network_printer(fake_printer), config=office_config())
        button = kiosk.window.start_page.buttons["WEL"]
        kiosk.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        kiosk.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the double tap lands on the next page
        page = kiosk.window.priority_page
        assert kiosk.window.stack.currentWidget() is page
        assert [b.text() for b in page.buttons.values()] == ["ผู้สูงอายุ", "ผู้พิการ", "สตรีมีครรภ์", "พระภิกษุสงฆ์ / สามเณร"]
        assert kiosk.tickets() == []
        kiosk.qtbot.waitUntil(kiosk.window.accepting_taps, timeout=2000)
        with kiosk.qtbot.waitSignal(kiosk.window.print_finished, timeout=5000) as printed:
            kiosk.qtbot.mouseClick(page.buttons[Priority.ELDERLY], Qt.MouseButton.LeftButton)
        [ticket] = kiosk.tickets()
        assert ticket.priority == Priority.ELDERLY
        assert printed.args[0].ticket.priority == Priority.ELDERLY
        assert kiosk.window.result_page.lane.plain() == "ช่องทางพิเศษ: ผู้สูงอายุ"

    def test_without_the_lane_a_tap_issues_at_once(self, make_kiosk) -> None:
        kiosk = make_kiosk(PrinterConfig())
        with kiosk.qtbot.waitSignal(kiosk.window.issued, timeout=5000):
            kiosk.tap("WEL")
        assert kiosk.tickets()[0].priority == Priority.NONE


class TestQueuesOnScreen:
    def test_waiting_counts_follow_the_database_live(self, make_kiosk) -> None:
        kiosk = make_kiosk(PrinterConfig())
        info = kiosk.window.start_page.buttons["REG"].info
        assert info.plain() == "รอ 0 คิว · ไม่ต้องรอ"
        for _ in range(2):
            kiosk.db.run(issue, service="REG")  # another kiosk, or the CLI
        kiosk.qtbot.waitUntil(lambda: info.plain() == "รอ 2 คิว · ประมาณ 30 นาที", timeout=5000)

    def test_a_closed_service_is_greyed_with_its_reason_and_does_nothing(self, make_kiosk) -> None:
        cfg = office_config()
        capped = [s.model_copy(update={"daily_cap": 1}) if s.code == "BLD" else s for s in cfg.services]
        kiosk = make_kiosk(PrinterConfig(), config=cfg.model_copy(update={"services": capped}))
        kiosk.db.run(issue, service="BLD")
        button = kiosk.window.start_page.buttons["BLD"]
        kiosk.qtbot.waitUntil(lambda: not button.isEnabled(), timeout=5000)
        assert button.info.plain() == "ปิดให้บริการ · บัตรคิววันนี้หมดแล้ว"
        kiosk.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert kiosk.window.stack.currentWidget() is kiosk.window.start_page
        assert len(kiosk.tickets()) == 1

    def test_a_refusal_after_the_screen_was_drawn_is_explained(self, make_kiosk) -> None:
        cfg = no_priority_lane()
        capped = [s.model_copy(update={"daily_cap": 1}) if s.code == "BLD" else s for s in cfg.services]
        kiosk = make_kiosk(PrinterConfig(), config=cfg.model_copy(update={"services": capped}))
        kiosk.window.live.watcher.stop()  # the screen has not caught up yet
        kiosk.db.run(issue, service="BLD")
        with kiosk.qtbot.waitSignal(kiosk.window.runner.failed, timeout=5000):
            kiosk.tap("BLD")
        assert kiosk.window.start_page.notice.plain() == "บัตรคิววันนี้หมดแล้ว"
        kiosk.qtbot.waitUntil(lambda: not kiosk.window.start_page.buttons["BLD"].isEnabled(), timeout=5000)

    def test_english_on_request_and_thai_again_for_the_next_citizen(self, make_kiosk) -> None:
        kiosk = make_kiosk(PrinterConfig())
        start = kiosk.window.start_page
        kiosk.qtbot.mouseClick(start.language, Qt.MouseButton.LeftButton)
        assert start.title.plain() == "Take a queue ticket"
        assert start.buttons["REG"].name.plain() == "Civil registration"
        with kiosk.qtbot.waitSignal(kiosk.window.issued, timeout=5000):
            kiosk.tap("REG")
        assert kiosk.window.result_page.heading.plain() == "Your queue number"
        kiosk.window.back_to_start()
        assert start.title.plain() == "กดรับบัตรคิว"
