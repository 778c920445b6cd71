"""``khiw kiosk``: the kiosk full screen and locked (or windowed with ``--windowed``)."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication

from khiw.cli.context import Context
from khiw.config import KioskConfig, PrinterConfig
from khiw.errors import UsageError
from khiw.qt.fonts import install_sarabun
from kiosk.window import KioskWindow


def build(ctx: Context, *, windowed: bool) -> tuple[QApplication, KioskWindow]:
    """The application and a kiosk window on ``ctx``'s database and local configuration."""
    db = ctx.database()
    kiosk = ctx.config.kiosk if ctx.config is not None else KioskConfig()
    printer = ctx.config.printer if ctx.config is not None else PrinterConfig()
    locked = kiosk.fullscreen and not windowed
    if locked and kiosk.admin_pin_hash is None:
        # A locked kiosk without an admin PIN could only be left by switching the PC off.
        raise UsageError("a locked kiosk needs admin_pin_hash in [kiosk] (make one with `khiw hash-pin`), or start it with --windowed")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_sarabun()
    return app, KioskWindow(db, kiosk=kiosk, printer=printer, office=ctx.office, locked=locked)


def run(ctx: Context, args: argparse.Namespace) -> int:
    """Show the kiosk until the admin PIN closes it; returns the Qt exit code."""
    app, window = build(ctx, windowed=args.windowed)
    if window.locked:
        window.showFullScreen()
    else:
        window.resize(1366, 768)
        window.show()
    window.start()
    return int(app.exec())
