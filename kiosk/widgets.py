"""The kiosk's own widgets: a service button and the on-screen QR code."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from khiw.engine.results import QueueEstimate
from khiw.qt.restyle import restyle
from khiw.ticket.qr import qr_matrix
from kiosk import style, texts
from kiosk.style import Label


class ServiceButton(QPushButton):
    """One service: its letter in its colour, the Thai (or English) name, who waits and for
    how long, and the published standard time (when the office shows it); greyed out with the
    reason when the service is closed."""

    def __init__(self, queue: QueueEstimate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = queue.service_code
        self.setObjectName("service")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.badge = Label(64, weight=QFont.Weight.ExtraBold, color="#FFFFFF", wrap=False)
        self.name = Label(42, weight=QFont.Weight.Bold, align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.info = Label(32, color=style.MUTED, align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.standard = Label(28, color=style.MUTED, align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for label in (self.badge, self.name, self.info, self.standard):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        words = QVBoxLayout()
        words.setSpacing(4)
        words.addWidget(self.name, 1)
        words.addWidget(self.info)
        words.addWidget(self.standard)
        row = QHBoxLayout(self)
        row.setContentsMargins(22, 16, 22, 16)
        row.setSpacing(22)
        row.addWidget(self.badge)
        row.addLayout(words, 1)
        self.queue = queue
        self.lang = "th"
        self._shown: tuple[QueueEstimate, str, bool] | None = None

    def show_queue(self, queue: QueueEstimate, lang: str, *, standard_time: bool = True) -> None:
        """Redraw for a new estimate or language; ``standard_time``: the office publishes it here.
        The same estimate again (most changes of the office are another service's) sets nothing,
        so nothing is laid out or fitted again."""
        if (queue, lang, standard_time) == self._shown:
            return
        self._shown = (queue, lang, standard_time)
        self.queue, self.lang = queue, lang
        closed = queue.closed_reason is not None
        self.setEnabled(not closed)
        colour = style.CLOSED_TEXT if closed else queue.color
        self.badge.setText(queue.prefix)
        # A fixed square, its letter centred: no padding (the labels' default) to overflow it.
        restyle(self.badge, f"color: #FFFFFF; background: {colour}; border-radius: 10px;")
        self.name.set_text(queue.name_en if lang == "en" and queue.name_en else queue.name_th)
        if closed:
            self.info.set_text(f"{texts.text('closed', lang)} · {texts.closed_reason(queue.closed_reason or '', lang)}")
        else:
            wait = texts.text("wait", lang, m=queue.estimated_wait_minutes) if queue.waiting else texts.text("no_wait", lang)
            self.info.set_text(f"{texts.text('waiting', lang, n=queue.waiting)} · {wait}")
        self.standard.set_text(texts.text("standard", lang, m=queue.standard_minutes))
        self.standard.setVisible(standard_time and not closed)
        background, edge = (style.CLOSED_CARD, style.CARD_EDGE) if closed else (style.CARD, queue.color)
        restyle(
            self,
            f"QPushButton#service {{ background: {background}; border: 4px solid {edge}; border-radius: 18px; }}"
            f"QPushButton#service:pressed {{ background: #DCE6F5; }}",
        )
        self.name.set_color(style.CLOSED_TEXT if closed else style.TEXT)
        self.info.set_color(style.CLOSED_TEXT if closed else style.MUTED)
        self.standard.set_color(style.CLOSED_TEXT if closed else style.MUTED)
        QTimer.singleShot(0, self, self.fit_text)  # after the window has rescaled the fonts

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self.fit_text)  # once the layout has given the labels their widths

    def fit_text(self) -> None:
        """Shrink this card's words until they fit its height: a long name on a small screen
        gets smaller letters, never cut-off lines (nor the Thai marks above them)."""
        labels = [label for label in (self.name, self.info, self.standard) if label.isVisibleTo(self)]
        width = self.name.width()
        room = self.contentsRect().height() - 32 - 4 * (len(labels) - 1)
        if width <= 0 or room <= 0:
            return
        for _ in range(12):
            if sum(label.heightForWidth(width) for label in labels) <= room:
                return
            for label in labels:
                font = label.font()
                font.setPixelSize(max(10, round(font.pixelSize() * 0.92)))
                label.setFont(font)

    def rescale_badge(self, factor: float) -> None:
        side = round(104 * factor)
        self.badge.setFixedSize(side, side)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt)
        # Small on purpose: the grid, not the longest word, decides how wide a column is,
        # so turning a screen to portrait is never held back by the landscape layout.
        return QSize(160, 100)


class QrWidget(QWidget):
    """The ticket's QR code, painted module by module from the same matrix as the paper."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = ""
        self.setMinimumSize(120, 120)

    def set_url(self, url: str) -> None:
        self.url = url
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        if not self.url:
            return
        matrix = qr_matrix(self.url)
        quiet = 3
        count = len(matrix) + 2 * quiet
        side = min(self.width(), self.height())
        module = side // count
        if module < 1:
            return
        origin_x = (self.width() - module * count) // 2
        origin_y = (self.height() - module * count) // 2
        painter = QPainter(self)
        painter.fillRect(QRectF(origin_x, origin_y, module * count, module * count), QColor("#FFFFFF"))
        black = QColor("#000000")
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                if dark:
                    painter.fillRect(origin_x + (c + quiet) * module, origin_y + (r + quiet) * module, module, module, black)
        painter.end()
