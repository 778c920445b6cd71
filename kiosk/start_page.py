"""The start screen: the office, the call to action and one big button per service."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from khiw.engine.results import QueueEstimate
from kiosk import style, texts
from kiosk.style import Button, Label
from kiosk.widgets import ServiceButton

ADMIN_TAPS = 5
ADMIN_WINDOW_SECONDS = 3.0


class OfficeTitle(Label):
    """The office name; five taps within three seconds open the admin exit (a hidden gesture
    staff know and citizens will not stumble on).

    Signals:
        admin_gesture(): the taps were made.
    """

    admin_gesture = Signal()

    def __init__(self) -> None:
        super().__init__(40, weight=QFont.Weight.Bold, color=style.HEADER_TEXT, align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._taps: list[float] = []

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt)
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t < ADMIN_WINDOW_SECONDS] + [now]
        if len(self._taps) >= ADMIN_TAPS:
            self._taps.clear()
            self.admin_gesture.emit()


class StartPage(QWidget):
    """Signals:
    service_tapped(str): a service button was tapped (its code).
    language_toggled(): the language button was tapped.
    """

    service_tapped = Signal(str)
    language_toggled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = "th"
        self.portrait = False
        self.buttons: dict[str, ServiceButton] = {}
        self._queues: tuple[QueueEstimate, ...] = ()
        self.standard_time = True

        header = QFrame()
        header.setStyleSheet(f"background: {style.HEADER};")
        self.office = OfficeTitle()
        self.clock = Label(30, color=style.HEADER_TEXT, wrap=False, align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.language = Button(30, "header")
        self.language.clicked.connect(self.language_toggled)
        bar = QHBoxLayout(header)
        bar.setContentsMargins(28, 12, 20, 12)
        bar.setSpacing(24)
        bar.addWidget(self.office, 1)
        bar.addWidget(self.clock)
        bar.addWidget(self.language)

        self.printer_banner = Label(30, weight=QFont.Weight.Bold)
        self.printer_banner.set_color(style.BAD_TEXT, style.BAD_BG)
        self.printer_banner.hide()
        self.notice = Label(34, weight=QFont.Weight.Bold)
        self.notice.set_color(style.BAD_TEXT, style.BAD_BG)
        self.notice.hide()
        self._notice_timer = QTimer(self, singleShot=True, interval=6000)
        self._notice_timer.timeout.connect(self.notice.hide)

        self.title = Label(72, weight=QFont.Weight.ExtraBold, color=style.ACCENT)
        self.subtitle = Label(36, color=style.MUTED)
        self.grid = QGridLayout()
        self.grid.setSpacing(22)

        body = QVBoxLayout()
        body.setContentsMargins(32, 18, 32, 28)
        body.setSpacing(14)
        body.addWidget(self.title)
        body.addWidget(self.subtitle)
        body.addSpacing(8)
        body.addLayout(self.grid, 1)

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(header)
        root.addWidget(self.printer_banner)
        root.addWidget(self.notice)
        root.addLayout(body, 1)
        self.retranslate("th")

    def set_office(self, name_th: str, name_en: str) -> None:
        self._office = (name_th, name_en or name_th)
        self.office.set_text(self._office[1] if self.lang == "en" else self._office[0])

    def set_clock(self, text: str) -> None:
        self.clock.setText(text)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.title.set_text(texts.text("take_ticket", lang))
        self.subtitle.set_text(texts.text("choose_service", lang))
        self.language.setText(texts.text("language", lang))
        if hasattr(self, "_office"):
            self.set_office(*self._office)
        self.show_queues(self._queues, force=True)

    def show_queues(self, queues: tuple[QueueEstimate, ...], *, force: bool = False, standard_time: bool | None = None) -> None:
        """One button per active service, in display order; inactive ones are left out.
        ``standard_time``: whether the office publishes its standard times here (None: as before)."""
        if standard_time is not None:
            self.standard_time = standard_time
        shown = tuple(q for q in queues if q.closed_reason != "inactive")
        if force or [q.service_code for q in shown] != list(self.buttons):
            self._rebuild(shown)
        for q in shown:
            self.buttons[q.service_code].show_queue(q, self.lang, standard_time=self.standard_time)
        self._queues = queues

    def set_portrait(self, portrait: bool) -> None:
        if portrait != self.portrait:
            self.portrait = portrait
            self._rebuild(tuple(self.buttons[c].queue for c in self.buttons))

    def _rebuild(self, queues: tuple[QueueEstimate, ...]) -> None:
        for button in self.buttons.values():
            self.grid.removeWidget(button)
            button.hide()  # now: deleteLater waits for the event loop
            button.deleteLater()
        self.buttons = {}
        columns = _columns(len(queues), self.portrait)
        for i, q in enumerate(queues):
            button = ServiceButton(q)
            button.clicked.connect(lambda _=False, code=q.service_code: self.service_tapped.emit(code))
            button.show_queue(q, self.lang, standard_time=self.standard_time)
            self.grid.addWidget(button, i // columns, i % columns)
            self.buttons[q.service_code] = button
        # A grid never forgets rows or columns it once had: stretch only the ones in use.
        rows = -(-len(queues) // columns)
        for r in range(self.grid.rowCount()):
            self.grid.setRowStretch(r, 1 if r < rows else 0)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        if self.window() is not None:
            factor = style.scale_for(self.window().size())
            for button in self.buttons.values():
                style.rescale_all(button, factor)
                button.rescale_badge(factor)

    def show_printer_problem(self, message: str | None) -> None:
        """A red line under the header while the printer is failing (``None`` hides it)."""
        self.printer_banner.setVisible(message is not None)
        if message is not None:
            self.printer_banner.set_text(message)

    def show_notice(self, message: str) -> None:
        """A refusal (service just closed, database down) for a few seconds."""
        self.notice.set_text(message)
        self.notice.show()
        self._notice_timer.start()


def _columns(count: int, portrait: bool) -> int:
    if portrait:
        return 1 if count <= 4 else 2
    return 1 if count <= 2 else 2 if count <= 4 else 3
