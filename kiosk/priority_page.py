"""The priority-lane step: general queue, or one of the classes the office switched on."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from khiw.engine import Priority
from khiw.ticket import words
from kiosk import style, texts
from kiosk.style import Button, Label


class PriorityPage(QWidget):
    """Signals:
    chosen(object): the citizen picked a lane (a :class:`Priority`).
    back(): they want another service.
    """

    chosen = Signal(object)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = "th"
        self.classes: tuple[Priority, ...] = ()
        self.buttons: dict[Priority, Button] = {}
        self.service = Label(48, weight=QFont.Weight.Bold, color=style.ACCENT)
        self.title = Label(40, color=style.MUTED)
        self.general = Button(56, "primary")
        self.general.setMinimumHeight(150)
        self.general.clicked.connect(lambda: self.chosen.emit(Priority.NONE))
        self.lane = Label(40, weight=QFont.Weight.Bold)
        self.grid = QGridLayout()
        self.grid.setSpacing(20)
        self.back_button = Button(34)
        self.back_button.clicked.connect(self.back)

        root = QVBoxLayout(self)
        root.setContentsMargins(40, 36, 40, 36)
        root.setSpacing(22)
        root.addWidget(self.service)
        root.addWidget(self.title)
        root.addWidget(self.general, 2)
        root.addWidget(self.lane)
        root.addLayout(self.grid, 3)
        root.addWidget(self.back_button)

    def prepare(self, service_name: str, classes: tuple[Priority, ...], lang: str) -> None:
        """Show the step for ``service_name`` with the office's ``classes``."""
        self._service_name = service_name
        if classes != self.classes:
            self.classes = classes
            for button in self.buttons.values():
                self.grid.removeWidget(button)
                button.hide()  # now: deleteLater waits for the event loop
                button.deleteLater()
            self.buttons = {}
            for i, priority in enumerate(classes):
                button = Button(44)
                button.setMinimumHeight(120)
                button.clicked.connect(lambda _=False, p=priority: self.chosen.emit(p))
                self.grid.addWidget(button, i // 2, i % 2)
                self.buttons[priority] = button
            if self.window() is not None:
                style.rescale_all(self, style.scale_for(self.window().size()))
        self.retranslate(lang)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.service.set_text(getattr(self, "_service_name", ""))
        self.title.set_text(texts.text("choose_lane", lang))
        self.general.setText(words.PRIORITY_EN[Priority.NONE] if lang == "en" else words.PRIORITY_TH[Priority.NONE])
        self.lane.set_text(texts.text("priority_lane", lang))
        for priority, button in self.buttons.items():
            button.setText(words.PRIORITY_EN[priority] if lang == "en" else words.PRIORITY_TH[priority])
        self.back_button.setText(texts.text("back", lang))
