"""The demo's paper tray shows a printed ticket only once its image is complete."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from khiw.config import PrinterConfig
from khiw.printing import TicketPrinter
from kiosk.paper import PaperTray


def ticket_image(shade: int) -> Image.Image:
    return Image.new("L", (384, 600), shade).convert("1")


def test_the_folder_printer_renames_a_finished_ticket_into_place(tmp_path: Path) -> None:
    printer = TicketPrinter(PrinterConfig(kind="folder", path=str(tmp_path)))
    outcome = printer.print_image(ticket_image(255), name="A001")
    assert outcome.printed
    assert [p.name for p in tmp_path.iterdir()] == ["A001.png"]


def test_a_half_written_ticket_is_never_shown(qtbot: QtBot, tmp_path: Path) -> None:
    ticket_image(255).save(tmp_path / "A001.png")
    tray = PaperTray(tmp_path)
    qtbot.addWidget(tray)
    assert tray.caption.text().endswith("A001.png")
    partial = tmp_path / "A002.png.part"
    partial.write_bytes(b"\x89PNG\r\n\x1a\n")  # a writer caught halfway
    qtbot.wait(300)
    assert tray.latest() == tmp_path / "A001.png"
    assert tray.caption.text().endswith("A001.png")
    ticket_image(0).save(partial, format="PNG")
    partial.replace(tmp_path / "A002.png")
    qtbot.waitUntil(lambda: tray.caption.text().endswith("A002.png"), timeout=3000)
