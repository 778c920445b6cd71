"""The board re-reads when a change concerns what it shows, and only then (issue #11): a call
made in another process is shown, a service starting costs no read, missed events a full
read; on PostgreSQL a running board holds two server connections, its reads' and its LISTEN."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.voice import BoardVoice
from display.window import BoardWindow
from khiw.changes import Change
from khiw.config import DisplayConfig
from khiw.db import Database
from khiw.engine import EventKind, call_next, finish, issue, open_counter, recall, start
from khiw.engine.board import board_state
from khiw.speech.output import FileOutput
from tests.fixtures import backends, pg_station, run_elsewhere
from tests.qt.stations import check_missed_changes_are_read, settled

SETTINGS = DisplayConfig(fullscreen=False, voice="chime")


def open_board(qtbot: QtBot, db: Database, folder: Path) -> BoardWindow:
    window = BoardWindow(db, SETTINGS, voice=BoardVoice(SETTINGS, output=FileOutput(folder)))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.controller.state_changed, timeout=10_000):
        window.start()
    watcher = window.controller.live.watcher
    assert watcher is not None and watcher.ready.wait(5)
    return window


@pytest.fixture
def board(qtbot: QtBot, office: Database, tmp_path: Path) -> Iterator[BoardWindow]:
    window = open_board(qtbot, office, tmp_path)
    yield window
    window.close()


class TestBoardReadsWhatConcernsIt:
    def test_a_call_elsewhere_is_shown_and_a_service_starting_costs_no_read(self, qtbot: QtBot, office: Database, board: BoardWindow) -> None:
        live = board.controller.live
        before = live.reads
        run_elsewhere(office, "db.run(engine.issue, service='TAX')\ndb.run(engine.call_next, counter=1)")
        qtbot.waitUntil(lambda: board.latest.code.text() == "A001", timeout=10_000)
        shown = settled(qtbot, live, office)
        assert shown > before
        run_elsewhere(office, "db.run(engine.start, ticket='A001')")
        assert settled(qtbot, live, office) == shown

    def test_changes_are_brought_in_by_updates_and_every_call_is_announced_once(self, qtbot: QtBot, office: Database, board: BoardWindow) -> None:
        live = board.controller.live
        said: list[int] = []
        board.controller.called.connect(lambda call: said.append(call.event_id))
        for counter in (1, 4):  # both serve TAX; opening them is a full read
            office.run(open_counter, counter=counter)
        settled(qtbot, live, office)
        before = live.updates
        calls = []
        for _ in range(4):
            office.run(issue, service="TAX")
        calls += [office.run(call_next, counter=1).event_id, office.run(call_next, counter=4).event_id]
        calls.append(office.run(recall, ticket="A001").event_id)
        office.run(start, ticket="A001")
        office.run(finish, ticket="A001")
        calls.append(office.run(call_next, counter=1).event_id)
        settled(qtbot, live, office)
        assert live.updates > before
        assert said == calls
        full = office.query(board_state)
        state = board.controller.state
        assert state is not None
        assert (state.latest, state.per_counter, state.recent, state.waiting) == (full.latest, full.per_counter, full.recent, full.waiting)
        assert board.counters.shown() == [("1", "A003"), ("4", "A002")]

    def test_missed_events_make_it_read_everything(self, qtbot: QtBot, board: BoardWindow) -> None:
        check_missed_changes_are_read(qtbot, board.controller.live, Change(1, EventKind.STARTED, 1, 1, 1))


@pytest.mark.pg
def test_a_running_board_holds_one_connection(qtbot: QtBot, tmp_path: Path) -> None:
    with pg_station("board") as (office, db, name):
        window = open_board(qtbot, db, tmp_path)
        try:
            for _ in range(3):
                office.run(issue, service="TAX")
            office.run(call_next, counter=1)
            qtbot.waitUntil(lambda: window.latest.code.text() == "A001", timeout=10_000)
            office.run(call_next, counter=4)  # serves TAX too
            settled(qtbot, window.controller.live, office)
            assert backends(name) == 1  # the runner runs its operations and LISTENs on one connection
        finally:
            window.close()
