"""The board's read: latest call, latest call per counter, new calls by event id, waiting."""

from __future__ import annotations

from datetime import timedelta

from khiw.db import Database
from khiw.engine import call_next, close_counter, finish, issue, recall, start
from khiw.engine.alerts import record_print
from khiw.engine.board import board_state
from tests.fixtures import MORNING

MINUTE = timedelta(minutes=1)


class TestBoardState:
    def test_an_empty_day_has_no_calls_and_shows_every_active_queue(self, office: Database) -> None:
        state = office.query(board_state, now=MORNING)
        assert state.latest is None
        assert state.per_counter == state.recent == state.new_calls == ()
        assert [q.service_code for q in state.waiting] == ["TAX", "REG", "WEL", "BLD", "CMP", "INF"]
        assert state.office_name_th == "องค์การบริหารส่วนตำบลท่าสะอ้าน"

    def test_the_latest_call_of_each_counter_by_counter_number(self, office: Database) -> None:
        for service in ("TAX", "TAX", "TAX", "REG"):
            office.run(issue, service=service, now=MORNING)
        first = office.run(call_next, counter=2, now=MORNING + MINUTE)  # B001
        office.run(call_next, counter=1, now=MORNING + MINUTE)  # A001
        office.run(start, ticket="A001", now=MORNING + 2 * MINUTE)
        office.run(finish, ticket="A001", now=MORNING + 3 * MINUTE)
        office.run(call_next, counter=1, now=MORNING + 4 * MINUTE)  # A002
        state = office.query(board_state, now=MORNING + 5 * MINUTE)
        assert first.ticket.code == "B001"
        assert [(c.counter_number, c.ticket_code) for c in state.per_counter] == [(1, "A002"), (2, "B001")]
        assert state.latest is not None and state.latest.ticket_code == "A002"
        assert {q.service_code: q.waiting for q in state.waiting}["TAX"] == 1

    def test_new_calls_after_an_event_id_are_oldest_first_and_include_recalls(self, office: Database) -> None:
        for _ in range(3):
            office.run(issue, service="TAX", now=MORNING)
        office.run(issue, service="REG", now=MORNING)
        seen = office.query(board_state, now=MORNING).event_id
        a = office.run(call_next, counter=1, now=MORNING + MINUTE)
        b = office.run(call_next, counter=2, now=MORNING + MINUTE)
        again = office.run(recall, ticket=a.ticket.id, now=MORNING + 2 * MINUTE)
        state = office.query(board_state, after=seen, now=MORNING + 3 * MINUTE)
        assert [(c.event_id, c.ticket_code, c.counter_number, c.recall) for c in state.new_calls] == [
            (a.event_id, "A001", 1, False),
            (b.event_id, "B001", 2, False),
            (again.event_id, "A001", 1, True),
        ]
        assert state.latest is not None and state.latest.event_id == again.event_id and state.latest.recall
        assert [c.event_id for c in state.recent] == [again.event_id, b.event_id, a.event_id]
        assert state.event_id == again.event_id
        assert office.query(board_state, after=state.event_id, now=MORNING + 3 * MINUTE).new_calls == ()
        waiting = {q.service_code: q.waiting for q in state.waiting}
        assert waiting["TAX"] == 2 and waiting["REG"] == 0

    def test_a_closed_counter_leaves_the_per_counter_list_but_not_the_recent_calls(self, office: Database) -> None:
        office.run(issue, service="TAX", now=MORNING)
        called = office.run(call_next, counter=1, now=MORNING + MINUTE)
        office.run(start, ticket=called.ticket.id, now=MORNING + MINUTE)
        office.run(finish, ticket=called.ticket.id, now=MORNING + 2 * MINUTE)
        office.run(close_counter, counter=1, now=MORNING + 3 * MINUTE)
        state = office.query(board_state, now=MORNING + 4 * MINUTE)
        assert state.per_counter == ()
        assert [c.ticket_code for c in state.recent] == ["A001"]

    def test_yesterdays_calls_are_not_on_todays_board(self, office: Database) -> None:
        office.run(issue, service="TAX", now=MORNING)
        office.run(call_next, counter=1, now=MORNING + MINUTE)
        state = office.query(board_state, now=MORNING + timedelta(days=1))
        assert state.latest is None and state.per_counter == ()

    def test_a_printer_fault_is_shown_until_the_kiosk_prints_again(self, office: Database) -> None:
        office.run(record_print, ticket=None, kiosk="kiosk-1", problem="paper_out", now=MORNING)
        alert = office.query(board_state, now=MORNING).alert
        assert alert is not None and alert.problem == "paper_out" and alert.kiosk == "kiosk-1"
        assert office.query(board_state, alerts=False, now=MORNING).alert is None
        office.run(record_print, ticket=None, kiosk="kiosk-1", problem=None, now=MORNING + MINUTE)
        assert office.query(board_state, now=MORNING + MINUTE).alert is None
