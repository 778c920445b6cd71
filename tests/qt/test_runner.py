"""The stations' shared Qt glue: engine operations off the GUI thread, outcomes as signals."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from khiw.db import Database
from khiw.engine import TicketIssued, call_next, issue
from khiw.errors import QueueEmpty
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

