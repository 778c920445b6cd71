"""The counter application: Sarabun, Thai (English if built), one window bound to a counter."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from counter.i18n import Translations
from counter.window import CounterWindow
from khiw.db import Database
from khiw.qt.fonts import install_sarabun, sarabun_font
from khiw.qt.screen import show_on_screen

log = logging.getLogger(__name__)


def build(db: Database, *, office: str | None, counter: int | None) -> tuple[QApplication, CounterWindow]:
    """The application (Sarabun, Thai) and a counter window on ``db``."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("khiw-counter")
    install_sarabun()
    app.setFont(sarabun_font(17))
    translations = Translations()
    if not translations.available("en"):
        log.warning("counter: %s is missing, so English is unavailable (run scripts/setup.sh to build it)", translations.file("en"))
    return app, CounterWindow(db, counter=counter, office=office, translations=translations)


def run(db: Database, *, office: str | None, counter: int | None, windowed: bool) -> int:
    """Show the window (full screen unless ``windowed``) until it is closed."""
    app, window = build(db, office=office, counter=counter)
    window.start()
    show_on_screen(window, fullscreen=not windowed, aspect=None)
    return app.exec()
