"""Signing in with a username and PIN, and picking a counter when the station is not bound."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter import style
from counter.labels import COUNTER_STATES, label
from counter.widgets import Panel
from khiw.engine import CounterState, CounterView


class SignInPage(QWidget):
    """Username, PIN, and the reason a sign-in was refused (wrong PIN, locked account).

    Signals:
        submitted(str, str): username and PIN.
    """

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = Panel()
        self.box.setFixedWidth(520)
        self.where = QLabel()
        self.where.setStyleSheet(f"font-size: 20px; color: {style.MUTED};")
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,8}"), self.pin))
        self.button = QPushButton()
        self.button.setObjectName("bigButton")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"font-size: 19px; font-weight: 700; color: {style.ALERT};")
        self.user_label, self.pin_label = QLabel(), QLabel()
        for widget in (self.where, self.user_label, self.username, self.pin_label, self.pin, self.button, self.message):
            self.box.body.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.username.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self.counter: int | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.box.title.setText(self.tr("เข้าสู่ระบบเจ้าหน้าที่"))
        self.where.setText(self.tr("ช่องบริการ {number}").format(number=self.counter) if self.counter else "")
        self.where.setVisible(self.counter is not None)
        self.user_label.setText(self.tr("ชื่อผู้ใช้"))
        self.pin_label.setText(self.tr("รหัส PIN"))
        self.button.setText(self.tr("เข้าสู่ระบบ (Enter)"))

    def reset(self) -> None:
        """Ready for the next person: PIN cleared, focus on the username."""
        self.pin.clear()
        self.message.clear()
        self.set_busy(False)
        self.username.setFocus()

    def set_busy(self, busy: bool) -> None:
        for widget in (self.username, self.pin, self.button):
            widget.setEnabled(not busy)

    def refuse(self, text: str) -> None:
        """Show why signing in failed; the PIN is cleared for the next attempt."""
        self.message.setText(text)
        self.set_busy(False)
        self.pin.clear()
        self.pin.setFocus()

    def _submit(self) -> None:
        name, pin = self.username.text().strip().lower(), self.pin.text()
        if not name:
            self.username.setFocus()
        elif not pin:
            self.pin.setFocus()
        else:
            self.set_busy(True)
            self.submitted.emit(name, pin)


class CounterPicker(QWidget):
    """One button per counter, with who (if anyone) is signed in there.

    Signals:
        picked(int): the counter number.
    """

    picked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = Panel()
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        self.box.body.addLayout(self.grid)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 40, 60, 40)
        outer.addWidget(self.box)
        outer.addStretch(1)
        self.buttons: dict[int, QPushButton] = {}

    def show_counters(self, counters: tuple[CounterView, ...], me: str) -> None:
        self.box.title.setText(self.tr("เลือกช่องบริการที่จะปฏิบัติงาน"))
        if [c.number for c in counters] != list(self.buttons):
            for button in self.buttons.values():
                button.deleteLater()
            self.buttons = {}
            for i, desk in enumerate(counters):
                button = QPushButton()
                button.setObjectName("choiceButton")
                button.setMinimumHeight(96)
                button.clicked.connect(lambda _=False, n=desk.number: self.picked.emit(n))
                self.grid.addWidget(button, i // 2, i % 2)
                self.buttons[desk.number] = button
        for desk in counters:
            if desk.staff_username and desk.state != CounterState.CLOSED:
                who = self.tr("{state}: {name}").format(state=label(COUNTER_STATES, desk.state), name=desk.staff_name or desk.staff_username)
                if desk.staff_username == me:
                    who += self.tr(" (คุณ)")
            else:
                who = self.tr("ว่าง")
            name = desk.name or self.tr("ช่องบริการ {number}").format(number=desk.number)
            self.buttons[desk.number].setText(f"{name}\n{who}")
