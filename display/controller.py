"""Keeping the board's state current: change notifications in, snapshots and new calls out.

One read at a time: a change that arrives while a read is running asks for one more read
afterwards, so a burst of calls costs two reads, not one per call, and nothing is missed,
because each read asks the engine for every call after the last event id already applied.
The first snapshot only sets that id: calls made before the board started are shown, not
announced.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from khiw.db import Database
from khiw.engine.board import BoardState, board_state
from khiw.errors import DatabaseUnavailable
from khiw.qt.feed import ChangeWatcher
from khiw.qt.runner import OperationRunner

log = logging.getLogger(__name__)

SAFETY_REFRESH_MS = 15_000  # the clock-driven parts (estimates, the day turning) and any missed wake-up
RETRY_MS = 2_000


class BoardController(QObject):
    """Reads the board through the engine and reports what to draw and what to announce.

    Signals:
        state_changed(BoardState): a new snapshot to draw.
        called(BoardCall): a call or recall made since the previous snapshot, oldest first.
        online(bool): the database was lost (False) or answers again (True).
    """

    state_changed = Signal(object)
    called = Signal(object)
    online = Signal(bool)

    def __init__(self, db: Database, *, office: str | None = None, alerts: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.alerts = alerts
        self.runner = OperationRunner(db, self)
        self.watcher = ChangeWatcher(db, parent=self)
        self.watcher.changed.connect(self.refresh)
        self.watcher.online.connect(self._watcher_online)
        self.state: BoardState | None = None
        self._reading = False
        self._again = False
        self._stopped = False
        self._read_up = True
        self._feed_up = True
        self._timer = QTimer(self)
        self._timer.setInterval(SAFETY_REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def start(self) -> None:
        """Read the first snapshot and start listening for changes."""
        self.watcher.start()
        self._timer.start()
        self.refresh()

    def stop(self) -> None:
        """Stop listening and reading (the window is closing)."""
        self._stopped = True
        self._timer.stop()
        self.watcher.stop()
        self.runner.shutdown()

    @Slot()
    @Slot(int)
    def refresh(self, _newest: int | None = None) -> None:
        """Read a new snapshot now, or right after the read that is running."""
        if self._stopped:  # a change or a retry that was queued before the window closed
            return
        if self._reading:
            self._again = True
            return
        self._reading = True
        after = self.state.event_id if self.state is not None else None
        self.runner.submit(
            board_state, read=True, after=after, alerts=self.alerts, office=self.office, on_done=self._apply, on_error=self._failed
        )

    def _apply(self, state: BoardState) -> None:
        self._reading = False
        first = self.state is None
        self.state = state
        self._set_online(read=True)
        self.state_changed.emit(state)
        if not first:
            for call in state.new_calls:
                self.called.emit(call)
        self._follow_up()

    def _failed(self, err: BaseException) -> None:
        self._reading = False
        if isinstance(err, DatabaseUnavailable):
            self._set_online(read=False)
        else:
            log.error("the board could not be read: %s", err)
        if self._again:
            self._follow_up()
        else:
            QTimer.singleShot(RETRY_MS, self.refresh)

    def _follow_up(self) -> None:
        if self._again:
            self._again = False
            self.refresh()

    @Slot(bool)
    def _watcher_online(self, up: bool) -> None:
        self._set_online(feed=up)

    def _set_online(self, *, read: bool | None = None, feed: bool | None = None) -> None:
        """Online means both the reads and the change feed work: without the feed the board
        would silently stop updating, so that shows the mark too."""
        before = self._read_up and self._feed_up
        if read is not None:
            self._read_up = read
        if feed is not None:
            self._feed_up = feed
        now = self._read_up and self._feed_up
        if now != before:
            self.online.emit(now)
