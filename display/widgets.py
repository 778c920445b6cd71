"""The parts of the board: header with clock, the latest call, counters, queues, notice line."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from display import style, texts
from display.style import FitText, ScaledLabel
from khiw.engine.alerts import PrinterAlert
from khiw.engine.board import BoardCall
from khiw.engine.results import QueueEstimate
from khiw.linebreak import wrap
from khiw.qt.fonts import sarabun_font
from khiw.qt.restyle import restyle
from khiw.thaidate import thai_date

BOLD = QFont.Weight.Bold
CENTER = Qt.AlignmentFlag.AlignCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def panel(name: str) -> QFrame:
    """A rounded dark panel; ``name`` is its object name, for the style sheet and tests."""
    frame = QFrame()
    frame.setObjectName(name)
    frame.setStyleSheet(f"QFrame#{name} {{ background: {style.PANEL}; border: 2px solid {style.PANEL_EDGE}; border-radius: 18px; }}")
    return frame


class Header(QWidget):
    """Office name, the Thai date (Buddhist era), a clock, and the discreet reconnecting mark."""

    def __init__(self, *, portrait: bool) -> None:
        super().__init__()
        self.zone = ZoneInfo("Asia/Bangkok")
        self.office = ScaledLabel(px=50 if not portrait else 46, weight=BOLD)
        self.date = ScaledLabel(px=34, color=style.MUTED, align=RIGHT)
        self.clock = ScaledLabel(px=64, weight=BOLD, align=RIGHT)
        self.reconnecting = ScaledLabel(texts.RECONNECTING, px=24, color=style.WARNING, align=RIGHT)
        self.reconnecting.setObjectName("reconnecting")
        self.reconnecting.hide()
        when = QVBoxLayout()
        when.setSpacing(0)
        when.addWidget(self.date)
        when.addWidget(self.reconnecting)
        if portrait:
            layout = QVBoxLayout(self)
            layout.addWidget(self.office)
            row = QHBoxLayout()
            row.addLayout(when, 1)
            row.addWidget(self.clock)
            layout.addLayout(row)
        else:
            layout = QHBoxLayout(self)
            layout.addWidget(self.office, 1)
            layout.addLayout(when)
            layout.addSpacing(24)
            layout.addWidget(self.clock)
        layout.setContentsMargins(8, 0, 8, 0)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._timer.start(1000)
        self.tick()

    def set_office(self, name: str, timezone: str) -> None:
        self.office.setText(name)
        if timezone != self.zone.key:
            self.zone = ZoneInfo(timezone)
            self.tick()

    def tick(self) -> None:
        now = datetime.now(self.zone)
        self.date.setText(thai_date(now.date(), weekday=True))
        self.clock.setText(now.strftime("%H:%M"))


class LatestCall(QFrame):
    """The most recent call, as large as the screen allows; it flashes when a call arrives."""

    FLASHES = 6
    FLASH_MS = 350

    def __init__(self, *, english: bool = True) -> None:
        super().__init__()
        self.setObjectName("latest")
        self.english = english
        self.title = ScaledLabel(texts.pair(texts.NOW_CALLING, english), px=44, color=style.MUTED, align=CENTER)
        self.code = FitText(px=300, weight=QFont.Weight.ExtraBold, color=style.CALL)
        self.code.setObjectName("latest-code")
        self.to = FitText(px=96, weight=BOLD)
        self.to.setObjectName("latest-counter")
        self.service = ScaledLabel(px=38, color=style.MUTED, align=CENTER)
        self.recall = ScaledLabel(texts.pair(texts.RECALL, english, " · "), px=34, weight=BOLD, color=style.WARNING, align=CENTER)
        self.recall.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.title)
        layout.addWidget(self.code, 5)
        layout.addWidget(self.to, 2)
        layout.addWidget(self.recall)
        layout.addWidget(self.service)
        self.event_id: int | None = None
        self._flashes_left = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._flash_step)
        self._paint(flash=False)
        self.show_call(None)

    def show_call(self, call: BoardCall | None) -> None:
        self.event_id = call.event_id if call else None
        self.title.setVisible(call is not None)  # the calm waiting state invites no one
        if not self.flashing:
            self._paint(flash=False)  # yellow only for a call, muted while waiting
        if call is None:
            self.code.setText("—")
            self.to.setText(texts.NO_CALL_YET[0])
            self.service.setText(texts.NO_CALL_YET[1] if self.english else "")
            self.recall.hide()
            return
        self.code.setText(call.ticket_code)
        self.to.setText(f"➜  {texts.TO_COUNTER[0]}  {call.counter_number}")
        origin = f"  ·  {texts.TRANSFERRED_FROM[0]} {call.transferred_from}" if call.transferred_from else ""
        self.service.setText(call.service_name_th + origin)
        self.recall.setVisible(call.recall)

    def flash(self) -> None:
        """Blink the panel a few times (restarts if already blinking)."""
        self._flashes_left = self.FLASHES
        self._flash_step()
        self._timer.start(self.FLASH_MS)

    @property
    def flashing(self) -> bool:
        return self._flashes_left > 0

    def _flash_step(self) -> None:
        on = self._flashes_left % 2 == 0 and self._flashes_left > 0
        self._paint(flash=on)
        if self._flashes_left == 0:
            self._timer.stop()
        else:
            self._flashes_left -= 1

    def _paint(self, *, flash: bool) -> None:
        bg, edge = (style.FLASH_BG, style.FLASH_BG) if flash else (style.PANEL, style.PANEL_EDGE)
        restyle(self, f"QFrame#latest {{ background: {bg}; border: 3px solid {edge}; border-radius: 24px; }}")
        self.code.set_color(style.FLASH_TEXT if flash else style.CALL if self.event_id is not None else style.MUTED)
        for label in (self.to, self.title, self.service):
            label.set_color(style.FLASH_TEXT if flash else (style.TEXT if label is self.to else style.MUTED))


class CounterRow(QFrame):
    """One counter and the ticket it called last; the newest call of all is highlighted."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("row")
        self.counter = FitText(px=76, align="left")
        self.code = FitText(px=76, color=style.CALL, align="right")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 2, 16, 2)
        layout.addWidget(self.counter, 1)
        layout.addWidget(self.code, 3)
        self.set_highlight(False)

    def set_highlight(self, on: bool, *, live: bool = True) -> None:
        """``on``: the call being said. Not ``live``: that ticket is done, so its code is
        muted rather than yellow and nobody takes it for a call."""
        restyle(self, f"QFrame#row {{ background: {style.FLASH_BG if on else 'transparent'}; border-radius: 12px; }}")
        self.counter.set_color(style.FLASH_TEXT if on else style.TEXT)
        self.code.set_color(style.FLASH_TEXT if on else style.CALL if live else style.MUTED)


