"""Colours and sizes of the kiosk: dark text on light cards, big enough for an elderly eye.

Sizes are pixels on the reference screen (short side 1080 px); :func:`scale_for` turns the
window's real size into a factor and every :class:`Scaled` widget follows it, so the same
layout works at 1366×768 and 1920×1080, in landscape and portrait. The smallest text is
28 px on the reference screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from khiw.linebreak import ZWSP, with_break_hints
from khiw.qt.fonts import sarabun_font
from khiw.qt.restyle import restyle

BACKGROUND = "#EEF1F5"
HEADER = "#0B1A2E"
HEADER_TEXT = "#FFFFFF"
CARD = "#FFFFFF"
CARD_EDGE = "#C5CCD6"
TEXT = "#0B1A2E"
MUTED = "#38414D"
CLOSED_CARD = "#D5D9DF"
CLOSED_TEXT = "#4A525C"
ACCENT = "#0D47A1"
GOOD = "#1B5E20"
BAD_BG = "#B71C1C"
BAD_TEXT = "#FFFFFF"

SMALLEST = 28
REFERENCE_SHORT_SIDE = 1080


def scale_for(size: QSize) -> float:
    """The factor that maps reference sizes to a window of ``size``."""
    return max(0.5, min(2.0, min(size.width(), size.height()) / REFERENCE_SHORT_SIDE))


class Scaled:
    """Mixin: a widget whose Sarabun pixel size is ``base_px`` × the window's factor."""

    base_px: int
    weight: QFont.Weight

    def rescale(self, factor: float) -> None:
        self.setFont(sarabun_font(max(10, round(self.base_px * factor)), self.weight))  # type: ignore[attr-defined]


class Label(Scaled, QLabel):
    """A wrapped, scaled label; set text with :meth:`set_text` so Thai wraps between words."""

    def __init__(
        self,
        px: int,
        *,
        weight: QFont.Weight = QFont.Weight.Normal,
        color: str = TEXT,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
        wrap: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.base_px, self.weight = max(px, SMALLEST), weight
        # Service and office names come from the office's data: "<b>x</b>" must read as typed.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(align)
        self.setWordWrap(wrap)
        self.set_color(color)
        self.rescale(1.0)

    def set_color(self, color: str, background: str = "transparent") -> None:
        """Text colour; a coloured background gets padding so Thai marks keep clear of its edge."""
        pad = "" if background == "transparent" else " padding: 10px 20px; border-radius: 10px;"
        restyle(self, f"color: {color}; background: {background};{pad}")

    def set_text(self, text: str) -> None:
        """Show ``text``, telling Qt where Thai words end so that it wraps between them."""
        self.setText(with_break_hints(text) if self.wordWrap() else text)

    def plain(self) -> str:
        """The text as a person reads it (without the break hints)."""
        return self.text().replace(ZWSP, "")


class Button(Scaled, QPushButton):
    """A big flat touch button; ``kind`` picks its colours (primary, plain, danger)."""

    STYLES = {
        "primary": (ACCENT, "#FFFFFF", "#08306B"),
        "plain": (CARD, TEXT, "#DDE3EA"),
        "header": ("#24364F", "#FFFFFF", "#3A5275"),
    }

    def __init__(self, px: int, kind: str = "plain", *, weight: QFont.Weight = QFont.Weight.Bold, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base_px, self.weight = max(px, SMALLEST), weight
        background, color, pressed = self.STYLES[kind]
        self.setStyleSheet(
            f"QPushButton {{ background: {background}; color: {color}; border: 2px solid {CARD_EDGE};"
            f" border-radius: 14px; padding: 10px 22px; }}"
            f"QPushButton:pressed {{ background: {pressed}; }}"
        )
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rescale(1.0)


def rescale_all(root: QWidget, factor: float) -> None:
    """Apply ``factor`` to every scaled widget under ``root`` (and ``root`` itself)."""
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, Scaled):
            widget.rescale(factor)
