"""A counter re-reads when a change concerns what it shows, and only then (issue #11): its own
services' queues, its counter, the office-wide state; not another counter's work on other
services. A supervisor's overview shows every counter, so every change concerns it; missed
events always mean a full read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter.i18n import Translations
from counter.window import CounterWindow
from khiw.changes import Change
from khiw.db import Database
from khiw.engine import EventKind, issue
from tests.counter.conftest import WAIT, WindowFactory, at_station, shows, sign_in
from tests.fixtures import backends, pg_station, run_elsewhere
from tests.qt.stations import check_missed_changes_are_read, settled

# Counter 1 serves TAX and INF; counter 2 serves REG, WEL and INF (the example office).
BUSY_AT_TWO = "for _ in range(3):\n    db.run(engine.issue, service='REG')\ndb.run(engine.call_next, counter=2)"
NEXT_AT_TWO = "db.run(engine.issue, service='REG')\ndb.run(engine.no_show, ticket='B001')\ndb.run(engine.call_next, counter=2)"


class TestCounterReadsWhatConcernsIt:
    def test_another_counters_work_on_other_services_costs_no_read(self, qtbot: QtBot, office_db: Database, at_counter: Callable[..., CounterWindow]) -> None:
        window = at_counter(1, "somchai")
        run_elsewhere(office_db, BUSY_AT_TWO)  # opens counter 2: every counter re-reads (its waits may move)
        before = settled(qtbot, window.live, office_db)
        run_elsewhere(office_db, NEXT_AT_TWO)  # a REG ticket issued, one finished, one called at counter 2
        assert settled(qtbot, window.live, office_db) == before

    def test_a_ticket_for_its_service_issued_elsewhere_is_shown(self, qtbot: QtBot, office_db: Database, at_counter: Callable[..., CounterWindow]) -> None:
        window = at_counter(1, "somchai")
        before = settled(qtbot, window.live, office_db)
        run_elsewhere(office_db, "db.run(engine.issue, service='TAX')")
        qtbot.waitUntil(lambda: window.state.snapshot.next_ticket is not None and window.state.snapshot.next_ticket.code == "A001", timeout=WAIT)
        assert window.live.reads == before + 1

    def test_the_supervisors_overview_reads_every_change(self, qtbot: QtBot, office_db: Database, make_window: WindowFactory) -> None:
        window = make_window()
        sign_in(qtbot, window, "wanida")
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.supervisor and window.state.snapshot is not None, timeout=WAIT)
        run_elsewhere(office_db, BUSY_AT_TWO)
        before = settled(qtbot, window.live, office_db)
        run_elsewhere(office_db, NEXT_AT_TWO)
        qtbot.waitUntil(lambda: window.state.snapshot.counter(2).current.code == "B002", timeout=WAIT)
        assert window.live.reads > before

    def test_missed_events_make_it_read_everything(self, qtbot: QtBot, at_counter: Callable[..., CounterWindow]) -> None:
        window = at_counter(1, "somchai")
        check_missed_changes_are_read(qtbot, window.live, Change(1, EventKind.CALLED, 99, 99, 99))  # another counter, another service


@pytest.mark.pg
def test_a_working_counter_holds_one_connection(qtbot: QtBot, english: Path) -> None:
    with pg_station("counter") as (office, db, name):
        window = CounterWindow(db, counter=1, translations=Translations(english))
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.start()
        try:
            sign_in(qtbot, window, "somchai")
            at_station(qtbot, window)
            for service in ("TAX", "REG", "TAX"):
                office.run(issue, service=service)
            qtbot.waitUntil(lambda: window.state.snapshot.next_ticket is not None, timeout=WAIT)
            window.station.pad.buttons["call_next"].click()
            shows(qtbot, window, "A001")
            settled(qtbot, window.live, office)
            assert backends(name) == 1  # the runner runs its operations and LISTENs on one connection
        finally:
            window.stop()
