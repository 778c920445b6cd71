"""Where a station's window goes on the screen it is on.

Windowed mode used to open at 1366×768 whatever the screen: cut off on a 1280×720 laptop,
a postage stamp on a 4K board. Full screen needs its geometry set too: without a window
manager (a kiosk PC started straight into X) ``showFullScreen`` alone keeps the old size.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen

FILL = 0.9  # of the screen's free area a windowed station takes, so its frame stays in view


def windowed_geometry(area: QRect, *, aspect: tuple[int, int] | None = (16, 9), fill: float = FILL) -> QRect:
    """The window's place in ``area`` (the screen's available geometry): the largest
    ``aspect`` rectangle (None: any shape) within ``fill`` of it, centred."""
    room = QSize(round(area.width() * fill), round(area.height() * fill))
    if aspect is None:
        size = room
    else:
        w, h = aspect
        scale = min(room.width() / w, room.height() / h)
        size = QSize(round(w * scale), round(h * scale))
    return QRect(area.x() + (area.width() - size.width()) // 2, area.y() + (area.height() - size.height()) // 2, size.width(), size.height())


class _Window(Protocol):
    """What :func:`show_on_screen` needs of a top-level widget (QtWidgets stays out of here)."""

    def screen(self) -> QScreen: ...
    def setGeometry(self, rect: QRect) -> None: ...  # noqa: N802 (Qt)
    def showFullScreen(self) -> None: ...  # noqa: N802 (Qt)
    def show(self) -> None: ...


def show_on_screen(window: _Window, *, fullscreen: bool, aspect: tuple[int, int] | None = (16, 9)) -> None:
    """Show ``window`` full screen, or windowed at :func:`windowed_geometry`, on its screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if fullscreen:
        window.setGeometry(screen.geometry())
        window.showFullScreen()
    else:
        window.setGeometry(windowed_geometry(screen.availableGeometry(), aspect=aspect))
        window.show()
