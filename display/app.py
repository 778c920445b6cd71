"""The board application: full screen (or windowed), following the database until closed."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from display.window import BoardWindow
from khiw.config import DisplayConfig
from khiw.db import Database
from khiw.qt.fonts import install_sarabun


def build(db: Database, *, office: str | None, settings: DisplayConfig) -> tuple[QApplication, BoardWindow]:
    """The application and a board window on ``db`` with this PC's ``[display]`` settings."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_sarabun()
    return app, BoardWindow(db, settings, office=office)


def run(db: Database, *, office: str | None, settings: DisplayConfig, windowed: bool) -> int:
    """Show the board; returns the Qt exit code."""
    app, window = build(db, office=office, settings=settings)
    if settings.fullscreen and not windowed:
        window.showFullScreen()
    else:
        window.resize(*(1280, 720) if settings.orientation == "landscape" else (608, 1080))
        window.show()
    window.start()
    return int(app.exec())
