"""The kiosk application: full screen and locked (or windowed), on a database the caller opened."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from khiw.config import KioskConfig, PrinterConfig
from khiw.db import Database
from khiw.errors import UsageError
from khiw.qt.fonts import install_sarabun
from khiw.qt.screen import show_on_screen
from kiosk.window import KioskWindow


def build(db: Database, *, office: str | None, kiosk: KioskConfig, printer: PrinterConfig, windowed: bool) -> tuple[QApplication, KioskWindow]:
    """The application and a kiosk window on ``db`` with this PC's kiosk and printer settings."""
    locked = kiosk.fullscreen and not windowed
    if locked and kiosk.admin_pin_hash is None:
        # A locked kiosk without an admin PIN could only be left by switching the PC off.
        raise UsageError("a locked kiosk needs admin_pin_hash in [kiosk] (make one with `khiw hash-pin`), or start it with --windowed")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_sarabun()
    return app, KioskWindow(db, kiosk=kiosk, printer=printer, office=office, locked=locked)


def run(db: Database, *, office: str | None, kiosk: KioskConfig, printer: PrinterConfig, windowed: bool) -> int:
    """Show the kiosk until the admin PIN closes it; returns the Qt exit code."""
    app, window = build(db, office=office, kiosk=kiosk, printer=printer, windowed=windowed)
    show_on_screen(window, fullscreen=window.locked)
    window.start()
    return int(app.exec())
