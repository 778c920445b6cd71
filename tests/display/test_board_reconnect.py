"""The board survives losing PostgreSQL: it keeps the last state, shows a discreet mark,
reconnects by itself and shows (and announces) calls made afterwards.

Only this board's connections are dropped (``pg_terminate_backend`` on a unique
``application_name``), never the server: other tests use it at the same time.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from display.voice import BoardVoice
from display.window import BoardWindow
from khiw.config import DisplayConfig
from khiw.db import Database
from khiw.engine import call_next, finish, issue, start
from khiw.speech.announcer import Announcement
from khiw.speech.output import FileOutput
from tests.fixtures import PG_ENV, new_database, pg_problem, pg_schema_url, with_office

pytestmark = pytest.mark.pg


@pytest.fixture
def pg_office() -> Iterator[tuple[Database, str]]:
    """A PostgreSQL schema with the example office, and the URL the board should use."""
    problem = pg_problem()
    if problem:
        pytest.skip(problem)
    with pg_schema_url() as url:
        db = with_office(new_database(url))
        name = f"khiw_board_test_{uuid.uuid4().hex[:10]}"
        yield db, make_url(url).update_query_dict({"application_name": name}).render_as_string(hide_password=False)
        db.dispose()


def drop_connections(application_name: str) -> int:
    """Terminate every server connection of ``application_name``; how many there were."""
    admin = make_url(os.environ[PG_ENV]).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s AND pid <> pg_backend_pid()",
            (application_name,),
        ).fetchall()
    return len(rows)


class TestBoardReconnects:
    def test_dropped_connections_show_the_mark_keep_the_state_and_recover(
        self, qtbot: QtBot, pg_office: tuple[Database, str], tmp_path: Path
    ) -> None:
        db, board_url = pg_office
        name = make_url(board_url).query["application_name"]
        board_db = Database(board_url)
        settings = DisplayConfig(fullscreen=False, voice="chime")
        output = FileOutput(tmp_path)
        window = BoardWindow(board_db, settings, voice=BoardVoice(settings, output=output))
        qtbot.addWidget(window)
        spoken: list[Announcement] = []
        window.voice.spoken.connect(spoken.append)
        seen: list[tuple[bool, bool]] = []  # (online, mark hidden) as each change arrived
        window.controller.online.connect(lambda up: seen.append((up, window.header.reconnecting.isHidden())))
        window.show()
        try:
            with qtbot.waitSignal(window.controller.state_changed, timeout=10_000):
                window.start()
            for service in ("TAX", "TAX", "REG"):
                db.run(issue, service=service)
            first = db.run(call_next, counter=1)
            qtbot.waitUntil(lambda: window.latest.code.text() == "A001" and len(spoken) == 1, timeout=10_000)

            assert drop_connections(name) >= 1  # the connection the board LISTENs and runs its reads on
            qtbot.waitUntil(lambda: (False, False) in seen, timeout=10_000)
            assert window.latest.code.text() == "A001"  # the last state stays on screen
            qtbot.waitUntil(lambda: seen[-1] == (True, True), timeout=15_000)

            db.run(start, ticket=first.ticket.id)
            db.run(finish, ticket=first.ticket.id)
            after = db.run(call_next, counter=2)
            qtbot.waitUntil(lambda: window.latest.code.text() == "B001", timeout=10_000)
            qtbot.waitUntil(lambda: [a.code for a in spoken] == ["A001", "B001"], timeout=10_000)
            assert spoken[-1].event_id == after.event_id
            assert window.header.reconnecting.isHidden()
            assert window.counters.shown() == [("1", "A001"), ("2", "B001")]
        finally:
            window.close()
            board_db.dispose()
