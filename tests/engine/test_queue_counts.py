"""The kept waiting counts (``queue_counts``): moved by every operation, recounted by the audit."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, text

from khiw.db import Database
from khiw.engine import issue
from khiw.reports.audit_days import verify
from tests.fixtures import MORNING

MINUTE = timedelta(minutes=1)


class TestQueueCounts:
    def test_the_kept_waiting_counts_follow_every_move_and_the_audit_recounts_them(self, office: Database) -> None:
        from khiw.engine import call_next, cancel, no_show, reactivate
        from khiw.engine.status import office_status
        from khiw.models import Priority, QueueCount

        for lane in (Priority.NONE, Priority.ELDERLY, Priority.NONE):
            office.run(issue, service="TAX", priority=lane, now=MORNING)
        called = office.run(call_next, counter=1, now=MORNING + MINUTE)
        office.run(no_show, ticket=called.ticket.id, now=MORNING + MINUTE)
        office.run(reactivate, ticket=called.ticket.id, now=MORNING + 2 * MINUTE)
        office.run(cancel, ticket="A003", reason="left", now=MORNING + 2 * MINUTE)
        with office.read() as s:
            kept = {r.priority: r.waiting for r in s.execute(select(QueueCount)).scalars()}
        assert kept == {False: 1, True: 1}
        tax = next(q for q in office.query(office_status, now=MORNING + 2 * MINUTE).queues if q.service_code == "TAX")
        assert (tax.waiting, tax.waiting_priority) == (2, 1)
        assert office.query(verify).ok
        with office.engine.begin() as conn:  # a queue made to look shorter
            conn.execute(text("UPDATE queue_counts SET waiting = 0"))
        result = office.query(verify)
        assert not result.ok and "queue count of service" in (result.first_bad_row or "")

    def test_the_audit_checks_the_lanes_places_against_the_queue_order(self, office: Database) -> None:
        """The places (tickets.lane_seq) are kept like the counts, so checked like them: a
        place out of queue order would put a phone page's "people ahead" wrong."""
        for minute in range(3):
            office.run(issue, service="TAX", now=MORNING + minute * MINUTE)
        assert office.query(verify).ok
        with office.engine.begin() as conn:
            conn.execute(text("UPDATE tickets SET lane_seq = 4 - lane_seq"))  # the lane's places reversed
        result = office.query(verify)
        assert not result.ok and "place 3 of its lane but is number 1" in (result.first_bad_row or "") + (result.problem or "")
