"""Checks shared by the stations' tests of their change-feed reads (issue #11)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from khiw.changes import Change, Changes
from khiw.db import Database
from khiw.engine.eventlog import last_event_id
from khiw.qt.live import LiveRead


def settled(qtbot: QtBot, live: LiveRead, db: Database, *, timeout: int = 10_000) -> int:
    """Wait until ``live`` has heard of every event so far and read what it owed; its reads."""
    head = db.query(last_event_id)
    qtbot.waitUntil(lambda: live.heard >= head and not live.reading, timeout=timeout)
    return live.reads


def check_missed_changes_are_read(qtbot: QtBot, live: LiveRead, ignored: Change) -> None:
    """``ignored`` (a change the station dismisses) costs no read, unless the feed says it
    may have missed others with it: then the station reads everything."""
    assert live.watcher is not None
    qtbot.waitUntil(lambda: not live.reading, timeout=10_000)
    before = live.reads
    live.watcher.changed.emit(Changes(ignored.event_id, (ignored,)))
    assert live.reads == before
    live.watcher.changed.emit(Changes(ignored.event_id, (ignored,), missed=True))
    assert live.reads == before + 1
