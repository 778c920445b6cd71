"""The questions an action asks first: which pause reason, which service, which ticket and why.

Each dialog is opened window-modal with ``open()`` (never ``exec()``, which would block the
event loop and the live updates) and reports the answer through a signal.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ChoiceDialog(QDialog):
    """Big numbered buttons; a digit key picks one, Esc cancels.

    Signals:
        chosen(str): the key of the chosen item.
    """

    chosen = Signal(str)

    def __init__(self, title: str, items: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 24px; font-weight: 700;")
        layout.addWidget(heading)
        self.buttons: dict[str, QPushButton] = {}
        for number, (key, text) in enumerate(items, start=1):
            button = QPushButton(f"{number}   {text}" if number <= 9 else text)
            button.setObjectName("choiceButton")
            button.setMinimumHeight(56)
            button.clicked.connect(lambda _=False, key=key: self._choose(key))
            layout.addWidget(button)
            self.buttons[key] = button
            if number <= 9:
                QShortcut(QKeySequence(str(number)), self, activated=lambda key=key: self._choose(key))
        cancel = QPushButton(self.tr("ยกเลิก (Esc)"))
        cancel.setObjectName("choiceButton")
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)

    def _choose(self, key: str) -> None:
        self.chosen.emit(key)
        self.accept()


class CallTicketDialog(QDialog):
    """A ticket code and the reason for calling it out of order (the event log keeps it).

    Signals:
        chosen(str, str): the ticket code and the reason.
    """

    chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("เรียกคิวระบุหมายเลข"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = QLabel(self.tr("เรียกคิวระบุหมายเลข"))
        heading.setStyleSheet("font-size: 24px; font-weight: 700;")
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("หมายเลขคิว เช่น A012"))
        self.code.setMaxLength(16)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("เหตุผลที่เรียกข้ามลำดับ (จำเป็น)"))
        self.reason.setMaxLength(200)
        self.ok = QPushButton(self.tr("เรียกคิว"))
        self.ok.setObjectName("bigButton")
        self.ok.setDefault(True)  # Enter confirms, but only once both fields are filled in
        cancel = QPushButton(self.tr("ยกเลิก (Esc)"))
        cancel.setObjectName("choiceButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok)
        for widget in (heading, QLabel(self.tr("หมายเลขคิว")), self.code, QLabel(self.tr("เหตุผล")), self.reason):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.code.textChanged.connect(self._check)
        self.reason.textChanged.connect(self._check)
        self.code.returnPressed.connect(self.reason.setFocus)
        self.ok.clicked.connect(self._choose)
        cancel.clicked.connect(self.reject)
        self._check()

    def _check(self) -> None:
        self.ok.setEnabled(bool(self.code.text().strip() and self.reason.text().strip()))

    def _choose(self) -> None:
        if self.ok.isEnabled():
            self.chosen.emit(self.code.text().strip().upper(), self.reason.text().strip())
            self.accept()
