"""Colours and sizes of the board: high contrast, readable from ten metres.

Sizes are pixels on the reference screen (1920×1080 landscape, 1080×1920 portrait); a
:class:`ScaledLabel` rescales itself with the window, so a windowed board or a smaller TV
keeps the same proportions instead of clipping.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from khiw.qt.fonts import sarabun_font
from khiw.qt.restyle import restyle

BACKGROUND = "#0B1A2E"
PANEL = "#14294A"
PANEL_EDGE = "#27446F"
TEXT = "#FFFFFF"
MUTED = "#B8C7DD"
CALL = "#FFD740"  # the called ticket code: yellow on dark blue, the classic legible pair
FLASH_BG = "#FFD740"
FLASH_TEXT = "#0B1A2E"
WARNING = "#FFB74D"
ALERT_BG = "#C62828"

REFERENCE = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
DRAWINGS_KEPT = 2  # a fitted text's drawings kept: a flash alternates two colours of one text


class ScaledLabel(QLabel):
    """A Sarabun label whose pixel size follows the board's scale factor."""

    def __init__(
        self,
        text: str = "",
        *,
        px: int,
        weight: QFont.Weight = QFont.Weight.Normal,
        color: str = TEXT,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.base_px = px
        self.weight = weight
        # Names and notices come from the office's data: "<b>x</b>" must read as typed.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(align)
        self.set_color(color)
        self.rescale(1.0)

    def set_color(self, color: str) -> None:
        restyle(self, f"color: {color}; background: transparent;")

    def rescale(self, factor: float) -> None:
        self.setFont(sarabun_font(max(8, round(self.base_px * factor)), self.weight))


class FitText(QWidget):
    """Text drawn as large as its box allows, up to ``px`` × the scale factor.

    The big ticket code and counter lines use it: the glyphs' tight bounds (not the font's
    line height, which Sarabun makes tall for Thai marks) are fitted, so the code fills the
    panel on any screen without clipping and the layout never grows past the window.
    """

    def __init__(self, text: str = "", *, px: int, weight: QFont.Weight = QFont.Weight.Bold, color: str = TEXT, align: str = "center") -> None:
        super().__init__()
        self.base_px = px
        self.factor = 1.0
        self.weight = weight
        self.color = color
        self.align = align
        self._text = text
        self._drawings: dict[tuple[object, ...], QPixmap] = {}  # the last few drawings, oldest first
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel-like)
        """Show ``text``; the same text again is not painted again (the board sets every
        counter's line after each change, and painting fits the glyphs anew)."""
        if text != self._text:
            self._text = text
            self.update()

    def set_color(self, color: str) -> None:
        if color != self.color:
            self.color = color
            self.update()

    def rescale(self, factor: float) -> None:
        self.factor = factor
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return QSize(200, round(self.base_px * self.factor))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt)
        # Small: on a 1024×600 board the counter rows give way before the service names do.
        return QSize(40, 16)

    def fitted_px(self) -> int:
        """The pixel size the text is drawn at now."""
        px = max(8, round(self.base_px * self.factor))
        if not self._text:
            return px
        box = QFontMetricsF(sarabun_font(px, self.weight)).tightBoundingRect(self._text)
        if box.width() <= 0 or box.height() <= 0:
            return px
        shrink = min(1.0, 0.96 * self.width() / box.width(), 0.92 * self.height() / box.height())
        return max(8, int(px * shrink))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        if not self._text:
            return
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._drawn())
        painter.end()

    def _drawn(self) -> QPixmap:
        """The text as drawn at this size and colour, kept for the next paint: a call's panel
        flashes six times between two colours, and Qt draws glyphs this large anew every time
        (two of them were half of each flash's CPU at 1920×1080)."""
        ratio = self.devicePixelRatioF()
        key = (self._text, self.color, self.width(), self.height(), self.factor, self.weight, self.align, ratio)
        drawn = self._drawings.get(key)
        if drawn is not None:
            return drawn
        drawn = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
        drawn.setDevicePixelRatio(ratio)
        drawn.fill(Qt.GlobalColor.transparent)
        font = sarabun_font(self.fitted_px(), self.weight)
        box = QFontMetricsF(font).tightBoundingRect(self._text)
        x = {"left": 0.0, "right": self.width() - box.width()}.get(self.align, (self.width() - box.width()) / 2) - box.left()
        y = (self.height() - box.height()) / 2 - box.top()
        painter = QPainter(drawn)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(font)
        painter.setPen(QColor(self.color))
        painter.drawText(QPointF(x, y), self._text)
        painter.end()
        if len(self._drawings) >= DRAWINGS_KEPT:
            self._drawings.pop(next(iter(self._drawings)))
        self._drawings[key] = drawn
        return drawn


def rescale_all(root: QWidget, factor: float) -> None:
    """Apply ``factor`` to every :class:`ScaledLabel` and :class:`FitText` under ``root``."""
    for label in root.findChildren(ScaledLabel):
        label.rescale(factor)
    for text in root.findChildren(FitText):
        text.rescale(factor)
