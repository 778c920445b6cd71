"""Finding text a window cuts off: each visible label against the room it was given."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

SIZES = [(1024, 600), (1366, 768), (1920, 1080), (1080, 1920)]
SLACK = 1  # px: rounding between a layout's share and a label's own hint


def clipped_labels(root: QWidget) -> list[str]:
    """Every visible label under ``root`` whose text needs more room than it got: taller than
    its height at its width (wrapped: Thai upper vowels and tone marks would go), or, when it
    does not wrap, wider or taller than it is (cut off, where it should have wrapped)."""
    QApplication.processEvents()
    out = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text() or label.pixmap() is not None and not label.pixmap().isNull():
            continue
        margins = label.contentsMargins()
        room_w = label.width()
        if label.wordWrap():
            need_h = label.heightForWidth(room_w)
            need_w = 0
        else:
            hint = label.sizeHint()
            need_w, need_h = hint.width(), hint.height()
        too_tall = need_h > label.height() + SLACK
        too_wide = need_w > room_w + SLACK
        if too_tall or too_wide:
            text = label.text().replace("\u200b", "")[:40]
            out.append(f"{text!r} needs {need_w}x{need_h}, got {label.width()}x{label.height()} (margins {margins.top()},{margins.bottom()})")
    return out


def fits(window: QWidget, size: tuple[int, int]) -> list[str]:
    """What is wrong with ``window`` drawn at ``size``: a window larger than the screen (its
    layout cannot shrink that far), or clipped labels."""
    problems = [] if (window.width(), window.height()) == size else [f"the window is {window.width()}x{window.height()}, not {size}"]
    return problems + clipped_labels(window)


def settled(qtbot: QtBot, window: QWidget, size: tuple[int, int], timeout_ms: int = 3000) -> list[str]:
    """:func:`fits` once the window has had time to lay out what it just drew (live updates
    arrive asynchronously): empty as soon as it fits, else the problems left at the end."""
    problems: list[str] = []

    def fitting() -> bool:
        problems[:] = fits(window, size)
        return not problems

    try:
        qtbot.waitUntil(fitting, timeout=timeout_ms)
    except TimeoutError:
        pass
    return problems
