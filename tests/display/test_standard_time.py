"""The board's service tiles show each service's published standard time, as the kiosk does."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.window import BoardWindow
from khiw.config import DisplayConfig
from tests.fixtures import new_database, office_config, with_office
from tests.kiosk.test_standard_time import standard_time_off


@pytest.mark.parametrize("switched_on", [True, False])
def test_the_board_tiles_follow_the_same_switch(qtbot: QtBot, tmp_path: Path, switched_on: bool) -> None:
    cfg = office_config() if switched_on else standard_time_off()
    db = with_office(new_database(f"sqlite:///{tmp_path / 'board.db'}"), cfg)
    window = BoardWindow(db, DisplayConfig(fullscreen=False, voice="none"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(window.controller.state_changed, timeout=10_000):
        window.start()
    minutes = {f"{s.prefix}": s.standard_minutes for s in cfg.services}
    cards = [c for c in window.queues.cards if not c.isHidden()]
    assert cards
    for card in cards:
        prefix = card.full_name.split()[0]
        assert card.standard.text() == f"มาตรฐาน {minutes[prefix]} นาที"
        assert card.standard.isHidden() is not switched_on
    window.close()
    db.dispose()
