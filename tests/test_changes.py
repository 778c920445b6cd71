"""The change feed reports new events, after commit, with what each concerns, on SQLite
(polling) and PostgreSQL (NOTIFY), and says so whenever it cannot vouch it missed none."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from khiw.changes import Change, ChangeFeed, parse_payload
from khiw.db import Database
from khiw.engine import EventKind, TicketIssued, call_next, issue
from khiw.engine.eventlog import NOTIFY_CHANNEL, notify_payload
from khiw.errors import DatabaseUnavailable
from tests.fixtures import MORNING, backends, end_backends, pg_station


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
            # Three events in one transaction: PostgreSQL delivers their notifications together
            # at commit (three commits could reach a loaded feed one or two at a time, each batch
            # within the limit).
            last = office.run(lambda session: [issue(session, service="TAX", now=MORNING) for _ in range(3)][-1])
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


@pytest.mark.pg
class TestPooledFeed:
    """On PostgreSQL a station's feed LISTENs on the one connection its operations run on."""

    def test_it_needs_a_database_of_one_connection(self) -> None:
        with pg_station("feed") as (office, _db, _name), pytest.raises(ValueError, match="one connection"):
            ChangeFeed(office, pooled=True)  # the CLI's pool of five: which one would it listen on?

    def test_operations_run_on_the_listening_connection(self) -> None:
        with pg_station("feed") as (_office, db, name):
            feed = ChangeFeed(db, pooled=True)
            try:
                assert db.query(lambda s: s.execute(text("SELECT pg_listening_channels()")).scalars().all()) == [feed_channel(db)]
                assert backends(name) == 1
            finally:
                feed.close()
            assert db.query(lambda s: s.execute(text("SELECT pg_listening_channels()")).scalars().all()) == []  # closing UNLISTENs

    def test_a_change_committed_while_an_operation_runs_on_it_is_kept(self) -> None:
        with pg_station("feed") as (office, db, _name):
            feed = ChangeFeed(db, pooled=True)
            issued: list[TicketIssued] = []

            def busy(session: Session) -> None:
                session.execute(text("SELECT 1"))  # inside a transaction from here on: the server holds the notification back
                other = threading.Thread(target=lambda: issued.append(office.run(issue, service="TAX", now=MORNING)))
                other.start()
                other.join()
                session.execute(text("SELECT pg_sleep(0.2)"))

            try:
                db.query(busy)
                changes = feed.wait(0)  # does not block: psycopg read it along with the operation's results
                assert changes is not None and not changes.missed
                assert [(c.event_id, c.ticket_id) for c in changes.events] == [(issued[0].event_id, issued[0].ticket.id)]
            finally:
                feed.close()

    def test_the_pools_rollback_on_return_keeps_listening(self) -> None:
        with pg_station("feed") as (office, db, _name):
            feed = ChangeFeed(db, pooled=True)
            try:
                with db.engine.connect() as conn:  # returned inside a transaction: the pool rolls it back
                    conn.execute(text("SELECT 1"))
                issued = office.run(issue, service="TAX", now=MORNING)
                changes = feed.wait(5)
                assert changes is not None and not changes.missed and changes.newest == issued.event_id
            finally:
                feed.close()

    def test_a_connection_the_pool_replaced_is_listened_on_again(self) -> None:
        with pg_station("feed") as (office, db, name):
            feed = ChangeFeed(db, pooled=True)
            try:
                assert end_backends(name) == 1
                issued = db.run(issue, service="TAX", now=MORNING)  # run again on a new connection
                with pytest.raises(DatabaseUnavailable):
                    feed.wait(1)  # its connection is gone
                changes = feed.wait(5)  # LISTENs on the pool's new one; what came before is unknown
                assert changes is not None and changes.missed and changes.newest == issued.event_id
                assert db.query(lambda s: s.execute(text("SELECT pg_listening_channels()")).scalars().all()) == [feed_channel(db)]
                again = office.run(issue, service="TAX", now=MORNING)
                changes = feed.wait(5)
                assert changes is not None and not changes.missed and changes.newest == again.event_id
                assert backends(name) == 1
            finally:
                feed.close()


def feed_channel(db: Database) -> str:
    """The channel a feed on ``db`` listens on: one per schema."""
    schema = db.query(lambda s: s.execute(text("SELECT current_schema()")).scalar_one())
    return f"{NOTIFY_CHANNEL}_{schema}"
