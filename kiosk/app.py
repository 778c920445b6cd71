"""The kiosk application: full screen and locked (or windowed), on a database the caller opened."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from khiw.config import KioskConfig, PrinterConfig
from khiw.db import Database
from khiw.qt.fonts import install_sarabun
from kiosk.window import KioskWindow


def build(db: Database, *, office: str | None, kiosk: KioskConfig, printer: PrinterConfig, windowed: bool) -> tuple[QApplication, KioskWindow]:
    """The application and a kiosk window on ``db`` with this PC's kiosk and printer settings."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_sarabun()
    locked = kiosk.fullscreen and not windowed
    return app, KioskWindow(db, kiosk=kiosk, printer=printer, office=office, locked=locked)


def run(db: Database, *, office: str | None, kiosk: KioskConfig, printer: PrinterConfig, windowed: bool) -> int:
    """Show the kiosk until the admin PIN closes it; returns the Qt exit code."""
    app, window = build(db, office=office, kiosk=kiosk, printer=printer, windowed=windowed)
    if window.locked:
        window.showFullScreen()
    else:
        window.resize(1366, 768)
        window.show()
    window.start()
    return int(app.exec())
