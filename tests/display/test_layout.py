"""No board text is ever cut off, at any of the four screen sizes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.window import BoardWindow
from khiw.config import DisplayConfig
from khiw.engine import call_next, issue
from tests.fixtures import new_database, with_office
from tests.qt.clipping import SIZES, settled


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_label_is_clipped(qtbot: QtBot, tmp_path: Path, size: tuple[int, int]) -> None:
    db = with_office(new_database(f"sqlite:///{tmp_path / 'board.db'}"))
    for service in ("WEL", "TAX", "REG", "WEL"):
        db.run(issue, service=service)
    db.run(call_next, counter=1)
    portrait = size[1] > size[0]
    window = BoardWindow(db, DisplayConfig(fullscreen=False, voice="none", english=True, orientation="portrait" if portrait else "landscape"))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    with qtbot.waitSignal(window.controller.state_changed, timeout=10_000):
        window.start()
    assert settled(qtbot, window, size) == []
    window.close()
    db.dispose()
