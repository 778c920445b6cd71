"""The stations' shared Qt glue: database changes as a signal."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from khiw.db import Database
from khiw.engine import issue
from khiw.qt.feed import ChangeWatcher
from tests.fixtures import MORNING


class TestChangeWatcher:
    def test_a_change_is_signalled_with_what_changed(self, qtbot: QtBot, office: Database) -> None:
        watcher = ChangeWatcher(office)
        watcher.start()
        try:
            qtbot.waitUntil(watcher.ready.is_set, timeout=5000)
            with qtbot.waitSignal(watcher.changed, timeout=5000) as blocker:
                issued = office.run(issue, service="TAX", now=MORNING)
            changes = blocker.args[0]
            assert changes.newest == issued.event_id and not changes.missed
            assert [(c.event_id, c.ticket_id) for c in changes.events] == [(issued.event_id, issued.ticket.id)]
        finally:
            watcher.stop()

    def test_once_listening_it_asks_for_a_full_read_of_what_came_before(self, qtbot: QtBot, office: Database) -> None:
        watcher = ChangeWatcher(office)
        try:
            with qtbot.waitSignal(watcher.changed, timeout=5000) as blocker:
                watcher.start()  # a station's first read may predate the feed's starting point
            assert blocker.args[0].missed
        finally:
            watcher.stop()
