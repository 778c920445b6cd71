"""The board window: lays the parts out for landscape or portrait and applies each snapshot."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLayout, QVBoxLayout, QWidget

from display import style
from display.call_queue import CallQueue
from display.controller import BoardController
from display.voice import BoardVoice
from display.widgets import (
    AlertBanner,
    CounterList,
    Header,
    LatestCall,
    QueueGrid,
    Ticker,
    UpNext,
)
from khiw.config import DisplayConfig
from khiw.db import Database
from khiw.engine.board import BoardCall, BoardState
from khiw.speech.announcer import Announcement


GAP = 18  # between the board's parts, in reference pixels


class BoardWindow(QWidget):
    """The whole board. Owns its controller (reads) and voice (announcements).

    Each snapshot redraws everything (a handful of labels); each new call or recall is
    announced, and the big panel shows (and flashes for) the call being said, while the
    calls still to be said are listed under it (:mod:`display.call_queue`).
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

        english = settings.english
        self.header = Header(portrait=self.portrait)
        self.alert = AlertBanner()
        self.latest = LatestCall(english=english)
        self.upnext = UpNext(english=english, limit=4 if self.portrait else 6)
        self.counters = CounterList(rows=6, english=english)
        self.queues = QueueGrid(columns=2 if self.portrait else 3, english=english)
        self.ticker = Ticker()
        self.ticker.set_text("     ".join(t for t in (settings.notice_th, settings.notice_en if english else "") if t))
        self._layout()

        self.calls = CallQueue()
        self.voice = voice if voice is not None else BoardVoice(settings, parent=self)
        self.voice.started.connect(self._on_started)
        self.voice.spoken.connect(self._on_spoken)
        self.controller = BoardController(db, office=office, alerts=settings.show_printer_alerts, parent=self)
        self.controller.state_changed.connect(self.apply)
        self.controller.called.connect(self._on_called)
        self.controller.online.connect(self.set_online)

    def _layout(self) -> None:
        self.root = root = QVBoxLayout(self)
        # The board takes the screen's size; its parts rescale to it (never the other way),
        # the gaps between them too (:meth:`resizeEvent`).
        root.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        root.addWidget(self.header)
        root.addWidget(self.alert)
        if self.portrait:
            root.addWidget(self.latest, 5)
            root.addWidget(self.upnext)
            root.addWidget(self.counters, 4)
            root.addWidget(self.queues, 3)
        else:
            self.middle = middle = QHBoxLayout()
            middle.addWidget(self.latest, 3)
            middle.addWidget(self.counters, 2)
            root.addLayout(middle, 1)
            root.addWidget(self.upnext)
            root.addWidget(self.queues)
        root.addWidget(self.ticker)
        self._space(1.0)

    def _space(self, factor: float) -> None:
        """Margins and gaps at ``factor`` × the reference screen's: fixed ones took room a
        small screen's text needed once the line of calls still to say showed."""
        gap = round(GAP * factor)
        self.root.setContentsMargins(round(28 * factor), round(20 * factor), round(28 * factor), round(20 * factor))
        self.root.setSpacing(gap)
        if not self.portrait:
            self.middle.setSpacing(gap)

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
        self.calls.update(state)
        self.header.set_office(state.office_name_th, state.timezone)
        self.queues.show_queues(state.waiting, standard_time=state.show_standard_time)
        self.alert.show_alert(state.alert)
        self._show_calls()

    def _show_calls(self) -> None:
        """The big panel (the call being said), the calls still to be said, every counter."""
        shown = self.calls.shown()
        self.latest.show_call(shown)
        self.upnext.show_calls(self.calls.upcoming())
        if self.calls.state is not None:
            self.counters.show_calls(self.calls.state.per_counter, shown.event_id if shown else None)

    def _on_called(self, call: BoardCall) -> None:
        self.calls.add(call)
        self.voice.announce(call)
        self._show_calls()

    def _on_started(self, said: Announcement) -> None:
        self.calls.start(said.event_id)
        self._show_calls()
        self.latest.flash()  # the panel changed to the call now being said

    def _on_spoken(self, said: Announcement) -> None:
        self.calls.done(said.event_id)
        self._show_calls()

    def set_online(self, up: bool) -> None:
        """Show or hide the discreet reconnecting mark (the last state stays on screen)."""
        self.header.reconnecting.setVisible(not up)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        ref_w, ref_h = style.REFERENCE["portrait" if self.portrait else "landscape"]
        factor = min(self.width() / ref_w, self.height() / ref_h)
        self.queues.factor = factor
        self._space(factor)
        style.rescale_all(self, factor)
        self.ticker.rescale(factor)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt)
        self.stop()
        super().closeEvent(event)
