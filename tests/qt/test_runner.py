"""The stations' shared Qt glue: engine operations off the GUI thread, outcomes as signals."""

from __future__ import annotations

import sqlite3

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from khiw.db import Database
from khiw.engine import TicketIssued, call_next, issue
from khiw.errors import QueueEmpty
from khiw.qt.feed import ChangeWatcher
from khiw.qt.runner import OperationRunner
from tests.fixtures import MORNING


class TestOperationRunner:
    def test_result_arrives_through_the_signal(self, qtbot: QtBot, office: Database) -> None:
        runner = OperationRunner(office)
        try:
            with qtbot.waitSignal(runner.succeeded, timeout=5000) as blocker:
                runner.submit(issue, service="TAX", now=MORNING)
            _job, result = blocker.args
            assert isinstance(result, TicketIssued)
            assert result.ticket.code == "A001"
        finally:
            runner.shutdown()

    def test_a_refusal_arrives_as_the_typed_error(self, qtbot: QtBot, office: Database) -> None:
        runner = OperationRunner(office)
        seen: list[BaseException] = []
        try:
            with qtbot.waitSignal(runner.failed, timeout=5000):
                runner.submit(call_next, counter=1, now=MORNING, on_error=seen.append)
            assert isinstance(seen[0], QueueEmpty)
        finally:
            runner.shutdown()


    def test_a_runner_deleted_without_shutdown_stops_its_thread_and_signals_nothing(self, qtbot: QtBot, office: Database) -> None:
        owner = QObject()  # a window dropped without being closed
        runner = OperationRunner(office, owner)
        watcher = ChangeWatcher(office, runner=runner, parent=owner)
        watcher.start()
        assert watcher.ready.wait(5)
        worker = runner._thread
        shiboken6.delete(owner)  # deletes the runner and the watcher with it
        worker.join(timeout=5)
        assert not worker.is_alive()

    def test_a_watcher_deleted_without_stop_is_no_longer_told_of_changes(self, qtbot: QtBot, office: Database) -> None:
        runner = OperationRunner(office)
        try:
            watcher = ChangeWatcher(office, runner=runner)
            watcher.start()
            assert watcher.ready.wait(5)
            shiboken6.delete(watcher)
            qtbot.waitUntil(lambda: runner._listener is None, timeout=5000)
            office.run(issue, service="TAX", now=MORNING)  # the worker must not signal the deleted watcher
            with qtbot.waitSignal(runner.succeeded, timeout=5000):
                runner.submit(issue, service="TAX", now=MORNING)
        finally:
            runner.shutdown()


class TestWaitingSignal:
    def test_an_operation_held_up_by_another_writer_says_so_then_clears(self, qtbot: QtBot, office: Database) -> None:
        if not office.is_sqlite:
            pytest.skip("one database is enough for the signal; PostgreSQL's lock limits: test_stuck_client")
        holder = sqlite3.connect(office.url.database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        runner = OperationRunner(office, waiting_after=0.2)
        seen: list[bool] = []
        runner.waiting.connect(seen.append)
        try:
            with qtbot.waitSignal(runner.waiting, timeout=3000):
                runner.submit(issue, service="TAX", now=MORNING)
            assert seen == [True]
            holder.rollback()  # the other program lets go: the ticket is issued, the notice clears
            with qtbot.waitSignal(runner.succeeded, timeout=5000):
                pass
            qtbot.waitUntil(lambda: seen == [True, False], timeout=3000)
        finally:
            holder.close()
            runner.shutdown()

    def test_a_quick_operation_never_signals(self, qtbot: QtBot, office: Database) -> None:
        runner = OperationRunner(office, waiting_after=2.0)
        seen: list[bool] = []
        runner.waiting.connect(seen.append)
        try:
            with qtbot.waitSignal(runner.succeeded, timeout=5000):
                runner.submit(issue, service="TAX", now=MORNING)
            qtbot.wait(50)
            assert seen == []
        finally:
            runner.shutdown()
