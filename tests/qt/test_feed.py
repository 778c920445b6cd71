"""The stations' shared Qt glue: database changes as a signal, heard by the station's runner on
its one connection (PostgreSQL) or by polling (SQLite)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from khiw.changes import Changes
from khiw.db import Database
from khiw.engine import issue
from khiw.qt.feed import ChangeWatcher
from khiw.qt.runner import OperationRunner
from tests.fixtures import MORNING, PG_ENV, backends, end_backends, pg_station


class TestChangeWatcher:
    def test_a_change_is_signalled_with_what_changed(self, qtbot: QtBot, office: Database) -> None:
        watcher = ChangeWatcher(office)
        watcher.start()
        try:
            qtbot.waitUntil(watcher.ready.is_set, timeout=5000)
            with qtbot.waitSignal(watcher.changed, timeout=5000) as blocker:
                issued = office.run(issue, service="TAX", now=MORNING)
            changes = blocker.args[0]
            assert changes.newest == issued.event_id and not changes.missed
            assert [(c.event_id, c.ticket_id) for c in changes.events] == [(issued.event_id, issued.ticket.id)]
        finally:
            watcher.stop()

    def test_once_listening_it_asks_for_a_full_read_of_what_came_before(self, qtbot: QtBot, office: Database) -> None:
        watcher = ChangeWatcher(office)
        try:
            with qtbot.waitSignal(watcher.changed, timeout=5000) as blocker:
                watcher.start()  # a station's first read may predate the feed's starting point
            assert blocker.args[0].missed
        finally:
            watcher.stop()


@contextmanager
def listening(station: str, *, retry_seconds: float = 1.0) -> Iterator[tuple[Database, str, OperationRunner, ChangeWatcher, list[Changes], list[bool]]]:
    """A station's runner on PostgreSQL following the change feed as its LiveRead does: (the
    office, the station's connection name, runner, watcher, the changes heard, online signals)."""
    with pg_station(station) as (office, db, name):
        runner = OperationRunner(db)
        watcher = ChangeWatcher(db, runner=runner, retry_seconds=retry_seconds)
        heard: list[Changes] = []
        online: list[bool] = []
        watcher.changed.connect(heard.append)
        watcher.online.connect(online.append)
        watcher.start()
        try:
            assert watcher.ready.wait(5), "the change feed did not start"
            yield office, name, runner, watcher, heard, online
        finally:
            watcher.stop()
            runner.shutdown()


def channels(session: Session) -> list[str]:
    return list(session.execute(text("SELECT pg_listening_channels()")).scalars())


@pytest.mark.pg
class TestOneConnection:
    """A station holds one PostgreSQL connection: its operations run on the one it LISTENs on."""

    def test_a_change_committed_while_its_connection_runs_an_operation_arrives(self, qtbot: QtBot) -> None:
        with listening("board") as (office, name, runner, _watcher, heard, _online):
            started = threading.Event()

            def slow(session: Session) -> list[str]:
                started.set()
                session.execute(text("SELECT pg_sleep(0.5)"))
                return channels(session)

            with qtbot.waitSignal(runner.succeeded, timeout=10_000) as done:
                runner.submit(slow, read=True)
                assert started.wait(5)
                issued = office.run(issue, service="TAX", now=MORNING)  # committed while the station's connection sleeps
            assert done.args[1] != []  # the operation ran on the connection that listens
            qtbot.waitUntil(lambda: bool(heard) and heard[-1].newest >= issued.event_id, timeout=5000)
            assert [c.event_id for batch in heard[1:] for c in batch.events] == [issued.event_id]
            assert not any(batch.missed for batch in heard[1:])
            again = office.run(issue, service="TAX", now=MORNING)  # still listening after the pool's reset
            qtbot.waitUntil(lambda: heard[-1].newest == again.event_id, timeout=5000)
            assert not heard[-1].missed and backends(name) == 1

    def test_a_killed_connection_goes_offline_then_listens_again_and_reads_everything(self, qtbot: QtBot) -> None:
        with listening("counter", retry_seconds=0.2) as (office, name, _runner, _watcher, heard, online):
            before = len(heard)
            assert end_backends(name) == 1
            qtbot.waitUntil(lambda: online == [False, True], timeout=10_000)
            assert any(batch.missed for batch in heard[before:])  # everything is read again
            issued = office.run(issue, service="TAX", now=MORNING)
            qtbot.waitUntil(lambda: heard[-1].newest == issued.event_id, timeout=5000)
            assert not heard[-1].missed and backends(name) == 1

    def test_an_operation_after_the_connection_was_killed_runs_on_a_new_one_that_listens(self, qtbot: QtBot) -> None:
        with listening("kiosk", retry_seconds=60) as (office, name, runner, _watcher, heard, online):
            assert end_backends(name) == 1
            qtbot.waitUntil(lambda: online == [False], timeout=10_000)
            with qtbot.waitSignal(runner.succeeded, timeout=10_000) as done:
                runner.submit(channels, read=True)  # retried on a new connection, which listens only once the feed restarts
            assert done.args[1] == [] and online == [False] and backends(name) == 1

    def test_an_idle_station_sends_nothing_and_waits_on_its_socket(self, qtbot: QtBot) -> None:
        with listening("kiosk") as (_office, name, _runner, _watcher, _heard, _online):
            qtbot.wait(300)  # the start's statements are done
            first = activity(name)
            qtbot.wait(2000)
            assert activity(name) == first
            assert [state for state, *_ in first] == ["idle"]


def activity(name: str) -> list[tuple[str, object, object]]:
    """Each connection named ``name``: its state and when it last started a statement or changed state."""
    admin = make_url(os.environ[PG_ENV]).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        return conn.execute("SELECT state, query_start, state_change FROM pg_stat_activity WHERE application_name = %s", (name,)).fetchall()
