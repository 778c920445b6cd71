"""The change feed reports new events, after commit, on SQLite (polling) and PostgreSQL (NOTIFY)."""

from __future__ import annotations

import threading

from khiw.changes import ChangeFeed
from khiw.db import Database
from khiw.engine import issue
from tests.fixtures import MORNING


class TestChangeFeed:
    def test_wait_times_out_with_none_when_nothing_changes(self, office: Database) -> None:
        feed = ChangeFeed(office)
        try:
            assert feed.wait(0.3) is None
        finally:
            feed.close()

    def test_an_issue_in_another_thread_wakes_the_waiter_with_its_event_id(self, office: Database) -> None:
        feed = ChangeFeed(office)
        feed.wait(0.01)  # connect (LISTEN) before the change
        results: list[int] = []
        timer = threading.Timer(0.2, lambda: results.append(office.run(issue, service="TAX", now=MORNING).event_id))
        timer.start()
        try:
            newest = feed.wait(5)
            timer.join()
            assert newest == results[0]
            assert feed.wait(0.2) is None
        finally:
            feed.close()

    def test_events_committed_before_listening_are_reported_at_once(self, office: Database) -> None:
        feed = ChangeFeed(office)
        issued = office.run(issue, service="REG", now=MORNING)
        try:
            assert feed.wait(2) == issued.event_id
        finally:
            feed.close()
