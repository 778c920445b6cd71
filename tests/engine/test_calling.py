"""Calling the next ticket: FIFO within a lane, priority interleave, max wait, out of order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from khiw.config import PolicyConfig
from khiw.db import Database
from khiw.engine import call_next, call_ticket, finish, issue, start
from khiw.engine.calling import next_for_counter
from khiw.errors import CounterBusy, InvalidTransition, QueueEmpty, ReasonRequired
from khiw.models import Event, Priority
from tests.fixtures import MORNING, office_config, with_office

MINUTE = timedelta(minutes=1)


def issue_at(db: Database, service: str, minute: int, priority: Priority = Priority.NONE) -> str:
    return db.run(issue, service=service, priority=priority, now=MORNING + minute * MINUTE).ticket.code


def serve(db: Database, counter: int, minute: int) -> str:
    """Call, start and finish at ``counter``; the code that was called."""
    now = MORNING + minute * MINUTE
    called = db.run(call_next, counter=counter, now=now)
    db.run(start, ticket=called.ticket.id, now=now)
    db.run(finish, ticket=called.ticket.id, now=now + MINUTE / 2)
    return called.ticket.code


class TestCallNext:
    def test_empty_queue_raises_queue_empty_with_exit_code_3(self, office: Database) -> None:
        with pytest.raises(QueueEmpty) as err:
            office.run(call_next, counter=1, now=MORNING)
        assert err.value.exit_code == 3

    def test_first_come_first_served_within_a_service(self, office: Database) -> None:
        for minute in range(3):
            issue_at(office, "TAX", minute)
        assert [serve(office, 1, 10 + i) for i in range(3)] == ["A001", "A002", "A003"]

    def test_counter_takes_its_main_service_first_then_helps_the_next(self, office: Database) -> None:
        issue_at(office, "INF", 0)  # counter 1 serves TAX first, then INF
        issue_at(office, "TAX", 1)
        assert serve(office, 1, 5) == "A001"
        assert serve(office, 1, 6) == "F001"

    def test_priority_interleave_one_priority_after_every_two_normal(self, office: Database) -> None:
        for minute in range(4):
            issue_at(office, "TAX", minute)
        for minute in range(4, 7):
            issue_at(office, "TAX", minute, Priority.ELDERLY)
        order = [serve(office, 1, 10 + i) for i in range(7)]
        # No priority called yet today, so priority first; then 2 normal, 1 priority, ...
        assert order == ["A005", "A001", "A002", "A006", "A003", "A004", "A007"]

    def test_a_ticket_past_max_wait_goes_first_whatever_its_lane(self, db: Database) -> None:
        cfg = office_config()
        with_office(db, cfg.model_copy(update={"policy": PolicyConfig(max_wait_minutes=30, normal_per_priority=0)}))
        issue_at(db, "TAX", 0)
        issue_at(db, "TAX", 20, Priority.MONK)
        called = db.run(call_next, counter=1, now=MORNING + 31 * MINUTE)
        assert called.ticket.code == "A001"
        assert called.rule == "max_wait"

    def test_counter_with_a_ticket_still_called_is_busy(self, office: Database) -> None:
        issue_at(office, "TAX", 0)
        issue_at(office, "TAX", 1)
        office.run(call_next, counter=1, now=MORNING + 2 * MINUTE)
        with pytest.raises(CounterBusy, match="A001"):
            office.run(call_next, counter=1, now=MORNING + 3 * MINUTE)

    def test_two_counters_never_get_the_same_ticket(self, office: Database) -> None:
        issue_at(office, "TAX", 0)
        issue_at(office, "TAX", 1)
        first = office.run(call_next, counter=1, now=MORNING + 2 * MINUTE)
        second = office.run(call_next, counter=4, now=MORNING + 2 * MINUTE)  # 4 serves TAX third
        assert {first.ticket.code, second.ticket.code} == {"A001", "A002"}


class TestNextForCounter:
    """What the idle counter shows as "next" is what ``+`` then calls, and reading it claims nothing."""

    def test_the_shown_next_ticket_is_the_one_call_next_gives(self, office: Database) -> None:
        for minute in range(3):
            issue_at(office, "TAX", minute)
        issue_at(office, "INF", 3)
        for minute in range(4, 6):
            issue_at(office, "TAX", minute, Priority.ELDERLY)
        for i in range(6):
            now = MORNING + (10 + i) * MINUTE
            shown = office.run(next_for_counter, counter=1, now=now)
            again = office.run(next_for_counter, counter=1, now=now)
            assert shown is not None and again == shown  # a read: nothing was claimed
            assert serve(office, 1, 10 + i) == shown.code
        assert office.run(next_for_counter, counter=1, now=MORNING + 30 * MINUTE) is None

    def test_a_ticket_past_max_wait_is_shown_first(self, office: Database) -> None:
        issue_at(office, "INF", 0)  # counter 1 serves TAX first
        issue_at(office, "TAX", 50)
        shown = office.run(next_for_counter, counter=1, now=MORNING + 61 * MINUTE)
        assert shown is not None and shown.code == "F001"


class TestOvertakes:
    def test_priority_passing_earlier_normal_tickets_is_justified(self, office: Database) -> None:
        issue_at(office, "TAX", 0)
        issue_at(office, "TAX", 1)
        issue_at(office, "TAX", 2, Priority.DISABLED)
        called = office.run(call_next, counter=1, now=MORNING + 3 * MINUTE)
        assert (called.ticket.code, called.overtook, called.unjustified) == ("A003", 2, 0)

    def test_out_of_order_call_needs_a_reason_and_counts_as_unjustified(self, office: Database) -> None:
        issue_at(office, "TAX", 0)
        issue_at(office, "TAX", 1)
        with pytest.raises(ReasonRequired):
            office.run(call_ticket, counter=1, ticket="A002", reason=" ", now=MORNING + 2 * MINUTE)
        called = office.run(call_ticket, counter=1, ticket="A002", reason="มีนัดล่วงหน้า", now=MORNING + 2 * MINUTE)
        assert (called.rule, called.overtook, called.unjustified) == ("out_of_order", 1, 1)
        with office.read() as s:
            event = s.execute(select(Event).where(Event.id == called.event_id)).scalar_one()
        assert event.reason == "มีนัดล่วงหน้า"

    def test_calling_a_ticket_that_is_not_waiting_is_refused(self, office: Database) -> None:
        issue_at(office, "TAX", 0)
        office.run(call_next, counter=1, now=MORNING + MINUTE)
        with pytest.raises(InvalidTransition):
            office.run(call_ticket, counter=4, ticket="A001", reason="x", now=MORNING + 2 * MINUTE)
