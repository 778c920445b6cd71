"""``khiw display`` starts, follows calls and keeps working with whatever sound this PC has
(here: none, so announcements go silent with a log line and the board carries on)."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from display.app import run
from display.window import BoardWindow
from khiw.cli.main import main
from khiw.config import DisplayConfig, load_config
from khiw.speech.phrases import needed_phrases
from khiw.speech.placeholder import write_placeholder_pack
from khiw.engine import call_next, issue
from tests.fixtures import EXAMPLE, new_database, with_office


def test_khiw_display_shows_and_announces_a_call_then_quits(qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    url = f"sqlite:///{tmp_path / 'board.db'}"
    db = with_office(new_database(url))
    seen: dict[str, object] = {}

    def step() -> None:
        boards = [w for w in QApplication.topLevelWidgets() if isinstance(w, BoardWindow)]
        if not boards or boards[0].controller.state is None:
            return
        board = boards[0]
        if "called" not in seen:
            seen["called"] = db.run(call_next, counter=1)
            board.voice.spoken.connect(lambda a: seen.setdefault("spoken", a))
        elif board.latest.code.text() == "A001" and "spoken" in seen:
            seen["window"] = (board.isFullScreen(), board.settings.voice)
            board.close()
            QApplication.instance().exit(0)

    db.run(issue, service="TAX")
    timer = QTimer()
    timer.timeout.connect(step)
    timer.start(50)
    watchdog = QTimer()  # a hung board fails below instead of hanging the suite
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: QApplication.instance().exit(1))
    watchdog.start(30_000)
    try:
        with caplog.at_level(logging.INFO):
            code = run(db, office=None, settings=DisplayConfig(), windowed=True)
    finally:
        timer.stop()
        watchdog.stop()
        # Closing the last window posted a Quit; left queued, it would end the next test's wait.
        QApplication.removePostedEvents(QApplication.instance(), QEvent.Type.Quit)
        db.dispose()
    assert code == 0
    assert seen.get("window") == (False, "auto")
    assert getattr(seen.get("spoken"), "code", None) == "A001"
    assert "the board's voice: chime and visible call only: no complete voice pack" in caplog.text


def test_display_check_names_the_voice_and_the_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "khiw.toml"
    shutil.copy(EXAMPLE, config)
    write_placeholder_pack(config.parent / "voice", needed_phrases(load_config(config)))
    assert main(["display", "--check", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"voice:  placeholder voice pack (tones, not speech) 'placeholder', speaker none: generated tones (21 clips) at {config.parent / 'voice'}")
    assert "\noutput: " in out


def test_pyside6_does_not_leak_references_to_none(qapp: QApplication) -> None:
    """PySide6 6.12.0 drops a reference to None on every void call; on Python 3.11 a board
    that redraws all day then aborts ("none_dealloc"). pyproject.toml excludes it."""
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("A001")
        label.update()
    assert sys.getrefcount(None) >= before - 50
