"""Two counters pressing Call next at the same moment never get the same ticket.

Each window has its own database connection and worker thread, as two PCs would; the claim is
atomic in the engine (BEGIN IMMEDIATE on SQLite, FOR UPDATE SKIP LOCKED on PostgreSQL), so this
runs on both.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from khiw.db import Database
from khiw.engine import issue
from tests.counter.conftest import WAIT, shown_code
from tests.fixtures import new_database, with_office


@pytest.fixture
def shared(db_url: str) -> Iterator[tuple[Database, Database]]:
    """Two connections to one office database (SQLite file or PostgreSQL schema)."""
    first = with_office(new_database(db_url))
    second = Database(db_url)
    yield first, second
    second.dispose()
    first.dispose()


class TestTwoCounters:
    def test_calling_at_the_same_moment_gives_different_tickets(self, qtbot: QtBot, shared: tuple[Database, Database], at_counter) -> None:
        # ``shared`` first: set up before the windows, so torn down after they have stopped.
        one, two = shared
        for _ in range(4):
            one.run(issue, service="TAX")
        left = at_counter(1, "somchai", db=one)
        right = at_counter(4, "malee", db=two)  # counter 4 serves TAX third, after its empty BLD and CMP
        rounds = []
        for _ in range(2):
            left.station.pad.buttons["call_next"].click()
            right.station.pad.buttons["call_next"].click()  # both in flight together
            qtbot.waitUntil(lambda: "—" not in (shown_code(left), shown_code(right)) and not (left.busy or right.busy), timeout=WAIT)
            rounds.append((shown_code(left), shown_code(right)))
            for window in (left, right):
                window.station.pad.buttons["no_show"].click()
                qtbot.waitUntil(lambda window=window: not window.busy and window.state.current is None, timeout=WAIT)

        assert {*rounds[0]} == {"A001", "A002"}
        assert {*rounds[1]} == {"A003", "A004"}
