"""The result: the ticket number very large, its QR code, and what the printer did."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from khiw.engine.tickets import TicketSlip
from khiw.printing import PrintProblem
from khiw.ticket import words
from kiosk import style, texts
from kiosk.style import Button, Label
from kiosk.widgets import QrWidget


class ResultPage(QWidget):
    """Signals:
    done(): the citizen tapped OK (the window also returns by itself after a while).
    """

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = "th"
        self.slip: TicketSlip | None = None
        self._status: tuple[str, PrintProblem | None] = ("printing", None)
        self.heading = Label(40, color=style.MUTED)
        self.code = Label(300, weight=QFont.Weight.ExtraBold, color=style.TEXT, wrap=False)
        self.service = Label(44, weight=QFont.Weight.Bold)
        self.lane = Label(36, weight=QFont.Weight.Bold)
        self.lane.set_color("#FFFFFF", style.TEXT)
        self.position = Label(40)
        self.qr = QrWidget()
        self.qr_caption = Label(30, color=style.MUTED)
        self.status = Label(40, weight=QFont.Weight.Bold)
        self.ok = Button(44, "primary")
        self.ok.setMinimumWidth(280)
        self.ok.clicked.connect(self.done)

        facts = QVBoxLayout()
        facts.setSpacing(10)
        facts.addStretch(1)
        for widget in (self.heading, self.code, self.service, self.lane, self.position):
            facts.addWidget(widget)
        facts.addStretch(1)
        code_side = QVBoxLayout()
        code_side.addStretch(1)
        code_side.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        code_side.addWidget(self.qr_caption)
        code_side.addStretch(1)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(36)
        self.columns.addLayout(facts, 3)
        self.columns.addLayout(code_side, 2)

        root = QVBoxLayout(self)
        root.setContentsMargins(40, 30, 40, 30)
        root.setSpacing(18)
        root.addLayout(self.columns, 1)
        root.addWidget(self.status)
        root.addWidget(self.ok, 0, Qt.AlignmentFlag.AlignHCenter)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        portrait = event.size().height() > event.size().width()
        share = (0.6, 0.32) if portrait else (0.36, 0.55)
        side = round(min(event.size().width() * share[0], event.size().height() * share[1]))
        self.qr.setFixedSize(side, side)

    def set_portrait(self, portrait: bool) -> None:
        self.columns.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)

    def show_slip(self, slip: TicketSlip, lang: str) -> None:
        """A new ticket; its print status starts as "printing"."""
        self.slip = slip
        self._status = ("printing", None)
        self.qr.set_url(slip.qr_url)
        self.retranslate(lang)

    def show_status(self, key: str, problem: PrintProblem | None = None) -> None:
        """``printing``, ``printed``, ``screen_only`` or ``failed`` (with its ``problem``)."""
        self._status = (key, problem)
        self._paint_status()

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        slip = self.slip
        if slip is None:
            return
        t = slip.ticket
        self.heading.set_text(texts.text("your_number", lang))
        self.code.setText(t.code)
        self.service.set_text(t.service_name_en if lang == "en" and t.service_name_en else t.service_name_th)
        self.lane.setVisible(t.priority.is_priority)
        if t.priority.is_priority:
            name = words.PRIORITY_EN[t.priority] if lang == "en" else words.PRIORITY_TH[t.priority]
            self.lane.set_text(f"{texts.text('priority_lane', lang)}: {name}")
        ahead = words.ahead_en(slip.ahead) if lang == "en" else words.ahead_th(slip.ahead)
        if slip.ahead:
            wait = words.wait_en(slip.estimated_wait_minutes) if lang == "en" else words.wait_th(slip.estimated_wait_minutes)
            ahead = f"{ahead} · {wait}"
        self.position.set_text(ahead)
        self.qr_caption.set_text(slip.footer_en if lang == "en" and slip.footer_en else slip.footer_th)
        self.ok.setText(texts.text("done", lang))
        self._paint_status()

    def _paint_status(self) -> None:
        key, problem = self._status
        if key == "failed" and problem is not None:
            self.status.set_text(f"{texts.print_problem(problem, self.lang)}\n{texts.text('kept', self.lang)}")
            self.status.set_color(style.BAD_TEXT, style.BAD_BG)
        else:
            self.status.set_text(texts.text(key, self.lang))
            self.status.set_color(style.GOOD if key == "printed" else style.TEXT)

    @property
    def status_text(self) -> str:
        """What the status line says, as read by a person (tests use it)."""
        return self.status.plain()
