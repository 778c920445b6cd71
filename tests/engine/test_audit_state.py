"""The audit covers the state: every tampering of issue #12 point 5 is detected and named.

A day is served and closed (so its report facts are cached); then each test alters the
database the way an insider could, and ``verify`` (or ``verify_anchor``) must say where.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from khiw.db import Database
from khiw.engine import authenticate, call_next, finish, issue, no_show, open_counter, start
from khiw.engine.audit import AnchorUnreadable, read_anchor, verify_anchor
from khiw.engine.eventlog import GENESIS, event_hash
from khiw.models import ChainHead, Event, EventKind
from khiw.reports.audit_days import verify
from khiw.reports.closing import close_day_and_cache
from khiw.models import report_days
from tests.fixtures import MORNING, PINS


def at(minutes: int) -> object:
    return MORNING + timedelta(minutes=minutes)


@pytest.fixture
def served_day(office: Database) -> Database:
    """Four tickets: two served, one no-show, one expired at close; counter 1 opened by somchai."""
    somchai = office.run(authenticate, username="somchai", pin=PINS["somchai"], now=at(0))
    office.run(open_counter, counter=1, actor=somchai.staff_id, now=at(0))
    for i in range(4):
        office.run(issue, service="TAX", now=at(1 + i))
    for i, outcome in enumerate(("done", "done", "no_show")):
        called = office.run(call_next, counter=1, actor=somchai.staff_id, now=at(10 + 10 * i))
        if outcome == "done":
            office.run(start, ticket=called.ticket.id, actor=somchai.staff_id, now=at(11 + 10 * i))
            office.run(finish, ticket=called.ticket.id, actor=somchai.staff_id, now=at(15 + 10 * i))
        else:
            office.run(no_show, ticket=called.ticket.id, actor=somchai.staff_id, now=at(12 + 10 * i))
    wanida = office.run(authenticate, username="wanida", pin=PINS["wanida"], now=at(60))
    office.run(close_day_and_cache, actor=wanida.staff_id, now=at(8 * 60))
    return office


def tamper(db: Database, sql: str, **params: object) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(sql), params)


def head(db: Database) -> tuple[int, str]:
    with db.read() as s:
        row = s.execute(select(ChainHead)).scalar_one()
        return row.last_id, row.last_hash


def event_row(db: Database, event_id: int) -> Event:
    with db.read() as s:
        return s.get_one(Event, event_id)


class TestUntouched:
    def test_a_served_and_closed_day_verifies_with_its_rows_and_report_day(self, served_day: Database) -> None:
        result = served_day.query(verify)
        assert result.ok, result.problem
        with served_day.read() as s:
            assert s.execute(select(report_days.c.day)).all(), "close-day cached the day"
        # 4 tickets + 4 counters + 4 staff + 1 queue count (TAX, normal lane, now 0), then the
        # 4 tickets' places and that lane's last one, + 1 report day
        assert result.rows_checked == 19


class TestRowsEditedWithoutAnEvent:
    def test_a_ticket_marked_done_is_named(self, served_day: Database) -> None:
        tamper(served_day, "UPDATE tickets SET status = 'done' WHERE id = 3")
        result = served_day.query(verify)
        assert not result.ok
        assert result.first_bad_row == "ticket 3 (A003)"
        assert "status is 'done' but the log" in (result.problem or "")

    def test_a_shortened_service_time_is_named(self, served_day: Database) -> None:
        with served_day.read() as s:
            started = s.execute(text("SELECT started_at FROM tickets WHERE id = 2")).scalar_one()
        tamper(served_day, "UPDATE tickets SET finished_at = :t WHERE id = 2", t=started)
        result = served_day.query(verify)
        assert (result.ok, result.first_bad_row) == (False, "ticket 2 (A002)")
        assert "finished_at" in (result.problem or "")

    def test_a_staff_role_raised_to_admin_is_named(self, served_day: Database) -> None:
        tamper(served_day, "UPDATE staff SET role = 'admin' WHERE username = 'somchai'")
        result = served_day.query(verify)
        assert not result.ok
        assert (result.first_bad_row or "").startswith("staff somchai")
        assert "role is 'admin' but the log says 'staff'" in (result.problem or "")

    def test_a_replaced_pin_is_named(self, served_day: Database) -> None:
        with served_day.read() as s:
            other = s.execute(text("SELECT pin_hash FROM staff WHERE username = 'wanida'")).scalar_one()
        tamper(served_day, "UPDATE staff SET pin_hash = :h WHERE username = 'somchai'", h=other)
        result = served_day.query(verify)
        assert (result.first_bad_row or "").startswith("staff somchai")
        assert "pin is replaced" in (result.problem or "")

    def test_a_counter_given_to_someone_else_is_named(self, served_day: Database) -> None:
        tamper(served_day, "UPDATE counters SET state = 'open', staff_id = 2 WHERE number = 2")
        result = served_day.query(verify)
        assert (result.ok, (result.first_bad_row or "").startswith("counter 2")) == (False, True)

    def test_an_edited_report_day_is_named(self, served_day: Database) -> None:
        with served_day.read() as s:
            day, blob = s.execute(select(report_days.c.day, report_days.c.tickets)).one()
        forged = bytearray(blob)
        forged[-1] ^= 0x01  # e.g. a wait made shorter
        tamper(served_day, "UPDATE report_days SET tickets = :b", b=bytes(forged))
        result = served_day.query(verify)
        assert not result.ok
        assert result.first_bad_row == f"report day {day}"
        assert "cached tickets differ from the events" in (result.problem or "")


class TestEventsRemoved:
    def test_a_cut_tail_with_the_chain_head_fixed_up_is_detected(self, served_day: Database) -> None:
        last, _ = head(served_day)
        keep = last - 1  # only the day_closed event is cut: no ticket or counter changes
        assert event_row(served_day, last).kind == EventKind.DAY_CLOSED
        tamper(served_day, "DELETE FROM events WHERE id > :k", k=keep)
        tamper(served_day, "UPDATE chain_head SET last_id = :k, last_hash = :h", k=keep, h=event_row(served_day, keep).hash)
        result = served_day.query(verify)
        assert not result.ok
        assert result.first_bad_row is not None and result.first_bad_row.startswith("report day")
        assert f"the log ends at event {keep}" in (result.problem or "")

    def test_a_cut_tail_that_ended_a_service_names_the_ticket(self, served_day: Database) -> None:
        with served_day.read() as s:
            finished = s.execute(select(Event.id).where(Event.kind == EventKind.FINISHED).order_by(Event.id.desc())).scalars().first()
        keep = finished - 1
        tamper(served_day, "DELETE FROM events WHERE id > :k", k=keep)
        tamper(served_day, "UPDATE chain_head SET last_id = :k, last_hash = :h", k=keep, h=event_row(served_day, keep).hash)
        result = served_day.query(verify)
        assert (result.ok, result.first_bad_row) == (False, "ticket 2 (A002)")

    def test_a_deleted_log_with_its_head_reset_is_detected(self, served_day: Database) -> None:
        tamper(served_day, "DELETE FROM events")
        tamper(served_day, "UPDATE chain_head SET last_id = 0, last_hash = :g", g=GENESIS)
        result = served_day.query(verify)
        assert not result.ok
        assert result.first_bad_row == "ticket 1 (A001)"
        assert "has no ISSUED event" in (result.problem or "")


class TestMessagesNameTheRightEvent:
    def test_two_swapped_events_are_named_as_swapped(self, served_day: Database) -> None:
        a, b = event_row(served_day, 5), event_row(served_day, 6)
        columns = [c.key for c in Event.__table__.columns if c.key != "id"]
        sets = ", ".join(f"{c} = :{c}" for c in columns)
        tamper(served_day, "UPDATE events SET hash = :tmp WHERE id = 5", tmp="f" * 64)
        tamper(served_day, f"UPDATE events SET {sets} WHERE id = 5", **_values(b, columns) | {"hash": "e" * 64})
        tamper(served_day, f"UPDATE events SET {sets} WHERE id = 6", **_values(a, columns))
        tamper(served_day, "UPDATE events SET hash = :h WHERE id = 5", h=b.hash)
        result = served_day.query(verify)
        assert (result.ok, result.first_bad_event) == (False, 5)
        assert "events 5 and 6 were swapped" in (result.problem or "")

    def test_a_changed_head_hash_is_named_as_the_head(self, served_day: Database) -> None:
        last, _ = head(served_day)
        tamper(served_day, "UPDATE chain_head SET last_hash = :h", h="0" * 63 + "1")
        result = served_day.query(verify)
        assert (result.ok, result.first_bad_event) == (False, last)
        assert "the chain head was altered" in (result.problem or "")
        assert "removed" not in (result.problem or "")


def _values(event: Event, columns: list[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for c in columns:
        value = getattr(event, c)
        if c == "data":
            value = json.dumps(value)
        elif c == "at":
            value = value.replace(tzinfo=None)
        elif hasattr(value, "value"):
            value = value.value
        out[c] = value
    return out


class TestAgainstAReport:
    """The report engineer writes the head as JSON ``chain_head`` and as PDF keywords."""

    @staticmethod
    def json_report(tmp_path: Path, events: int, digest: str) -> Path:
        path = tmp_path / "report.json"
        path.write_text(json.dumps({"office": "x", "chain_head": {"events": events, "hash": digest}, "figures": {}}))
        return path

    @staticmethod
    def pdf_report(tmp_path: Path, events: int, digest: str) -> Path:
        path = tmp_path / "report.pdf"
        info = f"<< /Title (report) /Keywords (ITA, khiw-chain-head:{events}:{digest}) >>".encode()
        path.write_bytes(b"%PDF-1.4\n1 0 obj\n" + info + b"\nendobj\n%%EOF\n")
        return path

    @pytest.mark.parametrize("kind", ["json", "pdf"])
    def test_an_intact_log_holds_the_recorded_head(self, served_day: Database, tmp_path: Path, kind: str) -> None:
        events, digest = head(served_day)
        path = getattr(self, f"{kind}_report")(tmp_path, events, digest)
        served_day.run(issue, service="TAX", now=at(9 * 60))  # the log may grow after the report
        anchor = read_anchor(path)
        assert (anchor.events, anchor.hash) == (events, digest)
        assert served_day.query(verify_anchor, anchor=anchor).ok

    @pytest.mark.parametrize("kind", ["json", "pdf"])
    def test_a_tail_cut_after_the_report_is_detected(self, served_day: Database, tmp_path: Path, kind: str) -> None:
        events, digest = head(served_day)
        path = getattr(self, f"{kind}_report")(tmp_path, events, digest)
        keep = events - 3
        tamper(served_day, "DELETE FROM report_days")  # the cache would give it away: gone too
        tamper(served_day, "DELETE FROM events WHERE id > :k", k=keep)
        tamper(served_day, "UPDATE chain_head SET last_id = :k, last_hash = :h", k=keep, h=event_row(served_day, keep).hash)
        result = served_day.query(verify_anchor, anchor=read_anchor(path))
        assert (result.ok, result.first_bad_event) == (False, keep + 1)
        assert f"events {keep + 1} to {events} were removed" in (result.problem or "")

    def test_a_recomputed_chain_passes_alone_but_not_against_the_report(self, served_day: Database, tmp_path: Path) -> None:
        events, digest = head(served_day)
        path = self.json_report(tmp_path, events, digest)
        with served_day.write() as s:  # an insider edits a call's reason and re-hashes everything after it
            prev = GENESIS
            for event in s.execute(select(Event).order_by(Event.id)).scalars():
                if event.kind == EventKind.CALLED and event.reason is None:
                    event.reason = "favour"
                event.prev_hash = prev
                event.hash = "x" * 64  # frees the unique hash while the chain is rewritten
                s.flush()
                event.hash = event_hash(event)
                prev = event.hash
            s.execute(text("UPDATE chain_head SET last_hash = :h"), {"h": prev})
        assert served_day.query(verify).ok, "a recomputed chain cannot be seen from inside the database"
        result = served_day.query(verify_anchor, anchor=read_anchor(path))
        assert (result.ok, result.first_bad_event) == (False, events)
        assert "rewritten" in (result.problem or "")

    def test_a_file_without_a_head_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "x.json"
        path.write_text('{"figures": {}}')
        with pytest.raises(AnchorUnreadable, match="chain_head"):
            read_anchor(path)
        path.write_bytes(b"%PDF-1.4 nothing here")
        with pytest.raises(AnchorUnreadable, match="no khiw-chain-head"):
            read_anchor(path)
