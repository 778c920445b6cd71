"""The hash chain: an intact log verifies; an edit or a deletion is named where it happened."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from khiw.db import Database
from khiw.engine import call_next, issue
from khiw.engine.audit import verify_chain
from khiw.engine.eventlog import event_hash
from khiw.models import Event
from tests.fixtures import MORNING


def busy_log(db: Database) -> int:
    """A few events; returns the last event id."""
    for i in range(3):
        db.run(issue, service="TAX", now=MORNING + timedelta(minutes=i))
    return db.run(call_next, counter=1, now=MORNING + timedelta(minutes=5)).event_id


def tamper(db: Database, sql: str, **params: object) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(sql), params)


class TestVerifyChain:
    def test_an_untouched_log_verifies(self, office: Database) -> None:
        last = busy_log(office)
        result = office.query(verify_chain)
        assert (result.ok, result.checked, result.first_bad_event) == (True, last, None)

    def test_an_edited_event_is_named(self, office: Database) -> None:
        busy_log(office)
        tamper(office, "UPDATE events SET reason = 'favour' WHERE id = 3")
        result = office.query(verify_chain)
        assert (result.ok, result.first_bad_event) == (False, 3)
        assert "event 3 was altered" in (result.problem or "")

    def test_an_edit_with_a_recomputed_hash_is_caught_by_the_next_link(self, office: Database) -> None:
        busy_log(office)
        with office.write() as s:
            event = s.get_one(Event, 3)
            event.reason = "favour"
            event.hash = event_hash(event)
        result = office.query(verify_chain)
        assert (result.ok, result.first_bad_event) == (False, 3)

    def test_a_removed_event_in_the_middle_is_named(self, office: Database) -> None:
        busy_log(office)
        tamper(office, "DELETE FROM events WHERE id = 2")
        result = office.query(verify_chain)
        assert (result.ok, result.first_bad_event) == (False, 2)
        assert "event 2 was removed" in (result.problem or "")

    def test_removed_events_at_the_end_are_named(self, office: Database) -> None:
        last = busy_log(office)
        tamper(office, "DELETE FROM events WHERE id = :id", id=last)
        result = office.query(verify_chain)
        assert (result.ok, result.first_bad_event) == (False, last)


def test_events_stamped_in_local_time_still_verify(office: Database) -> None:
    from zoneinfo import ZoneInfo

    office.run(issue, service="TAX", now=MORNING.astimezone(ZoneInfo("Asia/Bangkok")))
    assert office.query(verify_chain).ok
