"""``khiw display``: the board full screen (or windowed), following the database until closed."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication

from display.window import BoardWindow
from khiw.cli.context import Context
from khiw.config import DisplayConfig
from khiw.qt.fonts import install_sarabun


def build(ctx: Context) -> tuple[QApplication, BoardWindow]:
    """The application and a board window on ``ctx``'s database and local configuration."""
    db = ctx.database()
    settings = ctx.config.display if ctx.config is not None else DisplayConfig()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_sarabun()
    return app, BoardWindow(db, settings, office=ctx.office)


def run(ctx: Context, args: argparse.Namespace) -> int:
    """Show the board; returns the Qt exit code."""
    app, window = build(ctx)
    settings = window.settings
    if settings.fullscreen and not args.windowed:
        window.showFullScreen()
    else:
        window.resize(*(1280, 720) if settings.orientation == "landscape" else (608, 1080))
        window.show()
    window.start()
    return int(app.exec())
