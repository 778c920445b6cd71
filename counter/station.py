"""The staff member's working page: the ticket, the action buttons and keys, queues, history."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter.actions import ACTIONS, CALL_NEXT, PAUSE, RESUME_LABEL, available, for_key
from counter.desk import DeskState
from counter.side_panels import HistoryPanel, QueuesPanel
from counter.ticket_panel import TicketPanel
from khiw.engine import CounterState


class ActionPad(QWidget):
    """The eight big buttons, each showing its key.

    Signals:
        triggered(str): the name of the action a button asked for.
    """

    triggered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.buttons: dict[str, QPushButton] = {}
        for i, spec in enumerate(ACTIONS):
            button = QPushButton()
            button.setObjectName("actionButton")
            button.setProperty("main", spec.name == CALL_NEXT)
            # Never focusable: Enter and Space must reach the shortcuts, not "click the focused button".
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(60)  # two rows and the ticket fit a 600-line screen
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.clicked.connect(lambda _=False, name=spec.name: self.triggered.emit(name))
            grid.addWidget(button, i // 4, i % 4)
            self.buttons[spec.name] = button
        self.set_state(frozenset(), paused=False)

    def set_state(self, enabled: frozenset[str], *, paused: bool) -> None:
        """Grey out what cannot be done now; the pause button reads "resume" while paused."""
        for spec in ACTIONS:
            text = RESUME_LABEL if spec.name == PAUSE and paused else spec.label
            button = self.buttons[spec.name]
            button.setText(f"{QCoreApplication.translate('Actions', text)}\n[ {spec.key_text} ]")
            button.setEnabled(spec.name in enabled)


class StationPage(QWidget):
    """Everything a counter needs on one 1366×768 screen.

    Signals:
        action(str): an action asked for by button or key (only ever an enabled one).
        reactivate(int): put this no-show ticket id back in the queue.
    """

    action = Signal(str)
    reactivate = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticket = TicketPanel()
        self.pad = ActionPad()
        self.queues = QueuesPanel()
        self.history = HistoryPanel()
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self.ticket, 5)
        left.addWidget(self.pad, 4)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self.queues, 1)
        right.addWidget(self.history, 1)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 12, 14, 12)
        row.setSpacing(14)
        row.addLayout(left, 11)
        row.addLayout(right, 8)
        self.enabled: frozenset[str] = frozenset()
        self.pad.triggered.connect(self._ask)
        self.history.reactivate.connect(self.reactivate)
        for key in dict.fromkeys(k for spec in ACTIONS for k in spec.keys):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setAutoRepeat(False)  # a key held down must not call three tickets
            shortcut.activated.connect(lambda key=key: self._ask(for_key(key, self.enabled)))

    def show_state(self, state: DeskState, lang: str, now: datetime) -> None:
        """Draw ``state``."""
        self.enabled = available(state.counter_state, state.ticket_status)
        self.pad.set_state(self.enabled, paused=state.counter_state == CounterState.PAUSED)
        snap = state.snapshot
        queues = snap.queues_of(state.counter) if snap else ()
        self.ticket.show_ticket(
            state.current, state.counter_state, lang, now, next_ticket=snap.next_ticket if snap else None, queues=queues
        )
        self.queues.show_queues(queues, lang)
        self.history.show_handled(snap.handled if snap else (), lang)

    def _ask(self, name: str | None) -> None:
        if name is not None and name in self.enabled:
            self.action.emit(name)
