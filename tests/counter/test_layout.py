"""No counter text is ever cut off, at any of the four screen sizes: signed out, free, serving,
and the supervisor's tabs."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from counter.window import CounterWindow
from khiw.db import Database
from khiw.engine import issue
from tests.counter.conftest import WAIT, at_station, shows, sign_in
from tests.qt.clipping import SIZES, settled


def settle_at(qtbot: QtBot, window: CounterWindow, size: tuple[int, int]) -> list[str]:
    window.resize(*size)
    return settled(qtbot, window, size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_station_never_clips(qtbot: QtBot, make_window, office_db: Database, size: tuple[int, int]) -> None:
    office_db.run(issue, service="WEL", priority="disabled")
    window = make_window(counter=3)
    assert settle_at(qtbot, window, size) == [], "sign-in"
    sign_in(qtbot, window, "prasert")
    at_station(qtbot, window)
    qtbot.waitUntil(lambda: window.station.ticket.upcoming.text().startswith("คิวถัดไป C001"), timeout=WAIT)
    assert settle_at(qtbot, window, size) == [], "free, with the next ticket"
    window.station.pad.buttons["call_next"].click()
    shows(qtbot, window, "C001")
    assert settle_at(qtbot, window, size) == [], "called"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_supervisors_tabs_never_clip(qtbot: QtBot, make_window, size: tuple[int, int]) -> None:
    window = make_window()
    sign_in(qtbot, window, "wanida")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.supervisor, timeout=WAIT)
    for tab in range(window.supervisor.count()):
        window.supervisor.setCurrentIndex(tab)
        assert settle_at(qtbot, window, size) == [], window.supervisor.tabText(tab)
