"""The change feed reports new events, after commit, with what each concerns, on SQLite
(polling) and PostgreSQL (NOTIFY), and says so whenever it cannot vouch it missed none."""

from __future__ import annotations

import threading

import pytest

from khiw.changes import Change, ChangeFeed, parse_payload
from khiw.db import Database
from khiw.engine import EventKind, call_next, issue
from khiw.engine.eventlog import notify_payload
from tests.fixtures import MORNING


class TestPayload:
    def test_a_payload_reads_back_as_the_change_it_describes(self) -> None:
        payload = notify_payload(42, EventKind.CALLED, 17, 3, None)
        assert parse_payload(payload) == (42, Change(42, EventKind.CALLED, 17, 3, None))

    @pytest.mark.parametrize("payload", ["42", "42:no_such_kind:1:2:3"])
    def test_a_payload_it_cannot_read_still_gives_the_event_id(self, payload: str) -> None:
        assert parse_payload(payload) == (42, None)


class TestChangeFeed:
    def test_wait_times_out_with_none_when_nothing_changes(self, office: Database) -> None:
        feed = ChangeFeed(office)
        try:
            assert feed.wait(0.3) is None
        finally:
            feed.close()

    def test_an_issue_in_another_thread_wakes_the_waiter_with_what_changed(self, office: Database) -> None:
        feed = ChangeFeed(office)
        results = []
        timer = threading.Timer(0.2, lambda: results.append(office.run(issue, service="TAX", now=MORNING)))
        timer.start()
        try:
            changes = feed.wait(5)
            timer.join()
            issued = results[0]
            assert changes is not None and not changes.missed
            assert changes.newest == issued.event_id
            assert changes.events == (Change(issued.event_id, EventKind.ISSUED, issued.ticket.id, None, changes.events[0].service_id),)
            assert changes.events[0].service_id is not None
            assert feed.wait(0.2) is None
        finally:
            feed.close()

    def test_several_events_arrive_in_order_with_their_counter(self, office: Database) -> None:
        feed = ChangeFeed(office)
        try:
            issued = office.run(issue, service="TAX", now=MORNING)
            called = office.run(call_next, counter=1, now=MORNING)
            seen: list[Change] = []
            while len(seen) < 3 and (changes := feed.wait(5)) is not None:
                assert not changes.missed
                seen += changes.events
            kinds = [c.kind for c in seen]
            assert kinds[0] == EventKind.ISSUED and kinds[-1] == EventKind.CALLED  # the call may open the counter first
            assert [c.event_id for c in seen] == list(range(issued.event_id, called.event_id + 1))
            assert seen[-1].ticket_id == issued.ticket.id and seen[-1].counter_id is not None
        finally:
            feed.close()

    def test_more_events_than_a_batch_holds_are_reported_as_missed(self, office: Database) -> None:
        feed = ChangeFeed(office, max_batch=2)
        try:
            for _ in range(3):
                last = office.run(issue, service="TAX", now=MORNING)
            changes = feed.wait(5)
            while changes is not None and changes.newest < last.event_id and not changes.missed:  # PostgreSQL may wake on the first
                changes = feed.wait(5)
            assert changes is not None and changes.missed and changes.events == ()
            assert feed.last_seen == last.event_id
        finally:
            feed.close()

    def test_events_written_while_the_feed_was_away_are_reported_as_missed(self, office: Database) -> None:
        feed = ChangeFeed(office)
        try:
            feed.close()  # on PostgreSQL: the listener is gone, as after a lost connection
            issued = office.run(issue, service="REG", now=MORNING)
            changes = feed.wait(2)
            assert changes is not None and changes.newest == issued.event_id
            assert changes.missed == (not office.is_sqlite)  # SQLite reads the log itself: nothing was lost
        finally:
            feed.close()

    def test_ids_that_do_not_follow_on_are_reported_as_missed(self, office: Database) -> None:
        feed = ChangeFeed(office)
        try:
            feed.last_seen -= 1  # as if the notification of the newest event had been lost
            issued = office.run(issue, service="REG", now=MORNING)
            changes = feed.wait(2)
            assert changes is not None and changes.newest == issued.event_id
            # PostgreSQL hears of the new event only: a gap. SQLite reads both from the log.
            assert changes.missed == (not office.is_sqlite)
            assert len(changes.events) == (2 if office.is_sqlite else 0)
        finally:
            feed.close()
