"""Small building blocks shared by the counter's pages: a titled panel, a read-only table, the
office chooser's list and the status line of the report and plan tabs."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from khiw.reports.data import OfficeChoice


class Panel(QFrame):
    """A white rounded box with a title line; put content in ``body``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 12)
        self.body.setSpacing(8)
        self.body.addWidget(self.title)


class ReadOnlyTable(QTableWidget):
    """A table people read, never edit; a refresh replaces the cells that changed."""

    def __init__(self, columns: int, parent: QWidget | None = None, *, stretch: int = 0, numeric: Sequence[int] = ()) -> None:
        super().__init__(0, columns, parent)
        self.numeric = frozenset(numeric)
        self._shown: tuple[object, ...] | None = None  # what set_rows last put in
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.verticalHeader().setDefaultSectionSize(34)

    def set_headers(self, labels: Sequence[str]) -> None:
        self.setHorizontalHeaderLabels(list(labels))

    def set_rows(self, rows: Sequence[Sequence[str]], colours: Sequence[str | None] = (), *, tint: int | None = None) -> None:
        """Show ``rows``; ``colours`` optionally tints each row's text (only column ``tint``
        if given). Numeric columns are right-aligned so figures line up. Only the cells that
        changed get a new item (a queue's count after a call): a new item re-lays the table, so
        the same rows again (a change of the office elsewhere) set nothing at all."""
        shown = (tuple(map(tuple, rows)), tuple(colours), tint)
        if shown == self._shown:
            return
        old_rows, old_colours, old_tint = self._shown or ((), (), None)
        self._shown = shown
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            colour = colours[r] if r < len(colours) else None
            kept = old_rows[r] if r < len(old_rows) and old_tint == tint and (old_colours[r] if r < len(old_colours) else None) == colour else ()
            for c, text in enumerate(row):
                if c < len(kept) and kept[c] == text and self.item(r, c) is not None:
                    continue
                item = QTableWidgetItem(text)
                if colour and tint in (None, c):
                    item.setForeground(QColor(colour))
                if c in self.numeric:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)

    def cell(self, row: int, column: int) -> str:
        """The text at ``row``, ``column`` (tests read the table through this)."""
        item = self.item(row, column)
        return item.text() if item else ""


def fill_offices(combo: QComboBox, choices: Sequence[OfficeChoice]) -> None:
    """Offer ``choices`` in an office chooser: the Thai name and the code, the code as data."""
    combo.clear()
    for choice in choices:
        combo.addItem(f"{choice.name_th} ({choice.code})", choice.code)


def say(status: QLabel, text: str, *, error: bool = False) -> None:
    """Show ``text`` in a tab's status line, in red and bold when it is an error."""
    status.setText(text)
    status.setStyleSheet("color: #B71C1C; font-weight: 700;" if error else "color: #37474F;")
