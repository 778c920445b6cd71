"""The questions an action asks first: which pause reason, which service, which ticket and why.

Each dialog is opened window-modal with ``open()`` (never ``exec()``, which would block the
event loop and the live updates) and reports the answer through a signal. Every one is
answered on the numeric keypad alone: digits choose, Enter confirms, and ``−`` (the keypad's
minus, :data:`CLOSE_KEYS`) closes it, as Esc does on a full keyboard.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from khiw.vocabulary import OUT_OF_ORDER_REASONS

# The keys that close any dialog without an answer (the README names ``−``).
CLOSE_KEYS = (Qt.Key.Key_Minus, Qt.Key.Key_Escape)
# The keys that take back the last digit typed (``.`` is Del with NumLock off).
DELETE_KEYS = (Qt.Key.Key_Period, Qt.Key.Key_Comma, Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
DIGITS = {getattr(Qt.Key, f"Key_{d}"): str(d) for d in range(10)}


class KeypadDialog(QDialog):
    """A dialog that ``−`` (or Esc) closes, with a heading and a cancel button that says so."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setSpacing(10)
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 24px; font-weight: 700;")
        heading.setWordWrap(True)
        self.layout_.addWidget(heading)
        # translate(), not self.tr(): PySide looks tr() up under the subclass's name.
        self.cancel = QPushButton(QCoreApplication.translate("KeypadDialog", "ยกเลิก [ − ]"))
        self.cancel.setObjectName("choiceButton")
        self.cancel.setMinimumHeight(48)
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(self.reject)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if event.key() in CLOSE_KEYS:
            self.reject()
            return
        if not self.keypad(event.key()):
            super().keyPressEvent(event)

    def keypad(self, key: int) -> bool:
        """Handle a key; True when it was used (subclasses)."""
        return False


class ChoiceDialog(KeypadDialog):
    """Big numbered buttons; a digit key picks one, ``−`` closes.

    Signals:
        chosen(str): the key of the chosen item.
    """

    chosen = Signal(str)

    def __init__(self, title: str, items: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setMinimumWidth(520)
        self.buttons: dict[str, QPushButton] = {}
        self.by_digit: dict[str, str] = {}
        for number, (key, text) in enumerate(items, start=1):
            button = QPushButton(f"{number}   {text}" if number <= 9 else text)
            button.setObjectName("choiceButton")
            button.setMinimumHeight(56)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, key=key: self._choose(key))
            self.layout_.addWidget(button)
            self.buttons[key] = button
            if number <= 9:
                self.by_digit[str(number)] = key
        self.layout_.addWidget(self.cancel)

    def keypad(self, key: int) -> bool:
        chosen = self.by_digit.get(DIGITS.get(key, ""))
        if chosen is not None:
            self._choose(chosen)
        return chosen is not None

    def _choose(self, key: str) -> None:
        self.chosen.emit(key)
        self.accept()


@dataclass(frozen=True)
class ServiceChoice:
    """A service the counter serves, as the call-ticket dialog offers it."""

    prefix: str
    name: str


class CallTicketDialog(KeypadDialog):
    """Call a ticket out of order from the keypad: its number within one of the counter's
    services (``*`` moves to the next service), Enter, then the reason's number from a list.
    A note can be typed as well (optional: the list is enough); the event log keeps both.

    Signals:
        chosen(str, str): the ticket code (``A012``) and the reason.
    """

    chosen = Signal(str, str)
    MAX_DIGITS = 4

    def __init__(self, services: list[ServiceChoice], lang: str = "th", parent: QWidget | None = None) -> None:
        super().__init__(self.tr("เรียกคิวระบุหมายเลข"), parent)
        self.setMinimumWidth(600)
        self.services = services or [ServiceChoice("", "")]
        self.service_index = 0
        self.digits = ""
        self.choosing_reason = False  # the number is entered; the reason's number is awaited
        self.service = QLabel()
        self.service.setObjectName("dialogService")
        self.service.setStyleSheet("font-size: 22px;")
        self.service.setWordWrap(True)
        self.code = QLabel()
        self.code.setObjectName("dialogCode")
        self.code.setStyleSheet("font-size: 56px; font-weight: 800;")
        self.hint = QLabel()
        self.hint.setStyleSheet("font-size: 18px; color: #455A64;")
        self.hint.setWordWrap(True)
        self.reasons = [reason.in_language(lang) for reason in OUT_OF_ORDER_REASONS]
        self.log_reasons = [reason.th for reason in OUT_OF_ORDER_REASONS]
        self.reason_buttons: list[QPushButton] = []
        for number, text in enumerate(self.reasons, start=1):
            button = QPushButton(f"{number}   {text}")
            button.setObjectName("choiceButton")
            button.setMinimumHeight(48)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, i=number - 1: self._choose(i))
            self.reason_buttons.append(button)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("หมายเหตุเพิ่มเติม (ไม่บังคับ)"))
        self.note.setMaxLength(150)
        self.note.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # digits go to the dialog, not here
        for widget in (self.service, self.code, self.hint):
            self.layout_.addWidget(widget)
        for button in self.reason_buttons:
            self.layout_.addWidget(button)
        self.layout_.addWidget(self.note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel)
        self.layout_.addLayout(row)
        self._draw()

    @property
    def ticket_code(self) -> str:
        """The code being typed, as the ticket carries it (``A012``)."""
        return f"{self.services[self.service_index].prefix}{int(self.digits):03d}" if self.digits else ""

    def keypad(self, key: int) -> bool:
        digit = DIGITS.get(key)
        if self.choosing_reason:
            if digit is not None and 1 <= int(digit) <= len(self.reasons):
                self._choose(int(digit) - 1)
            elif key in DELETE_KEYS:
                self._set_reasoning(False)
            else:
                return digit is not None
            return True
        if digit is not None and len(self.digits) < self.MAX_DIGITS and (self.digits or digit != "0"):
            self.digits += digit
        elif key in DELETE_KEYS:
            self.digits = self.digits[:-1]
        elif key == Qt.Key.Key_Asterisk:
            self.service_index = (self.service_index + 1) % len(self.services)
        elif key in (Qt.Key.Key_Enter, Qt.Key.Key_Return) and self.digits:
            self._set_reasoning(True)
            return True
        else:
            return digit is not None or key in (Qt.Key.Key_Enter, Qt.Key.Key_Return)
        self._draw()
        return True

    def _set_reasoning(self, on: bool) -> None:
        self.choosing_reason = on
        self._draw()

    def _draw(self) -> None:
        svc = self.services[self.service_index]
        more = self.tr(" [ * เปลี่ยนงานบริการ ]") if len(self.services) > 1 else ""
        self.service.setText(self.tr("งานบริการ: {prefix}  {name}").format(prefix=svc.prefix, name=svc.name) + more)
        self.code.setText(self.ticket_code or f"{svc.prefix}___")
        for button in self.reason_buttons:
            button.setEnabled(self.choosing_reason)
        if self.choosing_reason:
            self.hint.setText(self.tr("กดตัวเลขของเหตุผลเพื่อเรียกคิว  [ . ] แก้หมายเลข"))
        else:
            self.hint.setText(self.tr("พิมพ์หมายเลขคิว แล้วกด Enter  [ . ] ลบ"))

    def _choose(self, index: int) -> None:
        if not self.digits:
            return
        note = self.note.text().strip()
        reason = self.log_reasons[index] + (f": {note}" if note else "")
        self.chosen.emit(self.ticket_code, reason)
        self.accept()
