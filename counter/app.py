"""``khiw counter [--counter N] [--windowed]``: start the counter station."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtWidgets import QApplication

from counter.i18n import Translations
from counter.window import CounterWindow
from khiw.cli.context import Context
from khiw.qt.fonts import install_sarabun, sarabun_font

log = logging.getLogger(__name__)


def build(ctx: Context, counter: int | None) -> tuple[QApplication, CounterWindow]:
    """The application (Sarabun, Thai) and a counter window on ``ctx``'s database."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("khiw-counter")
    install_sarabun()
    app.setFont(sarabun_font(17))
    translations = Translations()
    if not translations.available("en"):
        log.warning("counter: %s is missing, so English is unavailable (run scripts/setup.sh to build it)", translations.file("en"))
    return app, CounterWindow(ctx.database(), counter=counter, office=ctx.office, translations=translations)


def run(ctx: Context, args: argparse.Namespace) -> int:
    """Show the window (full screen unless ``--windowed``) until it is closed."""
    app, window = build(ctx, getattr(args, "counter", None))
    if getattr(args, "windowed", False):
        window.resize(1366, 768)
        window.show()
    else:
        window.showFullScreen()
    return app.exec()
