"""The kiosk re-reads when a change moves what it shows (its queues' counts and waits, the
office's settings), and only then (issue #11): a ticket issued at another kiosk is counted, a
recall costs no read, missed events a full read; on PostgreSQL it holds two connections."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from khiw.changes import Change, Changes
from khiw.cli.context import Context
from khiw.config import KioskConfig, PrinterConfig
from khiw.db import Database
from khiw.engine import EventKind, issue
from khiw.engine.eventlog import last_event_id
from kiosk.window import KioskWindow
from tests.fixtures import backends, new_database, pg_problem, pg_schema_url, run_elsewhere, station_url, with_office
from tests.kiosk.conftest import Kiosk


def settled(qtbot: QtBot, window: KioskWindow, db: Database) -> int:
    """Wait until the kiosk has heard of every event so far and read what it owed; its reads."""
    head = db.query(last_event_id)
    qtbot.waitUntil(lambda: window.live.heard >= head and not window.live.reading, timeout=10_000)
    return window.live.reads


def waiting(window: KioskWindow, service: str) -> int:
    assert window.status is not None
    return next(q.waiting for q in window.status.queues if q.service_code == service)


class TestKioskReadsWhatConcernsIt:
    def test_an_issue_elsewhere_is_counted_and_a_recall_costs_no_read(self, qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
        kiosk = make_kiosk()
        window, db = kiosk.window, kiosk.db
        run_elsewhere(db, "for service in ('TAX', 'TAX'):\n    db.run(engine.issue, service=service)\ndb.run(engine.call_next, counter=1)")
        qtbot.waitUntil(lambda: waiting(window, "TAX") == 1, timeout=10_000)
        before = settled(qtbot, window, db)
        run_elsewhere(db, "db.run(engine.recall, ticket='A001')")
        assert settled(qtbot, window, db) == before

    def test_missed_events_make_it_read_everything(self, qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
        kiosk = make_kiosk()
        window, db = kiosk.window, kiosk.db
        qtbot.waitUntil(lambda: not window.live.reading, timeout=10_000)
        before, head = window.live.reads, db.query(last_event_id)
        recalled = Change(head, EventKind.RECALLED, 1, 1, 1)
        assert window.live.watcher is not None
        window.live.watcher.changed.emit(Changes(head, (recalled,)))
        assert window.live.reads == before
        window.live.watcher.changed.emit(Changes(head, (recalled,), missed=True))
        assert window.live.reads == before + 1


@pytest.mark.pg
def test_a_running_kiosk_holds_two_connections(qtbot: QtBot, tmp_path: Path) -> None:
    problem = pg_problem()
    if problem:
        pytest.skip(problem)
    with pg_schema_url() as url:
        office = with_office(new_database(url))
        name = f"{make_url(url).query['application_name']}-kiosk"
        db = Context(station_url(url, name), None, None).database(station="kiosk")
        window = KioskWindow(db, kiosk=KioskConfig(fullscreen=False, name="kiosk-test"), printer=PrinterConfig(), locked=False)
        qtbot.addWidget(window)
        window.show()
        try:
            with qtbot.waitSignal(window.status_applied, timeout=10_000):
                window.start()
            assert window.live.watcher is not None and window.live.watcher.ready.wait(5)
            for service in ("TAX", "REG", "TAX"):
                office.run(issue, service=service)
            qtbot.waitUntil(lambda: waiting(window, "TAX") == 2, timeout=10_000)
            settled(qtbot, window, office)
            assert backends(name) == 2  # the runner's pooled connection and the LISTEN connection
        finally:
            window.close()
            db.dispose()
            office.dispose()
