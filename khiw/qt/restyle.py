"""Setting a widget's style sheet only when it changes.

Setting a style sheet re-polishes the widget and every child under it, even when the sheet is
the one it already has, and the stations redraw after every change of the office with mostly
the same colours: at a board or kiosk that was a tenth of a re-read's CPU (issue #11).
"""

from __future__ import annotations

from typing import Protocol


class Styled(Protocol):
    """What :func:`restyle` needs of a widget (QtWidgets stays out of the shared glue)."""

    def styleSheet(self) -> str: ...  # noqa: N802 (Qt's name)

    def setStyleSheet(self, sheet: str, /) -> None: ...  # noqa: N802 (Qt's name)


def restyle(widget: Styled, sheet: str) -> None:
    """Give ``widget`` the style sheet ``sheet`` unless it already has it."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)
