"""The board shows office data as typed: a name written as markup is not rendered as markup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.display.test_board_window import Board
from tests.fixtures import new_database, office_config, with_office


def test_every_board_label_is_plain_text(qtbot: QtBot, tmp_path: Path) -> None:
    cfg = office_config()
    services = [cfg.services[0].model_copy(update={"name_th": "<i>ภาษี</i>"}), *cfg.services[1:]]
    bold = cfg.model_copy(update={"office": cfg.office.model_copy(update={"name_th": "<b>อบต.</b>"}), "services": services})
    db = with_office(new_database(f"sqlite:///{tmp_path / 'board.db'}"), bold)
    board = Board(qtbot, db, tmp_path / "audio")
    try:
        labels = board.window.findChildren(QLabel)
        assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
        assert board.window.header.office.text() == "<b>อบต.</b>"
    finally:
        board.close()
        db.dispose()
