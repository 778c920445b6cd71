"""Database changes as a Qt signal: what changed, for stations that redraw what it concerns.

The watcher has no thread or connection of its own: the station's
:class:`~khiw.qt.runner.OperationRunner` follows the change feed between operations, on the
one connection it runs them on (PostgreSQL LISTEN) or by polling (SQLite), and signals the
watcher from its worker thread. A station therefore holds one PostgreSQL connection.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from khiw.db import Database
from khiw.qt.runner import OperationRunner


class ChangeWatcher(QObject):
    """Watches the event log through ``runner`` (None: a runner of its own, closed at :meth:`stop`).

    Signals:
        changed(Changes): new events, or ``missed`` (re-read everything): also once the
            feed has started or restarted, for what was written before it listened.
        online(bool): the database was lost (False) or is back (True).
    """

    changed = Signal(object)
    online = Signal(bool)

    def __init__(
        self,
        db: Database,
        *,
        runner: OperationRunner | None = None,
        retry_seconds: float = 1.0,
        poll_interval: float = 0.1,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.retry_seconds = retry_seconds
        self.poll_interval = poll_interval  # SQLite's head poll
        self._runner = runner
        self._own_runner: OperationRunner | None = None
        #: Set once the watcher has read its starting point: every later change is signalled.
        self.ready = threading.Event()

    def start(self) -> None:
        """Begin watching (idempotent)."""
        if self._runner is None:
            self._runner = self._own_runner = OperationRunner(self.db)
        self._runner.listen(self)

    def stop(self) -> None:
        """Stop watching: no change is signalled once this returns."""
        if self._runner is not None:
            self._runner.unlisten()
        if self._own_runner is not None:
            self._own_runner.shutdown()
            self._runner = self._own_runner = None
