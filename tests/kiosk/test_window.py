"""The kiosk re-reads when a change moves what it shows (its queues' counts and waits, the
office's settings), and only then (issue #11): a ticket issued at another kiosk is counted, a
recall costs no read, missed events a full read; on PostgreSQL it holds one connection."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from khiw.changes import Change
from khiw.config import KioskConfig, PrinterConfig
from khiw.engine import EventKind, issue
from kiosk.window import KioskWindow
from tests.fixtures import backends, pg_station, run_elsewhere
from tests.kiosk.conftest import Kiosk
from tests.qt.stations import check_missed_changes_are_read, settled


def waiting(window: KioskWindow, service: str) -> int:
    assert window.status is not None
    return next(q.waiting for q in window.status.queues if q.service_code == service)


class TestKioskReadsWhatConcernsIt:
    def test_an_issue_elsewhere_is_counted_and_a_recall_costs_no_read(self, qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
        kiosk = make_kiosk()
        window, db = kiosk.window, kiosk.db
        run_elsewhere(db, "for service in ('TAX', 'TAX'):\n    db.run(engine.issue, service=service)\ndb.run(engine.call_next, counter=1)")
        qtbot.waitUntil(lambda: waiting(window, "TAX") == 1, timeout=10_000)
        before = settled(qtbot, window.live, db)
        run_elsewhere(db, "db.run(engine.recall, ticket='A001')")
        assert settled(qtbot, window.live, db) == before

    def test_missed_events_make_it_read_everything(self, qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
        check_missed_changes_are_read(qtbot, make_kiosk().window.live, Change(1, EventKind.RECALLED, 1, 1, 1))


@pytest.mark.pg
def test_a_running_kiosk_holds_one_connection(qtbot: QtBot) -> None:
    with pg_station("kiosk") as (office, db, name):
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
            settled(qtbot, window.live, office)
            assert backends(name) == 1  # the runner runs its operations and LISTENs on one connection
        finally:
            window.close()
