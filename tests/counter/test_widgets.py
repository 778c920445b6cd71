"""The counter's read-only table: rows replaced when they change, left alone when they do not."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from counter.widgets import ReadOnlyTable


def test_set_rows_keeps_the_items_of_the_same_rows_and_replaces_new_ones(qtbot: QtBot) -> None:
    table = ReadOnlyTable(2, numeric=[1])
    qtbot.addWidget(table)
    table.set_rows([["A001", "3"], ["B002", "12"]], ["#FF0000"])
    first = table.item(0, 0)
    table.set_rows([("A001", "3"), ("B002", "12")], ("#FF0000",))  # the same, as other sequences
    assert table.item(0, 0) is first
    table.set_rows([["A001", "4"]])
    assert table.rowCount() == 1
    assert (table.cell(0, 0), table.cell(0, 1)) == ("A001", "4")
    assert table.item(0, 0) is not first
    assert table.item(0, 0).foreground().color().name() != "#ff0000"


def test_set_rows_replaces_only_the_cells_that_changed(qtbot: QtBot) -> None:
    table = ReadOnlyTable(2, numeric=[1])
    qtbot.addWidget(table)
    table.set_rows([["A  Tax", "3"], ["B  Registry", "12"]])
    name, other = table.item(0, 0), table.item(1, 1)
    table.set_rows([["A  Tax", "2"], ["B  Registry", "12"]])  # a call in the first queue
    assert table.item(0, 0) is name and table.item(1, 1) is other
    assert table.cell(0, 1) == "2"
    table.set_rows([["A  Tax", "2"], ["B  Registry", "12"]], ["#FF0000", None])  # a new tint is a new look
    assert table.item(0, 0) is not name and table.item(0, 0).foreground().color().name() == "#ff0000"
    assert table.item(1, 1) is other
