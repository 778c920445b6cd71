"""The stations' shared Qt glue: database changes as a signal."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from khiw.db import Database
from khiw.engine import issue
from khiw.qt.feed import ChangeWatcher
from tests.fixtures import MORNING


class TestChangeWatcher:
    def test_a_change_is_signalled_with_the_new_event_id(self, qtbot: QtBot, office: Database) -> None:
        watcher = ChangeWatcher(office)
        watcher.start()
        try:
            qtbot.waitUntil(watcher.ready.is_set, timeout=5000)
            with qtbot.waitSignal(watcher.changed, timeout=5000) as blocker:
                issued = office.run(issue, service="TAX", now=MORNING)
            assert blocker.args == [issued.event_id]
        finally:
            watcher.stop()
