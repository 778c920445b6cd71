"""No board text is ever cut off, at any of the four screen sizes, with or without calls
still to be said (the line listing them takes room from the panels above)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.voice import BoardVoice
from display.window import BoardWindow
from khiw.config import DisplayConfig
from khiw.engine import call_next, issue
from tests.display.voices import GatedOutput, tone_voice
from tests.fixtures import new_database, with_office
from tests.qt.clipping import SIZES, settled


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_label_is_clipped(qtbot: QtBot, tmp_path: Path, size: tuple[int, int]) -> None:
    db = with_office(new_database(f"sqlite:///{tmp_path / 'board.db'}"))
    for service in ("WEL", "TAX", "REG", "WEL", "TAX", "REG"):
        db.run(issue, service=service)
    db.run(call_next, counter=1)
    portrait = size[1] > size[0]
    settings = DisplayConfig(fullscreen=False, voice="pack", english=True, orientation="portrait" if portrait else "landscape")
    output = GatedOutput(tmp_path / "audio")
    window = BoardWindow(db, settings, voice=BoardVoice(settings, output=output, choice=tone_voice(tmp_path / "voice")))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    with qtbot.waitSignal(window.controller.state_changed, timeout=10_000):
        window.start()
    assert settled(qtbot, window, size) == []
    for counter in (2, 3, 4):  # a burst: one call said, two listed as next
        db.run(call_next, counter=counter)
    qtbot.waitUntil(lambda: len(window.upnext.shown()) == 2, timeout=10_000)
    assert settled(qtbot, window, size) == []
    for _ in range(3):
        output.release()
    window.close()
    db.dispose()
