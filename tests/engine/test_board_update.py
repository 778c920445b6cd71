"""The board brought up to date from the changes since its last snapshot: the same as a full read, for less."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from khiw.db import Database
from khiw.engine import (
    Priority,
    call_next,
    cancel,
    close_counter,
    finish,
    issue,
    no_show,
    open_counter,
    pause_counter,
    reactivate,
    recall,
    resume_counter,
    start,
    transfer,
)
from khiw.engine.admin import update_service
from khiw.engine.alerts import record_print
from khiw.engine.board import BoardState, board_state
from khiw.engine.board_update import board_update
from khiw.errors import KhiwError
from khiw.models import EventKind, Service, Staff, Ticket, TicketStatus
from tests.fixtures import MORNING, changes_after, record_statements

SERVICES = ("TAX", "REG", "WEL", "BLD", "CMP", "INF")
COUNTERS = (1, 2, 3, 4)
BOARD_NOW = MORNING + timedelta(hours=2)  # every read at one moment: the clock-driven figures agree


def _tickets(db: Database, *statuses: TicketStatus) -> list[int]:
    return list(db.query(lambda s: s.execute(select(Ticket.id).where(Ticket.status.in_(statuses)).order_by(Ticket.id)).scalars().all()))


def _boss(db: Database) -> int:
    return db.query(lambda s: s.execute(select(Staff.id).where(Staff.username == "wanida")).scalar_one())


def _standard(db: Database, code: str) -> int:
    return db.query(lambda s: s.execute(select(Service.standard_minutes).where(Service.code == code)).scalar_one())


def _operations(db: Database, rng: random.Random) -> list[tuple[int, Callable[[datetime], Any]]]:
    """(weight, operation at a time) of every kind the board follows; each picks its ticket or counter when run."""
    at_counter = lambda: rng.choice(_tickets(db, TicketStatus.CALLED, TicketStatus.SERVING) or [0])
    tickets = lambda *statuses: rng.choice(_tickets(db, *statuses) or [0])
    boss = _boss(db)
    return [
        (30, lambda at: db.run(issue, service=rng.choice(SERVICES), priority=rng.choice([Priority.NONE, Priority.NONE, Priority.ELDERLY]), now=at)),
        (20, lambda at: db.run(call_next, counter=rng.choice(COUNTERS), now=at)),
        (5, lambda at: db.run(recall, ticket=tickets(TicketStatus.CALLED), now=at)),
        (8, lambda at: db.run(start, ticket=tickets(TicketStatus.CALLED), now=at)),
        (12, lambda at: db.run(finish, ticket=at_counter(), now=at)),
        (4, lambda at: db.run(no_show, ticket=tickets(TicketStatus.CALLED), now=at)),
        (2, lambda at: db.run(reactivate, ticket=tickets(TicketStatus.NO_SHOW), now=at)),
        (3, lambda at: db.run(transfer, ticket=at_counter(), service=rng.choice(SERVICES), now=at)),
        (3, lambda at: db.run(cancel, ticket=tickets(TicketStatus.WAITING), reason="left", now=at)),
        (2, lambda at: db.run(open_counter, counter=rng.choice(COUNTERS), now=at)),
        (3, lambda at: db.run(close_counter, counter=rng.choice(COUNTERS), now=at)),
        (1, lambda at: db.run(pause_counter, counter=rng.choice(COUNTERS), reason="lunch", now=at)),
        (1, lambda at: db.run(resume_counter, counter=rng.choice(COUNTERS), now=at)),
        (2, lambda at: db.run(record_print, ticket=None, kiosk="kiosk-1", problem=rng.choice([None, "paper_out"]), now=at)),
        (1, lambda at: db.run(update_service, actor=boss, code="WEL", changes={"standard_minutes": rng.randint(5, 30)}, was={"standard_minutes": _standard(db, "WEL")}, now=at)),
    ]


def _update(db: Database, previous: BoardState, now: datetime = BOARD_NOW) -> BoardState:
    return db.query(board_update, previous=previous, changes=changes_after(db, previous.event_id), after=previous.event_id, now=now)


class TestBoardUpdate:
    def test_a_random_day_updated_change_by_change_is_the_full_read_every_time(self, office: Database) -> None:
        rng = random.Random(11)
        operations = _operations(office, rng)
        state = office.query(board_state, now=BOARD_NOW)
        kinds: set[EventKind] = set()
        for step in range(140):
            for _ in range(rng.choice([1, 1, 1, 2, 3])):  # sometimes several changes come in one wake-up
                try:
                    operation = rng.choices([op for _, op in operations], weights=[w for w, _ in operations])[0]
                    (operations[-1][1] if step % 50 == 25 else operation)(MORNING + timedelta(seconds=20 * step))  # the settings thrice at least
                except KhiwError:
                    pass  # nobody waiting, a ticket in the wrong state: nothing was written
            changes = changes_after(office, state.event_id)
            kinds |= {change.kind for change in changes}
            updated = office.query(board_update, previous=state, changes=changes, after=state.event_id, now=BOARD_NOW)
            assert updated == office.query(board_state, after=state.event_id, now=BOARD_NOW), f"step {step}"
            state = updated
        expected = {EventKind.ISSUED, EventKind.CALLED, EventKind.RECALLED, EventKind.STARTED, EventKind.FINISHED, EventKind.NO_SHOW}
        assert expected | {EventKind.TRANSFERRED, EventKind.CANCELLED, EventKind.COUNTER_CLOSED, EventKind.SETTINGS_CHANGED} <= kinds
        assert state.new_calls or state.recent  # the day did call people

    def test_each_call_is_a_new_call_once_and_live_flags_follow_the_tickets(self, office: Database) -> None:
        for service in ("TAX", "TAX", "REG"):
            office.run(issue, service=service, now=MORNING)
        state = office.query(board_state, now=BOARD_NOW)
        a = office.run(call_next, counter=1, now=MORNING + timedelta(minutes=1))
        b = office.run(call_next, counter=2, now=MORNING + timedelta(minutes=1))
        state = _update(office, state)
        assert [c.event_id for c in state.new_calls] == [a.event_id, b.event_id]
        office.run(start, ticket=a.ticket.id, now=MORNING + timedelta(minutes=2))
        office.run(finish, ticket=a.ticket.id, now=MORNING + timedelta(minutes=3))
        state = _update(office, state)
        assert state.new_calls == ()
        assert [(c.counter_number, c.live) for c in state.per_counter] == [(1, False), (2, True)]

    def test_another_day_or_a_settings_change_is_read_in_full(self, office: Database) -> None:
        office.run(issue, service="TAX", now=MORNING)
        office.run(call_next, counter=1, now=MORNING)
        state = office.query(board_state, now=MORNING + timedelta(minutes=1))
        office.run(issue, service="TAX", now=MORNING + timedelta(days=1))
        tomorrow = MORNING + timedelta(days=1, minutes=1)
        assert _update(office, state, tomorrow) == office.query(board_state, after=state.event_id, now=tomorrow)
        assert _update(office, state, tomorrow).per_counter == ()


class TestStatements:
    """An update reads only what its changes touch (the full read is the yardstick)."""

    def _count(self, db: Database, operation: Callable[[], Any]) -> tuple[int, int]:
        previous = db.query(board_state, now=BOARD_NOW)
        operation()
        changes = changes_after(db, previous.event_id)
        update = len(record_statements(db, lambda: db.query(board_update, previous=previous, changes=changes, after=previous.event_id, now=BOARD_NOW)))
        full = len(record_statements(db, lambda: db.query(board_state, after=previous.event_id, now=BOARD_NOW)))
        return update, full

    def test_an_issue_a_call_a_finish_and_a_print_cost_a_part_of_the_full_read(self, office: Database) -> None:
        office.run(open_counter, counter=1, now=MORNING)
        for _ in range(3):
            office.run(issue, service="TAX", now=MORNING)
        issued, full = self._count(office, lambda: office.run(issue, service="TAX", now=MORNING))
        called, _ = self._count(office, lambda: office.run(call_next, counter=1, now=MORNING))
        started, _ = self._count(office, lambda: office.run(start, ticket="A001", now=MORNING))
        finished, _ = self._count(office, lambda: office.run(finish, ticket="A001", now=MORNING))
        recalled, _ = self._count(office, lambda: (office.run(call_next, counter=1, now=MORNING), office.run(recall, ticket="A002", now=MORNING)))
        printed, _ = self._count(office, lambda: office.run(record_print, ticket=None, kiosk="kiosk-1", problem="paper_out", now=MORNING))
        # One office, then one service's queue (7 or 8: the overdue tickets are read only when
        # some are), the calls by id for a call or a finish; the alert for a print; a start: nothing.
        assert issued <= 10 and called <= 11 and finished <= 11 and recalled <= 11
        assert (started, printed) == (0, 3 if office.is_sqlite else 2)
        assert full >= 14 and max(issued, called, finished, recalled) <= full - 4

    def test_a_counter_opening_is_the_full_read(self, office: Database) -> None:
        update, full = self._count(office, lambda: office.run(open_counter, counter=3, now=MORNING))
        assert update == full
