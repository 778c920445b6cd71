"""The ticket life after the call: recall, start, finish, no-show, reactivate, cancel, transfer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from khiw.db import Database
from khiw.engine import (
    TicketCalled,
    TicketUpdated,
    call_next,
    call_ticket,
    cancel,
    close_day,
    finish,
    issue,
    lookup,
    no_show,
    reactivate,
    recall,
    start,
    transfer,
)
from khiw.engine.status import office_status
from khiw.errors import InvalidTransition, NotFound, PermissionDenied
from khiw.models import Event, EventKind, Priority, TicketStatus
from tests.fixtures import MORNING

MINUTE = timedelta(minutes=1)


def called(db: Database, service: str = "TAX", counter: int = 1, priority: Priority = Priority.NONE) -> str:
    code = db.run(issue, service=service, priority=priority, now=MORNING).ticket.code
    assert db.run(call_next, counter=counter, now=MORNING + MINUTE).ticket.code == code
    return code


def kinds(db: Database, ticket_id: int) -> list[EventKind]:
    with db.read() as s:
        return list(s.execute(select(Event.kind).where(Event.ticket_id == ticket_id).order_by(Event.id)).scalars())


class TestServing:
    def test_service_time_is_finish_minus_start_and_is_logged(self, office: Database) -> None:
        code = called(office)
        office.run(start, ticket=code, now=MORNING + 2 * MINUTE)
        done = office.run(finish, ticket=code, now=MORNING + 9 * MINUTE + timedelta(seconds=30))
        assert done.ticket.status == TicketStatus.DONE
        assert done.ticket.finished_at - done.ticket.started_at == timedelta(minutes=7, seconds=30)
        with office.read() as s:
            event = s.execute(select(Event).where(Event.id == done.event_id)).scalar_one()
        assert event.data == {"service_s": 450.0}
        assert kinds(office, done.ticket.id) == [EventKind.ISSUED, EventKind.CALLED, EventKind.STARTED, EventKind.FINISHED]

    def test_a_finished_ticket_cannot_be_served_twice(self, office: Database) -> None:
        code = called(office)
        office.run(start, ticket=code, now=MORNING + 2 * MINUTE)
        office.run(finish, ticket=code, now=MORNING + 3 * MINUTE)
        for op in (start, finish, no_show, recall):
            with pytest.raises(InvalidTransition):
                office.run(op, ticket=code, now=MORNING + 4 * MINUTE)

    def test_finish_needs_start(self, office: Database) -> None:
        code = called(office)
        with pytest.raises(InvalidTransition, match="cannot finish"):
            office.run(finish, ticket=code, now=MORNING + 2 * MINUTE)


class TestRecallAndNoShow:
    def test_recall_counts_and_the_fourth_recall_becomes_a_no_show(self, office: Database) -> None:
        code = called(office)  # policy: auto_no_show_after_recalls = 3
        results = [office.run(recall, ticket=code, now=MORNING + (2 + i) * MINUTE) for i in range(4)]
        assert [type(r) for r in results] == [TicketCalled] * 3 + [TicketUpdated]
        assert [r.ticket.recalls for r in results[:3]] == [1, 2, 3]
        assert results[3].ticket.status == TicketStatus.NO_SHOW

    def test_a_reactivated_no_show_waits_again_in_its_original_place(self, office: Database) -> None:
        code = called(office)
        office.run(issue, service="TAX", now=MORNING + 2 * MINUTE)
        office.run(no_show, ticket=code, now=MORNING + 3 * MINUTE)
        back = office.run(reactivate, ticket=code, now=MORNING + 4 * MINUTE)
        assert back.ticket.status == TicketStatus.WAITING
        assert office.run(call_next, counter=1, now=MORNING + 5 * MINUTE).ticket.code == code

    def test_a_no_show_cannot_be_reactivated_the_next_day(self, office: Database) -> None:
        code = called(office)
        gone = office.run(no_show, ticket=code, now=MORNING + 2 * MINUTE)
        with pytest.raises(InvalidTransition, match="earlier day"):
            office.run(reactivate, ticket=gone.ticket.id, now=MORNING + timedelta(days=1))


class TestTransfer:
    def test_transfer_issues_a_ticket_in_the_new_queue_keeping_the_arrival_time(self, office: Database) -> None:
        office.run(issue, service="REG", now=MORNING - 30 * MINUTE)  # B001, waiting
        code = called(office)
        office.run(issue, service="REG", now=MORNING + 2 * MINUTE)  # B002
        moved = office.run(transfer, ticket=code, service="REG", now=MORNING + 3 * MINUTE)
        assert moved.old.status == TicketStatus.TRANSFERRED
        assert moved.new.code == "B003"
        assert moved.new.queued_at == moved.old.queued_at == MORNING
        assert moved.new.transferred_from == moved.old.id
        # Counter 2 serves REG: B001 (earliest arrival), then the transfer (arrived 09:00), then B002.
        order = []
        for i in range(3):
            c = office.run(call_next, counter=2, now=MORNING + (10 + i) * MINUTE)
            order.append((c.ticket.code, c.overtook, c.unjustified))
            office.run(no_show, ticket=c.ticket.id, now=MORNING + (10 + i) * MINUTE)
        # The transfer queued (09:00, its kept arrival) before B002 (09:02): it passes nobody.
        assert order == [("B001", 0, 0), ("B003", 0, 0), ("B002", 0, 0)]

    def test_a_waiting_transfer_is_overtaken_by_a_later_arrival_called_before_it(self, office: Database) -> None:
        code = called(office)  # A001, issued 09:00, called 09:01
        office.run(issue, service="REG", now=MORNING + 2 * MINUTE)  # B001, queued 09:02
        moved = office.run(transfer, ticket=code, service="REG", now=MORNING + 3 * MINUTE)  # B002, queued 09:00
        later = office.run(call_ticket, counter=2, ticket="B001", reason="นัดหมาย", now=MORNING + 10 * MINUTE)
        # The transfer was issued into REG after B001 (09:03) but queued before it (09:00): passed over.
        assert (moved.new.code, later.overtook) == ("B002", 1)

    def test_a_transfer_keeps_its_priority_class(self, office: Database) -> None:
        code = called(office, priority=Priority.ELDERLY)
        moved = office.run(transfer, ticket=code, service="REG", now=MORNING + 3 * MINUTE)
        assert moved.new.priority == Priority.ELDERLY

    def test_transfer_to_an_unknown_service_changes_nothing(self, office: Database) -> None:
        code = called(office)
        with pytest.raises(NotFound, match="unknown service"):
            office.run(transfer, ticket=code, service="XYZ", now=MORNING + 2 * MINUTE)
        assert kinds(office, 1) == [EventKind.ISSUED, EventKind.CALLED]


class TestRoles:
    def test_staff_cannot_cancel_a_waiting_ticket_but_a_supervisor_can(self, office: Database) -> None:
        code = office.run(issue, service="TAX", now=MORNING).ticket.code
        staff_id = office.query(lambda s: lookup.staff(s, "somchai").id)
        boss_id = office.query(lambda s: lookup.staff(s, "wanida").id)
        with pytest.raises(PermissionDenied):
            office.run(cancel, ticket=code, actor=staff_id, now=MORNING)
        assert office.run(cancel, ticket=code, actor=boss_id, now=MORNING).ticket.status == TicketStatus.CANCELLED

    def test_staff_cannot_close_the_day(self, office: Database) -> None:
        staff_id = office.query(lambda s: lookup.staff(s, "malee").id)
        with pytest.raises(PermissionDenied):
            office.run(close_day, actor=staff_id, now=MORNING)


class TestCloseDay:
    def test_waiting_tickets_expire_and_counters_close(self, office: Database) -> None:
        office.run(issue, service="TAX", now=MORNING)
        office.run(issue, service="REG", now=MORNING)
        called(office, service="INF", counter=3)
        assert office.run(close_day, now=MORNING + 9 * 60 * MINUTE) == 2
        status = office.query(office_status, now=MORNING + 9 * 60 * MINUTE)
        assert sum(q.waiting for q in status.queues) == 0
        assert all(c.state.value == "closed" for c in status.counters)
