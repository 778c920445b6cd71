"""The board's read says whether each call is still live and where a transferred ticket came
from, on SQLite and PostgreSQL, so the board can refuse to show a stale call."""

from __future__ import annotations

from datetime import timedelta

from khiw.db import Database
from khiw.engine import call_next, close_counter, finish, issue, start, transfer
from khiw.engine.board import board_state
from tests.fixtures import MORNING

MINUTE = timedelta(minutes=1)


class TestLiveCalls:
    def test_called_and_serving_are_live_finished_is_not(self, office: Database) -> None:
        office.run(issue, service="TAX", now=MORNING)
        office.run(call_next, counter=1, now=MORNING + MINUTE)
        assert office.query(board_state, now=MORNING + MINUTE).latest.live  # type: ignore[union-attr]
        office.run(start, ticket="A001", now=MORNING + 2 * MINUTE)
        assert office.query(board_state, now=MORNING + 2 * MINUTE).latest.live  # type: ignore[union-attr]
        office.run(finish, ticket="A001", now=MORNING + 3 * MINUTE)
        done = office.query(board_state, now=MORNING + 3 * MINUTE)
        assert done.latest is not None and not done.latest.live and not done.per_counter[0].live
        office.run(close_counter, counter=1, now=MORNING + 4 * MINUTE)
        closed = office.query(board_state, now=MORNING + 4 * MINUTE)
        assert closed.latest is not None and not closed.latest.live and closed.per_counter == ()

    def test_a_transferred_ticket_carries_the_code_on_the_citizens_paper(self, office: Database) -> None:
        office.run(issue, service="TAX", now=MORNING)
        office.run(call_next, counter=1, now=MORNING + MINUTE)
        moved = office.run(transfer, ticket="A001", service="REG", now=MORNING + 2 * MINUTE)
        office.run(call_next, counter=2, now=MORNING + 3 * MINUTE)
        state = office.query(board_state, now=MORNING + 3 * MINUTE)
        assert state.latest is not None
        assert (state.latest.ticket_code, state.latest.transferred_from, state.latest.live) == (moved.new.code, "A001", True)
        assert [c.transferred_from for c in state.recent] == ["A001", None]
