"""Bringing a station's last read up to date from the changes since equals reading it again.

The kiosk's :class:`OfficeStatus` and the counter's :class:`CounterSnapshot` are updated, not
re-read, on each change (issue #11). A seeded random day of real operations checks, after
every one, that the update of the previous result by the changes since is exactly the full
read; the statement counts show that an update reads only what its changes touch.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from khiw.changes import Change
from khiw.db import Database
from khiw.engine import (
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
from khiw.engine.closing import close_day
from khiw.engine.counter_snapshot import CounterSnapshot, read_counter_snapshot, update_counter_snapshot
from khiw.engine.eventlog import last_event_id
from khiw.engine.status import OfficeStatus, office_status, update_office_status
from khiw.errors import KhiwError
from khiw.models import Priority, Ticket, TicketStatus
from tests.fixtures import MORNING, changes_after, record_statements

STEPS, STEP = 120, timedelta(seconds=40)
READ_AT = MORNING + timedelta(hours=3)  # every read at one instant: the clock moves nothing
SERVICES = ("TAX", "REG", "WEL", "BLD", "CMP", "INF")
BUSIEST = ("TAX", "TAX", "TAX", "REG", "REG", *SERVICES)  # enough finished for a recent rate (three)
COUNTERS = (1, 2, 3, 4)
WEIGHTS = {"issue": 5, "call_next": 5, "start": 4, "finish": 4}


def _tickets(db: Database, *statuses: TicketStatus) -> list[int]:
    return list(db.query(lambda s: list(s.execute(select(Ticket.id).where(Ticket.status.in_(statuses)).order_by(Ticket.id)).scalars())))


def _at_counter(db: Database, counter: int) -> Any:
    return next(c.current for c in db.query(office_status, now=READ_AT).counters if c.number == counter)


def random_operation(db: Database, rng: random.Random, now: Any) -> str:
    """Run one random operation of a working day and say which (``refused``: the engine
    refused it, which is part of a day too)."""
    at = {c.number: c.current for c in db.query(office_status, now=READ_AT).counters}
    busy = [number for number, ticket in at.items() if ticket is not None]
    counter = rng.choice(busy if busy and rng.random() < 0.6 else COUNTERS)  # mostly where a citizen stands
    choices: dict[str, Callable[[], Any]] = {
        "issue": lambda: db.run(issue, service=rng.choice(BUSIEST), priority=rng.choice([Priority.NONE] * 3 + list(Priority)), now=now),
        "call_next": lambda: db.run(call_next, counter=counter, now=now),
        "open": lambda: db.run(open_counter, counter=counter, now=now),
        "close": lambda: db.run(close_counter, counter=counter, now=now),
        "pause": lambda: db.run(pause_counter, counter=counter, reason="break", now=now),
        "resume": lambda: db.run(resume_counter, counter=counter, now=now),
        "print": lambda: db.run(record_print, ticket=None, kiosk="kiosk-1", problem=rng.choice([None, "paper_out"]), now=now),
    }
    current = at[counter]
    if current is not None:
        other = rng.choice([s for s in SERVICES if s != current.service_code])
        choices |= {
            "recall": lambda: db.run(recall, ticket=current.id, now=now),
            "start": lambda: db.run(start, ticket=current.id, now=now),
            "finish": lambda: db.run(finish, ticket=current.id, now=now),
            "no_show": lambda: db.run(no_show, ticket=current.id, now=now),
            "transfer": lambda: db.run(transfer, ticket=current.id, service=other, now=now),
            "cancel": lambda: db.run(cancel, ticket=current.id, now=now),
        }
    waiting, gone = _tickets(db, TicketStatus.WAITING), _tickets(db, TicketStatus.NO_SHOW)
    if waiting:
        choices["cancel waiting"] = lambda: db.run(cancel, ticket=rng.choice(waiting), reason="left", now=now)
    if gone:
        choices["reactivate"] = lambda: db.run(reactivate, ticket=rng.choice(gone), now=now)
    # Issues, calls and service dominate a real day.
    names = list(choices)
    name = rng.choices(names, weights=[WEIGHTS.get(n, 1) for n in names])[0]
    try:
        choices[name]()
    except KhiwError:
        return "refused"
    return name


KEYS: tuple[object, ...] = ("kiosk", "office", None, *COUNTERS)  # the kiosk's status, the whole office's, counters'


def _full_read(db: Database, key: object, now: Any = READ_AT) -> Any:
    """The read a station makes: the kiosk's queues, the office, a counter's snapshot (None: no counter)."""
    if key in ("kiosk", "office"):
        return db.query(office_status, now=now, counters=key == "office")
    return db.query(read_counter_snapshot, counter=key, now=now)


def _update(db: Database, key: object, previous: Any, changes: tuple[Change, ...], now: Any = READ_AT) -> Any:
    if isinstance(previous, OfficeStatus):
        return db.query(update_office_status, previous=previous, changes=changes, now=now, counters=key == "office")
    assert isinstance(previous, CounterSnapshot)
    return db.query(update_counter_snapshot, previous=previous, changes=changes, counter=key, now=now)


class TestUpdatesEqualFullReads:
    @pytest.mark.parametrize("seed", [11, 2026])
    def test_after_every_operation_of_a_random_day(self, office: Database, seed: int) -> None:
        rng = random.Random(seed)
        for number in (1, 2, 3):
            office.run(open_counter, counter=number, now=MORNING)
        for _ in range(12):
            office.run(issue, service=rng.choice(SERVICES), now=MORNING)
        last = {key: _full_read(office, key) for key in KEYS}
        seen = office.query(last_event_id)
        done: set[str] = set()
        for step in range(STEPS):
            now = MORNING + step * STEP
            if step == STEPS // 2:
                office.run(update_service, actor=None, code="TAX", changes={"standard_minutes": 12}, was={"standard_minutes": 10}, now=now)
            elif step == STEPS - 1:
                office.run(close_day, now=now)
            else:
                done.add(random_operation(office, rng, now))
            changes = changes_after(office, seen)
            seen = office.query(last_event_id)
            for key, previous in last.items():
                updated = _update(office, key, previous, changes)
                assert updated == _full_read(office, key), f"step {step} ({sorted(done)}), {key}: {[c.kind.value for c in changes]}"
                last[key] = updated  # chained: an error carried from an earlier step shows too
        assert done >= {"issue", "call_next", "recall", "start", "finish", "no_show", "transfer", "cancel", "cancel waiting", "reactivate", "open", "close", "pause", "print"}

    def test_a_counter_that_changed_counter_is_read_in_full(self, office: Database) -> None:
        office.run(open_counter, counter=1, now=MORNING)
        before = office.query(read_counter_snapshot, counter=1, now=READ_AT)
        office.run(issue, service="TAX", now=MORNING)
        changes = changes_after(office, before.event_id)
        updated = office.query(update_counter_snapshot, previous=before, changes=changes, counter=2, now=READ_AT)
        assert updated == office.query(read_counter_snapshot, counter=2, now=READ_AT)


class TestStatementsPerChange:
    """Each kind of change costs the statements of what it touches, not a full read."""

    @pytest.fixture
    def busy(self, office: Database) -> Database:
        for number in (1, 2):
            office.run(open_counter, counter=number, now=MORNING)
        for service in ("TAX", "TAX", "REG", "REG", "WEL"):
            office.run(issue, service=service, now=MORNING)
        office.run(call_next, counter=1, now=MORNING)
        return office

    def _counted(self, db: Database, operation: Callable[[], Any]) -> dict[str, tuple[int, int]]:
        """For each read, (statements of the update, statements of the full read) after ``operation``."""
        now = MORNING + timedelta(minutes=1)
        last = {key: _full_read(db, key, now) for key in KEYS}
        seen = db.query(last_event_id)
        operation()
        changes = changes_after(db, seen)
        out = {}
        for key, previous in last.items():
            update = len(record_statements(db, lambda: _update(db, key, previous, changes, now)))
            full = len(record_statements(db, lambda: _full_read(db, key, now)))
            out[str(key)] = (update, full)
        return out

    # Bounds as counted on PostgreSQL; SQLite adds its BEGIN. A full read here is 9 (the
    # kiosk's queues), 13 (the office) or 19 statements (a counter's snapshot).

    def test_an_issue_reads_its_queue_and_the_next_ticket_of_the_counters_serving_it(self, busy: Database) -> None:
        counts = self._counted(busy, lambda: busy.run(issue, service="WEL", now=MORNING))
        assert counts["kiosk"][0] <= 9, counts
        for key in ("1", "4"):  # WEL is not theirs
            assert counts[key][0] <= 9, counts
        for key in ("2", "3"):
            assert counts[key][0] <= 11, counts

    def test_a_recall_or_a_start_reads_one_counter_and_no_queue(self, busy: Database) -> None:
        ticket = _at_counter(busy, 1).id
        for operation in (recall, start):
            counts = self._counted(busy, lambda op=operation: busy.run(op, ticket=ticket, now=MORNING))
            assert counts["kiosk"][0] == 0, counts  # the kiosk shows no counter
            assert all(update <= 6 for key, (update, _) in counts.items() if key != "kiosk"), counts

    def test_a_print_outcome_reads_the_alert_alone(self, busy: Database) -> None:
        counts = self._counted(busy, lambda: busy.run(record_print, ticket=None, kiosk="k", problem="paper_out", now=MORNING))
        assert counts["kiosk"][0] == 0 and counts["office"][0] == 0, counts
        assert all(update <= 3 for key, (update, _) in counts.items() if key not in ("kiosk", "office")), counts

    def test_a_call_reads_its_queue_and_its_counter(self, busy: Database) -> None:
        counts = self._counted(busy, lambda: busy.run(call_next, counter=2, now=MORNING))
        assert counts["kiosk"][0] <= 9, counts
        assert all(update <= 15 for key, (update, _) in counts.items()), counts

    def test_a_counter_pausing_reads_the_queues_it_serves(self, busy: Database) -> None:
        counts = self._counted(busy, lambda: busy.run(pause_counter, counter=2, reason="break", now=MORNING))
        assert counts["kiosk"][0] <= 10, counts
        assert all(update <= 14 for key, (update, _) in counts.items()), counts

    def test_a_settings_change_is_a_full_read(self, busy: Database) -> None:
        counts = self._counted(
            busy, lambda: busy.run(update_service, actor=None, code="TAX", changes={"standard_minutes": 12}, was={"standard_minutes": 10})
        )
        assert all(update == full for update, full in counts.values()), counts
