"""Printing to real byte streams: a network printer on loopback, a device file, a folder.

Each printer fault ends in a typed outcome within the configured timeout, never an exception.
"""

from __future__ import annotations

import os
import threading
import time
import tty
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageChops

from khiw.config import PrinterConfig
from khiw.engine.tickets import TicketSlip
from khiw.printing import PrintProblem, TicketPrinter
from khiw.ticket import render_ticket
from tests.printing.escpos_stream import commands, raster_image
from tests.printing.fakeprinter import FakePrinter, refused_address


def network(port: int, **extra: object) -> TicketPrinter:
    return TicketPrinter(PrinterConfig(kind="network", host="127.0.0.1", port=port, timeout_seconds=1.0, **extra))


def same_image(a: Image.Image, b: Image.Image) -> bool:
    return ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is None


class TestNetworkPrinter:
    def test_the_printed_raster_is_the_ticket_and_its_qr_scans(self, slip: TicketSlip) -> None:
        image = render_ticket(slip, width=576)
        with FakePrinter("ok") as fake:
            outcome = network(fake.port).print_image(image)
            [job] = fake.wait_for_jobs(1)
        assert outcome.printed and not outcome.failed
        assert job.queries == [1, 4]
        assert [c.name for c in commands(bytes(job.data))][0] == "init"
        printed = raster_image(bytes(job.data))
        assert same_image(printed, image)
        assert zxingcpp.read_barcodes(printed.convert("L"))[0].text == slip.qr_url
        assert outcome.bytes_sent == len(job.data)

    @pytest.mark.parametrize(("mode", "problem"), [("paper_out", PrintProblem.PAPER_OUT), ("cover_open", PrintProblem.COVER_OPEN)])
    def test_an_offline_printer_says_why_and_gets_no_data(self, slip: TicketSlip, mode: str, problem: PrintProblem) -> None:
        with FakePrinter(mode) as fake:
            outcome = network(fake.port).print_image(render_ticket(slip))
            [job] = fake.wait_for_jobs(1)
        assert outcome.problem == problem
        assert not outcome.printed
        assert job.queries == [1, 4, 2] and not job.data

    def test_paper_near_end_still_prints_and_says_so(self, slip: TicketSlip) -> None:
        with FakePrinter("paper_low") as fake:
            outcome = network(fake.port).print_image(render_ticket(slip))
        assert outcome.printed and outcome.paper_low

    def test_a_printer_that_never_answers_times_out_in_the_configured_time(self, slip: TicketSlip) -> None:
        with FakePrinter("silent") as fake:
            start = time.monotonic()
            outcome = network(fake.port).print_image(render_ticket(slip))
            took = time.monotonic() - start
        assert outcome.problem == PrintProblem.TIMEOUT
        assert 0.9 <= took < 1.6

    def test_without_status_checks_a_silent_printer_still_gets_the_ticket(self, slip: TicketSlip) -> None:
        with FakePrinter("silent") as fake:
            outcome = network(fake.port, check_status=False).print_image(render_ticket(slip))
            [job] = fake.wait_for_jobs(1)
        assert outcome.printed and job.queries == [] and job.data

    def test_nothing_listening_is_refused_at_once(self, slip: TicketSlip) -> None:
        _, port = refused_address()
        start = time.monotonic()
        outcome = network(port).print_image(render_ticket(slip))
        assert outcome.problem == PrintProblem.REFUSED
        assert outcome.problem.alert == "offline"
        assert time.monotonic() - start < 0.5
        assert "Refused" in outcome.detail


class TestOtherKinds:
    def test_a_device_file_gets_the_same_bytes_without_status_queries(self, slip: TicketSlip, tmp_path: Path) -> None:
        target = tmp_path / "lp0"
        image = render_ticket(slip, width=384)
        outcome = TicketPrinter(PrinterConfig(kind="file", path=str(target), width_dots=384)).print_image(image)
        assert outcome.printed
        data = target.read_bytes()
        assert b"\x10\x04" not in data[:3]
        assert same_image(raster_image(data), image)

    def test_a_missing_device_file_is_offline(self, slip: TicketSlip, tmp_path: Path) -> None:
        cfg = PrinterConfig(kind="file", path=str(tmp_path / "no" / "such" / "lp0"))
        assert TicketPrinter(cfg).print_image(render_ticket(slip)).problem == PrintProblem.OFFLINE

    def test_a_folder_printer_saves_the_png(self, slip: TicketSlip, tmp_path: Path) -> None:
        image = render_ticket(slip)
        outcome = TicketPrinter(PrinterConfig(kind="folder", path=str(tmp_path / "out"))).print_image(image, name="A001-1")
        assert outcome.printed
        assert same_image(Image.open(tmp_path / "out" / "A001-1.png"), image)

    def test_no_printer_means_screen_only(self, slip: TicketSlip) -> None:
        outcome = TicketPrinter(PrinterConfig()).print_image(render_ticket(slip))
        assert not outcome.printed and not outcome.failed


class TestSerialPrinter:
    """A pseudo-terminal stands in for the serial cable; its far end answers like a printer."""

    def test_prints_over_a_serial_line_after_asking_the_status(self, slip: TicketSlip) -> None:
        master, slave = os.openpty()
        tty.setraw(master)
        tty.setraw(slave)
        received = bytearray()

        def printer_end() -> None:
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    return
                received.extend(chunk)
                if chunk.startswith(b"\x10\x04"):
                    os.write(master, b"\x12" * chunk.count(b"\x10\x04"))

        threading.Thread(target=printer_end, daemon=True).start()
        image = render_ticket(slip, width=384)
        cfg = PrinterConfig(kind="serial", serial_device=os.ttyname(slave), width_dots=384, timeout_seconds=1.0)
        try:
            outcome = TicketPrinter(cfg).print_image(image)
            deadline = time.monotonic() + 3
            while len(received) < outcome.bytes_sent + 6 and time.monotonic() < deadline:
                time.sleep(0.01)
        finally:
            os.close(slave)
            os.close(master)
        assert outcome.printed
        assert outcome.seconds < 0.5
        assert same_image(raster_image(bytes(received[6:])), image)
