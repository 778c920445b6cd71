"""Database changes as a Qt signal: what changed, for stations that redraw what it concerns."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from khiw.changes import ChangeFeed, Changes
from khiw.db import Database
from khiw.errors import DatabaseUnavailable

log = logging.getLogger(__name__)


class ChangeWatcher(QObject):
    """Watches the event log on a background thread.

    Signals:
        changed(Changes): new events, or ``missed`` (re-read everything): also once the
            feed has started or restarted, for what was written before it listened.
        online(bool): the database was lost (False) or is back (True).
    """

    changed = Signal(object)
    online = Signal(bool)

    def __init__(self, db: Database, *, retry_seconds: float = 1.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.retry_seconds = retry_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        #: Set once the watcher has read its starting point: every later change is signalled.
        self.ready = threading.Event()

    def start(self) -> None:
        """Begin watching (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="khiw-feed", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop watching and wait for the thread (at most about a second)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=3)
            self._thread = None

    def _loop(self) -> None:
        feed: ChangeFeed | None = None
        up = True
        while not self._stop.is_set():
            try:
                if feed is None:
                    feed = ChangeFeed(self.db)
                    # A read made before the feed started (the station's first, or one before the
                    # database went away) may predate its starting point: read everything again.
                    self.changed.emit(Changes(feed.last_seen, missed=True))
                    self.ready.set()
                    if not up:
                        up = True
                        self.online.emit(True)
                changes = feed.wait(0.5)
                if changes is not None:
                    self.changed.emit(changes)
            except DatabaseUnavailable as err:
                if up:
                    log.warning("lost the database: %s", err)
                    up = False
                    self.online.emit(False)
                if feed is not None:
                    feed.close()
                feed = None
                self._stop.wait(self.retry_seconds)
        if feed is not None:
            feed.close()
