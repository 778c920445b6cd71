"""Replaying the event log to check the tables it explains.

The hash chain proves the log was not edited; it says nothing of the tables beside it. Every
ticket, counter, staff and kiosk printer row, and every cached report day, is a function of the events: this
module recomputes them from the log alone and names the first row that differs. A row edited
without an event (a ticket marked done, a role raised to admin, a report day's figures made
better) or events cut from the end of the log with the chain head fixed up then show as a
row the log does not explain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from itertools import groupby
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from khiw.models import Counter, CounterState, Event, EventKind, PrinterState, QueueCount, Staff, Ticket, TicketStatus

_ENDINGS = {
    EventKind.FINISHED: TicketStatus.DONE,
    EventKind.NO_SHOW: TicketStatus.NO_SHOW,
    EventKind.CANCELLED: TicketStatus.CANCELLED,
    EventKind.EXPIRED: TicketStatus.EXPIRED,
    EventKind.TRANSFERRED: TicketStatus.TRANSFERRED,
}
_COUNTER_STATES = {
    EventKind.COUNTER_OPENED: CounterState.OPEN,
    EventKind.COUNTER_RESUMED: CounterState.OPEN,
    EventKind.COUNTER_PAUSED: CounterState.PAUSED,
    EventKind.COUNTER_CLOSED: CounterState.CLOSED,
}
#: The ticket columns the log determines, compared in this order.
TICKET_COLUMNS = (
    "status",
    "service_id",
    "priority",
    "number",
    "counter_id",
    "staff_id",
    "issued_at",
    "queued_at",
    "called_at",
    "last_called_at",
    "started_at",
    "finished_at",
    "recalls",
    "transferred_from_id",
)


@dataclass(frozen=True, slots=True)
class Mismatch:
    """The first row the log does not explain: which row, which event last concerned it, how."""

    row: str
    event: int | None
    problem: str


@dataclass(slots=True)
class _TicketState:
    last_event: int
    values: dict[str, Any] = field(default_factory=dict)


def verify_state(session: Session, *, batch: int = 5000) -> tuple[int, Mismatch | None]:
    """Replay every event; compare tickets, counters, staff and kiosk printers with what it says.

    Returns the number of rows checked and the first mismatch (None when all agree).
    Tickets are replayed one at a time, their events read in ticket order beside the ticket
    rows (a merge), so memory stays flat however long the log is.
    """
    counters, rosters, configured = _replay_office(session, batch)
    checked = 0
    checks = (
        _check_tickets(session, batch),
        _check_counters(session, counters),
        _check_staff(session, rosters, configured),
        _check_printers(session, batch),
        _check_queue_counts(session),
        _check_lane_places(session, batch),
    )
    for check in checks:
        for mismatch in check:
            if mismatch is not None:
                return checked, mismatch
            checked += 1
    return checked, None


_Latest = dict[int, tuple[int, dict[str, Any]]]
_COLUMNS = (Event.id, Event.at, Event.kind, Event.office_id, Event.ticket_id, Event.service_id, Event.counter_id, Event.staff_id, Event.priority, Event.data)


def _replay_office(session: Session, batch: int) -> tuple[_Latest, _Latest, set[int]]:
    """From the events without a ticket: each counter's last state, each office's last staff
    roster (``khiw init``'s, with the admin tab's later edits merged in), and the offices ever
    configured."""
    counters: _Latest = {}
    rosters: _Latest = {}
    configured: set[int] = set()
    query = select(*_COLUMNS).where(Event.ticket_id.is_(None)).order_by(Event.id)
    for e in session.execute(query.execution_options(yield_per=batch)):
        if e.kind == EventKind.CONFIG_APPLIED:
            configured.add(e.office_id)
            if "roster" in (e.data or {}):
                rosters[e.office_id] = (e.id, e.data["roster"])
        elif e.kind == EventKind.SETTINGS_CHANGED and "roster" in (e.data or {}):
            # An edit in the admin tab records the accounts it changed; the rest stay as before.
            before = rosters.get(e.office_id, (e.id, {}))[1]
            rosters[e.office_id] = (e.id, {**before, **e.data["roster"]})
        elif e.kind in _COUNTER_STATES and e.counter_id is not None:
            state = _COUNTER_STATES[e.kind]
            counters[e.counter_id] = (e.id, {"state": state, "staff_id": e.staff_id if state != CounterState.CLOSED else None, "state_since": e.at})
    return counters, rosters, configured


def _replay_ticket(events: list[Any], transferred: dict[int, datetime]) -> _TicketState | None:
    """One ticket's events (in id order), as the engine's operations changed its row; None
    when they do not start with ISSUED. ``transferred`` keeps the arrival time of each
    transferred ticket for the ticket it became (always a higher id, so replayed later)."""
    first = events[0]
    if first.kind != EventKind.ISSUED:
        return None
    source = (first.data or {}).get("from_ticket")
    v: dict[str, Any] = {
        "status": TicketStatus.WAITING,
        "service_id": first.service_id,
        "priority": first.priority,
        "number": (first.data or {}).get("number"),
        "counter_id": None,
        "staff_id": None,
        "issued_at": first.at,
        "queued_at": transferred.pop(source, first.at) if source is not None else first.at,
        "called_at": None,
        "last_called_at": None,
        "started_at": None,
        "finished_at": None,
        "recalls": 0,
        "transferred_from_id": source,
    }
    for e in events[1:]:
        if e.kind == EventKind.CALLED:
            v.update(status=TicketStatus.CALLED, counter_id=e.counter_id, staff_id=e.staff_id, called_at=e.at, last_called_at=e.at)
        elif e.kind == EventKind.RECALLED:
            v.update(recalls=(e.data or {}).get("recalls", v["recalls"] + 1), last_called_at=e.at)
        elif e.kind == EventKind.STARTED:
            v.update(status=TicketStatus.SERVING, started_at=e.at)
        elif e.kind == EventKind.REACTIVATED:
            v.update(status=TicketStatus.WAITING, counter_id=None, staff_id=None)
        elif e.kind in _ENDINGS:
            v["status"] = _ENDINGS[e.kind]
            if e.kind == EventKind.FINISHED or (e.kind == EventKind.TRANSFERRED and v["started_at"] is not None):
                v["finished_at"] = e.at
            if e.kind == EventKind.TRANSFERRED:
                transferred[first.ticket_id] = v["queued_at"]
    return _TicketState(events[-1].id, v)


def _ticket_rows(session: Session, batch: int) -> Iterator[Ticket]:
    """Every ticket in id order, a page at a time (keyset paging: no second open cursor)."""
    last = 0
    while True:
        page = session.execute(select(Ticket).where(Ticket.id > last).order_by(Ticket.id).limit(batch)).scalars().all()
        if not page:
            return
        yield from page
        last = page[-1].id
        session.expunge_all()


def _check_tickets(session: Session, batch: int) -> Iterator[Mismatch | None]:
    events = session.execute(
        select(*_COLUMNS).where(Event.ticket_id.is_not(None)).order_by(Event.ticket_id, Event.id).execution_options(yield_per=batch)
    )
    rows = _ticket_rows(session, batch)
    row = next(rows, None)
    transferred: dict[int, datetime] = {}
    for ticket_id, group in groupby(events, key=lambda e: e.ticket_id):
        if row is not None and row.id < ticket_id:
            break  # this row has no events at all: reported below
        state = _replay_ticket(list(group), transferred)
        if row is None or row.id != ticket_id:
            yield Mismatch(f"ticket {ticket_id}", None, f"ticket {ticket_id} is in the log but not in the tickets table")
            return
        name = f"ticket {row.id} ({row.code})"
        if state is None:
            yield Mismatch(name, None, f"{name} has no ISSUED event: it was added to the table, or its events were removed from the log")
            return
        for column in TICKET_COLUMNS:
            have, want = getattr(row, column), state.values[column]
            if have != want:
                yield Mismatch(name, state.last_event, f"{name}: {column} is {_show(have)} but the log (up to event {state.last_event}) says {_show(want)}")
                return
        yield None
        row = next(rows, None)
    if row is not None:
        name = f"ticket {row.id} ({row.code})"
        yield Mismatch(name, None, f"{name} has no ISSUED event: it was added to the table, or its events were removed from the log")


def _check_counters(session: Session, replayed: dict[int, tuple[int, dict[str, Any]]]) -> Iterator[Mismatch | None]:
    for row in session.execute(select(Counter).order_by(Counter.id)).scalars():
        name = f"counter {row.number} (id {row.id})"
        last, want = replayed.get(row.id, (None, {"state": CounterState.CLOSED, "staff_id": None}))
        for column, value in want.items():
            if getattr(row, column) != value:
                after = f"event {last}" if last else "no counter event"
                yield Mismatch(name, last, f"{name}: {column} is {_show(getattr(row, column))} but the log ({after}) says {_show(value)}")
                return
        yield None


def _check_staff(session: Session, rosters: dict[int, tuple[int, dict[str, Any]]], configured: set[int]) -> Iterator[Mismatch | None]:
    """Each account against the roster its office's last ``khiw init`` recorded.

    An office configured only by a Khiw that did not record rosters yet is not checked until
    the next ``khiw init``; an office never configured in the log is a log that was removed.
    """
    for row in session.execute(select(Staff).order_by(Staff.id)).scalars():
        name = f"staff {row.username} (id {row.id})"
        if row.office_id in configured and row.office_id not in rosters:
            continue
        if row.office_id not in rosters:
            yield Mismatch(name, None, f"{name} is not in any configuration the log recorded (khiw init): added or its events removed")
            return
        event, roster = rosters[row.office_id]
        want = roster.get(row.username)
        if want is None:
            yield Mismatch(name, event, f"{name} was added after the configuration of event {event}, without an event")
            return
        have = {
            "name": row.display_name,
            "role": str(row.role),
            "active": bool(row.active),
            "pin": hashlib.sha256(row.pin_hash.encode()).hexdigest()[:16],
        }
        for key, value in want.items():
            if have.get(key) != value:
                shown = "replaced" if key == "pin" else f"{_show(have.get(key))} but the log says {_show(value)}"
                yield Mismatch(name, event, f"{name}: {key} is {shown} (configuration of event {event})")
                return
        yield None


def replay_printers(session: Session, batch: int = 5000) -> dict[tuple[int, str], dict[str, Any]]:
    """Each kiosk's row of ``printer_states`` as its last print event (PRINTED or
    PRINT_FAILED, whose ``reason`` is the problem) says it must be; the migration that
    created the table filled it by the same rule."""
    latest: dict[tuple[int, str], dict[str, Any]] = {}
    kinds = (EventKind.PRINTED, EventKind.PRINT_FAILED)
    query = select(Event.id, Event.at, Event.kind, Event.office_id, Event.ticket_id, Event.reason, Event.data).where(Event.kind.in_(kinds))
    for e in session.execute(query.order_by(Event.id).execution_options(yield_per=batch)):
        failed = e.kind == EventKind.PRINT_FAILED
        latest[(e.office_id, str((e.data or {}).get("kiosk", "")))] = {
            "problem": (e.reason if e.reason is not None else "") if failed else None,
            "ticket_id": e.ticket_id,
            "at": e.at,
            "event_id": e.id,
        }
    return latest


def _check_printers(session: Session, batch: int) -> Iterator[Mismatch | None]:
    want = replay_printers(session, batch)
    for row in session.execute(select(PrinterState).order_by(PrinterState.office_id, PrinterState.kiosk)).scalars():
        name = f"printer of kiosk {row.kiosk!r}"
        expected = want.pop((row.office_id, row.kiosk), None)
        if expected is None:
            yield Mismatch(name, None, f"{name} has no print event in the log: added without one, or its events were removed")
            return
        for column, value in expected.items():
            if getattr(row, column) != value:
                last = expected["event_id"]
                yield Mismatch(name, last, f"{name}: {column} is {_show(getattr(row, column))} but the log (event {last}) says {_show(value)}")
                return
        yield None
    for (_, kiosk), expected in sorted(want.items()):
        yield Mismatch(f"printer of kiosk {kiosk!r}", expected["event_id"], f"kiosk {kiosk!r} has print events but no printer_states row")
        return


def _check_queue_counts(session: Session) -> Iterator[Mismatch | None]:
    """The kept waiting counts against the waiting tickets (checked above against the log)."""
    lane = Ticket.priority != "none"
    want = {
        (service_id, day, bool(priority)): n
        for service_id, day, priority, n in session.execute(
            select(Ticket.service_id, Ticket.service_day, lane, func.count()).where(Ticket.status == TicketStatus.WAITING).group_by(Ticket.service_id, Ticket.service_day, lane)
        )
    }
    for row in session.execute(select(QueueCount).order_by(QueueCount.service_id, QueueCount.day, QueueCount.priority)).scalars():
        name = f"queue count of service {row.service_id} on {row.day} ({'priority' if row.priority else 'normal'} lane)"
        expected = want.pop((row.service_id, row.day, row.priority), 0)
        if row.waiting != expected:
            yield Mismatch(name, None, f"{name} is {row.waiting} but {expected} tickets wait there")
            return
        yield None
    for (service_id, day, priority), n in sorted(want.items()):
        yield Mismatch(f"queue count of service {service_id} on {day}", None, f"{n} tickets wait in service {service_id} on {day} but no queue count was kept")
        return


def _check_lane_places(session: Session, batch: int) -> Iterator[Mismatch | None]:
    """The lanes' places (:attr:`Ticket.lane_seq`) against the queue order: a lane-day's
    placed tickets, in queue order, hold 1, 2, 3…, and its count's row knows the last one."""
    lane = Ticket.priority != "none"
    placed = (
        select(Ticket.service_id, Ticket.service_day, lane, Ticket.queued_at, Ticket.id, Ticket.lane_seq)
        .where(Ticket.lane_seq.is_not(None))
        .order_by(Ticket.service_id, Ticket.service_day, lane, Ticket.queued_at, Ticket.id)
    )
    last: dict[tuple[int, date, bool], tuple[int, datetime | None]] = {}
    for service_id, day, priority, queued_at, ticket_id, seq in session.execute(placed.execution_options(yield_per=batch)):
        key = (service_id, day, bool(priority))
        expected = last.get(key, (0, None))[0] + 1
        if seq != expected:
            yield Mismatch(f"ticket {ticket_id}", None, f"ticket {ticket_id} holds place {seq} of its lane but is number {expected} in queue order")
            return
        last[key] = (expected, queued_at)
        yield None
    for row in session.execute(select(QueueCount).order_by(QueueCount.service_id, QueueCount.day, QueueCount.priority)).scalars():
        key = (row.service_id, row.day, row.priority)
        if (row.entered, row.tail_queued_at) != last.pop(key, (0, None)):
            name = f"queue count of service {row.service_id} on {row.day} ({'priority' if row.priority else 'normal'} lane)"
            yield Mismatch(name, None, f"{name} gave {row.entered} places, the last at {_show(row.tail_queued_at)}, but its tickets say otherwise")
            return
        yield None
    for service_id, day, priority in sorted(last):
        yield Mismatch(f"queue count of service {service_id} on {day}", None, f"service {service_id} on {day} has placed tickets but no queue count ({'priority' if priority else 'normal'} lane)")
        return


def _show(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return repr(str(value)) if hasattr(value, "value") else repr(value)