class CounterList(QFrame):
    """The latest call of each signed-in counter, by counter number."""

    def __init__(self, *, rows: int, english: bool = True) -> None:
        super().__init__()
        self.setObjectName("counters")
        self.setStyleSheet(f"QFrame#counters {{ background: {style.PANEL}; border: 2px solid {style.PANEL_EDGE}; border-radius: 18px; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(4)
        heading = QHBoxLayout()
        heading.setContentsMargins(16, 0, 16, 0)
        heading.addWidget(ScaledLabel(texts.pair(texts.COUNTERS, english, " / "), px=32, color=style.MUTED))
        heading.addWidget(ScaledLabel(texts.pair(texts.NUMBER, english, " / "), px=32, color=style.MUTED, align=RIGHT))
        layout.addLayout(heading)
        self.rows = [CounterRow() for _ in range(rows)]
        for row in self.rows:
            layout.addWidget(row, 1)

    def show_calls(self, calls: tuple[BoardCall, ...], highlight: int | None) -> None:
        """Every counter's latest call; the one whose event id is ``highlight`` (being said) stands out."""
        for i, row in enumerate(self.rows):
            call = calls[i] if i < len(calls) else None
            row.counter.setText(str(call.counter_number) if call else "")
            row.code.setText(call.ticket_code if call else "")
            row.set_highlight(call is not None and call.event_id == highlight, live=call is None or call.live)

    def shown(self) -> list[tuple[str, str]]:
        """(counter, code) pairs as displayed, for tests and screenshots."""
        return [(r.counter.text(), r.code.text()) for r in self.rows if r.counter.text()]


class UpNext(QFrame):
    """The calls waiting to be announced, oldest first, while another is being said."""

    def __init__(self, *, english: bool = True, limit: int = 6) -> None:
        super().__init__()
        self.setObjectName("upnext")
        self.limit = limit  # as many as fit on one line; "+N" says how many more
        self.setStyleSheet(f"QFrame#upnext {{ background: {style.PANEL}; border: 2px solid {style.PANEL_EDGE}; border-radius: 12px; }}")
        self.title = ScaledLabel(texts.pair(texts.UP_NEXT, english, " · "), px=34, weight=BOLD, color=style.MUTED)
        self.calls = ScaledLabel(px=40, weight=BOLD, color=style.CALL)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 4, 20, 4)
        layout.setSpacing(24)
        layout.addWidget(self.title)
        layout.addWidget(self.calls, 1)
        self.hide()

    def show_calls(self, calls: tuple[BoardCall, ...]) -> None:
        self.setVisible(bool(calls))
        shown = [f"{c.ticket_code} ➜ {c.counter_number}" for c in calls[: self.limit]]
        more = f"   +{len(calls) - self.limit}" if len(calls) > self.limit else ""
        self.calls.setText("     ".join(shown) + more)

    def shown(self) -> list[str]:
        """The ticket codes listed, for tests."""
        return [part.split(" ➜ ")[0] for part in self.calls.text().split("     ") if part] if not self.isHidden() else []


