"""Keeping the board's state current: change notifications in, snapshots and new calls out.

:class:`khiw.qt.live.LiveRead` does the re-reading (one read at a time, a burst of calls costs
two reads, a safety timer, a retry after a failure, online = reads and feed both work);
nothing is missed because each read asks the engine for every call after the last event id
already applied. Between full reads, a change is brought in by
:func:`khiw.engine.board_update.board_update`, which re-reads only the calls and queues it
touches and gives the same snapshot (its new calls too: "after the last event id applied"
holds for it as for the full read). The first snapshot only sets that id: calls made before
the board started are shown, not announced.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from khiw.changes import PRINTS, Change
from khiw.db import Database
from khiw.engine.board import BoardState, board_state
from khiw.engine.board_update import board_update
from khiw.engine.touches import BOARD_UNSEEN
from khiw.qt.live import LiveRead
from khiw.qt.runner import OperationRunner

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
        self.state: BoardState | None = None
        self.runner = OperationRunner(db, self)
        self.live = LiveRead(
            db,
            board_state,
            runner=self.runner,
            arguments=self._arguments,
            safety_ms=SAFETY_REFRESH_MS,
            retry_ms=RETRY_MS,
            concerns=self._concerns,
            update=board_update,
            parent=self,
        )
        self.live.updated.connect(self._apply)
        self.live.online.connect(self.online)

    def start(self) -> None:
        """Read the first snapshot and start listening for changes."""
        self.live.start()

    def stop(self) -> None:
        """Stop listening and reading (the window is closing)."""
        self.live.stop()
        self.runner.shutdown()

    def _arguments(self) -> dict[str, object]:
        return {"after": self.state.event_id if self.state is not None else None, "alerts": self.alerts, "office": self.office}

    def _concerns(self, change: Change) -> bool:
        return change.kind not in BOARD_UNSEEN and (self.alerts or change.kind not in PRINTS)

    def _apply(self, state: BoardState) -> None:
        first = self.state is None
        self.state = state
        self.state_changed.emit(state)
        if not first:
            for call in state.new_calls:
                self.called.emit(call)
