"""``khiw display``: the board full screen (or windowed), following the database until closed."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from display.voice import BoardVoice, board_voice_choice
from display.window import BoardWindow
from khiw.cli.context import Context
from khiw.config import DisplayConfig
from khiw.qt.fonts import install_sarabun
from khiw.speech.output import describe_output, system_output


def build(ctx: Context) -> tuple[QApplication, BoardWindow]:
    """The application and a board window on ``ctx``'s database and local configuration."""
    db = ctx.database()
    settings = ctx.config.display if ctx.config is not None else DisplayConfig()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_sarabun()
    voice = BoardVoice(settings, config=ctx.config, config_path=ctx.config_path)
    return app, BoardWindow(db, settings, voice=voice, office=ctx.office)


def check(ctx: Context) -> int:
    """``khiw display --check``: which voice and sound output this PC's board would use."""
    settings = ctx.config.display if ctx.config is not None else DisplayConfig()
    _ = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])  # Qt's speech engines need one
    choice = board_voice_choice(settings, ctx.config, ctx.config_path)
    output = "none (voice = none)" if settings.voice == "none" else describe_output(system_output())
    ctx.emit({"voice": choice.description, "output": output}, f"voice:  {choice.description}\noutput: {output}")
    return 0


def run(ctx: Context, args: argparse.Namespace) -> int:
    """Show the board; returns the Qt exit code."""
    if getattr(args, "check", False):
        return check(ctx)
    app, window = build(ctx)
    settings = window.settings
    if settings.fullscreen and not args.windowed:
        window.showFullScreen()
    else:
        window.resize(*(1280, 720) if settings.orientation == "landscape" else (608, 1080))
        window.show()
    window.start()
    return int(app.exec())