class QueueCard(QFrame):
    """One service: its colour, its Thai name, how many wait and its published standard time."""

    def __init__(self, *, english: bool = False) -> None:
        super().__init__()
        self.english = english
        self.setObjectName("queue")
        self.full_name = ""
        self._shown: tuple[QueueEstimate, bool] | None = None
        self._wrapped_for: tuple[str, int, str] | None = None
        self.name = ScaledLabel(px=40)
        self.name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count = ScaledLabel(px=44, weight=BOLD)
        self.standard = ScaledLabel(px=28, color=style.MUTED)
        self.standard.setWordWrap(True)  # with English it is two phrases: wrap, never widen the tile
        self.stripe = QFrame()
        self.stripe.setFixedWidth(14)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(0)
        column.addWidget(self.name)
        column.addWidget(self.count)
        column.addWidget(self.standard)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        layout.setSpacing(14)
        layout.addWidget(self.stripe)
        layout.addLayout(column, 1)
        self.setStyleSheet(f"QFrame#queue {{ background: {style.PANEL}; border: 2px solid {style.PANEL_EDGE}; border-radius: 12px; }}")

    def show_queue(self, queue: QueueEstimate, *, standard_time: bool = True) -> None:
        """Redraw; ``standard_time``: the office publishes its standard times on the board.
        The same estimate again (most changes of the office are another service's) sets nothing."""
        if (queue, standard_time) == self._shown:
            return
        self._shown = (queue, standard_time)
        restyle(self.stripe, f"background: {queue.color}; border-radius: 6px;")
        self.full_name = f"{queue.prefix}  {queue.name_th}"
        self._show_name()
        self.count.setText(texts.waiting_count(queue.waiting) if queue.closed_reason is None or queue.waiting else texts.CLOSED)
        self.count.set_color(style.TEXT if queue.closed_reason is None else style.MUTED)
        self.standard.setText(texts.standard_time(queue.standard_minutes, self.english))
        self.standard.setVisible(standard_time and queue.closed_reason is None)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._show_name()

    def _show_name(self) -> None:
        """The name on as many lines as it needs, broken between Thai words, never cut off;
        wrapped again only when the name, the room or the font changed (wrapping measures
        every word, and the estimate changes far more often than the name)."""
        width = max(40, self.width() - 14 - 8 - 14 - 12 - 8)  # stripe, margins and spacing
        font = self.name.font()
        key = (self.full_name, width, font.key())
        if key == self._wrapped_for:
            return
        self._wrapped_for = key
        metrics = QFontMetricsF(font)
        self.name.setText("\n".join(wrap(self.full_name, width, metrics.horizontalAdvance)))


