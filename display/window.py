"""The board window: lays the parts out for landscape or portrait and applies each snapshot."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from display import style
from display.controller import BoardController
from display.voice import BoardVoice
from display.widgets import (
    AlertBanner,
    CounterList,
    Header,
    LatestCall,
    QueueGrid,
    Ticker,
)
from khiw.config import DisplayConfig
from khiw.db import Database
from khiw.engine.board import BoardCall, BoardState


class BoardWindow(QWidget):
    """The whole board. Owns its controller (reads) and voice (announcements).

    Each snapshot redraws everything (a handful of labels); each new call or recall is
    announced, and the latest-call panel flashes once per batch of calls.
    """

    def __init__(
        self,
        db: Database,
        settings: DisplayConfig,
        *,
        voice: BoardVoice | None = None,
        office: str | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.portrait = settings.orientation == "portrait"
        self._stopped = False
        self.setWindowTitle("Khiw — กระดานเรียกคิว")
        self.setObjectName("board")
        self.setStyleSheet(f"QWidget#board {{ background: {style.BACKGROUND}; }}")
        self.setAutoFillBackground(True)

        self.header = Header(portrait=self.portrait)
        self.alert = AlertBanner()
        self.latest = LatestCall()
        self.counters = CounterList(rows=6)
        self.queues = QueueGrid(columns=2 if self.portrait else 3)
        self.ticker = Ticker()
        self.ticker.set_text("     ".join(t for t in (settings.notice_th, settings.notice_en) if t))
        self._layout()

        self.voice = voice if voice is not None else BoardVoice(settings, parent=self)
        self.controller = BoardController(db, office=office, alerts=settings.show_printer_alerts, parent=self)
        self.controller.state_changed.connect(self.apply)
        self.controller.called.connect(self._on_called)
        self.controller.online.connect(self.set_online)

    def _layout(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(28, 20, 28, 20)
        root.setSpacing(18)
        root.addWidget(self.header)
        root.addWidget(self.alert)
        if self.portrait:
            root.addWidget(self.latest, 5)
            root.addWidget(self.counters, 4)
            root.addWidget(self.queues, 3)
        else:
            middle = QHBoxLayout()
            middle.setSpacing(18)
            middle.addWidget(self.latest, 3)
            middle.addWidget(self.counters, 2)
            root.addLayout(middle, 1)
            root.addWidget(self.queues)
        root.addWidget(self.ticker)

    def start(self) -> None:
        """Read the first snapshot and start following changes."""
        self.controller.start()

    def stop(self) -> None:
        """Stop following changes and speaking (idempotent; closing the window stops it too)."""
        if self._stopped:
            return
        self._stopped = True
        self.controller.stop()
        self.voice.close()

    def apply(self, state: BoardState) -> None:
        """Draw ``state`` (the controller's newest snapshot)."""
        self.header.set_office(state.office_name_th, state.timezone)
        self.latest.show_call(state.latest)
        self.counters.show_calls(state.per_counter, state.latest.event_id if state.latest else None)
        self.queues.show_queues(state.waiting)
        self.alert.show_alert(state.alert)

    def _on_called(self, call: BoardCall) -> None:
        # ``called`` follows ``state_changed`` for the same snapshot, so the panel already
        # shows the newest call; a burst restarts the blinking rather than stacking it.
        self.voice.announce(call)
        self.latest.flash()

    def set_online(self, up: bool) -> None:
        """Show or hide the discreet reconnecting mark (the last state stays on screen)."""
        self.header.reconnecting.setVisible(not up)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        ref_w, ref_h = style.REFERENCE["portrait" if self.portrait else "landscape"]
        factor = min(self.width() / ref_w, self.height() / ref_h)
        style.rescale_all(self, factor)
        self.ticker.rescale(factor)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt)
        self.stop()
        super().closeEvent(event)
