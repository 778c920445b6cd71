"""The board re-reads when a change concerns what it shows, and only then (issue #11): a call
made in another process is shown, a service starting costs no read, missed events a full
read; on PostgreSQL a running board holds two server connections, its reads' and its LISTEN."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from display.voice import BoardVoice
from display.window import BoardWindow
from khiw.changes import Change, Changes
from khiw.cli.context import Context
from khiw.config import DisplayConfig
from khiw.db import Database
from khiw.engine import EventKind, call_next, issue
from khiw.engine.eventlog import last_event_id
from khiw.speech.output import FileOutput
from tests.fixtures import backends, new_database, pg_problem, pg_schema_url, run_elsewhere, station_url, with_office

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


def heard(qtbot: QtBot, window: BoardWindow, db: Database) -> None:
    """Wait until the board's change feed has brought every event written so far."""
    head = db.query(last_event_id)
    qtbot.waitUntil(lambda: window.controller.live.heard >= head, timeout=10_000)


@pytest.fixture
def board(qtbot: QtBot, office: Database, tmp_path: Path) -> Iterator[BoardWindow]:
    window = open_board(qtbot, office, tmp_path)
    yield window
    window.close()


class TestBoardReadsWhatConcernsIt:
    def test_a_call_elsewhere_is_shown_and_a_service_starting_costs_no_read(self, qtbot: QtBot, office: Database, board: BoardWindow) -> None:
        live = board.controller.live
        before = live.reads
        run_elsewhere(office, "db.run(engine.issue, service='TAX')\ncalled = db.run(engine.call_next, counter=1)")
        qtbot.waitUntil(lambda: board.latest.code.text() == "A001", timeout=10_000)
        assert live.reads > before
        qtbot.waitUntil(lambda: not live.reading, timeout=5000)
        settled = live.reads
        run_elsewhere(office, "db.run(engine.start, ticket='A001')")
        heard(qtbot, board, office)
        assert live.reads == settled

    def test_missed_events_make_it_read_everything(self, qtbot: QtBot, office: Database, board: BoardWindow) -> None:
        live = board.controller.live
        qtbot.waitUntil(lambda: not live.reading, timeout=5000)
        before = live.reads
        head = office.query(last_event_id)
        assert live.watcher is not None
        started = Change(head, EventKind.STARTED, 1, 1, 1)
        live.watcher.changed.emit(Changes(head, (started,)))
        assert live.reads == before  # not its business
        live.watcher.changed.emit(Changes(head, (started,), missed=True))  # the feed cannot vouch for the rest
        assert live.reads == before + 1


@pytest.mark.pg
def test_a_running_board_holds_two_connections(qtbot: QtBot, tmp_path: Path) -> None:
    problem = pg_problem()
    if problem:
        pytest.skip(problem)
    with pg_schema_url() as url:
        office = with_office(new_database(url))
        name = f"{make_url(url).query['application_name']}-board"  # the schema's name, told apart
        db = Context(station_url(url, name), None, None).database(station="board")
        window = open_board(qtbot, db, tmp_path)
        try:
            for _ in range(3):
                office.run(issue, service="TAX")
            office.run(call_next, counter=1)
            qtbot.waitUntil(lambda: window.latest.code.text() == "A001", timeout=10_000)
            office.run(call_next, counter=4)  # serves TAX too
            heard(qtbot, window, office)
            qtbot.waitUntil(lambda: not window.controller.live.reading, timeout=5000)
            assert backends(name) == 2  # the runner's pooled connection and the LISTEN connection
        finally:
            window.close()
            db.dispose()
            office.dispose()
