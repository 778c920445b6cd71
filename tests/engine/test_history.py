"""What a counter has handled today (khiw.engine.history), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from khiw.db import Database
from khiw.engine import call_next, finish, issue, no_show, reactivate, start, transfer
from khiw.engine.history import handled_at_counter
from tests.fixtures import MORNING

MINUTE = timedelta(minutes=1)


def at(minute: float):
    return MORNING + minute * MINUTE


class TestHandledAtCounter:
    def test_newest_first_with_outcome_and_recorded_service_time(self, office: Database) -> None:
        for minute in range(3):
            office.run(issue, service="TAX", now=at(minute))
        first = office.run(call_next, counter=1, now=at(5))
        office.run(start, ticket=first.ticket.id, now=at(6))
        office.run(finish, ticket=first.ticket.id, now=at(8.5))
        second = office.run(call_next, counter=1, now=at(9))
        office.run(no_show, ticket=second.ticket.id, now=at(10))
        third = office.run(call_next, counter=1, now=at(11))
        office.run(transfer, ticket=third.ticket.id, service="REG", now=at(12))

        handled = office.query(handled_at_counter, counter=1, now=at(13))

        assert [(h.code, h.outcome) for h in handled] == [("A003", "transferred"), ("A002", "no_show"), ("A001", "finished")]
        assert handled[2].service_seconds == 150.0
        assert handled[0].service_seconds is None
        assert handled[2].service_name_th == "ชำระภาษีที่ดินและสิ่งปลูกสร้าง"

    def test_only_this_counter_and_at_most_limit(self, office: Database) -> None:
        for minute in range(4):
            office.run(issue, service="TAX", now=at(minute))
        for counter in (1, 1, 4, 1):
            called = office.run(call_next, counter=counter, now=at(5))
            office.run(no_show, ticket=called.ticket.id, now=at(5))

        handled = office.query(handled_at_counter, counter=1, limit=2, now=at(6))

        assert [h.code for h in handled] == ["A004", "A002"]
        assert [h.code for h in office.query(handled_at_counter, counter=4, now=at(6))] == ["A003"]

    def test_a_reactivated_no_show_still_shows_here_with_its_status_now(self, office: Database) -> None:
        office.run(issue, service="TAX", now=at(0))
        called = office.run(call_next, counter=1, now=at(1))
        office.run(no_show, ticket=called.ticket.id, now=at(2))
        office.run(reactivate, ticket=called.ticket.id, now=at(3))

        (handled,) = office.query(handled_at_counter, counter=1, now=at(4))

        assert (handled.outcome, handled.status) == ("no_show", "waiting")

    def test_yesterday_is_not_today(self, office: Database) -> None:
        office.run(issue, service="TAX", now=at(0))
        called = office.run(call_next, counter=1, now=at(1))
        office.run(no_show, ticket=called.ticket.id, now=at(2))

        assert office.query(handled_at_counter, counter=1, now=at(24 * 60)) == ()
