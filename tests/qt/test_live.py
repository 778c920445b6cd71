"""The one live refresh: reads coalesce, holds defer, a lost database shows, a stop is final."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from khiw.changes import Change, Changes
from khiw.db import Database
from khiw.engine import EventKind, issue
from khiw.errors import DatabaseUnavailable
from khiw.qt.live import LiveRead
from khiw.qt.runner import OperationRunner
from tests.fixtures import MORNING


class Reads:
    """A read that counts itself, can be made to wait, and to fail as a lost database would."""

    def __init__(self) -> None:
        self.count = 0
        self.gate = threading.Event()
        self.gate.set()
        self.down = False

    def __call__(self, session: Session) -> int:
        self.gate.wait(5)
        self.count += 1
        if self.down:
            raise DatabaseUnavailable("the server went away")
        return self.count


@pytest.fixture
def live(qtbot: QtBot, office: Database) -> Iterator[tuple[LiveRead, Reads]]:
    reads = Reads()
    runner = OperationRunner(office)
    live = LiveRead(office, reads, runner=runner, safety_ms=60_000, watch=False)
    yield live, reads
    live.stop()
    runner.shutdown()


def results(live: LiveRead) -> list[Any]:
    seen: list[Any] = []
    live.updated.connect(seen.append)
    return seen


class TestLiveRead:
    def test_only_a_change_that_concerns_it_or_missed_changes_cost_a_read(self, qtbot: QtBot, office: Database) -> None:
        reads = Reads()
        runner = OperationRunner(office)
        reader = LiveRead(office, reads, runner=runner, safety_ms=60_000, watch=False, concerns=lambda change: change.service_id == 1)
        try:
            reader.start()
            qtbot.waitUntil(lambda: not reader.reading and reads.count == 1, timeout=5000)
            reader.consider(Changes(2, (Change(2, EventKind.ISSUED, 7, None, 2),)))
            assert reader.reads == 1 and reader.heard == 2
            reader.consider(Changes(4, (Change(3, EventKind.ISSUED, 8, None, 2), Change(4, EventKind.ISSUED, 9, None, 1))))
            qtbot.waitUntil(lambda: not reader.reading and reads.count == 2, timeout=5000)
            reader.consider(Changes(9, missed=True))
            qtbot.waitUntil(lambda: not reader.reading and reads.count == 3, timeout=5000)
            assert reader.reads == 3 and reader.heard == 9
        finally:
            reader.stop()
            runner.shutdown()

    def test_known_changes_update_the_last_result_and_anything_else_reads_it_all(self, qtbot: QtBot, office: Database) -> None:
        reads = Reads()
        updates: list[tuple[Any, tuple[Change, ...]]] = []

        def update(session: Session, *, previous: Any, changes: tuple[Change, ...]) -> Any:
            updates.append((previous, changes))
            if reads.down:
                raise DatabaseUnavailable("the server went away")
            return ("updated", len(updates))

        runner = OperationRunner(office)
        reader = LiveRead(office, reads, runner=runner, safety_ms=60_000, watch=False, update=update, concerns=lambda change: change.service_id == 1)
        seen = results(reader)
        settled = lambda n: lambda: not reader.reading and len(seen) == n  # noqa: E731
        try:
            reader.start()  # the first read is a full one: there is nothing to update yet
            qtbot.waitUntil(settled(1), timeout=5000)
            first = Change(2, EventKind.ISSUED, 7, None, 1)
            reader.consider(Changes(3, (first, Change(3, EventKind.ISSUED, 8, None, 2))))
            qtbot.waitUntil(settled(2), timeout=5000)
            assert updates == [(1, (first,))] and seen[-1] == ("updated", 1)
            reader.consider(Changes(9, missed=True))  # unknown changes: read it all
            qtbot.waitUntil(settled(3), timeout=5000)
            assert seen[-1] == 2 and len(updates) == 1
            reads.down = True  # a failed update loses its changes: the next read is full
            reader.consider(Changes(10, (Change(10, EventKind.ISSUED, 9, None, 1),)))
            qtbot.waitUntil(lambda: not reader.reading and len(updates) == 2, timeout=5000)
            reads.down = False
            reader.consider(Changes(11, (Change(11, EventKind.ISSUED, 10, None, 1),)))
            qtbot.waitUntil(settled(4), timeout=5000)
            assert seen[-1] == 3 and len(updates) == 2 and (reader.reads, reader.updates) == (5, 2)
        finally:
            reader.stop()
            runner.shutdown()

    def test_a_burst_of_changes_during_a_read_costs_one_more_read(self, qtbot: QtBot, live: tuple[LiveRead, Reads]) -> None:
        reader, reads = live
        seen = results(reader)
        reads.gate.clear()
        reader.start()
        for _ in range(5):
            reader.refresh()
        reads.gate.set()
        qtbot.waitUntil(lambda: not reader.reading and len(seen) == 2, timeout=5000)
        qtbot.wait(200)
        assert seen == [1, 2] and reads.count == 2

    def test_a_hold_defers_the_read_until_released(self, qtbot: QtBot, live: tuple[LiveRead, Reads]) -> None:
        reader, reads = live
        seen = results(reader)
        reader.start()
        qtbot.waitUntil(lambda: seen == [1], timeout=5000)
        reader.hold(True)
        reader.refresh()
        reader.refresh()
        qtbot.wait(200)
        assert seen == [1] and reader.reading
        reader.hold(False)
        qtbot.waitUntil(lambda: seen == [1, 2] and not reader.reading, timeout=5000)

    def test_a_lost_database_is_offline_until_a_read_works_again(self, qtbot: QtBot, live: tuple[LiveRead, Reads]) -> None:
        reader, reads = live
        states: list[bool] = []
        reader.online.connect(states.append)
        reads.down = True
        with qtbot.waitSignal(reader.failed, timeout=5000):
            reader.start()
        assert states == [False] and not reader.is_online
        reads.down = False
        with qtbot.waitSignal(reader.updated, timeout=5000):
            reader.refresh()
        assert states == [False, True]

    def test_after_stop_nothing_is_read_or_reported(self, qtbot: QtBot, live: tuple[LiveRead, Reads]) -> None:
        reader, reads = live
        seen = results(reader)
        reads.gate.clear()
        reader.start()
        reader.stop()
        reads.gate.set()
        reader.refresh()
        qtbot.wait(300)
        assert seen == [] and reads.count <= 1

    def test_a_change_in_the_database_is_read(self, qtbot: QtBot, office: Database) -> None:
        runner = OperationRunner(office)
        reads = Reads()
        live = LiveRead(office, reads, runner=runner, safety_ms=60_000)
        seen = results(live)
        try:
            live.start()
            assert live.watcher is not None and live.watcher.ready.wait(5)
            qtbot.waitUntil(lambda: len(seen) >= 1 and not live.reading, timeout=5000)
            before = len(seen)
            office.run(issue, service="TAX", now=MORNING)
            qtbot.waitUntil(lambda: len(seen) > before, timeout=5000)
        finally:
            live.stop()
            runner.shutdown()
