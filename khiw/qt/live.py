"""Keeping one screen's read of the database current: the one "re-read on change" of every station.

A station shows one read (the kiosk its queues, the counter its snapshot, the board its
calls). :class:`LiveRead` re-reads it when the change feed brings an event that concerns it
(the station's ``concerns`` test; every event without one), in full when the feed missed
events, when a safety timer fires (the clock-driven parts) and when the database comes back.
A station that can bring its last result up to date from the changes alone (re-reading only
the parts they touch) gives an ``update``: it is used whenever every change since the last
result is known, which is what keeps thirty stations' work per change small (issue #11).
Reads are coalesced: one runs at a time, and any number of changes that arrive while it runs
cost exactly one more read afterwards, so a burst of calls never queues a read per call and
nothing is missed. A station may hold reads back for a moment (the kiosk while a ticket
prints) and they follow when it lets go. Online means both the reads and the change feed
work: without the feed the screen would silently stop updating, so that counts as offline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from khiw.changes import Change, Changes
from khiw.db import Database
from khiw.errors import DatabaseUnavailable
from khiw.qt.feed import ChangeWatcher
from khiw.qt.runner import OperationRunner

log = logging.getLogger(__name__)

#: More changes than this waiting for one read: a full read costs less than applying them.
MAX_PENDING = 50


class LiveRead(QObject):
    """Runs ``read(session, **arguments())`` through ``runner`` whenever the data may have changed.

    ``arguments`` is asked at every read (the board reads "calls after the last one I saw", the
    counter "my counter", which may have changed since). ``safety_ms``: re-read at least this
    often; ``retry_ms``: after a failed read, try again this much later (None: wait for the
    next change or the safety timer); ``watch``: follow the change feed (tests may not);
    ``concerns``: whether a change may alter what the read returns (None: every change does).
    It must err on the side of True: a change it wrongly dismisses shows only at the next
    safety read. ``update``: ``update(session, previous=..., changes=..., **arguments())``
    returns the result ``read`` would return now, from the previous one and the changes that
    concern it since (oldest first); without it every change costs a full ``read``. A full read
    is still made first, after missed events or a failed read, when the database or the feed
    comes back, on the safety timer, on :meth:`refresh` and past :data:`MAX_PENDING` changes.
    ``reads`` counts the reads started (full or not), ``updates`` the partial ones, and
    ``heard`` is the newest event id the feed brought (tests and benchmarks).

    Signals:
        updated(object): a fresh result, on the GUI thread.
        failed(object): the read raised this error (a lost database is also ``online(False)``).
        online(bool): the reads and the change feed work again (True) or one of them stopped.
    """

    updated = Signal(object)
    failed = Signal(object)
    online = Signal(bool)

    def __init__(
        self,
        db: Database,
        read: Callable[..., Any],
        *,
        runner: OperationRunner,
        arguments: Callable[[], dict[str, Any]] = dict,
        safety_ms: int,
        retry_ms: int | None = None,
        watch: bool = True,
        concerns: Callable[[Change], bool] | None = None,
        update: Callable[..., Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.read, self.runner, self.arguments, self.retry_ms = read, runner, arguments, retry_ms
        self.concerns, self.update = concerns, update
        self.reads = self.updates = self.heard = 0
        self._last: Any = None  # the newest result delivered, which ``update`` starts from
        self._pending: list[Change] = []  # changes that concern the screen since ``_last``
        self._full = True  # the next read must be a full one
        self.watcher = ChangeWatcher(db, runner=runner, parent=self) if watch else None
        if self.watcher is not None:
            self.watcher.changed.connect(self.consider)
            self.watcher.online.connect(self._feed_online)
        self._safety = QTimer(self, interval=safety_ms)
        self._safety.timeout.connect(self.refresh)
        self._reading = self._again = self._held = self._stopped = False
        self._read_up = self._feed_up = True

    @property
    def reading(self) -> bool:
        """Whether a read is running or owed (tests and benchmarks wait for it to settle)."""
        return self._reading or self._again

    @property
    def is_online(self) -> bool:
        return self._read_up and self._feed_up

    def start(self) -> None:
        """Read now, then follow the change feed and the safety timer (idempotent)."""
        self._stopped = False
        if self.watcher is not None:
            self.watcher.start()
        self._safety.start()
        self.refresh()

    def stop(self) -> None:
        """Stop following and drop owed reads; a read already running is ignored when it ends."""
        self._stopped = True
        self._safety.stop()
        if self.watcher is not None:
            self.watcher.stop()

    def hold(self, held: bool) -> None:
        """Hold reads back (True) until released (False); a change meanwhile is read then."""
        self._held = held
        if not held:
            self._follow_up()

    @Slot(object)
    def consider(self, changes: Changes) -> None:
        """New events from the feed: re-read if one concerns this screen or some were missed."""
        self.heard = max(self.heard, changes.newest)
        if changes.missed:
            self.refresh()
            return
        concerned = [change for change in changes.events if self.concerns is None or self.concerns(change)]
        if concerned:
            self._pending += concerned
            self._read()

    @Slot()
    def refresh(self) -> None:
        """Read everything now, or right after the read that is running (or the hold) ends."""
        self._full = True
        self._read()

    def _read(self) -> None:
        if self._stopped:  # a change or a retry queued before the screen closed
            return
        if self._reading or self._held:
            self._again = True
            return
        self._reading = True
        self.reads += 1
        changes, self._pending = tuple(self._pending), []
        if self._full or self.update is None or self._last is None or len(changes) > MAX_PENDING:
            self._full = False
            self.runner.submit(self.read, read=True, on_done=self._done, on_error=self._failed, **self.arguments())
        else:
            self.updates += 1
            self.runner.submit(
                self.update, read=True, on_done=self._done, on_error=self._failed, previous=self._last, changes=changes, **self.arguments()
            )

    def _done(self, result: Any) -> None:
        self._reading = False
        if self._stopped:
            return
        self._last = result
        self._set_online(read=True)
        self.updated.emit(result)
        self._follow_up()

    def _failed(self, err: BaseException) -> None:
        self._reading = False
        self._full = True  # the changes that read took are lost with it
        if self._stopped:
            return
        if isinstance(err, DatabaseUnavailable):
            self._set_online(read=False)
        else:
            log.warning("could not re-read %s: %s", getattr(self.read, "__name__", self.read), err)
        self.failed.emit(err)
        if self._again:
            self._follow_up()
        elif self.retry_ms is not None:
            QTimer.singleShot(self.retry_ms, self.refresh)

    def _follow_up(self) -> None:
        if self._again and not self._held:
            self._again = False
            self._read()

    @Slot(bool)
    def _feed_online(self, up: bool) -> None:
        self._set_online(feed=up)
        if up:
            self.refresh()  # changes made while the feed was down are read now

    def _set_online(self, *, read: bool | None = None, feed: bool | None = None) -> None:
        before = self.is_online
        if read is not None:
            self._read_up = read
        if feed is not None:
            self._feed_up = feed
        if self.is_online != before:
            self.online.emit(self.is_online)
