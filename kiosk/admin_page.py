"""The admin exit: a PIN pad, opened by the hidden gesture or Ctrl+Shift+Q."""

from __future__ import annotations

import time

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from khiw.engine.auth import pin_matches
from kiosk import style, texts
from kiosk.style import Button, Label

#: Wrong PINs in a row before the pad stops accepting any for :data:`LOCK_SECONDS`.
ATTEMPTS = 5
LOCK_SECONDS = 300


class PadKey(Button):
    """A PIN pad key: 90 px tall on the reference screen, in proportion on smaller ones (a
    fixed 90 made the kiosk taller than a 600-line screen)."""

    def rescale(self, factor: float) -> None:
        super().rescale(factor)
        self.setMinimumHeight(round(90 * factor))


class AdminPage(QWidget):
    """Signals:
    unlocked(): the right PIN was entered; the kiosk may close.
    cancelled(): back to the start screen.
    """

    unlocked = Signal()
    cancelled = Signal()

    def __init__(self, pin_hash: str | None, parent: QWidget | None = None) -> None:
        """``pin_hash``: the argon2 hash from ``khiw.toml`` (``admin_pin_hash``); None: no PIN opens it."""
        super().__init__(parent)
        self._pin_hash = pin_hash
        self._failures = 0
        self._locked_until = 0.0
        self.entered = ""
        self.title = Label(40, weight=QFont.Weight.Bold)
        self.dots = Label(72, weight=QFont.Weight.Bold, wrap=False)
        self.message = Label(34, color=style.BAD_BG)
        pad = QGridLayout()
        pad.setSpacing(14)
        self.keys: dict[str, Button] = {}
        for i, key in enumerate("123456789"):
            self._key(pad, key, i // 3, i % 3)
        self.delete = Button(36)
        self.delete.clicked.connect(self._delete)
        pad.addWidget(self.delete, 3, 0)
        self._key(pad, "0", 3, 1)
        self.enter = Button(36, "primary")
        self.enter.clicked.connect(self._submit)
        pad.addWidget(self.enter, 3, 2)
        self.cancel = Button(36)
        self.cancel.clicked.connect(self._cancel)

        root = QVBoxLayout(self)
        root.setContentsMargins(60, 40, 60, 40)
        root.setSpacing(18)
        root.addWidget(self.title)
        root.addWidget(self.dots)
        root.addWidget(self.message)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addLayout(pad, 2)
        centre.addStretch(1)
        root.addLayout(centre, 1)
        root.addWidget(self.cancel)
        self.retranslate("th")

    def _key(self, pad: QGridLayout, key: str, row: int, column: int) -> None:
        button = PadKey(48)
        button.setText(key)
        button.clicked.connect(lambda _=False, k=key: self.press(k))
        pad.addWidget(button, row, column)
        self.keys[key] = button

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.title.set_text(texts.text("admin_title", lang))
        self.delete.setText(texts.text("admin_delete", lang))
        self.enter.setText(texts.text("admin_exit", lang))
        self.cancel.setText(texts.text("admin_cancel", lang))

    def reset(self) -> None:
        self.entered = ""
        self.message.setText("")
        self._show()

    def press(self, digit: str) -> None:
        if len(self.entered) < 8:
            self.entered += digit
        self.message.setText("")
        self._show()

    def _delete(self) -> None:
        self.entered = self.entered[:-1]
        self._show()

    def _submit(self) -> None:
        """Check the PIN against its hash; after ``ATTEMPTS`` wrong ones the pad rests a while,
        so that a citizen cannot try all 10,000 four-digit PINs at the kiosk."""
        entered, self.entered = self.entered, ""
        self._show()
        now = time.monotonic()
        if self._pin_hash is None:
            self.message.set_text(texts.text("admin_unset", self.lang))
            return
        if now < self._locked_until:
            self.message.set_text(texts.text("admin_locked", self.lang, m=max(1, round((self._locked_until - now) / 60))))
            return
        if pin_matches(self._pin_hash, entered):
            self._failures = 0
            self.unlocked.emit()
            return
        self._failures += 1
        if self._failures >= ATTEMPTS:
            self._failures = 0
            self._locked_until = now + LOCK_SECONDS
            self.message.set_text(texts.text("admin_locked", self.lang, m=LOCK_SECONDS // 60))
            return
        self.message.set_text(texts.text("admin_wrong", self.lang))

    def _cancel(self) -> None:
        self.reset()
        self.cancelled.emit()

    def _show(self) -> None:
        self.dots.setText("•" * len(self.entered) or "–")
