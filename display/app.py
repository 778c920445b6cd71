"""The board application: full screen (or windowed), following the database until closed."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from display.voice import BoardVoice, board_voice_choice
from display.window import BoardWindow
from khiw.config import DisplayConfig, KhiwConfig
from khiw.db import Database
from khiw.qt.fonts import install_sarabun
from khiw.qt.screen import show_on_screen
from khiw.speech.output import describe_output, system_output


def build(
    db: Database,
    *,
    office: str | None,
    settings: DisplayConfig,
    config: KhiwConfig | None = None,
    config_path: Path | None = None,
) -> tuple[QApplication, BoardWindow]:
    """The application and a board window on ``db`` with this PC's ``[display]`` settings;
    ``config`` and its path locate the office's voice pack and the phrases it needs."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_sarabun()
    voice = BoardVoice(settings, config=config, config_path=config_path)
    return app, BoardWindow(db, settings, voice=voice, office=office)


def check(settings: DisplayConfig, config: KhiwConfig | None, config_path: Path | None) -> dict[str, str]:
    """``khiw display --check``: which voice and sound output this PC's board would use."""
    _ = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])  # Qt's speech engines need one
    choice = board_voice_choice(settings, config, config_path)
    output = "none (voice = none)" if settings.voice == "none" else describe_output(system_output())
    return {"voice": choice.description, "output": output}


def run(
    db: Database,
    *,
    office: str | None,
    settings: DisplayConfig,
    windowed: bool,
    config: KhiwConfig | None = None,
    config_path: Path | None = None,
) -> int:
    """Show the board; returns the Qt exit code."""
    app, window = build(db, office=office, settings=settings, config=config, config_path=config_path)
    show_on_screen(window, fullscreen=settings.fullscreen and not windowed, aspect=(16, 9) if settings.orientation == "landscape" else (9, 16))
    window.start()
    return int(app.exec())