class QueueGrid(QWidget):
    """Every active service's waiting count, in display order."""

    def __init__(self, *, columns: int, english: bool = False) -> None:
        super().__init__()
        self.columns = columns
        self.english = english
        self.factor = 1.0  # the window's scale; cards made later (a new service) follow it
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(14)
        self.cards: list[QueueCard] = []

    def show_queues(self, queues: tuple[QueueEstimate, ...], *, standard_time: bool = True) -> None:
        while len(self.cards) < len(queues):
            card = QueueCard(english=self.english)
            style.rescale_all(card, self.factor)
            i = len(self.cards)
            self.grid.addWidget(card, i // self.columns, i % self.columns)
            self.cards.append(card)
        for card, queue in zip(self.cards, queues, strict=False):
            card.show_queue(queue, standard_time=standard_time)
            card.show()
        for card in self.cards[len(queues) :]:
            card.hide()

    def shown(self) -> dict[str, str]:
        """Service prefix → the count text shown, for tests."""
        return {c.full_name.split()[0]: c.count.text() for c in self.cards if not c.isHidden()}


class Ticker(QWidget):
    """The notice line, scrolling right to left; hidden when there is no notice."""

    STEP_MS = 30
    SPEED = 110  # reference pixels per second: slow enough to read

    def __init__(self) -> None:
        super().__init__()
        self.base_px = 36
        self.factor = 1.0
        self.text = ""
        self.offset = 0.0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._step)
        self.setFixedHeight(64)

    def set_text(self, text: str) -> None:
        self.text = text
        self.setVisible(bool(text))
        self.offset = 0.0
        if text:
            self._timer.start(self.STEP_MS)
        else:
            self._timer.stop()

    def rescale(self, factor: float) -> None:
        self.factor = factor
        self.setFixedHeight(round(64 * factor))

    def _font(self) -> QFont:
        return sarabun_font(max(8, round(self.base_px * self.factor)))

    def _step(self) -> None:
        width = QFontMetricsF(self._font()).horizontalAdvance(self.text + self._gap())
        self.offset = (self.offset + self.SPEED * self.factor * self.STEP_MS / 1000) % max(width, 1.0)
        self.update()

    def _gap(self) -> str:
        return " " * 12

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(style.PANEL))
        painter.setFont(self._font())
        painter.setPen(QColor(style.TEXT))
        unit = self.text + self._gap()
        width = QFontMetricsF(self._font()).horizontalAdvance(unit)
        x = -self.offset
        while x < self.width() and width > 0:
            painter.drawText(QRectF(x, 0, width, self.height()), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), unit)
            x += width
        painter.end()


class AlertBanner(ScaledLabel):
    """A kiosk printer fault, for staff (``[display] show_printer_alerts``)."""

    def __init__(self) -> None:
        super().__init__(px=34, weight=BOLD, align=CENTER)
        self.setObjectName("alert")
        self.setStyleSheet(f"color: {style.TEXT}; background: {style.ALERT_BG}; border-radius: 10px; padding: 6px;")
        self.hide()

    def show_alert(self, alert: PrinterAlert | None) -> None:
        self.setVisible(alert is not None)
        if alert is not None:
            self.setText(texts.printer_alert(alert))
