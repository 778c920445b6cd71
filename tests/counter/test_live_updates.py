"""A counter follows the office by updating its snapshot from each change, not re-reading it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from khiw.db import Database
from khiw.engine import call_next, issue, open_counter, start
from khiw.engine.counter_snapshot import read_counter_snapshot
from tests.counter.conftest import WAIT


class TestLiveUpdates:
    def test_the_queue_the_next_ticket_and_another_counter_follow_through_updates(
        self, qtbot: QtBot, at_counter, office_db: Database
    ) -> None:
        window = at_counter(1)  # serves TAX, then INF
        panel, table = window.station.ticket, window.station.queues.table
        qtbot.waitUntil(lambda: panel.upcoming.isVisible() and not window.live.reading, timeout=WAIT)
        before = window.live.updates
        office_db.run(issue, service="TAX")
        office_db.run(issue, service="TAX")
        qtbot.waitUntil(lambda: panel.upcoming.text().startswith("คิวถัดไป A001 · ") and table.cell(0, 1) == "2", timeout=WAIT)
        assert window.live.updates > before
        # Counter 4 also serves TAX: it opening and calling shows here (its view, the queue).
        office_db.run(open_counter, counter=4)
        called = office_db.run(call_next, counter=4)
        qtbot.waitUntil(lambda: panel.upcoming.text().startswith("คิวถัดไป A002 · ") and table.cell(0, 1) == "1", timeout=WAIT)
        qtbot.waitUntil(lambda: window.state.snapshot.counter(4).current is not None, timeout=WAIT)
        assert window.state.snapshot.counter(4).current.id == called.ticket.id
        office_db.run(start, ticket=called.ticket.id)
        qtbot.waitUntil(lambda: window.state.snapshot.counter(4).current.status == "serving", timeout=WAIT)
        qtbot.waitUntil(lambda: not window.live.reading, timeout=WAIT)
        fresh = office_db.query(read_counter_snapshot, counter=1)
        shown = window.state.snapshot
        assert (shown.status.queues, shown.status.counters, shown.next_ticket, shown.handled) == (
            fresh.status.queues,
            fresh.status.counters,
            fresh.next_ticket,
            fresh.handled,
        )
        assert window.live.updates >= before + 3

    def test_its_own_call_shows_and_goes_to_its_history_through_updates(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        from khiw.engine import finish

        window = at_counter(1)
        office_db.run(issue, service="TAX")
        qtbot.waitUntil(lambda: window.station.queues.table.cell(0, 1) == "1", timeout=WAIT)
        before = window.live.updates
        called = office_db.run(call_next, counter=1)  # as if from this counter's keys on another PC
        qtbot.waitUntil(lambda: window.station.ticket.code.text() == called.ticket.code, timeout=WAIT)
        office_db.run(start, ticket=called.ticket.id)
        office_db.run(finish, ticket=called.ticket.id)
        qtbot.waitUntil(lambda: window.station.history.table.rowCount() == 1, timeout=WAIT)
        assert window.station.history.table.cell(0, 0) == called.ticket.code
        assert window.live.updates > before
